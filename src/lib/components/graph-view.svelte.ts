/**
 * Pan and zoom of the graph drawing. The drawing is one `<g transform>`; this class owns the
 * transform and the pointer gestures, the component only wires events to it.
 */
const MIN_SCALE = 0.05;
const MAX_SCALE = 4;
/** A press that moves less than this is a click on a node, not a drag. */
const DRAG_SLOP = 4;
const FIT_MARGIN = 12;
/** Fit may enlarge a small graph this much: bigger than 1:1 reads better, far bigger looks broken. */
export const FIT_MAX_SCALE = 1.25;
/** Height kept clear for the zoom buttons (2rem plus their 0.5rem inset), in CSS pixels. */
export const CONTROLS_H = 44;

export class GraphViewState {
	scale = $state(1);
	tx = $state(0);
	ty = $state(0);
	/** Size of the viewport in CSS pixels, bound from the container. */
	width = $state(0);
	height = $state(0);
	dragging = $state(false);

	/** The view is as `fit` left it: a resize may fit again without undoing the reader's pan or zoom. */
	fitted = false;
	#press: { id: number; x: number; y: number; tx: number; ty: number } | undefined;
	/** Set after a drag so the click that ends it does not select a node. */
	#swallowClick = false;

	readonly transform = $derived(`translate(${this.tx} ${this.ty}) scale(${this.scale})`);

	/** Show the whole drawing, never enlarged past 1:1 so small graphs keep their text size. */
	fit(contentW: number, contentH: number): void {
		if (this.width <= 0 || this.height <= 0 || contentW <= 0 || contentH <= 0) return;
		// The zoom buttons sit in the bottom-right corner: a fitted drawing stays above them.
		const h = Math.max(this.height - CONTROLS_H, this.height / 2);
		const s = Math.min((this.width - 2 * FIT_MARGIN) / contentW, (h - 2 * FIT_MARGIN) / contentH, FIT_MAX_SCALE);
		this.scale = Math.max(MIN_SCALE, s);
		this.tx = (this.width - contentW * this.scale) / 2;
		this.ty = (h - contentH * this.scale) / 2;
		this.fitted = true;
	}

	/** Zoom by `factor` keeping the point (cx, cy) of the viewport still. */
	zoomBy(factor: number, cx = this.width / 2, cy = this.height / 2): void {
		const next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, this.scale * factor));
		this.fitted = false;
		const k = next / this.scale;
		this.tx = cx - (cx - this.tx) * k;
		this.ty = cy - (cy - this.ty) * k;
		this.scale = next;
	}

	/** Bring a drawing-space rectangle into view if it is off screen (keyboard focus, current step). */
	reveal(x: number, y: number, w: number, h: number): void {
		const left = x * this.scale + this.tx;
		const top = y * this.scale + this.ty;
		const right = left + w * this.scale;
		const bottom = top + h * this.scale;
		if (left < 0) this.tx -= left - FIT_MARGIN;
		else if (right > this.width) this.tx -= right - this.width + FIT_MARGIN;
		if (top < 0) this.ty -= top - FIT_MARGIN;
		else if (bottom > this.height) this.ty -= bottom - this.height + FIT_MARGIN;
	}

	wheel(e: WheelEvent, box: DOMRect): void {
		e.preventDefault();
		// Trackpads send many small deltas, mice a few large ones; exp keeps both smooth.
		const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? box.height : 1;
		this.zoomBy(Math.exp((-e.deltaY * unit) / 500), e.clientX - box.left, e.clientY - box.top);
	}

	pointerdown(e: PointerEvent): void {
		if (e.button !== 0) return;
		this.#press = { id: e.pointerId, x: e.clientX, y: e.clientY, tx: this.tx, ty: this.ty };
		this.#swallowClick = false;
	}

	pointermove(e: PointerEvent, el: Element): void {
		const p = this.#press;
		if (!p || p.id !== e.pointerId) return;
		const dx = e.clientX - p.x;
		const dy = e.clientY - p.y;
		if (!this.dragging) {
			if (Math.hypot(dx, dy) < DRAG_SLOP) return;
			// Capture only once it is a drag: capturing on press would retarget clicks away from nodes.
			this.dragging = true;
			this.fitted = false;
			el.setPointerCapture(e.pointerId);
		}
		this.tx = p.tx + dx;
		this.ty = p.ty + dy;
	}

	pointerup(e: PointerEvent): void {
		if (!this.#press || this.#press.id !== e.pointerId) return;
		this.#swallowClick = this.dragging;
		this.dragging = false;
		this.#press = undefined;
	}

	/** Whether a click should act: false right after a drag. */
	takeClick(): boolean {
		const ok = !this.#swallowClick;
		this.#swallowClick = false;
		return ok;
	}
}
