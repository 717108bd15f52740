import { leafNodes, tangents } from '$lib/core/autodiff/tangent';
import type { Trace } from '$lib/core/trace/build';
import type { StepText } from '$lib/core/trace/tex';
import { convertTangentStep, tangentProgressAt, tangentStepOfLine, tangentStepOfNode, tangentSteps, type TangentStep } from '$lib/core/trace/tangent';
import { passCountText, tangentText } from '$lib/core/trace/tangent-tex';
import type { TangentOverlay } from '$lib/core/layout/scene';
import { CursorState, type StepSource } from './cursor.svelte';

/** How the page steps: backprop's forward and backward passes, or forward mode's tangents for one input. */
export type ViewMode = 'backprop' | 'tangent';

/** The tangent steps have no backward part: the whole walk is forward. */
const TANGENT_STEPS: StepSource<TangentStep> = {
	steps: tangentSteps,
	backwardStart: (t, g) => tangentSteps(t, g).length,
	convert: convertTangentStep
};

/** At most this many inputs are offered by name; a program with more still steps (the first is the default). */
export const MAX_CHOICES = 1000;

/**
 * Forward mode on the page: the chosen input x, the tangents ∂v/∂x of every node (computed once
 * per trace and input by core/autodiff/tangent.ts), and a cursor of its own over the tangent
 * steps, so switching back to backprop finds the reader where they were.
 */
export class TangentState {
	mode: ViewMode = $state('backprop');
	/** The chosen input by its label, as the link says it (`wrt=w1`, `wrt=W1[0,2]`); unknown or unset: the first leaf. */
	wanted: string | undefined = $state();
	readonly cursor: CursorState<TangentStep>;

	constructor(
		private readonly getTrace: () => Trace | undefined,
		private readonly getSig: () => number
	) {
		this.cursor = new CursorState(getTrace, TANGENT_STEPS);
	}

	readonly leaves: readonly number[] = $derived.by(() => {
		const t = this.getTrace();
		return t ? leafNodes(t.graph) : [];
	});
	/** The input the pass is seeded at: the wanted one when the program has it, else the first; -1 without inputs. */
	readonly wrt: number = $derived.by(() => {
		const t = this.getTrace();
		const w = this.wanted;
		if (!t) return -1;
		const found = w === undefined ? undefined : this.leaves.find((i) => t.label(i) === w);
		return found ?? this.leaves[0] ?? -1;
	});
	readonly on: boolean = $derived.by(() => this.mode === 'tangent' && this.getTrace() !== undefined);
	readonly wrtLabel: string | undefined = $derived.by(() => {
		const t = this.getTrace();
		return t && this.wrt >= 0 ? t.label(this.wrt) : undefined;
	});
	/** The leaves offered in the picker: every one up to MAX_CHOICES, and the chosen one always. */
	readonly choices: readonly { readonly node: number; readonly label: string }[] = $derived.by(() => {
		const t = this.getTrace();
		if (!t) return [];
		const shown = this.leaves.length <= MAX_CHOICES ? this.leaves : [...this.leaves.slice(0, MAX_CHOICES), ...(this.wrt >= this.leaves[MAX_CHOICES] ? [this.wrt] : [])];
		return shown.map((node) => ({ node, label: t.label(node) }));
	});

	readonly values: Float64Array | undefined = $derived.by(() => {
		const t = this.getTrace();
		return this.on && t && this.wrt >= 0 ? tangents(t.graph, this.wrt) : undefined;
	});

	readonly text: StepText | undefined = $derived.by(() => {
		const t = this.getTrace();
		const s = this.cursor.step;
		const v = this.values;
		if (!this.on || !t) return undefined;
		if (!v || !s)
			return { title: 'Forward mode', lines: [], words: 'This program has no inputs to seed: forward mode needs a leaf such as x = 2.', nonFinite: false };
		return tangentText(t, s, this.wrt, v, this.getSig());
	});

	readonly passes: string = $derived.by(() => {
		const t = this.getTrace();
		return this.on && t && this.wrt >= 0 ? passCountText(t, this.wrt) : '';
	});

	/** What the graph shows in forward mode: each node's tangent, once its step is reached. */
	readonly overlay: TangentOverlay | undefined = $derived.by(() => {
		const t = this.getTrace();
		const v = this.values;
		if (!this.on || !t || !v) return undefined;
		return { values: v, ...tangentProgressAt(t, this.cursor.granularity, this.cursor.k, this.wrt) };
	});

	setMode(m: ViewMode): void {
		this.cursor.pause();
		this.mode = m;
	}

	/** A new input: the pass starts again at its seed. */
	choose(label: string): void {
		if (label === this.wanted) return;
		this.wanted = label;
		this.cursor.first();
	}

	selectNode(node: number): void {
		const t = this.getTrace();
		if (t) this.cursor.go(tangentStepOfNode(t, this.cursor.granularity, node));
	}

	selectLine(line: number): void {
		const t = this.getTrace();
		const k = t ? tangentStepOfLine(t, this.cursor.granularity, line) : -1;
		if (k >= 0) this.cursor.go(k);
	}
}
