import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import katex from 'katex';
import type { RenderTex } from '../lib/core/handout/html.ts';

/** The KaTeX options the issue fixes for every handout: no \href or \url, no huge sizes or macro bombs. */
export const KATEX_OPTIONS = { trust: false, strict: 'ignore', maxSize: 20, maxExpand: 1000, throwOnError: false } as const;

export const renderTex: RenderTex = (tex, display) => katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });

let css: string | undefined;

/**
 * KaTeX's stylesheet with each font as a data: URL, so the handout is one file that prints the same
 * offline. Only the woff2 files are kept (about 400 kB in base64); every browser that prints reads woff2.
 */
export function katexCssInlined(): string {
	if (css !== undefined) return css;
	const dist = join(dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist');
	const raw = readFileSync(join(dist, 'katex.min.css'), 'utf8');
	css = raw.replace(/src:\s*url\((fonts\/[^)]+\.woff2)\)\s*format\("woff2"\)(?:\s*,\s*url\([^)]+\)\s*format\("[a-z]+"\))*/g, (_all, file: string) => {
		const data = readFileSync(join(dist, file)).toString('base64');
		return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
	});
	return css;
}
