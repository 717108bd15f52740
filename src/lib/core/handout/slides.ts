import { CONTROLS_H, focusOf, FOLLOW_SCALE, followView, READABLE_SCALE, visibleRect, type Rect, type Size, type View } from '../layout/camera.ts';
import { sceneAt, type Scene } from '../layout/scene.ts';
import { sceneToSvg } from '../layout/svg.ts';
import type { GraphLayout } from '../layout/types.ts';
import type { Trace } from '../trace/build.ts';
import type { Granularity } from '../trace/steps.ts';
import type { StepText } from '../trace/tex.ts';
import { stackEquals } from '../tex/stack.ts';
import { oneStepText } from './one-step.ts';

/** A projector's 16:9 page, in inches (PowerPoint's widescreen size). */
export const SLIDE_WIDTH_IN = 13.333;
export const SLIDE_HEIGHT_IN = 7.5;

export interface SlidePage {
	/** The step's 0-based index in the trace. */
	readonly k: number;
	/** The graph at this step, an SVG document with a viewBox (it is scaled to the page). */
	readonly svg: string;
	readonly text: StepText;
}

export interface SlidesOptions {
	readonly title?: string;
	/** Put a page with the title and the program before the steps. */
	readonly titlePage: boolean;
	readonly program: string;
	readonly renderTex: (tex: string, display: boolean) => string;
	readonly katexCss: string;
	/** A wide graph (an MLP) goes above the math, across the page, instead of beside it. */
	readonly wide?: boolean;
}

/** Wider than this (width / height), the graph is drawn across the page above the math. */
export const WIDE_GRAPH = 1.8;

/** CSS pixels per inch: the page's px, as the slide's stylesheet below sets its sizes. */
const PX = 96;

/**
 * The inside of the graph's box on a slide, in CSS px, from the stylesheet below: the page less
 * its padding, the header row and the gaps; across the page (wide) it is the 0.7fr row of two,
 * beside the math the 1.2fr column of two; less the box's own padding and border.
 */
export function slideGraphBox(wide: boolean): Size {
	const inner = { w: (SLIDE_WIDTH_IN - 0.9) * PX, h: (SLIDE_HEIGHT_IN - 0.7) * PX - 28 - 0.2 * PX };
	const box = wide ? { w: inner.w, h: ((inner.h - 0.2 * PX) * 0.7) / 2 } : { w: ((inner.w - 0.35 * PX) * 1.2) / 2.2, h: inner.h };
	return { w: box.w - 18, h: box.h - 18 };
}

/**
 * What each slide shows of the graph: all of it when it reads at the box's size (the page's own
 * rule, READABLE_SCALE), else, as present mode follows the step, a window at the drawing's own
 * size around the step's nodes and what they read, moving only when the step would leave it.
 */
export function slideCrops(scenes: readonly Scene[], box: Size): (Rect | undefined)[] {
	const first = scenes[0];
	if (!first) return [];
	const content = { w: first.width, h: first.height };
	if (Math.min(box.w / content.w, box.h / content.h) >= READABLE_SCALE) return scenes.map(() => undefined);
	// The camera keeps a strip clear for the page's zoom buttons (CONTROLS_H); a slide has none.
	const view = { w: box.w, h: box.h + CONTROLS_H };
	let at: View = { scale: Number.NaN, tx: 0, ty: 0 };
	return scenes.map((scene) => {
		const current = scene.nodes.filter((n) => n.state === 'current');
		const reads = scene.nodes.filter((n) => n.state === 'read');
		const focus = current.length ? focusOf(view, FOLLOW_SCALE, current, reads) : undefined;
		if (focus) at = followView(view, content, at, FOLLOW_SCALE, focus);
		else if (Number.isNaN(at.scale)) at = followView(view, content, at, FOLLOW_SCALE, { x: 0, y: 0, width: 1, height: 1 });
		return { ...visibleRect(view, at), height: box.h };
	});
}

