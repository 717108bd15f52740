import { describe, expect, test } from 'vitest';
import { EXAMPLES } from '../../../src/lib/examples/examples';
import { run } from '../../../src/lib/core/program';
import { packRun, unpackRun, unpackRunSliced } from '../../../src/lib/core/run-packed';
import { finish } from '../../../src/lib/core/slices';
import { scheduleOf, warmSchedule } from '../../../src/lib/core/trace/progress';
import { NotPlain, Packer, Unpacker } from '../../../src/lib/core/transfer';
import { traceJson } from '../../../src/lib/core/trace/json';
import { stepText } from '../../../src/lib/core/trace/tex';
import { expandedCallOf } from '../../../src/lib/core/graph/gates';
import type { RunResult } from '../../../src/lib/core/program';

// A run crosses to the page from a worker (adapters/run-worker.ts): what arrives must show
// exactly what a run on the page would, for every kind of program, at any depth.

/** What postMessage does to the message: a structured clone. */
const across = (r: RunResult) => unpackRun(structuredClone(packRun(r)));

/** Everything a student reads: every scalar step's and every group step's text. */
function seen(r: RunResult): unknown {
	if (!r.ok) return r.errors.map((e) => [e.code, e.message, e.hint, e.span.offset, e.span.length, e.span.line, e.span.col]);
	const t = r.trace;
	return { json: traceJson(t), groups: t.groupSteps.map((s) => stepText(t, s)), inner: Array.from({ length: t.graph.size }, (_, i) => t.inner(i)?.definition) };
}

const GATES = 'sig(z) = 1 / (1 + exp(-z))\nx = 0.5\nw = 2\nf = sig(w * x) + sig(x)';
const PROGRAMS: readonly [string, string, ('one' | 'expanded')?][] = [
	...EXAMPLES.map((e): [string, string] => [e.id, e.program]),
	['a gate, stepped as one', GATES, 'one'],
	['a gate, expanded', GATES, 'expanded'],
	['a gate inside a gate', 'sq(a) = a * a\nquad(a, b) = sq(a) + sq(b)\nx = 3\ny = 4\nf = quad(x, y)', 'expanded'],
	['a broken program', 'x = 2\nf = x +* 3\ng = ', undefined],
	['an indexed softmax', 'z = [1, 2, 3]\np = softmax(z)\nL = -log(p[1])', undefined]
];

describe('a run sent from another thread shows what the page would', () => {
	test.each(PROGRAMS)('%s', (_, text, gates) => {
		const here = run(text, { gates });
		const there = across(run(text, { gates }));
		expect(seen(there)).toEqual(seen(here));
	});

	test('an expanded gate call keeps its body: the arrived graph knows which call made each node', () => {
		const there = across(run(GATES, { gates: 'expanded' }));
		if (!there.ok) throw new Error('runs');
		const g = there.trace.graph;
		const calls = new Set(Array.from({ length: g.size }, (_, i) => expandedCallOf(g, i)?.gate.def.name).filter(Boolean));
		expect([...calls]).toEqual(['sig']);
	});

	test('nesting far deeper than structuredClone manages (10,000 levels) crosses, and so does a 20,000-term row', () => {
		const deep = `x = 0.5\nf = ${'sin('.repeat(10_000)}x${')'.repeat(10_000)}`;
		expect(() => structuredClone(run(deep))).toThrow();
		const row = `x = 2\nf = x${' + x'.repeat(20_000)}`;
		for (const text of [deep, row]) {
			const there = across(run(text));
			if (!there.ok) throw new Error('runs');
			const here = run(text);
			if (!here.ok) throw new Error('runs');
			expect(Array.from(there.trace.graph.grad)).toEqual(Array.from(here.trace.graph.grad));
			const last = there.trace.steps.length - 1;
			expect(stepText(there.trace, there.trace.steps[last])).toEqual(stepText(here.trace, here.trace.steps[last]));
		}
	});
});

describe('the record format', () => {
	const plain = { ops: (): undefined => undefined };
	test('shared objects stay shared and cycles stay cycles', () => {
		const leaf = { n: 1 };
		const root: { a: object; b: object[]; self?: object; m: Map<string, object> } = { a: leaf, b: [leaf, { n: 2 }], m: new Map([['k', leaf]]) };
		root.self = root;
		const back = new Unpacker().unpack(structuredClone(new Packer(plain.ops).pack(root)), () => ({})) as typeof root;
		expect(back.a).toBe(back.b[0]);
		expect(back.m.get('k')).toBe(back.a);
		expect(back.self).toBe(back);
		expect(back.b[1]).toEqual({ n: 2 });
	});

	test('typed arrays and mixed arrays keep their values', () => {
		const root = { ids: new Int32Array([3, 1, 2]), mixed: [1, { x: 'y' }, null, undefined, 'z'] };
		const back = new Unpacker().unpack(structuredClone(new Packer(plain.ops).pack(root)), () => ({})) as typeof root;
		expect(back).toEqual(root);
	});

	test.each([
		['a function', { f: () => 1 }],
		['a class it was not told of', { d: new Date(0) }]
	])('%s is refused, not silently dropped', (_, value) => {
		expect(() => new Packer(plain.ops).pack(value)).toThrow(NotPlain);
	});
});

// The page takes a long run in by slices (adapters/runner.ts), naming every node as it goes:
// what it then shows must be what the one-task, name-on-first-read path shows.
describe('taken in by slices, a run reads the same', () => {
	const warmAcross = (r: RunResult) => {
		const work = unpackRunSliced(structuredClone(packRun(r)), true);
		let pauses = 0;
		for (let s = work.next(); ; s = work.next(), pauses++) if (s.done) return { result: s.value, pauses };
	};
	test.each(PROGRAMS)('%s', (_, program, gates) => {
		const r = run(program, { gates });
		expect(seen(warmAcross(r).result)).toEqual(seen(r));
	});

	test('a 6,000-element vector pauses many times on the way, and its names and schedule are the same', () => {
		const program = `x = [${Array.from({ length: 6_000 }, (_, i) => (i % 7) / 4).join(', ')}]\nw = 3\nf = sum(w * x * x)`;
		const r = run(program);
		const { result, pauses } = warmAcross(r);
		expect(pauses).toBeGreaterThan(10);
		expect(seen(result)).toEqual(seen(r));
		if (!result.ok || !r.ok) throw new Error('the program runs');
		const s = finish(warmSchedule(result.trace, 'group'));
		expect(Array.from(s.valueAt)).toEqual(Array.from(scheduleOf(r.trace, 'group').valueAt));
		expect(Array.from(s.gradAt)).toEqual(Array.from(scheduleOf(r.trace, 'group').gradAt));
	});
});
