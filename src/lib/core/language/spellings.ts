/**
 * What students bring from their slides and from Python, and how chainstep spells it. The lexer
 * reads these forms, reports each once with the exact spelling to write, and carries on as if the
 * chainstep spelling had been typed, so one slip gives one message and the rest still parses.
 */

/** Greek letters as the slides write them, and the ASCII name to use instead (θ → theta). */
export const GREEK: Readonly<Record<string, string>> = {
	α: 'alpha',
	β: 'beta',
	γ: 'gamma',
	δ: 'delta',
	ε: 'epsilon',
	ϵ: 'epsilon',
	ζ: 'zeta',
	η: 'eta',
	θ: 'theta',
	ϑ: 'theta',
	ι: 'iota',
	κ: 'kappa',
	λ: 'lambda',
	μ: 'mu',
	ν: 'nu',
	ξ: 'xi',
	ο: 'omicron',
	π: 'pi',
	ρ: 'rho',
	σ: 'sigma',
	ς: 'sigma',
	τ: 'tau',
	υ: 'upsilon',
	φ: 'phi',
	ϕ: 'phi',
	χ: 'chi',
	ψ: 'psi',
	ω: 'omega',
	Γ: 'Gamma',
	Δ: 'Delta',
	Θ: 'Theta',
	Λ: 'Lambda',
	Ξ: 'Xi',
	Π: 'Pi',
	Σ: 'Sigma',
	Φ: 'Phi',
	Ψ: 'Psi',
	Ω: 'Omega'
};

/** Superscript characters pasted from a slide (x³, x⁻¹), as the text after ^. */
export const SUPERSCRIPT: Readonly<Record<string, string>> = {
	'\u2070': '0',
	'\u00b9': '1',
	'\u00b2': '2',
	'\u00b3': '3',
	'\u2074': '4',
	'\u2075': '5',
	'\u2076': '6',
	'\u2077': '7',
	'\u2078': '8',
	'\u2079': '9',
	'\u207b': '-',
	'\u207a': '+'
};

/** Combining accents after a letter (ŷ is y + U+0302) and the word a name uses for them. */
export const ACCENT: Readonly<Record<string, string>> = {
	'\u0302': 'hat',
	'\u0303': 'tilde',
	'\u0304': 'bar',
	'\u0305': 'bar',
	'\u0307': 'dot'
};

/** Module prefixes of Python's numeric libraries: `np.exp(x)` is `exp(x)` here. */
export const MODULES: ReadonlySet<string> = new Set(['np', 'numpy', 'torch', 'math', 'F', 'nn', 'functional', 'tf', 'jnp', 'jax', 'scipy', 'special', 'linalg', 'cmath']);

/**
 * Library functions whose chainstep spelling is not simply the same name without the prefix.
 * `fn` is the chainstep function the rest of the line is read with, when there is one.
 */
export const LIBRARY: Readonly<Record<string, { readonly write: string; readonly fn?: string }>> = {
	dot: { write: 'dot(a, b) or a @ b', fn: 'dot' },
	matmul: { write: 'a @ b' },
	inner: { write: 'dot(a, b) or a @ b', fn: 'dot' },
	expit: { write: 'sigmoid(x)', fn: 'sigmoid' },
	maximum: { write: 'max(a, b)', fn: 'max' },
	minimum: { write: 'min(a, b)', fn: 'min' },
	power: { write: 'x^k (or x**k) with a constant k' },
	pow: { write: 'x^k (or x**k) with a constant k' },
	square: { write: 'x^2' },
	transpose: { write: 'W^T or transpose(W)', fn: 'transpose' },
	norm: { write: '||v||^2 (the squared norm, also norm2(v))' },
	ln: { write: 'log(x) (the natural log)' },
	sqr: { write: 'x^2' }
};
