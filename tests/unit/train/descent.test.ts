import { describe, expect, it } from 'vitest';
import { run } from '../../../src/lib/core/program';
import { historyCsv } from '../../../src/lib/core/train/csv';
import { train, trainedProgram } from '../../../src/lib/core/train/descent';
import { defaultDescentGroups, paramGroupsByName } from '../../../src/lib/core/train/params';

function traceOf(src: string) {
	const r = run(src);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
	return r.trace;
}
const groupsOf = (t: ReturnType<typeof traceOf>, names: string[]) => {
	const c = paramGroupsByName(t, names);
	if (!c.ok) throw new Error(`unknown ${c.unknown}`);
	return c.groups;
};

const NET = `x = [0.5, -1, 2]
W1 = [[0.1, -0.2, 0.3], [0, 0.4, -0.1]]
b1 = [0.1, -0.2]
w2 = [0.3, -0.4]
y = 0.7
h = sigmoid(W1 @ x + b1)
L = (w2^T h - y)^2
`;

describe('train: gradient descent on a private copy', () => {
	it('never changes the trace it reads (values, gradients, local derivatives)', () => {
		const t = traceOf(NET);
		const g = t.graph;
		const before = [g.value.slice(), g.grad.slice(), g.local.slice()];
		const r = train(t, { lr: 0.3, steps: 25, params: defaultDescentGroups(t), momentum: 0.5 });
		expect(r.stepsDone).toBe(25);
		expect([g.value, g.grad, g.local]).toEqual(before);
	});

	it('0 steps: just the starting loss, the starting values and gradient norms', () => {
		const t = traceOf(NET);
		const g = t.graph;
		const r = train(t, { lr: 0.1, steps: 0, params: groupsOf(t, ['W1']) });
		expect(Array.from(r.losses)).toEqual([g.value[g.output]]);
		expect(r.stepsDone).toBe(0);
		expect(r.stopped).toBeUndefined();
		expect(Array.from(r.final)).toEqual(Array.from(g.value));
		expect(Array.from(r.params[0].values)).toEqual(Array.from(g.groups[1].ids, (i) => g.value[i]));
		const h = g.groups.findIndex((x) => x.name === 'h');
		expect(r.grads[h].norms[0]).toBeCloseTo(Math.hypot(...Array.from(g.groups[h].ids, (i) => g.grad[i])), 15);
	});

	it('the program rewritten with the final values reruns to the last loss bit for bit, and training on from it continues the same run', () => {
		const t = traceOf(NET);
		const params = defaultDescentGroups(t);
		const whole = train(t, { lr: 0.4, steps: 60, params });
		const half = train(t, { lr: 0.4, steps: 30, params });
		const t30 = traceOf(trainedProgram(t, half));
		expect(t30.graph.value[t30.graph.output]).toBe(half.losses[30]);
		const rest = train(t30, { lr: 0.4, steps: 30, params });
		expect(Array.from(rest.losses)).toEqual(Array.from(whole.losses.subarray(30)));
		expect(trainedProgram(t30, rest)).toBe(trainedProgram(t, whole));
	});

	it('records each chosen element at every point, and leaves the others alone', () => {
		const t = traceOf(NET);
		const g = t.graph;
		const r = train(t, { lr: 0.2, steps: 10, params: groupsOf(t, ['w2']) });
		const w2 = r.params[0];
		expect(w2.name).toBe('w2');
		expect(w2.shape).toEqual([2]);
		expect(w2.values.length).toBe(11 * 2);
		expect(Array.from(w2.values.subarray(20))).toEqual(Array.from(g.groups[3].ids, (i) => r.final[i]));
		for (const name of ['x', 'W1', 'b1', 'y'])
			for (const i of g.groups.find((x) => x.name === name)!.ids) expect(r.final[i]).toBe(g.value[i]);
		expect(r.losses[10]).toBeLessThan(r.losses[0]);
		expect(r.grads.map((x) => x.name)).toEqual(['x', 'W1', 'b1', 'w2', 'y', 'h', 'L']);
		expect(Array.from(r.grads[6].norms)).toEqual(new Array(11).fill(1));
	});

	it('refuses a step that overflows, names the element and what to do, and applies nothing of it', () => {
		const t = traceOf('w = [1, 1e-300]\nL = sum(w * w)\n');
		const r = train(t, { lr: 1e200, steps: 5, params: [0] });
		expect(r.stepsDone).toBe(1);
		expect(r.losses.length).toBe(2);
		expect(r.stopped).toMatchObject({ step: 2, leaf: 'w[0]', value: Infinity });
		expect(r.stopped!.message).toMatch(/^Step 2 refused: w\[0\] would become Infinity/);
		expect(r.stopped!.message).toContain('smaller η');
		expect(r.stopped!.message).toContain('1e200');
		// Step 1 applied: w ← w − η·2w.
		expect(r.final[t.graph.groups[0].ids[0]]).toBe(1 - 1e200 * 2);
		expect(r.final[t.graph.groups[0].ids[1]]).toBe(1e-300 - 1e200 * 2e-300);
		expect(r.params[0].values.length).toBe(4);
		expect(trainedProgram(t, r)).toBe(`w = [${String(1 - 2e200).replace('e+', 'e')}, ${String(1e-300 - 2e-100)}]\nL = sum(w * w)\n`);
	});

	it('a gradient that is NaN or infinite at the start is refused at step 1, saying a smaller η cannot help', () => {
		const t = traceOf('W = [[1, 0], [2, 3]]\nL = sum(log(W))\n');
		const r = train(t, { lr: 0.01, steps: 3, params: [0] });
		expect(r.stepsDone).toBe(0);
		expect(r.stopped).toMatchObject({ step: 1, leaf: 'W[0,1]' });
		expect(r.stopped!.message).toContain('∂L/∂W[0,1] is Infinity at the starting values');
		expect(r.stopped!.message).toContain('cannot help');
	});

	it('with momentum the refusal also names the velocity', () => {
		const t = traceOf('w = 1\nL = w^2\n');
		const r = train(t, { lr: 1e150, steps: 5, params: [0], momentum: 0.9 });
		expect(r.stopped?.leaf).toBe('w');
		expect(r.stopped?.message).toContain('smaller momentum');
	});

	it('refuses options that are no training run', () => {
		const t = traceOf(NET);
		expect(() => train(t, { lr: NaN, steps: 1, params: [1] })).toThrow(RangeError);
		expect(() => train(t, { lr: 0.1, steps: 1.5, params: [1] })).toThrow(RangeError);
		expect(() => train(t, { lr: 0.1, steps: 1, params: [5] })).toThrow(/not a leaf/);
	});
});

