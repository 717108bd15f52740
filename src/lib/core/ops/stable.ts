import type { OpSpec } from './spec.ts';
import { list, listOf, paren } from './tex.ts';

/**
 * The stable forms of the lecture's numerical-stability lesson ("softmax(z − max z)", "use the
 * log-likelihood to avoid saturation"). Each computes what a naive composition means
 * (`log(sigmoid(x))`, `log(sum(exp(v)))`, …) without an intermediate that underflows to 0 or
 * overflows to ∞, in the forward value and in every partial, so the two can be compared side by side.
 */

/** σ(x) without exp overflowing on either side. */
const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** log(1 + eˣ) = max(x, 0) + log(1 + e^{−|x|}): the exponential is at most 1, so nothing overflows. */
const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/**
 * The max m of the inputs at `start`, `start + step`, … and s = Σ e^{v − m}. Every exponential is
 * at most 1, so s lies in [1, count] and log s is harmless. An input equal to m counts as e⁰ = 1
 * even when m is infinite (∞ − ∞ would be NaN). A NaN input makes s NaN, so it is never hidden.
 */
function shift(x: Float64Array, n: number, start: number, step: number): { m: number; s: number } {
	let m = -Infinity;
	for (let i = start; i < n; i += step) if (x[i] > m) m = x[i];
	let s = 0;
	for (let i = start; i < n; i += step) s += weight(x[i], m);
	return { m, s };
}
const weight = (v: number, m: number) => (v === m ? 1 : Math.exp(v - m));
/** v − m, with v = m read as 0 when both are infinite. */
const below = (v: number, m: number) => (v === m ? 0 : v - m);

/** `e^{a_0} + e^{a_1} + …`: the sum a log-sum-exp takes the log of. */
const expSum = (a: readonly string[]) => list(a, ' + ', (v) => `e^{${v}}`);
/** Element k of a vector written by name: `z_{k}`, `z_{1,k}` for `z_{1}`, `\left(W x\right)_{k}` for anything longer. */
function elem(v: string, k: string): string {
	if (/^[A-Za-z]$|^\\[A-Za-z]+$/.test(v)) return `${v}_{${k}}`;
	const sub = /^([A-Za-z])_\{([^{}]*)\}$/.exec(v);
	return sub ? `${sub[1]}_{${sub[2]},${k}}` : `${paren(v)}_{${k}}`;
}
/** The even (z) and odd (y) operands of an interleaved pair list. */
const evens = (a: readonly string[]) => Array.from({ length: Math.floor(a.length / 2) }, (_, k) => a[2 * k]);
const odds = (a: readonly string[]) => Array.from({ length: Math.floor(a.length / 2) }, (_, k) => a[2 * k + 1]);
/** `the 3 inputs` or `a, b and c`: a vector's elements in a sentence. */
const inputWords = (a: readonly string[]) => (a.length > 4 ? `${a.length} inputs` : a.length <= 2 ? a.join(' and ') : `${a.slice(0, -1).join(', ')} and ${a[a.length - 1]}`);

