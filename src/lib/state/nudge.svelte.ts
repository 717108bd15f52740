import { untrack } from 'svelte';
import { DEFAULT_H, hProblem, nudge, nudgeWork, worstRelativeError, type Nudge, type NudgeWork } from '$lib/core/autodiff/nudge';
import type { Trace } from '$lib/core/trace/build';
import type { Step } from '$lib/core/trace/steps';
import { groupSentence, nudgeSentence, stepSymbol } from './nudge-words';
import { afterPaint } from './schedule';

/** One nudged node with the names its line shows. */
export interface NudgeRow {
	readonly nudge: Nudge;
	readonly label: string;
}

/** What the step panel's nudge check shows for the current step. */
export type NudgeView =
	| { readonly kind: 'none' }
	| { readonly kind: 'bad-h'; readonly message: string }
	| {
			/** A named value too big to check within the step: its elements are being nudged between frames. */
			readonly kind: 'checking';
			readonly of: string;
			readonly done: number;
			readonly total: number;
			readonly step: string;
	  }
	| {
			readonly kind: 'checked';
			readonly output: string;
			/** The nudged node's name (a scalar step) or the named value's (a group step). */
			readonly of: string;
			readonly rows: readonly NudgeRow[];
			readonly worst: NudgeRow;
			readonly sentence: string;
			readonly group: boolean;
			/** The step's symbol: h, or ε where the program has its own h. */
			readonly step: string;
	  };

/** The nodes to nudge for one step at one h. */
interface Plan {
	readonly t: Trace;
	readonly s: Step & { kind: 'backward' | 'group-backward' };
	readonly h: number;
	readonly ids: readonly number[];
	readonly step: string;
}

/**
 * Node visits (two sweeps per nudged element, each from the element to the output) a step may
 * spend on the check before it moves between frames: about a millisecond here, so a step stays
 * within a frame while a 1,200-element weight matrix of a 3,000-node network (7 M visits) does not
 * hold the step up.
 */
export const STEP_SWEEP_BUDGET = 100_000;
/** One slice of a big check between frames: short enough that a key press is answered within a frame. */
const SLICE_MS = 6;

/** One element's check, with the name its line shows. */
function rowOf(t: Trace, i: number, h: number, work: NudgeWork): NudgeRow {
	return { nudge: nudge(t.graph, i, h, work), label: t.label(i) };
}

/**
 * The nudge check of the current backward step: h as the reader typed it, and the numerical
 * derivative of every node the step computes a gradient for, worked out by core/autodiff/nudge.ts
 * only when the step panel reads it (one or a few forward sweeps, never into the trace). A named
 * value whose sweeps pass STEP_SWEEP_BUDGET is checked in slices by `work()`, which the panel runs.
 */
export class NudgeState {
	/** The input's text, written back only when the reader commits it, so typing "0.00…" is never rewritten. */
	text = $state(DEFAULT_H.toExponential());
	/** NaN while the input holds no number. */
	h = $state(DEFAULT_H);
	/** The rows of a big check so far, for the plan they belong to. */
	#progress: { readonly plan: Plan; readonly rows: readonly NudgeRow[] } | undefined = $state.raw();

	constructor(
		private readonly getTrace: () => Trace | undefined,
		private readonly getStep: () => Step | undefined,
		private readonly getSig: () => number,
		private readonly later: (fn: () => void) => void = afterPaint
	) {}

	/** The viewer's Digits setting, which the check's numbers follow. */
	get sig(): number {
		return this.getSig();
	}

	/** The number input's value as typed (`valueAsNumber`: NaN when it is empty or not a number). */
	type(h: number): void {
		this.h = h;
	}
	commit(text: string): void {
		this.text = text;
	}

