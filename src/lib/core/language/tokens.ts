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

export interface Token {
	readonly kind: TokenKind;
	readonly text: string;
	readonly span: Span;
}
