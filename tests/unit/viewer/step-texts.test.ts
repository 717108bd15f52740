import katex from 'katex';
import { describe, expect, it, vi } from 'vitest';
import { typesetFormula } from '../../../src/lib/adapters/katex';
import { run } from '../../../src/lib/core/program';
import { stepsOf } from '../../../src/lib/core/trace/progress';
import { stepText } from '../../../src/lib/core/trace/tex';
import { StepTexts } from '../../../src/lib/state/step-texts';

function traceOf(program: string) {
	const r = run(program);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
	return r.trace;
}

describe('the next step is prepared while the page is idle', () => {
	const t = traceOf('W = [[1.2345678, 2], [3, 4.5]]\nx = [0.2718281, -1]\nq = W @ x\nL = sum(q * q)\n');

	it('a prepared neighbour needs no KaTeX when it is shown, and its text is the one stepText gives', () => {
		for (const g of ['scalar', 'group'] as const) {
			const steps = stepsOf(t, g);
			const texts = new StepTexts();
			const k = Math.floor(steps.length / 2);
			texts.prepare(t, steps, k, 5);
			const spy = vi.spyOn(katex, 'renderToString');
			try {
				for (const j of [k - 1, k + 1]) {
					const shown = texts.of(t, steps[j], 5);
					expect(shown).toEqual(stepText(t, steps[j], 5));
					for (const line of shown.lines) expect(typesetFormula(line.tex, true).kind).toBe('html');
				}
				expect(spy).not.toHaveBeenCalled();
			} finally {
				spy.mockRestore();
			}
		}
	});

	it('a text is kept per number of digits: other digits give that text, never the old one', () => {
		const steps = stepsOf(t, 'scalar');
		const texts = new StepTexts();
		const s = steps[steps.length - 1];
		const four = texts.of(t, s, 4);
		expect(texts.of(t, s, 4)).toBe(four);
		expect(texts.of(t, s, 8)).toEqual(stepText(t, s, 8));
		expect(texts.of(t, s, 8)).not.toEqual(four);
	});
});
