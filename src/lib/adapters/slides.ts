import { fontFaceCss, katexCss } from 'virtual:katex-css';
import { oneStepLatex, oneStepText, stepsFor } from '$lib/core/handout/one-step';
import { slidePages, slidesHtml } from '$lib/core/handout/slides';
import { defaultCollapsed } from '$lib/core/layout/elk-input';
import type { Trace } from '$lib/core/trace/build';
import type { Granularity } from '$lib/core/trace/steps';
import { layoutTrace } from './elk';
import { renderTex } from './katex';

/**
 * Slides from the page, as `chainstep export --format pdf --slides`: one 16:9 page per step,
 * printed by the browser (the page's @page size is 16:9). Loaded only when asked for.
 */
export async function pageSlides(x: { trace: Trace; granularity: Granularity; sig: number; title: string }): Promise<{ filename: string; mime: string; text: string }> {
	// Laid out with the handout's default folding, as the CLI does, so both give the same pages.
	const layout = await layoutTrace(x.trace, defaultCollapsed(x.trace, x.granularity));
	const ks = stepsFor(x.trace, x.granularity).map((_, k) => k);
	const { pages, wide } = slidePages(x.trace, layout, x.granularity, ks, x.sig);
	const text = slidesHtml(pages, pages.length, {
		title: x.title,
		titlePage: true,
		program: x.trace.graph.source,
		renderTex: (tex, display) => renderTex(tex, display),
		katexCss: `${fontFaceCss}\n${katexCss}`,
		wide
	});
	return { filename: 'chainstep-slides.html', mime: 'text/html', text };
}

/** The step on screen as LaTeX, for "Copy LaTeX". */
export function stepLatex(trace: Trace, granularity: Granularity, k: number, sig: number): string {
	return oneStepLatex(oneStepText(trace, granularity, k, sig), k, stepsFor(trace, granularity).length);
}
