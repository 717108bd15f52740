import type { Trace } from './build.ts';

/**
 * What an unnamed inner node of a line is, for the reader: its definition in LaTeX
 * (`\mathrm{net}_{o_1} = w_5 \cdot h_1 + …`) and in words ("the net input of o1").
 * Undefined for named values, leaves and constants, which need no definition.
 */
export interface InnerDefinition {
	readonly tex: string;
	readonly words: string;
}

export function innerDefinition(t: Trace, node: number): InnerDefinition | undefined {
	const g = t.graph;
	if (g.group[node] >= 0 || g.kind[node] !== 'op') return undefined;
	return { tex: t.tex(node), words: t.label(node) };
}
