import { beforeAll, describe, expect, it } from 'vitest';
import { layoutTrace } from '../../../src/lib/adapters/elk-node.ts';
import { sceneAt, type Scene, type SceneEdge, type SceneNode, type VisualState } from '../../../src/lib/core/layout/scene.ts';
import type { GraphLayout } from '../../../src/lib/core/layout/types.ts';
import type { Trace } from '../../../src/lib/core/trace/build.ts';
import { fmt } from '../../../src/lib/core/tex/number.ts';
import { stepsOf } from '../../../src/lib/core/trace/progress.ts';
import { EXAMPLES } from '../../../src/lib/examples/examples.ts';
import { exampleTrace, nodeNamed, traceOf } from './helpers.ts';

const layouts = new Map<string, { t: Trace; l: GraphLayout }>();
async function setup(id: string, source?: string, collapsed = new Set<number>()) {
	const t = source ? traceOf(source) : exampleTrace(id);
	layouts.set(id, { t, l: await layoutTrace(t, collapsed) });
}
const get = (id: string) => layouts.get(id) as { t: Trace; l: GraphLayout };

function node(s: Scene, t: Trace, label: string): SceneNode {
	const i = nodeNamed(t, label);
	const n = s.nodes.find((x) => x.target.kind === 'node' && x.target.node === i);
	if (!n) throw new Error(label);
	return n;
}
function wire(s: Scene, t: Trace, from: string, to: string): SceneEdge {
	const a = nodeNamed(t, from);
	const b = nodeNamed(t, to);
	const e = s.edges.find((x) => x.from.kind === 'node' && x.from.node === a && x.to.kind === 'node' && x.to.node === b);
	if (!e) throw new Error(`${from}→${to}`);
	return e;
}

beforeAll(async () => {
	await setup('add-mul');
	await setup('fan-out');
	await setup('sigmoid-gate');
	await setup('nonfinite', 'x = 0\ny = log(x)\nf = y * 2\n');
	const mlp = exampleTrace('mlp-softmax');
	await setup('mlp-boxed', mlp.graph.source, new Set(mlp.graph.statements.map((_, s) => s)));
});

describe('sceneAt: node states, values and gradients (add-mul: q = x + y, f = q z)', () => {
	// Scalar steps: 0 forward q, 1 forward f, 2 backward f, 3 backward q, 4 z, 5 y, 6 x.
	const cases: [k: number, label: string, state: VisualState, value: string | undefined, grad: string | undefined][] = [
		[-1, 'x', 'done', '-2', undefined],
		[-1, 'q', 'muted', undefined, undefined],
		[0, 'q', 'current', '3', undefined],
		[0, 'x', 'read', '-2', undefined],
		[0, 'z', 'done', '-4', undefined],
		[0, 'f', 'muted', undefined, undefined],
		[1, 'f', 'current', '-12', undefined],
		[1, 'q', 'read', '3', undefined],
		[2, 'f', 'current', '-12', '∂ 1'],
		[2, 'q', 'muted', '3', undefined],
		[3, 'q', 'current', '3', '∂ -4'],
		[3, 'f', 'read', '-12', '∂ 1'],
		[3, 'x', 'muted', '-2', undefined],
		[6, 'x', 'current', '-2', '∂ -4'],
		[6, 'z', 'done', '-4', '∂ 3']
	];
	it.each(cases)('step %i: %s is %s, value %s, gradient %s', (k, label, state, value, grad) => {
		const { t, l } = get('add-mul');
		const n = node(sceneAt(t, l, 'scalar', k), t, label);
		expect(n.state).toBe(state);
		expect(n.value?.text).toBe(value);
		expect(n.grad?.text).toBe(grad);
	});

	it('flags leaves and the output, and names nodes for screen readers', () => {
		const { t, l } = get('add-mul');
		const s = sceneAt(t, l, 'scalar', 3);
		expect(node(s, t, 'x').isLeaf).toBe(true);
		expect(node(s, t, 'q').isLeaf).toBe(false);
		expect(node(s, t, 'f').isOutput).toBe(true);
		expect(node(s, t, 'q').aria).toBe('q = 3, gradient -4');
		expect(node(s, t, 'x').aria).toBe('x = -2');
	});

	const wires: [k: number, from: string, to: string, state: VisualState, value: string | undefined, grad: string | undefined][] = [
		[0, 'x', 'q', 'current', '-2', undefined],
		[0, 'q', 'f', 'muted', '3', undefined],
		[-1, 'q', 'f', 'muted', undefined, undefined],
		[0, 'z', 'f', 'muted', '-4', undefined],
		[3, 'q', 'f', 'current', '3', '∂ -4'],
		[3, 'z', 'f', 'muted', '-4', undefined],
		[3, 'x', 'q', 'muted', '-2', undefined],
		[1, 'x', 'q', 'done', '-2', undefined],
		[6, 'x', 'q', 'current', '-2', '∂ -4']
	];
	it.each(wires)('step %i: wire %s→%s is %s, value %s, gradient %s', (k, from, to, state, value, grad) => {
		const { t, l } = get('add-mul');
		const e = wire(sceneAt(t, l, 'scalar', k), t, from, to);
		expect(e.state).toBe(state);
		expect(e.value?.text).toBe(value);
		expect(e.grad?.text).toBe(grad);
		expect(e.path).toMatch(/^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+)+$/);
	});
});

