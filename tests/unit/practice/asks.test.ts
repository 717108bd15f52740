import { describe, expect, it } from 'vitest';
import { hintsFor } from '../../../src/lib/core/practice/hints.ts';
import { mixupOf, mixupWords } from '../../../src/lib/core/practice/mixup.ts';
import { questionsFor, questionWords, type BackwardAsk } from '../../../src/lib/core/practice/questions.ts';
import { run } from '../../../src/lib/core/program.ts';
import type { Trace } from '../../../src/lib/core/trace/build.ts';
import { exampleById } from '../../../src/lib/examples/examples.ts';

// f = (x + y) z with x = -2, y = 5, z = -4; q = x + y = 3. By hand:
// ∂f/∂f = 1, ∂f/∂q = z = -4, ∂f/∂z = q = 3, ∂f/∂x = ∂f/∂q · ∂q/∂x = -4 · 1 = -4, ∂f/∂y = -4.
function addMul(): Trace {
	const r = run(exampleById('add-mul')!.program);
	if (!r.ok) throw new Error('add-mul');
	return r.trace;
}

describe('what each backward step asks is the setting’s choice', () => {
	const t = addMul();
	const cases: [BackwardAsk, string[]][] = [
		// The default: every node's gradient, the lesson itself.
		['gradient', ['Backward: what is ∂f/∂z? = 3', 'Backward: what is ∂f/∂q? = -4', 'Backward: what is ∂f/∂y? = -4', 'Backward: what is ∂f/∂x? = -4']],
		['local', ['Local derivative: how fast does f change with z? = 3', 'Local derivative: how fast does f change with q? = -4', 'Local derivative: how fast does q change with y? = 1', 'Local derivative: how fast does q change with x? = 1']],
		['upstream', ['Upstream gradient: z feeds f; what is ∂f/∂f? = 1', 'Upstream gradient: q feeds f; what is ∂f/∂f? = 1', 'Upstream gradient: y feeds q; what is ∂f/∂q? = -4', 'Upstream gradient: x feeds q; what is ∂f/∂q? = -4']]
	];
	for (const [ask, expected] of cases)
		it(ask, () => {
			const qs = questionsFor(t, 'all-backward', 1, ask);
			const seen = qs.map((q) => `${questionWords(t, q)} = ${'expected' in q ? q.expected : '?'}`);
			expect([...seen].sort()).toEqual([...expected].sort());
		});

	it('factors: every asked step is a pick-the-factors question or, without enough distractors, the gradient', () => {
		for (const q of questionsFor(t, 'all-backward', 1, 'factors')) expect(['factors', 'gradient']).toContain(q.kind);
		expect(questionsFor(t, 'all-backward', 1, 'factors').some((q) => q.kind === 'factors')).toBe(true);
	});

	it('every forward step asks the computed values: q = 3, f = -12', () => {
		const qs = questionsFor(t, 'all-forward', 1);
		expect(qs.map((q) => [q.kind, 'expected' in q ? q.expected : NaN])).toEqual([
			['value', 3],
			['value', -12]
		]);
	});

	it('a gradient question’s first hint is the local derivative', () => {
		const x = questionsFor(t, 'all-backward', 1).find((q) => questionWords(t, q).includes('∂f/∂x'))!;
		const h = hintsFor(t, x);
		expect(h[0].caption).toBe('local derivative');
		expect(h[0].tex).toContain('\\frac{\\partial q}{\\partial x} = 1');
	});
});

describe('an answer to the question not asked is named', () => {
	const t = addMul();
	const local = questionsFor(t, 'all-backward', 1, 'local').find((q) => questionWords(t, q).includes('q change with x'))!;
	const grad = questionsFor(t, 'all-backward', 1, 'gradient').find((q) => questionWords(t, q).includes('∂f/∂x'))!;
	const cases: [string, typeof local, number, string | undefined][] = [
		['−4 where ∂q/∂x was asked', local, -4, 'That is ∂f/∂x; this question asks ∂q/∂x.'],
		['1 where ∂f/∂x was asked', grad, 1, 'That is ∂q/∂x; this question asks ∂f/∂x.'],
		['−2 (the value of x) where ∂f/∂x was asked', grad, -2, 'That is the value of x; this question asks ∂f/∂x.'],
		['a number no quantity of the step has', grad, 7, undefined],
		['the right answer is no mix-up', grad, -4, undefined]
	];
	for (const [name, q, answer, words] of cases)
		it(name, () => {
			const m = mixupOf(t, q, answer);
			expect(m ? mixupWords(m) : undefined).toBe(words);
		});
});
