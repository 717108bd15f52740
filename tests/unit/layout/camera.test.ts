import { describe, expect, it } from 'vitest';
import { layoutTrace } from '../../../src/lib/adapters/elk-node.ts';
import {
	autoZoom,
	CONTROLS_H,
	fitScale,
	focusOf,
	FOLLOW_SCALE,
	followView,
	READABLE_PX,
	READABLE_SCALE,
	showsAll,
	SMALLEST_FONT_PX,
	type View
} from '../../../src/lib/core/layout/camera.ts';
import { defaultCollapsed } from '../../../src/lib/core/layout/elk-input.ts';
import { GRAPH_FONT, MONO_EM, nodeSize } from '../../../src/lib/core/layout/metrics.ts';
import { sceneAt } from '../../../src/lib/core/layout/scene.ts';
import { readParams, writeParams } from '../../../src/lib/core/share/url.ts';
import { stepsOf } from '../../../src/lib/core/trace/progress.ts';
import { graphHeight, MAX_GRAPH_HEIGHT } from '../../../src/lib/components/embed/graph-size.ts';
import { exampleTrace, traceOf } from './helpers.ts';
import { MAZUR_2_2_2 as NET } from '../../helpers/programs.ts';


describe('camera: readable by default', () => {
	it('the smallest font is the one the readable scale is computed from', () => {
		expect(Math.min(...Object.values(GRAPH_FONT))).toBe(SMALLEST_FONT_PX);
		expect(SMALLEST_FONT_PX * READABLE_SCALE).toBeCloseTo(READABLE_PX);
		expect(SMALLEST_FONT_PX * FOLLOW_SCALE).toBeGreaterThanOrEqual(READABLE_PX);
	});

	const view = { w: 750, h: 360 };
	it.each([
		['a small graph fits whole', { w: 500, h: 250 }, 'fit'],
		['a wide graph (mlp-softmax, 2344 wide) is followed', { w: 2344, h: 1310 }, 'follow'],
		['a tall graph is followed', { w: 400, h: 900 }, 'follow']
	] as const)('%s', (_name, content, mode) => {
		expect(autoZoom(view, content)).toBe(mode);
		// Whatever the mode, the scale it opens at draws the smallest text at READABLE_PX or more.
		const scale = mode === 'fit' ? fitScale(view, content) : FOLLOW_SCALE;
		expect(scale * SMALLEST_FONT_PX).toBeGreaterThanOrEqual(READABLE_PX);
	});

	it('fit keeps the zoom buttons’ row clear', () => {
		const s = fitScale(view, { w: 100, h: 1000 });
		expect(1000 * s).toBeLessThanOrEqual(view.h - CONTROLS_H);
	});
});

describe('camera: follow', () => {
	const view = { w: 600, h: 400 };
	const content = { w: 3000, h: 1500 };
	const at: View = { scale: 1, tx: -100, ty: -50 };
	it('does not move while the step is on screen', () => {
		expect(followView(view, content, at, 1, { x: 300, y: 200, width: 80, height: 50 })).toEqual(at);
	});
	it('centres a step that left the view, inside the drawing', () => {
		const v = followView(view, content, at, 1, { x: 1500, y: 700, width: 80, height: 50 });
		const cx = 1540 * v.scale + v.tx;
		expect(Math.abs(cx - view.w / 2)).toBeLessThan(2);
		expect(v.ty).toBeLessThanOrEqual(12);
	});
	it('never scrolls past the drawing’s first corner', () => {
		const v = followView(view, content, at, 1, { x: 0, y: 0, width: 80, height: 50 });
		expect(v.tx).toBeLessThanOrEqual(12);
		expect(v.ty).toBeLessThanOrEqual(12);
		expect(v.tx).toBeGreaterThanOrEqual(0);
	});
	it('frames the step with what it reads when that fits, else the step alone', () => {
		const me = { x: 500, y: 500, width: 80, height: 50 };
		const near = { x: 300, y: 450, width: 80, height: 50 };
		const far = { x: 2500, y: 100, width: 80, height: 50 };
		expect(focusOf(view, 1, [me], [near])).toEqual({ x: 300, y: 450, width: 280, height: 100 });
		expect(focusOf(view, 1, [me], [far])).toEqual(me);
	});
	it('the overview is needed only while part of the drawing is off screen', () => {
		expect(showsAll(view, { w: 500, h: 300 }, { scale: 1, tx: 10, ty: 10 })).toBe(true);
		expect(showsAll(view, content, at)).toBe(false);
	});
});

