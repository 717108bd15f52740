import type { Assignment, BinaryOp, Expr, Program } from './ast.ts';
import { closest, type ProgramError } from './errors.ts';
import { FUNCTIONS, isFunctionName } from './functions.ts';
import { lex, MAX_ERRORS } from './lexer.ts';
import { spanBetween, type Span } from './span.ts';
import type { Token, TokenKind } from './tokens.ts';

/** Deeper nesting than this is never a real program, and recursion must stay far from the stack limit. */
export const MAX_DEPTH = 200;

/**
 * The tallest expression tree accepted. Later phases walk trees recursively, so a
 * 100,000-term line must be refused here with a message rather than overflow the stack there.
 */
export const MAX_TREE_DEPTH = 1000;

/** Thrown inside the parser to abandon one line after its error is recorded. */
class LineBail {}

export interface ParseResult {
	program: Program;
	errors: ProgramError[];
	/** Every name at the start of an assignment, including lines that failed to parse. */
	assigned: ReadonlySet<string>;
}

export function parse(src: string): ParseResult {
	const { tokens, errors } = lex(src);
	const p = new Parser(src, tokens, errors);
	const program = p.program();
	return { program, errors: p.errors, assigned: p.assigned };
}

class Parser {
	private pos = 0;
	private depth = 0;
	private normDepth = 0;
	/** Every name assigned anywhere, so `sigmod(x)` can be told apart from `q(x + y)`. */
	readonly assigned = new Set<string>();

	constructor(
		private readonly src: string,
		private readonly tokens: Token[],
		readonly errors: ProgramError[]
	) {
		let lineStart = true;
		for (let i = 0; i < tokens.length; i++) {
			const t = tokens[i];
			if (lineStart && t.kind === 'name' && tokens[i + 1]?.kind === '=') this.assigned.add(t.text);
			lineStart = t.kind === 'newline';
		}
	}

	private get tok(): Token {
		return this.tokens[this.pos];
	}
	private peek(k = 1): Token {
		return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
	}
	private next(): Token {
		const t = this.tokens[this.pos];
		if (t.kind !== 'eof') this.pos++;
		return t;
	}
	private at(kind: TokenKind): boolean {
		return this.tok.kind === kind;
	}

	private error(span: Span, message: string, hint: string, code: ProgramError['code'] = 'syntax'): void {
		if (this.errors.length >= MAX_ERRORS) return;
		// One message per place: a later phase may hit the same spot again.
		if (this.errors.some((e) => e.span.offset === span.offset && e.code === code)) return;
		this.errors.push({ code, span, text: this.src.slice(span.offset, span.offset + span.length), message, hint });
	}
	private bail(span: Span, message: string, hint: string, code: ProgramError['code'] = 'syntax'): never {
		this.error(span, message, hint, code);
		throw new LineBail();
	}

	program(): Program {
		const statements: Assignment[] = [];
		while (!this.at('eof')) {
			if (this.at('newline')) {
				this.next();
				continue;
			}
			if (this.errors.length >= MAX_ERRORS) break;
			try {
				statements.push(this.statement());
			} catch (e) {
				if (!(e instanceof LineBail)) throw e;
				while (!this.at('newline') && !this.at('eof')) this.next();
			}
		}
		return { statements };
	}

	private statement(): Assignment {
		const first = this.tok;
		if (first.kind !== 'name' || this.peek().kind !== '=') {
			if (first.kind === 'name' && this.peek().kind !== '=')
				this.bail(this.peek().span, `Expected = after ${first.text}.`, `Each line is an assignment: ${first.text} = expression.`);
			this.bail(first.span, `A line must start with a name, not ${describe(first)}.`, 'Each line is an assignment such as q = x + y.');
		}
		this.next();
		this.next();
		if (isFunctionName(first.text))
			this.error(first.span, `${first.text} is the name of a function.`, `Pick another name, such as ${first.text}_1 or my_${first.text}.`, 'reserved-name');
		if (this.at('newline') || this.at('eof'))
			this.bail(this.tok.span.length ? this.tok.span : first.span, `Nothing after ${first.text} =.`, `Give ${first.text} a value, such as ${first.text} = 1, or an expression.`);
		const expr = this.expr();
		if (!this.at('newline') && !this.at('eof')) {
			const t = this.tok;
			const hint =
				t.kind === ')'
					? 'This ) has no matching (; remove it or add a ( before it.'
					: t.kind === ']'
						? 'This ] has no matching [; remove it or add a [ before it.'
						: t.kind === '='
							? 'Only one = per line; put the next assignment on a new line.'
							: 'An operator may be missing before it, or the line should end here.';
			this.bail(t.span, `Unexpected ${describe(t)} after the expression.`, hint);
		}
		return { name: first.text, nameSpan: first.span, expr, span: spanBetween(first.span, expr.span) };
	}

