import { rewriteLeaves } from '$lib/core/edit/literals';
import type { Trace } from '$lib/core/trace/build';
import { defaultDescentGroups, descentValues } from '$lib/core/view/descent';
import { structureKey } from '$lib/core/view/structure';

export interface DescentEntry {
	readonly loss: number;
	/** η of the update that led here; undefined for the starting point. */
	readonly eta?: number;
}

/**
 * Gradient descent by hand: each click applies w ← w − η ∂L/∂w to the chosen leaf groups by
 * rewriting their literals, and the program reruns; the new loss comes from the engine.
 */
export class DescentState {
	eta = $state(0.01);
	/** Chosen leaf groups, by group index. */
	chosen: ReadonlySet<number> = $state.raw(new Set());
	history: readonly DescentEntry[] = $state.raw([]);
	#structure = '';

	constructor(
		private readonly getTrace: () => Trace | undefined,
		private readonly setText: (text: string) => void
	) {}

	/** A new program (not just new values) starts a new history with its own default choice. */
	sync(trace: Trace | undefined, preferred?: readonly string[]): void {
		const s = trace ? structureKey(trace.graph) : '';
		if (s === this.#structure) return;
		this.#structure = s;
		this.chosen = new Set(trace ? defaultDescentGroups(trace, preferred) : []);
		this.history = [];
	}

	toggle(group: number): void {
		const next = new Set(this.chosen);
		if (next.has(group)) next.delete(group);
		else next.add(group);
		this.chosen = next;
	}

	/** Returns false when nothing could be updated (no trace, nothing chosen, η not a number). */
	update(): boolean {
		const t = this.getTrace();
		if (!t || this.chosen.size === 0 || !Number.isFinite(this.eta)) return false;
		const g = t.graph;
		const ids = [...this.chosen].flatMap((k) => Array.from(g.groups[k]?.ids ?? []));
		const text = rewriteLeaves(t, descentValues(t, ids, this.eta));
		if (text === undefined) return false;
		const before = this.history.length ? this.history : [{ loss: g.value[g.output] }];
		const eta = this.eta;
		this.setText(text);
		const after = this.getTrace();
		if (!after || after === t) return false;
		this.history = [...before, { loss: after.graph.value[after.graph.output], eta }];
		return true;
	}
}