describe('sceneAt: fan-out (e = c d, c = a + b, d = b + 1)', () => {
	it('each wire out of b carries its own term; b shows their sum', () => {
		const { t, l } = get('fan-out');
		const k = t.backwardStepOf[nodeNamed(t, 'b')];
		const s = sceneAt(t, l, 'scalar', k);
		expect(node(s, t, 'b').grad?.text).toBe('∂ 5');
		expect(wire(s, t, 'b', 'c').grad?.text).toBe('∂ 2');
		expect(wire(s, t, 'b', 'd').grad?.text).toBe('∂ 3');
		expect(node(s, t, 'c').state).toBe('read');
		expect(node(s, t, 'd').state).toBe('read');
	});
});

describe('sceneAt: group steps and collapsed boxes (mlp-softmax, every statement collapsed)', () => {
	it('a box is current at its group step, shows its shape, and expands', () => {
		const { t, l } = get('mlp-boxed');
		const g = t.graph;
		const h = g.statements.findIndex((s) => s.name === 'h');
		const k = t.groupSteps.findIndex((st) => st.kind === 'group-forward' && st.stmt === h);
		const s = sceneAt(t, l, 'group', k);
		const box = s.nodes.find((n) => n.target.kind === 'box' && n.target.stmt === h) as SceneNode;
		expect(box.state).toBe('current');
		expect(box.label.text).toBe('h');
		expect(box.detail?.text).toMatch(/^4-vector · \d+ nodes$/);
		expect(box.toggle).toBe('expand');
		expect(box.toggleLabel).toMatch(/^Expand h \(\d+ nodes\)$/);
		// A box shows its numbers, not only its shape: all four of h.
		const hIds = Array.from(g.groups.find((gr) => gr.name === 'h')!.ids);
		expect(box.value?.text).toBe(`[${hIds.map((i) => fmt(g.value[i])).join(', ')}]`);
		expect(box.aria).toContain(`= ${box.value?.text}`);
		// A longer group: first two, an ellipsis, the last.
		const long = g.groups.find((gr) => gr.ids.length > 4)!;
		const ls = g.statements.findIndex((st) => st.name === long.name);
		const lbox = s.nodes.find((n) => n.target.kind === 'box' && n.target.stmt === ls) as SceneNode;
		const at = (k: number) => fmt(g.value[long.ids[k]]);
		expect(lbox.value?.text).toBe(`[${at(0)}, ${at(1)}, …, ${at(long.ids.length - 1)}]`);
		const x = s.nodes.find((n) => n.label.text === 'x') as SceneNode;
		expect(x.state).toBe('read');
		expect(x.value?.text).toBe('[0.5, -1, 2]');
		// Bundled wires between boxes carry no single number.
		for (const e of s.edges) if (e.from.kind === 'box' && e.to.kind === 'box') expect(e.value).toBeUndefined();
	});

	it('the scalar output L is its own small box; at the first backward step its gradient is the seed', () => {
		const { t, l } = get('mlp-boxed');
		const s = sceneAt(t, l, 'group', t.groupBackwardStart);
		const out = s.nodes.find((n) => n.isOutput) as SceneNode;
		expect(out.state).toBe('current');
		expect(out.grad?.text).toBe('∂ 1');
		expect(s.phase).toBe('backward');
	});
});

