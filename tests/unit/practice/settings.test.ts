import { describe, expect, it } from 'vitest';
import { parsePracticeParams, practiceQuery } from '../../../src/lib/core/practice/settings.ts';

describe('practice link parameters', () => {
	const cases: [string, unknown][] = [
		['', { ask: 'all-backward', backward: 'gradient', seed: 1, problem: { kind: 'as-is' } }],
		['seed=42&ask=leaf-gradients', { ask: 'leaf-gradients', backward: 'gradient', seed: 42, problem: { kind: 'new-values' } }],
		['seed=42&problem=as-is', { ask: 'all-backward', backward: 'gradient', seed: 42, problem: { kind: 'as-is' } }],
		['ask=random-3&problem=values', { ask: { random: 3 }, backward: 'gradient', seed: 1, problem: { kind: 'new-values' } }],
		['ask=random-0', { ask: { random: 1 }, backward: 'gradient', seed: 1, problem: { kind: 'as-is' } }],
		['ask=bogus&seed=-4', { ask: 'all-backward', backward: 'gradient', seed: 1, problem: { kind: 'as-is' } }],
		['seed=99999999999', { ask: 'all-backward', backward: 'gradient', seed: 1, problem: { kind: 'as-is' } }],
		['problem=random&level=hard&seed=5', { ask: 'all-backward', backward: 'gradient', seed: 5, problem: { kind: 'random', difficulty: { nodes: 8, fanOut: true, vectors: true } } }],
		['problem=random&nodes=6&fanout=0&vectors=1', { ask: 'all-backward', backward: 'gradient', seed: 1, problem: { kind: 'random', difficulty: { nodes: 6, fanOut: false, vectors: true } } }],
		['question=upstream&ask=all-forward', { ask: 'all-forward', backward: 'upstream', seed: 1, problem: { kind: 'as-is' } }],
		['question=mixed&seed=3&problem=as-is', { ask: 'all-backward', backward: 'mixed', seed: 3, problem: { kind: 'as-is' } }],
		['question=constructor', { ask: 'all-backward', backward: 'gradient', seed: 1, problem: { kind: 'as-is' } }],
		['problem=random&nodes=9999&level=__proto__', { ask: 'all-backward', backward: 'gradient', seed: 1, problem: { kind: 'random', difficulty: { nodes: 24, fanOut: false, vectors: false } } }]
	];
	for (const [q, expected] of cases) it(`?${q}`, () => expect(parsePracticeParams(new URLSearchParams(q))).toEqual(expected));

	it('round-trips', () => {
		for (const [q] of cases) {
			const p = parsePracticeParams(new URLSearchParams(q));
			expect(parsePracticeParams(new URLSearchParams(practiceQuery(p)))).toEqual(p);
		}
	});
});
