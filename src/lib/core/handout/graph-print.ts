import { defaultCollapsed } from '../layout/elk-input.ts';
import { sceneAt, type Scene, type SceneText, type VisualState } from '../layout/scene.ts';
import { isCollapsible } from '../layout/statements.ts';
import { sceneToSvg } from '../layout/svg.ts';
import type { GraphLayout } from '../layout/types.ts';
import type { Trace } from '../trace/build.ts';
import type { GraphView } from './files.ts';

/**
 * The graph as a handout prints it: whole, in pieces, or not at all, so that no label on paper
 * is smaller than `MIN_PRINTED_PT`. A graph wider than the page is cut between its columns
 * (where no box or wire label is) into pieces read left to right; one that still needs too many
 * pieces is folded by assignment and tried again; one that cannot be printed readably is left
 * out with a note saying how to get it.
 */
export const MIN_PRINTED_PT = 7;

/**
 * The printed area a piece must fit, in CSS px (96 per inch): the narrowest text width of any
 * format (LaTeX on A4, 210 mm − 2 × 18 mm = 174 mm) and a height that leaves room for a heading
 * and caption on the shortest page (LaTeX on Letter, 243 mm of text height; 190 mm here).
 */
export const PRINT_BOX = { width: mm(174), height: mm(190) };

/** More pieces than this is a poster, not a handout figure: fold, or leave the graph out. */
export const MAX_PIECES = 4;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function mm(x: number): number {
	return (x / 25.4) * 96;
}

/** One piece of the printed graph: a standalone SVG showing part of the drawing at 1:1. */
export interface GraphPiece {
	readonly svg: string;
	/** Its declared size in px, the same as its viewBox: printed no wider than the page, never scaled up. */
	readonly width: number;
	readonly height: number;
}

export interface GraphPrint {
	/** Empty when the graph is left out. */
	readonly pieces: readonly GraphPiece[];
	/** Plain text for the reader: how the graph was folded or cut, or why it is missing. */
	readonly note?: string;
}

export interface GraphPrintOptions {
	readonly sig?: number;
	readonly title?: string;
	/** How to get the whole graph as one picture, for the note (e.g. the command line). */
	readonly svgHint?: string;
}

/** Lays the graph out with these statements folded into boxes (ELK in Node or a worker). */
export type LayoutFn = (collapsed: ReadonlySet<number>) => Promise<GraphLayout>;

/** A printed handout has no "current step": every node and wire is drawn as done or not reached. */
export function settled(scene: Scene): Scene {
	const calm = (s: VisualState): VisualState => (s === 'current' || s === 'read' ? 'done' : s);
	return {
		...scene,
		nodes: scene.nodes.map((n) => (n.state === 'current' || n.state === 'read' ? { ...n, state: calm(n.state) } : n)),
		edges: scene.edges.map((e) => (e.state === 'current' || e.state === 'read' ? { ...e, state: calm(e.state) } : e))
	};
}

/** The static picture of a view: the graph at that step, without a current-step highlight. */
export function staticSvg(t: Trace, layout: GraphLayout, view: GraphView, opts: GraphPrintOptions = {}): string {
	return sceneToSvg(settled(sceneAt(t, layout, view.granularity, view.step, opts.sig)), { theme: 'light', title: opts.title });
}

/** The smallest `font-size` an SVG document sets, in its user units. */
export function smallestFont(svg: string): number {
	let min = Infinity;
	for (const m of svg.matchAll(/font-size="([\d.]+)"/g)) min = Math.min(min, Number(m[1]));
	return Number.isFinite(min) ? min : 16;
}

/**
 * The scale a drawing must be printed at, at least, for its smallest text to be `MIN_PRINTED_PT`
 * (1 CSS px = 0.75 pt).
 */
export function scaleNeeded(svg: string): number {
	return MIN_PRINTED_PT / (smallestFont(svg) * 0.75);
}

/** Wire labels are monospace at 11 units: a safe width per character, and the text's height. */
const LABEL_CHAR = 7;
const LABEL_UP = 12;
const LABEL_DOWN = 4;

interface Box {
	readonly x0: number;
	readonly y0: number;
	readonly x1: number;
	readonly y1: number;
}

/** What a cut must not pass through: every box and every wire label. */
function obstacles(scene: Scene): Box[] {
	const out: Box[] = scene.nodes.map((n) => ({ x0: n.x - 5, y0: n.y - 5, x1: n.x + n.width + 5, y1: n.y + n.height + 5 }));
	const label = (s: SceneText | undefined) => {
		if (!s) return;
		const w = s.text.length * LABEL_CHAR + 6;
		const x0 = s.anchor === 'middle' ? s.x - w / 2 : s.anchor === 'end' ? s.x - w : s.x;
		out.push({ x0, y0: s.y - LABEL_UP, x1: x0 + w, y1: s.y + LABEL_DOWN });
	};
	for (const e of scene.edges) {
		label(e.value);
		label(e.grad);
	}
	return out;
}

/**
 * Cut positions along one axis so that each part of [0, size] is at most `max` long and no cut
 * passes through an obstacle; as even as the free gaps allow. Undefined when it cannot be done
 * in `limit` parts.
 */
