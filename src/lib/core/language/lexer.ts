import type { ProgramError } from './errors.ts';
import { isFunctionName } from './functions.ts';
import type { Span } from './span.ts';
import { ACCENT, GREEK, LIBRARY, MODULES, SUPERSCRIPT } from './spellings.ts';
import { Token, type TokenKind } from './tokens.ts';

/** Past this many errors the rest are noise (a pasted binary file): stop collecting. */
export const MAX_ERRORS = 50;
/** Longest name the language accepts (see the name case in lex). */
export const MAX_NAME_CHARS = 4_000;

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
			// A name is drawn whole in every step, label and formula: 100,000 letters froze the page.
			if (i - start > MAX_NAME_CHARS)
				fail(start, i, `This name has ${(i - start).toLocaleString('en-US')} characters; a name has at most ${MAX_NAME_CHARS.toLocaleString('en-US')}.`, 'Use a shorter name.', 'too-large');
			push('name', start, i);
			continue;
		}
		if (ACCENT[c] && tokens[tokens.length - 1]?.kind === 'name' && tokens[tokens.length - 1].offset + tokens[tokens.length - 1].length === i) {
			// ŷ typed as y + a combining circumflex: the name yhat.
			const prev = tokens.pop()!;
			let word = prev.text + ACCENT[c];
			i++;
			const from = i;
			while (i < src.length && isNameCode(src.charCodeAt(i))) i++;
			word += src.slice(from, i);
			fail(prev.offset, i, `${src.slice(prev.offset, i)} is written ${word}.`, `Write ${word}: names use the ASCII letters a–z, A–Z, digits and _.`);
			tokens.push(new Token('name', word, prev.offset, i - prev.offset, prev.line, prev.col));
			continue;
		}
		if (c === '.' && isLetter(src[i + 1] ?? '') && attributeOf(tokens, i)) {
			i = attribute(i);
			continue;
		}
		if (c === "'" && attributeOf(tokens, i)) {
			const prev = tokens[tokens.length - 1];
			const what = prev.kind === 'name' ? prev.text : 'a value';
			if (prev.kind === 'name')
				fail(i, i + 1, `${what}' is not a name: write ${what}_prime or ${what}2.`, `A prime is not part of a name; for a derivative, chainstep computes it in the steps.`);
			else fail(i, i + 1, `A prime ' after a bracket is not an operation: for a transpose write ^T.`, "Remove the ', or write (…)^T for the transpose.");
			i++;
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
		if (c === '\u00b2' && !SUPERSCRIPT[src[i + 1] ?? '']) {
			// x² pasted from a slide: read it as x^2.
			push('^', i, i + 1, '^');
			push('number', i, i + 1, '2');
			i++;
			continue;
		}
		if (c === '\u1d40' || c === '\u22a4') {
			// Wᵀ and W⊤ pasted from a slide: the transpose W^T.
			push('^', i, i + 1, '^');
			push('name', i, i + 1, 'T');
			i++;
			continue;
		}
		if (c === '\u2016') {
			// ‖v‖ pasted from a slide: the norm bars.
			push('||', i, i + 1, '||');
			i++;
			continue;
		}
		if (SUPERSCRIPT[c]) {
			const start = i;
			let k = '';
			while (i < src.length && SUPERSCRIPT[src[i]]) k += SUPERSCRIPT[src[i++]];
			fail(start, i, `The superscript ${src.slice(start, i)} is written ^${k}, as in x^${k}.`, `Write the power with ^ (or **): x^${k}.`);
			push('^', start, start, '^');
			const sign = k.match(/^[-+]*/)![0];
			if (sign.includes('-')) push('-', start, start, '-');
			if (k.length > sign.length) push('number', start, i, k.slice(sign.length));
			continue;
		}
		if (c === '*' && src[i + 1] === '*') {
			// Python's power: the same as ^.
			push('^', i, i + 2, '**');
			i += 2;
			continue;
		}
		if (c === '\u221a' || c === '\u2211' || (c === '\u03a3' && nextNonSpace(i + 1) === '(')) {
			// √x and Σ(…): the functions sqrt and sum.
			const fn = c === '\u221a' ? 'sqrt' : 'sum';
			fail(i, i + 1, `${c} is written ${fn}(…)${fn === 'sqrt' ? ': sqrt(x)' : ': sum(v)'}.`, fn === 'sqrt' ? 'Write sqrt(x) for a square root.' : 'Write sum(v) for the sum of a vector\'s entries.');
			if (nextNonSpace(i + 1) === '(') push('name', i, i + 1, fn);
			i++;
			continue;
		}
		if (GREEK[c]) {
			const start = i;
			let word = '';
			while (i < src.length && (GREEK[src[i]] || isNameCode(src.charCodeAt(i)))) {
				word += GREEK[src[i]] ?? src[i];
				i++;
			}
			const fn = c === '\u03c3' && word === 'sigma' && nextNonSpace(i) === '(' ? 'sigmoid' : undefined;
			if (fn) fail(start, i, `σ(…) is written sigmoid(…).`, 'Write sigmoid(x) for the logistic function σ(x).', 'unknown-function');
			else fail(start, i, `${src.slice(start, i)} is written ${word}.`, `Write ${word}: names use the ASCII letters a–z, A–Z, digits and _${c === 'Σ' ? '; for a sum write sum(v)' : ''}.`);
			push('name', start, i, fn ?? word);
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
		const bare = accented(ch);
		if (bare) {
			// ŷ as one character: the name yhat.
			const start = i;
			i += w;
			while (i < src.length && isNameCode(src.charCodeAt(i))) i++;
			const word = bare + src.slice(start + w, i);
			fail(start, i, `${src.slice(start, i)} is written ${word}.`, `Write ${word}: names use the ASCII letters a–z, A–Z, digits and _.`);
			push('name', start, i, word);
			continue;
		}
		fail(i, i + w, `Unexpected character ${JSON.stringify(ch)}.`, hintFor(ch));
		i += w;
	}
	push('newline', src.length, src.length, '');
	push('eof', src.length, src.length, '');
	return { tokens, errors };

	function nextNonSpace(j: number): string {
		while (j < src.length && (src[j] === ' ' || src[j] === '\t')) j++;
		return src[j] ?? '';
	}

	/**
	 * `W.T`, `np.dot(a, b)`, `x.sum()`, `a.b` at the dot at `i`: one message with the chainstep
	 * spelling, and the tokens of that spelling in place of the attribute, so the line still parses.
	 */
	function attribute(dot: number): number {
		const segs: string[] = [];
		let j = dot;
		while (src[j] === '.' && isLetter(src[j + 1] ?? '')) {
			const from = ++j;
			while (j < src.length && isNameCode(src.charCodeAt(j))) j++;
			segs.push(src.slice(from, j));
		}
		const prev = tokens[tokens.length - 1];
		const last = segs[segs.length - 1];
		const obj = prev.kind === 'name' ? prev.text : prev.kind === ')' ? '(…)' : '[…]';
		if (segs.length === 1 && last === 'T') {
			fail(dot, j, `${obj}.T is NumPy's transpose: write ${obj}^T.`, `Write ${obj}^T (or transpose(${obj})).`);
			push('^', dot, dot + 1, '^');
			push('name', dot + 1, j, 'T');
			return j;
		}
		if (prev.kind === 'name' && MODULES.has(prev.text)) {
			// A library function: np.exp(x) is exp(x).
			tokens.pop();
			const known = LIBRARY[last];
			const fn = known ? known.fn : isFunctionName(last) ? last : undefined;
			const write = known ? known.write : fn ? `${fn}(…)` : undefined;
			const text = src.slice(prev.offset, j);
			if (write) fail(prev.offset, j, `${text} is Python's; chainstep writes ${write}.`, `Write ${write}, with no ${prev.text}. in front.`, 'unknown-function');
			else fail(prev.offset, j, `chainstep has no ${text}.`, 'Functions are called without a library prefix, as in exp(x), dot(a, b), sigmoid(z); see the list of functions.', 'unknown-function');
			// The parser's own unknown-function message lands on the same place and is not repeated.
			tokens.push(new Token('name', fn ?? last, prev.offset, j - prev.offset, prev.line, prev.col));
			return j;
		}
		if (isFunctionName(last) && src[j] === '(') {
			// A method call: x.sum() is sum(x). The empty brackets go too, so they raise nothing more.
			const empty = src[j + 1] === ')';
			fail(dot, empty ? j + 2 : j, `${obj}.${last}(${empty ? '' : '…'}) is a method call: write ${last}(${obj}${empty ? '' : ', …'}).`, 'chainstep calls functions on their own, with the value as the first argument.');
			return empty ? j + 2 : j;
		}
		fail(dot, j, `${obj}.${segs.join('.')}: values have no attributes; a name may be ${obj}_${segs.join('_')}.`, `A name cannot hold a dot: use _ (${obj}_${segs.join('_')}), or a function such as transpose(${obj}) or sum(${obj}).`);
		return j;
	}
}

