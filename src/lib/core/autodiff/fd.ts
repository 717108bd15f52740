import type { Graph } from '../graph/graph.ts';
import { DEFAULT_H, nudgeLeaves } from './nudge.ts';

export interface FdMismatch {
	node: number;
	analytic: number;
	numeric: number;
}

/**
 * Check every leaf's gradient against a central finite difference of the output,
 * the oracle this project trusts over hand-written expectations. Reads the graph only
 * (nudge.ts works on a private copy of the values), so a live trace can be checked.
 * The tolerance is relative to the larger of 1 and the two numbers: absolute near 0, where
 * a gradient of 0 beside a numeric 1e-12 is agreement, not a 100% error.
 */
export function finiteDifferenceCheck(g: Graph, opts: { h?: number; tol?: number } = {}): FdMismatch[] {
	const tol = opts.tol ?? 1e-5;
	const bad: FdMismatch[] = [];
	for (const n of nudgeLeaves(g, opts.h ?? DEFAULT_H)) {
		if (!(Math.abs(n.numeric - n.backprop) <= tol * Math.max(1, Math.abs(n.numeric), Math.abs(n.backprop))))
			bad.push({ node: n.node, analytic: n.backprop, numeric: n.numeric });
	}
	return bad;
}
