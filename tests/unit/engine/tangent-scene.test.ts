import { describe, expect, it } from 'vitest';
import { layoutTrace } from '../../../src/lib/adapters/elk-node.ts';
import { sceneAt, TANGENT_PREFIX } from '../../../src/lib/core/layout/scene.ts';
import { tangents } from '../../../src/lib/core/autodiff/tangent.ts';
import { tangentProgressAt, tangentSteps } from '../../../src/lib/core/trace/tangent.ts';
import { exampleTrace, nodeNamed } from '../layout/helpers.ts';

/** The graph in forward mode: each node's tangent where backprop writes its gradient, once its step is reached. */
describe('sceneAt with a tangent overlay (fan-out seeded at b)', () => {
	it('shows values and tangents as the pass reaches them, no gradients, the current node marked', async () => {
		const t = exampleTrace('fan-out');
		const layout = await layoutTrace(t, new Set());
		const b = nodeNamed(t, 'b');
		const tan = tangents(t.graph, b);
		const at = (k: number) => sceneAt(t, layout, 'scalar', 99, 4, { values: tan, ...tangentProgressAt(t, 'scalar', k, b) });
		const nodeOf = (s: ReturnType<typeof at>, label: string) => s.nodes.find((n) => n.target.kind === 'node' && n.target.node === nodeNamed(t, label))!;
		const seed = at(0);
		expect(nodeOf(seed, 'b').tangent?.text).toBe(`${TANGENT_PREFIX}1`);
		expect(nodeOf(seed, 'a').tangent?.text).toBe(`${TANGENT_PREFIX}0`);
		expect(nodeOf(seed, 'b').state).toBe('current');
		expect(nodeOf(seed, 'c').tangent).toBeUndefined();
		expect(nodeOf(seed, 'c').value).toBeUndefined();
		const last = at(tangentSteps(t, 'scalar').length - 1);
		// e = c·d with c = a + b, d = b + 1: ∂e/∂b = d + c = 2 + 3 (the lecture's fan-out sum, done forward).
		expect(nodeOf(last, 'e').tangent?.text).toBe(`${TANGENT_PREFIX}5`);
		expect(nodeOf(last, 'e').state).toBe('current');
		expect(nodeOf(last, 'c').state).toBe('read');
		expect(nodeOf(last, 'e').aria).toBe('e = 6, tangent 5');
		expect(last.nodes.every((n) => n.grad === undefined)).toBe(true);
		expect(last.edges.every((e) => e.grad === undefined)).toBe(true);
		// Without the overlay the scene is backprop's, with no tangent anywhere.
		expect(sceneAt(t, layout, 'scalar', 7).nodes.every((n) => n.tangent === undefined)).toBe(true);
	});
});
