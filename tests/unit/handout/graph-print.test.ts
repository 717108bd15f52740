import { describe, expect, it } from 'vitest';
import { layoutTrace } from '../../../src/lib/adapters/elk-node';
import { graphViewFor } from '../../../src/lib/core/handout/files';
import { cuts, printableGraph, staticSvg, type GraphPrint } from '../../../src/lib/core/handout/graph-print';
import { handoutLatex } from '../../../src/lib/core/handout/latex';
import { buildHandout } from '../../../src/lib/core/handout/model';
import type { GraphLayout } from '../../../src/lib/core/layout/types';
import type { Trace } from '../../../src/lib/core/trace/build';
import type { Granularity } from '../../../src/lib/core/trace/steps';
import { NET_222, rows, traceOf } from './fixtures';

/**
 * Issue 9, item 3 of the handouts: the printed graph's labels are at least 7 pt. The printed size
 * is computed here from each picture's own viewBox, declared width and font sizes, and from the
 * page each format prints on (its paper and margins), not from the code that cut the pictures.
 */
const px = (mm: number) => (mm / 25.4) * 96;
/** Text width and height of each format's page, in CSS px. */
const PAGES = {
	// html-style.ts: @page { margin: 14mm 13mm } (the PDF is printed from the HTML).
	'html a4': { width: px(210 - 26), height: px(297 - 28), fit: 'shrink' },
	'html letter': { width: px(215.9 - 26), height: px(279.4 - 28), fit: 'shrink' },
	// latex.ts: geometry margin=18mm; the picture is included at a fraction of \linewidth.
	'tex a4': { width: px(210 - 36), height: px(297 - 36), fit: 'latex' },
	'tex letter': { width: px(215.9 - 36), height: px(279.4 - 36), fit: 'latex' },
	// Markdown shows the SVG at its intended (declared) width.
	md: { width: Infinity, height: Infinity, fit: 'declared' }
} as const;

function svgBox(svg: string) {
	const tag = /<svg\b[^>]*>/.exec(svg)![0];
	const attr = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(tag)![1]);
	const vb = /viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(tag)!;
	const fonts = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
	return { width: attr('width'), height: attr('height'), vbWidth: Number(vb[3]), vbHeight: Number(vb[4]), font: Math.min(...fonts) };
}

/** The smallest text of each picture on each page, in pt, and whether the picture fits the page's height. */
function printed(g: GraphPrint, latexFractions: readonly number[]) {
	return g.pieces.flatMap((p, k) => {
		const b = svgBox(p.svg);
		return Object.entries(PAGES).map(([page, pg]) => {
			const shown = pg.fit === 'shrink' ? Math.min(b.width, pg.width) : pg.fit === 'latex' ? latexFractions[k] * pg.width : b.width;
			const perUnit = shown / b.vbWidth;
			return { page, piece: k, pt: b.font * perUnit * 0.75, fitsHeight: b.vbHeight * perUnit <= pg.height };
		});
	});
}

const layout = (t: Trace) => (collapsed: ReadonlySet<number>) => layoutTrace(t, collapsed);
// traces are computed inside each test, on first use (fixtures.ts), the network's too
const programs: [string, { readonly trace: Trace }][] = [...rows(), ['2-2-2 network', { get trace() { return traceOf(NET_222); } }]];
const cases = programs.flatMap(([id, c]) => (['scalar', 'group'] as Granularity[]).map((rows) => [`${id}, ${rows} rows`, c, rows] as const));

