import type { CursorState } from './cursor.svelte';

/** Keys that belong to the control under focus: typing, a select, a slider, a focused button's Space. */
function ownsKeys(el: EventTarget | null, key: string): boolean {
	if (!(el instanceof HTMLElement)) return false;
	if (el.isContentEditable) return true;
	if (el.closest('textarea, input, select, [role="slider"]')) return true;
	return key === ' ' && !!el.closest('button, a, summary, [role="button"]');
}

/** ←/→ step, Space plays, Home/End jump; never while the reader types or works a control. */
export function stepKeys(cursor: CursorState): (e: KeyboardEvent) => void {
	return (e) => {
		if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || ownsKeys(e.target, e.key)) return;
		switch (e.key) {
			case 'ArrowRight':
				cursor.next();
				break;
			case 'ArrowLeft':
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
