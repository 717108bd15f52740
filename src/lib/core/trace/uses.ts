import type { Consumers, Graph } from '../graph/graph.ts';

/**
 * One use of a node: one consumer, read through one edge or through several where the node
 * appears more than once in it (`c1 + c1`, `x * x`, `dot(v, v)`). A use is one term of the
 * chain-rule sum; its local derivative is the sum over its edges (the sum rule, the product
 * rule: ∂(x·x)/∂x = x + x), because ∂o/∂x means the derivative of o with respect to x, not
 * with respect to one of its slots. Two rows "∂o/∂x = x" would each state a false equation.
 */
export interface Use {
	/** The consumer node. */
	readonly owner: number;
	/** Edges (indices into `graph.inputs`) of `owner` that read the node, in slot order. */
	readonly edges: readonly number[];
	/** ∂owner/∂node: the local derivatives of `edges`, added. */
	readonly local: number;
}

/**
 * The uses behind a backward step's `terms` (edges into consumers), one per consumer, in the
 * order the consumers first appear. Linear in the edges, as the steps' texts must be.
 */
export function usesOf(g: Pick<Graph, 'local'>, c: Pick<Consumers, 'edgeOwner'>, terms: ArrayLike<number>): Use[] {
	const at = new Map<number, { owner: number; edges: number[] }>();
	for (let k = 0; k < terms.length; k++) {
		const e = terms[k];
		const owner = c.edgeOwner[e];
		const u = at.get(owner);
		if (u) u.edges.push(e);
		else at.set(owner, { owner, edges: [e] });
	}
	return [...at.values()].map((u) => ({ owner: u.owner, edges: u.edges, local: u.edges.reduce((s, e) => s + g.local[e], 0) }));
}

/** The number of times `count` as words: "once", "twice", "3 times". */
export function timesWords(count: number): string {
	return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}
