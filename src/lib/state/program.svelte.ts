import { run, type RunResult } from '$lib/core/program';
import type { ProgramError } from '$lib/core/language/errors';
import type { Trace } from '$lib/core/trace/build';

/**
 * The program text and what it runs to. While the text is broken the last good trace stays
 * on screen (marked stale) and the errors are listed; the text itself is never replaced.
 */
export class ProgramState {
	text = $state('');
	/** The built-in example the text came from, while it is unchanged. */
	exampleId = $state<string | undefined>(undefined);
	#lastGood: Trace | undefined;

	readonly result: RunResult = $derived(run(this.text));
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

	load(text: string, exampleId?: string): void {
		this.text = text;
		this.exampleId = exampleId;
	}

	/** A user edit: the text no longer is the example's. */
	edit(text: string): void {
		this.text = text;
		this.exampleId = undefined;
	}
}
