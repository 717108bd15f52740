import { expect } from 'vitest';
import type { OpSpec } from '../../src/lib/core/ops/spec.ts';

/** An op's partials at `x` against central finite differences of its own forward: the registry's oracle. */
export function expectPartialsMatchFd(op: OpSpec, x: Float64Array, n: number, p: number): void {
	const y = op.forward(x, n, p);
	const partials = new Float64Array(n);
	op.partials(x, n, y, p, partials);
	for (let i = 0; i < n; i++) {
		const h = 1e-6 * Math.max(1, Math.abs(x[i]));
		const up = Float64Array.from(x);
		const down = Float64Array.from(x);
		up[i] += h;
		down[i] -= h;
		const numeric = (op.forward(up, n, p) - op.forward(down, n, p)) / (2 * h);
		expect(Math.abs(numeric - partials[i]), `${op.name} ∂/∂x${i} at ${Array.from(x)}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
	}
}
