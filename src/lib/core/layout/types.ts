/**
 * Our own layout types. ELK's JSON stays inside elk-input.ts / elk-output.ts, so the
 * renderers, tests and exports never depend on ELK's shape.
 */

export interface Point {
	readonly x: number;
	readonly y: number;
}

/** What one drawn box stands for: one scalar node, or a whole assignment collapsed into one box. */
export type LayoutTarget = { readonly kind: 'node'; readonly node: number } | { readonly kind: 'box'; readonly stmt: number };

export interface LayoutNode {
	/** Stable id: `n12` for scalar node 12, `s3` for the collapsed statement 3. */
	readonly id: string;
	readonly target: LayoutTarget;
	/** Top-left corner and size, in layout units (SVG user units). */
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

export interface LayoutEdge {
	readonly id: string;
	readonly from: LayoutTarget;
	readonly to: LayoutTarget;
	/** The polyline from the source's right side to the target's left side. */
	readonly points: readonly Point[];
	/**
	 * The scalar edges drawn by this wire (indices into `graph.inputs`). One for a wire between
	 * scalar nodes; several when a collapsed box sits at either end.
	 */
	readonly edges: readonly number[];
}

export interface GraphLayout {
	readonly width: number;
	readonly height: number;
	readonly nodes: readonly LayoutNode[];
	readonly edges: readonly LayoutEdge[];
	/** The statements actually drawn as boxes (may exceed what was asked, see `capped`). */
	readonly collapsed: readonly number[];
	/** True when more statements were collapsed than asked, to keep the layout under `MAX_LAYOUT_NODES`. */
	readonly capped: boolean;
}
