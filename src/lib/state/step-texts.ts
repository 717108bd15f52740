import { typesetFormula } from '$lib/adapters/katex';
import type { Trace } from '$lib/core/trace/build';
import type { Step } from '$lib/core/trace/steps';
import { stepText, type StepText } from '$lib/core/trace/tex';

/**
 * Each step's text worked out once per number of digits, and the neighbouring steps' text and
 * formulas prepared while the page is idle: a key press on to the next step then costs its DOM,
 * not its LaTeX and KaTeX (8–10 ms for a named value's matrices at 3,000 nodes). Steps belong to
 * one trace, so a new trace never finds an old entry.
 */
export class StepTexts {
	#memo = new WeakMap<Step, { readonly sig: number; readonly text: StepText }>();

	of(t: Trace, s: Step, sig: number): StepText {
		const hit = this.#memo.get(s);
		if (hit?.sig === sig) return hit.text;
		const text = stepText(t, s, sig);
		this.#memo.set(s, { sig, text });
		return text;
	}

	/** The steps either side of k, the next one first (StepMath sets every line in display style). */
	prepare(t: Trace, steps: readonly Step[], k: number, sig: number): void {
		for (const j of [k + 1, k - 1]) {
			const s = steps[j];
			if (s) for (const line of this.of(t, s, sig).lines) typesetFormula(line.tex, true);
		}
	}
}
