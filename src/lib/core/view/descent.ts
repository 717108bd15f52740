import type { Trace } from '../trace/build.ts';

/**
 * One gradient-descent step, w ← w − η ∂L/∂w, for the chosen leaf nodes. Reads the
 * gradients the backward pass already computed; the caller writes the new values into
 * the program and reruns it, so the new loss also comes from the engine.
 */
export function descentValues(t: Trace, leaves: Iterable<number>, eta: number): Map<number, number> {
	const g = t.graph;
	const out = new Map<number, number>();
	for (const i of leaves) if (g.kind[i] === 'leaf') out.set(i, g.value[i] - eta * g.grad[i]);
	return out;
}

/**
 * Leaf groups a learner would call parameters: weights (w…, W…, theta…) and, beside them,
 * biases (b…). Without weights a lone `b` is just a variable, so then every leaf is chosen.
 * An example about one particular update names its leaves in `preferred`.
 */
export function defaultDescentGroups(t: Trace, preferred: readonly string[] = []): number[] {
	const leaves = t.graph.groups.flatMap((g, k) => (g.isLeaf ? [k] : []));
	const name = (k: number) => t.graph.groups[k].name;
	const named = leaves.filter((k) => preferred.includes(name(k)));
	if (named.length > 0) return named;
	if (!leaves.some((k) => /^(w|W|theta)/.test(name(k)))) return leaves;
	return leaves.filter((k) => /^(w|W|theta|b)/.test(name(k)));
}
