import { describe, expect, it } from 'vitest';
import type { ProgramError } from '../../../src/lib/core/language/errors';
import { highlight } from '../../../src/lib/core/view/highlight';
import { commonRuns, editorLines, HIGHLIGHT_CHARS, WIDE_COLUMNS } from '../../../src/lib/core/view/lines';
import { EXAMPLES } from '../../../src/lib/examples/examples';

// Issue 16, item 4: the editor's overlay redraws only the lines that changed.

const err = (line: number, col: number, length: number, message = 'bad'): ProgramError =>
	({ code: 'syntax', span: { offset: 0, length, line, col }, text: '', message, hint: '' }) as ProgramError;

describe('commonRuns', () => {
	const cases: [string, string[], string[], number, number][] = [
		['nothing before', [], ['a', 'b'], 0, 0],
		['nothing after', ['a', 'b'], [], 0, 0],
		['the same', ['a', 'b', 'c'], ['a', 'b', 'c'], 3, 0],
		['a line edited in the middle', ['a', 'b', 'c'], ['a', 'B', 'c'], 1, 1],
		['the first line edited', ['a', 'b', 'c'], ['A', 'b', 'c'], 0, 2],
		['the last line edited', ['a', 'b', 'c'], ['a', 'b', 'C'], 2, 0],
		['a line added in the middle', ['a', 'b', 'c'], ['a', 'b', 'x', 'c'], 2, 1],
		['a line removed', ['a', 'b', 'c'], ['a', 'c'], 1, 1],
		['a line split in two', ['a', 'bc', 'd'], ['a', 'b', 'c', 'd'], 1, 1],
		['two lines joined', ['a', 'b', 'c', 'd'], ['a', 'bc', 'd'], 1, 1],
		// Head and tail never overlap, however many lines repeat.
		['repeated lines, one added', ['x', 'x'], ['x', 'x', 'x'], 2, 0],
		['repeated lines, one removed', ['x', 'x', 'x'], ['x', 'x'], 2, 0],
		['everything new', ['a', 'b'], ['c', 'd'], 0, 0]
	];
	it.each(cases)('%s', (_, prev, next, head, tail) => {
		const r = commonRuns(prev, next);
		expect(r).toEqual({ head, tail });
		expect(r.head + r.tail).toBeLessThanOrEqual(Math.min(prev.length, next.length));
	});
});

describe('editorLines with the lines drawn before', () => {
	// prev text, next text, errors after, which next lines are the same objects as before (by the index they had).
	const cases: [string, string, string, ProgramError[], (number | undefined)[]][] = [
		['a key on one line', 'x = 2\ny = 3\nf = x', 'x = 2\ny = 31\nf = x', [], [0, undefined, 2]],
		['a new line typed', 'x = 2\nf = x', 'x = 2\n\nf = x', [], [0, undefined, 1]],
		['a line deleted', 'x = 2\ny = 3\nf = x', 'x = 2\nf = x', [], [0, 2]],
		['nothing changed', 'x = 2\nf = x', 'x = 2\nf = x', [], [0, 1]],
		['an error appears on an unchanged line', 'x = 2\nf = x', 'x = 2\nf = x', [err(2, 5, 1)], [0, undefined]]
	];
	it.each(cases)('%s', (_, before, after, errors, kept) => {
		const prev = editorLines(before, []);
		const next = editorLines(after, errors, prev);
		expect(next.map((l) => (prev.includes(l) ? prev.indexOf(l) : undefined))).toEqual(kept);
		// Whatever was kept, the answer is the one made afresh.
		expect(next).toEqual(editorLines(after, errors));
	});

	it('a changed mark keeps the colours but is a new line', () => {
		const prev = editorLines('x = 2\nf = x +', [err(2, 7, 1, 'one')]);
		const next = editorLines('x = 2\nf = x +', [err(2, 7, 1, 'two')], prev);
		expect(next[0]).toBe(prev[0]);
		expect(next[1]).not.toBe(prev[1]);
		expect(next[1].pieces).toBe(prev[1].pieces);
		expect(next[1].marks).toEqual([{ col: 6, width: 1, message: 'two' }]);
	});

	it('crossing HIGHLIGHT_CHARS keeps no line: every line is coloured or plain afresh', () => {
		const small = `x = 2\nf = x${' + x'.repeat(10)}`;
		const big = `${small}${' + x'.repeat(HIGHLIGHT_CHARS / 4)}`;
		const a = editorLines(small, []);
		const b = editorLines(big, [], a);
		expect(b[0]).not.toBe(a[0]);
		expect(b.map((l) => l.pieces.length)).toEqual([0, 0]);
		const c = editorLines(small, [], b);
		expect(c).toEqual(a);
	});

	it('one line longer than WIDE_COLUMNS makes the whole text plain; a line of exactly that many is coloured', () => {
		const line = (n: number) => `v = [${'1, '.repeat(n)}`.slice(0, n);
		const at = editorLines(`x = 2\n${line(WIDE_COLUMNS)}`, []);
		expect(at.every((l) => !l.plain && l.pieces.length > 0)).toBe(true);
		const over = editorLines(`x = 2\n${line(WIDE_COLUMNS + 1)}\nf = x`, []);
		expect(over.map((l) => [l.plain, l.pieces.length])).toEqual([
			[true, 0],
			[true, 0],
			[true, 0]
		]);
	});

	it('colouring line by line gives the pieces colouring the whole program gives', () => {
		for (const ex of EXAMPLES) {
			const src = ex.program;
			const whole = highlight(src)
				.flatMap((p) => p.text.split('\n').map((text, i) => ({ text, cls: p.cls, nl: i > 0 })))
				.reduce<{ text: string; cls: string }[][]>(
					(lines, p) => {
						if (p.nl) lines.push([]);
						if (p.text) lines[lines.length - 1].push({ text: p.text, cls: p.cls });
						return lines;
					},
					[[]]
				);
			expect(editorLines(src, []).map((l) => l.pieces), ex.id).toEqual(whole);
		}
	});
});
