/** Longest run of letters or digits KaTeX gets in one piece. */
export const MAX_RUN = 256;

/**
 * KaTeX merges adjacent characters of one font into one span with an array splice per
 * character, which is quadratic: a 100,000-letter name blocked the page for 30 s. Cutting a
 * long run into `{…}` groups of MAX_RUN draws the same letters (ordinary atoms, no spacing
 * between them) in linear time. A run right after a backslash is a command name (left alone);
 * after `_` or `^` its first character is the script (kept outside the groups).
 */
export function chunkLongRuns(tex: string): string {
	if (tex.length <= MAX_RUN) return tex;
	return tex.replace(/[A-Za-z0-9]{257,}/g, (run, at: number) => {
		const before = at > 0 ? tex[at - 1] : '';
		if (before === '\\') return run;
		// After `_` or `^` the first character alone is the script: it stays outside the groups.
		const head = before === '_' || before === '^' ? run[0] : '';
		const parts: string[] = [head];
		for (let i = head.length; i < run.length; i += MAX_RUN) parts.push(`{${run.slice(i, i + MAX_RUN)}}`);
		return parts.join('');
	});
}
