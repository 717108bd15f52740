import { mount, unmount } from 'svelte';
import { fontFaceCss, katexCss } from 'virtual:katex-css';
import EmbedViewer from '$lib/components/embed/EmbedViewer.svelte';
import { readEmbedConfig, type EmbedConfig } from '$lib/components/embed/config';

/** Where this script was loaded from, so ELK can be fetched beside it. */
const scriptBase = (() => {
	const current = document.currentScript as HTMLScriptElement | null;
	const src = current?.src ?? [...document.querySelectorAll('script[src]')].map((s) => (s as HTMLScriptElement).src).find((s) => s.includes('chainstep-element'));
	return src ? new URL('.', src).href : new URL('.', document.baseURI).href;
})();

let fontsInstalled = false;
/** @font-face is ignored inside shadow roots, so the faces go into the document once. */
function installFonts(): void {
	if (fontsInstalled || document.getElementById('chainstep-katex-fonts')) return;
	const style = document.createElement('style');
	style.id = 'chainstep-katex-fonts';
	style.textContent = fontFaceCss;
	document.head.append(style);
	fontsInstalled = true;
}

const ATTRIBUTES = ['program', 'p', 'example', 'g', 'step', 'granularity', 'theme', 'controls', 'autoplay', 'precision', 'sig'] as const;

/**
 * <chainstep-trace program="…" step="3">: the step-through viewer in a shadow root.
 * With `from-url`, it reads the same parameters from the page's query string (the /embed page).
 */
class ChainstepTrace extends HTMLElement {
	static observedAttributes = [...ATTRIBUTES];
	private app: ReturnType<typeof mount> | undefined;
	private queued = false;
	private renders = 0;

	connectedCallback(): void {
		installFonts();
		void this.render();
	}
	disconnectedCallback(): void {
		this.renders++;
		if (this.app) unmount(this.app);
		this.app = undefined;
	}
	attributeChangedCallback(): void {
		if (!this.isConnected || this.queued) return;
		// Several attributes often change together: re-render once.
		this.queued = true;
		queueMicrotask(() => {
			this.queued = false;
			void this.render();
		});
	}

	private config(): Promise<EmbedConfig> {
		if (this.hasAttribute('from-url')) {
			const q = new URLSearchParams(location.search);
			return readEmbedConfig((k) => q.get(k));
		}
		return readEmbedConfig((k) => this.getAttribute(k));
	}

	private async render(): Promise<void> {
		// A compressed `p=` program decodes asynchronously; only the latest render may mount.
		const ticket = ++this.renders;
		const config = await this.config();
		if (ticket !== this.renders || !this.isConnected) return;
		// delegatesFocus: focusing the element focuses the viewer, so the keys step it.
		const root = this.shadowRoot ?? this.attachShadow({ mode: 'open', delegatesFocus: true });
		if (this.app) unmount(this.app);
		root.replaceChildren();
		const style = document.createElement('style');
		style.textContent = `:host{display:block}\n${katexCss}`;
		root.append(style);
		const target = document.createElement('div');
		root.append(target);
		this.app = mount(EmbedViewer, { target, props: { config, elkBase: scriptBase, reportHeight: this.hasAttribute('from-url') } });
	}
}

if (!customElements.get('chainstep-trace')) customElements.define('chainstep-trace', ChainstepTrace);
