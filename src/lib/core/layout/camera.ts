/**
 * The camera over a graph drawing: which part of it the viewport shows, and at what scale.
 * Pure geometry (no DOM), shared by the live view, the embed's box height and its tests.
 * A view maps a drawing point p to the screen point p * scale + (tx, ty).
 */

export interface Size {
	readonly w: number;
	readonly h: number;
}

export interface Rect {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

export interface View {
	readonly scale: number;
	readonly tx: number;
	readonly ty: number;
}

/**
 * fit: the whole drawing, as large as fits. follow: a readable zoom that keeps the current
 * step on screen, panning only when it would leave the view.
 */
export type ZoomMode = 'fit' | 'follow';

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 4;
export const FIT_MARGIN = 12;
/** Fit may enlarge a small graph this much: bigger than 1:1 reads better, far bigger looks broken. */
export const FIT_MAX_SCALE = 1.25;
/** Height kept clear for the zoom buttons (2rem plus their 0.5rem inset), in CSS pixels. */
export const CONTROLS_H = 44;
/** The smallest text the graph draws at 1:1 (a node's op symbol, see GRAPH_FONT in metrics.ts). */
export const SMALLEST_FONT_PX = 11;
/** No graph text the student reads may be smaller than this on screen (CSS px). */
export const READABLE_PX = 9;
/** Below this scale the smallest text drops under READABLE_PX: fit stops being the default. */
export const READABLE_SCALE = READABLE_PX / SMALLEST_FONT_PX;
/** The scale follow opens at: the drawing's own size, text 11-13 px. */
export const FOLLOW_SCALE = 1;

/** The part of the viewport a fitted drawing may use: the zoom buttons' row stays clear. */
function usable(view: Size): Size {
	return { w: view.w, h: Math.max(view.h - CONTROLS_H, view.h / 2) };
}

/** The scale at which the whole drawing fits the viewport. */
export function fitScale(view: Size, content: Size): number {
	if (view.w <= 0 || view.h <= 0 || content.w <= 0 || content.h <= 0) return 1;
	const u = usable(view);
	const s = Math.min((u.w - 2 * FIT_MARGIN) / content.w, (u.h - 2 * FIT_MARGIN) / content.h, FIT_MAX_SCALE);
	return Math.max(MIN_SCALE, s);
}

export function fitView(view: Size, content: Size): View {
	const scale = fitScale(view, content);
	const u = usable(view);
	return { scale, tx: (u.w - content.w * scale) / 2, ty: (u.h - content.h * scale) / 2 };
}

/** The mode a graph opens in: the whole drawing when it reads at that size, else follow. */
export function autoZoom(view: Size, content: Size): ZoomMode {
	return fitScale(view, content) >= READABLE_SCALE ? 'fit' : 'follow';
}

/** Bounding box of some rectangles, or undefined for none. */
export function union(rs: readonly Rect[]): Rect | undefined {
	if (rs.length === 0) return undefined;
	let x0 = Infinity;
	let y0 = Infinity;
	let x1 = -Infinity;
	let y1 = -Infinity;
	for (const r of rs) {
		x0 = Math.min(x0, r.x);
		y0 = Math.min(y0, r.y);
		x1 = Math.max(x1, r.x + r.width);
		y1 = Math.max(y1, r.y + r.height);
	}
	return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * What follow keeps on screen: the step's nodes with the nodes it reads when they fit at this
 * scale, else the step's own nodes, else the first of them. `current` is never empty when called.
 */
export function focusOf(view: Size, scale: number, current: readonly Rect[], reads: readonly Rect[]): Rect | undefined {
	const u = usable(view);
	const fits = (r: Rect | undefined) => !!r && (r.width + 2 * FIT_MARGIN) * scale <= u.w && (r.height + 2 * FIT_MARGIN + 18) * scale <= u.h;
	const all = union([...current, ...reads]);
	if (fits(all)) return all;
	const mine = union(current);
	if (fits(mine)) return mine;
	return current[0];
}

/**
 * Keep `focus` on screen at `scale`: if it is already wholly visible the view does not move
 * (click targets stay put while stepping nearby); otherwise it is centred, without showing
 * empty space past the drawing's edges when the drawing is larger than the view.
 */
export function followView(view: Size, content: Size, at: View, scale: number, focus: Rect): View {
	const u = usable(view);
	// The ▼ marker above the current node is part of what must be seen.
	const top = focus.y - 18;
	const left = focus.x * scale + at.tx;
	const right = (focus.x + focus.width) * scale + at.tx;
	const y0 = top * scale + at.ty;
	const y1 = (focus.y + focus.height) * scale + at.ty;
	if (scale === at.scale && left >= FIT_MARGIN / 2 && right <= u.w - FIT_MARGIN / 2 && y0 >= FIT_MARGIN / 2 && y1 <= u.h - FIT_MARGIN / 2) return at;
	const axis = (len: number, contentLen: number, centre: number) => {
		const drawn = contentLen * scale;
		if (drawn + 2 * FIT_MARGIN <= len) return (len - drawn) / 2;
		return Math.min(FIT_MARGIN, Math.max(len - drawn - FIT_MARGIN, len / 2 - centre * scale));
	};
	return {
		scale,
		tx: axis(u.w, content.w, focus.x + focus.width / 2),
		ty: axis(u.h, content.h, (top + focus.y + focus.height) / 2)
	};
}

/** Zoom by `factor` keeping the screen point (cx, cy) still. */
export function zoomAt(at: View, factor: number, cx: number, cy: number): View {
	const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, at.scale * factor));
	const k = scale / at.scale;
	return { scale, tx: cx - (cx - at.tx) * k, ty: cy - (cy - at.ty) * k };
}

/** The drawing-space rectangle the viewport shows (the overview's frame). */
export function visibleRect(view: Size, at: View): Rect {
	return { x: -at.tx / at.scale, y: -at.ty / at.scale, width: view.w / at.scale, height: view.h / at.scale };
}

/** Whether the whole drawing is on screen (then no overview is needed). */
export function showsAll(view: Size, content: Size, at: View): boolean {
	const r = visibleRect(view, at);
	return r.x <= 0.5 && r.y <= 0.5 && r.x + r.width >= content.w - 0.5 && r.y + r.height >= content.h - 0.5;
}

/** The view that centres the drawing point (x, y), as a click on the overview asks. */
export function centreOn(view: Size, at: View, x: number, y: number): View {
	return { scale: at.scale, tx: view.w / 2 - x * at.scale, ty: view.h / 2 - y * at.scale };
}
