import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertNever, type Expr } from '../../../src/lib/core/language/ast';
import { parse } from '../../../src/lib/core/language/parser';

/**
 * Parser cases are folders: `input.txt` and the expected tree in `expected.txt`.
 * `UPDATE_SAMPLES=1 npx vitest run parse-samples` rewrites the expectations; review every change.
 */
const DIR = join(import.meta.dirname, '../../samples/parse');

function sexpr(e: Expr): string {
	switch (e.kind) {
		case 'number':
			return e.text;
		case 'name':
			return e.name;
		case 'neg':
			return `(neg ${sexpr(e.arg)})`;
		case 'binary':
			return `(${e.implicit ? 'implicit*' : e.op} ${sexpr(e.left)} ${sexpr(e.right)})`;
		case 'power':
			return `(^ ${sexpr(e.base)} ${e.exponent})`;
		case 'call':
			return `(${e.fn} ${e.args.map(sexpr).join(' ')})`;
		case 'vector':
			return `[${e.items.map(sexpr).join(' ')}]`;
		case 'norm':
			return `(norm2 ${sexpr(e.arg)})`;
		case 'index':
			return `(at ${sexpr(e.arg)} ${e.at.join(' ')})`;
		default:
			return assertNever(e);
	}
}

function render(src: string): string {
	const { program, errors } = parse(src);
	const lines = program.statements.map((s) => `${s.nameSpan.line}:${s.nameSpan.col} ${s.name} = ${sexpr(s.expr)}`);
	for (const e of errors) lines.push(`error ${e.span.line}:${e.span.col} ${e.code}: ${e.message}`);
	return lines.join('\n') + '\n';
}

const cases = readdirSync(DIR).filter((d) => existsSync(join(DIR, d, 'input.txt')));

describe('parser sample folders', () => {
	it('has samples', () => expect(cases.length).toBeGreaterThan(5));
	it.each(cases)('%s', (name) => {
		const input = readFileSync(join(DIR, name, 'input.txt'), 'utf8');
		const got = render(input);
		const file = join(DIR, name, 'expected.txt');
		if (process.env.UPDATE_SAMPLES || !existsSync(file)) writeFileSync(file, got);
		expect(got).toBe(readFileSync(file, 'utf8'));
	});
});
