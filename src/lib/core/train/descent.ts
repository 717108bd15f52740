import { backward } from '../autodiff/backward.ts';
import { forward } from '../autodiff/forward.ts';
import { leafRewrite } from '../edit/literals.ts';
import type { Graph } from '../graph/graph.ts';
import { fmt } from '../tex/number.ts';
import type { Trace } from '../trace/build.ts';
import type { GradTrack, ParamTrack, TrainOptions, TrainResult, TrainStop } from './types.ts';

/**
 * Plain float64 gradient descent on the trace's program, the arithmetic PyTorch does with
 * `torch.float64` autograd and `p -= lr * p.grad` (with momentum, `torch.optim.SGD`'s
 * v ← μ·v + g, p ← p − η·v): one forward and one backward pass of the engine per step.
 * Runs on a private copy of the values, so the trace (which a page may be showing) never changes.
 */
export function train(trace: Trace, opts: TrainOptions): TrainResult {
	const src = trace.graph;
	const { lr, steps, mu, groups } = checked(src, opts);

	// The passes write value, grad and local; everything else (structure, ops) is shared read-only.
	const g: Graph = { ...src, value: src.value.slice(), grad: src.grad.slice(), local: src.local.slice() };
	const ids = Int32Array.from(groups.flatMap((k) => Array.from(src.groups[k].ids)));
	const n = ids.length;
	const points = steps + 1;
	const losses = new Float64Array(points);
	const params: ParamTrack[] = groups.map((k) => {
		const grp = src.groups[k];
		return { group: k, name: grp.name, shape: grp.shape, values: new Float64Array(points * grp.ids.length) };
	});
	const grads: GradTrack[] = src.groups.map((grp, k) => ({ group: k, name: grp.name, norms: new Float64Array(points) }));
	// One buffer each for the proposed step, so a refused step leaves nothing half-applied.
	const nextValue = new Float64Array(n);
	const velocity = new Float64Array(n);
	const nextVelocity = new Float64Array(n);

	let stopped: TrainStop | undefined;
	let s = 0;
	for (;;) {
		forward(g);
		backward(g);
		losses[s] = g.value[g.output];
		for (const p of params) {
			const grpIds = src.groups[p.group].ids;
			const at = s * grpIds.length;
			for (let e = 0; e < grpIds.length; e++) p.values[at + e] = g.value[grpIds[e]];
		}
		for (const t of grads) t.norms[s] = norm2(g.grad, src.groups[t.group].ids);
		if (s === steps) break;

		const refused = propose(g, ids, { lr, mu, first: s === 0 }, velocity, nextVelocity, nextValue);
		if (refused >= 0) {
			stopped = refusal(trace, g, ids[refused], s + 1, lr, mu, nextVelocity[refused], nextValue[refused]);
			break;
		}
		for (let j = 0; j < n; j++) g.value[ids[j]] = nextValue[j];
		if (mu !== 0) velocity.set(nextVelocity);
		s++;
	}

	const done = s + 1;
	const final = src.value.slice();
	for (const id of ids) final[id] = g.value[id];
	return {
		losses: done === points ? losses : losses.slice(0, done),
		stepsDone: s,
		params: done === points ? params : params.map((p) => ({ ...p, values: p.values.slice(0, done * src.groups[p.group].ids.length) })),
		grads: done === points ? grads : grads.map((t) => ({ ...t, norms: t.norms.slice(0, done) })),
		final,
		...(stopped ? { stopped } : {})
	};
}

/** The options, checked: a bad one is a RangeError naming it, before any work. */
function checked(src: Graph, opts: TrainOptions): { lr: number; steps: number; mu: number; groups: number[] } {
	const { lr, steps } = opts;
	const mu = opts.momentum ?? 0;
	if (!Number.isFinite(lr)) throw new RangeError(`The learning rate must be a finite number, not ${lr}.`);
	if (!(mu >= 0 && mu < Infinity)) throw new RangeError(`The momentum must be a finite number ≥ 0 (as in torch.optim.SGD), not ${mu}.`);
	if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`The number of steps must be a whole number ≥ 0, not ${steps}.`);
	const groups = [...new Set(opts.params)];
	for (const k of groups)
		if (!src.groups[k]?.isLeaf) throw new RangeError(`Group ${k} is not a leaf of the program: only leaves can be trained.`);
	return { lr, steps, mu, groups };
}

