import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { STABLE } from '../../../src/lib/core/ops/stable';
import type { OpSpec } from '../../../src/lib/core/ops/spec';
import { mulberry32 } from '../../helpers/random';
import { expectPartialsMatchFd } from '../../helpers/fd-op';

/**
 * The stable forms, checked on their own: central finite differences over a wide range (the
 * registry test does the same over its narrow sampling domain), and values at extreme inputs
 * derived by hand below, where the naive composition underflows or overflows.
 */

const OPS: readonly OpSpec[] = STABLE;
const byName = (name: string) => OPS.find((o) => o.name === name)!;

function counts(op: OpSpec): number[] {
	switch (op.arity.kind) {
		case 'fixed':
			return [op.arity.n];
		case 'variadic':
			return [1, 2, 3, 7];
		case 'pairs':
			return [2, 4, 8];
	}
}

function evaluate(op: OpSpec, xs: readonly number[], p = 0): { y: number; d: number[] } {
	const x = Float64Array.from(xs);
	const y = op.forward(x, xs.length, p);
	const out = new Float64Array(xs.length);
	op.partials(x, xs.length, y, p, out);
	return { y, d: Array.from(out) };
}

const fdCases = OPS.flatMap((op) =>
	counts(op).flatMap((n) => (op.sampleParams?.(n) ?? [0]).flatMap((p) => [3, 60].map((range) => [op.name, n, p, range, op] as [string, number, number, number, OpSpec])))
);

describe('every stable form matches central finite differences', () => {
	it.each(fdCases)('%s with %i inputs (param %d), inputs in ±%d', (_name, n, p, range, op) => {
		const rand = mulberry32(77 + n * 13 + p * 5 + range);
		for (let trial = 0; trial < 20; trial++) {
			const x = Float64Array.from({ length: n }, () => range * (2 * rand() - 1));
			expectPartialsMatchFd(op, x, n, p);
		}
	});
});

// Hand math for the cases below. e^{−800} ≈ 10^{−347.4} is below the smallest double (≈ 4.9·10^{−324}),
// so wherever it is added to something of size 1 it vanishes: log(1 + e^{−800}) rounds to e^{−800} → 0.
// For z = [700, 705.5, −690] the max is 705.5, and e^{−1395.5} vanishes beside 1 + e^{−5.5}, so
// logsumexp(z) = 705.5 + L with L = log(1 + e^{−5.5}) ≈ 0.0040784, and softmax(z) = [e^{−5.5}, 1, 0] / (1 + e^{−5.5}).
const L = Math.log1p(Math.exp(-5.5));
const SOFT = [Math.exp(-5.5) / (1 + Math.exp(-5.5)), 1 / (1 + Math.exp(-5.5)), 0];

/** [op, inputs, param, value, partials]: each value worked out by hand in the comments. */
const extremes: [string, number[], number, number, number[]][] = [
	// log σ(−800) = −800 − log(1 + e^{−800}) = −800; d/dx = σ(800) = 1. (The naive log(sigmoid(−800)) is log 0 = −∞.)
	['log_sigmoid', [-800], 0, -800, [1]],
	// log σ(800) = −log(1 + e^{−800}) ≈ −e^{−800} → 0; d/dx = σ(−800) ≈ e^{−800} → 0.
	['log_sigmoid', [800], 0, 0, [0]],
	// At the edge of the doubles: log σ(−10^{308}) = −10^{308}, slope 1.
	['log_sigmoid', [-1e308], 0, -1e308, [1]],
	// softplus(800) = 800 + log(1 + e^{−800}) = 800; d/dx = σ(800) = 1. (The naive log(1 + exp(800)) is log ∞ = ∞.)
	['softplus', [800], 0, 800, [1]],
	// softplus(−800) = log(1 + e^{−800}) → 0; d/dx = σ(−800) → 0.
	['softplus', [-800], 0, 0, [0]],
	['softplus', [1e308], 0, 1e308, [1]],
	// log(e^{1000} + e^{1000}) = 1000 + log 2; each partial is softmax = 1/2. (The naive form is log ∞.)
	['logsumexp', [1000, 1000], 0, 1000 + Math.LN2, [0.5, 0.5]],
	// log(e^{−10^{308}} + e^{0}) = log 1 = 0; the partials are softmax = [0, 1].
	['logsumexp', [-1e308, 0], 0, 0, [0, 1]],
	// log(e^{−1000}) = −1000 (the naive form is log 0 = −∞).
	['logsumexp', [-1000], 0, -1000, [1]],
	// log softmax_k(z) = z_k − (705.5 + L); ∂/∂z_j = δ_kj − softmax_j.
	['log_softmax', [700, 705.5, -690], 0, -5.5 - L, [1 - SOFT[0], -SOFT[1], -SOFT[2]]],
	['log_softmax', [700, 705.5, -690], 1, -L, [-SOFT[0], 1 - SOFT[1], -SOFT[2]]],
	// −690 − 705.5 − L: the naive log(softmax(z)[2]) is log 0 = −∞.
	['log_softmax', [700, 705.5, -690], 2, -1395.5 - L, [-SOFT[0], -SOFT[1], 1 - SOFT[2]]],
	// −Σ y_k log softmax_k(z) with y = [0, 1, 0] is −log softmax_1(z) = L ≈ 0.00408.
	// Interleaved (z0, y0, z1, y1, z2, y2); ∂/∂z_j = (Σy) softmax_j − y_j; ∂/∂y_k = −log softmax_k(z).
	['cross_entropy', [700, 0, 705.5, 1, -690, 0], 0, L, [SOFT[0], 5.5 + L, SOFT[1] - 1, L, SOFT[2], 1395.5 + L]],
	// A target of exactly 0 on a logit whose −log softmax is huge adds exactly 0 (not 0·∞ = NaN):
	// z = [10^{308}, −10^{308}], y = [1, 0] gives −log softmax_0 = log(1 + e^{−2·10^{308}}) = 0.
	['cross_entropy', [1e308, 1, -1e308, 0], 0, 0, [0, 0, 0, Infinity]]
];

