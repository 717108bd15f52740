import { DEFAULT_SIG, fmt } from '../tex/number.ts';
import type { FactorChoice } from './questions.ts';

export type ParsedAnswer = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const NON_FINITE: Record<string, number> = {
	nan: NaN,
	inf: Infinity,
	'+inf': Infinity,
	'-inf': -Infinity,
	infinity: Infinity,
	'+infinity': Infinity,
	'-infinity': -Infinity,
	'∞': Infinity,
	'-∞': -Infinity
};

/**
 * A typed answer: `-0.2`, `.5`, `1e-3`, `-1/2`, `3 / 4`. Pasted text often carries a Unicode
 * minus or a thin space, so both are normalised; anything else is refused with a reason,
 * never evaluated.
 */
export function parseAnswer(text: string): ParsedAnswer {
	const s = text
		.trim()
		.replace(/[\u2212\u2012\u2013\u2014]/g, '-')
		.replace(/\s+/g, '');
	if (s === '') return { ok: false, message: 'Type a number, e.g. -0.5 or 1/2.' };
	if (s.toLowerCase() in NON_FINITE) return { ok: true, value: NON_FINITE[s.toLowerCase()] };
	if (NUMBER.test(s)) return { ok: true, value: Number(s) };
	const slash = s.indexOf('/');
	if (slash > 0 && s.indexOf('/', slash + 1) < 0) {
		const num = s.slice(0, slash);
		const den = s.slice(slash + 1);
		if (NUMBER.test(num) && NUMBER.test(den)) {
			const b = Number(den);
			if (b === 0) return { ok: false, message: 'A fraction cannot have 0 below the line.' };
			return { ok: true, value: Number(num) / b };
		}
	}
	return { ok: false, message: `“${text.trim().slice(0, 40)}” is not a number. Type a decimal (-0.25), a fraction (-1/4) or 1e-3.` };
}

export interface Tolerance {
	/** Relative error accepted: 1e-3 lets 0.731 stand for 0.7311. */
	readonly rel: number;
	/** Absolute error accepted, for answers near 0 where a relative error means nothing. */
	readonly abs: number;
	/** Significant digits the viewer displays: an answer that displays the same is right. */
	readonly sig: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { rel: 1e-3, abs: 1e-9, sig: DEFAULT_SIG };

export function withinTolerance(answer: number, expected: number, tol: Tolerance = DEFAULT_TOLERANCE): boolean {
	if (!Number.isFinite(expected) || !Number.isFinite(answer)) return Object.is(answer, expected) || (Number.isNaN(answer) && Number.isNaN(expected));
	const err = Math.abs(answer - expected);
	if (err <= tol.abs) return true;
	if (err <= tol.rel * Math.abs(expected)) return true;
	// Copying the displayed value must always count, even where rounding exceeds `rel`.
	return fmt(answer, tol.sig) === fmt(expected, tol.sig);
}

export type Verdict =
	| { readonly kind: 'right' }
	| { readonly kind: 'wrong' }
	| { readonly kind: 'unreadable'; readonly message: string };

export function checkNumber(text: string, expected: number, tol: Tolerance = DEFAULT_TOLERANCE): Verdict {
	const p = parseAnswer(text);
	if (!p.ok) return { kind: 'unreadable', message: p.message };
	return withinTolerance(p.value, expected, tol) ? { kind: 'right' } : { kind: 'wrong' };
}

/** Right when exactly the correct factors are picked: a missing one or an extra one is wrong. */
export function checkFactors(picked: ReadonlySet<number>, choices: readonly FactorChoice[]): Verdict {
	if (picked.size === 0) return { kind: 'unreadable', message: 'Pick at least one factor.' };
	return choices.every((c, i) => c.correct === picked.has(i)) ? { kind: 'right' } : { kind: 'wrong' };
}
