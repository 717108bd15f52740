import type { ZoomMode } from '$lib/core/layout/camera';

/** Where the present-mode graph sits on the slide: scale `z`, then shift by (tx, ty) pixels. */
export interface Camera {
	readonly z: number;
	readonly tx: number;
	readonly ty: number;
}

export interface Box {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

/** Graph text is 11-13 px at 1:1; from the back of a hall it needs 20 px: 11 × 1.9 = 20.9. */
export const READABLE_ZOOM = 1.9;
export const MAX_ZOOM = 2.6;
/**
 * Down to this zoom (the smallest text 11 × 1.82 = 20 px, the least the back of a hall reads) a
 * graph is still shown whole: seeing all of a small graph beats a slightly larger close-up that
 * cuts its inputs off the slide. Below it the camera follows; `O` shows the whole graph anyway.
 */
export const WHOLE_MIN_ZOOM = 20 / 11;

/**
 * A small graph is shown whole, as large as fits (down to WHOLE_MIN_ZOOM). A graph too big to show whole at a readable
 * size is followed instead: the camera stays at a readable zoom, centred on the current node
 * (the laser), and never shows empty space past the drawing's edges.
 */
export function cameraFor(view: { w: number; h: number }, stage: { w: number; h: number }, focus: Box | undefined, mode?: ZoomMode): Camera {
	const whole = Math.min(view.w / stage.w, view.h / stage.h, MAX_ZOOM);
	// A link's `zoom=fit` shows the whole graph whatever its size; `zoom=follow` follows even a small one.
	const showWhole = mode === 'fit' || !focus || whole >= READABLE_ZOOM || (mode !== 'follow' && whole >= WHOLE_MIN_ZOOM);
	if (showWhole || !focus) return { z: whole, tx: (view.w - whole * stage.w) / 2, ty: (view.h - whole * stage.h) / 2 };
	const z = READABLE_ZOOM;
	const axis = (viewLen: number, stageLen: number, centre: number) => {
		const len = z * stageLen;
		if (len <= viewLen) return (viewLen - len) / 2;
		return Math.min(0, Math.max(viewLen - len, viewLen / 2 - z * centre));
	};
	return { z, tx: axis(view.w, stage.w, focus.x + focus.width / 2), ty: axis(view.h, stage.h, focus.y + focus.height / 2) };
}
