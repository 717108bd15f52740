import type { Graph } from '../graph/graph.ts';
import { forward } from './forward.ts';

export interface FdMismatch {
	node: number;
	analytic: number;
	numeric: number;
}

/**
 * Check every leaf's gradient against a central finite difference of the output,
 * the oracle this project trusts over hand-written expectations.
 * Leaves the graph's values as it found them.
 */
export function finiteDifferenceCheck(g: Graph, opts: { h?: number; tol?: number } = {}): FdMismatch[] {
	const h = opts.h ?? 1e-6;
	const tol = opts.tol ?? 1e-5;
	const bad: FdMismatch[] = [];
	for (let i = 0; i < g.size; i++) {
		if (g.kind[i] !== 'leaf') continue;
		const x0 = g.value[i];
		g.value[i] = x0 + h;
		forward(g);
		const up = g.value[g.output];
		g.value[i] = x0 - h;
		forward(g);
		const down = g.value[g.output];
		g.value[i] = x0;
		const numeric = (up - down) / (2 * h);
		const analytic = g.grad[i];
		if (!(Math.abs(numeric - analytic) <= tol * Math.max(1, Math.abs(numeric), Math.abs(analytic))))
			bad.push({ node: i, analytic, numeric });
	}
	forward(g);
	return bad;
}
