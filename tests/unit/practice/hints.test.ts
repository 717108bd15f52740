import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { hintsFor } from '../../../src/lib/core/practice/hints.ts';
import { questionsFor, type Question } from '../../../src/lib/core/practice/questions.ts';
import { run } from '../../../src/lib/core/program.ts';
import { EXAMPLES } from '../../../src/lib/examples/examples.ts';

const trace = (src: string) => {
	const r = run(src);
	if (!r.ok) throw new Error('run');
	return r.trace;
};

describe('hints, one at a time', () => {
	it('a gradient: local derivative symbolic, then upstream gradient, then the product', () => {
		const t = trace(EXAMPLES[0].program);
		const x = t.graph.groups.find((g) => g.name === 'x')!.ids[0];
		const q: Question = { kind: 'gradient', step: t.backwardStepOf[x], node: x, expected: t.graph.grad[x] };
		expect(hintsFor(t, q)).toEqual([
			{ caption: 'local derivative', tex: '\\frac{\\partial q}{\\partial x} = 1' },
			{ caption: 'upstream gradient', tex: '\\frac{\\partial f}{\\partial q} = -4' },
			{ caption: 'the chain rule: upstream × local', tex: '\\frac{\\partial f}{\\partial x} = \\frac{\\partial f}{\\partial q}\\frac{\\partial q}{\\partial x} = \\left(-4\\right) \\cdot 1' }
		]);
	});

	it('a fan-out gradient lists every use, and the product is a sum', () => {
		const t = trace(EXAMPLES.find((e) => e.id === 'fan-out')!.program);
		const b = t.graph.groups.find((g) => g.name === 'b')!.ids[0];
		const q: Question = { kind: 'gradient', step: t.backwardStepOf[b], node: b, expected: t.graph.grad[b] };
		const h = hintsFor(t, q);
		expect(h.map((x) => x.caption)).toEqual(['local derivatives (b is used 2 times)', 'upstream gradients', 'the chain rule: add one product per use']);
		expect(h[2].tex).toBe('\\frac{\\partial e}{\\partial b} = \\frac{\\partial e}{\\partial c}\\frac{\\partial c}{\\partial b} + \\frac{\\partial e}{\\partial d}\\frac{\\partial d}{\\partial b} = 2 \\cdot 1 + 3 \\cdot 1');
	});

	it('a forward value: what it computes, its inputs, then the numbers in', () => {
		const t = trace(EXAMPLES[0].program);
		const qn = t.graph.groups.find((g) => g.name === 'q')!.ids[0];
		const q: Question = { kind: 'value', step: t.forwardStepOf[qn], node: qn, expected: 3 };
		expect(hintsFor(t, q).map((h) => h.tex)).toEqual(['q = x + y', 'x = -2,\\quad y = 5', 'q = \\left(-2\\right) + 5']);
	});

	it('no hint repeats the one before it, none gives the final value away, all render in KaTeX', () => {
		for (const ex of EXAMPLES) {
			const t = trace(ex.program);
			for (let seed = 0; seed < 5; seed++)
				for (const q of questionsFor(t, { random: 50 }, seed)) {
					const h = hintsFor(t, q);
					expect(h.length).toBeGreaterThanOrEqual(1);
					h.forEach((x, i) => {
						if (i > 0) expect(x.tex).not.toBe(h[i - 1].tex);
						expect(() => katex.renderToString(x.tex, { throwOnError: true, strict: 'ignore' })).not.toThrow();
					});
				}
		}
	});
});
