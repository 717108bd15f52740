import { describe, expect, it } from 'vitest';
import { EMPTY_SCORE, parseScore, recordLines, recordOutcome } from '../../../src/lib/core/practice/score.ts';

describe('score and per-op record', () => {
	it('counts each outcome once, per op and in total, and does not mutate', () => {
		let s = EMPTY_SCORE;
		const steps: [string[], boolean][] = [
			[['sigmoid'], true],
			[['sigmoid', 'mul'], false],
			[['sigmoid'], true],
			[['mul', 'mul'], true]
		];
		for (const [ops, right] of steps) s = recordOutcome(s, ops, right);
		expect(s.total).toEqual({ right: 3, asked: 4 });
		expect(s.byOp).toEqual({ sigmoid: { right: 2, asked: 3 }, mul: { right: 1, asked: 2 } });
		expect(s.streak).toBe(2);
		expect(EMPTY_SCORE.total).toEqual({ right: 0, asked: 0 });
		expect(recordLines(s)).toEqual(['mul: 1/2', 'sigmoid: 2/3']);
	});

	const stored: [unknown, boolean][] = [
		[null, false],
		['x', false],
		[{ total: { right: 2, asked: 1 }, byOp: {} }, false],
		[{ total: { right: 1, asked: 2 }, byOp: { add: { right: 1, asked: 2 }, '<b>': { right: 0, asked: 1 } }, streak: 1 }, true]
	];
	for (const [x, kept] of stored)
		it(`stored ${JSON.stringify(x)} is ${kept ? 'kept' : 'reset'}`, () => {
			const s = parseScore(x);
			if (kept) {
				expect(s.total).toEqual({ right: 1, asked: 2 });
				expect(Object.keys(s.byOp)).toEqual(['add']);
			} else expect(s).toEqual(EMPTY_SCORE);
		});
});
