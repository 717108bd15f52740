import type { Graph } from '../graph/graph.ts';

/**
 * Assignments create their nodes contiguously (graph/build.ts), so statement s owns the
 * ids `start[s] .. start[s + 1]`. Cached per graph: every step's scene asks for it.
 */
const cache = new WeakMap<Graph, Int32Array>();

export function statementStarts(g: Graph): Int32Array {
	const hit = cache.get(g);
	if (hit) return hit;
	const n = g.statements.length;
	const start = new Int32Array(n + 1).fill(g.size);
	for (let i = g.size - 1; i >= 0; i--) start[g.stmt[i]] = i;
	for (let s = n - 1; s >= 0; s--) start[s] = Math.min(start[s], start[s + 1]);
	cache.set(g, start);
	return start;
}

/** Number of scalar nodes (constants included) statement s created. */
export function statementSize(g: Graph, s: number): number {
	const start = statementStarts(g);
	return start[s + 1] - start[s];
}

/** A statement can fold into one box when it made more than one node. */
export function isCollapsible(g: Graph, s: number): boolean {
	return statementSize(g, s) > 1;
}

/** Group index of each statement (every assignment names exactly one group), or -1. */
export function groupOfStatement(g: Graph, s: number): number {
	const start = statementStarts(g);
	for (let i = start[s]; i < start[s + 1]; i++) {
		const k = g.group[i];
		if (k >= 0 && g.groups[k].stmt === s) return k;
	}
	return -1;
}
