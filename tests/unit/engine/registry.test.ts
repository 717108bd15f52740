import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { arityAccepts, OPS as REGISTRY } from '../../../src/lib/core/ops/registry';
import type { OpSpec, TexArgs } from '../../../src/lib/core/ops/spec';
import { mulberry32 } from '../../helpers/random';
import { domainSample } from '../../helpers/op-samples';
import { expectPartialsMatchFd } from '../../helpers/fd-op';

const OPS: readonly OpSpec[] = REGISTRY;

/** Input counts to try for each arity kind. */
function counts(op: OpSpec): number[] {
	switch (op.arity.kind) {
		case 'fixed':
			return [op.arity.n];
		case 'variadic':
			return [Math.max(1, op.arity.min), 2, 3, 7];
		case 'pairs':
			return [2, 4, 8];
	}
}

function sample(op: OpSpec, rand: () => number, n: number): Float64Array {
	const x = domainSample(op, rand, n);
	// max and min have a kink where their inputs tie: keep them apart.
	if ((op.name === 'max' || op.name === 'min') && Math.abs(x[0] - x[1]) < 0.1) x[1] = x[0] + 0.5;
	return x;
}

const cases = OPS.flatMap((op) =>
	counts(op).flatMap((n) => (op.sampleParams?.(n) ?? [0]).map((p) => [op.name, n, p, op] as [string, number, number, OpSpec]))
);

describe('every registry op', () => {
	it.each(cases)('%s with %i inputs (param %d) matches central finite differences', (_name, n, p, op) => {
		const rand = mulberry32(1234 + n * 17 + p * 7);
		for (let trial = 0; trial < 20; trial++) {
			const x = sample(op, rand, n);
			expectPartialsMatchFd(op, x, n, p);
		}
	});

	it.each(OPS.map((op) => [op.name, op] as [string, OpSpec]))('%s: its LaTeX templates render in KaTeX, symbolically and with numbers', (_name, op) => {
		for (const n of counts(op)) {
			for (const p of op.sampleParams?.(n) ?? [0]) {
				const forms: TexArgs[] = [
					{ a: Array.from({ length: n }, (_, i) => `x_{${i}}`), y: 'y', p, sibling: (j) => `y_{${j}}` },
					{ a: Array.from({ length: n }, (_, i) => (i % 2 ? '\\left(-1.5\\right)' : '2')), y: '0.5', p, sibling: () => '0.25' }
				];
				for (const t of forms) {
					expect(() => katex.renderToString(op.tex(t), { throwOnError: true })).not.toThrow();
					for (let i = 0; i < n; i++) expect(() => katex.renderToString(op.partialTex(t, i), { throwOnError: true })).not.toThrow();
				}
			}
		}
	});

	it.each(OPS.map((op) => [op.name, op] as [string, OpSpec]))('%s: declares an arity its sample counts satisfy', (_name, op) => {
		for (const n of counts(op)) expect(arityAccepts(op, n)).toBe(true);
		expect(arityAccepts(op, 0)).toBe(false);
	});

	it('names are unique', () => {
		expect(new Set(OPS.map((o) => o.name)).size).toBe(OPS.length);
	});
});

describe('kinks follow LANGUAGE.md: at a tie the first argument wins, relu(0) and abs(0) give 0', () => {
	const byName = Object.fromEntries(OPS.map((o) => [o.name, o as OpSpec]));
	const table: [string, number[], number[], boolean][] = [
		['max', [2, 2], [1, 0], true],
		['min', [2, 2], [1, 0], true],
		['relu', [0], [0], true],
		['abs', [0], [0], true],
		['max', [3, 2], [1, 0], false],
		['relu', [1], [1], false]
	];
	it.each(table)('%s at %j has partials %j (tie note: %s)', (name, xs, want, noted) => {
		const op = byName[name];
		const x = Float64Array.from(xs);
		const out = new Float64Array(xs.length);
		op.partials(x, xs.length, op.forward(x, xs.length, 0), 0, out);
		expect(Array.from(out)).toEqual(want);
		expect(op.tieNote?.(x, xs.length, 0) !== undefined).toBe(noted);
	});
});
