import { describe, expect, it } from 'vitest';
import { run } from '../../../src/lib/core/program';
import { convertStep, linesOfStep, stepOfLine, stepOfNode } from '../../../src/lib/core/view/navigate';
import { highlight } from '../../../src/lib/core/view/highlight';
import { editorLines } from '../../../src/lib/core/view/lines';
import { structureKey } from '../../../src/lib/core/view/structure';
import { EXAMPLES, exampleById } from '../../../src/lib/examples/examples';

function traceOf(src: string) {
	const r = run(src);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
	return r.trace;
}

describe('moving between granularities', () => {
	it.each(EXAMPLES.map((e) => [e.id, e.program]))('%s: a scalar step maps into its group and back to a step of that group', (_id, program) => {
		const t = traceOf(program);
		t.steps.forEach((_, k) => {
			const gk = convertStep(t, 'scalar', k, 'group');
			expect(gk).toBeGreaterThanOrEqual(0);
			expect(gk).toBeLessThan(t.groupSteps.length);
			const back = convertStep(t, 'group', gk, 'scalar');
			expect(t.groupOfStep[back]).toBe(gk);
			expect(back).toBeLessThanOrEqual(k);
		});
	});
});

describe('add-mul: nodes and lines lead to their steps', () => {
	const t = traceOf(exampleById('add-mul')!.program);
	const id = (name: string) => t.graph.groups.find((g) => g.name === name)!.ids[0];
	const cases: [string, 'forward' | 'backward', string][] = [
		['q', 'forward', 'forward q'],
		['q', 'backward', 'backward q'],
		['x', 'forward', 'backward x'],
		['f', 'backward', 'backward f']
	];
	it.each(cases)('%s while going %s → %s', (name, phase, want) => {
		const k = stepOfNode(t, 'scalar', id(name), phase);
		const s = t.steps[k];
		expect(`${s.kind} ${s.kind === 'forward' || s.kind === 'backward' ? t.label(s.node) : ''}`).toBe(want);
	});
	it('line 4 (q = x + y) is the forward step of q, and that step lights line 4', () => {
		const k = stepOfLine(t, 'scalar', 4, 'forward');
		expect(k).toBe(t.forwardStepOf[id('q')]);
		expect(linesOfStep(t, 'scalar', k)).toEqual({ first: 4, last: 4 });
		expect(stepOfLine(t, 'scalar', 1, 'forward')).toBe(t.backwardStepOf[id('x')]);
		expect(stepOfLine(t, 'scalar', 99, 'forward')).toBe(-1);
	});
});

describe('editor colouring', () => {
	const weird = ['x = [1,\n 2]  # c\nf = sum(x)', 'a = 2x²\n', '<img src=x onerror=alert(1)> = 1', '# only\n\n', 'x = α\n', ''];
	it.each([...EXAMPLES.map((e) => e.program), ...weird])('pieces join back to the source: %j', (src) => {
		expect(highlight(src).map((p) => p.text).join('')).toBe(src);
		expect(editorLines(src, []).length).toBe(src.split('\n').length);
	});
	it('classes tokens', () => {
		expect(highlight('f = exp(x) # hi').map((p) => `${p.cls}:${p.text}`)).toEqual([
			'name:f', 'plain: ', 'operator:=', 'plain: ', 'function:exp', 'operator:(', 'name:x', 'operator:)', 'plain: ', 'comment:# hi'
		]);
	});
});

describe('layout cache key', () => {
	it('ignores leaf values and sees structure', () => {
		const a = structureKey(traceOf('x = 1\nf = x^2\n').graph);
		expect(structureKey(traceOf('x = 5\nf = x^2\n').graph)).toBe(a);
		expect(structureKey(traceOf('x = 1\nf = x^3\n').graph)).not.toBe(a);
		expect(structureKey(traceOf('x = 1\nf = 2x\n').graph)).not.toBe(a);
	});
});
