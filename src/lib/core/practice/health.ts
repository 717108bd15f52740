import { finiteDifferenceCheck } from '../autodiff/fd.ts';
import type { Trace } from '../trace/build.ts';

/** Numbers a student can work with by hand: no overflow, no gradients vanishing into 1e-9. */
const MAX_MAGNITUDE = 1000;
const MIN_NONZERO_GRAD = 1e-4;

/**
 * Whether a trace makes a fair practice problem: every value, local derivative and gradient
 * finite and of a size a student can work with, no op sitting at a kink (a tie in max,
 * relu(0)), where the gradient is a convention rather than calculus. The finite-difference
 * check nudges private copies of the values (nudge.ts): the trace asked about is only read.
 */
export function isFairProblem(t: Trace, opts: { fdCheck: boolean } = { fdCheck: true }): boolean {
	const g = t.graph;
	const x = new Float64Array(8);
	for (let i = 0; i < g.size; i++) {
		const v = g.value[i];
		const gr = g.grad[i];
		if (!Number.isFinite(v) || Math.abs(v) > MAX_MAGNITUDE) return false;
		if (!Number.isFinite(gr) || Math.abs(gr) > MAX_MAGNITUDE) return false;
		if (t.live[i] && gr !== 0 && Math.abs(gr) < MIN_NONZERO_GRAD) return false;
		const spec = g.op[i];
		if (!spec?.tieNote) continue;
		const n = g.inputStart[i + 1] - g.inputStart[i];
		const xs = n <= x.length ? x : new Float64Array(n);
		for (let k = 0; k < n; k++) xs[k] = g.value[g.inputs[g.inputStart[i] + k]];
		if (spec.tieNote(xs, n, g.param[i])) return false;
	}
	for (let e = 0; e < g.local.length; e++) if (!Number.isFinite(g.local[e]) || Math.abs(g.local[e]) > MAX_MAGNITUDE) return false;
	return !opts.fdCheck || finiteDifferenceCheck(g).length === 0;
}

/** Whether some non-constant node is read more than once: the fan-out where gradients add. */
export function hasFanOut(t: Trace): boolean {
	const g = t.graph;
	for (let i = 0; i < g.size; i++) if (g.kind[i] !== 'const' && t.consumers.start[i + 1] - t.consumers.start[i] > 1) return true;
	return false;
}