describe('the printed graph', () => {
	it.each(cases)('%s: every label prints at 7 pt or more, in every format, or the graph is left out with a note', async (_id, c, rowsOf) => {
		const t = c.trace;
		const g = await printableGraph(t, graphViewFor(t, 'none', rowsOf), layout(t));
		if (g.pieces.length === 0) {
			expect(g.note).toMatch(/left out/);
			expect(g.note).toMatch(/svg/i);
			return;
		}
		const tex = handoutLatex(buildHandout(t, { granularity: rowsOf }), { graph: g, graphFiles: g.pieces.map((_p, k) => `g-${k}.pdf`) });
		const fractions = [...tex.matchAll(/\\includegraphics\[width=([\d.]+)\\linewidth\]/g)].map((m) => Number(m[1]));
		expect(fractions).toHaveLength(g.pieces.length);
		for (const r of printed(g, fractions)) {
			expect(r.pt, `${r.page}, piece ${r.piece + 1}`).toBeGreaterThanOrEqual(7);
			expect(r.fitsHeight, `${r.page}, piece ${r.piece + 1} fits the page`).toBe(true);
		}
		// A handout's picture shows no current step: no node or wire is drawn as current or read.
		for (const p of g.pieces) expect(p.svg).not.toMatch(/cs-(current|read)"/);
		if (g.pieces.length > 1) expect(g.note).toMatch(/pieces/);
	});

	it('the 2-2-2 network by assignment prints folded, in pieces no label of which is under 7 pt', async () => {
		const t = traceOf(NET_222);
		const g = await printableGraph(t, graphViewFor(t), layout(t));
		expect(g.pieces.length).toBeGreaterThan(0);
		// Unsplit, the same picture at the text width of LaTeX on A4 would print its labels under 7 pt.
		const whole = svgBox(staticSvg(t, await layoutTrace(t, new Set(t.graph.statements.map((_s, k) => k))), graphViewFor(t)));
		expect((whole.font * PAGES['tex a4'].width) / whole.vbWidth * 0.75).toBeLessThan(7);
	});

	it('a graph that no cut can make readable is left out, with a note saying how to get it', async () => {
		const t = traceOf(NET_222);
		// Every box stretched wider than a page: there is no place to cut.
		const wide = async (c: ReadonlySet<number>): Promise<GraphLayout> => {
			const l = await layoutTrace(t, c);
			return { ...l, width: l.width * 20, nodes: l.nodes.map((n) => ({ ...n, x: n.x * 20, width: n.width * 20 })) };
		};
		const g = await printableGraph(t, graphViewFor(t), wide, { svgHint: 'run chainstep export FILE --format svg' });
		expect(g.pieces).toEqual([]);
		expect(g.note).toMatch(/too large to print with labels of at least 7 pt/);
		expect(g.note).toContain('--format svg');
	});

	it('static pictures carry no current-step highlight, at any step', async () => {
		const t = traceOf(NET_222);
		const l = await layoutTrace(t, new Set());
		const view = graphViewFor(t, 'none', 'scalar');
		expect(staticSvg(t, l, view)).not.toMatch(/cs-current|cs-read/);
		expect(staticSvg(t, l, { granularity: 'scalar', step: 20 })).not.toMatch(/cs-current/);
	});
});

describe('cut positions', () => {
	it.each([
		['fits: no cut', [[10, 20]], 100, 200, [] as number[]],
		['one cut in the only gap', [[0, 60], [80, 150]], 150, 100, [70]],
		['no gap within reach', [[0, 150]], 150, 100, undefined],
		['two cuts, in gaps, each part short enough', [[0, 50], [60, 110], [120, 170], [180, 230]], 230, 120, 'check']
	] as [string, [number, number][], number, number, number[] | undefined | 'check'][])('%s', (_name, spans, size, max, want) => {
		const got = cuts(spans, size, max, 4);
		if (want !== 'check') {
			expect(got).toEqual(want);
			return;
		}
		expect(got).toBeDefined();
		const edges = [0, ...got!, size];
		for (let k = 0; k + 1 < edges.length; k++) expect(edges[k + 1] - edges[k]).toBeLessThanOrEqual(max);
		for (const c of got!) for (const [a, b] of spans) expect(c <= a || c >= b).toBe(true);
	});
});
