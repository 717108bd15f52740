import type { FnSpec, OpSpec, TexArgs, VectorTexArgs } from './spec.ts';
import { paren } from './tex.ts';

/** A one-argument function applied element by element: exp, log, the activations, sin. */
function unary<N extends string>(
	name: N,
	title: string,
	f: (x: number) => number,
	df: (x: number, y: number) => number,
	tex: (a: string) => string,
	dtex: (t: TexArgs) => string,
	vectorLocal: (t: VectorTexArgs) => string,
	extra: Partial<Omit<OpSpec, 'name' | 'fn'>> & { fn?: Partial<FnSpec> } = {}
): OpSpec & { name: N } {
	const { fn, ...rest } = extra;
	return {
		...rest,
		name,
		symbol: rest.symbol ?? name,
		title,
		arity: { kind: 'fixed', n: 1 },
		prec: 5,
		forward: (x) => f(x[0]),
		partials: (x, _n, y, _p, out) => {
			out[0] = df(x[0], y);
		},
		tex: (t) => tex(t.a[0]),
		partialTex: (t) => dtex(t),
		vectorLocal,
		encloses: rest.encloses ?? 'both',
		fn: { expand: 'map', tex: (a) => tex(a[0]), ...fn }
	};
}

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
/** A NaN among the inputs: the result is NaN whatever the order (LANGUAGE.md: non-finite values are never hidden). */
const nan2 = (x: Float64Array) => Number.isNaN(x[0]) || Number.isNaN(x[1]);
/** ⊙ between vectors, a thin space between scalars. */
const times = (t: VectorTexArgs) => (t.vec ? ' \\odot ' : '\\,');