	// A Map, not a WeakMap: it dies with the parser, and ephemeron tables are costly for the GC.
	private readonly heights = new Map<Expr, number>();
	/** Record a new node's height; refuse trees taller than MAX_TREE_DEPTH. */
	private made<E extends Expr>(e: E, children: readonly Expr[]): E {
		let h = 0;
		for (let i = 0; i < children.length; i++) {
			const ch = this.heights.get(children[i]);
			if (ch !== undefined && ch > h) h = ch;
		}
		if (h + 1 > MAX_TREE_DEPTH)
			this.bail(e.span, `The expression is too long (more than ${MAX_TREE_DEPTH} operations in a row).`, 'Split it into several named lines, e.g. s1 = …, s2 = s1 + ….', 'too-large');
		this.heights.set(e, h + 1);
		return e;
	}

	private enter(t: Token): void {
		if (++this.depth > MAX_DEPTH)
			this.bail(t.span, `The expression is nested more than ${MAX_DEPTH} levels deep.`, 'Split it into named steps on separate lines.', 'too-large');
	}

	private expr(): Expr {
		this.enter(this.tok);
		try {
			let left = this.term();
			while (this.at('+') || this.at('-')) {
				const op = this.next().kind as BinaryOp;
				const right = this.term();
				left = this.made({ kind: 'binary', op, left, right, implicit: false, span: spanBetween(left.span, right.span) }, [left, right]);
			}
			return left;
		} finally {
			this.depth--;
		}
	}

	private term(): Expr {
		let left = this.unary();
		for (;;) {
			if (this.at('*') || this.at('/') || this.at('@')) {
				const op = this.next().kind as BinaryOp;
				const right = this.unary();
				left = this.made({ kind: 'binary', op, left, right, implicit: false, span: spanBetween(left.span, right.span) }, [left, right]);
			} else if (this.startsImplicitFactor()) {
				if (this.at('number'))
					this.bail(this.tok.span, `Missing operator before ${this.tok.text}.`, `Write * between the two values, e.g. x * ${this.tok.text}.`);
				const right = this.power();
				left = this.made({ kind: 'binary', op: '*', left, right, implicit: true, span: spanBetween(left.span, right.span) }, [left, right]);
			} else return left;
		}
	}

	private startsImplicitFactor(): boolean {
		switch (this.tok.kind) {
			case 'name':
			case '(':
			case '[':
			case 'number':
				return true;
			case '||':
				// Inside a norm, || closes it; outside, it opens a juxtaposed norm as in 2||v||^2.
				return this.normDepth === 0;
			default:
				return false;
		}
	}

	private unary(): Expr {
		// -2 is one number (a leaf's usual value), unless a power follows: -2^2 is -(2^2).
		if (this.at('-') && this.peek().kind === 'number' && this.peek(2).kind !== '^' && this.peek().offset === this.tok.offset + 1) {
			const minus = this.next();
			const num = this.next();
			return { kind: 'number', value: -Number(num.text), text: `-${num.text}`, span: spanBetween(minus.span, num.span) };
		}
		if (this.at('-')) {
			const minus = this.next();
			this.enter(minus);
			try {
				const arg = this.unary();
				return this.made({ kind: 'neg', arg, span: spanBetween(minus.span, arg.span) }, [arg]);
			} finally {
				this.depth--;
			}
		}
		if (this.at('+'))
			this.bail(this.tok.span, 'A value is missing before +.', 'Remove the +, or put a value before it.');
		return this.power();
	}

	private power(): Expr {
		const base = this.primary();
		if (!this.at('^')) return base;
		const caret = this.next();
		this.enter(caret);
		try {
			if (this.at('newline') || this.at('eof'))
				this.bail(caret.span, 'The exponent after ^ is missing.', 'Write a number after ^, as in x^2.');
			const e = this.unary();
			const k = constantValue(e);
			if (k === undefined)
				this.bail(e.span, 'The exponent must be a constant number.', 'Write x^2 or x^0.5; for e to the power x use exp(x).', 'bad-exponent');
			return this.made({ kind: 'power', base, exponent: k, exponentSpan: e.span, span: spanBetween(base.span, e.span) }, [base, e]);
		} finally {
			this.depth--;
		}
	}

