import type { Trace } from '$lib/core/trace/build';
import type { Granularity } from '$lib/core/trace/steps';
import { structureKey } from '$lib/core/view/structure';
import { defaultCollapsed } from '$lib/core/layout/elk-input';
import { isCollapsible } from '$lib/core/layout/statements';
import type { GraphLayout } from '$lib/core/layout/types';
import { LayoutCache } from './layout-cache';

/** One cache for the page: practice and the viewer redraw the same programs. */
const pageCache = new LayoutCache();

const inBrowser = typeof window !== 'undefined' && typeof Worker !== 'undefined';
/**
 * The built-in examples' layouts, made at build time (examples/layouts-plugin.ts): a small chunk
 * fetched as soon as this module runs, so an example's graph paints without ELK.
 */
const seeded: Promise<void> = inBrowser
	? import('virtual:chainstep-example-layouts').then(
			(m) => pageCache.seed(m.default),
			(e: unknown) => console.warn('chainstep: no ready-made example layouts', e)
		)
	: Promise.resolve();
/**
 * Past this many nodes a graph nobody has seen yet is first drawn with every assignment as one
 * box, and then whole: ELK took 268 ms for a 117-node MLP in a just-warmed worker and a few
 * tens of ms for its boxes, and the graph should follow the first step's math within 300 ms.
 */
const PREVIEW_ABOVE = 60;

/** Measured layout times, read by the bench script. */
export const LAYOUT_MEASURE = 'chainstep:layout';

/**
 * The graph's layout: computed off the main thread (ELK loads lazily, on first use), cached
 * by structure and collapsed groups, so editing a value or stepping never relays out.
 */
export class LayoutState {
	/** The layout with the structure it was made for: after an edit it may briefly lag the trace. */
	#made: { readonly layout: GraphLayout; readonly structure: string } | null = $state.raw(null);
	collapsed: ReadonlySet<number> = $state.raw(new Set());
	loading = $state(false);
	failed = $state(false);
	/** What is drawn is the folded stand-in while the asked layout is still being made. */
	preview = $state(false);
	#structure = '';
	#granularity: Granularity = 'scalar';
	#wanted = '';
	#trace: Trace | undefined;
	/** Folding asked for by a link, applied when the trace it names arrives. */
	#pending: { fold: readonly string[]; granularity: Granularity } | undefined;

	/**
	 * The layout to draw `trace` with, or null while it is being made. A new program's trace
	 * is derived before `sync` hears of it, so the check is here, where it is read.
	 */
	layoutFor(trace: Trace | undefined): GraphLayout | null {
		const made = this.#made;
		return made && trace && made.structure === structureKey(trace.graph) ? made.layout : null;
	}

	/** The layout fits the trace it was made for; a different structure must not reuse it. */
	sync(trace: Trace | undefined, granularity: Granularity): void {
		this.#trace = trace;
		if (!trace) {
			this.#made = null;
			this.preview = false;
			this.#structure = '';
			return;
		}
		const s = structureKey(trace.graph);
		if (s !== this.#structure || granularity !== this.#granularity) {
			if (s !== this.#structure) {
				this.#made = null;
				this.preview = false;
			}
			this.#structure = s;
			this.#granularity = granularity;
			const p = this.#pending;
			this.collapsed = p && p.granularity === granularity ? byName(trace, p.fold) : defaultCollapsed(trace, granularity);
		}
		this.#pending = undefined;
		void this.#request(trace);
	}

