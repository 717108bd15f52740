import type { Nudge } from '$lib/core/autodiff/nudge';
import { grouped } from '$lib/core/grouped';
import { fmt } from '$lib/core/tex/number';

/** Below this the two derivatives agree: finite differences at h = 1e-6 reach about 1e-10, rounding in f permitting. */
export const AGREE = 1e-4;

/** Agree, differ, or cannot be compared: the one word beside the relative error. */
export function verdict(n: Nudge): 'agree' | 'differ' | 'no comparison' {
	if (Number.isNaN(n.relativeError)) return 'no comparison';
	return n.relativeError < AGREE ? 'agree' : 'differ';
}

/**
 * What was nudged and what moved, in one sentence a student can check by hand:
 * `x` (the nudged node's name) moved by ±h around its value, `f` (the output) by Δf.
 * `inner`: the node is computed, not typed in, so the check set it by hand.
 */
export function nudgeSentence(n: Nudge, x: string, f: string, inner: boolean, sig: number, step = 'h'): string {
	const size = fmt(n.h, sig);
	if (!Number.isFinite(n.at)) return `${x} = ${fmt(n.at, sig)} is not a finite number, so it cannot be nudged.`;
	if (n.lost) return `${step} = ${size} is too small to move ${x} = ${fmt(n.at, sig)}: ${fmt(n.at, sig)} ± ${step} rounds back to ${fmt(n.at, sig)}. Try a larger ${step}.`;
	const set = inner ? `Setting ${x} (computed, not typed in) by hand` : `Nudging ${x}`;
	const moved = `${set} from ${fmt(n.at, sig)} up and down by ${step} = ${size} changed ${f} by ${fmt(n.outUp - n.outDown, sig)} across the ${fmt(n.up - n.down, sig)} from ${x} − ${step} to ${x} + ${step}`;
	return `${moved}: a slope of ${fmt(n.numeric, sig)}, where backprop says ∂${f}/∂${x} = ${fmt(n.backprop, sig)}.${differ(n, step)}`;
}

/** For a named value checked element by element: how it was done and where the worst one is. */
export function groupSentence(worst: Nudge, name: string, count: number, worstLabel: string, sig: number, step = 'h'): string {
	const each = count === 1 ? `${name} was nudged by ±${step}` : `Each of the ${grouped(count)} elements of ${name} was nudged by ±${step} on its own, the others kept`;
	if (Number.isNaN(worst.relativeError)) return `${each}; at ${worstLabel} the two cannot be compared (a value that is not finite, or ${step} too small).`;
	return `${each}: the largest relative error is ${fmt(worst.relativeError, sig)}, at ${worstLabel}.${differ(worst, step)}`;
}

/**
 * The step's symbol: h, as finite differences are written, or ε in a program that has its own h
 * (a hidden layer usually is h), so "h[0] + h" never mixes the two.
 */
export function stepSymbol(names: Iterable<string>): string {
	for (const n of names) if (n === 'h') return 'ε';
	return 'h';
}

function differ(n: Nudge, step: string): string {
	return verdict(n) === 'differ'
		? ` They differ: ${step} may be too large (try a smaller one), the value may sit at a kink (relu at 0, a tie in max), or a gradient is wrong.`
		: '';
}
