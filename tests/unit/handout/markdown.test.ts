import { describe, expect, it } from 'vitest';
import { handoutMarkdown } from '../../../src/lib/core/handout/markdown';
import { buildHandout } from '../../../src/lib/core/handout/model';
import { HOSTILE, katexParses, markdownMath, rows, traceOf } from './fixtures';

/** Cells of a Markdown table row: split at bars that no backslash escapes. */
const cells = (line: string) => line.slice(1, -1).split(/(?<!\\)\|/);

describe('Markdown handout', () => {
	it.each(rows())('%s: every formula parses in KaTeX, in the handout and its worksheet', (_id, c) => {
		for (const blanks of ['none', 'all-gradients'] as const) {
			const md = handoutMarkdown(buildHandout(c.trace, { blanks }), { graphSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>' });
			const math = markdownMath(md);
			expect(math.length).toBeGreaterThan(c.trace.steps.length / 4);
			for (const m of math) expect(() => katexParses(m.tex, m.display), m.tex).not.toThrow();
			expect(md).toContain('## Forward pass');
			expect(md).toContain('## Backward pass');
			expect(md).toContain('![Computation graph');
			expect(md.includes('## Answer key')).toBe(blanks !== 'none');
			// No HTML: an angle bracket may only open the graph link's destination.
			expect(md).not.toMatch(/<\/?[a-z][a-z0-9]*[\s>/]/i);
		}
	});

	it.each(rows())('%s: table rows keep their columns (no bare bar inside a cell)', (_id, c) => {
		const md = handoutMarkdown(buildHandout(c.trace, { blanks: 'all-gradients' }));
		const tables = md.split('\n\n').filter((b) => b.startsWith('| '));
		for (const t of tables) {
			const lines = t.split('\n').filter((l) => l !== '');
			const n = cells(lines[0]).length;
			for (const l of lines) expect(cells(l).length, l).toBe(n);
		}
		for (const m of markdownMath(md)) expect(m.tex).not.toContain('|');
	});

	it('fences the program so nothing in it is read as Markdown, and escapes the title', () => {
		const md = handoutMarkdown(buildHandout(traceOf(HOSTILE), { title: '*bold* [x](y) <b> # $1 | _' }));
		expect(md).toContain('# \\*bold\\* \\[x\\](y) \\<b\\> \\# \\$1 \\| \\_');
		const fence = /^(`{3,})text$/m.exec(md)![1];
		expect(fence.length).toBeGreaterThan(4);
		const body = md.slice(md.indexOf(`${fence}text\n`) + fence.length + 5, md.indexOf(`\n${fence}\n`));
		expect(body).toBe(HOSTILE.replace(/\n$/, ''));
	});

	it('refers to a graph file when one is given', () => {
		const md = handoutMarkdown(buildHandout(traceOf('x = 1\nf = x * 2\n')), { graphSvg: '<svg/>', graphHref: 'my graph.svg' });
		expect(md).toContain('](<my%20graph.svg>)');
		expect(md).not.toContain('data:image');
	});
});
