import type { Trace } from '$lib/core/trace/build';
import { backwardStartOf, stepsOf } from '$lib/core/trace/progress';
import type { Granularity, Step } from '$lib/core/trace/steps';
import { convertStep, type Phase } from '$lib/core/view/navigate';

export const SPEEDS = [0.5, 1, 2, 4, 8] as const;

/** Where a walk gets its steps: the trace's own (backprop), or another list over the same trace (forward mode's tangents). */
export interface StepSource<S> {
	steps(t: Trace, g: Granularity): readonly S[];
	backwardStart(t: Trace, g: Granularity): number;
	convert(t: Trace, from: Granularity, k: number, to: Granularity): number;
}
const TRACE_STEPS: StepSource<Step> = { steps: stepsOf, backwardStart: backwardStartOf, convert: convertStep };

/** Where the reader is in the trace: granularity, step k (0-based), and playback. */
export class CursorState<S = Step> {
	granularity: Granularity = $state('scalar');
	/** Wanted position; clamped to the trace so a shorter program never leaves it out of range. */
	#k = $state(0);
	playing = $state(false);
	/** Steps per second while playing. */
	speed = $state(2);
	#timer: ReturnType<typeof setInterval> | undefined;

	constructor(
		private readonly getTrace: () => Trace | undefined,
		// The default walks the trace's steps, which are `Step`s: S is Step whenever no source is given.
		private readonly source: StepSource<S> = TRACE_STEPS as unknown as StepSource<S>
	) {}

	readonly steps: readonly S[] = $derived.by(() => {
		const t = this.getTrace();
		return t ? this.source.steps(t, this.granularity) : [];
	});
	readonly n: number = $derived(this.steps.length);
	readonly k: number = $derived(Math.max(0, Math.min(this.#k, this.n - 1)));
	readonly step: S | undefined = $derived(this.steps[this.k]);
	readonly backwardStart: number = $derived.by(() => {
		const t = this.getTrace();
		return t ? this.source.backwardStart(t, this.granularity) : 0;
	});
	readonly phase: Phase = $derived(this.k >= this.backwardStart ? 'backward' : 'forward');
	readonly atEnd: boolean = $derived(this.k >= this.n - 1);

	go(k: number): void {
		this.#k = Math.max(0, Math.min(Math.trunc(k), Math.max(0, this.n - 1)));
	}
	/** Set before a trace exists (from a link); clamped once it does. */
	setWanted(k: number): void {
		this.#k = Math.max(0, Math.trunc(k));
	}
	next(): void {
		this.go(this.k + 1);
	}
	prev(): void {
		this.go(this.k - 1);
	}
	first(): void {
		this.go(0);
	}
	last(): void {
		this.go(this.n - 1);
	}
	toBackward(): void {
		this.go(this.backwardStart);
	}

	/** Switch granularity at the same place: a scalar step's group, or a group's first scalar step. */
	setGranularity(g: Granularity): void {
		if (g === this.granularity) return;
		const t = this.getTrace();
		const k = t && this.n > 0 ? this.source.convert(t, this.granularity, this.k, g) : 0;
		this.granularity = g;
		this.#k = k;
	}

	play(): void {
		if (this.playing) return;
		if (this.atEnd) this.first();
		this.playing = true;
		this.#restart();
	}
	pause(): void {
		this.playing = false;
		clearInterval(this.#timer);
		this.#timer = undefined;
	}
	togglePlay(): void {
		if (this.playing) this.pause();
		else this.play();
	}
	setSpeed(s: number): void {
		this.speed = s;
		if (this.playing) this.#restart();
	}
	#restart(): void {
		clearInterval(this.#timer);
		this.#timer = setInterval(() => {
			if (this.atEnd) this.pause();
			else this.next();
		}, 1000 / this.speed);
	}
}
