/**
 * Wide and long programs for the bench: the shapes whose cost used to grow with the square
 * of their size. Values are deterministic so every run measures the same numbers.
 */

const value = (i: number) => (((i * 37) % 97) / 10 + 0.1).toFixed(2);
const vec = (n: number, shift = 0) => `[${Array.from({ length: n }, (_, i) => value(i + shift)).join(', ')}]`;

export type Shape = 'sum' | 'mean' | 'norm' | 'dot' | 'softmax' | 'chain';

/** One reduction over n elements (softmax: n outputs, each reading all n inputs, so n² edges). */
export function wideProgram(shape: Exclude<Shape, 'chain'>, n: number): string {
	switch (shape) {
		case 'sum':
			return `v = ${vec(n)}\nf = sum(v)\n`;
		case 'mean':
			return `v = ${vec(n)}\nf = mean(v)\n`;
		case 'norm':
			return `v = ${vec(n)}\nf = ||v||^2\n`;
		case 'dot':
			return `a = ${vec(n)}\nb = ${vec(n, 3)}\nf = dot(a, b)\n`;
		case 'softmax':
			return `v = ${vec(n)}\nf = sum(softmax(v))\n`;
	}
}

/** n assignments, each reading the one before: a graph as deep as it is long. */
export function chainProgram(n: number): string {
	const lines = ['x0 = 0.5'];
	for (let i = 1; i < n; i++) lines.push(`x${i} = 0.999 x${i - 1} + 0.001`);
	lines.push(`f = x${n - 1}^2`);
	return lines.join('\n') + '\n';
}
