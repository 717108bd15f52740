import { describe, expect, it } from 'vitest';
import { anonymousPrefix, elementLabel, elementTex, nameTex } from '../../../src/lib/core/tex/names';
import { fmt, texNum, texOperand } from '../../../src/lib/core/tex/number';

describe('the one number formatter', () => {
	const table: [number, number, string, string][] = [
		[-4, 4, '-4', '-4'],
		[0.7310585786300049, 4, '0.7311', '0.7311'],
		[0.19661193324148185, 2, '0.2', '0.2'],
		[0.1160000000005, 4, '0.116', '0.116'],
		[-0.0000123456, 4, '-1.235e-5', '-1.235 \\times 10^{-5}'],
		[12345678, 4, '1.235e7', '1.235 \\times 10^{7}'],
		[123456.7, 4, '1.235e5', '1.235 \\times 10^{5}'],
		[1234.5, 4, '1235', '1235'],
		[-0, 4, '0', '0'],
		[NaN, 4, 'NaN', '\\text{NaN}'],
		[Infinity, 4, 'Infinity', '\\infty'],
		[-Infinity, 4, '-Infinity', '-\\infty']
	];
	it.each(table)('%d at %i significant digits is %s / %s', (x, sig, plain, tex) => {
		expect(fmt(x, sig)).toBe(plain);
		expect(texNum(x, sig)).toBe(tex);
	});
	it('wraps negative operands so (-2) + 5 reads right', () => {
		expect(texOperand(-2)).toBe('\\left(-2\\right)');
		expect(texOperand(5)).toBe('5');
	});
});

describe('names in LaTeX', () => {
	const table: [string, string][] = [
		['x', 'x'],
		['w0', 'w_{0}'],
		['x_1', 'x_{1}'],
		['W1', 'W_{1}'],
		['yhat', '\\hat{y}'],
		['alpha', '\\alpha'],
		['loss', '\\mathit{loss}'],
		['b_out', 'b_{\\mathit{out}}']
	];
	it.each(table)('%s → %s', (name, tex) => expect(nameTex(name)).toBe(tex));
	it('elements use subscripts, or brackets when the name has one', () => {
		expect(elementTex('q', [2], 1)).toBe('q_{1}');
		expect(elementTex('W', [2, 2], 2)).toBe('W_{1,0}');
		expect(elementTex('W1', [2, 2], 2)).toBe('W_{1}[1,0]');
		expect(elementLabel('W1', [2, 3], 4)).toBe('W1[1,1]');
	});
	it('unnamed nodes avoid letters the program uses', () => {
		expect(anonymousPrefix(['x', 'y'])).toBe('v');
		expect(anonymousPrefix(['v1', 'v'])).toBe('t');
	});
});
