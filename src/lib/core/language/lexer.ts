import { grouped } from '../grouped.ts';
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
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff';
const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

export interface LexResult {
	tokens: Token[];
	errors: ProgramError[];
}

export function lex(src: string): LexResult {
	const s = new Scanner(src);
	while (s.i < src.length) s.step();
	s.push('newline', src.length, src.length, '');
	s.push('eof', src.length, src.length, '');
	return { tokens: s.tokens, errors: s.errors };
}

/**
 * The lexer's state and one method per kind of text. The order of the tests in `step` is the
 * language's: `**` before `*`, Σ( as sum before Σ as a Greek name, the program's own characters
 * before the ones pasted from slides, papers and Python.
 */
class Scanner {
	readonly tokens: Token[] = [];
	readonly errors: ProgramError[] = [];
	i = 0;
	line = 1;
	lineStart = 0;
	// Only `[` may span lines (a matrix written one row a line); see `continuesBracket`.
	squareDepth = 0;
	parenDepth = 0;

	constructor(readonly src: string) {}

	/** Reads one token, one mistake or one run of space from `i`. */
	step(): void {
		const src = this.src;
		const c = src[this.i];
		if (isSpace(c)) this.i++;
		else if (c === '#') this.comment();
		else if (c === '\n') this.newline();
		else if (isDigit(c) || (c === '.' && isDigit(src[this.i + 1] ?? ''))) this.number();
		else if (isLetter(c)) this.name();
		else if (c === '*' && src[this.i + 1] === '*') this.pythonPower();
		else if (c === '|') this.bars();
		else if (SINGLE[c]) this.single(SINGLE[c]);
		else if (!this.pasted(c) && !this.foreignName(c)) this.unexpected();
	}

	span(start: number, end: number): Span {
		return { offset: start, length: end - start, line: this.line, col: start - this.lineStart + 1 };
	}
	push(kind: TokenKind, start: number, end: number, text = this.src.slice(start, end)): void {
		this.tokens.push(new Token(kind, text, start, end - start, this.line, start - this.lineStart + 1));
	}
	fail(start: number, end: number, message: string, hint: string, code: ProgramError['code'] = 'syntax'): void {
		if (this.errors.length < MAX_ERRORS)
			this.errors.push({ code, span: this.span(start, end), text: this.src.slice(start, end), message, hint });
	}
	/** The code units from `i` while `ok` holds; returns where the run ends. */
	skip(ok: (code: number) => boolean, from = this.i): number {
		let j = from;
		while (j < this.src.length && ok(this.src.charCodeAt(j))) j++;
		return j;
	}
	nextNonSpace(j: number): string {
		const src = this.src;
		while (j < src.length && (src[j] === ' ' || src[j] === '\t')) j++;
		return src[j] ?? '';
	}
	get last(): Token | undefined {
		return this.tokens[this.tokens.length - 1];
	}

	comment(): void {
		const nl = this.src.indexOf('\n', this.i);
		this.i = nl < 0 ? this.src.length : nl;
	}

	newline(): void {
		if (!(this.squareDepth > 0 && this.parenDepth === 0 && this.continuesBracket(this.i))) this.push('newline', this.i, this.i + 1, '\n');
		this.i++;
		this.line++;
		this.lineStart = this.i;
	}

	/** Inside `[ … ]`, a line break continues the literal when the next line plainly does. */
	continuesBracket(nl: number): boolean {
		const prev = this.last;
		if (prev && (prev.kind === ',' || prev.kind === '[')) return true;
		let j = nl + 1;
		while (j < this.src.length && (this.src[j] === ' ' || this.src[j] === '\t' || this.src[j] === '\r')) j++;
		const c = this.src[j] ?? '';
		return c === '[' || c === ']' || c === '-' || c === '.' || isDigit(c);
	}

	number(): void {
		const src = this.src;
		const start = this.i;
		let i = this.skip(isDigitCode);
		if (src[i] === '.') i = this.skip(isDigitCode, i + 1);
		if ((src[i] === 'e' || src[i] === 'E') && (isDigit(src[i + 1] ?? '') || ((src[i + 1] === '+' || src[i + 1] === '-') && isDigit(src[i + 2] ?? ''))))
			i = this.skip(isDigitCode, i + 2);
		this.i = i;
		const text = src.slice(start, i);
		if (!Number.isFinite(Number(text)))
			this.fail(start, i, `The number ${text.length > 24 ? text.slice(0, 24) + '…' : text} is too large to store.`, 'Numbers must stay below about 1.8e308; use a smaller one.', 'bad-number');
		this.push('number', start, i);
	}

	name(): void {
		const start = this.i;
		const i = (this.i = this.skip(isNameCode));
		// A name is drawn whole in every step, label and formula: 100,000 letters froze the page.
		if (i - start > MAX_NAME_CHARS)
			this.fail(start, i, `This name has ${grouped(i - start)} characters; a name has at most ${grouped(MAX_NAME_CHARS)}.`, 'Use a shorter name.', 'too-large');
		this.push('name', start, i);
	}

