import type { OpSpec, TexArgs } from './spec.ts';

/** Long sums (a dot product of 128 terms) would swamp the step: show the ends and elide the middle. */
export const TEX_LIST_LIMIT = 6;
/** Items `at(0)` … `at(n - 1)`; only those shown are written, as operand lists are made on read (trace/lazy-list.ts). */
function listOf(n: number, at: (k: number) => string, sep: string): string {
	const shown = n <= TEX_LIST_LIMIT ? [...Array(n).keys()] : [0, 1, 2, -1, n - 1];
	return shown.map((k) => (k < 0 ? '\\cdots' : at(k))).join(sep);
}
function list(items: readonly string[], sep: string, each: (item: string) => string = (a) => a): string {
	return listOf(items.length, (k) => each(items[k]), sep);
}
/** a0 · b0 + a1 · b1 + …: the pairs of a dot product. */
function pairs(a: readonly string[]): string {
	return listOf(Math.floor(a.length / 2), (k) => `${a[2 * k]} \\cdot ${a[2 * k + 1]}`, ' + ');
}
function pairWords(a: readonly string[]): string {
	const out: string[] = [];
	for (let i = 0; i + 1 < a.length; i += 2) out.push(`${a[i]}·${a[i + 1]}`);
	return out.join(' + ');
}
const paren = (s: string) => `\\left(${s}\\right)`;
const one = () => '1';

function elementwise<N extends string>(
	name: N,
	title: string,
	f: (x: number) => number,
	df: (x: number, y: number) => number,
	tex: (a: string) => string,
	dtex: (t: TexArgs) => string,
	extra: Partial<Omit<OpSpec, 'name'>> = {}
): OpSpec & { name: N } {
	return {
		...extra,
		name,
		title,
		arity: { kind: 'fixed', n: 1 },
		prec: 5,
		forward: (x) => f(x[0]),
		partials: (x, _n, y, _p, out) => {
			out[0] = df(x[0], y);
		},
		tex: (t) => tex(t.a[0]),
		partialTex: (t) => dtex(t),
		...(extra.pattern ? { pattern: extra.pattern } : {}),
		...(extra.tieNote ? { tieNote: extra.tieNote } : {}),
		...(extra.domain ? { domain: extra.domain } : {}),
		encloses: extra.encloses ?? 'both'
	};
}

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/**
 * The op registry: the single source of truth for every scalar operation.
 * An explicit array, not registration by side effect, so the set of ops is visible in one place.
 */
