import { DEFAULT_H, hProblem, nudge, nudgeWork, worstRelativeError, type Nudge } from '$lib/core/autodiff/nudge';
import type { Trace } from '$lib/core/trace/build';
import type { Step } from '$lib/core/trace/steps';
import { groupSentence, nudgeSentence, stepSymbol } from './nudge-words';

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

/**
 * The nudge check of the current backward step: h as the reader typed it, and the numerical
 * derivative of every node the step computes a gradient for, worked out by core/autodiff/nudge.ts
 * only when the step panel reads it (one or a few forward sweeps, never into the trace).
 */
export class NudgeState {
	/** The input's text, written back only when the reader commits it, so typing "0.00…" is never rewritten. */
	text = $state(DEFAULT_H.toExponential());
	/** NaN while the input holds no number. */
	h = $state(DEFAULT_H);

	constructor(
		private readonly getTrace: () => Trace | undefined,
		private readonly getStep: () => Step | undefined,
		private readonly getSig: () => number
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

	readonly view: NudgeView = $derived.by(() => {
		const t = this.getTrace();
		const s = this.getStep();
		if (!t || !s || (s.kind !== 'backward' && s.kind !== 'group-backward')) return { kind: 'none' };
		const bad = hProblem(this.h);
		if (bad) return { kind: 'bad-h', message: bad };
		const g = t.graph;
		const sig = this.getSig();
		const output = t.label(g.output);
		const work = nudgeWork(g);
		const ids = s.kind === 'backward' ? [s.node] : Array.from(g.groups[s.group].ids);
		const rows = ids.map((i) => ({ nudge: nudge(g, i, this.h, work), label: t.label(i) }));
		const worstError = worstRelativeError(rows.map((r) => r.nudge));
		const worst = rows.find((r) => Object.is(r.nudge.relativeError, worstError)) ?? rows[0];
		const step = stepSymbol([...g.groups.map((x) => x.name), ...t.program.definitions.flatMap((d) => d.params.map((q) => q.name))]);
		if (s.kind === 'backward') {
			const n = rows[0].nudge;
			return { kind: 'checked', output, of: rows[0].label, rows, worst, group: false, step, sentence: nudgeSentence(n, rows[0].label, output, g.kind[n.node] !== 'leaf', sig, step) };
		}
		const name = g.groups[s.group].name;
		const sentence = rows.length === 1 ? nudgeSentence(rows[0].nudge, name, output, g.kind[ids[0]] !== 'leaf', sig, step) : groupSentence(worst.nudge, name, rows.length, worst.label, sig, step);
		return { kind: 'checked', output, of: name, rows, worst, group: true, sentence, step };
	});
}
