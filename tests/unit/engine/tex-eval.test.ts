import { describe, expect, it } from 'vitest';
import { evalTex, evalTexInterval, splitEquation, texMeans, TexEvalError, type TexEvalErrorKind } from '../../helpers/tex-eval';

const sig = (x: number) => 1 / (1 + Math.exp(-x));

describe('the test LaTeX evaluator reads what the engine writes', () => {
	const cases: [string, number][] = [
		['-3', -3],
		['\\left(-3\\right)', -3],
		['(-3)', -3],
		['2 + 3 \\cdot 4', 14],
		['2 - 3 - 4', -5],
		['2 - \\left(3 - 4\\right)', 3],
		['\\left(2 + 3\\right) \\cdot 4', 20],
		['-\\left(2 + 3\\right)', -5],
		['-2^{2}', -4],
		['\\left(-2\\right)^{2}', 4],
		['\\left(2 - 5\\right)^{2}', 9],
		['2^{-1}', 0.5],
		['4^{0.5}', 2],
		['x^2', 9],
		['\\frac{2}{1}', 2],
		['\\frac{1}{2}', 0.5],
		['-\\frac{3}{2^{2}}', -0.75],
		['\\frac{\\frac{1}{2}}{4}', 0.125],
		['1.5 \\times 10^{-3}', 0.0015],
		['\\left(-1.5 \\times 10^{-3}\\right) \\cdot 2', -0.003],
		['2 \\times 3', 6],
		['\\sqrt{9}', 3],
		['\\frac{1}{2 \\sqrt{4}}', 0.25],
		['e^{0}', 1],
		['e^{-3}', Math.exp(-3)],
		['e^{x}', Math.exp(3)],
		['\\exp\\left(1\\right)', Math.E],
		['\\log \\left(1\\right)', 0],
		['\\log\\left(e^{2}\\right)', 2],
		['\\ln(4)', Math.log(4)],
		['\\sigma\\left(0\\right)', 0.5],
		['\\sigma\\left(-3\\right)', sig(-3)],
		['\\tanh\\left(0.5\\right)', Math.tanh(0.5)],
		['\\left|-3\\right|', 3],
		['|2 - 5|', 3],
		['\\max\\left(-3, -2\\right)', -2],
		['\\min\\left(-3, -2\\right)', -3],
		['\\operatorname{relu}\\left(-3\\right)', 0],
		['\\operatorname{relu}\\left(2\\right)', 2],
		['\\operatorname{sign}\\left(-3\\right)', -1],
		['\\left[2 > 0\\right]', 1],
		['\\left[-2 > 0\\right]', 0],
		['\\left[2 \\ge 2\\right]', 1],
		['\\left[2 > 2\\right]', 0],
		['\\left[1 \\le 2\\right]', 1],
		['\\left[2 < 1\\right]', 0],
		// Juxtaposition is a product: the sigmoid's (1 - σ)σ, softmax's p(1 - p), 2x, 0.5(y - ŷ)².
		['\\left(1 - 0.25\\right) 0.25', 0.1875],
		['0.25\\left(1 - 0.25\\right)', 0.1875],
		['2 x', 6],
		['0.5 \\left(1 - 3\\right)^{2}', 2],
		['\\frac{1}{3}\\left(1 + 2 + 3\\right)', 2],
		['-0.25 \\cdot 0.5', -0.125],
		['1 - \\left(-0.5\\right)^{2}', 0.75],
		['2 \\cdot x', 6],
		['x \\cdot -2', -6],
		['\\frac{e^{1}}{e^{1} + e^{2}}', Math.E / (Math.E + Math.E ** 2)],
		['w_{5} h_{1} + w_{6} h_{2}', 0.4 * 2 + 0.5 * -1],
		['\\mathrm{net}_{o_{1}} + \\left(b - c\\right)', 10 + 7],
		['\\left(b - c\\right)_{0} \\cdot 2', 8],
		['W_{1}[0,1] + W_{1}', 100 + 1],
		['\\,3\\;', 3]
	];
	const names = new Map([
		['x', 3],
		['w_{5}', 0.4],
		['w_{6}', 0.5],
		['h_{1}', 2],
		['h_{2}', -1],
		['\\mathrm{net}_{o_{1}}', 10],
		['\\left(b - c\\right)', 7],
		['\\left(b - c\\right)_{0}', 4],
		['W_{1}', 1],
		['W_{1}[0,1]', 100]
	]);
	it.each(cases)('%s = %d', (tex, want) => {
		expect(evalTex(tex, { names })).toBeCloseTo(want, 12);
	});

	const failures: [string, TexEvalErrorKind][] = [
		['\\frac{\\partial f}{\\partial x}', 'unsupported'],
		['x_{0} + 1', 'unknown-name'],
		['y + 1', 'unknown-name'],
		['xy', 'unknown-name'],
		['\\mathit{v}_{1}', 'unknown-name'],
		['1 + \\cdots + 4', 'unsupported'],
		['\\begin{bmatrix}1 \\\\ 2\\end{bmatrix}', 'unsupported'],
		['\\left\\lVert q \\right\\rVert^{2}', 'unsupported'],
		['W^{\\top}', 'unsupported'],
		['\\frac{1}{2', 'syntax'],
		['2 +', 'syntax'],
		['\\left(2', 'syntax'],
		['2 )', 'syntax'],
		['2 3', 'syntax'],
		['x^{2} 3', 'syntax'],
		['1.5 \\times 10^{-3}^{2}', 'syntax']
	];
	it.each(failures)('%s cannot be evaluated (%s)', (tex, kind) => {
		const names = new Map([['x', 3], ['W', 1], ['q', 1]]);
		let got: unknown;
		try {
			evalTex(tex, { names });
		} catch (e) {
			got = e;
		}
		expect(got).toBeInstanceOf(TexEvalError);
		expect((got as TexEvalError).kind).toBe(kind);
	});

	it('evaluates a ∂ through the given hook, so a symbolic chain rule can be read', () => {
		const partial = (n: string, d: string) => (n === 'f' && d === 'q' ? -4 : n === 'q' && d === 'x' ? 1 : undefined);
		expect(evalTex('\\frac{\\partial f}{\\partial q}\\frac{\\partial q}{\\partial x}', { partial })).toBe(-4);
	});
});

