import type { GradTrack, ParamTrack, TrainResult } from '../train/types.ts';

/**
 * Runs of training joined into one history, as the page keeps it while the program keeps its
 * shape: the same shape as one run (a TrainResult), so the curve, the CSV and the SVG read a
 * history exactly as they read a run. Each run starts where the last ended, so its point 0 is
 * the last point already kept and is dropped.
 */
export type TrainHistory = TrainResult;

export type Appended =
	| { readonly kind: 'joined'; readonly history: TrainHistory }
	/** The values were changed by hand since the last run: the old curve does not lead here. */
	| { readonly kind: 'restarted'; readonly history: TrainHistory };

/**
 * `start` holds every node's value before the run (the trace it ran on) and `leafIds` the leaf
 * nodes; a parameter trained in one run but not another is constant there, so its track is
 * filled with the value it held.
 */
export function appendRun(h: TrainHistory | undefined, start: Float64Array, leafIds: ArrayLike<number>, run: TrainResult): Appended {
	if (!h || !sameLeaves(h.final, start, leafIds) || h.grads.length !== run.grads.length) return { kind: h ? 'restarted' : 'joined', history: run };
	const n0 = h.stepsDone + 1;
	const n1 = run.stepsDone;
	const losses = join(h.losses, run.losses);
	const grads: GradTrack[] = h.grads.map((t, k) => ({ ...t, norms: join(t.norms, run.grads[k].norms) }));
	const params: ParamTrack[] = [];
	const seen = new Set<number>();
	for (const p of h.params) {
		seen.add(p.group);
		const size = p.values.length / n0;
		const now = run.params.find((q) => q.group === p.group);
		const tail = now ? now.values.subarray(size) : repeat(p.values.subarray((n0 - 1) * size), n1);
		params.push({ ...p, values: concat(p.values, tail) });
	}
	for (const q of run.params) {
		if (seen.has(q.group)) continue;
		const size = q.values.length / (n1 + 1);
		// Before this run the group was not trained: it held its starting value all along.
		params.push({ ...q, values: concat(repeat(q.values.subarray(0, size), n0 - 1), q.values) });
	}
	params.sort((a, b) => a.group - b.group);
	return {
		kind: 'joined',
		history: { losses, stepsDone: h.stepsDone + n1, params, grads, final: run.final, ...(run.stopped ? { stopped: run.stopped } : {}) }
	};
}

function sameLeaves(a: Float64Array, b: Float64Array, ids: ArrayLike<number>): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < ids.length; i++) if (!Object.is(a[ids[i]], b[ids[i]])) return false;
	return true;
}

/** a then b without b's first point (the point a ends on). */
function join(a: Float64Array, b: Float64Array): Float64Array {
	return concat(a, b.subarray(1));
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
	const out = new Float64Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}

function repeat(block: Float64Array, times: number): Float64Array {
	const out = new Float64Array(block.length * Math.max(0, times));
	for (let t = 0; t < times; t++) out.set(block, t * block.length);
	return out;
}

/** Element e of a parameter track along the history. */
export function elementSeries(p: ParamTrack, e: number): Float64Array {
	const size = p.shape.reduce((a, b) => a * b, 1);
	const n = p.values.length / size;
	const out = new Float64Array(n);
	for (let s = 0; s < n; s++) out[s] = p.values[s * size + e];
	return out;
}
