import { describe, expect, it } from 'vitest';
import { run } from '../../../src/lib/core/program';

/**
 * The editor lists a program's errors, and the CLI prints them, top to bottom: the parser's, the
 * gate rules' and the graph builder's are found in separate passes, so a later line's syntax error
 * is found before an earlier line's unknown name. One error, or errors from one pass, cannot show
 * whether they are sorted; these programs mix the passes out of order.
 */
function places(src: string): string[] {
	const r = run(src);
	if (r.ok) throw new Error('the program should fail');
	return r.errors.map((e) => `${e.span.line}:${e.span.col} ${e.code}`);
}

describe('a program with errors on several lines lists them by position', () => {
	it('an unknown name above a syntax error', () => {
		expect(places('x = 1\nf1 = y + x\ng = x +\nf = x\n')).toEqual(['2:6 unknown-name', '3:7 syntax']);
	});
	it('three passes, bottom to top in the order they are found', () => {
		// line 2: an unknown function (builder); line 3: a shape error (builder); line 4: a stray ';' (lexer)
		expect(places('v = [1, 2]\na = sigmod(v)\nb = v + [1, 2, 3]\nc = 1;\nf = sum(v)\n')).toEqual([
			'2:5 unknown-function',
			'3:5 shape-mismatch',
			'4:6 syntax'
		]);
	});
	it('two errors on one line are in column order', () => {
		// the lexer finds the ';' before the builder finds y
		expect(places('x = 1\nf = y + x; \n')).toEqual(['2:5 unknown-name', '2:10 syntax']);
	});
	it('an error above an unclosed bracket', () => {
		expect(places('x = 1\ng = q * x\nf = x + (x\n')).toEqual(['2:5 unknown-name', '3:9 syntax']);
	});
});