describe('stable forms at extreme inputs, against values derived by hand', () => {
	it.each(extremes)('%s(%j; p=%d) = %d', (name, xs, p, value, partials) => {
		const { y, d } = evaluate(byName(name), xs, p);
		const close = (got: number, want: number, what: string) => {
			if (!Number.isFinite(want)) return expect(got, what).toBe(want);
			expect(Number.isFinite(got), `${what} is ${got}`).toBe(true);
			expect(Math.abs(got - want), `${what}: ${got} vs ${want}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
		};
		close(y, value, 'value');
		// ∂/∂y_1 of the last case is 2·10^{308}: mathematically finite, beyond the doubles, so ∞.
		partials.forEach((want, i) => close(d[i], want, `∂/∂x${i}`));
	});

	it('a NaN input gives a NaN value and never vanishes', () => {
		const cases: [string, number[], number][] = [
			['log_sigmoid', [NaN], 0],
			['softplus', [NaN], 0],
			['logsumexp', [1, NaN, 3], 0],
			['logsumexp', [Infinity, NaN], 0],
			['log_softmax', [1, NaN], 0],
			['cross_entropy', [1, 0, NaN, 0], 0],
			['cross_entropy', [1, NaN, 2, 1], 0]
		];
		for (const [name, xs, p] of cases) expect(evaluate(byName(name), xs, p).y, `${name}(${xs})`).toBeNaN();
	});

	it('every entry is callable, with a symbol and vector-notation local derivative', () => {
		for (const op of OPS) {
			expect(op.fn, op.name).toBeDefined();
			expect(op.symbol.length, op.name).toBeGreaterThan(0);
			expect(op.vectorLocal, op.name).toBeDefined();
		}
		expect(OPS.map((o) => [o.name, o.fn?.expand])).toEqual([
			['log_sigmoid', 'map'],
			['softplus', 'map'],
			['logsumexp', 'reduce'],
			['log_softmax', 'vector'],
			['cross_entropy', 'pairs']
		]);
	});
});

describe('the LaTeX of a call and its vector-notation derivative render in KaTeX', () => {
	// Argument forms a call meets: a letter, a subscripted name, an expression, the numbers substituted.
	const args = ['z', 'z_{1}', 'W_{2} h + b_{2}', '\\begin{bmatrix}700 \\\\ -690\\end{bmatrix}'];
	it.each(OPS.map((op) => [op.name, op] as [string, OpSpec]))('%s', (_name, op) => {
		for (const a of args) {
			const as = op.fn!.expand === 'pairs' ? [a, 'y'] : [a];
			expect(() => katex.renderToString(op.fn!.tex(as), { throwOnError: true }), op.fn!.tex(as)).not.toThrow();
			for (let j = 0; j < as.length; j++) {
				const v = op.vectorLocal!({ y: 'p', x: as, j, vec: true, n: 3, p: 0, factor: (s) => `\\left(${s}\\right)` });
				expect(() => katex.renderToString(v, { throwOnError: true }), v).not.toThrow();
			}
		}
	});
});
