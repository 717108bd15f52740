import {
	centreOn,
	fitView,
	focusOf,
	FOLLOW_SCALE,
	followView,
	zoomAt,
	type Rect,
	type Size,
	type View
} from '$lib/core/layout/camera';

export { CONTROLS_H, FIT_MAX_SCALE } from '$lib/core/layout/camera';

/** A press that moves less than this is a click on a node, not a drag. */
const DRAG_SLOP = 4;
/** One Shift+arrow press pans this many CSS pixels. */
const PAN_STEP = 80;

/**
 * Pan and zoom of the graph drawing. The drawing is one `<g>` with a CSS transform; this class
 * owns the transform and the pointer gestures, the component only wires events to it. The
 * geometry (fit, follow, zoom about a point) is core/layout/camera.ts.
 */
export class GraphViewState {
	scale = $state(1);
	tx = $state(0);
	ty = $state(0);
	/** Size of the viewport in CSS pixels, bound from the container. */
	width = $state(0);
	height = $state(0);
	dragging = $state(false);
	/** True while the camera glides to a step (a CSS transition); user gestures move at once. */
	gliding = $state(false);

	/** The view is as `fit` left it: a resize may fit again without undoing the reader's pan or zoom. */
	fitted = false;
	/** The zoom follow uses; the reader's +/− or wheel changes it. */
	followScale = FOLLOW_SCALE;
	#press: { id: number; x: number; y: number; tx: number; ty: number } | undefined;
	/** Set after a drag so the click that ends it does not select a node. */
	#swallowClick = false;

	readonly transform = $derived(`translate(${this.tx}px, ${this.ty}px) scale(${this.scale})`);

	get size(): Size {
		return { w: this.width, h: this.height };
	}

	#set(v: View, glide = false): void {
		this.gliding = glide;
		this.scale = v.scale;
		this.tx = v.tx;
		this.ty = v.ty;
	}

	/** Show the whole drawing, as large as fits up to FIT_MAX_SCALE. */
	fit(contentW: number, contentH: number): void {
		if (this.width <= 0 || this.height <= 0 || contentW <= 0 || contentH <= 0) return;
		this.#set(fitView(this.size, { w: contentW, h: contentH }));
		this.fitted = true;
	}

	/**
	 * Follow the step: at the follow zoom, keep its nodes (with what they read, when that fits)
	 * on screen; `recentre` puts them in the middle even if they are visible already.
	 */
	follow(content: Size, current: readonly Rect[], reads: readonly Rect[], recentre = false): void {
		if (this.width <= 0 || this.height <= 0) return;
		this.fitted = false;
		const s = this.followScale;
		const focus = current.length ? focusOf(this.size, s, current, reads) : undefined;
		if (!focus) {
			if (this.scale !== s) this.#set({ scale: s, tx: 12, ty: 12 });
			return;
		}
		const at = recentre ? { scale: NaN, tx: this.tx, ty: this.ty } : { scale: this.scale, tx: this.tx, ty: this.ty };
		const next = followView(this.size, content, at, s, focus);
		if (next.scale === this.scale && next.tx === this.tx && next.ty === this.ty) return;
		this.#set(next, !recentre);
	}

	/** Zoom by `factor` keeping the point (cx, cy) of the viewport still. */
	zoomBy(factor: number, cx = this.width / 2, cy = this.height / 2): void {
		this.fitted = false;
		const next = zoomAt({ scale: this.scale, tx: this.tx, ty: this.ty }, factor, cx, cy);
		this.followScale = next.scale;
		this.#set(next);
	}

	/** Centre the drawing point (x, y): a click or drag on the overview. */
	centre(x: number, y: number): void {
		this.fitted = false;
		this.#set(centreOn(this.size, { scale: this.scale, tx: this.tx, ty: this.ty }, x, y));
	}

	/** Pan by (dx, dy) screen pixels: Shift+arrow keys. */
	panBy(dx: number, dy: number): void {
		this.fitted = false;
		this.#set({ scale: this.scale, tx: this.tx + dx, ty: this.ty + dy });
	}

	/** Shift+arrows pan, +/− zoom; true when the key was the camera's. */
	key(e: KeyboardEvent): boolean {
		if (e.ctrlKey || e.metaKey || e.altKey) return false;
		if (e.shiftKey) {
			const d = { ArrowLeft: [PAN_STEP, 0], ArrowRight: [-PAN_STEP, 0], ArrowUp: [0, PAN_STEP], ArrowDown: [0, -PAN_STEP] }[e.key];
			if (d) {
				this.panBy(d[0], d[1]);
				return true;
			}
		}
		if (e.key === '+' || e.key === '=') this.zoomBy(1.25);
		else if (e.key === '-' || e.key === '_') this.zoomBy(0.8);
		else return false;
		return true;
	}

	/** Bring a drawing-space rectangle into view if it is off screen (keyboard focus). */
	reveal(x: number, y: number, w: number, h: number): void {
		const m = 12;
		const left = x * this.scale + this.tx;
		const top = y * this.scale + this.ty;
		const right = left + w * this.scale;
		const bottom = top + h * this.scale;
		let { tx, ty } = this;
		if (left < 0) tx -= left - m;
		else if (right > this.width) tx -= right - this.width + m;
		if (top < 0) ty -= top - m;
		else if (bottom > this.height) ty -= bottom - this.height + m;
		if (tx !== this.tx || ty !== this.ty) this.#set({ scale: this.scale, tx, ty }, true);
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
		this.#set({ scale: this.scale, tx: p.tx + dx, ty: p.ty + dy });
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
