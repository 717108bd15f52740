import type { Graph } from '../graph/graph.ts';
import { scratchFor } from './forward.ts';

let partialsBuf = new Float64Array(64);

/**
 * Reverse-mode accumulation from the output (seed 1). Every consumer adds
 * upstream × local into its input's gradient, so a value used twice gets the sum (fan-out).
 * Each edge's local derivative is kept in `graph.local` for the trace to show.
 */
export function backward(g: Graph): void {
	const { value, grad, local, inputs, inputStart, op, param } = g;
	grad.fill(0);
	local.fill(0);
	grad[g.output] = 1;
	const live = reachesOutput(g);
	for (let i = g.output; i >= 0; i--) {
		const spec = op[i];
		if (!spec) continue;
		const s = inputStart[i];
		const n = inputStart[i + 1] - s;
		const x = scratchFor(n);
		for (let k = 0; k < n; k++) x[k] = value[inputs[s + k]];
		if (partialsBuf.length < n) partialsBuf = new Float64Array(Math.max(n, partialsBuf.length * 2));
		spec.partials(x, n, value[i], param[i], partialsBuf);
		// A line the output never reads still shows its local derivatives (its step says
		// ∂q/∂c = 1, not 0); only its gradient contribution is left out, which is 0 anyway.
		for (let k = 0; k < n; k++) local[s + k] = partialsBuf[k];
		if (!live[i]) continue;
		const up = grad[i];
		for (let k = 0; k < n; k++) grad[inputs[s + k]] += up * partialsBuf[k];
	}
}

/**
 * Nodes with a path to the output. Only these take part in backprop, so a line the
 * output never reads has gradient 0 rather than a NaN from 0 × ∞.
 */
export function reachesOutput(g: Graph): Uint8Array {
	const live = new Uint8Array(g.size);
	live[g.output] = 1;
	for (let i = g.output; i >= 0; i--) {
		if (!live[i]) continue;
		for (let e = g.inputStart[i]; e < g.inputStart[i + 1]; e++) live[g.inputs[e]] = 1;
	}
	return live;
}
