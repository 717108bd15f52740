/**
 * A factor's LaTeX as a short plain-text name for its checkbox (∂q/∂y), so assistive
 * technology and axe find a label: KaTeX's visible output is aria-hidden and its MathML does
 * not name a form control. Only the shapes factor choices take; anything else passes as text.
 */
export function plainTex(tex: string): string {
	let s = tex
		.replace(/\\partial\s*/g, '∂')
		.replace(/\\left|\\right/g, '')
		.replace(/\\[,;!:]|\\quad|~/g, ' ')
		.replace(/\\cdot/g, '·')
		.replace(/_\{([^{}]*)\}/g, '$1')
		// As the program spells it: \hat{y} is yhat.
		.replace(/\\hat\{([^{}]*)\}/g, '$1hat');
	// Innermost \frac first, until none is left.
	const frac = /\\frac\{([^{}]*)\}\{([^{}]*)\}/;
	for (let guard = 0; frac.test(s) && guard < 100; guard++) s = s.replace(frac, (_m, a: string, b: string) => `${wrap(a)}/${wrap(b)}`);
	return s
		.replace(/\\([A-Za-z]+)/g, '$1')
		.replace(/\^\{([^{}]*)\}/g, '^$1')
		.replace(/[{}]/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** A compound side of a fraction in parentheses, so a/b+c is not read for a/(b+c). */
function wrap(x: string): string {
	const t = x.trim();
	return /^∂?[A-Za-z0-9]+$/.test(t) ? t : `(${t})`;
}
