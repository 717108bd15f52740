import type { OpSpec } from './spec.ts';
import { factor, list, named, pairs, paren, tr } from './tex.ts';

const one = () => '1';

function pairWords(a: readonly string[]): string {
	const out: string[] = [];
	for (let i = 0; i + 1 < a.length; i += 2) out.push(`${a[i]}·${a[i + 1]}`);
	return out.join(' + ');
}

/** Functions of a whole vector: reductions to a scalar, the dot product, softmax. */
export const REDUCTIONS = [
	{
		name: 'sum',
		symbol: 'Σ',
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
		partialTex: one,
		vectorLocal: () => '\\vec{1}',
		fn: { expand: 'reduce', tex: named('sum') }
	},
	{
		name: 'mean',
		symbol: 'mean',
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
		partialTex: (t) => `\\frac{1}{${t.a.length}}`,
		vectorLocal: (t) => `\\frac{1}{${t.n}}\\, \\vec{1}`,
		fn: { expand: 'reduce', tex: named('mean') }
	},
	{
		name: 'dot',
		symbol: 'dot',
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
		partialTex: (t, i) => t.a[i % 2 === 0 ? i + 1 : i - 1],
		vectorLocal: (t) => t.x[1 - t.j],
		// The slides' wᵀx: a row times a column.
		fn: { expand: 'pairs', tex: (a) => `${tr(a[0])} ${factor(a[1])}`, shapeHint: 'For a matrix product use @.' }
	},
	{
		name: 'norm2',
		symbol: '‖‖²',
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
		partialTex: (t, i) => `2 \\cdot ${t.a[i]}`,
		vectorLocal: (t) => `2\\, ${t.x[0]}`,
		fn: { expand: 'reduce', needs: 'array', shapeHint: 'For a scalar write x^2.', tex: (a) => `\\left\\lVert ${a[0]} \\right\\rVert^{2}` }
	},
	{
		name: 'softmax',
		symbol: 'softmax',
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
		vectorLocal: (t) => `\\operatorname{diag}(${t.y}) - ${t.y}\\, ${tr(t.y)}`,
		sampleParams: (n) => Array.from({ length: n }, (_, i) => i),
		fn: { expand: 'vector', needs: 'vector', activation: true, jacobianSymmetric: true, shapeHint: 'Apply softmax to a vector, e.g. softmax(W @ h).', tex: named('softmax') }
	}
] as const satisfies readonly OpSpec[];