describe('sceneAt: non-finite values are marked, never hidden', () => {
	it('log(0) = -Infinity is shown and flagged on its node and wire', () => {
		const { t, l } = get('nonfinite');
		const s = sceneAt(t, l, 'scalar', 5);
		const y = node(s, t, 'y');
		expect(y.value?.text).toBe('-Infinity');
		expect(y.nonFinite).toBe(true);
		expect(node(s, t, 'x').nonFinite).toBe(true); // its gradient 1/0 is infinite
		expect(wire(s, t, 'y', 'f').nonFinite).toBe(true);
	});
});

describe('sceneAt: wire texts', () => {
	it.each(EXAMPLES.map((e) => [e.id]))('%s: no wire text overlaps a node or another wire text', async (id) => {
		const t = exampleTrace(id);
		const l = await layoutTrace(t, new Set());
		const s = sceneAt(t, l, 'scalar', stepsOf(t, 'scalar').length - 1);
		const boxes = s.edges.flatMap((e) =>
			[e.value, e.grad].flatMap((x) => (x ? [{ x0: x.x - (x.text.length * 6.6) / 2, x1: x.x + (x.text.length * 6.6) / 2, y0: x.y - 9, y1: x.y + 2 }] : []))
		);
		const hit = (a: (typeof boxes)[0], b: (typeof boxes)[0]) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
		for (let i = 0; i < boxes.length; i++) {
			for (let j = i + 1; j < boxes.length; j++) expect(hit(boxes[i], boxes[j])).toBe(false);
			for (const n of s.nodes) expect(hit(boxes[i], { x0: n.x, x1: n.x + n.width, y0: n.y, y1: n.y + n.height })).toBe(false);
		}
		// Most wires keep their numbers even on the densest example.
		const singles = s.edges.filter((e) => e.from.kind === 'node' && t.graph.kind[(e.from as { node: number }).node] !== 'const');
		expect(s.edges.filter((e) => e.value).length).toBeGreaterThanOrEqual(singles.length * 0.6);
	});

	it('new values on the same layout (a leaf edited, a descent step) give new wire texts', () => {
		const { t, l } = get('add-mul');
		const edited = traceOf(t.graph.source.replace('x = -2', 'x = 7'));
		const last = stepsOf(t, 'scalar').length - 1;
		const before = wire(sceneAt(t, l, 'scalar', last), t, 'x', 'q');
		const after = wire(sceneAt(edited, l, 'scalar', last), edited, 'x', 'q');
		expect(before.value?.text).toBe('-2');
		expect(after.value?.text).toBe('7');
		// q = x + y is now 12, so f = q z reads 12 on the wire q → f, and z's gradient term is 12.
		expect(wire(sceneAt(edited, l, 'scalar', last), edited, 'q', 'f').value?.text).toBe('12');
		expect(wire(sceneAt(edited, l, 'scalar', last), edited, 'z', 'f').grad?.text).toBe('∂ 12');
	});
});
