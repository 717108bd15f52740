import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { USED_FACES } from '../../../src/element/katex-css-plugin';
import { OPS } from '../../../src/lib/core/ops/registry';
import type { OpSpec, TexArgs } from '../../../src/lib/core/ops/spec';
import { run } from '../../../src/lib/core/program';
import { KATEX_OPTIONS } from '../../../src/lib/core/tex/katex-options';
import { stepText } from '../../../src/lib/core/trace/tex';
import { EXAMPLES } from '../../../src/lib/examples/examples';

/**
 * The custom element inlines only some KaTeX fonts (USED_FACES). KaTeX picks a face by class
 * name; these are the classes of the faces an embed may not need. A formula that used one
 * would still render, in a fallback font, so this test is what keeps the list honest.
 */
const FACE_OF_CLASS: Readonly<Record<string, string>> = {
	amsrm: 'AMS-Regular',
	mathbb: 'AMS-Regular',
	textbb: 'AMS-Regular',
	mathbf: 'Main-Bold',
	textbf: 'Main-Bold',
	boldsymbol: 'Math-BoldItalic',
	mathboldsymbol: 'Math-BoldItalic',
	mathcal: 'Caligraphic-Regular',
	mathfrak: 'Fraktur-Regular',
	textfrak: 'Fraktur-Regular',
	mathscr: 'Script-Regular',
	mathsf: 'SansSerif-Regular',
	textsf: 'SansSerif-Regular',
	mathtt: 'Typewriter-Regular',
	texttt: 'Typewriter-Regular'
};

function facesIn(tex: string): string[] {
	const html = katex.renderToString(`\\displaystyle ${tex}`, { ...KATEX_OPTIONS, output: 'html' });
	const faces = new Set<string>();
	for (const m of html.matchAll(/class="([^"]*)"/g)) for (const c of m[1].split(' ')) if (FACE_OF_CLASS[c]) faces.add(FACE_OF_CLASS[c]);
	return [...faces].filter((f) => !USED_FACES.includes(f));
}

function opForms(op: OpSpec): string[] {
	const n = op.arity.kind === 'fixed' ? op.arity.n : op.arity.kind === 'pairs' ? 4 : 3;
	const out: string[] = [];
	for (const p of op.sampleParams?.(n) ?? [0]) {
		const forms: TexArgs[] = [
			{ a: Array.from({ length: n }, (_, i) => `x_{${i}}`), y: 'y', p, sibling: (j) => `y_{${j}}` },
			{ a: Array.from({ length: n }, (_, i) => (i % 2 ? '\\left(-1.5\\right)' : '2')), y: '0.5', p, sibling: () => '0.25' }
		];
		for (const t of forms) out.push(op.tex(t), ...Array.from({ length: n }, (_, i) => op.partialTex(t, i)));
	}
	return out;
}

// Names take the lexer's every shape: single letters, words, hats, subscripts, elements.
const NAMES = 'x = 2\nyhat = 3\nw_1 = 0.5\nlearning_rate = 0.1\nW = [[1, 2], [3, 4]]\nv = [1, -2]\nq = W @ v\nL = (yhat - x * w_1)^2 / learning_rate + ||q||^2 + sum(softmax(q))\n';

describe('the embed’s KaTeX fonts', () => {
	it.each((OPS as readonly OpSpec[]).map((op) => [op.name, op] as const))('%s: its templates need no face the element leaves out', (_name, op) => {
		for (const tex of opForms(op)) expect(facesIn(tex), tex).toEqual([]);
	});

	it.each([...EXAMPLES.map((e) => [e.id, e.program] as const), ['names', NAMES] as const])('%s: every step, scalar and grouped, needs no face the element leaves out', (_id, program) => {
		const r = run(program);
		if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
		for (const s of [...r.trace.steps, ...r.trace.groupSteps])
			for (const line of stepText(r.trace, s).lines) expect(facesIn(line.tex), line.tex).toEqual([]);
	});

	it('non-finite values and every face the list keeps are still covered', () => {
		const r = run('x = 0\nf = log(x) * 1e308 * 10\n');
		if (r.ok) for (const s of r.trace.steps) for (const line of stepText(r.trace, s).lines) expect(facesIn(line.tex)).toEqual([]);
		expect(USED_FACES).toContain('Main-Regular');
		expect(USED_FACES).toContain('Math-Italic');
		expect(USED_FACES).toContain('Main-Italic');
	});
});