export const OPS = [
	{
		name: 'add',
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
		partialTex: one
	},
	{
		name: 'sub',
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
		partialTex: (_t, i) => (i === 0 ? '1' : '-1')
	},
	{
		name: 'mul',
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
		partialTex: (t, i) => t.a[1 - i]
	},
	{
		name: 'div',
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
		domain: { min: -3, max: 3, awayFromZero: true }
	},
	{
		name: 'inv',
		title: 'reciprocal',
		arity: { kind: 'fixed', n: 1 },
		prec: 2,
		forward: (x) => 1 / x[0],
		partials: (x, _n, _y, _p, out) => {
			out[0] = -1 / (x[0] * x[0]);
		},
		tex: (t) => `\\frac{1}{${t.a[0]}}`,
		partialTex: (t) => `-\\frac{1}{${t.a[0]}^{2}}`,
		domain: { min: -3, max: 3, awayFromZero: true }
	},
	{
		name: 'neg',
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
		partialTex: () => '-1'
	},
	{
		name: 'pow',
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
		domain: { min: 0.2, max: 3 },
		sampleParams: () => [2, 3, -1, 0.5, 1.5]
	},
	elementwise(
		'exp',
		'exponential',
		Math.exp,
		(_x, y) => y,
		(a) => `e^{${a}}`,
		(t) => `e^{${t.a[0]}}`
	),
	elementwise(
		'log',
		'natural log',
		Math.log,
		(x) => 1 / x,
		(a) => `\\log ${paren(a)}`,
		(t) => `\\frac{1}{${t.a[0]}}`,
		{ domain: { min: 0.1, max: 4 } }
	),
	elementwise(
		'sqrt',
		'square root',
		Math.sqrt,
		(_x, y) => 1 / (2 * y),
		(a) => `\\sqrt{${a}}`,
		(t) => `\\frac{1}{2 \\sqrt{${t.a[0]}}}`,
		{ domain: { min: 0.1, max: 4 } }
	),
	elementwise(
		'abs',
		'absolute value',
		Math.abs,
		(x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
		(a) => `\\left|${a}\\right|`,
		(t) => `\\operatorname{sign}${paren(t.a[0])}`,
		{
			pattern: 'routes',
			tieNote: (x) => (x[0] === 0 ? 'abs is not differentiable at 0; the gradient is taken as 0.' : undefined),
			domain: { min: -3, max: 3, awayFromZero: true }
		}
	),
	elementwise(
		'sigmoid',
		'sigmoid',
		sigmoid,
		// σ'(x) = σ(x)(1 − σ(x)): the slides' "(1 − σ)σ", read off the output.
		(_x, y) => (1 - y) * y,
		(a) => `\\sigma${paren(a)}`,
		(t) => `\\left(1 - ${t.y}\\right) ${t.y}`,
		{ encloses: 'tex' }
	),
	elementwise(
		'tanh',
		'tanh',
		Math.tanh,
		(_x, y) => 1 - y * y,
		(a) => `\\tanh${paren(a)}`,
		(t) => `1 - ${t.y}^{2}`,
		{ encloses: 'tex' }
	),
	elementwise(
		'relu',
		'ReLU',
		(x) => (x > 0 ? x : 0),
		(x) => (x > 0 ? 1 : 0),
		(a) => `\\operatorname{relu}${paren(a)}`,
		(t) => `\\left[${t.a[0]} > 0\\right]`,
		{
			pattern: 'routes',
			tieNote: (x) => (x[0] === 0 ? 'relu is not differentiable at 0; the gradient is taken as 0.' : undefined),
			domain: { min: -3, max: 3, awayFromZero: true }
		}
	),
	{
		name: 'max',
		title: 'maximum',
		arity: { kind: 'fixed', n: 2 },
		prec: 5,
		encloses: 'both',
		pattern: 'routes',
		forward: (x) => (x[0] >= x[1] ? x[0] : x[1]),
		partials: (x, _n, _y, _p, out) => {
			// At a tie the gradient goes to the first argument (LANGUAGE.md).
			const first = x[0] >= x[1];
			out[0] = first ? 1 : 0;
			out[1] = first ? 0 : 1;
		},
		tex: (t) => `\\max${paren(`${t.a[0]}, ${t.a[1]}`)}`,
		partialTex: (t, i) => (i === 0 ? `\\left[${t.a[0]} \\ge ${t.a[1]}\\right]` : `\\left[${t.a[1]} > ${t.a[0]}\\right]`),
		tieNote: (x) => (x[0] === x[1] ? 'max has a tie; the gradient goes to the first argument.' : undefined)
	},
	{
		name: 'min',
		title: 'minimum',
		arity: { kind: 'fixed', n: 2 },
		prec: 5,
		encloses: 'both',
		pattern: 'routes',
		forward: (x) => (x[0] <= x[1] ? x[0] : x[1]),
		partials: (x, _n, _y, _p, out) => {
			const first = x[0] <= x[1];
			out[0] = first ? 1 : 0;
			out[1] = first ? 0 : 1;
		},
		tex: (t) => `\\min${paren(`${t.a[0]}, ${t.a[1]}`)}`,
		partialTex: (t, i) => (i === 0 ? `\\left[${t.a[0]} \\le ${t.a[1]}\\right]` : `\\left[${t.a[1]} < ${t.a[0]}\\right]`),
		tieNote: (x) => (x[0] === x[1] ? 'min has a tie; the gradient goes to the first argument.' : undefined)
	},
	{
		name: 'sum',
		title: 'sum',
		arity: { kind: 'variadic', min: 1 },
		prec: 1,
		pattern: 'distributes',
		forward: (x, n) => {
			let s = 0;
			for (let i = 0; i < n; i++) s += x[i];
			return s;
		},
		partials: (_x, n, _y, _p, out) => {
			out.fill(1, 0, n);
		},
		tex: (t) => list(t.a, ' + '),
		partialTex: one
	},
	{
		name: 'mean',
		title: 'mean',
		arity: { kind: 'variadic', min: 1 },
		prec: 2,
		pattern: 'scales',
		forward: (x, n) => {
			let s = 0;
			for (let i = 0; i < n; i++) s += x[i];
			return s / n;
		},
		partials: (_x, n, _y, _p, out) => {
			out.fill(1 / n, 0, n);
		},
		tex: (t) => `\\frac{1}{${t.a.length}}\\left(${list(t.a, ' + ')}\\right)`,
		partialTex: (t) => `\\frac{1}{${t.a.length}}`
	},
	{
		name: 'dot',
		words: (a) => (a.length > 8 ? `the weighted sum of ${a.length / 2} products` : `the weighted sum ${pairWords(a)}`),
		operandPrec: () => 2,
		title: 'weighted sum',
		arity: { kind: 'pairs', min: 2 },
		prec: 1,
		pattern: 'swaps',
		forward: (x, n) => {
			let s = 0;
			for (let i = 0; i + 1 < n; i += 2) s += x[i] * x[i + 1];
			return s;
		},
		partials: (x, n, _y, _p, out) => {
			// Σ a_k b_k: each factor's local derivative is its partner in the same product.
			for (let i = 0; i + 1 < n; i += 2) {
				out[i] = x[i + 1];
				out[i + 1] = x[i];
			}
		},
		tex: (t) => pairs(t.a),
		partialTex: (t, i) => t.a[i % 2 === 0 ? i + 1 : i - 1]
	},
	{
		name: 'norm2',
		operandPrec: () => 5,
		title: 'squared norm',
		arity: { kind: 'variadic', min: 1 },
		prec: 1,
		forward: (x, n) => {
			let s = 0;
			for (let i = 0; i < n; i++) s += x[i] * x[i];
			return s;
		},
		partials: (x, n, _y, _p, out) => {
			for (let i = 0; i < n; i++) out[i] = 2 * x[i];
		},
		tex: (t) => list(t.a, ' + ', (a) => `${a}^{2}`),
		partialTex: (t, i) => `2 \\cdot ${t.a[i]}`
	},
	{
		name: 'softmax',
		words: (a, p) => `the softmax output ${p} of ${a.length > 4 ? `${a.length} inputs` : a.join(', ')}`,
		title: 'softmax output',
		arity: { kind: 'variadic', min: 1 },
		prec: 5,
		forward: (x, n, p) => {
			// Subtracting the max keeps exp from overflowing; the ratio is unchanged.
			let m = -Infinity;
			for (let i = 0; i < n; i++) if (x[i] > m) m = x[i];
			let s = 0;
			for (let i = 0; i < n; i++) s += Math.exp(x[i] - m);
			return Math.exp(x[p] - m) / s;
		},
		partials: (x, n, y, p, out) => {
			// ∂p_k/∂v_j = p_k (δ_kj − p_j)
			let m = -Infinity;
			for (let i = 0; i < n; i++) if (x[i] > m) m = x[i];
			let s = 0;
			for (let i = 0; i < n; i++) s += Math.exp(x[i] - m);
			for (let j = 0; j < n; j++) {
				const pj = Math.exp(x[j] - m) / s;
				out[j] = y * ((j === p ? 1 : 0) - pj);
			}
		},
		tex: (t) => `\\frac{e^{${t.a[t.p]}}}{${list(t.a, ' + ', (a) => `e^{${a}}`)}}`,
		partialTex: (t, j) => (j === t.p ? `${t.y}\\left(1 - ${t.y}\\right)` : `-${t.y} \\cdot ${t.sibling(j)}`),
		sampleParams: (n) => Array.from({ length: n }, (_, i) => i)
	},
	{
		name: 'id',
		title: 'copy',
		arity: { kind: 'fixed', n: 1 },
		prec: 5,
		pattern: 'distributes',
		forward: (x) => x[0],
		partials: (_x, _n, _y, _p, out) => {
			out[0] = 1;
		},
		tex: (t) => t.a[0],
		partialTex: one
	}
] as const satisfies readonly OpSpec[];

export type OpName = (typeof OPS)[number]['name'];

const byName = new Map<string, OpSpec>(OPS.map((op) => [op.name, op]));
export function op(name: OpName): OpSpec {
	return byName.get(name)!;
}

/** Exponents print as written: 2, -1, 0.5. */
export function fmtExponent(p: number): string {
	return Number.isInteger(p) ? String(p) : String(+p.toPrecision(6));
}

/** How many inputs an arity admits, for error messages. */
export function arityAccepts(spec: OpSpec, n: number): boolean {
	const a = spec.arity;
	switch (a.kind) {
		case 'fixed':
			return n === a.n;
		case 'variadic':
			return n >= a.min;
		case 'pairs':
			return n >= a.min && n % 2 === 0;
	}
}
