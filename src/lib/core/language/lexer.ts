import type { ProgramError } from './errors.ts';
import type { Span } from './span.ts';
import { Token, type TokenKind } from './tokens.ts';

/** Past this many errors the rest are noise (a pasted binary file): stop collecting. */
export const MAX_ERRORS = 50;

const SINGLE: Record<string, TokenKind> = {
	'+': '+',
	'-': '-',
	'*': '*',
	'/': '/',
	'^': '^',
	'@': '@',
	'(': '(',
	')': ')',
	'[': '[',
	']': ']',
	',': ',',
	'=': '=',
	// Characters that arrive when a formula is pasted from a slide or a word processor.
	'\u2212': '-',
	'\u00d7': '*',
	'\u00b7': '*',
	'\u22c5': '*'
};

const isDigit = (c: string) => c >= '0' && c <= '9';
const isDigitCode = (c: number) => c >= 48 && c <= 57;
const isNameCode = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

export interface LexResult {
	tokens: Token[];
	errors: ProgramError[];
}

export function lex(src: string): LexResult {
	const tokens: Token[] = [];
	const errors: ProgramError[] = [];
	let i = 0;
	let line = 1;
	let lineStart = 0;
	// Only `[` may span lines (a matrix written one row a line); see `continuesBracket`.
	let squareDepth = 0;
	let parenDepth = 0;

	const span = (start: number, end: number): Span => ({
		offset: start,
		length: end - start,
		line,
		col: start - lineStart + 1
	});
	const push = (kind: TokenKind, start: number, end: number, text = src.slice(start, end)) =>
		tokens.push(new Token(kind, text, start, end - start, line, start - lineStart + 1));
	const fail = (start: number, end: number, message: string, hint: string, code: ProgramError['code'] = 'syntax') => {
		if (errors.length < MAX_ERRORS)
			errors.push({ code, span: span(start, end), text: src.slice(start, end), message, hint });
	};

	/** Inside `[ … ]`, a line break continues the literal when the next line plainly does. */
	const continuesBracket = (nl: number): boolean => {
		const prev = tokens[tokens.length - 1];
		if (prev && (prev.kind === ',' || prev.kind === '[')) return true;
		let j = nl + 1;
		while (j < src.length && (src[j] === ' ' || src[j] === '\t' || src[j] === '\r')) j++;
		const c = src[j] ?? '';
		return c === '[' || c === ']' || c === '-' || c === '.' || isDigit(c);
	};

	while (i < src.length) {
		const c = src[i];
		if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
			i++;
			continue;
		}
		if (c === '#') {
			while (i < src.length && src[i] !== '\n') i++;
			continue;
		}
		if (c === '\n') {
			if (!(squareDepth > 0 && parenDepth === 0 && continuesBracket(i))) push('newline', i, i + 1, '\n');
			i++;
			line++;
			lineStart = i;
			continue;
		}
		if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
			const start = i;
			while (i < src.length && isDigitCode(src.charCodeAt(i))) i++;
			if (src[i] === '.') {
				i++;
				while (i < src.length && isDigitCode(src.charCodeAt(i))) i++;
			}
			if ((src[i] === 'e' || src[i] === 'E') && (isDigit(src[i + 1] ?? '') || ((src[i + 1] === '+' || src[i + 1] === '-') && isDigit(src[i + 2] ?? '')))) {
				i += 2;
				while (i < src.length && isDigit(src[i])) i++;
			}
			const text = src.slice(start, i);
			if (!Number.isFinite(Number(text)))
				fail(start, i, `The number ${text.length > 24 ? text.slice(0, 24) + '…' : text} is too large to store.`, 'Numbers must stay below about 1.8e308; use a smaller one.', 'bad-number');
			push('number', start, i);
			continue;
		}
		if (isLetter(c)) {
			const start = i;
			while (i < src.length && isNameCode(src.charCodeAt(i))) i++;
			push('name', start, i);
			continue;
		}
		if (c === '|') {
			if (src[i + 1] === '|') {
				push('||', i, i + 2);
				i += 2;
			} else {
				fail(i, i + 1, 'A single | is not an operator.', 'Write the squared norm with two bars on each side: ||v||^2.');
				i++;
			}
			continue;
		}
		if (c === '\u00b2') {
			// x² pasted from a slide: read it as x^2.
			push('^', i, i + 1, '^');
			push('number', i, i + 1, '2');
			i++;
			continue;
		}
		const kind = SINGLE[c];
		if (kind) {
			if (kind === '[') squareDepth++;
			else if (kind === ']') squareDepth = Math.max(0, squareDepth - 1);
			else if (kind === '(') parenDepth++;
			else if (kind === ')') parenDepth = Math.max(0, parenDepth - 1);
			push(kind, i, i + 1, kind);
			i++;
			continue;
		}
		// One code point, so an emoji or other astral character is reported whole.
		const cp = src.codePointAt(i) ?? 0;
		const w = cp > 0xffff ? 2 : 1;
		const ch = src.slice(i, i + w);
		fail(i, i + w, `Unexpected character ${JSON.stringify(ch)}.`, hintFor(ch));
		i += w;
	}
	push('newline', src.length, src.length, '');
	push('eof', src.length, src.length, '');
	return { tokens, errors };
}

function hintFor(ch: string): string {
	if (ch === ';') return 'Put each assignment on its own line instead of separating them with ;.';
	if (ch === '{' || ch === '}') return 'Group with ( ) and build vectors with [ ].';
	if (ch === '"' || ch === "'") return 'Programs hold numbers and names only, no strings.';
	if (/\p{L}/u.test(ch)) return 'Names use the ASCII letters a–z, A–Z, digits and _ (write alpha, not α).';
	return 'Remove it; operators are + - * / ^ @ and ||v||^2.';
}
