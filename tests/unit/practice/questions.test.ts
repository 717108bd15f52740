import { describe, expect, it } from 'vitest';
import type { Blanks } from '../../../src/lib/core/handout/blanks.ts';
import { mulberry32 } from '../../../src/lib/core/practice/random.ts';
import { factorChoices, opsOf, questionsFor, questionTex, questionWords, selectSteps, worksheetBlanks, type AskSetting } from '../../../src/lib/core/practice/questions.ts';
import { run } from '../../../src/lib/core/program.ts';
import type { Trace } from '../../../src/lib/core/trace/build.ts';
import { EXAMPLES, exampleById } from '../../../src/lib/examples/examples.ts';
import { mulberry32 as helperRandom } from '../../helpers/random.ts';

function traceOf(id: string): Trace {
	const r = run(exampleById(id)!.program);
	if (!r.ok) throw new Error(id);
	return r.trace;
}
const labelsOf = (t: Trace, steps: number[]) => steps.map((k) => {
	const s = t.steps[k];
	return `${s.kind === 'forward' ? 'fwd' : 'bwd'} ${t.label((s as { node: number }).node)}`;
});

describe('which steps are asked', () => {
	const cases: [string, AskSetting, string[]][] = [
		['add-mul', 'all-backward', ['bwd q', 'bwd z', 'bwd y', 'bwd x']],
		['add-mul', 'leaf-gradients', ['bwd z', 'bwd y', 'bwd x']],
		['add-mul', 'fan-out', []],
		['fan-out', 'fan-out', ['bwd b']],
		['fan-out', 'leaf-gradients', ['bwd b', 'bwd a']]
	];
	for (const [id, setting, expected] of cases)
		it(`${id}, ${JSON.stringify(setting)}`, () => {
			const t = traceOf(id);
			expect(labelsOf(t, selectSteps(t, setting, 1))).toEqual(expected);
		});

	it('never asks the output seed (always 1)', () => {
		for (const ex of EXAMPLES) {
			const t = traceOf(ex.id);
			expect(selectSteps(t, 'all-backward', 1)).not.toContain(t.backwardStepOf[t.graph.output]);
		}
	});

	it('a random few: that many, ascending, the same for the same seed, forward steps included', () => {
		const t = traceOf('mlp-2-2-1');
		const a = selectSteps(t, { random: 5 }, 42);
		expect(a).toHaveLength(5);
		expect([...a].sort((x, y) => x - y)).toEqual(a);
		expect(selectSteps(t, { random: 5 }, 42)).toEqual(a);
		const kinds = new Set<string>();
		for (let seed = 0; seed < 40; seed++) for (const k of selectSteps(t, { random: 5 }, seed)) kinds.add(t.steps[k].kind);
		expect(kinds).toEqual(new Set(['forward', 'backward']));
		expect(new Set(Array.from({ length: 20 }, (_, s) => selectSteps(t, { random: 5 }, s).join())).size).toBeGreaterThan(10);
	});

	it('the worksheet blanks are the practice selection, as the handout Blanks type', () => {
		for (const ex of EXAMPLES) {
			const t = traceOf(ex.id);
			for (const setting of ['all-backward', 'leaf-gradients', 'fan-out', { random: 3 }] as const) {
				const blanks: Blanks = worksheetBlanks(t, setting, 9);
				expect(blanks).toEqual(questionsFor(t, setting, 9).map((q) => q.step));
			}
		}
	});
});

describe('what is asked', () => {
	it('every expected answer is read from the graph', () => {
		for (const ex of EXAMPLES) {
			const t = traceOf(ex.id);
			const g = t.graph;
			for (const q of questionsFor(t, { random: 12 }, 3)) {
				if (q.kind === 'value') expect(q.expected).toBe(g.value[q.node]);
				if (q.kind === 'gradient') expect(q.expected).toBe(g.grad[q.node]);
				if (q.kind === 'local') {
					expect(q.expected).toBe(g.local[q.edge]);
					expect(t.consumers.edgeOwner[q.edge]).toBeGreaterThan(q.node);
				}
				expect(questionTex(t, q).length).toBeGreaterThan(0);
				expect(opsOf(t, q).length).toBeGreaterThan(0);
			}
		}
	});

	it('over many seeds a mix asks all three backward kinds, and a fan-out node is never asked for one term only', () => {
		const kinds = new Set<string>();
		for (let seed = 0; seed < 60; seed++)
			for (const ex of EXAMPLES) {
				const t = traceOf(ex.id);
				for (const q of questionsFor(t, 'all-backward', seed, 'mixed')) {
					kinds.add(q.kind);
					const s = t.steps[q.step];
					if (q.kind === 'local' && s.kind === 'backward') expect(s.terms.length).toBe(1);
				}
			}
		expect(kinds).toEqual(new Set(['local', 'gradient', 'factors']));
	});

	it('chain-rule factors: the right ones are exactly upstream and local, distractors come from the trace', () => {
		const t = traceOf('fan-out');
		const b = t.graph.groups.find((g) => g.name === 'b')!.ids[0];
		const s = t.steps[t.backwardStepOf[b]];
		if (s.kind !== 'backward') throw new Error('step');
		const choices = factorChoices(t, b, s.terms, mulberry32(1), 10);
		const right = choices.filter((c) => c.correct).map((c) => c.tex).sort();
		expect(right).toEqual(
			['\\frac{\\partial e}{\\partial c}', '\\frac{\\partial c}{\\partial b}', '\\frac{\\partial e}{\\partial d}', '\\frac{\\partial d}{\\partial b}'].sort()
		);
		const wrong = choices.filter((c) => !c.correct).map((c) => c.tex);
		expect(wrong.length).toBeGreaterThanOrEqual(2);
		expect(wrong).toContain('\\frac{\\partial c}{\\partial a}');
		expect(new Set(choices.map((c) => c.tex)).size).toBe(choices.length);
	});

	it('the test helper uses the canonical generator', () => expect(helperRandom).toBe(mulberry32));
});

describe('question words', () => {
	it('say which line holds an unnamed inner node, and nothing extra for named ones', () => {
		const r = run('x = 2\ny = 3\nf = sigmoid(x * y) + x\n');
		if (!r.ok) throw new Error('does not run');
		const t = r.trace;
		const words = questionsFor(t, 'all-backward', 1).map((q) => questionWords(t, q));
		expect(words.some((w) => /sigmoid\(x \* y\) is a step inside line 3, f = sigmoid\(x \* y\) \+ x\.\)$/.test(w))).toBe(true);
		expect(words.filter((w) => /∂f\/∂[xy]\?/.test(w)).every((w) => !w.includes('inside line'))).toBe(true);
	});
});
