import { describe, expect, it } from 'vitest';
import { finiteDifferenceCheck } from '../../../src/lib/core/autodiff/fd';
import { DEFAULT_H, hProblem, nudge, nudgeLeaves, nudgeWork, relativeError, worstRelativeError } from '../../../src/lib/core/autodiff/nudge';
import type { Graph } from '../../../src/lib/core/graph/graph';
import { isFairProblem } from '../../../src/lib/core/practice/health';
import { run } from '../../../src/lib/core/program';
import type { Trace } from '../../../src/lib/core/trace/build';
import { EXAMPLES } from '../../../src/lib/examples/examples';
import { loadGoldens } from '../../helpers/golden';

/** Every program the page ships and every shared golden, run lazily (a mutant run must not pay at import). */
const programs = (): [string, string][] => [...EXAMPLES.map((e): [string, string] => [e.id, e.program]), ...loadGoldens().map((g): [string, string] => [`shared/${g.id}`, g.program])];

function traceOf(program: string): Trace {
	const r = run(program);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
	return r.trace;
}

/** Bit-for-bit copies: NaN and −0 compare as themselves. */
const bits = (a: Float64Array) => Buffer.from(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength)).toString('hex');
const snapshot = (g: Graph) => ({ value: bits(g.value), grad: bits(g.grad), local: bits(g.local) });

