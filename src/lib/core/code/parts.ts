import { reachesOutput } from '../autodiff/backward.ts';
import { expandedCallOf, gateOf } from '../graph/gates.ts';
import type { Graph, Part } from '../graph/graph.ts';

/**
 * What both writers read off a graph's parts: which pieces make no code of their own (a name, a
 * vector's transpose: the same values), and which statements reach the output (only those take
 * part in backprop, as in `autodiff/backward.ts`: a line the output never reads has gradient 0).
 */

/** A part that is its only child's value read another way: a vector's transpose (a row is the same numbers). */
export function transparent(p: Part): Part | undefined {
	return p.op === 'transpose' && p.shape.length === 1 ? p.children[0] : undefined;
}

/** Follows transparent parts down to the part that computes the value. */
export function resolve(p: Part): Part {
	let q = p;
	for (let t = transparent(q); t; t = transparent(q)) q = t;
	return q;
}

/** The parts of one statement, children before parents, each once (an expanded gate's parameter used twice is one part). */
export function postOrder(root: Part): Part[] {
	const out: Part[] = [];
	const seen = new Set<Part>();
	const stack: { p: Part; open: boolean }[] = [{ p: root, open: false }];
	while (stack.length > 0) {
		const top = stack.pop()!;
		if (top.open) {
			out.push(top.p);
			continue;
		}
		if (seen.has(top.p)) continue;
		seen.add(top.p);
		stack.push({ p: top.p, open: true });
		if (top.p.op === 'name' || top.p.op === 'const') continue;
		for (let k = top.p.children.length - 1; k >= 0; k--) if (!seen.has(top.p.children[k])) stack.push({ p: top.p.children[k], open: false });
	}
	return out;
}

/** The code writers spell a gate by its body: the graph must be built with `gates: 'expanded'`. */
export function assertExpanded(g: Graph): void {
	for (const root of g.parts) {
		if (!root) continue;
		for (const p of postOrder(root)) if (p.op === 'call' && gateOf(p.spec)) throw new Error(`code export needs the gates expanded: build with { gates: 'expanded' } (${p.spec.name})`);
	}
}

/** Node liveness: whether a value has a path to the output (with `q[k]` the output may read only some of its elements). */
export function liveness(g: Graph): (p: Part) => boolean {
	const live = reachesOutput(g);
	return (p) => p.ids.some((id) => live[id] === 1);
}

/** A constant part's number (a literal, or a negated one), as the graph holds it. */
export function constValue(g: Graph, p: Part): number {
	return g.value[p.ids[0]];
}

/** The gate call whose body made a part (the outermost, as the program line writes it), for a comment: `sig(w0*x0 + 1)`. */
export function gateCallText(g: Graph, p: Part): string | undefined {
	let c = p.ids.length > 0 ? expandedCallOf(g, p.ids[0]) : undefined;
	while (c?.outer) c = c.outer;
	return c ? g.source.slice(c.call.span.offset, c.call.span.offset + c.call.span.length) : undefined;
}

/** Whether any piece of a statement comes from a gate's body. */
export function usesGate(g: Graph, root: Part): boolean {
	return postOrder(root).some((p) => p.op !== 'name' && p.op !== 'const' && gateCallText(g, p) !== undefined);
}
