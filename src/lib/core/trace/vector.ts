import type { Trace } from './build.ts';
import type { Step } from './steps.ts';
import type { TexLine } from './tex.ts';

/**
 * The vectorized form of a group step: each vector or matrix operation's rule in matrix form
 * with shapes (∂L/∂W = δ xᵀ, 4×1 · 1×3 = 4×3), its numbers as matrices, and the shape check.
 */
export function vectorBackwardLines(_t: Trace, _step: Step & { kind: 'group-backward' }, _sig: number): TexLine[] {
	return [];
}

export function vectorForwardLines(_t: Trace, _step: Step & { kind: 'group-forward' }, _sig: number): TexLine[] {
	return [];
}
