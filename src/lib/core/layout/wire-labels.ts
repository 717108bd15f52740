import type { Trace } from '../trace/build.ts';
import { fmt } from '../tex/number.ts';
import { GRAD_PREFIX, GRAPH_FONT, MONO_EM } from './metrics.ts';
import type { GraphLayout, Point } from './types.ts';

/** Width of one character of wire text. */
const WIRE_CHAR_W = GRAPH_FONT.wire * MONO_EM;
/** A monospace line box: ascent 0.93 em above the baseline, descent 0.24 em below (DejaVu Sans Mono, SF Mono). */
const ASCENT = Math.ceil(GRAPH_FONT.wire * 0.93);
const DESCENT = Math.ceil(GRAPH_FONT.wire * 0.24);
/** Clear space kept around every wire text, so two texts never touch. */
const GAP = 1;
/** Baselines relative to the wire: the value sits above it, the gradient below it. */
export const VALUE_DY = -5;
export const GRAD_DY = 14;

export interface WireLabel {
	/** The text and its anchor (text-anchor middle, y is the baseline). */
	readonly text: string;
	readonly at: Point;
	/** True when the number is NaN or infinite. */
	readonly nonFinite: boolean;
}

export interface WireLabels {
	/** Placed texts; a text that found no free spot is left out here and lives in `valueText`/`gradText`. */
	readonly value?: WireLabel;
	readonly grad?: WireLabel;
	/** The texts whether drawn or not, for the wire's tooltip. */
	readonly valueText: string;
	readonly gradText?: string;
}

interface Rect {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}
const hits = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Spots along a wire where text could sit: the middle and quarters of its horizontal runs, longest run first. */
function candidates(points: readonly Point[], textW: number): Point[] {
	const runs: { a: Point; b: Point; len: number }[] = [];
	for (let j = 0; j + 1 < points.length; j++) {
		const a = points[j];
		const b = points[j + 1];
		if (Math.abs(b.y - a.y) > Math.abs(b.x - a.x) * 0.25) continue;
		runs.push({ a, b, len: Math.abs(b.x - a.x) });
	}
	runs.sort((p, q) => q.len - p.len);
	const out: Point[] = [];
	for (const r of runs) {
		const at = (f: number) => ({ x: r.a.x + (r.b.x - r.a.x) * f, y: r.a.y + (r.b.y - r.a.y) * f });
		out.push(at(0.5));
		// Off-centre spots only where the text still fits on the run.
		if (r.len > 2 * textW + 8) out.push(at(0.25), at(0.75));
		// Then hard against either end: where many wires meet one node, the far end is often free.
		if (r.len > textW + 12) {
			const f = (textW / 2 + 6) / r.len;
			out.push(at(f), at(1 - f));
		}
	}
	return out;
}

// Per layout and per trace: a layout outlives a change of values (same structure), the texts must not.
const cache = new WeakMap<GraphLayout, WeakMap<Trace, Map<number, ReadonlyMap<string, WireLabels>>>>();

/**
 * Where each wire's value and gradient text go, decided once per layout and trace (not per step), so
 * texts never jump while stepping. A text that would cover a node or another wire text is
 * left out: the same number is always shown inside its node.
 */
export function wireLabels(t: Trace, layout: GraphLayout, sig: number): ReadonlyMap<string, WireLabels> {
	let perLayout = cache.get(layout);
	if (!perLayout) cache.set(layout, (perLayout = new WeakMap()));
	let perTrace = perLayout.get(t);
	if (!perTrace) perLayout.set(t, (perTrace = new Map()));
	const hit = perTrace.get(sig);
	if (hit) return hit;
	const g = t.graph;
	// Nodes with the current step's ring, the ▼ above them and the fold toggle on their corner:
	// a wire text never hides what a node says or the marks around it.
	const placed: Rect[] = layout.nodes.flatMap((n) => [
		{ x0: n.x - 3, y0: n.y - 5, x1: n.x + n.width + 3, y1: n.y + n.height + 5 },
		{ x0: n.x + 4, y0: n.y - 18, x1: n.x + 20, y1: n.y },
		{ x0: n.x + n.width - 10, y0: n.y - 10, x1: n.x + n.width + 10, y1: n.y + 10 }
	]);
	const out = new Map<string, WireLabels>();
	const place = (points: readonly Point[], text: string, dy: number): Point | undefined => {
		const w = text.length * WIRE_CHAR_W;
		for (const c of candidates(points, w)) {
			const y = c.y + dy;
			const r = { x0: c.x - w / 2 - GAP, y0: y - ASCENT - GAP, x1: c.x + w / 2 + GAP, y1: y + DESCENT + GAP };
			if (placed.some((p) => hits(p, r))) continue;
			placed.push(r);
			return { x: c.x, y };
		}
		return undefined;
	};
	for (const e of layout.edges) {
		// A bundle into or out of a box carries many numbers; the box shows them instead.
		if (e.edges.length !== 1) continue;
		const edge = e.edges[0];
		const src = g.inputs[edge];
		// A constant's wire would repeat the number its node already shows, and has no gradient.
		if (g.kind[src] === 'const') continue;
		const v = g.value[src];
		const valueText = fmt(v, sig);
		const at = place(e.points, valueText, VALUE_DY);
		// The term backward() added for this edge: upstream gradient × local derivative, both read from the graph.
		// An owner with no path to the output passes nothing back, so its wire has no gradient to show.
		const owner = t.consumers.edgeOwner[edge];
		const term = g.grad[owner] * g.local[edge];
		const gradText = GRAD_PREFIX + fmt(term, sig);
		const live = t.live[owner];
		const gat = live ? place(e.points, gradText, GRAD_DY) : undefined;
		out.set(e.id, {
			value: at && { text: valueText, at, nonFinite: !Number.isFinite(v) },
			grad: gat && { text: gradText, at: gat, nonFinite: !Number.isFinite(term) },
			valueText,
			gradText: live ? gradText : undefined
		});
	}
	perTrace.set(sig, out);
	return out;
}
