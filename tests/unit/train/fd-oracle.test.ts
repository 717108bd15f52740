import { describe, expect, it } from 'vitest';
import { rewriteLeaves } from '../../../src/lib/core/edit/literals';
import { run } from '../../../src/lib/core/program';
import { train } from '../../../src/lib/core/train/descent';
import { defaultDescentGroups } from '../../../src/lib/core/train/params';

/**
 * Oracles that need no PyTorch: the loss of the program itself, rerun with nudged literals
 * (no backward pass involved), and closed forms of the descent recurrence.
 */
function traceOf(src: string) {
	const r = run(src);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
	return r.trace;
}
const lossOf = (src: string) => {
	const g = traceOf(src).graph;
	return g.value[g.output];
};

const PROGRAMS: [string, string][] = [
	[
		'a 2-2-2 sigmoid net with shared biases',
		'x1 = 0.05\nx2 = 0.1\nw1 = 0.15\nw2 = 0.2\nw3 = 0.25\nw4 = 0.3\nb1 = 0.35\nw5 = 0.4\nw6 = 0.45\nw7 = 0.5\nw8 = 0.55\nb2 = 0.6\ny1 = 0.01\ny2 = 0.99\n' +
			'h1 = sigmoid(w1*x1 + w2*x2 + b1)\nh2 = sigmoid(w3*x1 + w4*x2 + b1)\no1 = sigmoid(w5*h1 + w6*h2 + b2)\no2 = sigmoid(w7*h1 + w8*h2 + b2)\nE = ((o1 - y1)^2 + (o2 - y2)^2) / 2\n'
	],
	[
		'a softmax MLP with cross_entropy',
		'x = [0.5, -1, 2]\nW1 = [[0.1, -0.2, 0.3], [0, 0.4, -0.1]]\nb1 = [0.1, -0.2]\nW2 = [[0.3, -0.1], [-0.4, 0.3], [0.2, 0.2]]\nb2 = [0, 0.1, -0.1]\ny = [0, 0, 1]\n' +
			'h = tanh(W1 @ x + b1)\nL = cross_entropy(W2 @ h + b2, y)\n'
	],
	['w^T x with a squared error', 'w = [0.3, -0.2, 0.5]\nx = [1, 2, -1]\nb = 0.1\nt = 2\nL = (w^T x + b - t)^2\n']
];

describe('the loss falls along −∂L/∂p as finite differences of the program say', () => {
	it.each(PROGRAMS)('%s', (_name, src) => {
		const t = traceOf(src);
		const params = defaultDescentGroups(t);
		const ids = params.flatMap((k) => Array.from(t.graph.groups[k].ids));
		// Central differences of the loss, each leaf nudged by rewriting its literal and rerunning.
		const h = 1e-6;
		const fd = ids.map((id) => {
			const x = t.graph.value[id];
			const at = (v: number) => lossOf(rewriteLeaves(t, new Map([[id, v]]))!);
			return (at(x + h) - at(x - h)) / (2 * h);
		});
		const fdSq = fd.reduce((s, d) => s + d * d, 0);
		for (const eta of [1e-4, 1e-5]) {
			const r = train(t, { lr: eta, steps: 1, params });
			const drop = r.losses[0] - r.losses[1];
			// First order: L(p − η g) ≈ L(p) − η‖g‖², so the drop over η‖g‖² tends to 1.
			expect(drop).toBeGreaterThan(0);
			expect(Math.abs(drop / (eta * fdSq) - 1)).toBeLessThan(100 * eta + 1e-4);
			// The step itself moved each element by −η times its finite-difference slope.
			ids.forEach((id, j) => expect(Math.abs(r.final[id] - (t.graph.value[id] - eta * fd[j]))).toBeLessThan(eta * 1e-6 * Math.max(1, Math.abs(fd[j]))));
		}
	});
});

describe('momentum on L = (w − c)², against the closed form of the heavy-ball recurrence', () => {
	// e = w − c obeys e₁ = (1 − 2η)e₀ and e_{k+1} = (1 + μ − 2η)e_k − μ e_{k−1} (v₁ = ∂L/∂w at step 1, as PyTorch).
	const c = 3;
	const w0 = 1;
	const closed = (eta: number, mu: number, k: number): number => {
		const e0 = w0 - c;
		const e1 = (1 - 2 * eta) * e0;
		const tr = 1 + mu - 2 * eta;
		const disc = tr * tr - 4 * mu;
		if (disc > 0) {
			const r1 = (tr + Math.sqrt(disc)) / 2;
			const r2 = (tr - Math.sqrt(disc)) / 2;
			const A = (e1 - r2 * e0) / (r1 - r2);
			return A * r1 ** k + (e0 - A) * r2 ** k;
		}
		const rho = Math.sqrt(mu);
		const theta = Math.acos(tr / (2 * rho));
		const D = (e1 / rho - e0 * Math.cos(theta)) / Math.sin(theta);
		return rho ** k * (e0 * Math.cos(k * theta) + D * Math.sin(k * theta));
	};
	const handRolled = (eta: number, mu: number, steps: number): number[] => {
		let w = w0;
		let v = 0;
		const out = [w];
		for (let k = 0; k < steps; k++) {
			const g = 2 * (w - c);
			v = k === 0 ? g : mu * v + g;
			w -= eta * v;
			out.push(w);
		}
		return out;
	};

	it.each([
		[0.1, 0.1, 'real roots'],
		[0.1, 0.9, 'complex roots: it overshoots and spirals in'],
		[0.05, 0, 'no momentum: e_k = (1 − 2η)^k e₀']
	])('η = %d, μ = %d (%s)', (eta, mu) => {
		const t = traceOf(`w = ${w0}\nc = ${c}\nL = (w - c)^2\n`);
		const steps = 80;
		const r = train(t, { lr: eta, steps, params: [0], momentum: mu });
		const hand = handRolled(eta, mu, steps);
		for (let k = 0; k <= steps; k++) {
			const w = r.params[0].values[k];
			expect(Math.abs(w - hand[k]), `step ${k} against the recurrence`).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(hand[k])));
			expect(Math.abs(w - (c + closed(eta, mu, k))), `step ${k} against the closed form`).toBeLessThanOrEqual(1e-12);
			expect(Math.abs(r.losses[k] - (w - c) ** 2)).toBeLessThanOrEqual(1e-15);
		}
		if (mu === 0.9) expect(hand.some((w) => w > c)).toBe(true);
	});
});
