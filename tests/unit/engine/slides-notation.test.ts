import { describe, expect, it } from 'vitest';
import { run } from '../../../src/lib/core/program';

/**
 * The slides' and Python's notation runs as written. Each expected value is worked by hand in the
 * comment beside it (w = [1, 2], x = [3, 4], W = [[1, 2], [3, 4]], h = [1, -1], b = 0.5, c = [-1, 1]).
 */
const setup = 'w = [1, 2]\nx = [3, 4]\nW = [[1, 2], [3, 4]]\nh = [1, -1]\nb = 0.5\nc = [-1, 1]\n';

const cases: [string, string, number][] = [
	// 2^2 + 2^-1 = 4.5
	['x**2 and x ** -1', 'y = 2\nf = y**2 + y ** -1\n', 4.5],
	// w·x = 1·3 + 2·4 = 11
	['w^T x', 'f = w^T x\n', 11],
	// Wᵀx = [1·3 + 3·4, 2·3 + 4·4] = [15, 22]; sum = 37
	['W^T x', 'f = sum(W^T x)\n', 37],
	// Wᵀh = [1 - 3, 2 - 4] = [-2, -2]; + b = [-1.5, -1.5]; sum = -3
	['W^T h + b', 'f = sum(W^T h + b)\n', -3],
	// W x = [11, 25]; (W x)ᵀ w = 11 + 50 = 61
	['(W @ x)^T w', 'f = (W @ x)^T w\n', 61],
	// Wᵀx + c = [14, 23]; relu keeps both; wᵀ[14, 23] = 14 + 46 = 60; + b = 60.5
	['w^T max(0, W^T x + c) + b', 'f = w^T max(0, W^T x + c) + b\n', 60.5],
	// W x = [11, 25] by juxtaposition; sum = 36
	['W x', 'f = sum(W x)\n', 36],
	// wᵀW = [1 + 6, 2 + 8] = [7, 10], a row; times x: 21 + 40 = 61
	['w^T W x', 'f = w^T W x\n', 61],
	// (Wᵀ)ᵀ = W: sum(W x) = 36
	['W^T^T x', 'f = sum(W^T^T x)\n', 36],
	// two plain vectors stay element-wise: w ⊙ x = [3, 8], sum 11
	['w x stays element-wise', 'f = sum(w x)\n', 11],
	// Wᵀ pasted from a slide: as W^T, wᵀx = 11
	['wᵀx pasted', 'f = wᵀx\n', 11]
];

describe('the slides and Python, as written', () => {
	it.each(cases)('%s', (_name, program, expected) => {
		const r = run(setup + program);
		if (!r.ok) throw new Error(r.errors.map((e) => `${e.span.line}:${e.span.col} ${e.message}`).join('\n'));
		const g = r.trace.graph;
		expect(g.value[g.output]).toBeCloseTo(expected, 12);
	});

	it('w^T x has the gradient x for w and w for x', () => {
		// ∂(w·x)/∂w = x = [3, 4] and ∂/∂x = w = [1, 2]
		const r = run(setup + 'f = w^T x\n');
		if (!r.ok) throw new Error(r.errors[0].message);
		const g = r.trace.graph;
		const grad = (name: string) => Array.from(g.groups.find((grp) => grp.name === name)!.ids, (id) => g.grad[id]);
		expect(grad('w')).toEqual([3, 4]);
		expect(grad('x')).toEqual([1, 2]);
	});
});

/** A wrong form gets one message, on its own line, naming what to write. */
const wrong: [string, string, string, string][] = [
	['w^T x with lengths that differ', 'w = [1, 2]\nx = [1, 2, 3]\nf = w^T x\n', '3:5', 'cannot multiply'],
	['W.T', 'W = [[1, 2], [3, 4]]\nx = [1, 1]\nf = sum(W.T @ x)\n', '3:10', 'write W^T'],
	['np.dot', 'a = [1, 2]\nb = [3, 4]\nf = np.dot(a, b)\n', '3:5', 'dot(a, b) or a @ b'],
	['σ(x)', 'x = 1\nf = σ(x)\n', '2:5', 'sigmoid'],
	['ŷ', 'yhat = 1\nf = ŷ^2\n', '2:5', 'yhat'],
	['||v||^3 after a vector', 'v = [1, 2]\nf = ||v||^3\n', '2:5', '(||v||^2)^1.5'],
	['a broken last line', 'v = [1, 2]\nf = v +\n', '2:7', 'ends too early'],
	['x^y', 'x = 2\ny = 3\nf = x^y\n', '3:7', 'exp(y * log(x))']
];

describe('each wrong form: one message, on the right line', () => {
	it.each(wrong)('%s', (_name, program, at, says) => {
		const r = run(program);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.map((e) => `${e.span.line}:${e.span.col} ${e.message}`)).toHaveLength(1);
		const e = r.errors[0];
		expect(`${e.span.line}:${e.span.col}`).toBe(at);
		expect(e.message + ' ' + e.hint).toContain(says);
		expect(e.hint.length).toBeGreaterThan(0);
	});
});