/** The next values and velocities into their buffers; the index of the first value that is not finite (the step is refused), or -1. */
function propose(
	g: Graph,
	ids: Int32Array,
	{ lr, mu, first }: { lr: number; mu: number; first: boolean },
	velocity: Float64Array,
	nextVelocity: Float64Array,
	nextValue: Float64Array
): number {
	for (let j = 0; j < ids.length; j++) {
		const id = ids[j];
		// PyTorch starts the velocity at the first gradient (not μ·0 + g, which differs only for −0).
		const d = mu === 0 || first ? g.grad[id] : mu * velocity[j] + g.grad[id];
		nextVelocity[j] = d;
		nextValue[j] = g.value[id] - lr * d;
		if (!Number.isFinite(nextValue[j])) return j;
	}
	return -1;
}

/** ‖of[ids]‖₂, scaled by the largest element so gradients past 1e154 do not square to ∞. */
function norm2(of: Float64Array, ids: Int32Array): number {
	let big = 0;
	for (let e = 0; e < ids.length; e++) {
		const a = Math.abs(of[ids[e]]);
		if (!(a <= big)) big = a; // NaN wins, and stays
		if (Number.isNaN(big)) return NaN;
	}
	if (big === 0 || big === Infinity) return big;
	let sum = 0;
	for (let e = 0; e < ids.length; e++) {
		const r = of[ids[e]] / big;
		sum += r * r;
	}
	return big * Math.sqrt(sum);
}

/** η as typed: 0.5, 1e200 (no `e+`). */
const plain = (x: number) => String(x).replace('e+', 'e');

/** The refused step in words: which element, what it would have become, and what to change. */
function refusal(trace: Trace, g: Graph, id: number, step: number, lr: number, mu: number, d: number, value: number): TrainStop {
	const leaf = trace.label(id);
	const out = trace.label(g.output);
	const grad = g.grad[id];
	const v = mu === 0 ? `∂${out}/∂${leaf}` : 'v';
	let message: string;
	if (!Number.isFinite(grad)) {
		message =
			step === 1
				? `Step 1 refused: ∂${out}/∂${leaf} is ${fmt(grad)} at the starting values (the trace shows where it starts); change the program or its values, a smaller η cannot help.`
				: `Step ${step} refused: ∂${out}/∂${leaf} is ${fmt(grad)} after ${step - 1} step${step === 2 ? '' : 's'}, which took the parameters where the gradient is not finite. Use a smaller η (learning rate) than ${plain(lr)}.`;
	} else {
		const cause = Number.isFinite(d) ? `${leaf} − η·${v} overflows` : `the momentum ${v} overflows`;
		message =
			`Step ${step} refused: ${leaf} would become ${fmt(value)} (${cause}; ${leaf} = ${fmt(g.value[id], 6)}, ${v} = ${fmt(d, 6)}). ` +
			`Use a smaller η (learning rate) than ${plain(lr)}${mu !== 0 ? ' or a smaller momentum' : ''}.`;
	}
	return { step, leaf, value, message };
}

/**
 * The program with every chosen parameter set to its value after the last applied step, each
 * written exactly (the shortest decimal of the double), so running it reproduces the final loss.
 */
export function trainedProgram(trace: Trace, result: TrainResult): string {
	const values = new Map<number, number>();
	for (const p of result.params) for (const id of trace.graph.groups[p.group].ids) values.set(id, result.final[id]);
	const r = leafRewrite(trace, values);
	// A refused step is never applied, so every final value is finite and every chosen id a literal leaf.
	if (!r.ok) throw new Error(r.message);
	return r.text;
}
