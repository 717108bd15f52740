import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/lib/examples/examples';
import { run } from '../../../src/lib/core/program';
import type { Trace } from '../../../src/lib/core/trace/build';
import { stepText } from '../../../src/lib/core/trace/tex';
import { katexParses } from '../../helpers/math';
import { mulberry32 } from '../../helpers/random';
import { LEVELS, randomProgram } from '../../../src/lib/core/practice/generate';
import { MAZUR_2_2_2 as MAZUR } from '../../helpers/programs';


function traceOf(program: string): Trace {
	const r = run(program);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
	return r.trace;
}


/** A 2-3-1 network whose output layer is a vector of one. */
const ONE_ROW = 'x = [0.5, -1.0]\nW1 = [[0.1, 0.4], [-0.3, 0.2], [0.25, -0.1]]\nb1 = [0.1, 0.0, -0.1]\nW2 = [[0.3, -0.2, 0.5]]\nb2 = [0.05]\nt = [1]\nh = tanh(W1 @ x + b1)\no = sigmoid(W2 @ h + b2)\nL = 0.5*||o - t||^2\n';

const nodeByLabel = (t: Trace, label: string) => {
	const i = [...Array(t.graph.size).keys()].find((k) => t.label(k) === label);
	if (i === undefined) throw new Error(`no node ${label}: ${[...Array(t.graph.size).keys()].map((k) => t.label(k)).join(', ')}`);
	return i;
};

describe('inner nodes are named from the program', () => {
	const cases: [string, string, string, 'net' | 'expr' | 'symbol', string][] = [
		['net input of a sigmoid', MAZUR, 'net_o1', 'net', '\\mathrm{net}_{o_{1}}'],
		['a product inside a line', MAZUR, '(w5*h1)', 'expr', '\\left(w_{5}\\,h_{1}\\right)'],
		['a partial sum', MAZUR, '(w5*h1 + w6*h2)', 'expr', '\\left(w_{5}\\,h_{1} + w_{6}\\,h_{2}\\right)'],
		['brackets the student wrote are not doubled', MAZUR, '(t1 - o1)', 'expr', '\\left(t_{1} - o_{1}\\right)'],
		['an element of a matrix product', EXAMPLES.find((e) => e.id === 'mlp-softmax')!.program, '(W1 @ x)[2]', 'expr', '\\left(W_{1} x\\right)_{2}'],
		['the k-th input of a softmax', EXAMPLES.find((e) => e.id === 'mlp-softmax')!.program, 'net_p[1]', 'net', '\\mathrm{net}_{p_{1}}'],
		['a piece of a 1-vector is an element too', ONE_ROW, '(W2 @ h)[0]', 'expr', '\\left(W_{2} h\\right)_{0}'],
		['the net input of a 1-vector', ONE_ROW, 'net_o[0]', 'net', '\\mathrm{net}_{o_{0}}'],
		['a call reads as one thing', 'x = 2\ny = 3\nf = sigmoid(x * y) + x\n', 'sigmoid(x * y)', 'expr', '\\sigma\\left(x\\,y\\right)'],
		['a long piece gets a symbol', 'a = 1\nb = 2\nf = 1 / (1 + exp(-(a*a + b*b + a*b)))\n', 'v1', 'symbol', 'v_{1}']
	];
	it.each(cases)('%s: %s', (_what, program, label, kind, tex) => {
		const t = traceOf(program);
		const i = nodeByLabel(t, label);
		expect(t.inner(i)?.kind).toBe(kind);
		expect(t.tex(i)).toBe(tex);
		katexParses(t.inner(i)!.definition, true);
	});

	it('a net input is defined by the text of its line', () => {
		const t = traceOf(MAZUR);
		expect(t.inner(nodeByLabel(t, 'net_o1'))!.definition).toBe('\\mathrm{net}_{o_{1}} = w_{5}\\,h_{1} + w_{6}\\,h_{2} + b_{2}');
		expect(t.inner(nodeByLabel(t, 'net_o1'))!.role).toMatch(/^the net input of o1 \(the argument of its sigmoid, w5\*h1 \+ w6\*h2 \+ b2\)$/);
	});
});

