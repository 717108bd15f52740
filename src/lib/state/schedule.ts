/** When deferred work runs: after the step's frame has painted, or when the page is idle. */

/** After the next paint where there is one (a browser), else on the next task (tests, Node). */
export function afterPaint(fn: () => void): void {
	if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(fn, 0));
	else setTimeout(fn, 0);
}

/** Runs `fn` when the page has nothing else to do (soon regardless); returns the cancel. */
export function whenIdle(fn: () => void): () => void {
	if (typeof requestIdleCallback === 'function') {
		const id = requestIdleCallback(fn, { timeout: 1000 });
		return () => cancelIdleCallback(id);
	}
	const id = setTimeout(fn, 50);
	return () => clearTimeout(id);
}
