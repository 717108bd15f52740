import { rewriteLeaf } from '$lib/core/edit/literals';
import type { ViewParams } from '$lib/core/share/url';
import type { ZoomMode } from '$lib/core/layout/camera';
import { DEFAULT_SIG } from '$lib/core/tex/number';
import { backwardStartOf } from '$lib/core/trace/progress';
import type { StepText } from '$lib/core/trace/tex';
import type { Trace } from '$lib/core/trace/build';
import type { Granularity } from '$lib/core/trace/steps';
import { linesOfStep, stepOfLine, stepOfNode } from '$lib/core/view/navigate';
import { sameLineStep } from '$lib/core/view/same-line';
import type { GateMode } from '$lib/core/graph/gates';
import { DEFAULT_EXAMPLE, exampleById, unknownExampleNotice } from '$lib/examples/examples';
import { CursorState } from './cursor.svelte';
import { LayoutState } from './layout.svelte';
import { NudgeState } from './nudge.svelte';
import { ProgramState } from './program.svelte';
import { TangentState } from './tangent.svelte';
import { tangentLines } from '$lib/core/trace/tangent';
import { ThemeState } from './theme.svelte';
import { TrainState } from './train.svelte';
import { saveDraft, takeDraft } from './draft';
import { KEPT_NOTICE, UNKEPT_NOTICE, readLink, readNotice, writeLink, writeNotice, type LinkStatus } from './link';
import { UrlSync, type UrlWriter } from './url-sync';
import { StepTexts } from './step-texts';

export type { UrlWriter } from './url-sync';

/** Marks read by the bench script. */
export const FIRST_STEP_MARK = 'chainstep:first-step';

/**
 * The whole viewer: program → trace → cursor → step text, layout and training, kept in the URL.
 * Components read from here and call its methods; nothing below recomputes mathematics.
 */
export class ViewerState {
	readonly program = new ProgramState();
	readonly cursor = new CursorState(() => this.program.trace);
	readonly layout = new LayoutState();
	readonly train = new TrainState(
		() => this.program.trace,
		// Run now, not after a typing pause (edit() waits past 2,000 characters): the run's history needs the rerun trace.
		(text) => this.program.load(text, undefined, true)
	);
	readonly theme = new ThemeState();
	/** The step panel's finite-difference check of the current backward step. */
	readonly nudge = new NudgeState(
		() => this.trace,
		() => this.cursor.step,
		() => this.sig
	);
	/** Forward mode: its own input and cursor over the tangent steps (tangent.svelte.ts). */
	readonly tangent = new TangentState(
		() => this.program.trace,
		() => this.sig
	);
	/** Significant digits of the numbers shown. */
	sig = $state(DEFAULT_SIG);
	/** Set once the URL has been read; before that the page shows nothing to step. */
	ready = $state(false);
	/** The graph's camera as the reader chose it (`zoom=`); undefined: whole when readable, else follow. */
	zoom: ZoomMode | undefined = $state();
	/** Something about the link the reader should know (an example name that does not exist). */
	notice = $state('');

	readonly trace: Trace | undefined = $derived(this.program.trace);
	readonly #texts = new StepTexts();
	readonly text: StepText | undefined = $derived.by(() => {
		const t = this.trace;
		const s = this.cursor.step;
		if (this.tangent.on) return this.tangent.text;
		return t && s ? this.#texts.of(t, s, this.sig) : undefined;
	});

	/** The steps next to this one, made ready while the page is idle (run it from whenIdle). */
	prepareNeighbours(): void {
		const t = this.trace;
		if (t && !this.tangent.on) this.#texts.prepare(t, this.cursor.steps, this.cursor.k, this.sig);
	}
	readonly currentLines = $derived(
		this.trace && !this.program.stale
			? this.tangent.on
				? tangentLines(this.trace, this.tangent.cursor.granularity, this.tangent.cursor.k, this.tangent.wrt)
				: linesOfStep(this.trace, this.cursor.granularity, this.cursor.k)
			: undefined
	);

