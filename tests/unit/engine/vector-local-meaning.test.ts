import { describe, expect, it } from 'vitest';
import { OPS } from '../../../src/lib/core/ops/registry';
import type { OpSpec, VectorTexArgs } from '../../../src/lib/core/ops/spec';
import { domainSample } from '../../helpers/op-samples';
import { mulberry32 } from '../../helpers/random';
import { contains, evalTexInterval } from '../../helpers/tex-eval';

/**
 * The matrix-form rule of a vector or matrix step ("Vectorized", ∂y/∂x = …) prints each op's
 * `vectorLocal`. tex-meaning.test.ts evaluates the scalar templates; this evaluates the vector
 * ones, elementwise, against the op's own partials: `\frac{1}{x}` written `\frac{x}{1}`, a lost
 * minus or σ′ written σ is then a failing number, not a formula that merely typesets.
 * An element-wise ⊙ or ⊘ between the elements of one position is a product or a quotient, and
 * the all-ones vector is 1 in each position, so the element's formula is the scalar one.
 */
function elementwise(tex: string): string {
	let s = tex.replace(/\\vec\{1\}/g, '1').replace(/\^\{\\odot\s*([^}]+)\}/g, '^{$1}').replace(/\\odot/g, '\\cdot');
	const q = s.match(/^(-?)(.+?) \\oslash \\left\((.+)\\right\)$/);
	if (q) s = `${q[1]}\\frac{${q[2]}}{${q[3]}}`;
	return s;
}

const bracket = (s: string) => (/[+-]/.test(s) ? `\\left(${s}\\right)` : s);
const X = (n: number) => Array.from({ length: n }, (_v, i) => `x_{${i}}`);

function expectMeans(tex: string, env: Map<string, number>, want: number, what: string) {
	const shown = elementwise(tex);
	const r = evalTexInterval(shown, { names: env });
	expect(contains(r, want), `${what}: ${tex} (read as ${shown}) is [${r.lo}, ${r.hi}], not ${want}`).toBe(true);
}

/** Ops applied element by element (every argument one element of a vector): arithmetic and map functions. */
const ELEMENTWISE = OPS.filter((o) => o.vectorLocal && o.arity.kind === 'fixed');
/** Reductions whose gradient is a vector with one entry per element, each given by the formula. */
const REDUCE = ['sum', 'mean', 'norm2'];

describe("every op's vector-form local derivative means its partial derivative", () => {
	it('covers the ops', () => {
		expect(ELEMENTWISE.map((o) => o.name)).toEqual(expect.arrayContaining(['add', 'sub', 'mul', 'div', 'inv', 'neg', 'pow', 'exp', 'log', 'sqrt', 'sigmoid', 'tanh', 'atan2']));
	});

	it.each(ELEMENTWISE.map((o) => [o.name, o] as [string, OpSpec]))('%s, for scalars and for vectors', (_name, op) => {
		const n = (op.arity as { n: number }).n;
		const rand = mulberry32(1234 + n);
		let checked = 0;
		for (let trial = 0; trial < 12; trial++) {
			for (const p of op.sampleParams?.(n) ?? [0]) {
				const x = domainSample(op, rand, n);
				const y = op.forward(x, n, p);
				const partials = new Float64Array(n);
				op.partials(x, n, y, p, partials);
				if (!Number.isFinite(y) || partials.some((d) => !Number.isFinite(d))) continue;
				const env = new Map<string, number>(X(n).map((a, i) => [a, x[i]]));
				env.set('y', y);
				for (const vec of [false, true])
					for (let j = 0; j < n; j++) {
						const args: VectorTexArgs = { y: 'y', x: X(n), j, vec, n: 3, p, factor: bracket };
						expectMeans(op.vectorLocal!(args), env, partials[j], `${op.name}(${Array.from(x).join(', ')}; p=${p}) ∂/∂x${j}${vec ? ' (vectors)' : ''}`);
					}
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(6);
	});

	it.each(REDUCE)('%s: each element of the gradient vector', (name) => {
		const op: OpSpec = OPS.find((o) => o.name === name)!;
		const rand = mulberry32(77);
		for (let trial = 0; trial < 8; trial++) {
			const n = 3;
			const x = domainSample(op, rand, n);
			const y = op.forward(x, n, 0);
			const partials = new Float64Array(n);
			op.partials(x, n, y, 0, partials);
			for (let i = 0; i < n; i++) {
				// x_{0} names the whole vector; in position i it holds x[i]
				const env = new Map<string, number>([
					['x_{0}', x[i]],
					['y', y]
				]);
				for (const vec of [false, true]) expectMeans(op.vectorLocal!({ y: 'y', x: ['x_{0}'], j: 0, vec, n, p: 0, factor: bracket }), env, partials[i], `${name} element ${i}`);
			}
		}
	});

	it('dot: the gradient with respect to one vector is the other', () => {
		const op: OpSpec = OPS.find((o) => o.name === 'dot')!;
		const env = new Map<string, number>([
			['x_{0}', 2.5],
			['x_{1}', -4]
		]);
		const x = new Float64Array([2.5, -4]);
		const partials = new Float64Array(2);
		op.partials(x, 2, op.forward(x, 2, 0), 0, partials);
		for (const j of [0, 1]) expectMeans(op.vectorLocal!({ y: 'y', x: ['x_{0}', 'x_{1}'], j, vec: true, n: 2, p: 0, factor: bracket }), env, partials[j], `dot ∂/∂x${j}`);
	});
});
