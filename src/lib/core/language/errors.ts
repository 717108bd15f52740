import type { Span } from './span.ts';

/** Every way a program can fail to run. Each has its own message and fix hint. */
export type ErrorCode =
	| 'syntax'
	| 'unknown-name'
	| 'used-before-defined'
	| 'assigned-twice'
	| 'shape-mismatch'
	| 'wrong-arg-count'
	| 'unknown-function'
	| 'output-not-scalar'
	| 'reserved-name'
	| 'empty-program'
	| 'bad-exponent'
	| 'bad-number'
	| 'too-large';

/** A mistake in the user's program, as opposed to a bug in chainstep. */
export interface ProgramError {
	readonly code: ErrorCode;
	readonly span: Span;
	/** The offending text, as the user wrote it. */
	readonly text: string;
	readonly message: string;
	/** What would fix it, in a sentence. */
	readonly hint: string;
}

export function formatError(e: ProgramError): string {
	return `${e.span.line}:${e.span.col} ${e.message} ${e.hint}`;
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
	const prev = new Array<number>(b.length + 1);
	for (let j = 0; j <= b.length; j++) prev[j] = j;
	for (let i = 1; i <= a.length; i++) {
		let diag = prev[0];
		prev[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const up = prev[j];
			prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
			diag = up;
		}
	}
	return prev[b.length];
}

export function closest(word: string, candidates: Iterable<string>): string | undefined {
	let best: string | undefined;
	let bestD = Infinity;
	const w = word.toLowerCase();
	for (const c of candidates) {
		const d = editDistance(w, c.toLowerCase());
		if (d < bestD) {
			bestD = d;
			best = c;
		}
	}
	// Short names are too alike to guess between (x vs y); only case slips count for them.
	const allowed = word.length <= 2 ? 0 : Math.max(1, Math.floor(word.length / 3));
	return best !== undefined && bestD <= allowed ? best : undefined;
}
