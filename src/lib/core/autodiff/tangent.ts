import type { Graph } from '../graph/graph.ts';

/**
 * Forward-mode tangents for one input: v̇ = ∂v/∂x for every node v, with x the leaf node `wrt`.
 * The seed is 1 at x and 0 at every other leaf (and constant); each op node then adds
 * Σ_k (∂v/∂u_k)·u̇_k over its inputs, in node order, which is a topological order.
 *
 * The local derivatives ∂v/∂u_k are the ones backward() stored in `graph.local`: forward and
 * reverse mode apply the same chain rule to the same numbers, only in opposite directions, so
 * nothing here recomputes an op. The graph is read, never written; the result is a new array.
 *
 * A term whose tangent is 0 is skipped rather than multiplied: an input that does not depend on
 * x contributes nothing even where its local derivative is ∞ or NaN (√ at 0), as in exact math.
 */
export function tangents(g: Graph, wrt: number): Float64Array {
	const out = new Float64Array(g.size);
	if (wrt < 0 || wrt >= g.size || g.kind[wrt] !== 'leaf') return out;
	out[wrt] = 1;
	const { inputs, inputStart, local, kind } = g;
	// backward() fills `local` for nodes up to the output; nothing after it is read by anything.
	const last = Math.min(g.size - 1, g.output);
	for (let i = wrt + 1; i <= last; i++) {
		if (kind[i] !== 'op') continue;
		let s = 0;
		for (let e = inputStart[i]; e < inputStart[i + 1]; e++) {
			const u = out[inputs[e]];
			if (u !== 0) s += local[e] * u;
		}
		out[i] = s;
	}
	return out;
}

/** Leaf nodes in node order: the inputs forward mode can be seeded at, one pass each. */
export function leafNodes(g: Graph): number[] {
	const out: number[] = [];
	for (let i = 0; i < g.size; i++) if (g.kind[i] === 'leaf') out.push(i);
	return out;
}
