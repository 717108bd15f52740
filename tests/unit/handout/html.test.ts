import { describe, expect, it } from 'vitest';
import { handoutHtml } from '../../../src/lib/core/handout/html';
import { buildHandout } from '../../../src/lib/core/handout/model';
import { katexCssInlined, renderTex } from '../../../src/cli/katex-assets';
import { HOSTILE, katexParses, rows, traceOf } from './fixtures';

describe('HTML handout', () => {
	it.each(rows())('%s: every formula parses in KaTeX, in the handout and its worksheet', (_id, c) => {
		for (const blanks of ['none', 'all-gradients'] as const) {
			const seen: { tex: string; display: boolean }[] = [];
			const html = handoutHtml(buildHandout(c.trace, { blanks }), {
				renderTex: (tex, display) => {
					seen.push({ tex, display });
					return renderTex(tex, display);
				}
			});
			expect(seen.length).toBeGreaterThan(c.trace.steps.length / 2);
			for (const m of seen) expect(() => katexParses(m.tex, m.display), m.tex).not.toThrow();
			expect(html).not.toContain('katex-error');
			expect(html).toMatch(/<section class="pass forward-pass">[\s\S]*<section class="pass backward-pass">/);
			expect(html.includes('<h2>Answer key</h2>')).toBe(blanks !== 'none');
		}
	});

	it('is self-contained: KaTeX fonts inlined, no script, no outside reference', () => {
		const css = katexCssInlined();
		const html = handoutHtml(buildHandout(traceOf('x = 1\nf = x * 2\n')), { renderTex, katexCss: css });
		expect(css).toContain('data:font/woff2;base64,');
		expect(css).not.toMatch(/url\((?!data:)/);
		expect(html).not.toMatch(/<script|<link|src="http|href="http/i);
	});

	it('escapes the program and the title', () => {
		const html = handoutHtml(buildHandout(traceOf(HOSTILE), { title: '</title><script>x</script>' }), { renderTex });
		expect(html).not.toContain('<script');
		expect(html).toContain('&lt;/title&gt;&lt;script&gt;');
		expect(html).toContain('&lt;/style&gt;&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
	});

	it('inlines a plain graph SVG and puts one that could run in an <img>', () => {
		const h = buildHandout(traceOf('x = 1\nf = x * 2\n'));
		const plain = handoutHtml(h, { renderTex, graphSvg: '<svg xmlns="http://www.w3.org/2000/svg"><text>f</text></svg>' });
		expect(plain).toContain('<figure class="graph"><svg');
		const active = handoutHtml(h, { renderTex, graphSvg: '<svg onload="alert(1)"><script>alert(2)</script></svg>' });
		expect(active).toContain('<img alt=');
		expect(active).not.toContain('<script');
		expect(active).not.toContain('onload');
	});
});
