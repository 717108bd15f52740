import { describe, expect, it } from 'vitest';
import { nudge } from '../../../src/lib/core/autodiff/nudge';
import { run } from '../../../src/lib/core/program';
import type { Trace } from '../../../src/lib/core/trace/build';
import { NudgeState, STEP_SWEEP_BUDGET } from '../../../src/lib/state/nudge.svelte';
import { groupSentence, nudgeSentence, verdict } from '../../../src/lib/state/nudge-words';

function traceOf(program: string): Trace {
	const r = run(program);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
	return r.trace;
}
const stepOf = (t: Trace, label: string) => t.steps[t.backwardStepOf[Array.from({ length: t.graph.size }, (_, i) => i).find((i) => t.label(i) === label)!]];

describe('the step panel nudge check (state and words)', () => {
	const t = traceOf('x = 3\ny = -2\nq = x * y\nf = q * q\n');

	it('a backward step: the node nudged, its numbers and a sentence saying what moved', () => {
		const s = new NudgeState(
			() => t,
			() => stepOf(t, 'x'),
			() => 4
		);
		const v = s.view;
		expect(v.kind).toBe('checked');
		if (v.kind !== 'checked') return;
		// f = (xy)², ∂f/∂x = 2xy·y = 2·(−6)·(−2) = 24, worked by hand.
		expect(v.rows[0].nudge.numeric).toBeCloseTo(24, 6);
		expect(v.sentence).toMatch(/^Nudging x from 3 up and down by h = 1e-6 changed f by 4\.8e-5 across the 2e-6 from x − h to x \+ h: a slope of 24, where backprop says ∂f\/∂x = 24\.$/);
		s.type(0.5);
		const w = s.view;
		if (w.kind !== 'checked') throw new Error(w.kind);
		// ((3.5·−2)² − (2.5·−2)²) / 1 = 49 − 25 = 24: f is quadratic in x, so the central difference is exact.
		expect(w.rows[0].nudge.outUp - w.rows[0].nudge.outDown).toBeCloseTo(24, 12);
		expect(w.sentence).toContain('by h = 0.5 changed f by 24 across the 1 from');
	});

	it('an inner node says it was set by hand; a forward step has no check; a bad h gives its sentence', () => {
		let step = stepOf(t, 'q');
		const s = new NudgeState(
			() => t,
			() => step,
			() => 3
		);
		const v = s.view;
		if (v.kind !== 'checked') throw new Error(v.kind);
		expect(v.sentence).toMatch(/^Setting q \(computed, not typed in\) by hand from -6 /);
		s.type(NaN);
		expect(s.view).toEqual({ kind: 'bad-h', message: 'h must be a number, such as 1e-6.' });
		s.type(-1);
		expect(s.view.kind).toBe('bad-h');
		step = t.steps[0];
		expect(s.view).toEqual({ kind: 'none' });
	});

	it('a named value checks every element and names the worst', () => {
		const m = traceOf('W = [[1, 2], [3, 4]]\nx = [1, -1]\nq = W @ x\nf = ||q||^2\n');
		const k = m.groupSteps.findIndex((st) => st.kind === 'group-backward' && m.graph.groups[st.group].name === 'W');
		const s = new NudgeState(
			() => m,
			() => m.groupSteps[k],
			() => 4
		);
		const v = s.view;
		if (v.kind !== 'checked') throw new Error(v.kind);
		expect(v.group).toBe(true);
		expect(v.rows.map((r) => r.label)).toEqual(['W[0,0]', 'W[0,1]', 'W[1,0]', 'W[1,1]']);
		expect(v.rows.every((r) => r.nudge.relativeError <= v.worst.nudge.relativeError)).toBe(true);
		expect(v.sentence).toMatch(/^Each of the 4 elements of W was nudged by ±h on its own, the others kept: the largest relative error is \S+, at W\[\d,\d\]\.$/);
		expect(v.sentence).toContain(`at ${v.worst.label}.`);
	});

	it('a named value too big for one step is checked in slices after it, with the same numbers, and a new step cancels it', () => {
		// W: 60×60 elements, each swept to the loss twice: past the budget, so the step shows progress first.
		const n = 60;
		const row = (i: number) => `[${Array.from({ length: n }, (_, j) => (((i * 7 + j * 3) % 11) - 5) / 10).join(', ')}]`;
		const m = traceOf(`x = ${row(1)}\nW = [${Array.from({ length: n }, (_, i) => row(i)).join(', ')}]\nh = tanh(W @ x)\nL = sum(h * h)\n`);
		const k = m.groupSteps.findIndex((st) => st.kind === 'group-backward' && m.graph.groups[st.group].name === 'W');
		const ids = m.graph.groups.find((grp) => grp.name === 'W')!.ids;
		expect(2 * ids.length * (m.graph.output - ids[ids.length - 1])).toBeGreaterThan(STEP_SWEEP_BUDGET);
		const queue: (() => void)[] = [];
		const s = new NudgeState(
			() => m,
			() => m.groupSteps[k],
			() => 4,
			(fn) => queue.push(fn)
		);
		expect(s.view).toMatchObject({ kind: 'checking', of: 'W', done: 0, total: n * n });
		const cancel = s.work();
		let slices = 0;
		while (queue.length) {
			queue.shift()!();
			slices++;
			const v = s.view;
			if (v.kind === 'checking') expect(v.done).toBeGreaterThan(0);
		}
		const v = s.view;
		if (v.kind !== 'checked') throw new Error(v.kind);
		expect(v.rows.map((r) => r.nudge.node)).toEqual(Array.from(ids));
		for (const r of v.rows) expect(r.nudge).toEqual(nudge(m.graph, r.nudge.node));
		expect(v.sentence).toContain('Each of the 3,600 elements of W was nudged');
		cancel();
		// The step (or h) changes before the slices run: the cancelled job stops and writes nothing.
		const t2 = new NudgeState(
			() => m,
			() => m.groupSteps[k],
			() => 4,
			(fn) => queue.push(fn)
		);
		t2.work()();
		queue.splice(0).forEach((fn) => fn());
		expect(t2.view).toMatchObject({ kind: 'checking', done: 0 });
		expect(slices).toBeGreaterThan(0);
	});

	it('a program with its own h (a hidden layer) writes the step as ε, so h[0] + h never mixes the two', () => {
		const m = traceOf('x = [0.5, -1]\nW = [[1, 2], [3, 4]]\nh = tanh(W @ x)\nL = sum(h * h)\n');
		const k = m.steps.findIndex((st) => st.kind === 'backward' && m.label(st.node) === 'h[0]');
		const s = new NudgeState(
			() => m,
			() => m.steps[k],
			() => 4
		);
		const v = s.view;
		if (v.kind !== 'checked') throw new Error(v.kind);
		expect(v.step).toBe('ε');
		expect(v.sentence).toMatch(/up and down by ε = 1e-6 .* from h\[0\] − ε to h\[0\] \+ ε: a slope of/);
		expect(v.sentence).not.toMatch(/[±−+] h\b|by h =/);
	});

	it('words for what cannot be checked, and for a disagreement', () => {
		const g = traceOf('x = 3\nf = x * x\n').graph;
		expect(nudgeSentence(nudge(g, 0, 1e-300), 'x', 'f', false, 4)).toBe('h = 1e-300 is too small to move x = 3: 3 ± h rounds back to 3. Try a larger h.');
		const kink = traceOf('x = 0\nf = relu(x)\n').graph;
		const n = nudge(kink, 0, 1e-3);
		expect(verdict(n)).toBe('differ');
		expect(nudgeSentence(n, 'x', 'f', false, 4)).toMatch(/They differ: .*kink/);
		expect(groupSentence(n, 'x', 1, 'x', 4)).toMatch(/^x was nudged by ±h: the largest relative error is .* They differ/);
		const inf = traceOf('x = 0\ny = log(x)\nf = x + 1\n');
		const y = inf.graph.groups.find((grp) => grp.name === 'y')!.ids[0];
		expect(nudgeSentence(nudge(inf.graph, y), 'y', 'f', true, 4)).toBe('y = -Infinity is not a finite number, so it cannot be nudged.');
	});
});
