import type { Span } from './span.ts';

export type BinaryOp = '+' | '-' | '*' | '/' | '@';

/** Expressions. Every node keeps the span of the text it came from. */
export type Expr =
	| { readonly kind: 'number'; readonly value: number; readonly text: string; readonly span: Span }
	| { readonly kind: 'name'; readonly name: string; readonly span: Span }
	| { readonly kind: 'neg'; readonly arg: Expr; readonly span: Span }
	| {
			readonly kind: 'binary';
			readonly op: BinaryOp;
			readonly left: Expr;
			readonly right: Expr;
			/** `2x` and `(x + y)z`: multiplication written by juxtaposition. */
			readonly implicit: boolean;
			readonly span: Span;
	  }
	| { readonly kind: 'power'; readonly base: Expr; readonly exponent: number; readonly exponentSpan: Span; readonly span: Span }
	| { readonly kind: 'call'; readonly fn: string; readonly fnSpan: Span; readonly args: readonly Expr[]; readonly span: Span }
	| { readonly kind: 'vector'; readonly items: readonly Expr[]; readonly span: Span }
	| { readonly kind: 'norm'; readonly arg: Expr; readonly span: Span }
	/** `q[0]`, `W[1, 0]`, `softmax(z)[2]`: one element, 0-based as the steps name elements; `at` has one index per axis. */
	| { readonly kind: 'index'; readonly arg: Expr; readonly at: readonly number[]; readonly atSpan: Span; readonly span: Span };

export interface Assignment {
	readonly name: string;
	readonly nameSpan: Span;
	readonly expr: Expr;
	/** The whole line, name to end of expression. */
	readonly span: Span;
}

/** `sig(z) = 1 / (1 + exp(-z))`: a gate the student defines and then calls like a built-in function. */
export interface Definition {
	readonly name: string;
	readonly nameSpan: Span;
	readonly params: readonly { readonly name: string; readonly span: Span }[];
	readonly body: Expr;
	/** The whole line, name to end of body. */
	readonly span: Span;
}

export interface Program {
	readonly statements: readonly Assignment[];
	/** Gate definitions in the order written; they compute nothing until called. */
	readonly definitions: readonly Definition[];
}

export function assertNever(x: never): never {
	throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}

export type BinaryExpr = Extract<Expr, { kind: 'binary' }>;

/**
 * The binary nodes down the left side of `e`, outermost first: `a + b + c` is `(a + b) + c`, so a
 * row of n terms is a spine n long. Tree walkers go down it in a loop and recurse only into right
 * operands and other children, whose depth the parser bounds (MAX_NESTING); a row of any length
 * then costs no stack.
 */
export function leftSpine(e: BinaryExpr): BinaryExpr[] {
	const spine: BinaryExpr[] = [e];
	for (let l = e.left; l.kind === 'binary'; l = l.left) spine.push(l);
	return spine;
}

/** The direct sub-expressions of `e`, left to right. */
export function exprChildren(e: Expr): readonly Expr[] {
	switch (e.kind) {
		case 'number':
		case 'name':
			return [];
		case 'neg':
		case 'norm':
		case 'index':
			return [e.arg];
		case 'power':
			return [e.base];
		case 'binary':
			return [e.left, e.right];
		case 'call':
			return e.args;
		case 'vector':
			return e.items;
		default:
			return assertNever(e);
	}
}

/** Visits every sub-expression of `root`, parents first, left to right, on an explicit stack: no depth limit. */
export function forEachSubExpr(root: Expr, visit: (e: Expr) => void): void {
	const stack: Expr[] = [root];
	while (stack.length > 0) {
		const e = stack.pop()!;
		visit(e);
		const ch = exprChildren(e);
		for (let k = ch.length - 1; k >= 0; k--) stack.push(ch[k]);
	}
}

/**
 * The sub-expressions at every `every`-th level below `root` that have children of their own,
 * descendants before ancestors. A recursive walker that first runs on each of these, memoising the
 * results, never recurses more than `every` levels before it meets a memoised one: nesting of any
 * depth then costs a bounded stack. With `rowsAreLoops` the left operand of a binary node counts as
 * the same level, for a walker that already goes down a row of terms in a loop (leftSpine).
 */
export function staircase(root: Expr, every: number, rowsAreLoops: boolean): Expr[] {
	const out: Expr[] = [];
	const stack: { e: Expr; depth: number }[] = [{ e: root, depth: 0 }];
	while (stack.length > 0) {
		const { e, depth } = stack.pop()!;
		const ch = exprChildren(e);
		if (depth > 0 && depth % every === 0 && ch.length > 0) out.push(e);
		for (let k = 0; k < ch.length; k++) stack.push({ e: ch[k], depth: rowsAreLoops && e.kind === 'binary' && k === 0 ? depth : depth + 1 });
	}
	return out.reverse();
}
