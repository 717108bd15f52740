import { describe, expect, it } from 'vitest';
import { op, type OpName } from '../../../src/lib/core/ops/registry';

/**
 * What a student reads and computes at the edges of an op: the sentence that names a stable op's
 * inputs, the element a reduction's LaTeX sums over, σ far out on either side, and a NaN reaching
 * max or min from either argument. Found by mutation testing (`MUTATE=ops npm run mutate`).
 */
const words = (name: OpName, a: string[]) => op(name).words!(a, 0);
const fnTex = (name: OpName, a: string[]) => op(name).fn!.tex(a);
const forward = (name: OpName, ...x: number[]) => op(name).forward(Float64Array.from(x), x.length, 0);
const partials = (name: OpName, ...x: number[]) => {
	const out = new Float64Array(x.length);
	const s = op(name);
	s.partials(Float64Array.from(x), x.length, s.forward(Float64Array.from(x), x.length, 0), 0, out);
	return Array.from(out);
};

describe('a stable op names its inputs as a sentence does', () => {
	it.each([
		[['a'], 'of a,'],
		[['a', 'b'], 'of a and b,'],
		[['a', 'b', 'c'], 'of a, b and c,'],
		[['a', 'b', 'c', 'd'], 'of a, b, c and d,'],
		[['a', 'b', 'c', 'd', 'e'], 'of 5 inputs,']
	])('%j → "%s"', (a, want) => {
		expect(words('logsumexp', a)).toContain(`the log-sum-exp ${want} computed as`);
	});
	it('cross-entropy names the logits and the targets apart (the even and the odd operands)', () => {
		const w = words('cross_entropy', ['z0', 'y0', 'z1', 'y1', 'z2', 'y2']);
		expect(w).toContain('of the logits z0, z1 and z2 against the targets y0, y1 and y2,');
	});
});

describe('logsumexp written with its element k', () => {
	it.each([
		['z', '\\log\\sum_{k} e^{z_{k}}'],
		['\\alpha', '\\log\\sum_{k} e^{\\alpha_{k}}'],
		// A name with a subscript takes k beside it: z_{1,k} is element k of z₁.
		['z_{1}', '\\log\\sum_{k} e^{z_{1,k}}'],
		['z_{12}', '\\log\\sum_{k} e^{z_{12,k}}'],
		// Anything longer is bracketed, so k indexes the whole product.
		['W x', '\\log\\sum_{k} e^{\\left(W x\\right)_{k}}'],
		['zz_{1}', '\\log\\sum_{k} e^{\\left(zz_{1}\\right)_{k}}'],
		['1_{2}', '\\log\\sum_{k} e^{\\left(1_{2}\\right)_{k}}'],
		['z_{{1}}', '\\log\\sum_{k} e^{\\left(z_{{1}}\\right)_{k}}'],
		// A product that starts or ends like a name is still a product.
		['2 \\alpha', '\\log\\sum_{k} e^{\\left(2 \\alpha\\right)_{k}}'],
		['\\alpha x', '\\log\\sum_{k} e^{\\left(\\alpha x\\right)_{k}}'],
		['z_{1} x', '\\log\\sum_{k} e^{\\left(z_{1} x\\right)_{k}}']
	])('%s → %s', (a, want) => {
		expect(fnTex('logsumexp', [a])).toBe(want);
	});
	it('with the numbers in, the argument is a matrix and the function is named instead', () => {
		expect(fnTex('logsumexp', ['\\begin{bmatrix}1 \\\\ 2\\end{bmatrix}'])).toBe('\\operatorname{logsumexp}\\left(\\begin{bmatrix}1 \\\\ 2\\end{bmatrix}\\right)');
	});
});

describe('σ far out on either side is the number it approaches, never NaN or a lost tail', () => {
	it('σ(800) is 1, not ∞/∞', () => {
		expect(forward('sigmoid', 800)).toBe(1);
	});
	it('σ(−740) is e^−740 (a subnormal), not 1/∞ = 0', () => {
		const y = forward('sigmoid', -740);
		expect(y).toBeGreaterThan(0);
		expect(y / Math.exp(-740)).toBeCloseTo(1, 10);
	});
	it('σ(0) is one half and σ(−x) = 1 − σ(x)', () => {
		expect(forward('sigmoid', 0)).toBe(0.5);
		expect(forward('sigmoid', -2) + forward('sigmoid', 2)).toBeCloseTo(1, 15);
	});
});

describe('a NaN reaching max or min from either side stays NaN, in the value and in both partials', () => {
	it.each(['max', 'min'] as const)('%s', (name) => {
		for (const x of [
			[NaN, 1],
			[1, NaN],
			[NaN, NaN]
		]) {
			expect(forward(name, ...x), `${name}(${x})`).toBeNaN();
			for (const d of partials(name, ...x)) expect(d, `∂${name}(${x})`).toBeNaN();
		}
		expect(forward(name, 1, 2)).toBe(name === 'max' ? 2 : 1);
	});
});
