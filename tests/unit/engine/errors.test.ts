import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../src/lib/core/language/errors';
import { run } from '../../../src/lib/core/program';
import { expectProgramError } from '../../helpers/program-errors';

/** [program, code, "line:col", offending text, message part, hint part] */
const table: [string, ErrorCode, string, string, string, string][] = [
	['x = 1\nf = x + y\n', 'unknown-name', '2:9', 'y', 'Unknown name y', 'Define it'],
	['value = 1\nf = valeu * 2\n', 'unknown-name', '2:5', 'valeu', 'Unknown name valeu', 'Did you mean value?'],
	['a = 1\nb = 2\nf = ab\n', 'unknown-name', '3:5', 'ab', 'a name is the whole word, not a times b', 'write a*b (or a b, with spaces)'],
	['x = 1\nw1 = 2\nb = 3\nf = 2w1x + b\n', 'unknown-name', '4:6', 'w1x', 'not w1 times x', 'write w1*x'],
	['x = 1\nf = q * x\nq = 2\n', 'used-before-defined', '2:5', 'q', 'q is used before its line', 'Move the line q = … above'],
	['x = 1\nx = 2\nf = x\n', 'assigned-twice', '2:1', 'x', 'x is assigned twice (first on line 1)', 'rename'],
	['a = [1, 2]\nb = [1, 2, 3]\nf = sum(a + b)\n', 'shape-mismatch', '3:9', 'a + b', 'a vector of 2 and the right is a vector of 3', 'same shape'],
	['W = [[1, 2], [3, 4]]\nx = [1, 2]\nf = sum(W * x)\n', 'shape-mismatch', '3:9', 'W * x', 'a 2×2 matrix', 'use @'],
	['W = [[1, 2], [3, 4]]\nx = [1, 2, 3]\nf = sum(W @ x)\n', 'shape-mismatch', '3:9', 'W @ x', '@ cannot multiply a 2×2 matrix by a vector of 3', 'transpose'],
	['q = [1, 2]\nf = q[2]\n', 'shape-mismatch', '2:6', '[2]', 'Index 2 is past the end: q is a vector of 2, and indices count from 0', 'q[0] to q[1]'],
	['W = [[1, 2], [3, 4]]\nf = W[1]\n', 'shape-mismatch', '2:6', '[1]', 'W is a 2×2 matrix: it takes two indices, not 1', 'W[0, 0] to W[1, 1] (row, column)'],
	['z = [1, 2, 3]\nf = softmax(z)[3]\n', 'shape-mismatch', '2:15', '[3]', 'Index 3 is past the end: this value is a vector of 3', 'Write an index from 0 to 2.'],
	['x = 3\nf = x[0] * 2\n', 'shape-mismatch', '2:6', '[0]', 'x is a scalar: it has no elements to pick', 'Leave out the [0]'],
	['q = [1, 2]\nf = q[-1]\n', 'syntax', '2:7', '-', 'An index is a whole number counted from 0', 'q[0] for a vector'],
	['x = 1\nf = sigmoid(x, x)\n', 'wrong-arg-count', '2:5', 'sigmoid(x, x)', 'sigmoid takes 1 argument, but 2 were given', 'sigmoid(x)'],
	['x = 1\nf = max(x)\n', 'wrong-arg-count', '2:5', 'max(x)', 'max takes 2 arguments', 'max(a, b)'],
	['x = 1\nf = sigmod(x)\n', 'unknown-function', '2:5', 'sigmod', 'Unknown function sigmod', 'Did you mean sigmoid?'],
	['x = 1\nf = tahn(x)\n', 'unknown-function', '2:5', 'tahn', 'Unknown function tahn', 'Did you mean tanh?'],
	['x = [1, 2]\nf = 2 * x\n', 'output-not-scalar', '2:1', 'f', 'The output f is a vector of 2, not a scalar', 'sum(f)'],
	['x = 1\nf = (x + 2\n', 'syntax', '2:5', '(', 'This ( is never closed', 'Add )'],
	['x = 1\nf = x +\n', 'syntax', '2:7', '+', 'The expression ends too early', 'missing'],
	['x = 1\nf = x ** x\n', 'bad-exponent', '2:10', 'x', 'The exponent must be a constant number: write exp(x * log(x))', 'after **'],
	['x = 1\nf x + 1\n', 'syntax', '2:3', 'x', 'Expected = after f', 'f = expression'],
	['x = 1\nf = x)\n', 'syntax', '2:6', ')', 'Unexpected ")" after the expression', 'no matching ('],
	['x = 1\nf = x 2\n', 'syntax', '2:7', '2', 'Missing operator before 2', 'Write *'],
	['x = 1\nf = x ^ x\n', 'bad-exponent', '2:9', 'x', 'The exponent must be a constant number: write exp(x * log(x))', 'exp(k * log(x))'],
	['x = [1, 2]\nf = ||x||\n', 'syntax', '2:5', '||x||', 'Only the squared norm', '^2'],
	['x = 1\nf = x | 2\n', 'syntax', '2:7', '|', 'A single | is not an operator', '||v||^2'],
	['x = 1\nf = x; g = 2\n', 'syntax', '2:6', ';', 'Unexpected character ";"', 'own line'],
	['x = 1e999\nf = x\n', 'bad-number', '1:5', '1e999', 'too large', 'smaller'],
	['exp = 2\nf = exp * 2\n', 'reserved-name', '1:1', 'exp', 'exp is the name of a function', 'Pick another name'],
	['', 'empty-program', '1:1', '', 'The program is empty', 'the last line is the output'],
	['# only a comment\n\n', 'empty-program', '1:1', '', 'The program is empty', 'x = 2'],
	['x = 1\nf = sum(x, x, x)\n', 'wrong-arg-count', '2:5', 'sum(x, x, x)', 'sum takes 1 argument, but 3 were given', 'sum(v)'],
	['x = 1\nf = softmax(x)\n', 'shape-mismatch', '2:13', 'x', 'softmax needs a vector, but this is a scalar', 'softmax(W @ h)'],
	['x = 1\nf = α * x\n', 'syntax', '2:5', 'α', 'α is written alpha', 'Write alpha'],
	['<img src=x onerror=alert(1)> = 1\nf = 2\n', 'syntax', '1:1', '<', 'Unexpected character "<"', 'Remove it'],
	// gate definitions: the gate is named in the message and the fix
	['sig(z) = 1 / (1 + exp(-x))\nx = 1\nf = sig(x)\n', 'unknown-name', '1:24', 'x', 'x is not a parameter of sig: a gate sees only its parameters (z)', 'sig(z, x)'],
	['g(z) = g(z) + 1\nx = 1\nf = g(x)\n', 'bad-gate', '1:8', 'g', 'g calls itself: a gate cannot be recursive', 'defined above it'],
	['h(z) = k(z)\nk(z) = z * 2\nx = 1\nf = h(x)\n', 'used-before-defined', '1:8', 'k', 'k is used before its line (the gate is defined on line 2)', 'Move the line k(z) = … above line 1'],
	['exp(z) = z * 2\nx = 1\nf = x\n', 'reserved-name', '1:1', 'exp', 'exp is the name of a built-in function', 'my_exp'],
	['q(z) = z * 2\nq = 1\nf = q * 2\n', 'reserved-name', '1:1', 'q', 'q is both a gate and a variable (assigned on line 2)', 'another name'],
	['lin(w, w) = w * w\nx = 1\nf = lin(x, x)\n', 'bad-gate', '1:8', 'w', 'The parameter w appears twice in lin(w, w)', 'lin(w, w2)'],
	['lin(w, x) = w * x\na = 1\nf = lin(a)\n', 'wrong-arg-count', '3:5', 'lin(a)', 'lin takes 2 arguments, but 1 was given', 'lin(w, x)'],
	['x = 1\nf = sig(x)\nsig(z) = 1 / (1 + exp(-z))\n', 'used-before-defined', '2:5', 'sig', 'sig is used before its line (the gate is defined on line 3)', 'Move the line sig(z) = … above line 2'],
	['s(v) = sum(v)\nx = [1, 2]\nf = s(x)\n', 'bad-gate', '1:8', 'sum', 'sum works on a whole vector', 'outside the gate'],
	['d(a, b) = a @ b\nx = 1\nf = d(x, x)\n', 'bad-gate', '1:11', 'a @ b', '@ multiplies vectors and matrices', 'Use *'],
	['g(z) = max(z)\nx = 1\nf = g(x)\n', 'wrong-arg-count', '1:8', 'max(z)', 'max takes 2 arguments, but 1 was given', 'max(a, b)'],
	['g(z) = z + 1\nx = 1\nf = g * x\n', 'syntax', '3:5', 'g', 'g is a gate', 'g(x)'],
	['g(z, 2) = z\nx = 1\nf = g(x, x)\n', 'syntax', '1:6', '2', 'A parameter of g must be a name', 'g(a, b)'],
	['lin(w, x) = w * x\n', 'syntax', '1:1', 'lin', 'The program only defines gates', 'f = lin(x, x)']
];

