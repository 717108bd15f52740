import { CONTROLS_H, FIT_MARGIN, READABLE_SCALE } from '$lib/core/layout/camera';
import type { GraphLayout } from '$lib/core/layout/types';

/** Height of the graph's box before its layout is known, and the most it may take. */
export const MIN_GRAPH_HEIGHT = 192;
export const MAX_GRAPH_HEIGHT = 384;
/** GraphView's fit margins (12 px each side). */
const MARGINS = 2 * FIT_MARGIN;

/**
 * The box height that shows the whole drawing at the scale GraphView's fit will choose for
 * this width: a short, wide graph gets a short box instead of a band of empty space. A graph
 * too wide to read whole is followed at a readable zoom instead (camera.ts): it gets the tallest box.
 */
export function graphHeight(layout: GraphLayout | null, width: number): number {
	if (!layout || width <= MARGINS || layout.width <= 0) return MIN_GRAPH_HEIGHT;
	const byWidth = (width - MARGINS) / layout.width;
	if (byWidth < READABLE_SCALE) return MAX_GRAPH_HEIGHT;
	const scale = Math.min(1, byWidth);
	const natural = Math.ceil(layout.height * scale + MARGINS + CONTROLS_H);
	return Math.min(MAX_GRAPH_HEIGHT, Math.max(MIN_GRAPH_HEIGHT, natural));
}
