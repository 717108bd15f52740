import katex from 'katex';
import 'katex/dist/katex.min.css';
import { KATEX_OPTIONS } from '$lib/core/tex/katex-options';
import { chunkLongRuns } from '$lib/core/tex/katex-runs';

/**
 * The only HTML the app injects. Input LaTeX comes from the trace (names were sanitised by
 * the lexer); KaTeX still runs untrusted-safe, with limits. `throwOnError: false` covers
 * LaTeX errors only: a deep nesting (`\hat{\hat{…}}` a thousand times, a long division chain)
 * overflows KaTeX's recursive parser with a RangeError, and any throw in a render would stop
 * the page's whole update ("No step", a blank embed, a slide stuck on "Loading…"). So every
 * render here catches everything and falls back to the LaTeX source, shown as text.
 */
const OPTIONS = { ...KATEX_OPTIONS, output: 'htmlAndMathml' } as const;

/** What a formula became: KaTeX's HTML, or (it could not be typeset) its source to show as text. */
export type Typeset = { readonly kind: 'html'; readonly html: string } | { readonly kind: 'source'; readonly tex: string };

/** Said beside a formula that could not be typeset. */
export const UNTYPESET_NOTE = 'This formula could not be typeset; its LaTeX:';

const cache = new Map<string, Typeset>();
const LIMIT = 2000;

export function typeset(tex: string, displayMode = false): Typeset {
	const key = (displayMode ? 'D' : 'I') + tex;
	const hit = cache.get(key);
	if (hit !== undefined) return hit;
	let out: Typeset;
	try {
		out = { kind: 'html', html: katex.renderToString(chunkLongRuns(tex), { ...OPTIONS, displayMode }) };
	} catch {
		// A failure is cached too: retrying a formula that overflowed the stack costs as much again.
		out = { kind: 'source', tex };
	}
	// A plain insertion-ordered map: dropping the oldest keeps memory bounded while stepping a big trace.
	if (cache.size >= LIMIT) cache.delete(cache.keys().next().value as string);
	cache.set(key, out);
	return out;
}

/**
 * A formula as the step panel shows it: `display` sets it in display style but inline mode, so
 * KaTeX may still break a long chain rule after = or + (a phone needs it; display mode never breaks).
 * One home for that choice, so a formula typeset ahead of time (the next step) is the one shown.
 */
export function typesetFormula(tex: string, display: boolean): Typeset {
	return typeset(display ? `\\displaystyle ${tex}` : tex);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe inside HTML, for the places (handouts) that need one string of HTML. */
export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** HTML for a formula, never throwing: KaTeX's, or the escaped source with a note (handouts). */
export function renderTex(tex: string, displayMode = false): string {
	const t = typeset(tex, displayMode);
	return t.kind === 'html' ? t.html : `<span class="tex-source"><span class="tex-note">${escapeHtml(UNTYPESET_NOTE)}</span> <code>${escapeHtml(t.tex)}</code></span>`;
}