describe('nudge: the numerical derivative beside backprop', () => {
	it('agrees with backprop at every node of every example (leaves and inner nodes); worst relative error per example', () => {
		const report: string[] = [];
		for (const [id, program] of programs()) {
			const t = traceOf(program);
			const g = t.graph;
			const work = nudgeWork(g);
			let worst = 0;
			let at = '';
			for (let i = 0; i < g.size; i++) {
				const n = nudge(g, i, DEFAULT_H, work);
				expect(n.backprop, `${id} ${t.label(i)}`).toBe(g.grad[i]);
				// −∞ + h is −∞: a value that is not finite cannot be moved, and the check says so.
				if (!Number.isFinite(g.value[i])) {
					expect([n.lost, n.numeric], `${id} ${t.label(i)}`).toEqual([true, NaN]);
					continue;
				}
				// Truncation is far below 1e-6 at this h; what is left is rounding in f itself, about
				// ε·|f|/h (an output of 435 with a gradient of 0.002 is off by 1e-5 relative, honestly).
				const rounding = (10 * Number.EPSILON * Math.max(1, Math.abs(g.value[g.output]))) / DEFAULT_H;
				const allowed = 1e-6 * Math.max(Math.abs(n.numeric), Math.abs(n.backprop)) + rounding;
				expect(Math.abs(n.numeric - n.backprop), `${id} ${t.label(i)}: numeric ${n.numeric}, backprop ${n.backprop}`).toBeLessThanOrEqual(allowed);
				if (n.relativeError > worst) [worst, at] = [n.relativeError, t.label(i)];
			}
			report.push(`${id.padEnd(30)} ${String(g.size).padStart(4)} nodes  worst ${worst.toExponential(2)} at ${at}`);
		}
		expect(report.length).toBeGreaterThanOrEqual(EXAMPLES.length);
		console.log(`[nudge] relative error |n − b| / max(|n|, |b|), h = ${DEFAULT_H.toExponential()}:\n${report.join('\n')}`);
	});

	it('nudges an inner node as if it were an input: only what comes after it moves', () => {
		// q = x + y, f = q·q: ∂f/∂q = 2q = 6. Re-deriving q from x and y would undo the nudge and give 0.
		const t = traceOf('x = 1\ny = 2\nq = x + y\nf = q * q\n');
		const g = t.graph;
		const q = g.groups.find((grp) => grp.name === 'q')!.ids[0];
		const n = nudge(g, q, 1e-3);
		expect(n.at).toBe(3);
		expect(n.outUp).toBeCloseTo(3.001 ** 2, 12);
		expect(n.outDown).toBeCloseTo(2.999 ** 2, 12);
		expect(n.numeric).toBeCloseTo(6, 9);
		expect(n.backprop).toBe(6);
	});

	it('an unnamed inner node: the net input of a sigmoid, against σ′ worked by hand', () => {
		// f = sigmoid(w*x + b): ∂f/∂net = σ(net)(1 − σ(net)), net = 2·(−1) + 1 = −1.
		const t = traceOf('w = 2\nx = -1\nb = 1\nf = sigmoid(w*x + b)\n');
		const g = t.graph;
		const net = Array.from({ length: g.size }, (_, i) => i).find((i) => t.label(i) === 'net_f' || t.label(i) === '(w*x + b)');
		expect(net, Array.from({ length: g.size }, (_, i) => t.label(i)).join(', ')).toBeDefined();
		const s = 1 / (1 + Math.exp(1));
		const n = nudge(g, net!);
		expect(n.at).toBe(-1);
		expect(Math.abs(n.numeric - s * (1 - s))).toBeLessThan(1e-9);
	});

	it('the output nudged is 1; a line the output never reads is 0 both ways', () => {
		const t = traceOf('x = 2\nunused = x * 3\nf = x * x\n');
		const g = t.graph;
		expect(nudge(g, g.output).numeric).toBeCloseTo(1, 12);
		const unused = g.groups.find((grp) => grp.name === 'unused')!.ids[0];
		const n = nudge(g, unused);
		expect([n.numeric, n.backprop, n.relativeError]).toEqual([0, 0, 0]);
	});

	it('never changes the trace: value, grad and local bit for bit, for every example and every check', () => {
		for (const [id, program] of programs()) {
			const t = traceOf(program);
			const g = t.graph;
			const before = snapshot(g);
			for (let i = 0; i < g.size; i++) nudge(g, i, 1e-3);
			nudgeLeaves(g, 0.5);
			finiteDifferenceCheck(g);
			isFairProblem(t);
			expect(snapshot(g), id).toEqual(before);
		}
	});

	it('a reused work buffer gives the same answers as a fresh one, in any order', () => {
		const g = traceOf(EXAMPLES.find((e) => e.id === 'mlp-2-2-1')!.program).graph;
		const work = nudgeWork(g);
		const order = Array.from({ length: g.size }, (_, i) => (i * 7) % g.size).reverse();
		for (const i of order) expect(nudge(g, i, 1e-4, work), `node ${i}`).toEqual(nudge(g, i, 1e-4));
	});

	it('refuses an h that is not a positive finite number, with a sentence that says how to fix it', () => {
		const g = traceOf('x = 3\nf = x * x\n').graph;
		for (const h of [0, -0, -1e-6, NaN, Infinity, -Infinity]) {
			expect(() => nudge(g, 0, h), String(h)).toThrow(RangeError);
			expect(hProblem(h), String(h)).toMatch(/h/);
		}
		expect(hProblem(0)).toMatch(/greater than 0/);
		expect(hProblem(NaN)).toMatch(/must be a number/);
		expect(hProblem(1e-6)).toBeUndefined();
		expect(() => nudgeLeaves(g, 0)).toThrow(/greater than 0/);
		expect(() => nudge(g, g.size)).toThrow(RangeError);
	});

	it('an h lost next to the value (v ± h round to v) says so instead of a slope of 0', () => {
		const g = traceOf('x = 3\nf = x * x\n').graph;
		const n = nudge(g, 0, 1e-300);
		expect(n.lost).toBe(true);
		expect(n.numeric).toBeNaN();
		expect(n.relativeError).toBeNaN();
		// A large but usable h: (3+h)² − (3−h)² = 12h exactly, so the slope is 6 whatever h.
		expect(nudge(g, 0, 0.5).numeric).toBe(6);
	});

	it('relative error: 0 when both are 0, 2 for opposite signs, NaN when a number is not finite', () => {
		expect(relativeError(0, 0)).toBe(0);
		expect(relativeError(1, -1)).toBe(2);
		expect(relativeError(1.05, 1)).toBeCloseTo(0.05 / 1.05, 15);
		expect(relativeError(1, 1.05)).toBeCloseTo(0.05 / 1.05, 15);
		expect(relativeError(1e-12, 0)).toBe(1);
		expect(relativeError(NaN, 1)).toBeNaN();
		expect(relativeError(Infinity, 1)).toBeNaN();
		expect(relativeError(Infinity, Infinity)).toBe(0);
		expect(worstRelativeError([])).toBe(0);
	});

	it('the finite-difference oracle catches a gradient 5% off, and a 1e-7 one near 0 is no mismatch', () => {
		const t = traceOf('x = 1.5\ny = -0.5\nf = x * y + x\n');
		const g = t.graph;
		expect(finiteDifferenceCheck(g)).toEqual([]);
		// A test's own trace, corrupted on purpose: the oracle must see it.
		g.grad[0] *= 1.05;
		expect(finiteDifferenceCheck(g).map((m) => m.node)).toEqual([0]);
		g.grad[0] /= 1.05;
		g.grad[1] += 1e-7;
		expect(finiteDifferenceCheck(g)).toEqual([]);
	});

	it('checks every leaf element in node order, each leaf once', () => {
		const t = traceOf('W = [[1, 2], [3, 4]]\nx = [1, -1]\nq = W @ x\nf = ||q||^2\n');
		const ns = nudgeLeaves(t.graph);
		expect(ns.map((n) => t.label(n.node))).toEqual(['W[0,0]', 'W[0,1]', 'W[1,0]', 'W[1,1]', 'x[0]', 'x[1]']);
		// f = Σ (Wx)ᵢ², ∂f/∂W = 2 q xᵀ with q = [−1, −1]: [[−2, 2], [−2, 2]] (worked by hand).
		expect(ns.slice(0, 4).map((n) => Math.round(n.numeric * 1e6) / 1e6)).toEqual([-2, 2, -2, 2]);
		expect(worstRelativeError(ns)).toBeLessThan(1e-8);
	});
});
