/** A place in the program text. `line` and `col` are 1-based; `offset` is 0-based in UTF-16 units. */
export interface Span {
	readonly offset: number;
	readonly length: number;
	readonly line: number;
	readonly col: number;
}

export function spanBetween(a: Span, b: Span): Span {
	return { offset: a.offset, line: a.line, col: a.col, length: Math.max(a.length, b.offset + b.length - a.offset) };
}
