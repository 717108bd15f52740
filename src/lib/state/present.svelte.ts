import type { ZoomMode } from '$lib/core/layout/camera';
import { DEFAULT_SIG } from '$lib/core/tex/number';
import type { Trace } from '$lib/core/trace/build';
import { stepText, type StepText } from '$lib/core/trace/tex';
import { DEFAULT_EXAMPLE, exampleById, unknownExampleNotice } from '$lib/examples/examples';
import { CursorState } from './cursor.svelte';
import { ProgramState } from './program.svelte';
import type { PresentAction } from './present-keys';
import type { ViewParams } from '$lib/core/share/url';
import { readLink, readNotice } from './link';
import { UrlSync, type UrlWriter } from './url-sync';

/** The program never changes in present mode: every write replaces the one entry. */
const PRESENTING = 'present';

/**
 * Present mode: one step per slide. The program, cursor and step text are the viewer's;
 * this adds the blackout and the fullscreen request a lecture needs.
 */
export class PresentState {
	readonly program = new ProgramState();
	readonly cursor = new CursorState(() => this.program.trace);
	sig = $state(DEFAULT_SIG);
	blackout = $state(false);
	fullscreen = $state(false);
	ready = $state(false);
	/** Something about the link the audience should know (its program could not be read). */
	notice = $state('');
	/** Said over the slides, which still show: the link named an example that does not exist. */
	warning = $state('');
	/** `O`: the whole graph, whatever its size, the current node marked; off again with `O`. */
	overview = $state(false);
	/** `G`: the graph hidden, the math across the slide. */
	graphShown = $state(true);
	/** The graph's camera from the link (`zoom=fit|follow`); undefined: whole when readable, else follow. */
	zoom: ZoomMode | undefined = $state();
	readonly #url = new UrlSync();

	readonly trace: Trace | undefined = $derived(this.program.result.ok ? this.program.trace : undefined);
	readonly text: StepText | undefined = $derived.by(() => {
		const t = this.trace;
		const s = this.cursor.step;
		return t && s ? stepText(t, s, this.sig) : undefined;
	});

	/** `?example=` or `?p=`, and `&step=` (1-based), read as the viewer reads them. */
	async applyQuery(search: string): Promise<void> {
		const { params: v, status } = await readLink(search);
		const ex = (v.example && exampleById(v.example)) || undefined;
		// A kept program shows as usual; only a link with nothing to show takes the screen.
		this.notice = status === 'kept' ? '' : readNotice(status);
		// A mistyped example must not silently become another lecture's slides: the default shows, and says so.
		this.warning = !this.notice && v.example && !ex && v.program === undefined ? unknownExampleNotice(v.example) : '';
		if (status === 'unreadable' || status === 'kept-missing') this.program.load('', undefined);
		else if (v.program !== undefined) this.program.load(v.program, ex && ex.program === v.program ? ex.id : undefined);
		else this.program.load((ex ?? exampleById(DEFAULT_EXAMPLE))?.program ?? '', (ex ?? exampleById(DEFAULT_EXAMPLE))?.id);
		this.sig = v.sig ?? DEFAULT_SIG;
		this.program.gates = v.gates ?? 'one';
		this.zoom = v.zoom;
		this.cursor.granularity = v.granularity;
		this.cursor.setWanted(v.step ?? 0);
		// A link that could not be read stays in the address bar as it was.
		this.#url.reset(search, PRESENTING, { hold: status === 'unreadable' || status === 'kept-missing' });
		this.ready = true;
	}

	/** A reload during the lecture comes back to the same slide: the link follows the step. */
	connectUrl(write: UrlWriter, base: string): void {
		this.#url.connect(write, base);
	}

	syncUrl(): void {
		const params = this.viewParams();
		if (this.ready) this.#url.change({ meaningful: PRESENTING, params });
	}

	flushUrl(): void {
		this.#url.flushNow();
	}

	/** The slide on screen as link parameters. */
	viewParams(): ViewParams {
		const ex = this.program.exampleId;
		return {
			example: ex,
			program: ex ? undefined : this.program.text,
			step: this.cursor.k,
			granularity: this.cursor.granularity,
			sig: this.sig === DEFAULT_SIG ? undefined : this.sig,
			zoom: this.zoom,
			...(this.program.gates === 'expanded' ? { gates: this.program.gates } : {})
		};
	}

	act(a: PresentAction, toggleFullscreen: () => void): void {
		// While blacked out, any key brings the slide back without moving on, as in slide tools:
		// the audience must not miss a step that changed in the dark.
		if (this.blackout && a !== 'fullscreen') {
			this.blackout = false;
			return;
		}
		switch (a) {
			case 'next':
				return this.cursor.next();
			case 'prev':
				return this.cursor.prev();
			case 'first':
				return this.cursor.first();
			case 'last':
				return this.cursor.last();
			case 'fullscreen':
				return toggleFullscreen();
			case 'blackout':
				this.blackout = true;
				return;
			case 'unblack':
				return;
			case 'overview':
				this.overview = !this.overview;
				// An overview of a hidden graph would show nothing: it brings the graph back.
				this.graphShown = true;
				return;
			case 'graph':
				this.graphShown = !this.graphShown;
				return;
		}
	}
}
