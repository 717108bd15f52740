import { layoutTraceFrom } from '$lib/adapters/elk-script';
import { defaultCollapsed } from '$lib/core/layout/elk-input';
import type { Granularity } from '$lib/core/trace/steps';
import type { GraphLayout } from '$lib/core/layout/types';
import { run, type RunResult } from '$lib/core/program';
import type { Trace } from '$lib/core/trace/build';
import { stepText, type StepText } from '$lib/core/trace/tex';
import { stepOfNode } from '$lib/core/view/navigate';
import type { EmbedConfig } from '$lib/components/embed/config';
import { CursorState } from './cursor.svelte';
import { LayoutCache } from './layout-cache';

/** Shared by every embed on the host page: a course page often shows one program several times. */
const layouts = new LayoutCache(8);

/** Read by tests and the bench: when the first step's math was on screen. */
export const EMBED_FIRST_STEP_MARK = 'chainstep:embed-first-step';
/** Slower than the viewer's default: an embed is read beside a lecture's text. */
const AUTOPLAY_SPEED = 1;

/**
 * One embedded viewer: the configured program's trace, a cursor over its steps, and its graph
 * layout. The configuration is fixed for the life of the state; the element remounts when an
 * attribute changes.
 */
export class EmbedState {
	readonly config: EmbedConfig;
	readonly result: RunResult;
	readonly trace: Trace | undefined;
	readonly cursor: CursorState;
	layout: GraphLayout | null = $state.raw(null);
	layoutFailed = $state(false);
	collapsed: ReadonlySet<number> = $state.raw(new Set());
	/** The reader's system preference, for theme=auto. */
	systemDark = $state(false);

	readonly #elkBase: string;

	constructor(config: EmbedConfig, elkBase: string) {
		this.config = config;
		this.#elkBase = elkBase;
		this.result = run(config.program, { gates: config.gates });
		this.trace = this.result.ok ? this.result.trace : undefined;
		const trace = this.trace;
		this.cursor = new CursorState(() => trace);
		this.cursor.granularity = config.granularity;
		this.cursor.setWanted(config.step);
		this.cursor.speed = AUTOPLAY_SPEED;
		if (trace) this.collapsed = defaultCollapsed(trace, config.granularity);
	}

	readonly text: StepText | undefined = $derived.by(() => {
		const s = this.cursor.step;
		return this.trace && s ? stepText(this.trace, s, this.config.precision) : undefined;
	});

	readonly dark: boolean = $derived.by(() => this.config.theme === 'dark' || (this.config.theme === 'auto' && this.systemDark));

	/** A node clicked in the graph: its forward step while going forward, its backward step after. */
	selectNode(node: number): void {
		if (!this.trace) return;
		const k = stepOfNode(this.trace, this.cursor.granularity, node, this.cursor.phase);
		if (k >= 0) this.cursor.go(k);
	}

	toggleGroup(stmt: number): void {
		const next = new Set(this.collapsed);
		if (next.has(stmt)) next.delete(stmt);
		else next.add(stmt);
		this.collapsed = next;
		void this.loadLayout();
	}

	/** Lays out the graph for the current collapsed groups; a late answer for an old set is dropped. */
	async loadLayout(): Promise<void> {
		const trace = this.trace;
		if (!trace) return;
		const collapsed = this.collapsed;
		const key = LayoutCache.key(trace, collapsed);
		const hit = layouts.peek(key);
		if (hit) {
			this.layout = hit;
			return;
		}
		try {
			const made = await layouts.get(key, () => layoutTraceFrom(this.#elkBase, trace, collapsed));
			if (this.collapsed === collapsed) this.layout = made;
		} catch (e) {
			// The step panel still works without a graph; say so instead of spinning forever.
			this.layoutFailed = true;
			console.warn('chainstep: graph layout failed', e);
		}
	}

	markFirstStep(): void {
		if (performance.getEntriesByName(EMBED_FIRST_STEP_MARK).length === 0) performance.mark(EMBED_FIRST_STEP_MARK);
	}
}
