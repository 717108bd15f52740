import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import katex from 'katex';
import type { RenderTex } from '../lib/core/handout/html.ts';

import { KATEX_OPTIONS } from '../lib/core/tex/katex-options.ts';
import { chunkLongRuns } from '../lib/core/tex/katex-runs.ts';

export const renderTex: RenderTex = (tex, display) => katex.renderToString(chunkLongRuns(tex), { ...KATEX_OPTIONS, displayMode: display });

/**
 * For a page that is only printed (PDF): KaTeX's visual HTML without its hidden MathML copy. The
 * MathML is for screen readers of a page and does nothing on paper, but Chromium lays it out all
 * the same: leaving it out halved the print time of a 409-node MLP handout (see README, PDF speed).
 */
export const renderTexForPrint: RenderTex = (tex, display) => katex.renderToString(chunkLongRuns(tex), { ...KATEX_OPTIONS, displayMode: display, output: 'html' });

/**
 * KaTeX's stylesheet split into its @font-face rules, each font a data: URL, and the other rules.
 * Inlined fonts make a handout one file that prints the same offline, and let the embed work from
 * file:// (where cross-origin fonts are refused). Only woff2 is kept: every current browser reads it.
 * `keep` picks which faces (e.g. "Main-Regular") to include; the rest are dropped, not linked.
 */
export function katexCssParts(keep: (face: string) => boolean = () => true): { fontFaces: string; rules: string } {
	const dist = join(dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist');
	const raw = readFileSync(join(dist, 'katex.min.css'), 'utf8');
	const faces: string[] = [];
	const rules = raw.replace(/@font-face\{[^}]*\}/g, (rule) => {
		const file = /url\((fonts\/KaTeX_([A-Za-z0-9-]+)\.woff2)\)/.exec(rule);
		if (!file || !keep(file[2])) return '';
		const data = readFileSync(join(dist, file[1])).toString('base64');
		faces.push(rule.replace(/src:[^;}]*/, `src:url(data:font/woff2;base64,${data}) format("woff2")`));
		return '';
	});
	return { fontFaces: faces.join('\n'), rules };
}

// Main-Bold and AMS-Regular are left out (~50 KB gzip): no trace LaTeX asks for bold or AMS
// symbols, which tests/unit/embed/katex-faces.test.ts checks over every op and example.
export const USED_FACES: readonly string[] = ['Main-Regular', 'Main-Italic', 'Math-Italic', 'Size1-Regular', 'Size2-Regular', 'Size3-Regular', 'Size4-Regular'];
/** A worksheet's boxes number themselves in \textsf (handout/blanks.ts). */
export const HANDOUT_FACES: readonly string[] = [...USED_FACES, 'SansSerif-Regular'];

let css: string | undefined;

/**
 * The stylesheet with the faces handouts use inlined, for self-contained handout pages: a
 * fifth of the size of every face, so a PDF's page loads and prints sooner.
 */
export function katexCssInlined(): string {
	if (css !== undefined) return css;
	const parts = katexCssParts((face) => HANDOUT_FACES.includes(face));
	css = `${parts.fontFaces}\n${parts.rules}`;
	return css;
}
