import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { lex, MAX_NAME_CHARS } from '../../../src/lib/core/language/lexer';
import { chunkLongRuns, MAX_RUN } from '../../../src/lib/core/tex/katex-runs';
import { highlight } from '../../../src/lib/core/view/highlight';
import { editorLines, HIGHLIGHT_CHARS } from '../../../src/lib/core/view/lines';

// Issue 11, "Freezes": the work behind a key or a link is linear, or bounded by a stated limit.

/** Visible characters of KaTeX's HTML, MathML annotation left out. */
const visible = (html: string) =>
	html
		.replace(/<span class="katex-mathml">.*?<\/math><\/span>/s, '')
		.replace(/<[^>]*>/g, '')
		.replace(/&[a-z]+;|&#\d+;/g, '');

describe('long runs of letters reach KaTeX in groups', () => {
	const b300 = 'b'.repeat(300);
	it.each([
		['short formulas are untouched', 'x_{1} + \\mathrm{net}', 'x_{1} + \\mathrm{net}'],
		// 600 letters = 256 + 256 + 88.
		['a 600-letter name', `\\mathrm{${'a'.repeat(600)}}`, `\\mathrm{{${'a'.repeat(256)}}{${'a'.repeat(256)}}{${'a'.repeat(88)}}}`],
		// After `_` the first letter alone is the script: 299 = 256 + 43 follow it in groups.
		['a run after _', `x_${b300}`, `x_b{${'b'.repeat(256)}}{${'b'.repeat(43)}}`],
		['a run after ^', `x^${b300}`, `x^b{${'b'.repeat(256)}}{${'b'.repeat(43)}}`],
		['a command name is left alone', `\\${b300}`, `\\${b300}`]
	])('%s', (_what, tex, want) => expect(chunkLongRuns(tex)).toBe(want));

	it('draws the same letters as the ungrouped formula', () => {
		const tex = `\\mathrm{${'ab'.repeat(400)}} = x_{1} \\cdot ${'y'.repeat(300)}`;
		const opts = { throwOnError: false, output: 'html' } as const;
		expect(visible(katex.renderToString(chunkLongRuns(tex), opts))).toBe(visible(katex.renderToString(tex, opts)));
	});

	it('typesets a 100,000-letter name in linear time (KaTeX alone took 11 s)', () => {
		const started = performance.now();
		const html = katex.renderToString(chunkLongRuns(`\\mathrm{${'a'.repeat(100_000)}} = 3x`), { throwOnError: false, output: 'html' });
		expect(performance.now() - started).toBeLessThan(3000);
		expect(visible(html).split('a').length - 1).toBe(100_000);
		expect(MAX_RUN).toBe(256);
	});
});

describe('names are bounded', () => {
	it('a name of MAX_NAME_CHARS letters is a name', () => {
		expect(lex(`${'a'.repeat(MAX_NAME_CHARS)} = 2`).errors).toEqual([]);
	});
	it('one letter more is refused with its length and the limit', () => {
		const { errors } = lex(`x = 2\n${'a'.repeat(100_000)} = x`);
		expect(errors).toHaveLength(1);
		expect(errors[0].code).toBe('too-large');
		expect(errors[0].span).toMatchObject({ line: 2, col: 1, length: 100_000 });
		expect(errors[0].message).toBe('This name has 100,000 characters; a name has at most 4,000.');
	});
});

describe('the editor overlay', () => {
	it('colours a program with comments as before', () => {
		const src = 'x = 1 # one\n# two\nf = x + 2';
		const pieces = highlight(src);
		expect(pieces.map((p) => p.text).join('')).toBe(src);
		expect(pieces.filter((p) => p.cls === 'comment').map((p) => p.text)).toEqual(['# one', '# two']);
		expect(pieces.filter((p) => p.cls === 'name').map((p) => p.text)).toEqual(['x', 'f', 'x']);
	});

	it('colours a 400 KB comment-free line in linear time (each gap once searched the rest of the text for #)', () => {
		const src = `f = x${' + x'.repeat(100_000)}`;
		const started = performance.now();
		const pieces = highlight(src);
		expect(performance.now() - started).toBeLessThan(3000);
		// f, =, x, then 100,000 × (+, x), with a blank piece between every two tokens: 2 × (3 + 200,000) − 1.
		expect(pieces.length).toBe(2 * (3 + 200_000) - 1);
	});

	it('past HIGHLIGHT_CHARS draws no colours, only line lengths and error marks', () => {
		const long = `x = 2\nf = x${' + x'.repeat(HIGHLIGHT_CHARS / 4)} $`;
		const err = { code: 'syntax' as const, span: { offset: long.length - 1, length: 1, line: 2, col: long.length - 6 }, text: '$', message: 'bad', hint: '' };
		const lines = editorLines(long, [err]);
		expect(lines.map((l) => l.pieces.length)).toEqual([0, 0]);
		// Line 2 is everything after "x = 2\n" (6 characters).
		expect(lines.map((l) => l.length)).toEqual([5, long.length - 6]);
		expect(lines[1].marks).toEqual([{ col: long.length - 7, width: 1, message: 'bad' }]);
		// Below the limit: x, blank, =, blank, 2 on each line.
		expect(editorLines('x = 2\nf = x', []).map((l) => l.pieces.length)).toEqual([5, 5]);
	});
});
