import { describe, expect, test } from 'vitest';
import { numpyCode } from '../../../src/lib/core/code/numpy.ts';
import { NUMPY } from '../../../src/lib/core/code/numpy-ops.ts';
import { commentText, header, Names, pyFloat } from '../../../src/lib/core/code/python.ts';
import { pytorchCode } from '../../../src/lib/core/code/pytorch.ts';
import { pythonScript } from '../../../src/lib/core/code/export.ts';
import { TORCH } from '../../../src/lib/core/code/torch-ops.ts';
import { callable, FUNCTION_NAMES } from '../../../src/lib/core/ops/registry.ts';
import { run } from '../../../src/lib/core/program.ts';

describe('every registry function has a Python spelling', () => {
	// Adding a function to the registry without its PyTorch and NumPy forms fails here.
	for (const name of FUNCTION_NAMES) {
		const c = callable(name)!;
		if (c.kind !== 'op') continue;
		test(name, () => {
			expect(TORCH[c.spec.name as keyof typeof TORCH], `PyTorch spelling of ${name} (src/lib/core/code/torch-ops.ts)`).toBeTypeOf('function');
			expect(NUMPY[c.spec.name as keyof typeof NUMPY], `NumPy spelling of ${name} (src/lib/core/code/numpy-ops.ts)`).toBeTypeOf('object');
		});
	}
});

describe('Python literals and names', () => {
	test.each([
		[2, '2.0'],
		[-0.5, '-0.5'],
		[-0, '-0.0'],
		[1e21, '1e+21'],
		[5e-324, '5e-324'],
		[0.1 + 0.2, '0.30000000000000004'],
		[NaN, "float('nan')"],
		[Infinity, "float('inf')"],
		[-Infinity, "-float('inf')"]
	])('%s is written %s', (x, py) => expect(pyFloat(x)).toBe(py));

	test('keywords and the script\'s own names are renamed, never onto another program name', () => {
		const n = new Names(['lambda', 'lambda_', 'torch', 'x', 'dx']);
		expect(n.py('lambda')).toBe('lambda_2');
		expect(n.py('lambda_')).toBe('lambda_');
		expect(n.py('torch')).toBe('torch_');
		expect(n.py('x')).toBe('x');
		expect(n.fresh('dx')).toBe('dx_2');
		expect(n.fresh('print')).toBe('print_');
	});

	test('a comment cannot end early: line breaks, NUL, separators and lone surrogates are escaped', () => {
		expect(commentText('a\nb\rc\u0000d\u2028e\u0085f\ud800g\ufeff')).toBe('a\\x0ab\\x0dc\\x00d\\u2028e\\x85f\\ud800g\\ufeff');
		expect(commentText('tab\tand """ and \\ stay')).toBe('tab\tand """ and \\ stay');
		expect(commentText('😀 pairs stay')).toBe('😀 pairs stay');
	});

	test('the program starts below the first two lines (no encoding declaration can come from it)', () => {
		const h = header('# -*- coding: latin-1 -*-\nx = 1\n', 'numpy', 'test');
		expect(h.slice(0, 2).join('\n')).not.toContain('latin');
		expect(h).toContain('#   # -*- coding: latin-1 -*-');
	});
});

describe('the writers', () => {
	test('a graph with a gate stepped as one node is refused (the scripts spell only registry functions)', () => {
		const r = run('sq(z) = z * z\nx = 2\nf = sq(x)\n');
		if (!r.ok) throw new Error('runs');
		expect(() => pytorchCode(r.trace.graph)).toThrow(/expanded/);
		expect(() => numpyCode(r.trace.graph)).toThrow(/expanded/);
		const s = pythonScript('sq(z) = z * z\nx = 2\nf = sq(x)\n', 'pytorch');
		expect(s.ok && s.code).toContain('f = x * x  # f = sq(x)');
	});

	test('a program with errors gives its errors, not a script', () => {
		const r = pythonScript('x = 2\nf = y * x\n', 'numpy');
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors[0].message).toContain('Unknown name y');
	});

	test('NumPy: fan-out accumulates with +=, the first write is =, and each line names its rule', () => {
		const r = pythonScript('a = 2\nb = 1\nc = a + b\nd = b + 1\ne = c * d\n', 'numpy');
		if (!r.ok) throw new Error('runs');
		const back = r.code.split('# backward pass')[1];
		expect(back).toContain('dd = c * de  # multiply: local ∂e/∂d = c, × upstream de');
		expect(back).toContain('db = 1.0 * dd  # add');
		expect(back).toMatch(/db \+= 1\.0 \* dc {2}# add: .*\(fan-out: gradients add\)/);
	});

	test('PyTorch: each assignment one line in the program\'s notation', () => {
		const r = pythonScript('W = [[1, 2], [3, 4]]\nx = [1, -1]\nw = [0.5, 2]\nh = relu(W^T x + 1)\nL = w^T h + ||h||^2\n', 'pytorch');
		if (!r.ok) throw new Error('runs');
		expect(r.code).toContain('h = torch.relu(W.T @ x + 1.0)\n');
		expect(r.code).toContain('L = w @ h + torch.sum(torch.square(h))\n');
		expect(r.code).toContain('W = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64, requires_grad=True)\n');
	});
});
