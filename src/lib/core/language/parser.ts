import { grouped } from '../grouped.ts';
import { LIBRARY } from './spellings.ts';
import { assertNever, exprChildren, type Assignment, type BinaryOp, type Definition, type Expr, type Program } from './ast.ts';
import { closest, type ProgramError } from './errors.ts';
import { callExample, FUNCTION_NAMES, isFunctionName } from './functions.ts';
import { lex, MAX_ERRORS } from './lexer.ts';
import { spanBetween, type Span } from './span.ts';
import type { Token, TokenKind } from './tokens.ts';

/**
 * The one limit on an expression's shape: brackets, calls, norms, minus signs and powers nested
 * inside one another, each counted once (README, Limits). No phase needs it for its stack: the
 * parser runs on a stack of generators (`drive`), and the graph builder and the LaTeX writer build
 * deep sub-expressions bottom-up first (`staircase`), so a program never makes them recurse more than
 * 64 levels at a time; a row of terms (`a + b + c …`) may be any length. It keeps a pasted
 * runaway bracket from becoming a program of its own, and every phase is tested at it.
 */
export const MAX_NESTING = 10_000;

/** Thrown inside the parser to abandon one line after its error is recorded. */
class LineBail {}

/** One parsing method in progress: it yields the sub-parse it needs and is resumed with its result. */
interface Parse extends Generator<Parse, Expr, Expr> {}

/**
 * Runs a parse on a stack of generators instead of the call stack: each nested bracket is one
 * suspended generator on the heap. A thrown LineBail unwinds the stack through each generator's
 * `finally` (the nesting count) as a call stack would.
 */
