import { describe, expect, it } from 'vitest';
import { run } from '../../../src/lib/core/program';
import type { Trace } from '../../../src/lib/core/trace/build';
import { appendRun } from '../../../src/lib/core/view/train-history';
import { train } from '../../../src/lib/core/train/descent';
import { exampleById } from '../../../src/lib/examples/examples';
import { HISTORY_STEPS, PAGE_TRAIN_WORK, TrainState } from '../../../src/lib/state/train.svelte';

function traceOf(src: string): Trace {
	const r = run(src);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
	return r.trace;
}
const loss = (t: Trace) => t.graph.value[t.graph.output];
const leaf = (t: Trace, name: string) => t.graph.value[t.graph.groups.find((g) => g.name === name)!.ids[0]];

/** The page's state over a program held here, as the viewer holds it. */
function page(program: string) {
	const held = { text: program, trace: traceOf(program) };
	const state = new TrainState(
		() => held.trace,
		(text) => {
			held.text = text;
			held.trace = traceOf(text);
		}
	);
	state.sync(held.trace);
	return { held, state };
}

/**
 * The oracle: the 2-2-1 network of the example written out by hand (z = xw, h = σ(z),
 * ŷ = h1 w5 + h2 w6, E = (y − ŷ)²), its gradient by the chain rule, plain descent on w1…w6.
 */
function oracle221(eta: number, steps: number) {
	const x1 = 0.05, x2 = 0.1, y = 0.01;
	let [w1, w2, w3, w4, w5, w6] = [0.15, 0.25, 0.2, 0.3, 0.4, 0.45];
	const sig = (z: number) => 1 / (1 + Math.exp(-z));
	const E = () => {
		const h1 = sig(x1 * w1 + x2 * w3), h2 = sig(x1 * w2 + x2 * w4);
		return (y - (h1 * w5 + h2 * w6)) ** 2;
	};
	const losses = [E()];
	for (let s = 0; s < steps; s++) {
		const h1 = sig(x1 * w1 + x2 * w3), h2 = sig(x1 * w2 + x2 * w4);
		const d = -2 * (y - (h1 * w5 + h2 * w6));
		const d1 = d * w5 * h1 * (1 - h1), d2 = d * w6 * h2 * (1 - h2);
		[w1, w2, w3, w4, w5, w6] = [w1 - eta * d1 * x1, w2 - eta * d2 * x1, w3 - eta * d1 * x2, w4 - eta * d2 * x2, w5 - eta * d * h1, w6 - eta * d * h2];
		losses.push(E());
	}
	return { losses, w: { w1, w2, w3, w4, w5, w6 } };
}

