/** When deferred work runs: after the step's frame has painted, or when the page is idle. */

/**
 * After the next paint where there is one (a browser), else on the next task (tests, Node);
 * returns the cancel. A frame callback runs before its paint, so the task after it is the first
 * moment what the frame drew is on screen.
 */
export function afterPaint(fn: () => void): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	if (typeof requestAnimationFrame !== 'function') {
		timer = setTimeout(fn, 0);
		return () => clearTimeout(timer);
	}
	const frame = requestAnimationFrame(() => (timer = setTimeout(fn, 0)));
	return () => {
		cancelAnimationFrame(frame);
		clearTimeout(timer);
	};
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
