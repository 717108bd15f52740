/** How program names become LaTeX: w0 → w_{0}, yhat → \hat{y}, alpha → \alpha, W1[1,0] → W_{1}[1,0]. */

const GREEK = new Set([
	'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu',
	'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
	'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Phi', 'Psi', 'Omega'
]);

function base(b: string): string {
	if (GREEK.has(b)) return `\\${b}`;
	if (b.length > 3 && b.endsWith('hat')) return `\\hat{${base(b.slice(0, -3))}}`;
	if (b.length === 1) return b;
	return `\\mathit{${b}}`;
}

/** Names are checked by the lexer to be [A-Za-z][A-Za-z0-9_]*, so nothing here can inject LaTeX. */
export function nameTex(name: string): string {
	const under = name.indexOf('_');
	if (under > 0 && under < name.length - 1) {
		const sub = name.slice(under + 1).replace(/_/g, ',');
		return `${base(name.slice(0, under))}_{${/^[0-9,]+$/.test(sub) ? sub : `\\mathit{${sub}}`}}`;
	}
	const m = /^([A-Za-z]+?)(\d+)$/.exec(name);
	if (m) return `${base(m[1])}_{${m[2]}}`;
	return base(name.replace(/_$/, ''));
}

/** Whether `nameTex` already put a subscript on the name. */
function hasSubscript(name: string): boolean {
	return /\d$/.test(name) || (name.indexOf('_') > 0 && !name.endsWith('_'));
}

export function elementIndex(shape: readonly number[], k: number): number[] {
	return shape.length === 2 ? [Math.floor(k / shape[1]), k % shape[1]] : shape.length === 1 ? [k] : [];
}

/** Plain-text label of an element: q[0], W[1,0]; a scalar name stays as it is. */
export function elementLabel(name: string, shape: readonly number[], k: number): string {
	const idx = elementIndex(shape, k);
	return idx.length ? `${name}[${idx.join(',')}]` : name;
}

export function elementTex(name: string, shape: readonly number[], k: number): string {
	return indexedTex(name, elementIndex(shape, k));
}

/** LaTeX of element `at` of a named value: q_{0}, W_{1,0}; W1[1,0] where the name has its own subscript. */
export function indexedTex(name: string, at: readonly number[]): string {
	if (!at.length) return nameTex(name);
	const t = nameTex(name);
	return hasSubscript(name) ? `${t}[${at.join(',')}]` : `${t}_{${at.join(',')}}`;
}

/**
 * Unnamed intermediates are called v1, v2, … unless the program already uses that letter,
 * in which case the next free letter is taken.
 */
export function anonymousPrefix(names: Iterable<string>): string {
	const used = new Set<string>();
	for (const n of names) {
		const m = /^([A-Za-z]+)\d*$/.exec(n);
		if (m) used.add(m[1]);
	}
	for (const c of ['v', 't', 'u', 'r', 's', 'm', 'n', 'k']) if (!used.has(c)) return c;
	return 'node';
}
