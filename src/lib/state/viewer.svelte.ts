import { rewriteLeaf } from '$lib/core/edit/literals';
import { readParams, writeParams, type ViewParams } from '$lib/core/share/url';
import type { ZoomMode } from '$lib/core/layout/camera';
import { DEFAULT_SIG } from '$lib/core/tex/number';
import { backwardStartOf } from '$lib/core/trace/progress';
import { stepText, type StepText } from '$lib/core/trace/tex';
import type { Trace } from '$lib/core/trace/build';
import type { Granularity } from '$lib/core/trace/steps';
import { linesOfStep, stepOfLine, stepOfNode } from '$lib/core/view/navigate';
import { DEFAULT_EXAMPLE, exampleById, unknownExampleNotice } from '$lib/examples/examples';
import { CursorState } from './cursor.svelte';
import { DescentState } from './descent.svelte';
import { LayoutState } from './layout.svelte';
import { ProgramState } from './program.svelte';
import { ThemeState } from './theme.svelte';

/** How the URL should record a change: a new history entry, or an update of the current one. */
type HistoryMode = 'push' | 'replace';
export interface UrlWriter {
	(url: string, mode: HistoryMode): void;
}

/** Marks read by the bench script. */
export const FIRST_STEP_MARK = 'chainstep:first-step';

/**
 * The whole viewer: program → trace → cursor → step text, layout and descent, kept in the URL.
 * Components read from here and call its methods; nothing below recomputes mathematics.
 */
export class ViewerState {
	readonly program = new ProgramState();
	readonly cursor = new CursorState(() => this.program.trace);
	readonly layout = new LayoutState();
	readonly descent = new DescentState(
		() => this.program.trace,
		(text) => this.program.edit(text)
	);
	readonly theme = new ThemeState();
	/** Significant digits of the numbers shown. */
	sig = $state(DEFAULT_SIG);
	/** Set once the URL has been read; before that the page shows nothing to step. */
	ready = $state(false);
	/** The graph's camera as the reader chose it (`zoom=`); undefined: whole when readable, else follow. */
	zoom: ZoomMode | undefined = $state();
	/** Something about the link the reader should know (an example name that does not exist). */
	notice = $state('');

	readonly trace: Trace | undefined = $derived(this.program.trace);
	readonly text: StepText | undefined = $derived.by(() => {
		const t = this.trace;
		const s = this.cursor.step;
		return t && s ? stepText(t, s, this.sig) : undefined;
	});
	readonly currentLines = $derived(this.trace && !this.program.stale ? linesOfStep(this.trace, this.cursor.granularity, this.cursor.k) : undefined);

	#writeUrl: UrlWriter | undefined;
	#written = { meaningful: '', query: '' };
	#timer: ReturnType<typeof setTimeout> | undefined;
	#pendingPush = false;

	/** Read the view from a query string; used at start and on Back/Forward. */
	async applyQuery(search: string): Promise<void> {
		const v = await readParams(new URLSearchParams(search));
		this.#apply(v);
		this.#written = { meaningful: this.#meaningful(), query: search.startsWith('?') || search === '' ? search : `?${search}` };
		this.ready = true;
	}

