/** What a key does in present mode. */
export type PresentAction = 'next' | 'prev' | 'first' | 'last' | 'fullscreen' | 'blackout' | 'unblack' | 'overview' | 'graph';

/**
 * Keys as slide tools and presentation clickers send them: clickers send PageDown/PageUp,
 * and their "blank screen" button sends `b` or `.` (PowerPoint's blackout keys).
 */
export function presentAction(e: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>): PresentAction | undefined {
	if (e.altKey || e.ctrlKey || e.metaKey) return undefined;
	switch (e.key) {
		case 'ArrowRight':
		case 'ArrowDown':
		case 'PageDown':
		case ' ':
		case 'Enter':
		case 'n':
			return 'next';
		case 'ArrowLeft':
		case 'ArrowUp':
		case 'PageUp':
		case 'Backspace':
		case 'p':
			return 'prev';
		case 'Home':
			return 'first';
		case 'End':
			return 'last';
		case 'f':
		case 'F':
			return 'fullscreen';
		case 'b':
		case 'B':
		case '.':
			return 'blackout';
		case 'Escape':
			return 'unblack';
		// The whole graph with the current node marked, and the graph off for a slide of math only.
		case 'o':
		case 'O':
			return 'overview';
		case 'g':
		case 'G':
			return 'graph';
		default:
			return undefined;
	}
}
