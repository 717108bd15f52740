import type { Graph } from '../graph/graph.ts';

/** Widest op input list; grown on demand so one scratch buffer serves every node. */
let scratch = new Float64Array(64);
export function scratchFor(n: number): Float64Array {
	if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
	return scratch;
}

/** Fill `graph.value` in topological (id) order. Leaves and constants keep their values. */
export function forward(g: Graph): void {
	const { value, inputs, inputStart, op, param } = g;
	for (let i = 0; i < g.size; i++) {
		const spec = op[i];
		if (!spec) continue;
		const s = inputStart[i];
		const n = inputStart[i + 1] - s;
		const x = scratchFor(n);
		for (let k = 0; k < n; k++) x[k] = value[inputs[s + k]];
		value[i] = spec.forward(x, n, param[i]);
	}
}