	readonly #plan: Plan | { readonly kind: 'none' } | { readonly kind: 'bad-h'; readonly message: string } = $derived.by(() => {
		const t = this.getTrace();
		const s = this.getStep();
		if (!t || !s || (s.kind !== 'backward' && s.kind !== 'group-backward')) return { kind: 'none' };
		const bad = hProblem(this.h);
		if (bad) return { kind: 'bad-h', message: bad };
		const g = t.graph;
		const ids = s.kind === 'backward' ? [s.node] : Array.from(g.groups[s.group].ids);
		const step = stepSymbol([...g.groups.map((x) => x.name), ...t.program.definitions.flatMap((d) => d.params.map((q) => q.name))]);
		return { t, s, h: this.h, ids, step };
	});

	/** The plan when it is too big to check within the step, else undefined. */
	get #big(): Plan | undefined {
		const p = this.#plan;
		if (!('ids' in p)) return undefined;
		let visits = 0;
		for (const i of p.ids) visits += 2 * (p.t.graph.output - i + 1);
		return visits > STEP_SWEEP_BUDGET ? p : undefined;
	}

	/** The rows worked out so far for this plan (a plan is rebuilt on each read outside an effect, so it is matched by what it is). */
	#doneFor(p: Plan): readonly NudgeRow[] {
		const q = this.#progress?.plan;
		return q && q.t === p.t && q.s === p.s && Object.is(q.h, p.h) ? this.#progress!.rows : [];
	}

	readonly view: NudgeView = $derived.by(() => {
		const p = this.#plan;
		if (!('ids' in p)) return p;
		if (!this.#big) {
			const w = nudgeWork(p.t.graph);
			return this.#checked(p, p.ids.map((i) => rowOf(p.t, i, p.h, w)));
		}
		const done = this.#doneFor(p);
		if (done.length < p.ids.length) return { kind: 'checking', of: this.#name(p), done: done.length, total: p.ids.length, step: p.step };
		return this.#checked(p, done);
	});

	/**
	 * Nudges a big named value's elements in slices after the step has painted, and shows them
	 * when all are done. Run it in an effect: it reads the plan, and returns the cancel for when
	 * the step, h or program changes first.
	 */
	work(): () => void {
		const p = this.#big;
		if (!p) return () => {};
		// Not a dependency: the effect reruns for a new plan, not for its own progress. A rerun resumes.
		const rows = [...untrack(() => this.#doneFor(p))];
		if (rows.length === p.ids.length) return () => {};
		let cancelled = false;
		const w = nudgeWork(p.t.graph);
		const slice = () => {
			if (cancelled) return;
			const end = performance.now() + SLICE_MS;
			while (rows.length < p.ids.length && (rows.length % 8 !== 0 || performance.now() < end)) {
				rows.push(rowOf(p.t, p.ids[rows.length], p.h, w));
			}
			this.#progress = { plan: p, rows: rows.slice() };
			if (rows.length < p.ids.length) this.later(slice);
		};
		this.later(slice);
		return () => {
			cancelled = true;
		};
	}

	#name(p: Plan): string {
		return p.s.kind === 'backward' ? p.t.label(p.s.node) : p.t.graph.groups[p.s.group].name;
	}

	#checked(p: Plan, rows: readonly NudgeRow[]): NudgeView {
		const { t, s, step } = p;
		const g = t.graph;
		const sig = this.getSig();
		const output = t.label(g.output);
		const worstError = worstRelativeError(rows.map((r) => r.nudge));
		const worst = rows.find((r) => Object.is(r.nudge.relativeError, worstError)) ?? rows[0];
		if (s.kind === 'backward') {
			const n = rows[0].nudge;
			return { kind: 'checked', output, of: rows[0].label, rows, worst, group: false, step, sentence: nudgeSentence(n, rows[0].label, output, g.kind[n.node] !== 'leaf', sig, step) };
		}
		const name = g.groups[s.group].name;
		const sentence = rows.length === 1 ? nudgeSentence(rows[0].nudge, name, output, g.kind[p.ids[0]] !== 'leaf', sig, step) : groupSentence(worst.nudge, name, rows.length, worst.label, sig, step);
		return { kind: 'checked', output, of: name, rows, worst, group: true, sentence, step };
	}
}