	/**
	 * Fold what a link asks (`fold=` names), or the default when undefined. Called before the
	 * link's program is synced: if the drawn structure already matches it applies now, else at sync.
	 */
	want(fold: readonly string[] | undefined, granularity: Granularity): void {
		const t = this.#trace;
		if (fold === undefined) {
			this.#pending = undefined;
			if (t && granularity === this.#granularity) this.#set(defaultCollapsed(t, granularity));
			return;
		}
		this.#pending = { fold, granularity };
		if (t && granularity === this.#granularity) this.#set(byName(t, fold));
	}

	/**
	 * The folding as link parameters: undefined while it is the default for this graph and
	 * granularity, else the folded assignments' names in program order.
	 */
	foldParam(): string[] | undefined {
		const t = this.#trace;
		if (!t) return undefined;
		const c = this.collapsed;
		const d = defaultCollapsed(t, this.#granularity);
		if (c.size === d.size && [...c].every((s) => d.has(s))) return undefined;
		return [...c].sort((a, b) => a - b).map((s) => t.graph.statements[s].name);
	}

	/** Fold every assignment that has more than one node into a box, or unfold them all. */
	setAll(fold: boolean): void {
		const t = this.#trace;
		if (!t) return;
		this.#set(fold ? allFolded(t) : new Set());
	}

	#set(next: ReadonlySet<number>): void {
		const c = this.collapsed;
		if (next.size === c.size && [...next].every((s) => c.has(s))) return;
		this.collapsed = next;
		if (this.#trace) void this.#request(this.#trace);
	}

	toggle(stmt: number): void {
		const next = new Set(this.collapsed);
		if (next.has(stmt)) next.delete(stmt);
		else next.add(stmt);
		this.#set(next);
	}

	async #request(trace: Trace): Promise<void> {
		const structure = this.#structure;
		const collapsed = this.collapsed;
		const key = LayoutCache.key(trace, collapsed);
		this.#wanted = key;
		const hit = pageCache.peek(key) ?? (await seeded.then(() => pageCache.peek(key)));
		if (hit) {
			if (this.#wanted !== key) return;
			this.#show(hit, structure);
			this.loading = false;
			return;
		}
		if (this.#wanted !== key) return;
		this.loading = true;
		this.failed = false;
		if (!this.#made && trace.graph.size > PREVIEW_ABOVE) void this.#preview(trace, key, structure);
		try {
			const made = await layoutOf(trace, collapsed, key);
			if (this.#wanted === key) this.#show(made, structure);
		} catch (e) {
			if (this.#wanted === key) this.failed = true;
			console.warn('layout failed', e);
		} finally {
			if (this.#wanted === key) {
				this.loading = false;
				this.preview = false;
			}
		}
	}

	#show(layout: GraphLayout, structure: string, preview = false): void {
		this.#made = { layout, structure };
		this.preview = preview;
	}

	/**
	 * Draw every assignment as a box while the asked layout (key) is made: asked first of the
	 * worker, so it comes first. A stand-in never replaces a drawn graph of the same program.
	 */
	async #preview(trace: Trace, key: string, structure: string): Promise<void> {
		const folded = allFolded(trace);
		const previewKey = LayoutCache.key(trace, folded);
		if (previewKey === key) return;
		try {
			const layout = await layoutOf(trace, folded, previewKey);
			if (this.#wanted === key && !this.#made) this.#show(layout, structure, true);
		} catch {
			// Only a stand-in: the asked layout reports its own failure.
		}
	}
}

/** ELK's layout of `trace` with `collapsed` folded, from the page's cache or the worker. */
function layoutOf(trace: Trace, collapsed: ReadonlySet<number>, key: string): Promise<GraphLayout> {
	return pageCache.get(key, async () => {
		const t0 = performance.now();
		const { layoutTrace } = await import('$lib/adapters/elk');
		const layout = await layoutTrace(trace, collapsed);
		performance.measure(LAYOUT_MEASURE, { start: t0, end: performance.now(), detail: { nodes: trace.graph.size, folded: collapsed.size } });
		return layout;
	});
}

function allFolded(t: Trace): Set<number> {
	const out = new Set<number>();
	for (let s = 0; s < t.graph.statements.length; s++) if (isCollapsible(t.graph, s)) out.add(s);
	return out;
}

/** Statements named in a link that exist and can fold; unknown names are ignored. */
function byName(t: Trace, names: readonly string[]): Set<number> {
	const want = new Set(names);
	const out = new Set<number>();
	const st = t.graph.statements;
	for (let s = 0; s < st.length; s++) if (want.has(st[s].name) && isCollapsible(t.graph, s)) out.add(s);
	return out;
}