/** Whether the character at `i` touches the token before it (`W.T`, `x'`), which makes it an attribute of that token. */
function attributeOf(tokens: readonly Token[], i: number): boolean {
	const prev = tokens[tokens.length - 1];
	return !!prev && prev.offset + prev.length === i && (prev.kind === 'name' || prev.kind === ')' || prev.kind === ']');
}

/** A Latin letter with accents on it (ŷ, x̄ as one character) spelled as a name: yhat, xbar. */
function accented(ch: string): string | undefined {
	const parts = ch.normalize('NFD');
	if (parts.length < 2 || !isLetter(parts[0])) return undefined;
	let word = parts[0];
	for (const m of parts.slice(1)) {
		const w = ACCENT[m];
		if (!w) return undefined;
		word += w;
	}
	return word;
}

function hintFor(ch: string): string {
	if (ch === ';') return 'Put each assignment on its own line instead of separating them with ;.';
	if (ch === '{' || ch === '}') return 'Group with ( ) and build vectors with [ ].';
	if (ch === '"' || ch === "'") return 'Programs hold numbers and names only, no strings.';
	if (/\p{L}/u.test(ch)) return 'Names use the ASCII letters a–z, A–Z, digits and _ (write alpha, not α).';
	return 'Remove it; operators are + - * / ^ @ and ||v||^2.';
}
