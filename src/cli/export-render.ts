import type { Browser } from 'playwright-core';
import type { Blanks } from '../lib/core/handout/blanks.ts';
import { graphViewFor, handoutText } from '../lib/core/handout/files.ts';
import type { Paper } from '../lib/core/handout/latex.ts';
import type { Trace } from '../lib/core/trace/build.ts';
import { graphSvg } from './graph-svg.ts';
import { katexCssInlined, renderTex } from './katex-assets.ts';
import { printPdf } from './pdf.ts';

export const FORMATS = ['md', 'tex', 'html', 'svg', 'pdf'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export interface ExportOptions {
	readonly format: ExportFormat;
	readonly sig?: number;
	readonly blanks?: Blanks;
	readonly title?: string;
	readonly paper?: Paper;
	/** 0-based scalar step the graph shows; default the last. */
	readonly step?: number;
	/** Markdown: where the graph picture was written, relative to the .md file. */
	readonly graphHref?: string;
	/** LaTeX: a PDF or PNG of the graph, relative to the .tex file. */
	readonly graphFile?: string;
}

/** One handout in one format: text for md, tex, html and svg; bytes for pdf. */
export async function renderExport(t: Trace, opts: ExportOptions, browser?: () => Promise<Browser>): Promise<string | Uint8Array> {
	const view = opts.step === undefined ? graphViewFor(t, opts.blanks) : { granularity: 'scalar' as const, step: opts.step };
	const svg = opts.format === 'tex' ? undefined : await graphSvg(t, view, { sig: opts.sig, title: opts.title });
	const deps = { renderTex, katexCss: katexCssInlined(), graphSvg: svg };
	if (opts.format !== 'pdf') return handoutText(t, opts.format, opts, deps);
	if (!browser) throw new Error('PDF output needs a browser');
	return printPdf(await browser(), handoutText(t, 'html', opts, deps), opts.paper === 'letter' ? 'Letter' : 'A4');
}
