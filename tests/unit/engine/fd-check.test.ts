import { describe, expect, it } from 'vitest';
import { finiteDifferenceCheck } from '../../../src/lib/core/autodiff/fd';
import type { Graph } from '../../../src/lib/core/graph/graph';
import { run } from '../../../src/lib/core/program';

/**
 * The finite-difference check is the oracle the other tests trust (golden, functions, nudge,
 * practice): if it let a wrong gradient through, every test resting on it would pass with wrong
 * numbers on the page. So it is tested itself, with gradients made wrong on purpose.
 */
function graphOf(src: string): Graph {
	const r = run(src);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
	return r.trace.graph;
}

/** A copy of the graph whose backprop gradient at `node` is `grad` (the live graph is untouched). */
function withGrad(g: Graph, node: number, grad: number): Graph {
	const copy = Float64Array.from(g.grad);
	copy[node] = grad;
	return { ...g, grad: copy };
}

const leaves = (g: Graph) => Array.from({ length: g.size }, (_v, i) => i).filter((i) => g.kind[i] === 'leaf');

const PROGRAMS: [string, string][] = [
	['a product', 'x = 3\ny = -2\nf = x * y + x\n'],
	['a sigmoid neuron', 'w = 0.5\nx = 2\nb = -1\nf = sigmoid(w*x + b)\n'],
	['a squared error of a tanh', 'w = [0.3, -0.2]\nx = [1, 2]\nt = 0.5\nE = (tanh(w @ x) - t)^2\n'],
	['large gradients', 'x = 4\nf = exp(x) * 30\n']
];

describe('the finite-difference check, given gradients made wrong on purpose', () => {
	it.each(PROGRAMS)('%s: the right gradients pass', (_name, src) => {
		expect(finiteDifferenceCheck(graphOf(src))).toEqual([]);
	});

	it.each(PROGRAMS)('%s: every leaf whose gradient is off by 5, 1 or 0.1 per cent is reported, with both numbers', (_name, src) => {
		const g = graphOf(src);
		const ls = leaves(g).filter((i) => g.grad[i] !== 0);
		expect(ls.length).toBeGreaterThan(0);
		for (const i of ls)
			for (const off of [1.05, 0.95, 1.01, 1.001]) {
				const bad = finiteDifferenceCheck(withGrad(g, i, g.grad[i] * off));
				expect(bad.map((b) => b.node), `leaf ${i} at ×${off}`).toEqual([i]);
				expect(bad[0].analytic).toBe(g.grad[i] * off);
				expect(bad[0].numeric).toBeCloseTo(g.grad[i], 5);
			}
	});

	it('a gradient of the wrong sign, or 0 where it is not, is reported', () => {
		const g = graphOf(PROGRAMS[1][1]);
		for (const i of leaves(g)) {
			expect(finiteDifferenceCheck(withGrad(g, i, -g.grad[i])).map((b) => b.node)).toEqual([i]);
			expect(finiteDifferenceCheck(withGrad(g, i, 0)).map((b) => b.node)).toEqual([i]);
		}
	});

	it('an absolute error of 1e-4 on a gradient near 0 is reported (the tolerance is absolute below 1)', () => {
		const g = graphOf('x = 0\nf = x^3 + 0.001 * x\n');
		expect(g.grad[0]).toBeCloseTo(0.001, 12);
		expect(finiteDifferenceCheck(withGrad(g, 0, 0.001 + 1e-4)).map((b) => b.node)).toEqual([0]);
	});

	it('agreement to 1e-7 passes: rounding in the difference quotient is not a mismatch', () => {
		const g = graphOf(PROGRAMS[3][1]);
		for (const i of leaves(g)) expect(finiteDifferenceCheck(withGrad(g, i, g.grad[i] * (1 + 1e-7)))).toEqual([]);
	});

	it('a looser tolerance is only ever asked for by name', () => {
		const g = graphOf(PROGRAMS[1][1]);
		const i = leaves(g)[0];
		const off = withGrad(g, i, g.grad[i] * 1.05);
		expect(finiteDifferenceCheck(off, { tol: 0.1 })).toEqual([]);
		expect(finiteDifferenceCheck(off)).toHaveLength(1);
	});

	it('checking reads the graph and leaves it as it was', () => {
		const g = graphOf(PROGRAMS[2][1]);
		const before = [Float64Array.from(g.value), Float64Array.from(g.grad)];
		finiteDifferenceCheck(g);
		expect([Float64Array.from(g.value), Float64Array.from(g.grad)]).toEqual(before);
	});
});
