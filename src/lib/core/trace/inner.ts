import type { Trace } from './build.ts';

/**
 * What an unnamed inner node of a line is, for the reader: its definition in LaTeX
 * (`\mathrm{net}_{o_{1}} = w_{5} \cdot h_{1} + …`) and in words ("the net input of o1 …").
 * Undefined for named values, leaves and constants, which need no definition.
 */
export interface InnerDefinition {
	readonly tex: string;
	readonly words: string;
	/** Whether the name already spells out its definition (a short piece like `(w5*h1)`). */
	readonly selfDescribing: boolean;
}

export function innerDefinition(t: Trace, node: number): InnerDefinition | undefined {
	const n = t.inner(node);
	if (!n) return undefined;
	return { tex: n.definition, words: `${n.label} is ${n.role}`, selfDescribing: n.kind === 'expr' };
}
