import { describe, expect, it } from 'vitest';
import { literalText, rewriteLeaf, rewriteLeaves } from '../../../src/lib/core/edit/literals';
import { run } from '../../../src/lib/core/program';

function traceOf(src: string) {
	const r = run(src);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
	return r.trace;
}
const nodeOf = (src: string, name: string, elem = 0) => {
	const t = traceOf(src);
	const g = t.graph.groups.find((x) => x.name === name)!;
	return { t, node: g.ids[elem] };
};

describe('rewriting a leaf literal', () => {
	const cases: [string, string, number, number, string][] = [
		['x = -2\nf = x^2\n', 'x', 0, 3, 'x = 3\nf = x^2\n'],
		['x = 2\nf = x^2\n', 'x', 0, -0.5, 'x = -0.5\nf = x^2\n'],
		['x = - 2  # note\nf = x^2\n', 'x', 0, 1.25, 'x = 1.25  # note\nf = x^2\n'],
		['v = [0.2, -0.4]\nf = sum(v)\n', 'v', 1, 7, 'v = [0.2, 7]\nf = sum(v)\n'],
		['W = [[1, 2],\n     [3, -4]]\nf = sum(W @ [1, 1])\n', 'W', 3, 0.1, 'W = [[1, 2],\n     [3, 0.1]]\nf = sum(W @ [1, 1])\n'],
		['a = 1e-3\nf = a*a\n', 'a', 0, 0.0199999, 'a = 0.0199999\nf = a*a\n']
	];
	it.each(cases)('%j: %s[%i] ← %d', (src, name, elem, value, want) => {
		const { t, node } = nodeOf(src, name, elem);
		const out = rewriteLeaf(t, node, value);
		expect(out).toBe(want);
		const again = traceOf(out!);
		expect(again.graph.value[node]).toBeCloseTo(value, 5);
	});

	it('rewrites several literals at once without disturbing offsets', () => {
		const t = traceOf('w = [1, 2, 3]\nb = 10\nf = sum(w) + b\n');
		const [w, b] = t.graph.groups;
		const out = rewriteLeaves(t, new Map([[w.ids[0], -100.5], [w.ids[2], 0.001], [b.ids[0], 2]]));
		expect(out).toBe('w = [-100.5, 2, 0.001]\nb = 2\nf = sum(w) + b\n');
	});

	it('refuses nodes that are not literal leaves', () => {
		const t = traceOf('x = 2\nq = x + 1\nf = q * q\n');
		expect(rewriteLeaf(t, t.graph.groups[1].ids[0], 5)).toBeUndefined();
	});

	it.each([
		[3, '3'],
		[-0.019856816552369736, '-0.019856816552369736'],
		[1.23456789e-7, '1.23456789e-7'],
		[2.5e21, '2.5e21'],
		[-0, '-0']
	])('literalText(%d) = %s (the shortest exact form), and the lexer reads it back', (x, want) => {
		expect(literalText(x)).toBe(want);
		const r = run(`a = ${want}\nf = a*a\n`);
		expect(r.ok).toBe(true);
	});

	it.each([NaN, Infinity, -Infinity])('literalText(%d) is refused, never written as a stand-in', (x) => {
		expect(literalText(x)).toBeUndefined();
	});
});