describe('historyCsv', () => {
	it('one row per point: step, loss, each chosen element as the trace labels it, each gradient norm; exact numbers', () => {
		const t = traceOf(NET);
		const r = train(t, { lr: 0.2, steps: 4, params: groupsOf(t, ['W1', 'y']) });
		const lines = historyCsv(r).trimEnd().split('\n');
		expect(lines.length).toBe(6);
		expect(lines[0]).toBe(
			'step,loss,"W1[0,0]","W1[0,1]","W1[0,2]","W1[1,0]","W1[1,1]","W1[1,2]",y,|dL/dx|,|dL/dW1|,|dL/db1|,|dL/dw2|,|dL/dy|,|dL/dh|,|dL/dL|'
		);
		const row3 = lines[4].split(',').map(Number);
		expect(row3[0]).toBe(3);
		expect(row3[1]).toBe(r.losses[3]);
		expect(row3.slice(2, 8)).toEqual(Array.from(r.params[0].values.subarray(18, 24)));
		expect(row3[8]).toBe(r.params[1].values[3]);
		expect(row3.slice(9)).toEqual(r.grads.map((x) => x.norms[3]));
		expect(historyCsv(r, 3).split('\n')[1]).toMatch(/^0,0\.\d{1,3},0\.1,-0\.2,/);
	});

	it('writes a non-finite loss as a word, and stops at the refused step', () => {
		const t = traceOf('w = 1\nL = exp(w^2)\n');
		const r = train(t, { lr: 100, steps: 10, params: [0] });
		const rows = historyCsv(r).trimEnd().split('\n');
		expect(rows.length).toBe(r.stepsDone + 2);
		expect(rows.slice(1).some((l) => l.split(',')[1] === 'Infinity')).toBe(true);
	});
});
