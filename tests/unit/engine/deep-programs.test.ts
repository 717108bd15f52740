import { describe, expect, it } from 'vitest';
import { renderExport } from '../../../src/cli/export-render';
import { buildHandout } from '../../../src/lib/core/handout/model';
import { handoutMarkdown } from '../../../src/lib/core/handout/markdown';
import { MAX_NESTING, parse } from '../../../src/lib/core/language/parser';
import { run } from '../../../src/lib/core/program';
import { exprTex } from '../../../src/lib/core/tex/expr';
import type { Trace } from '../../../src/lib/core/trace/build';
import { stepText } from '../../../src/lib/core/trace/tex';

/**
 * The limits in README ("Limits"): nesting up to MAX_NESTING, rows of terms and lines of any
 * length, through every phase a program reaches: parser, graph, trace, each step's LaTeX, handouts.
 * Nothing may throw (a stack overflow is a RangeError), and each runs in seconds.
 */
const N = MAX_NESTING;

function traced(src: string): Trace {
	const r = run(src);
	if (!r.ok) throw new Error(r.errors.map((e) => `${e.span.line}:${e.span.col} ${e.message}`).join('\n'));
	return r.trace;
}

/** Every step's LaTeX, or the first and last `ends` scalar steps when there are very many. */
function everyStep(t: Trace, ends = Infinity): void {
	for (const steps of ends === Infinity ? [t.steps, t.groupSteps] : [t.steps]) {
		const pick = steps.length <= 2 * ends ? steps : [...steps.slice(0, ends), ...steps.slice(-ends)];
		for (const s of pick) {
			const text = stepText(t, s);
			expect(text.lines.length).toBeGreaterThan(0);
		}
	}
}

const nested: [string, (d: number) => string][] = [
	['brackets inside a sum, x + (x + (… ))', (d) => 'x + ('.repeat(d) + 'x' + ')'.repeat(d)],
	['calls, tanh(tanh(… ))', (d) => 'tanh('.repeat(d) + 'x' + ')'.repeat(d)],
	['minus signs, - - - x', (d) => '-'.repeat(d) + 'x'],
	['parentheses only, ((( x )))', (d) => '('.repeat(d) + 'x' + ')'.repeat(d) + ' + 1']
];

describe(`nesting ${N.toLocaleString('en-US')} deep`, () => {
	it.each(nested)('%s runs through the trace, its LaTeX and the handout', (_name, make) => {
		const t0 = performance.now();
		const t = traced(`x = 0.5\nf = ${make(N)}\n`);
		everyStep(t);
		const md = handoutMarkdown(buildHandout(t));
		expect(md).toContain('## Program');
		expect(performance.now() - t0).toBeLessThan(20_000);
	});

	it.each(nested.slice(0, 3))('%s: one level more is one message quoting the limit', (_name, make) => {
		const r = run(`x = 0.5\nf = ${make(N + 1)}\n`);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toHaveLength(1);
		expect(r.errors[0].code).toBe('too-large');
		expect(r.errors[0].message).toBe(`The expression is nested more than ${N.toLocaleString('en-US')} levels deep.`);
		expect(r.errors[0].span.line).toBe(2);
	});

	it('typesets a deep expression whole', () => {
		const e = parse('f = ' + 'sqrt('.repeat(N) + 'x' + ')'.repeat(N) + '\n').program.statements[0].expr;
		const tex = exprTex(e);
		// Each level writes one \sqrt{…}: N of them, braces balanced.
		expect(tex.split('\\sqrt').length - 1).toBe(N);
		expect(tex.split('{').length).toBe(tex.split('}').length);
	});
});

describe('a 100,000-term line', () => {
	const row = (op: string) => `x = 0.5\nf = ${Array.from({ length: 100_000 }, () => 'x').join(op)}\n`;
	it.each([
		['sum', ' + ', 100_000 * 0.5],
		['product', ' * ', 0.5 ** 100_000],
		['implicit product', ' ', 0.5 ** 100_000]
	])('a %s runs, with its value and gradient', (_name, op, value) => {
		const t0 = performance.now();
		const t = traced(row(op as string));
		const g = t.graph;
		expect(g.value[g.output]).toBeCloseTo(value as number, 6);
		// d/dx of 100,000 x is 100,000 (the sum); of x^100000 it underflows to 0 as the value does.
		const x = g.groups.find((grp) => grp.name === 'x')!.ids[0];
		expect(g.grad[x]).toBeCloseTo(op === ' + ' ? 100_000 : 0, 6);
		everyStep(t, 200);
		expect(exprTex(parse(row(op as string)).program.statements[1].expr).length).toBeGreaterThan(100_000);
		expect(performance.now() - t0).toBeLessThan(20_000);
	});
});

describe('a 5,000-line chain', () => {
	const chain = ['a0 = 1', ...Array.from({ length: 5000 }, (_, i) => `a${i + 1} = a${i} + 1`)].join('\n') + '\n';
	it('runs; every step is typeset; the handout is written', () => {
		const t = traced(chain);
		const g = t.graph;
		// a5000 = 1 + 5000 and ∂a5000/∂a0 = 1.
		expect(g.value[g.output]).toBe(5001);
		expect(g.grad[g.groups[0].ids[0]]).toBe(1);
		everyStep(t);
		const md = handoutMarkdown(buildHandout(t));
		expect(md).toContain('a4999 + 1');
	});

	// The Markdown writer is the handout above; here the graph, which ELK once overflowed on.
	it('exports as SVG (the graph laid out by ELK)', async () => {
		const t = traced(chain);
		const svg = await renderExport(t, { format: 'svg' });
		expect(typeof svg === 'string' && svg.startsWith('<svg')).toBe(true);
	}, 60_000);
});
