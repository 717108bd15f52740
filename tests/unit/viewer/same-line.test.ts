import { describe, expect, it } from 'vitest';
import { run } from '../../../src/lib/core/program';
import type { Trace } from '../../../src/lib/core/trace/build';
import { sameLineStep } from '../../../src/lib/core/view/same-line';

const PROGRAM = 'swish(a) = a * sigmoid(a)\nx = 0.5\nw = -2\nz = w * x\nq = swish(z)\nf = q * q + z\n';
const traced = (gates: 'one' | 'expanded'): Trace => {
	const r = run(PROGRAM, { gates });
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
	return r.trace;
};

describe('flipping "Your gates" keeps the reader where they were', () => {
	const one = traced('one');
	const expanded = traced('expanded');
	it.each([
		['one', 'expanded'],
		['expanded', 'one']
	] as const)('every step of a named value stays on that value (%s → %s)', (from, to) => {
		const a = from === 'one' ? one : expanded;
		const b = to === 'one' ? one : expanded;
		a.steps.forEach((s, k) => {
			if (s.kind !== 'forward' && s.kind !== 'backward') return;
			if (a.graph.group[s.node] < 0) return;
			const k2 = sameLineStep(a, k, b, 'scalar');
			const s2 = b.steps[k2];
			expect(s2.kind).toBe(s.kind);
			if (s2.kind !== 'forward' && s2.kind !== 'backward') return;
			expect(b.label(s2.node)).toBe(a.label(s.node));
		});
	});
	it('a step inside the gate body, which the one-gate trace has not, goes to the line', () => {
		const k = expanded.steps.findIndex((s) => s.kind === 'forward' && expanded.graph.group[s.node] < 0 && expanded.graph.stmt[s.node] === expanded.graph.stmt[one.graph.groups.find((g) => g.name === 'q')!.ids[0]]);
		expect(k).toBeGreaterThanOrEqual(0);
		const k2 = sameLineStep(expanded, k, one, 'scalar');
		const s2 = one.steps[k2];
		expect(s2.kind).toBe('forward');
		if (s2.kind === 'forward') expect(one.graph.stmt[s2.node]).toBe(expanded.graph.stmt[(expanded.steps[k] as { node: number }).node]);
	});
	it('the backward step of z stays the backward step of z', () => {
		const z = one.graph.groups.find((g) => g.name === 'z')!.ids[0];
		const k2 = sameLineStep(one, one.backwardStepOf[z], expanded, 'scalar');
		const s2 = expanded.steps[k2];
		expect(s2.kind === 'backward' && expanded.label(s2.node)).toBe('z');
	});
});