	pythonPower(): void {
		this.push('^', this.i, this.i + 2, '**');
		this.i += 2;
	}

	bars(): void {
		const i = this.i;
		if (this.src[i + 1] === '|') {
			this.push('||', i, i + 2);
			this.i += 2;
		} else {
			this.fail(i, i + 1, 'A single | is not an operator.', 'Write the squared norm with two bars on each side: ||v||^2.');
			this.i++;
		}
	}

	single(kind: TokenKind): void {
		if (kind === '[') this.squareDepth++;
		else if (kind === ']') this.squareDepth = Math.max(0, this.squareDepth - 1);
		else if (kind === '(') this.parenDepth++;
		else if (kind === ')') this.parenDepth = Math.max(0, this.parenDepth - 1);
		this.push(kind, this.i, this.i + 1, kind);
		this.i++;
	}

	/** Notation pasted from a slide or a paper (x², Wᵀ, ‖v‖, √x, Σ(…)): its tokens, with a message where the spelling differs. */
	pasted(c: string): boolean {
		const i = this.i;
		if (c === '\u00b2' && !SUPERSCRIPT[this.src[i + 1] ?? '']) {
			// x² is x^2, without a message: it reads the same.
			this.push('^', i, i + 1, '^');
			this.push('number', i, i + 1, '2');
		} else if (c === '\u1d40' || c === '\u22a4') {
			this.push('^', i, i + 1, '^');
			this.push('name', i, i + 1, 'T');
		} else if (c === '\u2016') this.push('||', i, i + 1, '||');
		else if (SUPERSCRIPT[c]) {
			this.superscript();
			return true;
		} else if (c === '\u221a' || c === '\u2211' || (c === '\u03a3' && this.nextNonSpace(i + 1) === '(')) {
			const fn = c === '\u221a' ? 'sqrt' : 'sum';
			this.fail(i, i + 1, `${c} is written ${fn}(…)${fn === 'sqrt' ? ': sqrt(x)' : ': sum(v)'}.`, fn === 'sqrt' ? 'Write sqrt(x) for a square root.' : 'Write sum(v) for the sum of a vector\'s entries.');
			if (this.nextNonSpace(i + 1) === '(') this.push('name', i, i + 1, fn);
		} else return false;
		this.i++;
		return true;
	}

	superscript(): void {
		const src = this.src;
		const start = this.i;
		let k = '';
		while (this.i < src.length && SUPERSCRIPT[src[this.i]]) k += SUPERSCRIPT[src[this.i++]];
		this.fail(start, this.i, `The superscript ${src.slice(start, this.i)} is written ^${k}, as in x^${k}.`, `Write the power with ^ (or **): x^${k}.`);
		this.push('^', start, start, '^');
		const sign = k.match(/^[-+]*/)![0];
		if (sign.includes('-')) this.push('-', start, start, '-');
		if (k.length > sign.length) this.push('number', start, this.i, k.slice(sign.length));
	}

	/** A name spelled another way (ŷ, α, σ(…), W.T, np.exp, x'): one message with the chainstep spelling, and that spelling's tokens. */
	foreignName(c: string): boolean {
		const src = this.src;
		const prev = this.last;
		if (ACCENT[c] && prev?.kind === 'name' && prev.offset + prev.length === this.i) this.combiningAccent();
		else if (c === '.' && isLetter(src[this.i + 1] ?? '') && attributeOf(this.tokens, this.i)) this.i = this.attribute(this.i);
		else if (c === "'" && attributeOf(this.tokens, this.i)) this.prime();
		else if (GREEK[c]) this.greek(c);
		else return this.accented();
		return true;
	}

	/** ŷ typed as y and a combining circumflex: the name yhat. */
	combiningAccent(): void {
		const prev = this.tokens.pop()!;
		const from = this.i + 1;
		const i = (this.i = this.skip(isNameCode, from));
		const word = prev.text + ACCENT[this.src[from - 1]] + this.src.slice(from, i);
		this.fail(prev.offset, i, `${this.src.slice(prev.offset, i)} is written ${word}.`, `Write ${word}: names use the ASCII letters a–z, A–Z, digits and _.`);
		this.tokens.push(new Token('name', word, prev.offset, i - prev.offset, prev.line, prev.col));
	}

	prime(): void {
		const prev = this.last!;
		const i = this.i;
		const what = prev.kind === 'name' ? prev.text : 'a value';
		if (prev.kind === 'name')
			this.fail(i, i + 1, `${what}' is not a name: write ${what}_prime or ${what}2.`, `A prime is not part of a name; for a derivative, chainstep computes it in the steps.`);
		else this.fail(i, i + 1, `A prime ' after a bracket is not an operation: for a transpose write ^T.`, "Remove the ', or write (…)^T for the transpose.");
		this.i++;
	}

