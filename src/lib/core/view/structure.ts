import type { Graph } from '../graph/graph.ts';
import { finish, pauseAt, type Sliced } from '../slices.ts';

/**
 * A key that changes only when the drawing would: topology, ops, constants and names, not
 * leaf values. Editing a weight or taking a descent step then reuses the cached layout, so
 * the graph does not jump.
 */
export function structureKey(g: Graph): string {
	return keys.get(g) ?? finish(warmStructureKey(g));
}

/** Computes the key now, pausing now and then (see slices.ts), so a later `structureKey` is a lookup. */
export function* warmStructureKey(g: Graph): Sliced<string> {
	let key = keys.get(g);
	if (key === undefined) keys.set(g, (key = yield* computeKey(g)));
	return key;
}

// A graph never changes shape once built, so its key is computed once (it is O(size) to make).
const keys = new WeakMap<Graph, string>();

function* computeKey(g: Graph): Sliced<string> {
	const parts: string[] = [String(g.size), g.inputStart.join(','), g.inputs.join(',')];
	for (let i = 0; i < g.size; i++) {
		if (pauseAt(i)) yield;
		parts.push(g.kind[i] === 'const' ? String(g.value[i]) : `${g.op[i]?.name ?? g.kind[i]}:${g.param[i]}`);
	}
	for (const grp of g.groups) parts.push(`${grp.name}:${grp.shape.join('x')}`);
	return parts.join('|');
}
