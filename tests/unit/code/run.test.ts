import { beforeAll, describe, expect, test } from 'vitest';
import { pythonScript, type CodeTarget } from '../../../src/lib/core/code/export.ts';
import { pyFloat } from '../../../src/lib/core/code/python.ts';
import { run } from '../../../src/lib/core/program.ts';
import { traceJson, type Nested } from '../../../src/lib/core/trace/json.ts';
import { codeCases, type CodeCase } from './programs.ts';
import { pythonHas, runScripts, type ScriptResult } from './python.ts';

/**
 * The generated scripts, run by /usr/bin/python3 (torch and numpy from Debian), print the values
 * and gradients our trace JSON holds: to 1e-9, relative and absolute near 0 as the golden examples
 * ask, and the same strings for NaN and ±∞. PyTorch's autograd is an independent oracle; the NumPy
 * script computes its gradients by the staged rules it prints.
 */
const TOL = 1e-9;
const TARGETS: readonly CodeTarget[] = ['pytorch', 'numpy'];
const available = pythonHas('torch, numpy');
const cases = codeCases();

const results = new Map<string, ScriptResult>();
const worst = { abs: 0, rel: 0, where: '' };
const key = (c: CodeCase, t: CodeTarget) => `${t}: ${c.label}`;

/** Literals that must read back bit for bit in Python. */
const FLOATS = [0.1, 1 / 3, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -0, 1e21, 1e-7, 123456789012345680000, 2 ** 53 + 2, -2.5e-12, 0.30000000000000004];

beforeAll(() => {
	if (!available) return;
	const scripts: string[] = [];
	const keys: string[] = [];
	for (const c of cases)
		for (const t of TARGETS) {
			const r = pythonScript(c.program, t);
			if (!r.ok) throw new Error(`${c.label}: ${r.errors.map((e) => e.message).join('; ')}`);
			scripts.push(r.code);
			keys.push(key(c, t));
		}
	scripts.push(`import json\nprint(json.dumps([${FLOATS.map(pyFloat).join(', ')}]))\n`);
	keys.push('floats');
	const t0 = performance.now();
	const out = runScripts(scripts);
	console.log(`[chainstep] ${scripts.length} generated scripts ran in one Python process in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	out.forEach((r, k) => results.set(keys[k], r));
}, 120_000);

function compare(label: string, actual: unknown, expected: Nested, path: string): string[] {
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual) || actual.length !== expected.length) return [`${path}: ${JSON.stringify(actual)} has not the shape of ${JSON.stringify(expected)}`];
		return expected.flatMap((e, i) => compare(label, actual[i], e, `${path}[${i}]`));
	}
	if (typeof expected === 'string' || typeof actual === 'string') return actual === expected ? [] : [`${path}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`];
	if (typeof actual !== 'number') return [`${path}: ${JSON.stringify(actual)} is no number`];
	const abs = Math.abs(actual - expected);
	const rel = abs / Math.max(1, Math.abs(expected));
	if (abs > worst.abs) worst.abs = abs;
	if (rel > worst.rel) Object.assign(worst, { rel, where: `${label} ${path}` });
	return rel <= TOL ? [] : [`${path}: ${actual}, expected ${expected} (difference ${abs})`];
}

describe.skipIf(!available)('generated Python reproduces the trace', () => {
	for (const c of cases)
		for (const t of TARGETS)
			test(key(c, t), () => {
				const r = results.get(key(c, t))!;
				expect(r.error, r.error).toBeUndefined();
				const printed = JSON.parse(r.stdout) as { values: Record<string, Nested>; grads: Record<string, Nested> };
				const res = run(c.program);
				if (!res.ok) throw new Error('the program does not run');
				const ours = traceJson(res.trace);
				expect(Object.keys(printed)).toEqual(['values', 'grads']);
				expect(Object.keys(printed.values)).toEqual(Object.keys(ours.values));
				expect(Object.keys(printed.grads)).toEqual(Object.keys(ours.grads));
				const bad: string[] = [];
				for (const name of Object.keys(ours.values)) {
					bad.push(...compare(key(c, t), printed.values[name], ours.values[name], `values.${name}`));
					bad.push(...compare(key(c, t), printed.grads[name], ours.grads[name], `grads.${name}`));
				}
				// The golden files are an oracle of their own (computed outside this project).
				if (c.golden)
					for (const [field, want] of [['values', c.golden.values], ['grads', c.golden.grads]] as const)
						for (const [name, v] of Object.entries(want)) {
							const got = printed[field][name];
							const flat = (x: unknown): unknown[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);
							flat(v).forEach((e, i) => {
								const a = flat(got)[i] as number;
								if (!(Math.abs(a - (e as number)) <= c.golden!.tolerance * Math.max(1, Math.abs(e as number)))) bad.push(`golden ${field}.${name}[${i}]: ${a}, expected ${e}`);
							});
						}
				expect(bad).toEqual([]);
			});

	test('number literals read back bit for bit', () => {
		const r = results.get('floats')!;
		expect(r.error).toBeUndefined();
		const back = JSON.parse(r.stdout) as number[];
		back.forEach((x, i) => expect(Object.is(x, FLOATS[i]) || (x === 0 && FLOATS[i] === 0 && Object.is(-0, FLOATS[i])), `${FLOATS[i]}`).toBe(true));
	});

	test('the hostile program printed only the JSON, and its comments stayed comments', () => {
		for (const t of TARGETS) {
			const r = results.get(`${t}: hostile names and comments`)!;
			expect(r.stdout.trim().split('\n')).toHaveLength(1);
			expect(r.stdout).not.toContain('pwned');
		}
	});

	test('agreement over every script', () => {
		console.log(`[chainstep] generated code vs trace: max abs difference ${worst.abs.toExponential(2)}, max relative ${worst.rel.toExponential(2)} (${worst.where})`);
		expect(worst.rel).toBeLessThanOrEqual(TOL);
	});
});
