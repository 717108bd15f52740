import { describe, expect, it } from 'vitest';
import { checkFactors, checkNumber, parseAnswer, withinTolerance } from '../../../src/lib/core/practice/check.ts';

describe('parseAnswer', () => {
	const readable: [string, number][] = [
		['-0.2', -0.2],
		['.5', 0.5],
		['-.5', -0.5],
		['+2', 2],
		['5.', 5],
		['1e-3', 0.001],
		['2.5E2', 250],
		['-1/2', -0.5],
		['3 / 4', 0.75],
		['1/-4', -0.25],
		['0.5/2', 0.25],
		['  7  ', 7],
		['\u22123', -3],
		['\u22121/2', -0.5],
		['0', 0],
		['-0', -0],
		['Infinity', Infinity],
		['-inf', -Infinity],
		['NaN', NaN]
	];
	for (const [text, value] of readable)
		it(`reads ${JSON.stringify(text)} as ${value}`, () => {
			const p = parseAnswer(text);
			expect(p.ok).toBe(true);
			if (p.ok) expect(p.value).toBe(value);
		});

	const unreadable = ['', '   ', 'abc', '1/0', '1//2', '1/2/3', '2x', '--1', '1,5', 'e5', '1e', '/2', 'sigmoid(1)', '<img src=x onerror=alert(1)>'];
	for (const text of unreadable)
		it(`refuses ${JSON.stringify(text)} with a reason`, () => {
			const p = parseAnswer(text);
			expect(p.ok).toBe(false);
			if (!p.ok) expect(p.message.length).toBeGreaterThan(5);
		});
});

describe('tolerance: relative 1e-3, or the displayed value, absolute near 0', () => {
	const cases: [number, number, boolean][] = [
		[-4, -4, true],
		[0.731, 0.7310585786300049, true],
		[0.7311, 0.7310585786300049, true],
		[0.73, 0.7310585786300049, false],
		[0.1966, 0.19661193324148185, true],
		[0.197, 0.19661193324148185, false],
		[-0.2, 0.2, false],
		[3, 3.0029, true],
		[3, 3.004, false],
		// Near 0 a relative error means nothing: floating-point noise must still count as 0.
		[0, 5.551115123125783e-17, true],
		[0, 0, true],
		[1e-12, 0, true],
		[0.001, 0, false],
		// What the viewer displays (4 significant digits) always counts.
		[1.235e-5, 1.23456e-5, true],
		[1.2e-5, 1.23456e-5, false],
		[Infinity, Infinity, true],
		[NaN, NaN, true],
		[1, NaN, false]
	];
	for (const [answer, expected, ok] of cases)
		it(`${answer} for ${expected}: ${ok ? 'right' : 'wrong'}`, () => expect(withinTolerance(answer, expected)).toBe(ok));

	it('checks typed text in one call', () => {
		expect(checkNumber('-1/2', -0.5)).toEqual({ kind: 'right' });
		expect(checkNumber('0.4', -0.5)).toEqual({ kind: 'wrong' });
		expect(checkNumber('x', -0.5).kind).toBe('unreadable');
	});
});

describe('checkFactors', () => {
	const choices = [
		{ tex: 'a', correct: true },
		{ tex: 'b', correct: false },
		{ tex: 'c', correct: true }
	];
	const cases: [number[], string][] = [
		[[0, 2], 'right'],
		[[2, 0], 'right'],
		[[0], 'wrong'],
		[[0, 1, 2], 'wrong'],
		[[1], 'wrong'],
		[[], 'unreadable']
	];
	for (const [picked, kind] of cases) it(`${JSON.stringify(picked)} is ${kind}`, () => expect(checkFactors(new Set(picked), choices).kind).toBe(kind));
});