function drive(root: Parse): Expr {
	const stack: Parse[] = [root];
	let input: Expr | undefined;
	let failure: { error: unknown } | undefined;
	for (;;) {
		const top = stack[stack.length - 1];
		let r: IteratorResult<Parse, Expr>;
		try {
			// The first next() of a generator ignores its argument.
			r = failure ? top.throw(failure.error) : top.next(input as Expr);
			failure = undefined;
		} catch (error) {
			stack.pop();
			if (stack.length === 0) throw error;
			failure = { error };
			continue;
		}
		if (r.done) {
			stack.pop();
			if (stack.length === 0) return r.value;
			input = r.value;
		} else {
			stack.push(r.value);
			input = undefined;
		}
	}
}

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
	/** Every gate defined anywhere (`sig(z) = …`), so its calls are known before its line is read. */
	readonly gates = new Set<string>();

	constructor(
		private readonly src: string,
		private readonly tokens: Token[],
		readonly errors: ProgramError[]
	) {
		let lineStart = true;
		for (let i = 0; i < tokens.length; i++) {
			const t = tokens[i];
			if (lineStart && t.kind === 'name' && tokens[i + 1]?.kind === '=') this.assigned.add(t.text);
			if (lineStart && t.kind === 'name' && isDefinitionStart(tokens, i)) this.gates.add(t.text);
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
		const definitions: Definition[] = [];
		while (!this.at('eof')) {
			if (this.at('newline')) {
				this.next();
				continue;
			}
			if (this.errors.length >= MAX_ERRORS) break;
			try {
				if (isDefinitionStart(this.tokens, this.pos)) definitions.push(this.definition());
				else statements.push(this.statement());
			} catch (e) {
				if (!(e instanceof LineBail)) throw e;
				while (!this.at('newline') && !this.at('eof')) this.next();
			}
		}
		return { statements, definitions };
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

	/** `sig(z) = body`: the parameters are bare names; what the body may use is checked in gate-rules.ts. */
	private definition(): Definition {
		const name = this.next();
		this.next();
		const params: { name: string; span: Span }[] = [];
		while (!this.at(')')) {
			const p = this.tok;
			if (p.kind !== 'name')
				this.bail(p.span, `A parameter of ${name.text} must be a name, not ${describe(p)}.`, `Write the parameters as names, e.g. ${name.text}(a, b) = a * b.`);
			params.push({ name: p.text, span: p.span });
			this.next();
			if (this.at(',')) this.next();
			else if (!this.at(')'))
				this.bail(this.tok.span, `Expected , or ) after the parameter ${p.text}.`, `Separate the parameters with commas: ${name.text}(a, b) = ….`);
		}
		const close = this.next();
		this.next();
		if (this.at('newline') || this.at('eof'))
			this.bail(close.span, `Nothing after ${name.text}(…) =.`, `Give the gate a body, e.g. ${name.text}(z) = 1 / (1 + exp(-z)).`);
		const body = this.expr();
		if (!this.at('newline') && !this.at('eof'))
			this.bail(this.tok.span, `Unexpected ${describe(this.tok)} after the gate's body.`, 'An operator may be missing before it, or the line should end here.');
		return { name: name.text, nameSpan: name.span, params, body, span: spanBetween(name.span, body.span) };
	}

	/** One level of nesting, counted once per bracket, call, norm, minus sign or power. */
	private enter(t: Token): void {
		if (++this.depth > MAX_NESTING)
			this.bail(t.span, `The expression is nested more than ${grouped(MAX_NESTING)} levels deep.`, 'Give an inner part a name on a line of its own (inner = …) and use the name here.', 'too-large');
	}

	/** An expression, parsed on an explicit stack (`drive`): nesting costs no call stack. */
	private expr(): Expr {
		return drive(this.exprG());
	}

	// The parsing methods below are generators: `yield this.term()` hands the sub-parse to `drive`
	// and resumes with its result, so brackets nested thousands deep never deepen the call stack.
	// A row of terms is a loop here and in every later phase: it may be any length.
	private *exprG(): Parse {
		let left: Expr = yield this.term();
		while (this.at('+') || this.at('-')) {
			const op = this.next().kind as BinaryOp;
			const right: Expr = yield this.term();
			left = { kind: 'binary', op, left, right, implicit: false, span: spanBetween(left.span, right.span) };
		}
		return left;
	}

	private *term(): Parse {
		let left: Expr = yield this.unary();
		for (;;) {
			if (this.at('*') || this.at('/') || this.at('@')) {
				const op = this.next().kind as BinaryOp;
				const right: Expr = yield this.unary();
				left = { kind: 'binary', op, left, right, implicit: false, span: spanBetween(left.span, right.span) };
			} else if (this.startsImplicitFactor()) {
				if (this.at('number'))
					this.bail(this.tok.span, `Missing operator before ${this.tok.text}.`, `Write * between the two values, e.g. x * ${this.tok.text}.`);
				const right: Expr = yield this.power();
				left = { kind: 'binary', op: '*', left, right, implicit: true, span: spanBetween(left.span, right.span) };
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

	private *unary(): Parse {
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
				const arg: Expr = yield this.unary();
				return { kind: 'neg', arg, span: spanBetween(minus.span, arg.span) };
			} finally {
				this.depth--;
			}
		}
		if (this.at('+'))
			this.bail(this.tok.span, 'A value is missing before +.', 'Remove the +, or put a value before it.');
		return yield this.power();
	}

	private *power(): Parse {
		let base: Expr = yield this.primary();
		base = this.indexed(base);
		// The slides' postfix transpose W^T, any number of times: (W^T)^T. T is never a constant
		// exponent, so ^T cannot mean a power.
		while (this.at('^') && this.peek().kind === 'name' && this.peek().text === 'T') {
			const caret = this.next();
			const t = this.next();
			base = { kind: 'call', fn: 'transpose', fnSpan: spanBetween(caret.span, t.span), args: [base], span: spanBetween(base.span, t.span) };
		}
		if (!this.at('^')) return base;
		const caret = this.next();
		const op = caret.text;
		this.enter(caret);
		try {
			if (this.at('newline') || this.at('eof'))
				this.bail(caret.span, `The exponent after ${op} is missing.`, `Write a number after ${op}, as in x${op}2.`);
			const e: Expr = yield this.unary();
			const k = constantValue(e);
			if (k === undefined) {
				const { form, hint, message } = this.exponentHint(base, e, op);
				this.bail(e.span, message ?? `The exponent must be a constant number: write ${form}.`, hint, 'bad-exponent');
			}
			return { kind: 'power', base, exponent: k, exponentSpan: e.span, span: spanBetween(base.span, e.span) };
		} finally {
			this.depth--;
		}
	}

	/**
	 * `q[0]`, `W[1, 0]`, `softmax(z)[2]`: a [ written right after a value (no space) picks an
	 * element, 0-based as the steps name them. With a space, `q [0]` stays a product by a vector.
	 */
	private indexed(base: Expr): Expr {
		while (this.at('[') && this.tok.offset === base.span.offset + base.span.length) {
			const open = this.next();
			const at: number[] = [];
			for (;;) {
				const t = this.tok;
				if (t.kind !== 'number' || !/^\d+$/.test(t.text))
					this.bail(
						t.span.length ? t.span : open.span,
						t.kind === ']' ? 'An index is missing inside [ ].' : `An index is a whole number counted from 0, not ${describe(t)}.`,
						'Write the element as the steps name it: q[0] for a vector, W[1, 0] for a matrix (row, column).'
					);
				at.push(Number(this.next().text));
				if (this.at(',')) {
					this.next();
					continue;
				}
				if (this.at(']')) break;
				this.bail(this.tok.span.length ? this.tok.span : open.span, this.at('newline') || this.at('eof') ? 'This [ is never closed.' : `Expected , or ] but found ${describe(this.tok)}.`, 'Close the index with ], e.g. q[0].');
			}
			const close = this.next();
			if (at.length > 2) this.bail(spanBetween(open.span, close.span), `${at.length} indices, but a value has at most two axes (a matrix).`, 'Write q[0] for a vector, W[1, 0] for a matrix.');
			base = { kind: 'index', arg: base, at, atSpan: spanBetween(open.span, close.span), span: spanBetween(base.span, close.span) };
		}
		return base;
	}

	/** For `b^x` with x not a constant: the form that is meant (exp(x), W^T x, or exp(x log b)). */
	private exponentHint(base: Expr, e: Expr, op: string): { form: string; hint: string; message?: string } {
		const text = (x: Expr) => this.src.slice(x.span.offset, x.span.offset + x.span.length);
		const b = text(base);
		const x = text(e);
		if (e.kind === 'name' && /^T[A-Za-z0-9_]/.test(e.name))
			return {
				form: `${b}^T ${e.name.slice(1)}`,
				// The student meant a transpose, not a power: say what was read, then the fix.
				message: `${b}${op}${e.name} reads as ${b} to the power ${e.name}: write ${b}^T ${e.name.slice(1)}.`,
				hint: `For a transpose times ${e.name.slice(1)}, put a space after T.`
			};
		if (base.kind === 'name' && base.name === 'e' && !this.assigned.has('e')) return { form: `exp(${x})`, hint: `e to the power ${x} is exp(${x}).` };
		const atomic = e.kind === 'name' || e.kind === 'number' || e.kind === 'call' || x.startsWith('(');
		return {
			form: `exp(${atomic ? x : `(${x})`} * log(${b}))`,
			hint: `Powers take a number after ${op} (x${op}2, x${op}0.5); a power that varies is exp(k * log(x)), for x > 0.`
		};
	}

	private *primary(): Parse {
		const t = this.tok;
		switch (t.kind) {
			case 'number':
				this.next();
				return { kind: 'number', value: Number(t.text), text: t.text, span: t.span };
			case 'name':
				return yield this.nameOrCall();
			case '(':
				return yield this.parenthesized(t);
			case '[':
				return yield this.vectorLiteral(t);
			case '||':
				return yield this.norm(t);
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

	/** `( expr )`, its span widened to the brackets. */
	private *parenthesized(t: Token): Parse {
		this.next();
		this.enter(t);
		try {
			if (this.at(')')) this.bail(this.tok.span, 'Empty parentheses.', 'Put an expression inside ( ).');
			const inner: Expr = yield this.exprG();
			if (!this.at(')'))
				this.bail(t.span, 'This ( is never closed.', `Add ) after ${describeEnd(inner, this.src)}.`);
			const close = this.next();
			return widen(inner, spanBetween(t.span, close.span));
		} finally {
			this.depth--;
		}
	}

	/** `[a, b, …]`: a vector literal (a matrix is a vector of rows). */
	private *vectorLiteral(t: Token): Parse {
		this.next();
		this.enter(t);
		try {
			if (this.at(']')) this.bail(this.tok.span, 'An empty vector [].', 'Put at least one value inside [ ], e.g. [1, 2].');
			const items: Expr[] = [yield this.exprG()];
			while (this.at(',')) {
				this.next();
				if (this.at(']')) this.bail(this.tok.span, 'A value is missing after the last comma.', 'Remove the trailing comma or add a value.');
				items.push(yield this.exprG());
			}
			if (!this.at(']'))
				this.bail(this.at('newline') || this.at('eof') ? t.span : this.tok.span, this.at('newline') || this.at('eof') ? 'This [ is never closed.' : `Expected , or ] but found ${describe(this.tok)}.`, 'Separate the values with commas and close the vector with ].');
			const close = this.next();
			return { kind: 'vector', items, span: spanBetween(t.span, close.span) };
		} finally {
			this.depth--;
		}
	}

	/** `||v||^2`; another power is read as a power of the squared norm, with a message. */
	private *norm(t: Token): Parse {
		this.next();
		this.enter(t);
		this.normDepth++;
		try {
			const arg: Expr = yield this.exprG();
			if (!this.at('||')) this.bail(t.span, 'This || is never closed.', 'Close the norm with ||, then ^2: ||v||^2.');
			const close = this.next();
			const power = this.at('^') && this.peek().kind === 'number' ? Number(this.peek().text) : undefined;
			if (power === 2) {
				this.next();
				const two = this.next();
				return { kind: 'norm', arg, span: spanBetween(t.span, two.span) };
			}
			// Reported here, and the line still read as a norm, so no later check trips over it.
			const bars = spanBetween(t.span, close.span);
			const inner = this.src.slice(arg.span.offset, arg.span.offset + arg.span.length);
			if (power === undefined) {
				this.error(bars, `Only the squared norm is available: write ||${inner}||^2.`, 'Write ^2 right after the closing ||.');
				return { kind: 'norm', arg, span: bars };
			}
			this.next();
			const k = this.next();
			const span = spanBetween(t.span, k.span);
			this.error(span, `Only the squared norm is available: ||${inner}||^${k.text} is (||${inner}||^2)^${power / 2}.`, `Write (||${inner}||^2)^${power / 2}, or ||${inner}||^2 for the squared norm.`);
			return { kind: 'power', base: { kind: 'norm', arg, span: bars }, exponent: power / 2, exponentSpan: k.span, span };
		} finally {
			this.normDepth--;
			this.depth--;
		}
	}

	private previousSpan(): Span {
		return this.tokens[Math.max(0, this.pos - 1)].span;
	}

	private *nameOrCall(): Parse {
		const t = this.next();
		const name = t.text;
		if (this.gates.has(name) && !isFunctionName(name)) {
			if (!this.at('('))
				this.bail(t.span, `${name} is a gate, defined as ${name}(…) = ….`, `Call it with parentheses, e.g. ${name}(x).`);
			return yield this.call(t);
		}
		if (isFunctionName(name)) {
			if (!this.at('('))
				this.bail(t.span, `${name} is a function.`, `Call it with parentheses: ${callExample(name)}.`);
			return yield this.call(t);
		}
		// `sigmod(x)` directly followed by ( and never assigned: a misspelled function, not a product.
		const open = this.tok;
		if (open.kind === '(' && open.span.offset === t.span.offset + t.span.length && !this.assigned.has(name)) {
			// A library's name without its prefix (pow, maximum, expit) has a chainstep spelling of its own.
			const lib = Object.prototype.hasOwnProperty.call(LIBRARY, name) ? LIBRARY[name] : undefined;
			const guess = lib ? undefined : closest(name, FUNCTION_NAMES);
			this.error(
				t.span,
				`Unknown function ${name}.`,
				lib ? `Write ${lib.write}.` : guess ? `Did you mean ${guess}?` : `Known functions: ${FUNCTION_NAMES.join(', ')}.`,
				'unknown-function'
			);
			return yield this.call(t);
		}
		return { kind: 'name', name, span: t.span };
	}

	private *call(fnTok: Token): Parse {
		const open = this.next();
		this.enter(open);
		try {
			const args: Expr[] = [];
			if (!this.at(')')) {
				args.push(yield this.exprG());
				while (this.at(',')) {
					this.next();
					args.push(yield this.exprG());
				}
			}
			if (!this.at(')')) this.bail(open.span, `The ( after ${fnTok.text} is never closed.`, `Close the call with ): ${fnTok.text}(…).`);
			const close = this.next();
			return { kind: 'call', fn: fnTok.text, fnSpan: fnTok.span, args, span: spanBetween(fnTok.span, close.span) };
		} finally {
			this.depth--;
		}
	}
}

/**
 * Whether the line from token `i` reads `name(…) = …`: a gate definition. Only names, commas and
 * one pair of brackets may come before the `=`, so a call like `f(x) + 1 = …` stays a syntax error.
 */
function isDefinitionStart(tokens: readonly Token[], i: number): boolean {
	if (tokens[i]?.kind !== 'name' || tokens[i + 1]?.kind !== '(') return false;
	for (let k = i + 2; k < tokens.length; k++) {
		const kind = tokens[k].kind;
		if (kind === ')') return tokens[k + 1]?.kind === '=';
		if (kind !== 'name' && kind !== ',' && kind !== 'number') return false;
	}
	return false;
}

/** A parenthesised expression keeps its node but takes the span of its parentheses. */
function widen(e: Expr, span: Span): Expr {
	return { ...e, span };
}

/** The value of an expression built only from numbers, or undefined. */
export function constantValue(root: Expr): number | undefined {
	// Children before parents on an explicit stack: an exponent may nest as deep as any expression.
	const value = new Map<Expr, number | undefined>();
	const stack: { e: Expr; open: boolean }[] = [{ e: root, open: false }];
	while (stack.length > 0) {
		const { e, open } = stack.pop()!;
		if (open) {
			value.set(e, constantOf(e, (c) => value.get(c)));
			continue;
		}
		stack.push({ e, open: true });
		for (const c of exprChildren(e)) stack.push({ e: c, open: false });
	}
	return value.get(root);
}

/** The value of `e` from its children's values. */
function constantOf(e: Expr, of: (child: Expr) => number | undefined): number | undefined {
	switch (e.kind) {
		case 'number':
			return e.value;
		case 'neg': {
			const v = of(e.arg);
			return v === undefined ? undefined : -v;
		}
		case 'power': {
			const v = of(e.base);
			return v === undefined ? undefined : Math.pow(v, e.exponent);
		}
		case 'binary': {
			const a = of(e.left);
			const b = of(e.right);
			return a === undefined || b === undefined ? undefined : arithmetic(e.op, a, b);
		}
		default:
			return undefined;
	}
}

function arithmetic(op: BinaryOp, a: number, b: number): number {
	switch (op) {
		case '+':
			return a + b;
		case '-':
			return a - b;
		case '*':
		case '@':
			return a * b;
		case '/':
			return a / b;
		default:
			return assertNever(op);
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
