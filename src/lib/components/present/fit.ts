/**
 * Shrinks an element's font until its content fits its width, from `max` down to `min` (px):
 * a long chain-rule line must stay on the slide rather than scroll off a projector.
 * A Svelte action; `key` changes whenever the content does; `onstuck` hears when even `min` is too wide.
 */
export function fitText(node: HTMLElement, opts: { max: number; min: number; key: unknown; onstuck?: () => void }) {
	let o = opts;
	const fit = () => {
		let size = o.max;
		node.style.fontSize = `${size}px`;
		while (size > o.min && (node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1)) {
			size = Math.max(o.min, Math.floor(size * 0.9));
			node.style.fontSize = `${size}px`;
		}
		// Still too wide at the smallest readable size: the caller can lay the math out narrower.
		if (node.scrollWidth > node.clientWidth + 1) o.onstuck?.();
	};
	const ro = new ResizeObserver(fit);
	ro.observe(node);
	queueMicrotask(fit);
	// KaTeX's fonts arrive after the first fit and widen the math: fit again when they have.
	const fonts = globalThis.document?.fonts;
	fonts?.addEventListener('loadingdone', fit);
	void fonts?.ready.then(fit);
	return {
		update(next: typeof opts) {
			o = next;
			queueMicrotask(fit);
		},
		destroy() {
			ro.disconnect();
			fonts?.removeEventListener('loadingdone', fit);
		}
	};
}