describe('no two nodes read alike', () => {
	const programs: [string, string][] = [
		...EXAMPLES.map((e): [string, string] => [e.id, e.program]),
		['2-2-2 network', MAZUR],
		['a vector w beside a scalar w1', 'w = [1, 2]\nw1 = 3\nf = w @ w + w1\n'],
		['a matrix W beside a vector W1', 'W = [[1, 2], [3, 4]]\nW1 = [5, 6]\nx = [1, 1]\nf = sum(W @ x) + W1 @ x\n'],
		['a vector W beside a matrix W1', 'W = [1, 2]\nW1 = [[5, 6], [7, 8]]\nx = [1, 1]\nf = sum(W1 @ x) + W @ x\n'],
		['the same piece on two lines', 'a = 2\nb = 3\nc = a*b + 1\nd = a*b + 2\nf = c * d\n'],
		['the same piece twice on one line', 'a = 2\nb = 3\nf = (a*b + 1)(a*b + 2)\n'],
		['a user name like a net input', 'x = 1\nnet_h = 2\nh = sigmoid(x + 1)\nf = h * net_h\n']
	];
	const rng = mulberry32(9);
	for (let k = 0; k < 40; k++) programs.push([`random program ${k}`, randomProgram(LEVELS[k % 2 ? 'hard' : 'medium'], rng).program]);
	it.each(programs)('%s: labels and LaTeX are one per node', (_id, program) => {
		const t = traceOf(program);
		const g = t.graph;
		const seenLabel = new Map<string, number>();
		const seenTex = new Map<string, number>();
		for (let i = 0; i < g.size; i++) {
			if (g.kind[i] === 'const') continue;
			expect(seenLabel.get(t.label(i)), `label ${t.label(i)} of nodes ${seenLabel.get(t.label(i))} and ${i}`).toBeUndefined();
			expect(seenTex.get(t.tex(i)), `LaTeX ${t.tex(i)} of nodes ${seenTex.get(t.tex(i))} and ${i}`).toBeUndefined();
			seenLabel.set(t.label(i), i);
			seenTex.set(t.tex(i), i);
		}
	});

	it('a vector whose element would read like another name writes its index in brackets', () => {
		const t = traceOf('w = [1, 2]\nw1 = 3\nf = w @ w + w1\n');
		expect(t.tex(nodeByLabel(t, 'w[1]'))).toBe('w_{[1]}');
		expect(t.tex(nodeByLabel(t, 'w1'))).toBe('w_{1}');
		const whole = traceOf('W = [1, 2]\nW1 = [[5, 6], [7, 8]]\nx = [1, 1]\nf = sum(W1 @ x) + W @ x\n');
		expect(whole.tex(nodeByLabel(whole, 'W[1]'))).toBe('W_{[1]}');
		const plain = traceOf('w = [1, 2]\nf = w @ w\n');
		expect(plain.tex(nodeByLabel(plain, 'w[1]'))).toBe('w_{1}');
	});
});

describe('a step defines the inner nodes it mentions', () => {
	it('a named-value step calls a 1-vector net input a vector, never one of its elements', () => {
		const t = traceOf(ONE_ROW);
		const tex = t.groupSteps.flatMap((st) => stepText(t, st).lines.filter((l) => !l.caption.startsWith('element')).map((l) => l.tex)).join('\n');
		expect(tex).toContain('\\mathrm{net}_{o}');
		expect(tex).not.toMatch(/\\mathrm\{net\}_\{o_\{0\}\} = W/);
	});
	it('the partial sum under net_o1 says what net_o1 is', () => {
		const t = traceOf(MAZUR);
		const i = nodeByLabel(t, '(w5*h1 + w6*h2)');
		const text = stepText(t, t.steps[t.backwardStepOf[i]]);
		expect(text.lines.find((l) => l.caption === 'where')?.tex).toBe(t.inner(nodeByLabel(t, 'net_o1'))!.definition);
		expect(text.words).toContain('net_o1 is the net input of o1');
	});
	it('the gradient at a net input is named δ, with the slope and the upstream gradient that make it', () => {
		const t = traceOf(MAZUR);
		const net = nodeByLabel(t, 'net_o1');
		const o1 = nodeByLabel(t, 'o1');
		const g = t.graph;
		const words = stepText(t, t.steps[t.backwardStepOf[net]]).words;
		const m = /the δ of o1 .*slope ∂o1\/∂net_o1 = (\S+) times the gradient ∂E\/∂o1 = (\S+) arriving/.exec(words);
		expect(m, words).not.toBeNull();
		// The two numbers the words quote multiply to the gradient the step computes.
		expect(Number(m![1]) * Number(m![2])).toBeCloseTo(g.grad[net], 3);
		expect(Number(m![2])).toBeCloseTo(g.grad[o1], 3);
	});
	it('a piece named by its own text is not written twice', () => {
		const t = traceOf('u = -0.75\nf = tanh(u) + u\n');
		const i = nodeByLabel(t, 'tanh(u)');
		expect(stepText(t, t.steps[t.forwardStepOf[i]]).lines[0].tex).toBe('\\tanh\\left(u\\right) = \\tanh\\left(-0.75\\right) = -0.6351');
	});
	it('a short piece needs no definition: its name is its text', () => {
		const t = traceOf(MAZUR);
		const h2 = nodeByLabel(t, 'h2');
		expect(stepText(t, t.steps[t.backwardStepOf[h2]]).lines.some((l) => l.caption === 'where')).toBe(false);
	});
});
