import { runOffThread } from '$lib/adapters/runner';
import type { GateMode } from '$lib/core/graph/gates';
import { run, type RunResult } from '$lib/core/program';
import type { ProgramError } from '$lib/core/language/errors';
import type { Trace } from '$lib/core/trace/build';

/** Past this many characters an edit runs after typing pauses for SETTLE_MS, not on the key's own task. */
export const SETTLE_CHARS = 2_000;
export const SETTLE_MS = 250;
/** The pause waited for grows with the last run's cost, up to this. */
export const SETTLE_MAX_MS = 1_500;

/** Shown before the first run of a long program comes back: nothing yet, and nothing wrong. */
const NOT_YET: RunResult = { ok: false, errors: [] };

/**
 * The program text and what it runs to. While the text is broken the last good trace stays
 * on screen (marked stale) and the errors are listed; the text itself is never replaced.
 */
export class ProgramState {
	text = $state('');
	/** The built-in example the text came from, while it is unchanged. */
	exampleId = $state<string | undefined>(undefined);
	#gates = $state<GateMode>('one');
	#lastGood: Trace | undefined;
	/** The text last handed to run(): a long one lags `text` until typing pauses. */
	#ran = $state('');
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** A long text's run, back from the worker. */
	#arrived = $state.raw<{ readonly text: string; readonly gates: GateMode; readonly result: RunResult } | undefined>(undefined);
	/** A text that must run here and now, because its caller reads the trace straight after (a training step). */
	#here: string | undefined;
	#lastResult: RunResult = NOT_YET;

	/** How long the last run took, in ms: a slow program waits longer for typing to pause. */
	#cost = 0;

	/** How calls of the program's own gates are stepped: one gate each, or the body's primitive steps. */
	get gates(): GateMode {
		return this.#gates;
	}
	set gates(mode: GateMode) {
		this.#gates = mode;
		if (this.#offThread(this.#ran)) this.#send();
	}

	/** The worker's run of the text and gates now asked for, once it is back. */
	readonly #fresh: RunResult | undefined = $derived.by(() => {
		const a = this.#arrived;
		return a && a.text === this.#ran && a.gates === this.#gates ? a.result : undefined;
	});

	readonly result: RunResult = $derived.by(() => {
		const text = this.#ran;
		let r: RunResult;
		if (!this.#offThread(text)) {
			const started = performance.now();
			r = run(text, { gates: this.#gates });
			this.#cost = performance.now() - started;
		} else {
			// While a long text runs beside the page, what was shown stays (as while typing pauses).
			r = this.#fresh ?? this.#lastResult;
		}
		this.#lastResult = r;
		return r;
	});
	/** A long program's run is beside the page and not back yet: what is shown is from before it. */
	readonly running: boolean = $derived(this.#offThread(this.#ran) && this.#fresh === undefined);
	/** Typing has not paused yet: what is shown was run from an earlier text. */
	readonly pending: boolean = $derived(this.text !== this.#ran);
	/** Nothing written yet (a blank program, or all text deleted): nothing to show, and no error to scold. */
	readonly empty: boolean = $derived(!this.result.ok && this.result.errors.length === 1 && this.result.errors[0].code === 'empty-program');
	readonly trace: Trace | undefined = $derived.by(() => {
		if (this.result.ok) this.#lastGood = this.result.trace;
		else if (this.empty) this.#lastGood = undefined;
		return this.#lastGood;
	});
	readonly errors: readonly ProgramError[] = $derived(this.result.ok || this.empty ? [] : this.result.errors);
	/** The trace shown is from an earlier text: the current one does not run. */
	readonly stale: boolean = $derived(!this.result.ok && this.trace !== undefined);

	/** `here`: run on this thread before returning, for a caller that reads the trace straight after. */
	load(text: string, exampleId?: string, here = false): void {
		this.text = text;
		this.exampleId = exampleId;
		this.#here = here ? text : undefined;
		this.#runNow();
	}

	/**
	 * A user edit: the text no longer is the example's. A short program runs at once (well
	 * under a frame); a long one runs once typing pauses, so each key echoes before any run or
	 * re-render of a big trace, and a burst of keys costs one run, not one a key.
	 */
	edit(text: string): void {
		this.text = text;
		this.exampleId = undefined;
		this.#here = undefined;
		if (text.length <= SETTLE_CHARS) this.#runNow();
		else {
			clearTimeout(this.#timer);
			// A key that itself takes long to lay out (a 1 MB line) must not count as a pause.
			this.#timer = setTimeout(() => this.#runNow(), Math.min(SETTLE_MAX_MS, SETTLE_MS + this.#cost));
		}
	}

	/** Run what is written now, a pending edit included. */
	#runNow(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#ran = this.text;
		if (this.#offThread(this.text)) this.#send();
	}

	/** Past SETTLE_CHARS a run takes long enough to freeze typing: it runs in a worker (adapters/runner.ts). */
	#offThread(text: string): boolean {
		return text.length > SETTLE_CHARS && text !== this.#here && typeof window !== 'undefined';
	}

	#send(): void {
		const text = this.#ran;
		const gates = this.#gates;
		void runOffThread(text, gates).then((a) => {
			if (a.kind === 'done' && text === this.#ran && gates === this.#gates) this.#arrived = { text, gates, result: a.result };
		});
	}
}
