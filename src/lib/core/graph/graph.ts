import type { Expr } from '../language/ast.ts';
import type { Span } from '../language/span.ts';
import type { CallableOp } from '../ops/registry.ts';
import type { OpSpec } from '../ops/spec.ts';

export type NodeKind = 'leaf' | 'const' | 'op';
export type Shape = readonly number[];

/** A named value of the program: a scalar, vector or matrix, expanded into scalar nodes. */
export interface Group {
	readonly name: string;
	readonly shape: Shape;
	/** Node ids of the elements, row-major. */
	readonly ids: Int32Array;
	/** Index of the assignment that defines it. */
	readonly stmt: number;
	readonly isLeaf: boolean;
	/** The assignment's whole line, and just its name. */
	readonly span: Span;
	readonly nameSpan: Span;
}

/**
 * What one sub-expression of a line is as a whole: `W1 @ x` is a `matmul` part of shape [4]
 * whose ids are its four dot nodes. Vectorized steps read these to state a line's rules in matrix
 * form (∂L/∂W = δ xᵀ) without re-deriving the structure from scalar nodes.
 * `name`, `vector`, `transpose` and `index` (`q[0]`: one element) are views: their ids belong to other parts (or named values);
 * every other op part made its ids, one node per element. `1 / x` is `inv`, with x its only child.
 * A `call` part is a call of a registry function (or a user's gate), whose spec says how it expands.
 */
export type PartOp = 'const' | 'name' | 'neg' | 'pow' | 'add' | 'sub' | 'mul' | 'div' | 'inv' | 'matmul' | 'vector' | 'transpose' | 'index' | 'call';

export type Part = PartFields & ({ readonly op: Exclude<PartOp, 'call'> } | { readonly op: 'call'; readonly spec: CallableOp });

interface PartFields {
	readonly shape: Shape;
	/** Node ids of the value, row-major (before a named value's copies: see `Group.ids`). */
	readonly ids: Int32Array;
	/** Operands in the order written; a `const` part has none. */
	readonly children: readonly Part[];
	/** The sub-expression, for its LaTeX and its text. */
	readonly expr: Expr;
}

/**
 * The scalar computation graph, stored column-wise so 100,000 nodes cost a few typed arrays.
 * Node ids are a topological order: every input is created before the node that reads it.
 */
export interface Graph {
	readonly size: number;
	readonly kind: readonly NodeKind[];
	/** The op of each node (`undefined` for leaves and constants). */
	readonly op: readonly (OpSpec | undefined)[];
	readonly param: Float64Array;
	/** Inputs of node i are `inputs[inputStart[i] .. inputStart[i + 1])`. */
	readonly inputStart: Int32Array;
	readonly inputs: Int32Array;
	/** Group index of each node, or -1 for an unnamed intermediate or a constant. */
	readonly group: Int32Array;
	/** Row-major element index inside its group. */
	readonly elem: Int32Array;
	/** The assignment each node was created by. */
	readonly stmt: Int32Array;
	/** Source span of each node: the expression that created it. */
	readonly spans: readonly Span[];
	readonly groups: readonly Group[];
	readonly output: number;
	/** Forward values, filled by `forward`. Non-finite values are kept. */
	readonly value: Float64Array;
	/** d output / d node, filled by `backward`. */
	readonly grad: Float64Array;
	/** Local derivative of each edge: d node / d input, parallel to `inputs`. */
	readonly local: Float64Array;
	/** The program text, so steps can quote it. */
	readonly source: string;
	/** Names of the statements, in order. */
	readonly statements: readonly { readonly name: string; readonly span: Span }[];
	/** Each statement's right side as a tree of parts; undefined for a literal (a leaf's line). */
	readonly parts: readonly (Part | undefined)[];
}

/** Consumers of each node (who reads it), in CSR form, for fan-out sums. */
export interface Consumers {
	readonly start: Int32Array;
	/** Edge indices into `graph.inputs`; the consumer is the node owning that edge. */
	readonly edges: Int32Array;
	/** The node that owns each edge. */
	readonly edgeOwner: Int32Array;
}

export function consumersOf(g: Graph): Consumers {
	const n = g.size;
	const count = new Int32Array(n + 1);
	for (let e = 0; e < g.inputs.length; e++) count[g.inputs[e] + 1]++;
	for (let i = 0; i < n; i++) count[i + 1] += count[i];
	const start = count.slice();
	const fill = count.slice();
	const edges = new Int32Array(g.inputs.length);
	const edgeOwner = new Int32Array(g.inputs.length);
	for (let i = 0; i < n; i++) {
		for (let e = g.inputStart[i]; e < g.inputStart[i + 1]; e++) {
			edgeOwner[e] = i;
			edges[fill[g.inputs[e]]++] = e;
		}
	}
	return { start, edges, edgeOwner };
}
