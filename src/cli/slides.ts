import type { Browser } from 'playwright-core';
import { layoutTrace } from '../lib/adapters/elk-node.ts';
import { stepsFor } from '../lib/core/handout/one-step.ts';
import { SLIDE_HEIGHT_IN, SLIDE_WIDTH_IN, slidePages, slidesHtml } from '../lib/core/handout/slides.ts';
import { defaultCollapsed } from '../lib/core/layout/elk-input.ts';
import type { Trace } from '../lib/core/trace/build.ts';
import type { Granularity } from '../lib/core/trace/steps.ts';
import { katexCssInlined, renderTex, renderTexForPrint } from './katex-assets.ts';
import { printPdf } from './pdf.ts';

export interface SlidesExport {
	readonly granularity: Granularity;
	readonly sig?: number;
	readonly title?: string;
	readonly titlePage: boolean;
	/** Only this step (0-based): `--step K` with html or pdf. */
	readonly only?: number;
}

/** The slides as one HTML document: the graph is laid out once, then drawn at every step. */
export async function slidesDocument(t: Trace, opts: SlidesExport, forPrint = false): Promise<string> {
	const layout = await layoutTrace(t, defaultCollapsed(t, opts.granularity));
	const n = stepsFor(t, opts.granularity).length;
	const ks = opts.only !== undefined ? [opts.only] : Array.from({ length: n }, (_, k) => k);
	const { pages, wide } = slidePages(t, layout, opts.granularity, ks, opts.sig);
	return slidesHtml(pages, n, { title: opts.title, titlePage: opts.titlePage, program: t.graph.source, renderTex: forPrint ? renderTexForPrint : renderTex, katexCss: katexCssInlined(), wide });
}

/** `--format pdf --slides`: one 16:9 page per step (and a title page when asked). */
export async function slidesPdf(browser: Browser, t: Trace, opts: SlidesExport): Promise<Uint8Array> {
	return printPdf(browser, await slidesDocument(t, opts, true), { width: `${SLIDE_WIDTH_IN}in`, height: `${SLIDE_HEIGHT_IN}in` });
}
