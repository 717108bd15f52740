import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../../setup/build-cli';

/** `chainstep train` as a user runs it: the built file, real processes, exit codes and streams. */
const cli = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8' });

const NET = `x = [0.5, -1]
W = [[0.1, -0.2], [0.3, 0.4]]
b = [0, 0.1]
w = [0.5, -0.5]
y = 1
L = (w^T sigmoid(W @ x + b) - y)^2
`;
let file: string;
beforeAll(() => {
	const dir = mkdtempSync(join(tmpdir(), 'chainstep-train-'));
	file = join(dir, 'net.txt');
	writeFileSync(file, NET);
});

describe('chainstep train', () => {
	it('--format json prints exactly losses, params and program; the program reruns to the last loss', () => {
		const r = cli(['train', file, '--lr', '0.5', '--steps', '40', '--format', 'json']);
		expect(r.status).toBe(0);
		expect(r.stderr).toBe('');
		const j = JSON.parse(r.stdout);
		expect(Object.keys(j)).toEqual(['losses', 'params', 'program']);
		expect(j.losses.length).toBe(41);
		expect(Object.keys(j.params)).toEqual(['W', 'b', 'w']);
		expect(j.params.W).toHaveLength(2);
		expect(j.params.W[0]).toHaveLength(2);
		expect(j.losses[40]).toBeLessThan(j.losses[0]);
		const start = JSON.parse(cli(['trace', file, '--format', 'json']).stdout);
		expect(j.losses[0]).toBe(start.values.L);
		const after = JSON.parse(cli(['trace', '-', '--format', 'json'], j.program).stdout);
		expect(after.values.L).toBe(j.losses[40]);
		expect(after.values.W).toEqual(j.params.W);
		expect(after.values.x).toEqual(start.values.x);
	});

	it('reads standard input, and --params picks the leaves (in the order asked)', () => {
		const r = cli(['train', '-', '--lr', '0.1', '--steps', '3', '--params', 'b,w', '--format', 'json'], NET);
		expect(r.status).toBe(0);
		const j = JSON.parse(r.stdout);
		expect(Object.keys(j.params)).toEqual(['b', 'w']);
		expect(j.program).toContain('W = [[0.1, -0.2], [0.3, 0.4]]');
	});

	it('the text summary: the loss at 0, 1, 10, 100 and the end, the final parameters, the updated program', () => {
		const r = cli(['train', file, '--lr', '0.5', '--steps', '250', '--momentum', '0.5']);
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/^Gradient descent on L: η = 0\.5, momentum μ = 0\.5, 250 steps, training W, b, w\n/);
		for (const s of ['  0', '  1', ' 10', '100', '250']) expect(r.stdout).toContain(`step ${s}  L = `);
		expect(r.stdout).toContain('Final parameters\n  W = [[');
		expect(r.stdout).toMatch(/Updated program \(exact values\)\n {2}x = \[0\.5, -1\]\n {2}W = \[\[-?\d/);
	});

	it('--format csv is the history, one row per point, labelled as the trace labels elements', () => {
		const r = cli(['train', file, '--lr', '0.5', '--steps', '5', '--params', 'w', '--format', 'csv']);
		expect(r.status).toBe(0);
		const rows = r.stdout.trimEnd().split('\n');
		expect(rows[0]).toBe('step,loss,w[0],w[1],|dL/dx|,|dL/dW|,|dL/db|,|dL/dw|,|dL/dy|,|dL/dL|');
		expect(rows.length).toBe(7);
		expect(rows[1].split(',').slice(0, 4)).toEqual(['0', String(JSON.parse(cli(['trace', file, '--format', 'json']).stdout).values.L), '0.5', '-0.5']);
	});

	it('a refused step: the run so far, "stopped" in the JSON naming the leaf, one line on stderr, exit 0', () => {
		const r = cli(['train', '-', '--lr', '1e300', '--steps', '10', '--format', 'json'], 'w = 3\nL = w^2\n');
		expect(r.status).toBe(0);
		const j = JSON.parse(r.stdout);
		// After step 1, w = 3 − 1e300·6 is finite but its square is not: JSON writes that loss as a string.
		expect(j.losses).toEqual([9, 'Infinity']);
		expect(j.stopped).toMatchObject({ step: 2, leaf: 'w', value: 'Infinity' });
		expect(j.stopped.message).toContain('smaller η');
		expect(r.stderr).toBe(`chainstep: ${j.stopped.message}\n`);
		expect(j.program).toBe(`w = ${String(3 - 6e300).replace('e+', 'e')}\nL = w^2\n`);
	});

	it.each([
		[['--lr', '0.1', '--steps', '3', '--params', 'w,zz'], /--params: zz is not a leaf of the program; the leaves are x, W, b, w, y/],
		[['--lr', '0.1', '--steps', '3', '--params', 'L'], /L is not a leaf/],
		[['--lr', 'fast', '--steps', '3'], /--lr must be a number.*not fast/],
		[['--lr', '0.1', '--steps', '2.5'], /--steps must be a whole number/],
		[['--lr', '0.1', '--steps', '-1'], /--steps must be a whole number/],
		[['--steps', '3'], /train needs --lr/],
		[['--lr', '0.1'], /train needs --steps/],
		[['--lr', '0.1', '--steps', '3', '--momentum', '-0.5'], /--momentum must be 0 or more/],
		[['--lr', '0.1', '--steps', '3', '--format', 'xml'], /--format must be text, json or csv/],
		[['--lr', '0.1', '--steps', '100000000'], /node-steps; a run does at most 20,000,000: use --steps [\d,]+ or fewer/]
	])('usage error %j exits 2 with one line saying what to fix', (args, message) => {
		const r = cli(['train', file, ...args]);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(message);
		expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(r.stdout).toBe('');
	});

	it('a program error exits 1 with line:col', () => {
		const r = cli(['train', '-', '--lr', '0.1', '--steps', '3'], 'w = 1\nL = w + zz\n');
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('stdin:2:9 Unknown name zz.');
	});

	it('chainstep --help lists train', () => {
		const r = cli(['--help']);
		expect(r.stdout).toContain('chainstep train FILE --lr η --steps N [--params a,b,…] [--momentum μ] [--format text|json|csv]');
	});
});
