import { mount, unmount } from 'svelte';
import { fontFaceCss, katexCss } from 'virtual:katex-css';
import EmbedViewer from '$lib/components/embed/EmbedViewer.svelte';
import { readEmbedConfig, type EmbedConfig } from '$lib/components/embed/config';
import { originAllowed, parseCommand, type Command, type StepState } from '$lib/components/embed/control';
import type { Edge } from '$lib/state/keys';
import { afterPaint } from '$lib/state/schedule';

/** What the mounted viewer exports (EmbedViewer's `export function control`). */
interface Viewer {
	control(cmd: Command): StepState;
}

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

const ATTRIBUTES = ['program', 'p', 'example', 'g', 'gates', 'step', 'granularity', 'theme', 'controls', 'autoplay', 'precision', 'sig', 'origin'] as const;
/** Every attribute but `step`: when only `step` changes, the viewer moves instead of remounting. */
const MOUNT_ATTRIBUTES = ATTRIBUTES.filter((a) => a !== 'step');

/** Posts to the parent page (the /embed page in an iframe): to the allowed origins, or to any. */
function postToParent(origins: readonly string[], message: unknown): void {
	if (window.parent === window) return;
	if (origins.length === 0) window.parent.postMessage(message, '*');
	// A message for another origin is dropped by the browser, so each allowed one is tried.
	else for (const o of origins) window.parent.postMessage(message, o);
}

/**
 * <chainstep-trace program="…" step="3">: the step-through viewer in a shadow root.
 * With `from-url`, it reads the same parameters from the page's query string (the /embed page).
 */
class ChainstepTrace extends HTMLElement {
	static observedAttributes = [...ATTRIBUTES];
	private app: Viewer | undefined;
	private queued = false;
	private renders = 0;
	/** The attributes the mounted viewer was made from (all but `step`). */
	private mountedKey = '';
	private current: StepState = { step: 0, total: 0, phase: 'none' };
	private origins: readonly string[] = [];
	private bridged = false;

	/** The 1-based step shown; setting it moves there without remounting. */
	get step(): number {
		return this.current.step;
	}
	set step(k: number) {
		// Before the viewer is mounted, the attribute carries it to the first render.
		if (!this.app) this.setAttribute('step', String(Math.trunc(Number(k))));
		else this.command({ method: 'goto', k: Number(k) });
	}
	/** `{ step, total, phase }`, as the `stepchange` event's detail. */
	get state(): StepState {
		return this.current;
	}
	next(): StepState {
		return this.command({ method: 'next' });
	}
	prev(): StepState {
		return this.command({ method: 'prev' });
	}
	first(): StepState {
		return this.command({ method: 'first' });
	}
	last(): StepState {
		return this.command({ method: 'last' });
	}
	goto(k: number): StepState {
		return this.command({ method: 'goto', k: Number(k) });
	}
	play(): StepState {
		return this.command({ method: 'play' });
	}
	pause(): StepState {
		return this.command({ method: 'pause' });
	}
	getState(): StepState {
		return this.current;
	}

	private command(cmd: Command): StepState {
		if (!this.app) return this.current;
		return this.app.control(cmd);
	}

	private attributeKey(): string {
		return JSON.stringify(MOUNT_ATTRIBUTES.map((a) => this.getAttribute(a)));
	}

	/** In an iframe (the /embed page), the parent drives the viewer by postMessage. */
	private bridge(): void {
		if (this.bridged || window.parent === window) return;
		this.bridged = true;
		addEventListener('message', (e: MessageEvent) => {
			if (e.source !== window.parent || !originAllowed(this.origins, e.origin)) return;
			const cmd = parseCommand(e.data);
			if (!cmd || !this.app) return;
			const state = this.app.control(cmd);
			if (cmd.method === 'getState') postToParent(this.origins, { type: 'chainstep', event: 'state', state });
		});
	}

	/** The first state after a mount is `ready`; later moves are `stepchange`. */
	private onstep(state: StepState): void {
		const moved = state.step !== this.current.step || state.total !== this.current.total || state.phase !== this.current.phase;
		this.current = state;
		if (!this.readySent) {
			this.readySent = true;
			// After the first paint: a host's listeners in a later <script> are in place by then.
			const ticket = this.renders;
			afterPaint(() => ticket === this.renders && this.emit('ready', this.current));
		} else if (moved) this.emit('stepchange', state);
	}
	private readySent = false;

	private emit(event: 'ready' | 'stepchange' | 'edge', state: StepState, edge?: Edge): void {
		this.dispatchEvent(new CustomEvent(event, { detail: edge ? { ...state, edge } : state, bubbles: true, composed: true }));
		if (this.hasAttribute('from-url')) postToParent(this.origins, { type: 'chainstep', event, state, ...(edge ? { edge } : {}) });
	}

	connectedCallback(): void {
		installFonts();
		void this.render();
	}
	disconnectedCallback(): void {
		this.renders++;
		if (this.app) unmount(this.app);
		this.app = undefined;
		this.mountedKey = '';
	}
	attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
		// Only `step` changed: move, so the graph does not vanish and the height does not flicker.
		if (name === 'step' && this.app && this.attributeKey() === this.mountedKey) {
			const k = value !== null && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : 1;
			this.app.control({ method: 'goto', k });
			return;
		}
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
		// Mounting typesets the step and lays it out: in a task of its own, not the script's.
		await new Promise((r) => setTimeout(r, 0));
		if (ticket !== this.renders || !this.isConnected) return;
		this.origins = config.origins;
		this.readySent = false;
		this.current = { step: 0, total: 0, phase: 'none' };
		if (this.hasAttribute('from-url')) this.bridge();
		// delegatesFocus: focusing the element focuses the viewer, so the keys step it.
		const root = this.shadowRoot ?? this.attachShadow({ mode: 'open', delegatesFocus: true });
		if (this.app) unmount(this.app);
		root.replaceChildren();
		const style = document.createElement('style');
		style.textContent = `:host{display:block}\n${katexCss}`;
		root.append(style);
		const target = document.createElement('div');
		root.append(target);
		this.mountedKey = this.attributeKey();
		this.app = mount(EmbedViewer, {
			target,
			props: {
				config,
				elkBase: scriptBase,
				reportHeight: this.hasAttribute('from-url'),
				onstep: (state: StepState) => this.onstep(state),
				onedge: (edge: Edge) => this.emit('edge', this.current, edge)
			}
		}) as Viewer;
	}
}

if (!customElements.get('chainstep-trace')) customElements.define('chainstep-trace', ChainstepTrace);