describe('every kind of mistake gives a typed error with its place, text and a fix', () => {
	it.each(table)('%j → %s at %s', (program, code, at, text, message, hint) => {
		expectProgramError(program, code, at, text, message, hint);
	});
});

describe('all errors in a program are reported, not only the first', () => {
	it('reports one message per broken line and keeps going', () => {
		const r = run('x = 1\na = x +\nb = sigmod(x)\nc = y * 2\nf = x * 2\n');
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.map((e) => [e.code, e.span.line])).toEqual([
			['syntax', 2],
			['unknown-function', 3],
			['unknown-name', 4]
		]);
	});
	it('does not cascade: a name whose line is broken is not reported again where it is used', () => {
		const r = run('x = 1\nq = x +\nf = q * 2\n');
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors).toHaveLength(1);
	});
	it('one message per place: a pasted α is explained once, not again as an unknown name', () => {
		const r = run('x = 2\nf = α * x\n');
		if (r.ok) throw new Error('should fail');
		expect(r.errors.map((e) => [e.span.line, e.span.col, e.message])).toEqual([[2, 5, 'α is written alpha.']]);
	});
	it('errors are sorted by position', () => {
		const r = run('f = a + b + c\n');
		if (r.ok) throw new Error('should fail');
		expect(r.errors.map((e) => e.span.col)).toEqual([5, 9, 13].slice(0, r.errors.length));
	});
});

describe('non-finite values are computed and kept, not errors', () => {
	const table: [string, string, (v: number) => boolean][] = [
		['x = 0\nf = log(x)\n', 'log 0', (v) => v === -Infinity],
		['x = 0\nf = 1 / x\n', '1/0', (v) => v === Infinity],
		['x = 1000\nf = exp(x)\n', 'overflow', (v) => v === Infinity],
		['x = -1\nf = sqrt(x)\n', 'sqrt of a negative', (v) => Number.isNaN(v)]
	];
	it.each(table)('%j (%s)', (program, _what, check) => {
		const r = run(program);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const g = r.trace.graph;
		expect(check(g.value[g.output])).toBe(true);
	});
});
