import type { CursorState } from './cursor.svelte';

/** Keys that belong to the control under focus: typing, a select, a slider, a focused button's Space. */
function ownsKeys(el: EventTarget | null, key: string): boolean {
	if (!(el instanceof HTMLElement)) return false;
	if (el.isContentEditable) return true;
	// A checkbox or a button-like input has no use for arrows; a radio moves its choice with them (as
	// the platform's radio groups do), so only it, among inputs that are not typed in, keeps them.
	const input = el.closest('input');
	if (input && ['checkbox', 'button', 'submit', 'reset'].includes(input.type)) return key === ' ';
	if (el.closest('textarea, input, select, [role="slider"]')) return true;
	return key === ' ' && !!el.closest('button, a, summary, [role="button"]');
}

/** Which way a key asked to go past the trace's end (the host may move on: the next slide). */
export type Edge = 'next' | 'prev';

export interface StepKeyOptions {
	/** PageUp/PageDown step too (an embed, where a clicker sends them); the app's page scrolls with them. */
	readonly pageKeys?: boolean;
	readonly onEdge?: (edge: Edge) => void;
}

/**
 * ←/→ step, Space plays, Home/End jump; never while the reader types or works a control.
 * A forward key at the last step (a backward key at the first) is not swallowed: the host page
 * (a slide deck) gets it, and `onEdge` hears of it.
 */
export function stepKeys(cursor: CursorState<unknown>, options: StepKeyOptions = {}): (e: KeyboardEvent) => void {
	return (e) => {
		if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || ownsKeys(e.target, e.key)) return;
		const key = options.pageKeys && (e.key === 'PageDown' || e.key === 'PageUp') ? (e.key === 'PageDown' ? 'ArrowRight' : 'ArrowLeft') : e.key;
		switch (key) {
			case 'ArrowRight':
				if (cursor.atEnd) return options.onEdge?.('next');
				cursor.next();
				break;
			case 'ArrowLeft':
				if (cursor.k === 0) return options.onEdge?.('prev');
				cursor.prev();
				break;
			case 'Home':
				cursor.first();
				break;
			case 'End':
				cursor.last();
				break;
			case ' ':
				cursor.togglePlay();
				break;
			default:
				return;
		}
		e.preventDefault();
	};
}
