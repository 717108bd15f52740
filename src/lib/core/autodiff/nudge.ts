import type { Graph } from '../graph/graph.ts';
import { scratchFor } from './forward.ts';

/**
 * The default step. A central difference errs by about h²·|f‴|/6 (truncation) plus
 * ε·|f|/h (rounding, ε ≈ 2.2e-16); the sum is smallest near h ≈ ε^(1/3) ≈ 6e-6 for values
 * and derivatives of order 1, where the check agrees with backprop to about 1e-10.
 * 1e-6 sits just below that optimum: rounding grows slowly as h shrinks, truncation fast as
 * it grows, and the lecture notes' examples live at this scale.
 */
export const DEFAULT_H = 1e-6;

/** One nudge: the output's slope when one node is moved by ±h, beside backprop's gradient. */
export interface Nudge {
	readonly node: number;
	readonly h: number;
	/** The node's value in the trace, and the two values it was set to (v + h, v − h as doubles). */
	readonly at: number;
	readonly up: number;
	readonly down: number;
	/** The output with the node at `up` and at `down`. */
	readonly outUp: number;
	readonly outDown: number;
	/** (f(v+h) − f(v−h)) / 2h; NaN when h is lost next to v (v ± h both round to v). */
	readonly numeric: number;
	/** ∂output/∂node as backprop found it (the trace's `grad`). */
	readonly backprop: number;
	readonly relativeError: number;
	/** h is too small to move this value at all: `numeric` is NaN. */
	readonly lost: boolean;
}

/** Why h cannot be used, in a sentence that says how to fix it; undefined when it can. */
export function hProblem(h: number): string | undefined {
	if (Number.isNaN(h)) return 'h must be a number, such as 1e-6.';
	if (!Number.isFinite(h)) return `h = ${h} is not finite; use a small positive number such as 1e-6.`;
	if (h <= 0) return `h = ${h} must be greater than 0 (the check steps to v + h and v − h); try 1e-6.`;
	return undefined;
}

/**
 * |n − b| / max(|n|, |b|), and 0 when both are 0. Relative, so a gradient of 1e-8 and one of
 * 1e8 are judged alike; symmetric, because neither number is assumed to be the right one;
 * and the larger magnitude below keeps it at most 2 (opposite signs) instead of blowing up
 * when one of them is near 0. The cost: a true gradient of 0 beside a numeric 1e-12 reads as
 * 1, so near-zero gradients are judged by their absolute difference (see `fd.ts`).
 * A comparison with a NaN or an infinity has no size: NaN, unless the two are equal.
 */
export function relativeError(numeric: number, backprop: number): number {
	if (numeric === backprop) return 0;
	const scale = Math.max(Math.abs(numeric), Math.abs(backprop));
	if (!Number.isFinite(scale) || Number.isNaN(numeric) || Number.isNaN(backprop)) return NaN;
	return Math.abs(numeric - backprop) / scale;
}

/**
 * Private working memory for nudges of one graph: the changed values and which nodes changed.
 * Reused across nudges so checking every leaf allocates once.
 */
export interface NudgeWork {
	readonly value: Float64Array;
	readonly changed: Uint8Array;
}

export function nudgeWork(g: Graph): NudgeWork {
	return { value: new Float64Array(g.size), changed: new Uint8Array(g.size) };
}

/**
 * The output with `node` set to `x` as if it were an input: one forward sweep from the node to
 * the output, recomputing only the nodes that read a changed value, into `w` — the trace's own
 * arrays are only read. Node ids are a topological order, so nothing before `node` can change
 * and nothing after the output can reach it.
 */
function outputWith(g: Graph, node: number, x: number, w: NudgeWork): number {
	const { changed } = w;
	w.value[node] = x;
	changed[node] = 1;
	try {
		return sweep(g, node, w);
	} finally {
		// The marks go with this nudge: the next one, from another node, starts clean.
		changed.fill(0, node, Math.max(node, g.output) + 1);
	}
}

function sweep(g: Graph, node: number, w: NudgeWork): number {
	const { value, inputs, inputStart, op, param } = g;
	const { changed } = w;
	for (let i = node + 1; i <= g.output; i++) {
		const spec = op[i];
		if (!spec) continue;
		const s = inputStart[i];
		const n = inputStart[i + 1] - s;
		let touched = false;
		for (let k = 0; k < n; k++) if (changed[inputs[s + k]]) touched = true;
		if (!touched) continue;
		const xs = scratchFor(n);
		for (let k = 0; k < n; k++) {
			const j = inputs[s + k];
			xs[k] = changed[j] ? w.value[j] : value[j];
		}
		w.value[i] = spec.forward(xs, n, param[i]);
		changed[i] = 1;
	}
	return changed[g.output] ? w.value[g.output] : value[g.output];
}

/**
 * The numerical derivative of the output with respect to any node — a leaf, or an inner node
 * treated as if it were an input — by a central difference, beside the backprop gradient.
 * Two forward sweeps from the node onward; the graph is never written.
 * Throws a RangeError (the `hProblem` sentence) for an h that is not a positive finite number.
 */
export function nudge(g: Graph, node: number, h: number = DEFAULT_H, work: NudgeWork = nudgeWork(g)): Nudge {
	const bad = hProblem(h);
	if (bad) throw new RangeError(bad);
	if (!(Number.isInteger(node) && node >= 0 && node < g.size)) throw new RangeError(`node ${node} is not in the graph (0 to ${g.size - 1}).`);
	const at = g.value[node];
	const up = at + h;
	const down = at - h;
	const outUp = outputWith(g, node, up, work);
	const outDown = outputWith(g, node, down, work);
	// Divide by the distance actually stepped: v ± h rounds, and (v+h) − (v−h) as doubles is
	// the exact width of the two points evaluated (2h up to rounding).
	const width = up - down;
	const lost = !(width > 0);
	const numeric = lost ? NaN : (outUp - outDown) / width;
	const backprop = g.grad[node];
	return { node, h, at, up, down, outUp, outDown, numeric, backprop, relativeError: relativeError(numeric, backprop), lost };
}

/** Every leaf element of the program, in node order: a check of the whole backward pass, linear per leaf. */
export function nudgeLeaves(g: Graph, h: number = DEFAULT_H): Nudge[] {
	const work = nudgeWork(g);
	const out: Nudge[] = [];
	for (let i = 0; i < g.size; i++) if (g.kind[i] === 'leaf') out.push(nudge(g, i, h, work));
	return out;
}

/** The largest relative error of some nudges; NaN when any could not be compared, 0 for none. */
export function worstRelativeError(ns: readonly Nudge[]): number {
	let worst = 0;
	for (const n of ns) {
		if (Number.isNaN(n.relativeError)) return NaN;
		if (n.relativeError > worst) worst = n.relativeError;
	}
	return worst;
}
