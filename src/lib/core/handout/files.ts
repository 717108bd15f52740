import { assertNever } from '../language/ast.ts';
import type { Trace } from '../trace/build.ts';
import type { Blanks } from './blanks.ts';
import type { GraphPrint } from './graph-print.ts';
import { handoutHtml, type RenderTex } from './html.ts';
import { handoutLatex, type Paper } from './latex.ts';
import { handoutMarkdown } from './markdown.ts';
import { buildHandout, handoutGranularity } from './model.ts';
import { backwardStartOf, stepsOf } from '../trace/progress.ts';
import type { Granularity } from '../trace/steps.ts';

/** The handout formats that are text; PDF is printed from the HTML by a browser. */
export const TEXT_FORMATS = ['md', 'tex', 'html', 'svg'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

export interface HandoutFileOptions {
	readonly sig?: number;
	readonly blanks?: Blanks;
	readonly title?: string;
	readonly paper?: Paper;
	/** Rows per scalar step or per assignment; `auto` (the default) by the trace's length. */
	readonly granularity?: Granularity | 'auto';
	/** Markdown: where each piece of the graph was written, relative to the .md file. */
	readonly graphHrefs?: readonly string[];
	/** LaTeX: a PDF or PNG of each piece of the graph, relative to the .tex file. */
	readonly graphFiles?: readonly string[];
}

/** What the caller brings from outside the core: KaTeX, its stylesheet, and the drawn graph. */
export interface HandoutFileDeps {
	readonly renderTex: RenderTex;
	readonly katexCss: string;
	/** The graph as the handout prints it (`printableGraph`): pieces that print readably, or a note. */
	readonly graph?: GraphPrint;
	/** The `svg` format: the graph as one SVG document, already drawn at the step asked for. */
	readonly graphSvg?: string;
}

/** One handout as one text file. The CLI and the page's Export menu both come through here. */
export function handoutText(t: Trace, format: TextFormat, opts: HandoutFileOptions, deps: HandoutFileDeps): string {
	const handout = () => buildHandout(t, { sig: opts.sig, blanks: opts.blanks, title: opts.title, granularity: opts.granularity });
	switch (format) {
		case 'md':
			return handoutMarkdown(handout(), { graph: deps.graph, graphHrefs: opts.graphHrefs });
		case 'tex':
			return handoutLatex(handout(), { paper: opts.paper, graph: deps.graph, graphFiles: opts.graphFiles });
		case 'html':
			return handoutHtml(handout(), { renderTex: deps.renderTex, katexCss: deps.katexCss, graph: deps.graph });
		case 'svg':
			return deps.graphSvg ?? '';
		default:
			return assertNever(format);
	}
}

/** Which picture of the graph a handout prints: a step, in the granularity its rows use. */
export interface GraphView {
	readonly granularity: Granularity;
	/** 0-based index into that granularity's steps; -1 shows only the inputs. */
	readonly step: number;
}

/**
 * The graph a handout prints, drawn as its rows read. A worksheet must not show its answers on
 * the wires: with gradients blanked, the graph stops after the forward pass; with chosen steps
 * blanked (which may be forward values), it shows only the inputs.
 */
export function graphViewFor(t: Trace, blanks: Blanks = 'none', rows: Granularity | 'auto' = 'auto'): GraphView {
	const granularity = handoutGranularity(t, { granularity: rows });
	const steps = stepsOf(t, granularity);
	if (blanks === 'none') return { granularity, step: steps.length - 1 };
	if (blanks === 'all-gradients') return { granularity, step: backwardStartOf(t, granularity) - 1 };
	return { granularity, step: -1 };
}

/**
 * The file a piece of the graph is written to beside a handout named `stem` (its name without
 * the extension): `prog-graph.svg`, or `prog-graph-1.pdf`, `prog-graph-2.pdf`, … for a graph cut
 * into pieces. pdflatex reads an `\includegraphics` name raw (`übung`, `#`, `&`, `{`, `%`, `~`
 * and even `_` break it), so the name keeps only ASCII letters, digits and `-`: accents are
 * dropped (übung → ubung) and any other run of characters becomes one `-`.
 */
export function graphFileName(stem: string, piece: number, pieces: number, ext: string): string {
	const safe =
		stem
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^A-Za-z0-9-]+/g, '-')
			.replace(/^-+|-+$/g, '') || 'handout';
	return pieces === 1 ? `${safe}-graph.${ext}` : `${safe}-graph-${piece + 1}.${ext}`;
}