	greek(c: string): void {
		const src = this.src;
		const start = this.i;
		let word = '';
		while (this.i < src.length && (GREEK[src[this.i]] || isNameCode(src.charCodeAt(this.i)))) {
			word += GREEK[src[this.i]] ?? src[this.i];
			this.i++;
		}
		const fn = c === '\u03c3' && word === 'sigma' && this.nextNonSpace(this.i) === '(' ? 'sigmoid' : undefined;
		if (fn) this.fail(start, this.i, `σ(…) is written sigmoid(…).`, 'Write sigmoid(x) for the logistic function σ(x).', 'unknown-function');
		else this.fail(start, this.i, `${src.slice(start, this.i)} is written ${word}.`, `Write ${word}: names use the ASCII letters a–z, A–Z, digits and _${c === 'Σ' ? '; for a sum write sum(v)' : ''}.`);
		this.push('name', start, this.i, fn ?? word);
	}

	/** ŷ as one character: the name yhat. */
	accented(): boolean {
		const start = this.i;
		const w = this.codePointWidth();
		const bare = accented(this.src.slice(start, start + w));
		if (!bare) return false;
		const i = (this.i = this.skip(isNameCode, start + w));
		const word = bare + this.src.slice(start + w, i);
		this.fail(start, i, `${this.src.slice(start, i)} is written ${word}.`, `Write ${word}: names use the ASCII letters a–z, A–Z, digits and _.`);
		this.push('name', start, i, word);
		return true;
	}

	/** One code point, so an emoji or other astral character is reported whole. */
	codePointWidth(): number {
		return (this.src.codePointAt(this.i) ?? 0) > 0xffff ? 2 : 1;
	}

	unexpected(): void {
		const w = this.codePointWidth();
		const ch = this.src.slice(this.i, this.i + w);
		this.fail(this.i, this.i + w, `Unexpected character ${JSON.stringify(ch)}.`, hintFor(ch));
		this.i += w;
	}

	/**
	 * `W.T`, `np.dot(a, b)`, `x.sum()`, `a.b` at the dot at `dot`: one message with the chainstep
	 * spelling, and the tokens of that spelling in place of the attribute, so the line still parses.
	 */
	attribute(dot: number): number {
		const src = this.src;
		const segs: string[] = [];
		let j = dot;
		while (src[j] === '.' && isLetter(src[j + 1] ?? '')) {
			const from = ++j;
			j = this.skip(isNameCode, from);
			segs.push(src.slice(from, j));
		}
		const prev = this.last!;
		const last = segs[segs.length - 1];
		const obj = prev.kind === 'name' ? prev.text : prev.kind === ')' ? '(…)' : '[…]';
		if (segs.length === 1 && last === 'T') {
			this.fail(dot, j, `${obj}.T is NumPy's transpose: write ${obj}^T.`, `Write ${obj}^T (or transpose(${obj})).`);
			this.push('^', dot, dot + 1, '^');
			this.push('name', dot + 1, j, 'T');
			return j;
		}
		if (prev.kind === 'name' && MODULES.has(prev.text)) {
			// A library function: np.exp(x) is exp(x).
			this.tokens.pop();
			const known = LIBRARY[last];
			const fn = known ? known.fn : isFunctionName(last) ? last : undefined;
			const write = known ? known.write : fn ? `${fn}(…)` : undefined;
			const text = src.slice(prev.offset, j);
			if (write) this.fail(prev.offset, j, `${text} is Python's; chainstep writes ${write}.`, `Write ${write}, with no ${prev.text}. in front.`, 'unknown-function');
			else this.fail(prev.offset, j, `chainstep has no ${text}.`, 'Functions are called without a library prefix, as in exp(x), dot(a, b), sigmoid(z); see the list of functions.', 'unknown-function');
			// The parser's own unknown-function message lands on the same place and is not repeated.
			this.tokens.push(new Token('name', fn ?? last, prev.offset, j - prev.offset, prev.line, prev.col));
			return j;
		}
		if (isFunctionName(last) && src[j] === '(') {
			// A method call: x.sum() is sum(x). The empty brackets go too, so they raise nothing more.
			const empty = src[j + 1] === ')';
			this.fail(dot, empty ? j + 2 : j, `${obj}.${last}(${empty ? '' : '…'}) is a method call: write ${last}(${obj}${empty ? '' : ', …'}).`, 'chainstep calls functions on their own, with the value as the first argument.');
			return empty ? j + 2 : j;
		}
		this.fail(dot, j, `${obj}.${segs.join('.')}: values have no attributes; a name may be ${obj}_${segs.join('_')}.`, `A name cannot hold a dot: use _ (${obj}_${segs.join('_')}), or a function such as transpose(${obj}) or sum(${obj}).`);
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