describe('numbers stand for what rounds to them', () => {
	const cases: [string, number, number, boolean][] = [
		// tex, sig, value, whether the text can stand for the value
		['0.7311', 4, 0.731058, true],
		['0.7311', 4, 0.7312, false],
		['1000 - 999.9', 4, 0.2, true],
		['1000 - 999.9', 4, 0.7, false],
		['\\left(-4.001\\right) \\cdot 1.25', 4, -5.00125, true],
		['1.235 \\times 10^{-5}', 4, 1.2349e-5, true],
		['1.235 \\times 10^{-5}', 4, 1.24e-5, false],
		['x^{2}', 4, 9, true],
		['\\frac{2}{1}', 4, 0.5, false],
		['\\frac{1}{2}', 4, 0.5, true],
		['\\left(1 - 0.7311\\right) 0.7311', 4, 0.196612, true],
		['0.7311', 4, 0.196612, false],
		['\\left[0.0001 > 0\\right]', 1, 1, true]
	];
	it.each(cases)('%s at %i digits means %d: %s', (tex, digits, value, ok) => {
		expect(texMeans(tex, value, { sig: digits, names: new Map([['x', 3]]) })).toBe(ok);
	});

	it('exact numbers are tight: 17 digits of 1/3 do not stand for 0.3333', () => {
		expect(texMeans((1 / 3).toPrecision(17), 1 / 3)).toBe(true);
		expect(texMeans((1 / 3).toPrecision(17), 0.3333)).toBe(false);
		const r = evalTexInterval('0.1 + 0.2');
		expect(r.hi - r.lo).toBeLessThan(1e-14);
	});

	it('splits an equation at its top-level = signs only', () => {
		expect(splitEquation('q = x + y = \\left(-2\\right) + 5 = 3')).toEqual(['q', 'x + y', '\\left(-2\\right) + 5', '3']);
		expect(splitEquation('a_{x=1} = 2')).toEqual(['a_{x=1}', '2']);
	});
});
