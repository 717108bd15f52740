import type { StepText } from '$lib/core/trace/tex';

/** Steps looked at when guessing the tallest: a large MLP has tens of thousands. */
const SCAN = 400;
/** How many of the likeliest-tallest steps are rendered off-screen and measured. */
const MEASURE = 6;

/**
 * The steps whose text is likely tallest (most math lines, then the most characters), so
 * the embed can reserve their height once and not change size from step to step.
 * `text(k)` is the step's text; only up to SCAN evenly spaced steps are read.
 */
export function likelyTallest(n: number, text: (k: number) => StepText | undefined): number[] {
	const stride = Math.max(1, Math.ceil(n / SCAN));
	const scored: [number, number][] = [];
	for (let k = 0; k < n; k += stride) {
		const t = text(k);
		if (!t) continue;
		const chars = t.lines.reduce((a, l) => a + l.tex.length + l.caption.length, 0) + t.words.length + t.title.length;
		scored.push([k, t.lines.length * 100_000 + chars]);
	}
	return scored
		.sort((a, b) => b[1] - a[1] || a[0] - b[0])
		.slice(0, MEASURE)
		.map(([k]) => k)
		.sort((a, b) => a - b);
}
