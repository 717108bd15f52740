import { describe, expect, it } from 'vitest';
import { enclosed, factor, fmtExponent, list, listOf, named, pairs, paren, tr } from '../../../src/lib/core/ops/tex';
import { evalTex } from '../../helpers/tex-eval';

/**
 * The pieces every op's LaTeX is built from (ops/tex.ts). A bracket too few changes what a
 * formula means, one too many or a long sum not cut short makes it hard to read: both are what a
 * student sees. Meaning is checked by evaluating the LaTeX; layout by the LaTeX itself.
 */
const names = new Map([
	['a', 2],
	['b', 3],
	['c', 5]
]);
const value = (tex: string) => evalTex(tex, { names });

describe('brackets keep the meaning', () => {
	it('a factor holding a sum or a difference is bracketed before it multiplies', () => {
		expect(value(`c \\cdot ${factor('a + b')}`)).toBe(25);
		expect(value(`c \\cdot ${factor('a - b')}`)).toBe(-5);
		expect(value(`${factor('a - b')} \\cdot c`)).toBe(-5);
	});
	it('a factor that needs none gets none: a leading minus, a sign inside a subscript, a whole group', () => {
		expect(factor('-a')).toBe('-a');
		expect(factor('x_{i+1}')).toBe('x_{i+1}');
		expect(factor('W^{-1}')).toBe('W^{-1}');
		expect(factor('\\left(a + b\\right)')).toBe('\\left(a + b\\right)');
		expect(factor('a')).toBe('a');
	});
	it('paren brackets once: a whole group stays as it is, two groups side by side are bracketed', () => {
		expect(paren('a + b')).toBe('\\left(a + b\\right)');
		expect(paren('\\left(a + b\\right)')).toBe('\\left(a + b\\right)');
		expect(paren('\\left(a\\right) + \\left(b\\right)')).toBe('\\left(\\left(a\\right) + \\left(b\\right)\\right)');
		expect(value(`c \\cdot ${paren('\\left(a\\right) - \\left(b\\right)')}`)).toBe(-5);
	});
	it('enclosed: one group as a whole, a transposed group, a matrix; not two groups or a group with more after it', () => {
		expect(enclosed('\\left(a\\right)')).toBe(true);
		expect(enclosed('\\left(\\left(a\\right) b\\right)')).toBe(true);
		expect(enclosed('\\left(a\\right)^{\\top}')).toBe(true);
		expect(enclosed('\\begin{bmatrix}1 \\\\ 2\\end{bmatrix}')).toBe(true);
		expect(enclosed('\\left(a\\right) \\left(b\\right)')).toBe(false);
		expect(enclosed('\\left(a\\right) + b')).toBe(false);
		expect(enclosed('\\left(a\\right)^{2}')).toBe(false);
		expect(enclosed('a')).toBe(false);
		expect(enclosed('\\begin{bmatrix}1\\end{bmatrix} + \\begin{bmatrix}2\\end{bmatrix}')).toBe(false);		// A group that closes right where it opens is still one group (an empty argument list).
		expect(enclosed('\\left(\\right)')).toBe(true);
		// A matrix of groups is one matrix; a name before a group is not a group.
		expect(enclosed('\\begin{bmatrix}\\left(a\\right)\\end{bmatrix}')).toBe(true);
		expect(enclosed('x \\left(a\\right)')).toBe(false);
	});
	it('paren brackets a matrix: only a \\left( group counts as bracketed already', () => {
		expect(paren('\\begin{bmatrix}1 \\\\ 2\\end{bmatrix}')).toBe('\\left(\\begin{bmatrix}1 \\\\ 2\\end{bmatrix}\\right)');
	});
	it('a transpose brackets anything but a single (subscripted or accented) name or a group', () => {
		expect(tr('W')).toBe('W^{\\top}');
		expect(tr('W_{1}')).toBe('W_{1}^{\\top}');
		expect(tr('\\hat{y}')).toBe('\\hat{y}^{\\top}');
		expect(tr('\\hat{y}_{2}')).toBe('\\hat{y}_{2}^{\\top}');
		expect(tr('\\left(W x\\right)')).toBe('\\left(W x\\right)^{\\top}');
		expect(tr('W x')).toBe('\\left(W x\\right)^{\\top}');
		expect(tr('W^{\\top}')).toBe('\\left(W^{\\top}\\right)^{\\top}');
		expect(tr('\\frac{a}{b}')).toBe('\\left(\\frac{a}{b}\\right)^{\\top}');
		expect(tr('ab')).toBe('\\left(ab\\right)^{\\top}');
		// Subscripts and accents of any length; a sum ending in an accented name is still a sum.
		expect(tr('W_{12}')).toBe('W_{12}^{\\top}');
		expect(tr('\\hat{xy}')).toBe('\\hat{xy}^{\\top}');
		expect(tr('\\hat{y}_{12}')).toBe('\\hat{y}_{12}^{\\top}');
		expect(tr('a + \\hat{x}')).toBe('\\left(a + \\hat{x}\\right)^{\\top}');
	});
});

describe('lists', () => {
	const items = (n: number) => Array.from({ length: n }, (_v, k) => `x_{${k}}`);
	it('up to six terms are all written; more show the first three, ⋯ and the last', () => {
		expect(list(items(6), ' + ')).toBe('x_{0} + x_{1} + x_{2} + x_{3} + x_{4} + x_{5}');
		expect(list(items(7), ' + ')).toBe('x_{0} + x_{1} + x_{2} + \\cdots + x_{6}');
		expect(list(items(128), ', ')).toBe('x_{0}, x_{1}, x_{2}, \\cdots, x_{127}');
		expect(listOf(1, (k) => `a_{${k}}`, ' + ')).toBe('a_{0}');
		expect(listOf(0, (k) => `a_{${k}}`, ' + ')).toBe('');
	});
	it('each item goes through its writer, and only the items shown are written', () => {
		const asked: number[] = [];
		listOf(100, (k) => (asked.push(k), `${k}`), ',');
		expect(asked.sort((p, q) => p - q)).toEqual([0, 1, 2, 99]);
		expect(list(['a', 'b'], ' + ', (s) => `e^{${s}}`)).toBe('e^{a} + e^{b}');
	});
	it('pairs write a dot product term by term, and mean it', () => {
		expect(pairs(['a', 'b', 'c', 'a'])).toBe('a \\cdot b + c \\cdot a');
		expect(value(pairs(['a', 'b', 'c', 'a']))).toBe(16);
		expect(pairs(['a', 'b', 'c', 'a'], (x, y) => `${x}${y}`)).toBe('ab + ca');
		expect(pairs(Array.from({ length: 20 }, (_v, k) => `v_{${k}}`))).toBe('v_{0} \\cdot v_{1} + v_{2} \\cdot v_{3} + v_{4} \\cdot v_{5} + \\cdots + v_{18} \\cdot v_{19}');
	});
});

describe('names and exponents', () => {
	it('a function without a symbol is an operator name with its arguments bracketed, underscores escaped', () => {
		expect(named('log_softmax')(['a', 'b'])).toBe('\\operatorname{log\\_softmax}\\left(a, b\\right)');
		expect(named('relu')(['\\left(a\\right)'])).toBe('\\operatorname{relu}\\left(a\\right)');
	});
	it('an exponent prints as written, to six digits', () => {
		expect(fmtExponent(2)).toBe('2');
		expect(fmtExponent(-1)).toBe('-1');
		expect(fmtExponent(0.5)).toBe('0.5');
		expect(fmtExponent(1 / 3)).toBe('0.333333');
		expect(fmtExponent(1.5e-7)).toBe('1.5e-7');
	});
});
