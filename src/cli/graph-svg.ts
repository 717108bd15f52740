import { layoutTrace } from '../lib/adapters/elk-node.ts';
import type { GraphView } from '../lib/core/handout/files.ts';
import { printableGraph, staticSvg, type GraphPrint } from '../lib/core/handout/graph-print.ts';
import { defaultCollapsed } from '../lib/core/layout/elk-input.ts';
import { sceneAt } from '../lib/core/layout/scene.ts';
import { sceneToSvg, type SvgTheme } from '../lib/core/layout/svg.ts';
import type { GraphLayout } from '../lib/core/layout/types.ts';
import type { Trace } from '../lib/core/trace/build.ts';
import { LayoutCache } from '../lib/state/layout-cache.ts';

/**
 * Layouts made in this run, by structure and folding: a class set's sheets share one program's
 * shape with other numbers, so thirty students cost one ELK layout, not thirty.
 */
const layouts = new LayoutCache();

function laidOut(trace: Trace, collapsed: ReadonlySet<number>): Promise<GraphLayout> {
	return layouts.get(LayoutCache.key(trace, collapsed), () => layoutTrace(trace, collapsed));
}

export interface GraphSvgOptions {
	readonly sig?: number;
	readonly theme?: SvgTheme;
	readonly title?: string;
	/** Mark the step's node and wires as current (`--step K`); a handout's picture has no current step. */
	readonly highlight?: boolean;
}

/**
 * The graph at step `view.step` (0-based, in `view.granularity`) as a standalone SVG document,
 * laid out by ELK the way the page lays it out (big vector statements folded into boxes), with
 * values and gradients on the wires up to that step. The last step shows every value and gradient.
 */
export async function graphSvg(trace: Trace, view: GraphView, opts: GraphSvgOptions = {}): Promise<string> {
	// Drawn as the handout reads: one box per assignment when its rows are per assignment.
	const layout = await laidOut(trace, defaultCollapsed(trace, view.granularity));
	if (!opts.highlight) return staticSvg(trace, layout, view, opts);
	return sceneToSvg(sceneAt(trace, layout, view.granularity, view.step, opts.sig), { theme: opts.theme ?? 'light', title: opts.title });
}

/** The graph a handout prints: cut or folded so no label is under 7 pt on paper, or left out with a note. */
export function graphPrint(trace: Trace, view: GraphView, opts: { sig?: number; title?: string } = {}): Promise<GraphPrint> {
	return printableGraph(trace, view, (collapsed) => laidOut(trace, collapsed), {
		...opts,
		svgHint: 'run `chainstep export FILE --format svg -o graph.svg`'
	});
}

/** The pixel size an SVG document declares, for printing it on a page of its own size. */
export function svgSize(svg: string): { width: number; height: number } {
	const w = /<svg[^>]*\swidth="([\d.]+)"/.exec(svg);
	const h = /<svg[^>]*\sheight="([\d.]+)"/.exec(svg);
	return { width: w ? Number(w[1]) : 800, height: h ? Number(h[1]) : 600 };
}
