import { describe, expect, it } from 'vitest';
import { finiteDifferenceCheck } from '../../../src/lib/core/autodiff/fd.ts';
import { hasFanOut } from '../../../src/lib/core/practice/health.ts';
import { leafLiterals } from '../../../src/lib/core/practice/leaves.ts';
import { LEVELS, makeProblem, withNewValues, type Difficulty } from '../../../src/lib/core/practice/problems.ts';
import { run } from '../../../src/lib/core/program.ts';
import { EXAMPLES } from '../../../src/lib/examples/examples.ts';

const leafValues = (program: string) => {
	const r = run(program);
	if (!r.ok) throw new Error('does not run');
	return leafLiterals(r.trace).map((l) => l.value);
};

describe('new problem: same program, new leaf values', () => {
	for (const ex of EXAMPLES) {
		it(`${ex.id}: new nice values, same structure, gradients pass finite differences`, () => {
			const p = withNewValues(ex.program, 42);
			expect(p, 'some draw is fair').toBeDefined();
			const before = run(ex.program);
			if (!p || !before.ok) return;
			expect(p.program).not.toBe(ex.program);
			expect(p.trace.graph.size).toBe(before.trace.graph.size);
			expect(p.trace.steps.length).toBe(before.trace.steps.length);
			expect(finiteDifferenceCheck(p.trace.graph)).toEqual([]);
			for (const v of leafValues(p.program)) expect(Number.isInteger(v * 10) || Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, String(v)).toBe(true);
			// Only literals change: names and the lines that compute stay as written.
			const shape = (s: string) => s.replace(/-?\d+(\.\d+)?/g, '#');
			expect(shape(p.program)).toBe(shape(ex.program));
		});
	}

	it('same seed, same problem; another seed, another problem', () => {
		const a = withNewValues(EXAMPLES[0].program, 7);
		const b = withNewValues(EXAMPLES[0].program, 7);
		const c = withNewValues(EXAMPLES[0].program, 8);
		expect(a?.program).toBe(b?.program);
		expect(a?.program).not.toBe(c?.program);
	});

	it('keeps a one-hot target a one-hot target', () => {
		const p = withNewValues(EXAMPLES.find((e) => e.id === 'mlp-softmax')!.program, 3);
		expect(p?.program).toMatch(/t = \[(0, 1|1, 0)\]/);
	});

	it('refuses a program that does not run, or has no leaves', () => {
		expect(withNewValues('f = ', 1)).toBeUndefined();
		expect(withNewValues('f = 2 * 3\n', 1)).toBeUndefined();
	});
});

describe('new problem: a random program from the grammar', () => {
	const levels: [string, Difficulty][] = [...Object.entries(LEVELS), ['big, no fan-out, vectors', { nodes: 12, fanOut: false, vectors: true }]];
	for (const [name, d] of levels) {
		it(`${name}: 500 seeds all run, scalar output, fair, and match the difficulty`, () => {
			const seen = new Set<string>();
			for (let seed = 0; seed < 500; seed++) {
				const p = makeProblem('', { kind: 'random', difficulty: d }, seed);
				expect(p).toBeDefined();
				if (!p) return;
				const r = run(p.program);
				expect(r.ok, p.program).toBe(true);
				if (!r.ok) return;
				const g = r.trace.graph;
				expect(g.groups[g.group[g.output]].shape).toEqual([]);
				for (let i = 0; i < g.size; i++) expect(Number.isFinite(g.value[i]) && Number.isFinite(g.grad[i]), p.program).toBe(true);
				expect(g.kind.filter((k) => k === 'op').length).toBeGreaterThanOrEqual(d.nodes);
				expect(hasFanOut(r.trace), p.program).toBe(d.fanOut);
				expect(/\[/.test(p.program)).toBe(d.vectors);
				expect(finiteDifferenceCheck(g), p.program).toEqual([]);
				seen.add(p.program);
			}
			// The fallback would repeat; a healthy generator almost never does.
			expect(seen.size).toBeGreaterThan(480);
		});
	}

	it('every node count the settings allow (2 to 24) draws a program of its own, never the fallback', () => {
		for (let nodes = 2; nodes <= 24; nodes++)
			for (const fanOut of [false, true])
				for (const vectors of [false, true])
					for (const seed of [1, 2]) {
						const p = makeProblem('', { kind: 'random', difficulty: { nodes, fanOut, vectors } }, seed)!;
						const r = run(p.program);
						expect(r.ok).toBe(true);
						if (!r.ok) return;
						expect(r.trace.graph.kind.filter((k) => k === 'op').length, `${nodes} ${fanOut} ${vectors}`).toBeGreaterThanOrEqual(nodes);
						expect(hasFanOut(r.trace)).toBe(fanOut);
					}
	});

	it('same seed and difficulty, same program', () => {
		for (const d of Object.values(LEVELS))
			for (const seed of [0, 1, 42, 2 ** 32 - 1]) {
				const a = makeProblem('', { kind: 'random', difficulty: d }, seed);
				const b = makeProblem('', { kind: 'random', difficulty: d }, seed);
				expect(a?.program).toBe(b?.program);
			}
	});

	it('as-is is the program unchanged', () => {
		expect(makeProblem(EXAMPLES[0].program, { kind: 'as-is' }, 5)?.program).toBe(EXAMPLES[0].program);
	});
});
