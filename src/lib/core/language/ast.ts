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
	| { readonly kind: 'norm'; readonly arg: Expr; readonly span: Span };

export interface Assignment {
	readonly name: string;
	readonly nameSpan: Span;
	readonly expr: Expr;
	/** The whole line, name to end of expression. */
	readonly span: Span;
}

export interface Program {
	readonly statements: readonly Assignment[];
}

export function assertNever(x: never): never {
	throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}
