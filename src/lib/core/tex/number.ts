/**
 * The one number formatter. The viewer, every handout format and the CLI print numbers
 * through here, so a value reads the same everywhere.
 */
export const DEFAULT_SIG = 4;

/** Plain text: -4, 0.7311, 1.235e-5, NaN, Infinity. */
export function fmt(x: number, sig = DEFAULT_SIG): string {
	if (Number.isNaN(x)) return 'NaN';
	if (x === Infinity) return 'Infinity';
	if (x === -Infinity) return '-Infinity';
	if (x === 0) return '0';
	if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
	const ax = Math.abs(x);
	if (ax >= 1e-4 && ax < 1e6) {
		const s = x.toPrecision(sig);
		// toPrecision switches to exponent form when the integer part has more digits than sig.
		if (!s.includes('e')) return stripZeros(s);
	}
	const [m, e] = x.toExponential(sig - 1).split('e');
	return `${stripZeros(m)}e${Number(e)}`;
}

function stripZeros(s: string): string {
	return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** LaTeX: -4, 0.7311, 1.235 \times 10^{-5}, \text{NaN}, \infty. */
export function texNum(x: number, sig = DEFAULT_SIG): string {
	if (Number.isNaN(x)) return '\\text{NaN}';
	if (x === Infinity) return '\\infty';
	if (x === -Infinity) return '-\\infty';
	const s = fmt(x, sig);
	const i = s.indexOf('e');
	if (i < 0) return s;
	return `${s.slice(0, i)} \\times 10^{${s.slice(i + 1)}}`;
}

/** A number as an operand inside a formula: negatives and scientific notation in parentheses, (-2) + 5. */
export function texOperand(x: number, sig = DEFAULT_SIG): string {
	const t = texNum(x, sig);
	return t.startsWith('-') || t.includes('\\times') ? `\\left(${t}\\right)` : t;
}
