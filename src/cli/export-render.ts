import type { Browser } from 'playwright-core';
import type { Blanks } from '../lib/core/handout/blanks.ts';
import { graphViewFor, handoutText, type GraphView } from '../lib/core/handout/files.ts';
import type { GraphPrint } from '../lib/core/handout/graph-print.ts';
import type { Paper } from '../lib/core/handout/latex.ts';
import type { Trace } from '../lib/core/trace/build.ts';
import type { Granularity } from '../lib/core/trace/steps.ts';
import { graphPrint, graphSvg } from './graph-svg.ts';
import { katexCssInlined, renderTex, renderTexForPrint } from './katex-assets.ts';
import { printPdf } from './pdf.ts';

export const FORMATS = ['md', 'tex', 'html', 'svg', 'pdf'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export interface ExportOptions {
	readonly format: ExportFormat;
	readonly sig?: number;
	readonly blanks?: Blanks;
	readonly title?: string;
	readonly paper?: Paper;
	/** Rows per scalar step or per assignment; `auto` by the trace's length. */
	readonly rows?: Granularity | 'auto';
	/** SVG: the step to draw (0-based, in the granularity of `rows`, scalar for `auto`), highlighted; default the handout's static picture. */
	readonly step?: number;
	/** The printed graph, when the caller already made it (to write its pieces beside the file). */
	readonly graph?: GraphPrint;
	/** Markdown: where each piece of the graph was written, relative to the .md file. */
	readonly graphHrefs?: readonly string[];
	/** LaTeX: a PDF of each piece, relative to the .tex file; without them the LaTeX has no graph. */
	readonly graphFiles?: readonly string[];
}

/** The picture `--format svg` draws: a chosen step, or the handout's own (static) view. */
export function svgView(t: Trace, opts: Pick<ExportOptions, 'step' | 'rows' | 'blanks'>): GraphView {
	if (opts.step === undefined) return graphViewFor(t, opts.blanks, opts.rows);
	return { granularity: opts.rows === 'group' ? 'group' : 'scalar', step: opts.step };
}

/** One handout in one format: text for md, tex, html and svg; bytes for pdf. */
export async function renderExport(t: Trace, opts: ExportOptions, browser?: () => Promise<Browser>): Promise<string | Uint8Array> {
	if (opts.format === 'svg') return graphSvg(t, svgView(t, opts), { sig: opts.sig, title: opts.title, highlight: opts.step !== undefined });
	const printed = () => opts.graph ?? graphPrint(t, graphViewFor(t, opts.blanks, opts.rows), { sig: opts.sig, title: opts.title });
	// pdflatex reads no SVG: the LaTeX handout has a graph only when the caller wrote its pieces as files.
	const graph = opts.format === 'tex' && !opts.graph ? undefined : await printed();
	const deps = { renderTex: opts.format === 'pdf' ? renderTexForPrint : renderTex, katexCss: katexCssInlined(), graph };
	const fileOpts = { ...opts, granularity: opts.rows };
	if (opts.format !== 'pdf') return handoutText(t, opts.format, fileOpts, deps);
	if (!browser) throw new Error('PDF output needs a browser');
	return printPdf(await browser(), handoutText(t, 'html', fileOpts, deps), opts.paper === 'letter' ? 'Letter' : 'A4');
}
