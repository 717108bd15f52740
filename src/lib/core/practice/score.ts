/** Right answers out of questions scored. */
export interface Tally {
	readonly right: number;
	readonly asked: number;
}

/** A student's record, plain data so it can be stored as JSON and updated by pure functions. */
export interface Score {
	readonly total: Tally;
	/** Per op name, e.g. `sigmoid`: how the student does on steps through that op. */
	readonly byOp: Readonly<Record<string, Tally>>;
	/** Right first tries in a row. */
	readonly streak: number;
}

export const EMPTY_SCORE: Score = { total: { right: 0, asked: 0 }, byOp: {}, streak: 0 };

const bump = (t: Tally | undefined, right: boolean): Tally => ({
	right: (t?.right ?? 0) + (right ? 1 : 0),
	asked: (t?.asked ?? 0) + 1
});

/**
 * Score one question, once: on its first answer. Right then counts; a later right answer
 * after a wrong one or a hint advances the problem but earns nothing.
 */
export function recordOutcome(score: Score, ops: readonly string[], right: boolean): Score {
	const byOp: Record<string, Tally> = { ...score.byOp };
	for (const op of new Set(ops)) byOp[op] = bump(byOp[op], right);
	return { total: bump(score.total, right), byOp, streak: right ? score.streak + 1 : 0 };
}

/** "sigmoid: 3/5", weakest first, so what needs practice reads first. */
export function recordLines(score: Score): string[] {
	return Object.entries(score.byOp)
		.sort(([a, x], [b, y]) => x.right / x.asked - y.right / y.asked || y.asked - x.asked || a.localeCompare(b))
		.map(([op, t]) => `${op}: ${t.right}/${t.asked}`);
}

function isTally(x: unknown): x is Tally {
	if (typeof x !== 'object' || x === null) return false;
	const t = x as Record<string, unknown>;
	return Number.isInteger(t.right) && Number.isInteger(t.asked) && (t.right as number) >= 0 && (t.right as number) <= (t.asked as number);
}

/** Stored data is untrusted (an old version, a hand edit): anything malformed becomes an empty score. */
export function parseScore(x: unknown): Score {
	if (typeof x !== 'object' || x === null) return EMPTY_SCORE;
	const s = x as Record<string, unknown>;
	if (!isTally(s.total) || typeof s.byOp !== 'object' || s.byOp === null) return EMPTY_SCORE;
	const byOp: Record<string, Tally> = {};
	for (const [k, v] of Object.entries(s.byOp)) if (/^[a-z0-9_]{1,32}$/.test(k) && isTally(v)) byOp[k] = { right: v.right, asked: v.asked };
	const streak = Number.isInteger(s.streak) && (s.streak as number) >= 0 ? (s.streak as number) : 0;
	return { total: { right: s.total.right, asked: s.total.asked }, byOp, streak };
}
