import katex from 'katex';
import 'katex/dist/katex.min.css';
import { KATEX_OPTIONS } from '$lib/core/tex/katex-options';

/**
 * The only HTML the app injects. Input LaTeX comes from the trace (names were sanitised by
 * the lexer); KaTeX still runs untrusted-safe, with limits, and never throws.
 */
const OPTIONS = { ...KATEX_OPTIONS, output: 'htmlAndMathml' } as const;

const cache = new Map<string, string>();
const LIMIT = 2000;

export function renderTex(tex: string, displayMode = false): string {
	const key = (displayMode ? 'D' : 'I') + tex;
	const hit = cache.get(key);
	if (hit !== undefined) return hit;
	const html = katex.renderToString(tex, { ...OPTIONS, displayMode });
	// A plain insertion-ordered map: dropping the oldest keeps memory bounded while stepping a big trace.
	if (cache.size >= LIMIT) cache.delete(cache.keys().next().value as string);
	cache.set(key, html);
	return html;
}
