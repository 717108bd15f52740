import { fontFaceCss, katexCss } from 'virtual:katex-css';
import { graphViewFor, handoutText, type TextFormat } from '$lib/core/handout/files';
import type { Blanks } from '$lib/core/handout/blanks';
import { printableGraph, type GraphPrint } from '$lib/core/handout/graph-print';
import { sceneAt } from '$lib/core/layout/scene';
import { sceneToSvg } from '$lib/core/layout/svg';
import type { GraphLayout } from '$lib/core/layout/types';
import type { Trace } from '$lib/core/trace/build';
import type { Granularity } from '$lib/core/trace/steps';
import { layoutTrace } from './elk';
import { LayoutCache } from '$lib/state/layout-cache';
import { classKeyText, classSheetsText, type ClassFormat } from '$lib/core/handout/class-files';
import { classSet, seedStudents } from '$lib/core/handout/class-set';
import { DEFAULT_TITLE } from '$lib/core/handout/model';
import { renderTex } from './katex';

/**
 * Handouts in the browser: the same writers as `chainstep export`, with KaTeX and its fonts
 * (inlined, so the file stands alone) from the page. Loaded only when Export is used: the
 * inlined fonts are far too heavy for the first view.
 */
export interface PageExport {
	readonly format: TextFormat;
	readonly trace: Trace;
	/** The graph as the page lays it out, or null before ELK has answered: then no picture. */
	readonly layout: GraphLayout | null;
	readonly sig: number;
	readonly worksheet: boolean;
	readonly title: string;
	/** Base of the file name: the example id, or "chainstep". */
	readonly name: string;
	/** For the SVG: the step on screen (0-based) in the granularity on screen. */
	readonly step: number;
	readonly granularity: Granularity;
	/** Handout rows per scalar step or per assignment; `auto` by the trace's length, as the CLI. */
	readonly rows: Granularity | 'auto';
}

export interface ExportFile {
	readonly filename: string;
	readonly mime: string;
	readonly text: string;
}

const MIME: Record<TextFormat, string> = {
	md: 'text/markdown',
	tex: 'application/x-tex',
	html: 'text/html',
	svg: 'image/svg+xml'
};

/**
 * A handout, or the graph on screen. The SVG is the page's own drawing at the step on screen,
 * highlight included; a handout's graph is laid out as its rows read (as `chainstep export` does)
 * and cut or folded to print readably, without a current step.
 */
export async function pageExport(x: PageExport): Promise<ExportFile> {
	const blanks: Blanks = x.worksheet ? 'all-gradients' : 'none';
	let graphSvg: string | undefined;
	let graph: GraphPrint | undefined;
	if (x.format === 'svg')
		graphSvg = x.layout ? sceneToSvg(sceneAt(x.trace, x.layout, x.granularity, x.step, x.sig), { theme: 'light', title: x.title }) : undefined;
	else
		graph = await printableGraph(x.trace, graphViewFor(x.trace, blanks, x.rows), (c) => layoutTrace(x.trace, c), {
			sig: x.sig,
			title: x.title,
			svgHint: 'choose Export → “Graph at this step (.svg)” at the last step'
		}).catch(() => undefined); // No layout (the ELK worker failed): the handout without its picture.
	const text = handoutText(
		x.trace,
		x.format,
		{ sig: x.sig, blanks, title: x.title, granularity: x.rows },
		{ renderTex: (tex, display) => renderTex(tex, display), katexCss: `${fontFaceCss}\n${katexCss}`, graph, graphSvg }
	);
	const suffix = x.format === 'svg' ? `-graph-step${x.step + 1}` : x.worksheet ? '-worksheet' : '';
	return { filename: `${x.name}${suffix}.${x.format}`, mime: MIME[x.format], text };
}

/**
 * A class set from the page, as `chainstep export --worksheet --seeds 1-N`: every student's
 * worksheet (the program on screen with new numbers from seeds 1 to N) in one file, and one
 * key with all their answers. The sheets share the program's shape, so one layout (in ELK's
 * worker, off the page's thread) draws every student's graph with their own numbers; LaTeX gets
 * none, as a single handout from the page does (pdflatex reads no SVG).
 */
export async function pageClassSet(
	x: Omit<PageExport, 'format' | 'worksheet' | 'layout' | 'step' | 'granularity'>,
	students: number,
	format: ClassFormat
): Promise<[ExportFile, ExportFile]> {
	const set = classSet(x.trace.graph.source, seedStudents(Array.from({ length: students }, (_, i) => i + 1)), { blanks: 'all-gradients', sig: x.sig, title: x.title, granularity: x.rows });
	if (!set.ok) throw new Error(set.message);
	const deps = { renderTex: (tex: string, display: boolean) => renderTex(tex, display), katexCss: `${fontFaceCss}\n${katexCss}` };
	const layouts = new LayoutCache();
	const laidOut = (t: Trace, collapsed: ReadonlySet<number>) => layouts.get(LayoutCache.key(t, collapsed), () => layoutTrace(t, collapsed));
	const graphs =
		format === 'tex'
			? undefined
			: await Promise.all(
					set.sheets.map((s) =>
						printableGraph(s.trace, graphViewFor(s.trace, 'all-gradients', x.rows), (c) => laidOut(s.trace, c), { sig: x.sig, title: s.handout.title }).catch(() => undefined)
					)
				);
	return [
		{ filename: `${x.name}-class-set.${format}`, mime: MIME[format], text: classSheetsText(set.sheets, format, { ...deps, graphs }) },
		{ filename: `${x.name}-class-set-key.${format}`, mime: MIME[format], text: classKeyText(set.sheets, format, deps, x.title.trim() || DEFAULT_TITLE) }
	];
}

export function download(file: ExportFile): void {
	const url = URL.createObjectURL(new Blob([file.text], { type: `${file.mime};charset=utf-8` }));
	const a = document.createElement('a');
	a.href = url;
	a.download = file.filename;
	a.click();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Print / PDF: the browser prints the self-contained HTML handout (its print stylesheet
 * paginates). `into` is a window opened at the click, before the handout was built: a window
 * opened later may be refused as a pop-up.
 */
export function openPrintable(file: ExportFile, into?: Window | null): Window | null {
	const url = URL.createObjectURL(new Blob([file.text], { type: 'text/html;charset=utf-8' }));
	let w = into ?? null;
	if (w) w.location.href = url;
	else w = window.open(url, '_blank');
	const win = w;
	win?.addEventListener('load', () => win.print(), { once: true });
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
	return w;
}
