import { describe, expect, it } from 'vitest';
import { run } from '../../../src/lib/core/program';
import { stepText } from '../../../src/lib/core/trace/tex';
import { EXAMPLES } from '../../../src/lib/examples/examples';
import { mulberry32 } from '../../helpers/random';

/** Whatever the input, `run` returns a result: a trace, or errors that each carry a real position. */
function expectWellBehaved(src: string) {
	const r = run(src);
	if (r.ok) {
		// Typesetting every step must not throw either.
		const t = r.trace;
		for (const s of t.steps.slice(0, 200)) stepText(t, s);
		for (const s of t.groupSteps.slice(0, 50)) stepText(t, s);
		return;
	}
	expect(r.errors.length).toBeGreaterThan(0);
	for (const e of r.errors) {
		expect(e.span.line).toBeGreaterThanOrEqual(1);
		expect(e.span.col).toBeGreaterThanOrEqual(1);
		expect(e.span.offset).toBeLessThanOrEqual(src.length);
		expect(e.message.length).toBeGreaterThan(0);
		expect(e.hint.length).toBeGreaterThan(0);
	}
}

const hostile: [string, string][] = [
	['empty', ''],
	['only spaces', '   \n\t\n'],
	['10,000 nested parentheses', 'x = 1\nf = ' + '('.repeat(10_000) + 'x' + ')'.repeat(10_000) + '\n'],
	['10,000 unclosed parentheses', 'f = ' + '('.repeat(10_000)],
	['10,000 nested brackets', 'f = ' + '['.repeat(10_000) + '1' + ']'.repeat(10_000)],
	['10,000 minus signs', 'x = 1\nf = ' + '-'.repeat(10_000) + 'x\n'],
	['10,000 norms', 'f = ' + '||'.repeat(10_000)],
	['a 1 MB line', 'x = 1\nf = ' + 'x + '.repeat(262_144) + 'x\n'],
	['a 1 MB name', 'x' + 'a'.repeat(1_000_000) + ' = 1\n'],
	['a 1 MB number', 'x = ' + '9'.repeat(1_000_000) + '\n'],
	['1e999', 'x = 1e999\nf = x * 2\n'],
	['unicode', 'x = 1\nf = x × 2 − 1 · x²\n'],
	['emoji and astral characters', 'x😀 = 1\nf = 𝑥 + 1\n'],
	['NUL and control bytes', 'x = 1\u0000\nf = x\u0007\n'],
	['right-to-left override', 'x = 1\nf = \u202ex\n'],
	['a huge matrix product', 'A = [[1, 2], [3, 4]]\nB = A @ A @ A @ A @ A\nf = sum(B)\n'],
	['an HTML payload as a name', '<script>alert(1)</script> = 1\nf = 2\n'],
	['a LaTeX payload in a comment', 'x = 1 # \\def\\a{\\a}\\a\nf = x\n']
];

describe('hostile input never throws, crashes or hangs', () => {
	it.each(hostile)('%s', (_name, src) => expectWellBehaved(src));
});

/** Mutations a student's fingers make: drop, duplicate, swap, insert a random token. */
const PIECES = ['x', 'y', '(', ')', '[', ']', ',', '+', '-', '*', '/', '^', '@', '||', '=', '\n', '2', '0.5', '-1', 'sigmoid(', 'max(', 'sum(', 'W', ' ', '#', '1e3', '.', 'softmax(', 'transpose('];

function mutate(src: string, rand: () => number): string {
	let s = src;
	const edits = 1 + Math.floor(rand() * 4);
	for (let k = 0; k < edits; k++) {
		const i = Math.floor(rand() * (s.length + 1));
		const r = rand();
		if (r < 0.3) s = s.slice(0, i) + s.slice(i + 1);
		else if (r < 0.6) s = s.slice(0, i) + PIECES[Math.floor(rand() * PIECES.length)] + s.slice(i);
		else if (r < 0.8) s = s.slice(0, i) + s.slice(i, i + 3) + s.slice(i);
		else {
			const j = Math.floor(rand() * s.length);
			s = s.slice(0, Math.min(i, j)) + s.slice(Math.max(i, j)) + s.slice(Math.min(i, j), Math.max(i, j));
		}
	}
	return s;
}

function randomProgram(rand: () => number): string {
	const len = Math.floor(rand() * 60);
	let s = '';
	for (let k = 0; k < len; k++) s += rand() < 0.8 ? PIECES[Math.floor(rand() * PIECES.length)] : String.fromCharCode(Math.floor(rand() * 0x3000));
	return s;
}

describe('seeded fuzz', () => {
	it('4,000 mutated example programs', () => {
		const rand = mulberry32(20261126);
		for (let n = 0; n < 4000; n++) {
			const base = EXAMPLES[n % EXAMPLES.length].program;
			expectWellBehaved(mutate(base, rand));
		}
	});
	it('2,000 random token soups and byte strings', () => {
		const rand = mulberry32(7);
		for (let n = 0; n < 2000; n++) expectWellBehaved(randomProgram(rand));
	});
});
