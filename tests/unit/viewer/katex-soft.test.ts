import { describe, expect, it } from 'vitest';
import { renderTex, typeset, UNTYPESET_NOTE } from '../../../src/lib/adapters/katex';

/** n levels of one macro around x: the shape a name like `xhathat…` or a long division chain becomes. */
function nest(open: (inner: string) => string, n: number, core = 'x'): string {
	let t = core;
	for (let i = 0; i < n; i++) t = open(t);
	return t;
}

// Each of these overflows KaTeX's recursive parser (a RangeError, which throwOnError: false does not catch).
const DEEP: readonly [string, string][] = [
	['a thousand hats (a name xhathat…)', nest((t) => `\\hat{${t}}`, 1000)],
	['a thousand-deep fraction (a division chain in group mode)', nest((t) => `\\frac{${t}}{a}`, 1000)],
	['deep hats around markup', nest((t) => `\\hat{${t}}`, 1000, '<b>&')]
];

describe('every KaTeX render fails soft', () => {
	for (const [what, tex] of DEEP) {
		it(`${what}: no throw, the source comes back as text`, () => {
			expect(() => typeset(tex, true)).not.toThrow();
			const t = typeset(tex, true);
			expect(t).toEqual({ kind: 'source', tex });
			const html = renderTex(tex, true);
			expect(html).toContain(UNTYPESET_NOTE);
			// The source is escaped: no tag of the input survives as markup.
			expect(html).not.toContain('<b>');
			if (tex.includes('<b>')) expect(html).toContain('{&lt;b&gt;&amp;}');
		});
	}

	it('an ordinary formula still typesets', () => {
		const t = typeset('\\frac{\\partial f}{\\partial x} = 2', true);
		expect(t.kind).toBe('html');
		expect(renderTex('x^2')).toContain('katex');
	});
});