	#apply(v: ViewParams): void {
		const ex = v.example ? exampleById(v.example) : undefined;
		this.notice = v.example && !ex && v.program === undefined ? unknownExampleNotice(v.example) : '';
		if (v.program !== undefined) this.program.load(v.program, ex && ex.program === v.program ? ex.id : undefined);
		else {
			const chosen = ex ?? exampleById(DEFAULT_EXAMPLE);
			if (chosen) this.program.load(chosen.program, chosen.id);
		}
		this.sig = v.sig ?? DEFAULT_SIG;
		this.cursor.pause();
		this.cursor.granularity = v.granularity;
		this.cursor.setWanted(v.step ?? 0);
		this.layout.want(v.fold, v.granularity);
		this.zoom = v.zoom;
	}

	/** Called from the page once the router runs: every later change is written to the URL. */
	connectUrl(write: UrlWriter): void {
		this.#writeUrl = write;
	}

	/** Tracked by an effect in the page: schedules a URL write for the current view. */
	syncUrl(): void {
		const meaningful = this.#meaningful();
		// Read the step, folding and camera so changing them schedules a (replacing) write too.
		void this.cursor.k;
		void this.layout.collapsed;
		void this.zoom;
		if (!this.ready || !this.#writeUrl) return;
		if (meaningful !== this.#written.meaningful) this.#pendingPush = true;
		clearTimeout(this.#timer);
		// Typing and fast stepping settle first; one entry per pause, not per keystroke.
		this.#timer = setTimeout(() => void this.#flush(), this.#pendingPush ? 400 : 150);
	}

	#meaningful(): string {
		return JSON.stringify([this.program.exampleId, this.program.exampleId ? '' : this.program.text, this.cursor.granularity, this.sig]);
	}

	/** The current view as link parameters: the URL, the Embed snippet and exports share it. */
	viewParams(): ViewParams {
		const ex = this.program.exampleId;
		return {
			example: ex,
			program: ex ? undefined : this.program.text,
			step: this.cursor.k,
			granularity: this.cursor.granularity,
			sig: this.sig === DEFAULT_SIG ? undefined : this.sig,
			fold: this.layout.foldParam(),
			zoom: this.zoom
		};
	}

	async #flush(): Promise<void> {
		const query = await writeParams(this.viewParams());
		const meaningful = this.#meaningful();
		if (query === this.#written.query) {
			this.#pendingPush = false;
			return;
		}
		const mode: HistoryMode = this.#pendingPush ? 'push' : 'replace';
		this.#pendingPush = false;
		this.#written = { meaningful, query };
		this.#writeUrl?.(query || '?', mode);
	}

	/** Follows every change of trace: layout and descent keep their own caches. */
	syncTrace(): void {
		const t = this.trace;
		this.layout.sync(t, this.cursor.granularity);
		this.descent.sync(t, exampleById(this.program.exampleId ?? '')?.descend);
	}

	loadExample(id: string): void {
		const ex = exampleById(id);
		if (!ex) return;
		this.notice = '';
		this.cursor.pause();
		this.zoom = undefined;
		this.program.load(ex.program, ex.id);
		this.cursor.go(0);
	}

	loadBlank(): void {
		this.notice = '';
		this.cursor.pause();
		this.zoom = undefined;
		this.program.load('', undefined);
		this.cursor.go(0);
	}

	setGranularity(g: Granularity): void {
		this.cursor.setGranularity(g);
	}

	/** A node clicked in the graph: its forward step while going forward, its backward step after. */
	selectNode(node: number): void {
		const t = this.trace;
		if (!t) return;
		const k = stepOfNode(t, this.cursor.granularity, node, this.cursor.phase);
		if (k >= 0) this.cursor.go(k);
	}

	/**
	 * A program line chosen: the step of the assignment on it, in the current phase. A click in
	 * the text (`crossPhase` false) never leaves the phase: a student placing the caret on a
	 * leaf's line to edit it must not be thrown to the backward pass, which shows every answer.
	 */
	selectLine(line: number, crossPhase = true): void {
		const t = this.trace;
		if (!t || this.program.stale) return;
		const g = this.cursor.granularity;
		const k = stepOfLine(t, g, line, this.cursor.phase);
		if (k < 0) return;
		if (!crossPhase && (k >= backwardStartOf(t, g) ? 'backward' : 'forward') !== this.cursor.phase) return;
		this.cursor.go(k);
	}

	/** A leaf's value typed or dragged: its literal is rewritten and the program reruns, step kept. */
	setLeaf(node: number, value: number): void {
		const t = this.trace;
		if (!t || this.program.stale || !Number.isFinite(value)) return;
		const text = rewriteLeaf(t, node, value);
		if (text !== undefined && text !== this.program.text) this.program.edit(text);
	}

	markFirstStep(): void {
		if (performance.getEntriesByName(FIRST_STEP_MARK).length === 0) performance.mark(FIRST_STEP_MARK);
	}
}