	private primary(): Expr {
		const t = this.tok;
		switch (t.kind) {
			case 'number':
				this.next();
				return { kind: 'number', value: Number(t.text), text: t.text, span: t.span };
			case 'name':
				return this.nameOrCall();
			case '(': {
				this.next();
				this.enter(t);
				try {
					if (this.at(')')) this.bail(this.tok.span, 'Empty parentheses.', 'Put an expression inside ( ).');
					const inner = this.expr();
					if (!this.at(')'))
						this.bail(t.span, 'This ( is never closed.', `Add ) after ${describeEnd(inner, this.src)}.`);
					const close = this.next();
					const wide = widen(inner, spanBetween(t.span, close.span));
					this.heights.set(wide, this.heights.get(inner) ?? 0);
					return wide;
				} finally {
					this.depth--;
				}
			}
			case '[': {
				this.next();
				this.enter(t);
				try {
					if (this.at(']')) this.bail(this.tok.span, 'An empty vector [].', 'Put at least one value inside [ ], e.g. [1, 2].');
					const items: Expr[] = [this.expr()];
					while (this.at(',')) {
						this.next();
						if (this.at(']')) this.bail(this.tok.span, 'A value is missing after the last comma.', 'Remove the trailing comma or add a value.');
						items.push(this.expr());
					}
					if (!this.at(']'))
						this.bail(this.at('newline') || this.at('eof') ? t.span : this.tok.span, this.at('newline') || this.at('eof') ? 'This [ is never closed.' : `Expected , or ] but found ${describe(this.tok)}.`, 'Separate the values with commas and close the vector with ].');
					const close = this.next();
					return this.made({ kind: 'vector', items, span: spanBetween(t.span, close.span) }, items);
				} finally {
					this.depth--;
				}
			}
			case '||': {
				this.next();
				this.enter(t);
				this.normDepth++;
				try {
					const arg = this.expr();
					if (!this.at('||')) this.bail(t.span, 'This || is never closed.', 'Close the norm with ||, then ^2: ||v||^2.');
					const close = this.next();
					if (!this.at('^') || this.peek().kind !== 'number' || Number(this.peek().text) !== 2)
						this.bail(spanBetween(t.span, close.span), 'Only the squared norm ||v||^2 is available.', 'Write ^2 right after the closing ||.');
					this.next();
					const two = this.next();
					return this.made({ kind: 'norm', arg, span: spanBetween(t.span, two.span) }, [arg]);
				} finally {
					this.normDepth--;
					this.depth--;
				}
			}
			case ')':
				this.bail(t.span, 'This ) has no matching (.', 'Remove it, or add a ( before it.');
			case ']':
				this.bail(t.span, 'This ] has no matching [.', 'Remove it, or add a [ before it.');
			case 'newline':
			case 'eof':
				this.bail(this.previousSpan(), 'The expression ends too early.', 'A value is missing at the end of the line.');
			default:
				this.bail(t.span, `Expected a value but found ${describe(t)}.`, 'Put a number, a name, or ( … ) here.');
		}
	}

	private previousSpan(): Span {
		return this.tokens[Math.max(0, this.pos - 1)].span;
	}

	private nameOrCall(): Expr {
		const t = this.next();
		const name = t.text;
		if (isFunctionName(name)) {
			if (!this.at('('))
				this.bail(t.span, `${name} is a function.`, `Call it with parentheses: ${name}(${FUNCTIONS[name] === 2 ? 'a, b' : 'v'}).`);
			return this.call(t);
		}
		// `sigmod(x)` directly followed by ( and never assigned: a misspelled function, not a product.
		const open = this.tok;
		if (open.kind === '(' && open.span.offset === t.span.offset + t.span.length && !this.assigned.has(name)) {
			const guess = closest(name, Object.keys(FUNCTIONS));
			this.error(
				t.span,
				`Unknown function ${name}.`,
				guess ? `Did you mean ${guess}?` : `Known functions: ${Object.keys(FUNCTIONS).join(', ')}.`,
				'unknown-function'
			);
			const call = this.call(t);
			return call;
		}
		return { kind: 'name', name, span: t.span };
	}

	private call(fnTok: Token): Expr {
		const open = this.next();
		this.enter(open);
		try {
			const args: Expr[] = [];
			if (!this.at(')')) {
				args.push(this.expr());
				while (this.at(',')) {
					this.next();
					args.push(this.expr());
				}
			}
			if (!this.at(')')) this.bail(open.span, `The ( after ${fnTok.text} is never closed.`, `Close the call with ): ${fnTok.text}(…).`);
			const close = this.next();
			return this.made({ kind: 'call', fn: fnTok.text, fnSpan: fnTok.span, args, span: spanBetween(fnTok.span, close.span) }, args);
		} finally {
			this.depth--;
		}
	}
}

/** A parenthesised expression keeps its node but takes the span of its parentheses. */
function widen(e: Expr, span: Span): Expr {
	return { ...e, span };
}

/** The value of an expression built only from numbers, or undefined. */
export function constantValue(e: Expr): number | undefined {
	switch (e.kind) {
		case 'number':
			return e.value;
		case 'neg': {
			const v = constantValue(e.arg);
			return v === undefined ? undefined : -v;
		}
		case 'power': {
			const v = constantValue(e.base);
			return v === undefined ? undefined : Math.pow(v, e.exponent);
		}
		case 'binary': {
			const a = constantValue(e.left);
			const b = constantValue(e.right);
			if (a === undefined || b === undefined) return undefined;
			switch (e.op) {
				case '+':
					return a + b;
				case '-':
					return a - b;
				case '*':
				case '@':
					return a * b;
				case '/':
					return a / b;
			}
		}
		// falls through: a binary of non-constants
		default:
			return undefined;
	}
}

function describe(t: Token): string {
	switch (t.kind) {
		case 'newline':
			return 'the end of the line';
		case 'eof':
			return 'the end of the program';
		case 'number':
			return `the number ${t.text}`;
		case 'name':
			return `the name ${t.text}`;
		default:
			return `"${t.text}"`;
	}
}

function describeEnd(e: Expr, src: string): string {
	const text = src.slice(e.span.offset, e.span.offset + e.span.length);
	return text.length > 20 ? 'the expression' : text;
}
