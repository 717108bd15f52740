/**
 * Work over a whole graph that can pause. A page taking in a 300,000-step run cannot spend a
 * second in one task (a key pressed meanwhile would wait for all of it), so the passes that
 * cost O(size) are generators that yield every few thousand items; the page spreads them over
 * tasks, and everything else (the CLI, a short program, tests) runs them through at once.
 */
export type Sliced<T> = Generator<undefined, T, undefined>;

/** Items between pauses: small enough that a slice is well under a frame, large enough that pausing costs nothing. */
export const ITEMS_PER_SLICE = 4096;

/** True every ITEMS_PER_SLICE items: where a loop over `i` yields. */
export const pauseAt = (i: number): boolean => (i & (ITEMS_PER_SLICE - 1)) === ITEMS_PER_SLICE - 1;

/** Runs `work` to its end in this task. */
export function finish<T>(work: Sliced<T>): T {
	for (;;) {
		const r = work.next();
		if (r.done) return r.value;
	}
}
