import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkJson } from '../../../src/cli/check';
import { run } from '../../../src/lib/core/program';
import { flatten, loadGoldens } from '../../helpers/golden';
import { CLI } from '../../setup/build-cli';

/** The CLI as a user runs it (the built file), as cli.test.ts does. */
const cli = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8' });
const json = (args: string[], input: string) => {
	const r = cli(['trace', '-', '--format', 'json', ...args], input);
	expect(r.status, r.stderr).toBe(0);
	return JSON.parse(r.stdout);
};

interface Check {
	numeric: number | string;
	backprop: number | string;
	relative_error: number | string;
}

const PROGRAM = 'x = 3\ny = -2\nf = x*x*y + sin(y)\n';
/** f of the program with its leaves set: the output's value printed by a fresh run, not by the check. */
const fAt = (x: number, y: number) => json([], `x = ${x}\ny = ${y}\nf = x*x*y + sin(y)\n`).values.f as number;

describe('chainstep trace --check', () => {
	it('adds "check" keyed by leaf: a central difference that matches one worked from fresh runs, and backprop', () => {
		const h = 1e-4;
		const j = json(['--check', '--h', String(h)], PROGRAM);
		expect(Object.keys(j.check)).toEqual(['x', 'y']);
		const c = j.check as Record<string, Check>;
		// The oracle: the program rerun with x, then y, moved by ±h (independent of nudge.ts).
		const dx = (fAt(3 + h, -2) - fAt(3 - h, -2)) / (2 * h);
		const dy = (fAt(3, -2 + h) - fAt(3, -2 - h)) / (2 * h);
		expect(c.x.numeric as number).toBeCloseTo(dx, 8);
		expect(c.y.numeric as number).toBeCloseTo(dy, 8);
		// By hand: ∂f/∂x = 2xy = −12, ∂f/∂y = x² + cos y.
		expect(c.x.backprop).toBe(j.grads.x);
		expect(c.x.backprop as number).toBeCloseTo(-12, 12);
		expect(c.y.backprop as number).toBeCloseTo(9 + Math.cos(-2), 12);
		for (const k of ['x', 'y']) {
			const { numeric: n, backprop: b, relative_error: e } = c[k] as { numeric: number; backprop: number; relative_error: number };
			expect(e).toBeCloseTo(Math.abs(n - b) / Math.max(Math.abs(n), Math.abs(b)), 15);
			expect(e).toBeLessThan(1e-7);
		}
		// The steps and values are the trace's as without --check.
		const plain = json([], PROGRAM);
		expect({ ...j, check: undefined }).toEqual({ ...plain, check: undefined });
	});

	it('h moves the numbers: a larger h has a larger error (truncation grows as h²)', () => {
		const small = json(['--check', '--h', '1e-5'], PROGRAM).check.y as Check;
		const large = json(['--check', '--h', '0.1'], PROGRAM).check.y as Check;
		expect(large.numeric).not.toBe(small.numeric);
		expect(large.relative_error as number).toBeGreaterThan(100 * (small.relative_error as number));
	});

	it('labels matrix and vector leaves as the trace does, with --granularity group too', () => {
		const prog = 'W1 = [[0.1, -0.2], [0.3, 0.4]]\nx = [1, 2]\nh = sigmoid(W1 @ x)\nf = sum(h)\n';
		const j = json(['--check', '--granularity', 'group'], prog);
		expect(j.granularity).toBe('group');
		expect(Object.keys(j.check)).toEqual(['W1[0,0]', 'W1[0,1]', 'W1[1,0]', 'W1[1,1]', 'x[0]', 'x[1]']);
		expect(Object.values(j.check as Record<string, Check>).map((c) => c.backprop)).toEqual(flatten([j.grads.W1, j.grads.x]));
	});

	it('agrees with every shared golden: backprop is its gradient, numeric within 1e-6', () => {
		const goldens = loadGoldens();
		if (goldens.length === 0) return;
		for (const g of goldens) {
			const j = json(['--check'], g.program);
			const r = run(g.program);
			if (!r.ok) throw new Error(g.id);
			const leaves = r.trace.graph.groups.filter((grp) => grp.isLeaf);
			const want = leaves.flatMap((grp) => flatten(g.grads[grp.name]));
			const got = Object.values(j.check as Record<string, Check>);
			expect(got.length, g.id).toBe(want.length);
			got.forEach((c, i) => {
				expect(Math.abs((c.backprop as number) - want[i]), `${g.id} backprop ${i}`).toBeLessThanOrEqual(g.tolerance * Math.max(1, Math.abs(want[i])));
				expect(Math.abs((c.numeric as number) - want[i]), `${g.id} numeric ${i}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want[i])));
			});
			// The built CLI and the source agree: no stale dist-cli is being tested.
			expect(j.check, g.id).toEqual(JSON.parse(JSON.stringify(checkJson(r.trace, 1e-6))));
		}
	});

	it('the text gains a Check section: one line per leaf and the worst relative error', () => {
		const r = cli(['trace', '-', '--check'], PROGRAM);
		expect(r.status, r.stderr).toBe(0);
		const section = r.stdout.slice(r.stdout.indexOf('\nCheck'));
		expect(section).toMatch(/^Check: the numerical derivative \(f\(v\+h\) − f\(v−h\)\) \/ 2h of each input, h = 1e-6, beside backprop$/m);
		expect(section).toMatch(/^ {2}x {2}numeric -12 +backprop -12 +relative error \S+$/m);
		expect(section).toMatch(/^ {2}y {2}numeric 8\.584 +backprop 8\.584 +relative error /m);
		expect(section).toMatch(/^ {2}worst relative error \S+ \((x|y)\)$/m);
		// Without --check nothing changes.
		expect(cli(['trace', '-'], PROGRAM).stdout).not.toContain('Check');
	});

	it('writes a value that is not finite as JSON does ("NaN"), and says why in the text', () => {
		// f = sqrt(x) at 0: backprop's ∞ beside a numeric NaN (√(−h) is NaN).
		const j = json(['--check'], 'x = 0\nf = sqrt(x)\n');
		expect(j.check.x).toEqual({ numeric: 'NaN', backprop: 'Infinity', relative_error: 'NaN' });
		const text = cli(['trace', '-', '--check'], 'x = 1e300\nf = x * 2\n').stdout;
		expect(text).toMatch(/x {2}numeric NaN +backprop 2 +relative error NaN \(h is lost next to 1e300/);
	});

	it('a bad --h exits 2 naming the value and how to fix it; --h without --check too', () => {
		for (const [h, says] of [
			['0', /--h 0: .*greater than 0/],
			['-1e-6', /--h -1e-6: .*greater than 0/],
			['abc', /--h abc: h must be a number/],
			['NaN', /--h NaN: h must be a number/],
			['Infinity', /--h Infinity: .*not finite/]
		] as const) {
			const r = cli(['trace', '-', '--check', '--h', h], PROGRAM);
			expect(r.status, h).toBe(2);
			expect(r.stderr, h).toMatch(says);
			expect(r.stdout).toBe('');
		}
		const r = cli(['trace', '-', '--h', '1e-3'], PROGRAM);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/add --check/);
	});
});
