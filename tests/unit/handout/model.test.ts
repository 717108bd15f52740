import { describe, expect, it } from 'vitest';
import { blankTex, parseStepList } from '../../../src/lib/core/handout/blanks';
import { buildHandout, GROUP_ABOVE, handoutGranularity, handoutSteps } from '../../../src/lib/core/handout/model';
import { texNum } from '../../../src/lib/core/tex/number';
import { innerDefinition } from '../../../src/lib/core/trace/inner';
import { CASES, rows, traceOf } from './fixtures';

describe('handout model', () => {
	it.each(rows())('%s: one row per step, numbers from the one formatter', (_id, c) => {
		const t = c.trace;
		const h = buildHandout(t);
		expect(h.granularity).toBe(t.steps.length > GROUP_ABOVE ? 'group' : 'scalar');
		const steps = handoutSteps(t, h.granularity);
		expect(h.forward.length + h.backward.length).toBe(steps.length);
		expect([...h.forward, ...h.backward].map((r) => r.k)).toEqual(steps.map((_s, n) => n + 1));
		expect(h.worksheet).toBe(false);
		expect(h.answers).toEqual([]);
		expect(h.program).toBe(c.example.program);
		if (h.granularity === 'scalar')
			h.backward.forEach((r, n) => {
				const s = steps[t.backwardStart + n];
				if (s.kind !== 'backward') throw new Error('backward rows follow backward steps');
				expect(r.gradient).toBe(texNum(t.graph.grad[s.node]));
			});
	});

	it('groups long traces by assignment and keeps short ones scalar', () => {
		const long = CASES.find((c) => c.trace.steps.length > GROUP_ABOVE);
		expect(long, 'an example longer than the grouping threshold').toBeDefined();
		expect(handoutGranularity(long!.trace)).toBe('group');
		expect(handoutGranularity(long!.trace, { granularity: 'scalar' })).toBe('scalar');
		expect(handoutGranularity(CASES[0].trace, { groupAbove: 1 })).toBe('group');
	});

	it('a row per assignment defines the inner nodes its derivatives are taken of', () => {
		const t = CASES.find((c) => c.example.id === 'mlp-softmax')!.trace;
		const h = buildHandout(t);
		expect(h.granularity).toBe('group');
		const g = t.graph;
		let checked = 0;
		h.backward.forEach((r, n) => {
			const first = g.groups.find((grp) => grp.name === r.label)!.ids[0];
			for (let e = t.consumers.start[first]; e < t.consumers.start[first + 1]; e++) {
				const def = innerDefinition(t, t.consumers.edgeOwner[t.consumers.edges[e]]);
				if (!def || def.selfDescribing) continue;
				checked++;
				// Defined where it is used, and derived (defined) in the earlier row that holds it.
				expect(r.locals, r.label).toContain(def.tex);
				expect(h.backward.slice(0, n).flatMap((x) => x.links.map((l) => l.definition))).toContain(def.tex);
			}
		});
		expect(checked).toBeGreaterThan(0);
	});

	it('writes every fan-out term in the chain rule', () => {
		const t = traceOf('a = 2\nb = 1\nc = a + b\nd = b + 1\ne = c * d\n');
		const b = buildHandout(t).backward.find((r) => r.label === 'b')!;
		expect(b.locals).toHaveLength(2);
		expect(b.chain).toContain('2 \\cdot 1 + 3 \\cdot 1');
		expect(b.gradient).toBe('5');
		expect(b.note).toMatch(/used 2 times/);
	});

	it('formats with the precision option', () => {
		const t = traceOf('x = 0.123456\nf = x * 3\n');
		expect(buildHandout(t, { sig: 2 }).forward[0].value).toBe('0.37');
		expect(buildHandout(t, { sig: 6 }).forward[0].value).toBe('0.370368');
	});

	it.each(rows())('%s: all-gradients worksheet boxes every gradient but the seed, with an answer key', (_id, c) => {
		const clean = buildHandout(c.trace);
		const h = buildHandout(c.trace, { blanks: 'all-gradients' });
		expect(h.worksheet).toBe(true);
		// Every gradient cell after the seed's row is a box: each row's, then each of its inner links' (assignment rows).
		const cells = (x: typeof h) => x.backward.slice(1).flatMap((r) => [r, ...r.links]);
		expect(h.answers.length).toBe(cells(h).length);
		cells(h).forEach((r, n) => {
			const a = h.answers[n];
			expect(r.gradient).toBe(blankTex(a.id));
			expect(a.answer).toBe(cells(clean)[n].gradient);
			expect(a.k).toBe(r.k);
		});
		// No formula quotes a gradient the student is asked for.
		for (const r of cells(h)) expect(r.chain).not.toMatch(/\\cdot/);
		// Nor does a local derivative in the same row say the answer (under the output the local is the gradient).
		for (const r of h.backward.slice(1)) {
			const a = h.answers.find((x) => x.k === r.k)!;
			for (const l of r.locals) expect(l.split(' = ').slice(1)).not.toContain(a.answer);
		}
	});

	it('a worksheet of chosen steps hides their numbers everywhere they would be quoted', () => {
		const t = traceOf('a = 2\nb = 1\nc = a + b\nd = b + 1\ne = c * d\n');
		const h = buildHandout(t, { blanks: [0, 6] }); // step 1 (c) and step 7 (b, backward)
		expect(h.forward[0].value).toBe(blankTex(1));
		expect(h.forward[0].equations[0]).toBe('c = a + b');
		expect(h.forward[2].equations[0]).toBe('e = c \\cdot d');
		const b = h.backward.find((r) => r.label === 'b')!;
		expect(b.locals.every((l) => l.includes('\\boxed'))).toBe(true);
		// ∂c/∂b of a sum is the constant 1: printing it before the box would be the answer.
		expect(b.locals[0]).toBe(`\\frac{\\partial c}{\\partial b} = ${blankTex(2)}`);
		expect(b.gradient).toMatch(/\\boxed/);
		expect(h.answers.map((a) => a.answer)).toEqual(['3', '1', '1', '5']);
	});

	it('rejects a worksheet step the handout does not have', () => {
		expect(() => buildHandout(CASES[0].trace, { blanks: [999] })).toThrow(RangeError);
	});

	it.each([
		['3', [2]],
		['3,5,7-9', [2, 4, 6, 7, 8]],
		['2-2', [1]],
		['0', undefined],
		['5-3', undefined],
		['a', undefined],
		['', undefined]
	] as [string, number[] | undefined][])('parses worksheet steps %j', (text, want) => {
		expect(parseStepList(text)).toEqual(want);
	});
});