/** Stable forms a program calls by name. */
export const STABLE = [
	{
		name: 'log_sigmoid',
		symbol: 'log σ',
		title: 'log-sigmoid',
		words: (a) => `log σ(${a[0]}), computed as −softplus(−${a[0]}) so that σ never rounds to 0 first`,
		arity: { kind: 'fixed', n: 1 },
		prec: 5,
		encloses: 'both',
		// log σ(x) = −log(1 + e^{−x}) = −softplus(−x).
		forward: (x) => -softplus(-x[0]),
		partials: (x, _n, _y, _p, out) => {
			// d/dx log σ(x) = σ'(x)/σ(x) = 1 − σ(x) = σ(−x): read from x, never from σ(x) (which may be 0).
			out[0] = sigmoid(-x[0]);
		},
		tex: (t) => `\\log\\sigma${paren(t.a[0])}`,
		partialTex: (t) => `1 - \\sigma${paren(t.a[0])}`,
		vectorLocal: (t) => `1 - \\sigma${paren(t.x[0])}`,
		fn: { expand: 'map', tex: (a) => `\\log\\sigma${paren(a[0])}`, practice: (a) => Math.abs(a) < 5 }
	},
	{
		name: 'softplus',
		symbol: 'softplus',
		title: 'softplus',
		words: (a) => `softplus(${a[0]}) = log(1 + e^${a[0]}), computed as max(${a[0]}, 0) + log(1 + e^−|${a[0]}|) so that e^${a[0]} never overflows`,
		arity: { kind: 'fixed', n: 1 },
		prec: 5,
		encloses: 'both',
		forward: (x) => softplus(x[0]),
		partials: (x, _n, _y, _p, out) => {
			// d/dx log(1 + eˣ) = eˣ / (1 + eˣ) = σ(x).
			out[0] = sigmoid(x[0]);
		},
		tex: (t) => `\\operatorname{softplus}${paren(t.a[0])}`,
		partialTex: (t) => `\\sigma${paren(t.a[0])}`,
		vectorLocal: (t) => `\\sigma${paren(t.x[0])}`,
		fn: { expand: 'map', activation: true, tex: (a) => `\\operatorname{softplus}${paren(a[0])}`, practice: (a) => Math.abs(a) < 5 }
	},
	{
		name: 'logsumexp',
		symbol: 'LSE',
		title: 'log-sum-exp',
		words: (a) => `the log-sum-exp of ${inputWords(a)}, computed as m + log Σ e^(v − m) with m their largest, so that no exponential overflows`,
		arity: { kind: 'variadic', min: 1 },
		prec: 5,
		encloses: 'both',
		forward: (x, n) => {
			// log Σ e^{v_k} = m + log Σ e^{v_k − m}, for any m; the max keeps every term ≤ 1.
			const { m, s } = shift(x, n, 0, 1);
			return m + Math.log(s);
		},
		partials: (x, n, _y, _p, out) => {
			// ∂/∂v_j log Σ e^{v_k} = e^{v_j} / Σ e^{v_k} = softmax_j, with the same shift.
			const { m, s } = shift(x, n, 0, 1);
			for (let j = 0; j < n; j++) out[j] = weight(x[j], m) / s;
		},
		tex: (t) => `\\log${paren(expSum(t.a))}`,
		// e^{y} is the sum itself, so e^{v_j}/e^{y} is softmax_j.
		partialTex: (t, j) => `\\frac{e^{${t.a[j]}}}{e^{${t.y}}}`,
		vectorLocal: (t) => `\\operatorname{softmax}${paren(t.x[0])}`,
		fn: {
			expand: 'reduce',
			needs: 'array',
			shapeHint: 'Apply logsumexp to a vector or matrix, e.g. logsumexp(z); for a scalar it is the scalar itself.',
			// With numbers substituted the argument is a matrix, which has no element k to write.
			tex: (a) => (a[0].startsWith('\\begin{bmatrix}') ? `\\operatorname{logsumexp}${paren(a[0])}` : `\\log\\sum_{k} e^{${elem(a[0], 'k')}}`)
		}
	},
	{
		name: 'log_softmax',
		symbol: 'log softmax',
		title: 'log-softmax output',
		words: (a, p) => `the log-softmax output ${p} of ${inputWords(a)}: element ${p} minus their log-sum-exp, so that a probability near 0 never rounds to 0 before the log`,
		arity: { kind: 'variadic', min: 1 },
		prec: 1,
		forward: (x, n, p) => {
			// log softmax_k(v) = v_k − log Σ e^{v_j} = (v_k − m) − log Σ e^{v_j − m}.
			const { m, s } = shift(x, n, 0, 1);
			return below(x[p], m) - Math.log(s);
		},
		partials: (x, n, _y, p, out) => {
			// ∂/∂v_j (v_k − lse(v)) = δ_kj − softmax_j.
			const { m, s } = shift(x, n, 0, 1);
			for (let j = 0; j < n; j++) out[j] = (j === p ? 1 : 0) - weight(x[j], m) / s;
		},
		tex: (t) => `${t.a[t.p]} - \\log${paren(expSum(t.a))}`,
		// softmax_j = e^{log softmax_j}: the sibling output of the same call, exponentiated.
		partialTex: (t, j) => (j === t.p ? `1 - e^{${t.y}}` : `-e^{${t.sibling(j)}}`),
		vectorLocal: (t) => `I - \\vec{1}\\, \\operatorname{softmax}${paren(t.x[0])}^{\\top}`,
		sampleParams: (n) => Array.from({ length: n }, (_, i) => i),
		fn: {
			expand: 'vector',
			needs: 'vector',
			shapeHint: 'Apply log_softmax to a vector, e.g. log_softmax(W @ h).',
			tex: (a) => `\\log\\operatorname{softmax}${paren(a[0])}`
		}
	},
	{
		name: 'cross_entropy',
		symbol: 'CE',
		title: 'cross-entropy',
		words: (a) =>
			`the cross-entropy −Σ y_k log softmax(z)_k of the logits ${inputWords(evens(a))} against the targets ${inputWords(odds(a))}, computed with log_softmax so that no probability rounds to 0 before the log`,
		operandPrec: () => 2,
		arity: { kind: 'pairs', min: 2 },
		prec: 1,
		forward: (x, n) => {
			// −Σ y_k log softmax_k(z) = Σ y_k ((m − z_k) + log s). Each bracket is ≥ 0 and summed term
			// by term, not as (Σy)·lse − Σ y_k z_k, which cancels; a target of exactly 0 adds exactly 0
			// (its −log softmax may be ∞, and 0 · ∞ would be NaN).
			const { m, s } = shift(x, n, 0, 2);
			if (Number.isNaN(s)) return NaN;
			const logS = Math.log(s);
			let h = 0;
			for (let i = 0; i + 1 < n; i += 2) if (x[i + 1] !== 0) h += x[i + 1] * (logS - below(x[i], m));
			return h;
		},
		partials: (x, n, _y, _p, out) => {
			// ∂/∂z_j = (Σ y_k) softmax_j − y_j; ∂/∂y_k = −log softmax_k(z).
			const { m, s } = shift(x, n, 0, 2);
			const logS = Math.log(s);
			let sumY = 0;
			for (let i = 1; i < n; i += 2) sumY += x[i];
			for (let i = 0; i + 1 < n; i += 2) {
				out[i] = sumY * (weight(x[i], m) / s) - x[i + 1];
				out[i + 1] = logS - below(x[i], m);
			}
		},
		// (Σ y_k) log Σ e^{z_k} − Σ y_k z_k: the same value, written with the operands.
		tex: (t) => {
			const z = evens(t.a);
			const y = odds(t.a);
			return `${paren(list(y, ' + '))} \\log${paren(expSum(z))} - ${paren(listOf(z.length, (k) => `${y[k]} \\cdot ${z[k]}`, ' + '))}`;
		},
		partialTex: (t, i) => {
			const z = evens(t.a);
			const y = odds(t.a);
			const k = Math.floor(i / 2);
			// softmax_k = e^{z_k} / Σ e^{z_j}; −log softmax_k = log Σ e^{z_j} − z_k.
			return i % 2 === 0
				? `${paren(list(y, ' + '))} \\frac{e^{${z[k]}}}{${expSum(z)}} - ${y[k]}`
				: `\\log${paren(expSum(z))} - ${z[k]}`;
		},
		vectorLocal: (t) =>
			t.j === 0
				? `\\left(\\vec{1}^{\\top} ${t.x[1]}\\right) \\operatorname{softmax}${paren(t.x[0])} - ${t.x[1]}`
				: `-\\log\\operatorname{softmax}${paren(t.x[0])}`,
		fn: {
			expand: 'pairs',
			needs: 'vector',
			shapeHint: 'Give cross_entropy the logits and a target distribution, two vectors of one length: cross_entropy(z, y).',
			tex: (a) => `H${paren(`${a[1]}, \\operatorname{softmax}${paren(a[0])}`)}`
		}
	}
] as const satisfies readonly OpSpec[];
