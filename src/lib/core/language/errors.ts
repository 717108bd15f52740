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
	| 'too-large'
	/** A gate definition breaks one of its own rules (recursion, a repeated parameter, a vector op in its body). */
	| 'bad-gate';

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

/** Edit distance counting a swap of two neighbours as one edit (valeu → value), for "did you mean". */
export function editDistance(a: string, b: string): number {
	const rows = a.length + 1;
	const cols = b.length + 1;
	const d: number[] = new Array(rows * cols);
	for (let i = 0; i < rows; i++) d[i * cols] = i;
	for (let j = 0; j < cols; j++) d[j] = j;
	for (let i = 1; i < rows; i++)
		for (let j = 1; j < cols; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let v = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2] + 1);
			d[i * cols + j] = v;
		}
	return d[rows * cols - 1];
}

export function closest(word: string, candidates: Iterable<string>): string | undefined {
	// Very long words (a pasted line) are never a typo of a short name; skip the quadratic work.
	if (word.length > 64) return undefined;
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

/**
 * `ab` when `a` and `b` are defined: a student writing a product as in maths. Returns the
 * fewest known names that spell the word, or undefined when there is no such split.
 */
export function splitIntoNames(word: string, known: Iterable<string>): string[] | undefined {
	if (word.length > 64) return undefined;
	const names = [...known].filter((n) => n.length > 0 && n.length < word.length);
	// best[i]: the fewest names spelling word.slice(0, i).
	const best: (string[] | undefined)[] = [[]];
	for (let i = 1; i <= word.length; i++)
		for (const n of names) {
			const before = best[i - n.length];
			if (i >= n.length && before && word.startsWith(n, i - n.length) && (!best[i] || before.length + 1 < best[i]!.length)) best[i] = [...before, n];
		}
	const split = best[word.length];
	return split && split.length > 1 ? split : undefined;
}
