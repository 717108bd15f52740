/** LaTeX pieces the op entries share. */

/** Long sums (a dot product of 128 terms) would swamp the step: show the ends and elide the middle. */
export const TEX_LIST_LIMIT = 6;

/** Items `at(0)` … `at(n - 1)`; only those shown are written, as operand lists are made on read (trace/lazy-list.ts). */
export function listOf(n: number, at: (k: number) => string, sep: string): string {
	const shown = n <= TEX_LIST_LIMIT ? [...Array(n).keys()] : [0, 1, 2, -1, n - 1];
	return shown.map((k) => (k < 0 ? '\\cdots' : at(k))).join(sep);
}

export function list(items: readonly string[], sep: string, each: (item: string) => string = (a) => a): string {
	return listOf(items.length, (k) => each(items[k]), sep);
}

/** a0 · b0 + a1 · b1 + …: the pairs of a dot product. */
export function pairs(a: readonly string[], each: (a: string, b: string) => string = (x, y) => `${x} \\cdot ${y}`): string {
	return listOf(Math.floor(a.length / 2), (k) => each(a[2 * k], a[2 * k + 1]), ' + ');
}

/** Brackets around an operand; one already bracketed as a whole (a piece named `(a c + 2)`) is not bracketed twice. */
export const paren = (s: string) => (s.startsWith('\\left(') && enclosed(s) ? s : `\\left(${s}\\right)`);

/** `\operatorname{name}(a, b)`: how a function without a symbol of its own is written. */
export const named = (name: string) => (a: readonly string[]) => `\\operatorname{${name.replace(/_/g, '\\_')}}${paren(a.join(', '))}`;

/** Exponents print as written: 2, -1, 0.5. */
export function fmtExponent(p: number): string {
	return Number.isInteger(p) ? String(p) : String(+p.toPrecision(6));
}

/** Whether `s` is one bracketed group `\left( … \right)` (or one matrix) as a whole. */
export function enclosed(s: string): boolean {
	for (const [open, close] of [['\\left(', '\\right)'], ['\\begin{bmatrix}', '\\end{bmatrix}']]) {
		if (!s.startsWith(open)) continue;
		let depth = 0;
		for (let k = 0; k < s.length; k++) {
			if (s.startsWith(open, k)) depth++;
			else if (s.startsWith(close, k) && --depth === 0) return s.slice(k + close.length).replace(/\^\{\\top\}$/, '') === '';
		}
	}
	return false;
}
/** A factor that holds a sum or a difference is bracketed before it multiplies. */
export const factor = (s: string) => (!enclosed(s) && /[+-]/.test(s.replace(/^-/, '').replace(/\{[^{}]*\}/g, '')) ? paren(s) : s);
/** `x^{\top}`; a fraction, a transpose or a sum is bracketed first (`W^{\top}^{\top}` is not LaTeX). */
export const tr = (s: string) => `${/^[A-Za-z](_\{[^{}]*\})?$|^\\[a-z]+\{[^{}]*\}(_\{[^{}]*\})?$/.test(s) || enclosed(s) ? s : paren(s)}^{\\top}`;
