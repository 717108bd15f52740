import { EXAMPLES } from '../../../src/lib/examples/examples.ts';
import { functionPrograms } from '../../helpers/function-programs.ts';
import { loadGoldens } from '../../helpers/golden.ts';

/**
 * Every program the generated code is checked on: the built-in examples, the shared golden
 * examples, one program per registry function, and the shapes of program code export must get
 * right (gates, vectors and matrices, fan-out, a value nothing reads, numbers only, deep nesting).
 */
export const EXTRA: [string, string][] = [
	['gates: two parameters, a gate inside a gate, over a vector', 'sq(a, b) = a*a + b\nsig(z) = 1 / (1 + exp(-z))\nboth(z) = sig(z) * sq(z, 2)\nv = [0.5, -1, 2]\nu = both(v)\nw = sig(v * 2 + 1)\nL = sum(u) + sum(w * w)\n'],
	['gate: a parameter read twice, the argument a sum', 'sq(z) = z * z\na = 1.5\nb = -0.25\nf = sq(a + b) + sq(a)\n'],
	['gate of two arguments, a scalar broadcasting', 'lin(x, w) = w * x + 1\nv = [1, 2, 3]\nk = 0.5\nL = sum(lin(v, k) * lin(k, v))\n'],
	['matrices: M @ M, v @ M, transposes, a matrix from rows', 'A = [[1, 2], [3, 4]]\nB = [[0.5, -1], [2, 0.25]]\nv = [1, -2]\nC = A @ B\nD = transpose(C) + A^T\nr = v @ D\nR = [r, v * 2]\nc = v^T\nL = sum(R @ c) + sum(C)\n'],
	['slides notation: w^T x, W^T h + b, (W @ x)^T', 'W = [[0.5, -0.3], [0.8, 0.2]]\nx = [1, 2]\nw = [1.5, -0.7]\nb = [0.1, 0.3]\nh = tanh(W^T x + b)\nq = (W @ x)^T\ny = w^T h + w^T q\nL = y^2\n'],
	['a vector built from scalars and a name', 'a = 2\nb = -1\nv = [a, b * 3, a * b]\nL = ||v||^2\n'],
	['elements picked: q[k], W[i, j], softmax(z)[k]', 'z = [1, 2, 3]\nW = [[1, 2], [3, 4]]\nx = [1, -1]\nh = W @ x\np = softmax(z)\nL = -log(p[2]) + h[1]^2 * W[0, 1] + softmax(z)[0]\n'],
	['fan-out: one value read four times', 'a = 3\nb = a * a\nc = a + b\nL = c * a + b\n'],
	['a value the output never reads, an alias, numbers only', 'x = 2\ny = 3\nunused = x * 10 + y\nalias = y\nk = 2 * 3\ninf = 1 / 0\nL = x * alias * k\n'],
	['broadcasting: a scalar against a vector on every side', 'a = 0.5\nv = [1, -2, 0.25]\nu = a * v + v / a - a\nm = max(0, v) + min(v, a) + max(v, a)\nL = sum(u * m) + mean(v - a)\n'],
	['powers and minus signs', 'x = 1.5\nv = [0.5, 2]\nL = x^0 + x^-1 + x^0.5 + (-x)^2 - x^2 + x**3 + sum(v^-2) - -x\n'],
	['kinks: ties and zeros', 'z = 0\nv = [0, 1, -1]\nL = relu(z) + abs(z) + max(z, z) + min(z, 0) + sum(relu(v)) + sum(abs(v)) + sqrt(1 + z)\n'],
	['non-finite: sqrt of 0, log of 0, a NaN', 'x = 0\ny = sqrt(x)\nl = log(x)\nn = l - l\nL = y + 1\n'],
	['stable forms far out: softplus past 20, log-sigmoid at -800, logits of 700', 'x = 30\nu = -800\nz = [700, -700, 0.5]\nt = [0, 1, 0]\nM = [[700, 1], [2, -3]]\nL = softplus(x) + softplus(-x) + log_sigmoid(u) + log_sigmoid(-u) + cross_entropy(z, t) + logsumexp(M) + sum(log_softmax(z) * t) + mean(M)\n'],
	['a ReLU net as the slides write it, larger', `x = [${Array.from({ length: 6 }, (_, k) => ((k * 37) % 11) / 10 - 0.5).join(', ')}]\nW = [${Array.from({ length: 6 }, (_, i) => `[${Array.from({ length: 5 }, (_, j) => (((i * 5 + j) * 13) % 17) / 20 - 0.4).join(', ')}]`).join(', ')}]\nc = [0.1, -0.2, 0.3, 0, 0.05]\nw = [1, -1, 0.5, 2, -0.3]\nb = 0.2\nt = 1\ny = w^T max(0, W^T x + c) + b\nL = (sigmoid(y) - t)^2\n`],
	['max and min of numbers only, beside a number, of a long argument', 'x = 0.5\nL = max(1, 2) + min(-1, x) + max(x * 2 + 1, 0) + softplus(2) + softplus(x * x) + max(-0.5, min(x, 3))\n'],
	['a one-line program', 'f = 3\n'],
	['an output of numbers only', 'x = 2\nf = 2 * 3\n'],
	['deep nesting', `x = 1.001\nf = ${'('.repeat(300)}x${' * 1.001 + 0.5)'.repeat(300)}\nL = f / 1000\n`],
	['a long row of terms', `x = 0.5\ny = 2\nL = ${Array.from({ length: 600 }, (_, k) => (k % 2 ? 'x*y' : 'x')).join(' + ')}\n`],
	[
		'hostile names and comments',
		'# -*- coding: latin-1 -*-\n# """ not a docstring \\n still a comment # \'\'\' \\\n# a NUL \u0000, a line separator \u2028, a form feed \u000c and \u0085 stay in this comment\n' +
			'lambda = 2\nNone = 3\nprint = 1.5\ntorch = 0.5\nnp = 0.25\nF = 2\njson = 1\nx = 1\ndx = 4\nd_x = 5\n' +
			'h = sigmoid(lambda * x + None)  # """); import os; os.system("echo pwned") #\nnet_h = h * 2\nh_1 = print + torch\n' +
			'L = net_h + h_1 * np + F * json + dx * x + d_x  # a comment with """ and \'\'\'\n'
	]
];

export interface CodeCase {
	readonly label: string;
	readonly program: string;
	/** The golden file's values and gradients, an oracle besides our own trace. */
	readonly golden?: { values: Record<string, unknown>; grads: Record<string, unknown>; tolerance: number };
}

export function codeCases(): CodeCase[] {
	return [
		...EXAMPLES.map((e) => ({ label: `example ${e.id}`, program: e.program })),
		...loadGoldens().map((g) => ({ label: `golden ${g.id}`, program: g.program, golden: g })),
		...functionPrograms().map(([label, program]) => ({ label: `function: ${label}`, program })),
		...EXTRA.map(([label, program]) => ({ label, program }))
	];
}