	readonly #url = new UrlSync((fit) => {
		// Say so while the program does not fit a link; drop the note once it does again.
		const said = writeNotice(fit);
		if (said) this.notice = said;
		else if (this.notice === KEPT_NOTICE || this.notice === UNKEPT_NOTICE) this.notice = '';
	});
	#base = '';
	#applying = 0;

	/**
	 * Read the view from a query string; used at start and on Back/Forward. `restore`: at start,
	 * take back the edits a reload would have lost (see draft.ts).
	 */
	async applyQuery(search: string, restore = false): Promise<void> {
		const mine = ++this.#applying;
		const typed = this.program.text;
		const draft = restore ? takeDraft(search) : undefined;
		const read = await readLink(draft?.query ?? search);
		// A newer query (Back pressed again) was applied while this one decoded.
		if (mine !== this.#applying) return;
		const v: ViewParams = draft?.program !== undefined ? { ...read.params, example: undefined, program: draft.program } : read.params;
		// Text typed while a long link was decoding is the reader's: the link's program must not replace it.
		// So is text found at the start, typed into the prerendered editor before the page's script ran
		// (the editor's binding adopts it on hydration).
		const edited = this.program.text !== typed || (restore && !this.ready && typed !== '' && this.program.exampleId === undefined);
		this.#apply(v, read.status, edited);
		const hold = !edited && (read.status === 'unreadable' || read.status === 'kept-missing');
		this.#url.reset(search, this.#meaningful(), { hold, push: edited });
		this.ready = true;
	}

	#apply(v: ViewParams, status: LinkStatus = 'ok', keepText = false): void {
		const ex = v.example ? exampleById(v.example) : undefined;
		this.notice = status !== 'ok' ? readNotice(status) : v.example && !ex && v.program === undefined ? unknownExampleNotice(v.example) : '';
		if (keepText) {
			// The editor keeps what was typed.
		} else if (status === 'unreadable' || status === 'kept-missing') {
			// Nothing to show that the link meant: an empty, usable editor under the notice, not some other program.
			this.program.load('', undefined);
		} else if (v.program !== undefined) this.program.load(v.program, ex && ex.program === v.program ? ex.id : undefined);
		else {
			const chosen = ex ?? exampleById(DEFAULT_EXAMPLE);
			if (chosen) this.program.load(chosen.program, chosen.id);
		}
		this.sig = v.sig ?? DEFAULT_SIG;
		this.program.gates = v.gates ?? 'one';
		this.cursor.pause();
		this.cursor.granularity = v.granularity;
		this.tangent.cursor.pause();
		this.tangent.cursor.granularity = v.granularity;
		this.tangent.mode = v.mode === 'tangent' ? 'tangent' : 'backprop';
		this.tangent.wanted = v.wrt;
		// `step` counts the steps of the mode the link is in.
		this.cursor.setWanted(v.mode === 'tangent' ? 0 : (v.step ?? 0));
		this.tangent.cursor.setWanted(v.mode === 'tangent' ? (v.step ?? 0) : 0);
		this.layout.want(v.fold, v.granularity);
		this.zoom = v.zoom;
	}

	/**
	 * Called from the page once the router runs: every later change is written to the URL.
	 * `base`: the URL before its query, which counts toward the link limit.
	 */
	connectUrl(write: UrlWriter, base = ''): void {
		this.#base = base;
		this.#url.connect(write, base);
	}

	/** The page is being left or hidden: the address bar gets the view now, not after a delay. */
	flushUrl(): void {
		this.#url.flushNow();
	}

	/**
	 * The page is being unloaded (reload, a link, closing). `from`: the address bar's query,
	 * which a reload reloads whatever is written now; the view is also kept for this tab.
	 */
	leave(from: string): void {
		this.#url.flushNow();
		if (!this.ready) return;
		saveDraft([from, ...this.#url.recentQueries()], { query: this.#url.latestQuery, program: this.program.exampleId ? undefined : this.program.text });
	}

	/**
	 * The query for a link to this view from another page (Present, Practice): too long a program
	 * is kept in this browser. Those pages step backprop only, so the link carries backprop's step.
	 */
	async linkQuery(): Promise<string> {
		return (await writeLink(this.backpropParams(), this.#base)).query;
	}

	/** The view as backprop shows it (the Embed snippet and the Present link): forward mode's own step and input left out. */
	backpropParams(): ViewParams {
		const { mode: _mode, wrt: _wrt, ...rest } = this.viewParams();
		return { ...rest, step: this.cursor.k };
	}

	/** Tracked by an effect in the page: schedules a URL write for the current view. */
	syncUrl(): void {
		const meaningful = this.#meaningful();
		// Read the step, folding and camera so changing them schedules a (replacing) write too.
		void this.cursor.k;
		void this.tangent.cursor.k;
		void this.layout.collapsed;
		void this.zoom;
		if (!this.ready) return;
		this.#url.change({ meaningful, params: this.viewParams() });
	}

	#meaningful(): string {
		return JSON.stringify([this.program.exampleId, this.program.exampleId ? '' : this.program.text, this.cursor.granularity, this.sig, this.program.gates, this.tangent.mode, this.tangent.on ? this.tangent.wrtLabel : '']);
	}

	/** The current view as link parameters: the URL, the Embed snippet and exports share it. */
	viewParams(): ViewParams {
		const ex = this.program.exampleId;
		return {
			example: ex,
			program: ex ? undefined : this.program.text,
			step: this.tangent.on ? this.tangent.cursor.k : this.cursor.k,
			granularity: this.cursor.granularity,
			sig: this.sig === DEFAULT_SIG ? undefined : this.sig,
			fold: this.layout.foldParam(),
			zoom: this.zoom,
			...(this.program.gates === 'expanded' ? { gates: this.program.gates } : {}),
			...(this.tangent.on ? { mode: 'tangent' as const, wrt: this.tangent.wrtLabel } : {})
		};
	}

	/** Follows every change of trace: layout and training keep their own caches. */
	syncTrace(): void {
		const t = this.trace;
		this.layout.sync(t, this.cursor.granularity);
		this.train.sync(t, exampleById(this.program.exampleId ?? '')?.descend, this.program.exampleId);
	}

	async loadExample(id: string): Promise<void> {
		const ex = exampleById(id);
		if (!ex) return;
		// The edits before the switch keep their own history entry, however recent: their link may
		// still be compressing (or not yet scheduled by the page's effect), so it is written first.
		this.syncUrl();
		await this.#url.flush();
		this.#url.endPause();
		this.notice = '';
		this.cursor.pause();
		this.zoom = undefined;
		this.program.load(ex.program, ex.id);
		this.cursor.go(0);
		this.tangent.cursor.go(0);
		// The example's own entry is written now, not after the write delay: Back right after the
		// switch must find the edits' entry behind it.
		this.syncUrl();
		await this.#url.flush();
	}

	async loadBlank(): Promise<void> {
		this.syncUrl();
		await this.#url.flush();
		this.#url.endPause();
		this.notice = '';
		this.cursor.pause();
		this.zoom = undefined;
		this.program.load('', undefined);
		this.cursor.go(0);
		this.tangent.cursor.go(0);
		this.syncUrl();
		await this.#url.flush();
	}

	setGranularity(g: Granularity): void {
		this.cursor.setGranularity(g);
		this.tangent.cursor.setGranularity(g);
	}

	/** Step the program's own gates as one gate each or as their bodies' primitive steps, staying at the same line. */
	setGates(mode: GateMode): void {
		if (mode === this.program.gates) return;
		const before = this.program.result.ok ? this.program.result.trace : undefined;
		const k = this.cursor.k;
		this.program.gates = mode;
		const after = this.program.result.ok ? this.program.result.trace : undefined;
		if (before && after) this.cursor.go(sameLineStep(before, k, after, this.cursor.granularity));
	}

	/** A node clicked in the graph: its forward step while going forward, its backward step after. */
	selectNode(node: number): void {
		const t = this.trace;
		if (!t) return;
		if (this.tangent.on) return this.tangent.selectNode(node);
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
		if (this.tangent.on) return this.tangent.selectLine(line);
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
