import { describe, expect, it } from 'vitest';
import { traceText } from '../../../src/cli/trace-command';
import { buildHandout } from '../../../src/lib/core/handout/model';
import { run } from '../../../src/lib/core/program';
import type { Trace } from '../../../src/lib/core/trace/build';
import { traceJson } from '../../../src/lib/core/trace/json';
import { operandsMade } from '../../../src/lib/core/trace/lazy-list';
import { stepText } from '../../../src/lib/core/trace/tex';

/**
 * Cost linear in the size of the graph, checked without a clock: every read of a value,
 * gradient or local derivative and every name looked up is counted. Linear cost means the
 * count per edge stays the same when the program grows; a step that rebuilds a whole wide
 * node's operands (as each backward step of a sum once did) makes it grow with n.
 */

const vec = (n: number, shift = 0) => `[${Array.from({ length: n }, (_, i) => (((i + shift) * 37) % 97) / 10 + 0.1).join(', ')}]`;

const programs: [string, (n: number) => string][] = [
	['sum', (n) => `v = ${vec(n)}\nf = sum(v)\n`],
	['mean', (n) => `v = ${vec(n)}\nf = mean(v)\n`],
	['norm', (n) => `v = ${vec(n)}\nf = ||v||^2\n`],
	['dot', (n) => `a = ${vec(n)}\nb = ${vec(n, 3)}\nf = dot(a, b)\n`],
	['fan-out of one scalar', (n) => `c = 0.5\nv = ${vec(n)}\nf = sum(c * v)\n`],
	['softmax (n² edges)', (n) => `v = ${vec(Math.round(Math.sqrt(n * 4)))}\nf = sum(softmax(v))\n`],
	['long chain', (n) => ['x0 = 0.5', ...Array.from({ length: n - 1 }, (_, i) => `x${i + 1} = 0.999 x${i} + 0.001`), `f = x${n - 1}^2`].join('\n') + '\n'],
	['wide layer', (n) => `x = ${vec(n)}\nW = [${vec(n)}, ${vec(n, 1)}]\nh = sigmoid(W @ x)\nf = sum(h)\n`]
];

/** Everything that turns a trace into something a person reads. */
const consumers: [string, (t: Trace) => unknown][] = [
	['every scalar step', (t) => t.steps.map((s) => stepText(t, s))],
	['every group step', (t) => t.groupSteps.map((s) => stepText(t, s))],
	['JSON', (t) => traceJson(t)],
	['CLI text', (t) => traceText(t)],
	['CLI text by assignment', (t) => traceText(t, undefined, 'group')],
	['handout', (t) => buildHandout(t)],
	['scalar handout', (t) => buildHandout(t, { granularity: 'scalar' })],
	['scalar worksheet', (t) => buildHandout(t, { granularity: 'scalar', blanks: t.steps.map((_, k) => k) })]
];

/** A typed array whose element reads are counted; methods still run on the real array. */
function countedArray<A extends Float64Array | Int32Array>(a: A, count: () => void): A {
	return new Proxy(a, {
		get(target, key) {
			if (typeof key === 'string' && key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57) count();
			const v: unknown = Reflect.get(target, key, target);
			return typeof v === 'function' ? v.bind(target) : v;
		}
	});
}

/** The same trace, with a meter on every number, edge and name it hands out. */
function metered(t: Trace): { trace: Trace; reads: () => number } {
	let n = 0;
	const tick = () => void n++;
	const g = t.graph;
	const c = t.consumers;
	// Values, gradients, local derivatives, and the edge lists every walk over the graph goes through.
	const graph = {
		...g,
		value: countedArray(g.value, tick),
		grad: countedArray(g.grad, tick),
		local: countedArray(g.local, tick),
		inputs: countedArray(g.inputs, tick),
		inputStart: countedArray(g.inputStart, tick)
	};
	const consumers = { start: countedArray(c.start, tick), edges: countedArray(c.edges, tick), edgeOwner: countedArray(c.edgeOwner, tick) };
	const trace: Trace = {
		...t,
		graph,
		consumers,
		label: (i) => (tick(), t.label(i)),
		tex: (i) => (tick(), t.tex(i)),
		inner: (i) => (tick(), t.inner(i))
	};
	return { trace, reads: () => n };
}

function traceOf(src: string): Trace {
	const r = run(src);
	if (!r.ok) throw new Error(r.errors[0].message);
	return r.trace;
}

/** Reads per edge (edges + nodes, so a chain of one-input nodes counts its steps) of one consumer on one program. */
function readsPerEdge(src: string, consume: (t: Trace) => unknown): number {
	const t = traceOf(src);
	const m = metered(t);
	consume(m.trace);
	return m.reads() / (t.graph.inputs.length + t.graph.size);
}

describe('reads per edge do not grow with the program', () => {
	const SMALL = 150;
	const LARGE = 1200;
	for (const [program, make] of programs)
		it.each(consumers)(`${program}: %s`, (_name, consume) => {
			const small = readsPerEdge(make(SMALL), consume);
			const large = readsPerEdge(make(LARGE), consume);
			// 8 times the size: linear work keeps the ratio near 1, quadratic work makes it near 8.
			expect(large / small, `${small.toFixed(2)} reads per edge at n=${SMALL}, ${large.toFixed(2)} at n=${LARGE}`).toBeLessThan(1.6);
		});
});

describe('one step of a 10,000-input node makes a handful of operands', () => {
	// Operands are the strings a LaTeX template may quote (a name or a formatted number per input).
	// The templates print at most 5 of a long list and a local derivative reads at most 2.
	const N = 10_000;
	const cases: [string, string, (t: Trace) => number][] = [
		['sum', `v = ${vec(N)}\nf = sum(v)\n`, (t) => t.backwardStepOf[N >> 1]],
		['sum, forward', `v = ${vec(N)}\nf = sum(v)\n`, (t) => t.forwardStepOf[t.graph.output]],
		['mean', `v = ${vec(N)}\nf = mean(v)\n`, (t) => t.backwardStepOf[N >> 1]],
		['norm', `v = ${vec(N)}\nf = ||v||^2\n`, (t) => t.backwardStepOf[N >> 1]],
		['norm, forward', `v = ${vec(N)}\nf = ||v||^2\n`, (t) => t.forwardStepOf[t.graph.output]],
		['dot', `a = ${vec(N)}\nb = ${vec(N)}\nf = dot(a, b)\n`, (t) => t.backwardStepOf[N >> 1]],
		['dot, forward', `a = ${vec(N)}\nb = ${vec(N)}\nf = dot(a, b)\n`, (t) => t.forwardStepOf[t.graph.output]]
	];
	it.each(cases)('%s', (_name, src, stepOf) => {
		const t = traceOf(src);
		const step = t.steps[stepOf(t)];
		const before = operandsMade();
		stepText(t, step);
		expect(operandsMade() - before).toBeLessThanOrEqual(24);
	});
});
