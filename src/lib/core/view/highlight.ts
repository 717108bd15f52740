import { isFunctionName } from '../language/functions.ts';
import { lex } from '../language/lexer.ts';

export type TokenClass = 'number' | 'name' | 'function' | 'operator' | 'comment' | 'plain';

export interface Piece {
	readonly text: string;
	readonly cls: TokenClass;
}

/**
 * The program cut into coloured pieces whose texts concatenate back to the source exactly,
 * so an overlay lines up with the textarea under it. Uses the real lexer, so colours agree
 * with what the parser will read.
 */
export function highlight(src: string): Piece[] {
	const out: Piece[] = [];
	let at = 0;
	// The next '#' at or after `at`, found once and reused: searching afresh from every gap would
	// scan the rest of a comment-free program once per token (quadratic on a 1 MB line).
	let nextHash = -2;
	const gap = (end: number) => {
		// Between tokens there is only blank space, comments and characters the lexer rejected.
		while (at < end) {
			if (nextHash !== -1 && nextHash < at) nextHash = src.indexOf('#', at);
			const hash = nextHash;
			if (hash < 0 || hash >= end) {
				out.push({ text: src.slice(at, end), cls: 'plain' });
				at = end;
				return;
			}
			if (hash > at) out.push({ text: src.slice(at, hash), cls: 'plain' });
			let nl = src.indexOf('\n', hash);
			if (nl < 0 || nl > end) nl = end;
			out.push({ text: src.slice(hash, nl), cls: 'comment' });
			at = nl;
		}
	};
	for (const t of lex(src).tokens) {
		if (t.kind === 'eof' || t.kind === 'newline' || t.length === 0) continue;
		if (t.offset < at) continue;
		gap(t.offset);
		const text = src.slice(t.offset, t.offset + t.length);
		const cls: TokenClass =
			t.kind === 'number' ? 'number' : t.kind === 'name' ? (isFunctionName(t.text) ? 'function' : 'name') : 'operator';
		out.push({ text, cls });
		at = t.offset + t.length;
	}
	gap(src.length);
	return out;
}
