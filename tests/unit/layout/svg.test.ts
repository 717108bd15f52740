import { describe, expect, it } from 'vitest';
import { layoutTrace } from '../../../src/lib/adapters/elk-node.ts';
import type { Scene } from '../../../src/lib/core/layout/scene.ts';
import { sceneAt } from '../../../src/lib/core/layout/scene.ts';
import { sceneToSvg, type SvgTheme } from '../../../src/lib/core/layout/svg.ts';
import { escapeMarkup } from '../../../src/lib/core/markup.ts';
import { PALETTES, paletteCss } from '../../../src/lib/core/layout/palette.ts';
import { EXAMPLES } from '../../../src/lib/examples/examples.ts';
import { exampleTrace, xmlProblems } from './helpers.ts';

const EVIL = `<script>alert("x")</script> & 'q'`;

/** Program names are lexer-checked, so a hostile label has to be made by hand. */
function evilScene(): Scene {
	const t = { text: EVIL, x: 10, y: 20, anchor: 'start' as const };
	return {
		width: 200,
		height: 100,
		phase: 'backward',
		nodes: [
			{
				id: `n0"><script>`, target: { kind: 'node', node: 0 }, stmt: 0, node: 0, x: 5, y: 5, width: 150, height: 50,
				label: t, detail: t, value: t, grad: t, state: 'current', isLeaf: true, isOutput: false, isConst: false,
				nonFinite: true, toggle: undefined, aria: EVIL
			}
		],
		edges: [{ id: 'e', from: { kind: 'node', node: 0 }, to: { kind: 'node', node: 0 }, points: [{ x: 0, y: 0 }, { x: 9, y: 9 }], path: 'M0 0 L9 9', value: t, grad: t, state: 'muted', nonFinite: false }]
	};
}

describe('escapeMarkup', () => {
	it.each([
		['a & b', 'a &amp; b'],
		['<g>', '&lt;g&gt;'],
		[`"q" 'r'`, '&quot;q&quot; &#39;r&#39;'],
		['∂ -4', '∂ -4']
	])('%s → %s', (input, out) => expect(escapeMarkup(input)).toBe(out));
});

describe('sceneToSvg', () => {
	it('escapes every text, id and the title of a malicious scene', () => {
		const svg = sceneToSvg(evilScene(), { theme: 'dark', title: EVIL });
		expect(svg).not.toContain('<script');
		expect(svg).not.toContain(`"x"`);
		expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;');
		expect(xmlProblems(svg)).toEqual([]);
	});

	it.each(EXAMPLES.flatMap((e) => (['light', 'dark'] as const).map((theme): [string, SvgTheme] => [e.id, theme])))('%s (%s) is well-formed SVG with every node and wire', async (id, theme) => {
		const t = exampleTrace(id);
		const l = await layoutTrace(t, new Set());
		const k = t.backwardStart + 1;
		const scene = sceneAt(t, l, 'scalar', k);
		const svg = sceneToSvg(scene, { theme, title: id });
		expect(xmlProblems(svg)).toEqual([]);
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(svg.match(/<g class="cs-node /g)?.length).toBe(scene.nodes.length);
		expect(svg.match(/<g class="cs-edge /g)?.length).toBe(scene.edges.length);
		expect(svg.match(/<g class="cs-node cs-current"/g)?.length).toBeGreaterThan(0);
		// Gradients differ from values by more than colour: italic and the ∂ prefix.
		for (const m of svg.matchAll(/<text[^>]*class="cs-grad"[^>]*>([^<]*)</g)) {
			expect(m[0]).toContain('font-style="italic"');
			expect(m[1].startsWith('∂ ')).toBe(true);
		}
		for (const m of svg.matchAll(/<text[^>]*class="cs-value"[^>]*>([^<]*)</g)) expect(m[1].startsWith('∂')).toBe(false);
	});
});

describe('the live graph takes its colours from the same palettes', () => {
	it.each(Object.keys(PALETTES.light) as (keyof typeof PALETTES.light)[])('%s', (k) => {
		expect(paletteCss()).toContain(`--_${k}: var(--cs-${k}, light-dark(${PALETTES.light[k]}, ${PALETTES.dark[k]}))`);
	});
});
