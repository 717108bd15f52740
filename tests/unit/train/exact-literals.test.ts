import { describe, expect, it } from 'vitest';
import { leafRewrite, literalText, rewriteLeaves } from '../../../src/lib/core/edit/literals';
import { run } from '../../../src/lib/core/program';
import { train, trainedProgram } from '../../../src/lib/core/train/descent';
import { loadGoldens } from '../../helpers/golden';
import { mulberry32 } from '../../helpers/random';

function traceOf(src: string) {
	const r = run(src);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
	return r.trace;
}
const bits = (x: number) => {
	const b = new DataView(new ArrayBuffer(8));
	b.setFloat64(0, x);
	return b.getBigUint64(0).toString(16);
};

/** Doubles of every kind: random bit patterns (all exponents, subnormals), ordinary sizes, integers, edges. */
function doubles(count: number): number[] {
	const rng = mulberry32(12);
	const out = [0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, -Number.MAX_VALUE, 1e21, 1e-7, 0.1, 1 / 3, 2 ** 53 + 2, 123456789012345680000];
	const view = new DataView(new ArrayBuffer(8));
	while (out.length < count) {
		view.setUint32(0, Math.floor(rng() * 2 ** 32));
		view.setUint32(4, Math.floor(rng() * 2 ** 32));
		const raw = view.getFloat64(0);
		if (Number.isFinite(raw)) out.push(raw);
		out.push((rng() - 0.5) * 10 ** Math.floor(rng() * 12 - 6));
	}
	return out;
}

describe('a rewritten literal reads back as exactly the same double', () => {
	it('for 4,000 random doubles in a vector leaf, a matrix leaf and a scalar leaf', () => {
		const xs = doubles(4_000);
		const t = traceOf('v = [1, 2, 3, 4]\nM = [[1, 2], [3, 4]]\ns = 5\nf = sum(v) + sum(M) + s\n');
		const ids = t.graph.groups.slice(0, 3).flatMap((g) => Array.from(g.ids));
		for (let k = 0; k < xs.length; k += ids.length) {
			const values = new Map(ids.map((id, j) => [id, xs[(k + j) % xs.length]]));
			const text = rewriteLeaves(t, values)!;
			expect(text).toBeDefined();
			const again = traceOf(text).graph;
			for (const [id, x] of values) expect(bits(again.value[id]), `${x} written as ${literalText(x)}`).toBe(bits(x));
		}
	});

	it('is the shortest such decimal and has no exponent sign the lexer would need', () => {
		for (const x of doubles(2_000)) {
			const s = literalText(x)!;
			expect(s).not.toContain('+');
			expect(Number(s)).toBe(x);
			// Shortest: one digit fewer (toPrecision of the digit count − 1) no longer reads back.
			const digits = s.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
			if (digits > 1) expect(Number(x.toPrecision(digits - 1))).not.toBe(x);
		}
	});

	it('refuses NaN and ±Infinity with a message naming the leaf and the value, and changes nothing', () => {
		const t = traceOf('W = [[1, 2], [3, 4]]\nb = 1\nf = sum(W) + b\n');
		const [W, b] = t.graph.groups;
		for (const bad of [NaN, Infinity, -Infinity]) {
			const r = leafRewrite(t, new Map([[b.ids[0], 2], [W.ids[1], bad]]));
			expect(r.ok).toBe(false);
			if (r.ok) continue;
			expect(r.reason).toBe('not-finite');
			expect(r.leaf).toBe('W[0,1]');
			expect(r.message).toContain('W[0,1]');
			expect(r.message).toContain(String(bad));
			expect(rewriteLeaves(t, new Map([[W.ids[1], bad]]))).toBeUndefined();
		}
		const notLeaf = leafRewrite(t, new Map([[t.graph.output, 1]]));
		expect(notLeaf.ok || notLeaf.reason).toBe('not-literal');
	});
});

const mlp = loadGoldens().find((g) => g.id === 'mlp-2-2-1');
describe.skipIf(!mlp)('the mlp-2-2-1 update from ../shared/examples, written exactly', () => {
	it('w5 = 0.4 − 0.5·∂E/∂w5 with the golden gradient, every digit kept, and the rerun reproduces the trained loss', () => {
		const t = traceOf(mlp!.program);
		const g = t.graph;
		const w5 = g.groups.findIndex((x) => x.name === 'w5');
		const r = train(t, { lr: 0.5, steps: 1, params: [w5] });
		const want = 0.4 - 0.5 * (mlp!.grads.w5 as number);
		const got = r.final[g.groups[w5].ids[0]];
		expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-15);
		const text = trainedProgram(t, r);
		expect(text).toContain(`w5 = ${String(got)}\n`);
		expect(String(got).length).toBeGreaterThan(10); // not six digits
		const again = traceOf(text).graph;
		expect(bits(again.value[g.groups[w5].ids[0]])).toBe(bits(got));
		expect(bits(again.value[again.output])).toBe(bits(r.losses[1]));
	});
});
