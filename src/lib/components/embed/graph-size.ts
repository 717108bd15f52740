import type { GraphLayout } from '$lib/core/layout/types';

/** Height of the graph's box before its layout is known, and the most it may take. */
export const MIN_GRAPH_HEIGHT = 192;
export const MAX_GRAPH_HEIGHT = 384;
/** GraphView's fit margins (12 px each side) and the row of zoom buttons along its bottom. */
const MARGINS = 24;
const BUTTONS = 40;

/**
 * The box height that shows the whole drawing at the scale GraphView's fit will choose for
 * this width: a short, wide graph gets a short box instead of a band of empty space.
 */
export function graphHeight(layout: GraphLayout | null, width: number): number {
	if (!layout || width <= MARGINS || layout.width <= 0) return MIN_GRAPH_HEIGHT;
	const scale = Math.min(1, (width - MARGINS) / layout.width);
	const natural = Math.ceil(layout.height * scale + MARGINS + BUTTONS);
	return Math.min(MAX_GRAPH_HEIGHT, Math.max(MIN_GRAPH_HEIGHT, natural));
}
