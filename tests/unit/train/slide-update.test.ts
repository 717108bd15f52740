import { describe, expect, it } from 'vitest';
import { run } from '../../../src/lib/core/program';
import { train, trainedProgram } from '../../../src/lib/core/train/descent';
import { defaultDescentGroups } from '../../../src/lib/core/train/params';
import { exampleById } from '../../../src/lib/examples/examples';

function traceOf(src: string) {
	const r = run(src);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
	return r.trace;
}
const loss = (t: ReturnType<typeof traceOf>) => t.graph.value[t.graph.output];

describe('the slide update L = ½(y − σ(w1·x1³ + w2·x2))²', () => {
	const ex = exampleById('sigmoid-descent')!;
	it('starts at the slide loss 0.2070 with y = 0', () => {
		expect(loss(traceOf(ex.program)).toFixed(4)).toBe('0.2070');
	});
	const cases: [string, string[], string, string][] = [
		['w1 alone (the slide)', ['w1'], '0.0725', '-0.0199'],
		['both weights', ['w1', 'w2'], '0.0692', '-0.0199']
	];
	it.each(cases)('updating %s with η = 0.01', (_what, names, want, w1) => {
		const t = traceOf(ex.program);
		const params = t.graph.groups.flatMap((g, k) => (names.includes(g.name) ? [k] : []));
		const next = traceOf(trainedProgram(t, train(t, { lr: 0.01, steps: 1, params })));
		expect(loss(next).toFixed(4)).toBe(want);
		const w = next.graph.groups.find((g) => g.name === 'w1')!;
		expect(next.graph.value[w.ids[0]].toFixed(4)).toBe(w1);
	});
	it('proposes the weights, not the data, by default', () => {
		const t = traceOf(ex.program);
		expect(defaultDescentGroups(t).map((k) => t.graph.groups[k].name)).toEqual(['w1', 'w2']);
	});
	it('starts with the leaves the example names, when it names any that exist', () => {
		const t = traceOf(ex.program);
		const names = (preferred: string[]) => defaultDescentGroups(t, preferred).map((k) => t.graph.groups[k].name);
		expect(ex.descend).toEqual(['w1']);
		expect(names(['w1'])).toEqual(['w1']);
		expect(names(['x2', 'L'])).toEqual(['x2']);
		expect(names(['nope'])).toEqual(['w1', 'w2']);
	});
});
