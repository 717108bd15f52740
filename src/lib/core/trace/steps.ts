import type { Span } from '../language/span.ts';

/**
 * One step of the walk through the graph. Scalar steps visit one node; group steps visit one
 * assignment (a whole vector or matrix) at a time. Values are read from the graph, never recomputed.
 */
export type Step =
	| {
			readonly kind: 'forward';
			readonly node: number;
			/** The nodes this one reads. */
			readonly reads: Int32Array;
			readonly span: Span;
	  }
	| {
			readonly kind: 'backward';
			readonly node: number;
			/**
			 * Edges (indices into `graph.inputs`) through which the gradient arrives. Empty for the
			 * output, whose gradient is the seed 1. The fan-out sum has one term per consumer, not
			 * per edge: a node read twice by one consumer (`c1 + c1`, `x * x`) is one use whose
			 * local derivative adds both edges' (see `usesOf` in uses.ts).
			 */
			readonly terms: Int32Array;
			readonly span: Span;
	  }
	| {
			readonly kind: 'group-forward';
			/** Index of the assignment. */
			readonly stmt: number;
			/** Group of the assigned name. */
			readonly group: number;
			/** Every node the assignment computes, unnamed intermediates included. */
			readonly nodes: Int32Array;
			readonly span: Span;
	  }
	| {
			readonly kind: 'group-backward';
			readonly stmt: number;
			readonly group: number;
			readonly nodes: Int32Array;
			readonly span: Span;
	  };

export type StepKind = Step['kind'];
export type Granularity = 'scalar' | 'group';

export function isForward(s: Step): boolean {
	return s.kind === 'forward' || s.kind === 'group-forward';
}