export function cuts(spans: readonly (readonly [number, number])[], size: number, max: number, limit: number): number[] | undefined {
	if (size <= max) return [];
	const sorted = [...spans].sort((a, b) => a[0] - b[0]);
	const gaps: [number, number][] = [];
	let at = 0;
	for (const [a, b] of sorted) {
		if (a > at) gaps.push([at, a]);
		at = Math.max(at, b);
	}
	if (at < size) gaps.push([at, size]);
	for (let n = Math.ceil(size / max); n <= limit; n++) {
		const out: number[] = [];
		let start = 0;
		for (let k = 1; k < n && size - start > max; k++) {
			const target = start + (size - start) / (n - k + 1);
			let best: number | undefined;
			for (const [a, b] of gaps) {
				const lo = Math.max(a, start + 1);
				const hi = Math.min(b, start + max);
				if (lo > hi) continue;
				// Near the target, but clear of both sides of the gap where it can be.
				const q = Math.min(12, (b - a) / 2);
				const [inLo, inHi] = [Math.max(lo, a + q), Math.min(hi, b - q)];
				const at = inLo <= inHi ? clamp(target, inLo, inHi) : clamp(target, lo, hi);
				if (best === undefined || Math.abs(at - target) < Math.abs(best - target)) best = at;
			}
			if (best === undefined) break;
			out.push(best);
			start = best;
		}
		if (size - start <= max) return out;
	}
	return undefined;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** The same SVG document showing only the rectangle (x, y, w, h) of its drawing, at 1:1. */
export function cropSvg(svg: string, x: number, y: number, w: number, h: number): string {
	return svg.replace(/<svg\b[^>]*>/, (tag) =>
		tag
			.replace(/\swidth="[^"]*"/, ` width="${r1(w)}"`)
			.replace(/\sheight="[^"]*"/, ` height="${r1(h)}"`)
			.replace(/\sviewBox="[^"]*"/, ` viewBox="${r1(x)} ${r1(y)} ${r1(w)} ${r1(h)}"`)
	);
}

/** Split a drawn scene into pieces that print at `scale`, or undefined if it needs more than `MAX_PIECES`. */
function split(scene: Scene, svg: string, scale: number): { pieces: GraphPiece[]; strips: number } | undefined {
	const maxW = PRINT_BOX.width / scale;
	const maxH = PRINT_BOX.height / scale;
	if (scene.width <= maxW && scene.height <= maxH) return { pieces: [{ svg, width: scene.width, height: scene.height }], strips: 1 };
	const obs = obstacles(scene);
	const xs = cuts(obs.map((b) => [b.x0, b.x1] as const), scene.width, maxW, MAX_PIECES);
	if (!xs) return undefined;
	const edges = [0, ...xs, scene.width];
	const pieces: GraphPiece[] = [];
	for (let k = 0; k + 1 < edges.length; k++) {
		const [x0, x1] = [edges[k], edges[k + 1]];
		// Within a column strip, cut across where nothing in the strip is.
		const inStrip = obs.filter((b) => b.x1 > x0 && b.x0 < x1);
		const ys = cuts(inStrip.map((b) => [b.y0, b.y1] as const), scene.height, maxH, MAX_PIECES);
		if (!ys) return undefined;
		const rows = [0, ...ys, scene.height];
		for (let j = 0; j + 1 < rows.length; j++) {
			const [y0, y1] = [rows[j], rows[j + 1]];
			pieces.push({ svg: cropSvg(svg, x0, y0, x1 - x0, y1 - y0), width: r1(x1 - x0), height: r1(y1 - y0) });
		}
		if (pieces.length > MAX_PIECES) return undefined;
	}
	return { pieces, strips: edges.length - 1 };
}

const all = (t: Trace) => new Set([...Array(t.graph.statements.length).keys()].filter((s) => isCollapsible(t.graph, s)));
const sameSet = (a: ReadonlySet<number>, b: readonly number[]) => a.size === b.length && b.every((s) => a.has(s));

/**
 * The graph of a handout, ready to print: drawn as its rows read (folded by assignment when they
 * are), without a current-step highlight, cut into pieces or folded further as the page needs.
 */
export async function printableGraph(t: Trace, view: GraphView, layout: LayoutFn, opts: GraphPrintOptions = {}): Promise<GraphPrint> {
	const first = await layout(defaultCollapsed(t, view.granularity));
	const tries: { layout: GraphLayout; folded: boolean }[] = [{ layout: first, folded: false }];
	let sizeSeen = `${Math.round(first.width)} × ${Math.round(first.height)}`;
	for (const attempt of [0, 1]) {
		if (attempt === 1) {
			const every = all(t);
			if (sameSet(every, first.collapsed)) break;
			tries.push({ layout: await layout(every), folded: true });
		}
		const { layout: l, folded } = tries[attempt];
		const svg = staticSvg(t, l, view, opts);
		const scale = scaleNeeded(svg);
		sizeSeen = `${Math.round(l.width)} × ${Math.round(l.height)}`;
		// Text too small even at full size: no cut helps.
		if (scale > 1) break;
		const cut = split(settled(sceneAt(t, l, view.granularity, view.step, opts.sig)), svg, scale);
		if (!cut) continue;
		const { pieces, strips } = cut;
		const notes: string[] = [];
		if (folded) notes.push('Each assignment is folded into one box so the graph fits the page.');
		if (pieces.length > 1)
			notes.push(
				`The graph is printed in ${pieces.length} pieces, ${strips === 1 ? 'top to bottom' : `left to right${pieces.length > strips ? ' (top to bottom within a column)' : ''}`}: a wire that leaves one piece at its edge continues in the next.`
			);
		return { pieces, note: notes.length ? notes.join(' ') : undefined };
	}
	const hint = opts.svgHint ?? 'export the graph as SVG';
	return {
		pieces: [],
		note: `The graph (${sizeSeen} px) is too large to print with labels of at least ${MIN_PRINTED_PT} pt, so it is left out; ${hint} to get it whole.`
	};
}
