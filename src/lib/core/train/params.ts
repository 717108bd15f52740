import type { Trace } from '../trace/build.ts';

/**
 * Leaf groups a learner would call parameters: weights (w…, W…, theta…) and, beside them,
 * biases (b…). Without weights a lone `b` is just a variable, so then every leaf is chosen.
 * An example about one particular update names its leaves in `preferred`.
 */
export function defaultDescentGroups(t: Trace, preferred: readonly string[] = []): number[] {
	const leaves = leafGroups(t);
	const name = (k: number) => t.graph.groups[k].name;
	const named = leaves.filter((k) => preferred.includes(name(k)));
	if (named.length > 0) return named;
	if (!leaves.some((k) => /^(w|W|theta)/.test(name(k)))) return leaves;
	return leaves.filter((k) => /^(w|W|theta|b)/.test(name(k)));
}

/** Indices of the leaf groups (the values a program writes as numbers), in program order. */
export function leafGroups(t: Trace): number[] {
	return t.graph.groups.flatMap((g, k) => (g.isLeaf ? [k] : []));
}

export type ParamChoice =
	| { readonly ok: true; readonly groups: number[] }
	| { readonly ok: false; readonly unknown: string[]; readonly leaves: string[] };

/**
 * Leaf groups by name, as a user lists them (`--params w1,b`): every name must be a leaf, so a
 * typo or a computed value is reported with the leaves there are rather than trained silently.
 */
export function paramGroupsByName(t: Trace, names: readonly string[]): ParamChoice {
	const leaves = leafGroups(t);
	const byName = new Map(leaves.map((k) => [t.graph.groups[k].name, k]));
	const unknown = names.filter((n) => !byName.has(n));
	if (unknown.length > 0) return { ok: false, unknown, leaves: leaves.map((k) => t.graph.groups[k].name) };
	return { ok: true, groups: [...new Set(names.map((n) => byName.get(n)!))] };
}
