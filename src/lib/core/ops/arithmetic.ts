import type { OpSpec } from './spec.ts';
import { fmtExponent } from './tex.ts';

const one = () => '1';

/** The operators of the language (+ - * / ^, unary minus, 1/x) and the copy a named value may need. */
export const ARITHMETIC = [
	{
		name: 'add',
		symbol: '+',
		title: 'sum',
		arity: { kind: 'fixed', n: 2 },
		prec: 1,
		pattern: 'distributes',
		forward: (x) => x[0] + x[1],
		partials: (_x, _n, _y, _p, out) => {
			out[0] = 1;
			out[1] = 1;
		},
		tex: (t) => `${t.a[0]} + ${t.a[1]}`,
		partialTex: one,
		vectorLocal: one
	},
	{
		name: 'sub',
		symbol: '−',
		operandPrec: (i) => (i === 1 ? 2 : 0),
		title: 'difference',
		arity: { kind: 'fixed', n: 2 },
		prec: 1,
		pattern: 'scales',
		forward: (x) => x[0] - x[1],
		partials: (_x, _n, _y, _p, out) => {
			out[0] = 1;
			out[1] = -1;
		},
		tex: (t) => `${t.a[0]} - ${t.a[1]}`,
		partialTex: (_t, i) => (i === 0 ? '1' : '-1'),
		vectorLocal: (t) => (t.j === 0 ? '1' : '-1')
	},
	{
		name: 'mul',
		symbol: '×',
		operandPrec: () => 2,
		title: 'product',
		arity: { kind: 'fixed', n: 2 },
		prec: 2,
		pattern: 'swaps',
		forward: (x) => x[0] * x[1],
		partials: (x, _n, _y, _p, out) => {
			// d(ab)/da = b: each input's local derivative is the other input.
			out[0] = x[1];
			out[1] = x[0];
		},
		tex: (t) => `${t.a[0]} \\cdot ${t.a[1]}`,
		partialTex: (t, i) => t.a[1 - i],
		vectorLocal: (t) => t.x[1 - t.j]
	},
	{
		name: 'div',
		symbol: '÷',
		title: 'quotient',
		arity: { kind: 'fixed', n: 2 },
		prec: 2,
		forward: (x) => x[0] / x[1],
		partials: (x, _n, _y, _p, out) => {
			out[0] = 1 / x[1];
			out[1] = -x[0] / (x[1] * x[1]);
		},
		tex: (t) => `\\frac{${t.a[0]}}{${t.a[1]}}`,
		partialTex: (t, i) => (i === 0 ? `\\frac{1}{${t.a[1]}}` : `-\\frac{${t.a[0]}}{${t.a[1]}^{2}}`),
		vectorLocal: (t) => (t.j === 0 ? `\\frac{1}{${t.x[1]}}` : `-\\frac{${t.x[0]}}{${t.factor(t.x[1])}^{2}}`),
		domain: { min: -3, max: 3, awayFromZero: true }
	},
	{
		name: 'inv',
		symbol: '1/x',
		title: 'reciprocal',
		arity: { kind: 'fixed', n: 1 },
		prec: 2,
		forward: (x) => 1 / x[0],
		partials: (x, _n, _y, _p, out) => {
			out[0] = -1 / (x[0] * x[0]);
		},
		tex: (t) => `\\frac{1}{${t.a[0]}}`,
		partialTex: (t) => `-\\frac{1}{${t.a[0]}^{2}}`,
		vectorLocal: (t) => `-\\frac{1}{${t.factor(t.x[0])}^{2}}`,
		domain: { min: -3, max: 3, awayFromZero: true }
	},
	{
		name: 'neg',
		symbol: '−x',
		operandPrec: () => 3,
		title: 'negation',
		arity: { kind: 'fixed', n: 1 },
		prec: 3,
		pattern: 'scales',
		forward: (x) => -x[0],
		partials: (_x, _n, _y, _p, out) => {
			out[0] = -1;
		},
		tex: (t) => `-${t.a[0]}`,
		partialTex: () => '-1',
		vectorLocal: () => '-1'
	},
	{
		name: 'pow',
		symbol: '^',
		words: (a, p) => `${a[0]} to the power ${fmtExponent(p)}`,
		operandPrec: () => 5,
		title: 'power',
		arity: { kind: 'fixed', n: 1 },
		prec: 4,
		forward: (x, _n, p) => Math.pow(x[0], p),
		partials: (x, _n, _y, p, out) => {
			// Power rule; p = 0 is constant, so its derivative is 0 even at x = 0.
			out[0] = p === 0 ? 0 : p * Math.pow(x[0], p - 1);
		},
		tex: (t) => `${t.a[0]}^{${fmtExponent(t.p)}}`,
		partialTex: (t) =>
			t.p === 0
				? '0'
				: t.p === 1
					? '1'
					: t.p === 2
						? `2 \\cdot ${t.a[0]}`
						: `${fmtExponent(t.p)} \\cdot ${t.a[0]}^{${fmtExponent(t.p - 1)}}`,
		vectorLocal: (t) =>
			t.p === 0 ? '0' : t.p === 1 ? '1' : t.p === 2 ? `2\\,${t.x[0]}` : `${fmtExponent(t.p)}\\,${t.factor(t.x[0])}^{${t.vec ? '\\odot ' : ''}${fmtExponent(t.p - 1)}}`,
		domain: { min: 0.2, max: 3 },
		sampleParams: () => [2, 3, -1, 0.5, 1.5]
	},
	{
		name: 'id',
		symbol: '=',
		title: 'copy',
		arity: { kind: 'fixed', n: 1 },
		prec: 5,
		pattern: 'distributes',
		forward: (x) => x[0],
		partials: (_x, _n, _y, _p, out) => {
			out[0] = 1;
		},
		tex: (t) => t.a[0],
		partialTex: one,
		vectorLocal: one
	}
] as const satisfies readonly OpSpec[];