/** Element-wise functions a program calls by name. */
export const ELEMENTWISE = [
	unary('exp', 'exponential', Math.exp, (_x, y) => y, (a) => `e^{${a}}`, (t) => `e^{${t.a[0]}}`, (t) => t.y, {
		fn: { tex: (a) => `\\exp${paren(a[0])}`, practice: (a) => Math.abs(a) < 3 }
	}),
	unary('log', 'natural log', Math.log, (x) => 1 / x, (a) => `\\log ${paren(a)}`, (t) => `\\frac{1}{${t.a[0]}}`, (t) => `\\frac{1}{${t.x[0]}}`, {
		domain: { min: 0.1, max: 4 },
		fn: { practice: (a) => a > 0.2 }
	}),
	unary('sqrt', 'square root', Math.sqrt, (_x, y) => 1 / (2 * y), (a) => `\\sqrt{${a}}`, (t) => `\\frac{1}{2 \\sqrt{${t.a[0]}}}`, (t) => `\\frac{1}{2${t.factor(t.y)}}`, {
		domain: { min: 0.1, max: 4 },
		fn: { practice: (a) => a > 0.2 }
	}),
	unary(
		'abs',
		'absolute value',
		Math.abs,
		(x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN),
		(a) => `\\left|${a}\\right|`,
		(t) => `\\operatorname{sign}${paren(t.a[0])}`,
		(t) => `\\operatorname{sign}${paren(t.x[0])}`,
		{
			symbol: '|x|',
			// One input: the gradient passes where the input is positive, sign-flipped where negative (trace/tex.ts words it).
			pattern: 'routes',
			tieNote: (x) => (x[0] === 0 ? 'abs is not differentiable at 0; the gradient is taken as 0.' : undefined),
			domain: { min: -3, max: 3, awayFromZero: true },
			fn: { practice: (a) => Math.abs(a) > 0.1 }
		}
	),
	unary(
		'sigmoid',
		'sigmoid',
		sigmoid,
		// σ'(x) = σ(x)(1 − σ(x)): the slides' "(1 − σ)σ", read off the output.
		(_x, y) => (1 - y) * y,
		(a) => `\\sigma${paren(a)}`,
		(t) => `\\left(1 - ${t.y}\\right) ${t.y}`,
		(t) => `${t.factor(t.y)}${times(t)}\\left(1 - ${t.y}\\right)`,
		{ symbol: 'σ', encloses: 'tex', fn: { activation: true, practice: (a) => Math.abs(a) < 5 } }
	),
	unary(
		'tanh',
		'tanh',
		Math.tanh,
		(_x, y) => 1 - y * y,
		(a) => `\\tanh${paren(a)}`,
		(t) => `1 - ${t.y}^{2}`,
		(t) => (t.vec ? `1 - ${t.factor(t.y)} \\odot ${t.factor(t.y)}` : `1 - ${t.factor(t.y)}^{2}`),
		{ encloses: 'tex', fn: { activation: true, practice: (a) => Math.abs(a) < 3 } }
	),
	unary(
		'relu',
		'ReLU',
		// NaN is neither > 0 nor <= 0: it stays NaN rather than becoming 0.
		(x) => (x > 0 ? x : x <= 0 ? 0 : NaN),
		(x) => (x > 0 ? 1 : x <= 0 ? 0 : NaN),
		(a) => `\\operatorname{relu}${paren(a)}`,
		(t) => `\\left[${t.a[0]} > 0\\right]`,
		(t) => `\\left[${t.x[0]} > 0\\right]`,
		{
			pattern: 'routes',
			tieNote: (x) => (x[0] === 0 ? 'relu is not differentiable at 0; the gradient is taken as 0.' : undefined),
			domain: { min: -3, max: 3, awayFromZero: true },
			fn: { activation: true, practice: (a) => Math.abs(a) > 0.1 }
		}
	),
	unary('sin', 'sine', Math.sin, Math.cos, (a) => `\\sin${paren(a)}`, (t) => `\\cos${paren(t.a[0])}`, (t) => `\\cos${paren(t.x[0])}`, {
		domain: { min: -3, max: 3 },
		fn: { practice: (a) => Math.abs(a) < 4 }
	}),
	unary('cos', 'cosine', Math.cos, (x) => -Math.sin(x), (a) => `\\cos${paren(a)}`, (t) => `-\\sin${paren(t.a[0])}`, (t) => `-\\sin${paren(t.x[0])}`, {
		domain: { min: -3, max: 3 },
		fn: { practice: (a) => Math.abs(a) < 4 }
	}),
	unary(
		'tan',
		'tangent',
		Math.tan,
		// tan' = 1/cos² = 1 + tan²: read off the input, as the slides write sec².
		(x) => 1 / (Math.cos(x) * Math.cos(x)),
		(a) => `\\tan${paren(a)}`,
		(t) => `\\frac{1}{\\cos^{2}${paren(t.a[0])}}`,
		(t) => `\\frac{1}{\\cos^{2}${paren(t.x[0])}}`,
		{ domain: { min: -1.2, max: 1.2 }, fn: { practice: (a) => Math.abs(Math.cos(a)) > 0.3 } }
	),
	{
		name: 'atan2',
		symbol: 'atan2',
		title: 'angle',
		words: (a) => `the angle of the point (${a[1]}, ${a[0]})`,
		arity: { kind: 'fixed', n: 2 },
		prec: 5,
		// The call's parentheses enclose its operands; the derivative's squares do not.
		encloses: 'tex',
		forward: (x) => Math.atan2(x[0], x[1]),
		partials: (x, _n, _y, _p, out) => {
			// θ = atan2(y, x): ∂θ/∂y = x / (x² + y²), ∂θ/∂x = −y / (x² + y²).
			const r2 = x[0] * x[0] + x[1] * x[1];
			out[0] = x[1] / r2;
			out[1] = -x[0] / r2;
		},
		tex: (t) => `\\operatorname{atan2}${paren(`${t.a[0]}, ${t.a[1]}`)}`,
		partialTex: (t, i) => (i === 0 ? `\\frac{${t.a[1]}}{${t.a[0]}^{2} + ${t.a[1]}^{2}}` : `-\\frac{${t.a[0]}}{${t.a[0]}^{2} + ${t.a[1]}^{2}}`),
		vectorLocal: (t) => {
			const r2 = `${t.x[0]}^{${t.vec ? '\\odot ' : ''}2} + ${t.x[1]}^{${t.vec ? '\\odot ' : ''}2}`;
			const top = t.j === 0 ? t.x[1] : t.x[0];
			return `${t.j === 0 ? '' : '-'}${t.vec ? `${t.factor(top)} \\oslash \\left(${r2}\\right)` : `\\frac{${top}}{${r2}}`}`;
		},
		// Away from the origin, where the angle is undefined, and from the cut along the negative x axis.
		domain: { min: 0.3, max: 3 },
		fn: { expand: 'map', tex: (a) => `\\operatorname{atan2}${paren(a.join(', '))}` }
	},
	{
		name: 'max',
		symbol: 'max',
		title: 'maximum',
		arity: { kind: 'fixed', n: 2 },
		prec: 5,
		encloses: 'both',
		pattern: 'routes',
		forward: (x) => (nan2(x) ? NaN : x[0] >= x[1] ? x[0] : x[1]),
		partials: (x, _n, _y, _p, out) => {
			// At a tie the gradient goes to the first argument (LANGUAGE.md).
			const first = x[0] >= x[1];
			out[0] = nan2(x) ? NaN : first ? 1 : 0;
			out[1] = nan2(x) ? NaN : first ? 0 : 1;
		},
		tex: (t) => `\\max${paren(`${t.a[0]}, ${t.a[1]}`)}`,
		partialTex: (t, i) => (i === 0 ? `\\left[${t.a[0]} \\ge ${t.a[1]}\\right]` : `\\left[${t.a[1]} > ${t.a[0]}\\right]`),
		vectorLocal: (t) => (t.j === 0 ? `\\left[${t.x[0]} \\ge ${t.x[1]}\\right]` : `\\left[${t.x[1]} > ${t.x[0]}\\right]`),
		tieNote: (x) => (x[0] === x[1] ? 'max has a tie; the gradient goes to the first argument.' : undefined),
		fn: { expand: 'map', tex: (a) => `\\max${paren(a.join(', '))}`, practice: (a, b) => Math.abs(a - b) > 0.1 }
	},
	{
		name: 'min',
		symbol: 'min',
		title: 'minimum',
		arity: { kind: 'fixed', n: 2 },
		prec: 5,
		encloses: 'both',
		pattern: 'routes',
		forward: (x) => (nan2(x) ? NaN : x[0] <= x[1] ? x[0] : x[1]),
		partials: (x, _n, _y, _p, out) => {
			const first = x[0] <= x[1];
			out[0] = nan2(x) ? NaN : first ? 1 : 0;
			out[1] = nan2(x) ? NaN : first ? 0 : 1;
		},
		tex: (t) => `\\min${paren(`${t.a[0]}, ${t.a[1]}`)}`,
		partialTex: (t, i) => (i === 0 ? `\\left[${t.a[0]} \\le ${t.a[1]}\\right]` : `\\left[${t.a[1]} < ${t.a[0]}\\right]`),
		vectorLocal: (t) => (t.j === 0 ? `\\left[${t.x[0]} \\le ${t.x[1]}\\right]` : `\\left[${t.x[1]} < ${t.x[0]}\\right]`),
		tieNote: (x) => (x[0] === x[1] ? 'min has a tie; the gradient goes to the first argument.' : undefined),
		fn: { expand: 'map', tex: (a) => `\\min${paren(a.join(', '))}`, practice: (a, b) => Math.abs(a - b) > 0.1 }
	}
] as const satisfies readonly OpSpec[];