describe('TrainState on the 2-2-1 network', () => {
	const ex = exampleById('mlp-2-2-1')!;

	it('trains w1…w6 by default; 100 steps agree with the hand-written loop', () => {
		const { held, state } = page(ex.program);
		expect([...state.chosen].map((k) => held.trace.graph.groups[k].name)).toEqual(['w1', 'w2', 'w3', 'w4', 'w5', 'w6']);
		state.eta = 0.5;
		expect(state.run(100)).toBe(true);
		const want = oracle221(0.5, 100);
		const h = state.history!;
		expect(h.stepsDone).toBe(100);
		expect(h.losses.length).toBe(101);
		for (const s of [0, 1, 50, 100]) expect(h.losses[s]).toBeCloseTo(want.losses[s], 14);
		for (const [name, v] of Object.entries(want.w)) expect(Math.abs(leaf(held.trace, name) - v)).toBeLessThan(1e-14);
		// The program now holds the exact values: rerunning it gives the run's last loss, bit for bit.
		expect(Object.is(loss(held.trace), h.losses[100])).toBe(true);
		expect(state.message).toBe('');
	});

	it('a second run joins the history; a hand edit starts a new one', () => {
		const { held, state } = page(ex.program);
		state.eta = 0.5;
		state.run(10);
		state.run(10);
		expect(state.history!.stepsDone).toBe(20);
		const want = oracle221(0.5, 20);
		expect(state.history!.losses[20]).toBeCloseTo(want.losses[20], 14);
		held.trace = traceOf((held.text = held.text.replace('x1 = 0.05', 'x1 = 0.06')));
		state.sync(held.trace);
		state.run(1);
		expect(state.history!.stepsDone).toBe(1);
		expect(state.message).toMatch(/changed since the last run/);
	});

	it('at the minimum (every gradient 0) a run keeps the text and still joins the history', () => {
		const { held, state } = page(ex.program);
		state.eta = 0.5;
		state.run(100);
		const text = held.text;
		expect(state.history!.losses[100]).toBe(0);
		expect(state.run(10)).toBe(true);
		expect(held.text).toBe(text);
		expect(state.history!.stepsDone).toBe(110);
		expect(state.message).toBe('');
	});

	it('a new program (another shape) clears the history', () => {
		const { held, state } = page(ex.program);
		state.run(5);
		held.trace = traceOf(exampleById('add-mul')!.program);
		state.sync(held.trace);
		expect(state.history).toBeUndefined();
	});

	it.each([
		[NaN, /η \(the learning rate\) must be a finite number: type one/],
		[Infinity, /must be a finite number, not Infinity/]
	])('η = %d is refused with a message and nothing changes', (eta, want) => {
		const { held, state } = page(ex.program);
		state.eta = eta;
		expect(state.run(10)).toBe(false);
		expect(state.message).toMatch(want);
		expect(state.refused).toBe(true);
		expect(held.text).toBe(ex.program);
	});

	it('η = 1e308 on the slide example is refused at step 1, naming the leaf and its value; nothing is written', () => {
		// (On this network 1e308 · ∂E/∂w stays finite: the weights go to about −1e306 and the sigmoids saturate.)
		const slide = exampleById('sigmoid-descent')!;
		const { held, state } = page(slide.program);
		state.eta = 1e308;
		expect(state.run(10)).toBe(false);
		expect(state.message).toMatch(/^Step 1 refused: w1 would become -Infinity/);
		expect(state.message).toMatch(/No step was applied\./);
		expect(held.text).toBe(slide.program);
		expect(state.history!.stepsDone).toBe(0);
	});

	it.each([[1.5], [-0.1], [NaN]])('momentum %d is refused', (mu) => {
		const { state } = page(ex.program);
		state.momentum = mu;
		expect(state.run(1)).toBe(false);
		expect(state.message).toMatch(/momentum must be at least 0 and below 1/);
	});

	it('a run past nodes × steps = PAGE_TRAIN_WORK is refused, saying the bound', () => {
		const { held, state } = page(ex.program);
		const max = state.maxSteps();
		expect(max).toBe(Math.floor(PAGE_TRAIN_WORK / held.trace.graph.size) - 1);
		expect(state.run(max + 1)).toBe(false);
		expect(state.message).toContain(`at most ${max.toLocaleString('en')} steps a run`);
		expect(HISTORY_STEPS).toBeGreaterThanOrEqual(max);
	});

	it('nothing ticked: nothing runs', () => {
		const { state } = page(ex.program);
		for (const k of [...state.chosen]) state.toggle(k);
		expect(state.run(1)).toBe(false);
		expect(state.message).toMatch(/Tick at least one leaf/);
	});
});

describe('the slide update through training', () => {
	it('w1 alone, η = .01, one step: L 0.2070 → 0.0725, w1 = −0.0199', () => {
		const ex = exampleById('sigmoid-descent')!;
		const { held, state } = page(ex.program);
		// sync was given no preference here: the viewer passes the example's `descend`.
		state.sync(undefined);
		state.sync(held.trace, ex.descend);
		expect([...state.chosen].map((k) => held.trace.graph.groups[k].name)).toEqual(['w1']);
		state.eta = 0.01;
		state.run(1);
		expect(loss(held.trace).toFixed(4)).toBe('0.0725');
		expect(leaf(held.trace, 'w1').toFixed(4)).toBe('-0.0199');
	});
});

describe('appendRun', () => {
	const t = traceOf('a = 1\nb = 2\nL = (a*b - 1)^2\n');
	const ka = t.graph.groups.findIndex((g) => g.name === 'a');
	const kb = t.graph.groups.findIndex((g) => g.name === 'b');
	const leaves = [t.graph.groups[ka].ids[0], t.graph.groups[kb].ids[0]];
	it('a parameter trained only in the second run is constant (its start) before it', () => {
		const r1 = train(t, { lr: 0.01, steps: 3, params: [ka] });
		const h1 = appendRun(undefined, t.graph.value, leaves, r1).history;
		const t2 = traceOf(`a = ${r1.final[leaves[0]]}\nb = 2\nL = (a*b - 1)^2\n`);
		const r2 = train(t2, { lr: 0.01, steps: 2, params: [kb] });
		const j = appendRun(h1, t2.graph.value, leaves, r2);
		expect(j.kind).toBe('joined');
		const h = j.history;
		expect(h.stepsDone).toBe(5);
		expect(h.losses.length).toBe(6);
		const pa = h.params.find((p) => p.group === ka)!;
		const pb = h.params.find((p) => p.group === kb)!;
		expect(Array.from(pb.values.subarray(0, 4))).toEqual([2, 2, 2, 2]);
		expect(pa.values[5]).toBe(pa.values[3]);
		expect(h.grads[0].norms.length).toBe(6);
	});
});