/** The pages of steps `ks`: the graph laid out once, drawn at each step (cropped where it must be), and the step's text. */
export function slidePages(t: Trace, layout: GraphLayout, granularity: Granularity, ks: readonly number[], sig?: number): { pages: SlidePage[]; wide: boolean } {
	const wide = layout.width > WIDE_GRAPH * layout.height;
	const scenes = ks.map((k) => sceneAt(t, layout, granularity, k, sig));
	const crops = slideCrops(scenes, slideGraphBox(wide));
	const pages = ks.map((k, i) => ({ k, svg: sceneToSvg(scenes[i], { theme: 'light', crop: crops[i] }), text: oneStepText(t, granularity, k, sig) }));
	return { pages, wide };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * One 16:9 page per step: the graph at that step on the left, the step's heading, math and
 * words on the right, in type large enough to read from the back of a lecture hall (the math
 * at 26 px on a 1280 px-wide page, about 3% of the width, as slide decks set their body text).
 * Beside the graph, a chain of forms `a = b = c` is stacked one form a row, as in present mode, so it
 * never runs off its column; under a wide graph the math has the page's width and stays on one row.
 */
export function slidesHtml(pages: readonly SlidePage[], n: number, opts: SlidesOptions): string {
	const slides = pages.map(
		(p) => `<section class="slide${opts.wide ? ' wide' : ''}">
<header><span class="deck">${esc(opts.title ?? 'chainstep')}</span><span class="count">step ${p.k + 1} / ${n}</span></header>
<div class="graph">${p.svg}</div>
<div class="text"><h2>${esc(p.text.title)}</h2>${p.text.lines
			.map((l) => `<div class="line">${l.caption ? `<span class="caption">${esc(l.caption)}</span>` : ''}${opts.renderTex(opts.wide ? l.tex : stackEquals(l.tex), true)}</div>`)
			.join('')}<p class="words">${esc(p.text.words)}</p></div>
</section>`
	);
	const title = opts.titlePage
		? `<section class="slide title-page"><h1>${esc(opts.title ?? 'Backpropagation, step by step')}</h1><pre>${esc(opts.program.trim())}</pre><p>${n} steps</p></section>`
		: '';
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(opts.title ?? 'chainstep slides')}</title><style>
${opts.katexCss}
@page { size: ${SLIDE_WIDTH_IN}in ${SLIDE_HEIGHT_IN}in; margin: 0; }
html, body { margin: 0; background: #fff; color: #1f2328; font: 22px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
.slide { width: ${SLIDE_WIDTH_IN}in; height: ${SLIDE_HEIGHT_IN}in; box-sizing: border-box; padding: 0.35in 0.45in; break-after: page; overflow: hidden;
  display: grid; grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr); grid-template-rows: auto minmax(0, 1fr); gap: 0.2in 0.35in; }
.slide:last-child { break-after: auto; }
.slide.wide { grid-template-columns: minmax(0, 1fr); grid-template-rows: auto minmax(0, 0.7fr) minmax(0, 1.3fr); }
.wide .words { margin: 0.05in 0 0; font-size: 19px; }
.wide h2 { margin-bottom: 0.05in; }
.wide .line { padding: 0; }
header { grid-column: 1 / -1; display: flex; justify-content: space-between; color: #59636e; font-size: 20px; }
.count { font: 700 22px ui-monospace, 'DejaVu Sans Mono', monospace; color: #1f2328; }
/* The drawing is scaled to fill its box (its viewBox keeps the proportions): a small graph is projected large. */
.graph { min-height: 0; box-sizing: border-box; border: 1px solid #d0d7de; border-radius: 8px; padding: 8px; }
.graph svg { display: block; width: 100%; height: 100%; }
.text { min-height: 0; overflow: hidden; }
h2 { margin: 0 0 0.15in; font-size: 30px; }
.line { font-size: 26px; border-bottom: 1px dashed #d0d7de; padding: 4px 0; }
.line:last-of-type { border-bottom: 0; }
.caption { display: block; font-size: 18px; color: #59636e; }
.katex-display { margin: 0.1em 0; overflow: hidden; }
.words { font-size: 22px; color: #1f2328; }
.title-page { display: flex; flex-direction: column; justify-content: center; }
.title-page h1 { font-size: 48px; margin: 0 0 0.3in; }
.title-page pre { font: 24px/1.4 ui-monospace, 'DejaVu Sans Mono', monospace; background: #f6f8fa; padding: 0.2in; border-radius: 8px; }
</style></head><body>${title}${slides.join('\n')}</body></html>`;
}
