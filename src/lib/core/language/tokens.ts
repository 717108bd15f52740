import type { Span } from './span.ts';

export type TokenKind =
	| 'number'
	| 'name'
	| '+'
	| '-'
	| '*'
	| '/'
	| '^'
	| '@'
	| '('
	| ')'
	| '['
	| ']'
	| ','
	| '='
	| '||'
	| 'newline'
	| 'eof';

/**
 * A token is its own span: one object per token instead of two, which matters when a
 * 100,000-weight matrix is pasted (the garbage collector dominated parse time before).
 */
export class Token implements Span {
	constructor(
		readonly kind: TokenKind,
		readonly text: string,
		readonly offset: number,
		readonly length: number,
		readonly line: number,
		readonly col: number
	) {}
	get span(): Span {
		return this;
	}
}
