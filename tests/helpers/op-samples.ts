import type { OpSpec } from '../../src/lib/core/ops/spec.ts';

/** `n` inputs drawn from an op's domain (the registry's `domain`), kept off zero where the op asks. */
export function domainSample(op: OpSpec, rand: () => number, n: number): Float64Array {
	const { min, max, awayFromZero } = op.domain ?? { min: -3, max: 3 };
	const x = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		let v = min + (max - min) * rand();
		if (awayFromZero && Math.abs(v) < 0.2) v = v < 0 ? -0.2 - rand() : 0.2 + rand();
		x[i] = v;
	}
	return x;
}