describe('box widths follow the label text', () => {
	// Inner nodes are named from the program (net_o1, (w5*h1), (W1 @ x)[0]): long names must fit.
	it.each([['2-2-2 network', NET], ['mlp-softmax', exampleTrace('mlp-softmax').graph.source], ['long names', 'abcdefghijklmnop = 2\nqrstuvwxyz = 3\nf = sigmoid(abcdefghijklmnop*qrstuvwxyz + 1)\n']])('%s', (_name, program) => {
		const t = traceOf(program);
		for (let i = 0; i < t.graph.size; i++) {
			const label = t.label(i);
			const need = 16 + label.length * GRAPH_FONT.label * MONO_EM;
			expect(nodeSize(t, i).width, label).toBeGreaterThanOrEqual(need);
		}
	});
});

describe('wire texts on the big programs', () => {
	const cases: [string, () => ReturnType<typeof traceOf>][] = [
		['mlp-softmax', () => exampleTrace('mlp-softmax')],
		['2-2-2 network', () => traceOf(NET)],
		['norm-Wx', () => exampleTrace('norm-Wx')]
	];
	it.each(cases)('%s: no wire text meets another, a node, or the ▼ above a node', async (_name, make) => {
		const t = make();
		const l = await layoutTrace(t, defaultCollapsed(t));
		const s = sceneAt(t, l, 'scalar', stepsOf(t, 'scalar').length - 1);
		// The real glyph box of 11 px monospace: 0.6 em wide a character, 0.93 em up, 0.24 em down.
		const boxes = s.edges.flatMap((e) =>
			[e.value, e.grad].flatMap((x) => (x ? [{ x0: x.x - (x.text.length * 6.6) / 2, x1: x.x + (x.text.length * 6.6) / 2, y0: x.y - 10.3, y1: x.y + 2.7 }] : []))
		);
		const hit = (a: (typeof boxes)[0], b: (typeof boxes)[0]) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
		for (let i = 0; i < boxes.length; i++) {
			for (let j = i + 1; j < boxes.length; j++) expect(hit(boxes[i], boxes[j])).toBe(false);
			for (const n of s.nodes) {
				expect(hit(boxes[i], { x0: n.x, x1: n.x + n.width, y0: n.y, y1: n.y + n.height })).toBe(false);
				expect(hit(boxes[i], { x0: n.x + 6, x1: n.x + 18, y0: n.y - 16, y1: n.y - 7 })).toBe(false);
			}
		}
		// A text left off its wire is still in the wire's tooltip.
		for (const e of s.edges.filter((x) => x.tip && !x.value)) expect(e.tip).toMatch(/value /);
	});
});

describe('fold and zoom in links', () => {
	it.each([
		['?example=mlp-softmax&fold=h,p&zoom=fit', ['h', 'p'], 'fit'],
		['?example=mlp-softmax&fold=h%2Cp&zoom=follow', ['h', 'p'], 'follow'],
		['?example=mlp-softmax&fold=&zoom=sideways', [], undefined],
		['?example=mlp-softmax', undefined, undefined],
		['?fold=h,<script>,p', ['h', 'p'], undefined]
	] as const)('%s', async (q, fold, zoom) => {
		const v = await readParams(new URLSearchParams(q));
		expect(v.fold).toEqual(fold);
		expect(v.zoom).toBe(zoom);
	});
	it('writes them readably and reads them back', async () => {
		const q = await writeParams({ example: 'mlp-softmax', step: 3, granularity: 'scalar', fold: ['W1', 'h'], zoom: 'follow' });
		expect(q).toBe('?example=mlp-softmax&step=4&fold=W1,h&zoom=follow');
		const v = await readParams(new URLSearchParams(q));
		expect([v.fold, v.zoom]).toEqual([['W1', 'h'], 'follow']);
		expect(await writeParams({ granularity: 'scalar', fold: [] })).toBe('?fold=');
	});
});

describe('embed box height', () => {
	it('a graph that is followed gets the tallest box; a small one its own height', () => {
		const wide = { width: 2344, height: 1310, nodes: [], edges: [], collapsed: [], capped: false };
		const small = { width: 300, height: 120, nodes: [], edges: [], collapsed: [], capped: false };
		expect(graphHeight(wide, 700)).toBe(MAX_GRAPH_HEIGHT);
		expect(graphHeight(small, 700)).toBeLessThan(MAX_GRAPH_HEIGHT);
	});
});
