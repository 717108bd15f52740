import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../../setup/build-cli';

/** The CLI as a user runs it: the built file, real processes, exit codes and streams. */
const cli = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8' });

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'chainstep-cli-'));
});

describe('chainstep starts like node (issue 16)', () => {
	it('trace loads only the bundle\'s own chunks: no ELK, KaTeX or Chromium driver, no source module', () => {
		const log = join(dir, 'loaded.txt');
		// A module hook (Node's off-thread loader) writes every module Node loads to a file.
		const hook = `import { appendFileSync } from 'node:fs'; export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }`;
		const register = `import { register } from 'node:module'; register(${JSON.stringify('data:text/javascript,' + encodeURIComponent(hook))});`;
		const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, CLI, 'trace', '-'], { input: 'x = 2\nf = x * x\n', encoding: 'utf8' });
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain('df/dx = 4');
		const own = pathToFileURL(dirname(CLI)).href + '/';
		const files = readFileSync(log, 'utf8').trim().split('\n').filter((u) => u.startsWith('file:'));
		expect(files.filter((u) => !u.startsWith(own)), 'modules loaded from outside the bundle').toEqual([]);
		expect(files.length, files.join('\n')).toBeLessThanOrEqual(8);
	});
});

describe('chainstep trace', () => {
	it('reads a file and prints the trace as text, with every gradient', () => {
		const f = join(dir, 'fan.txt');
		writeFileSync(f, 'a = 2\nb = 1\nc = a + b\nd = b + 1\ne = c * d\n');
		const r = cli(['trace', f]);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('Forward pass');
		expect(r.stdout).toContain('Backward pass');
		expect(r.stdout).toMatch(/b is used 2 times/);
		expect(r.stdout).toContain('de/db = 5');
	});

	it('writes non-finite values as strings in JSON', () => {
		const r = cli(['trace', '-', '--format', 'json'], 'x = 0\ny = log(x)\nf = y * 1\n');
		expect(r.status).toBe(0);
		const j = JSON.parse(r.stdout);
		expect(j.values.y).toBe('-Infinity');
		expect(j.output).toBe('f');
		expect(j.steps[0]).toMatchObject({ k: 1, kind: 'forward', node: 'y', line: 2, col: 5 });
		expect(j.steps.every((s: { latex: string[] }) => s.latex.length > 0)).toBe(true);
	});

	it('keeps shapes in JSON: vectors and matrices as nested arrays', () => {
		const r = cli(['trace', '-', '--format', 'json'], 'W = [[1, 2], [3, 4]]\nx = [1, -1]\nq = W @ x\nf = ||q||^2\n');
		const j = JSON.parse(r.stdout);
		expect(j.values.q).toEqual([-1, -1]);
		expect(j.grads.W).toEqual([
			[-2, 2],
			[-2, 2]
		]);
		// The text keeps the rows too.
		const text = cli(['trace', '-'], 'W = [[1, 2], [3, 4]]\nx = [1, -1]\nq = W @ x\nf = ||q||^2\n').stdout;
		expect(text).toContain('df/dW = [[-2, 2], [-2, 2]]');
		expect(text).toContain('df/dx = [-8, -12]');
	});

	it('a program error exits 1 with line:col messages on stderr and no stack trace', () => {
		const r = cli(['trace', '-'], 'x = 1\ny = 2\nf = x + zz\n');
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('stdin:3:9 Unknown name zz.');
		expect(r.stderr).not.toMatch(/\n\s+at /);
		expect(r.stdout).toBe('');
	});

	it('--granularity group steps one assignment at a time, in text and JSON', () => {
		const prog = 'W = [[1, 2], [3, 4]]\nx = [1, -1]\nq = W @ x\nf = ||q||^2\n';
		const scalar = cli(['trace', '-'], prog).stdout;
		const text = cli(['trace', '-', '--granularity', 'group'], prog);
		expect(text.status, text.stderr).toBe(0);
		// Forward: q and f; backward: f, q, x, W.
		expect(text.stdout).toMatch(/^ {2}1\/6 .*→ q = \[-1, -1\]$/m);
		expect(text.stdout).toMatch(/^ {2}6\/6 .*→ ∂f\/∂W = \[\[-2, 2\], \[-2, 2\]\]$/m);
		expect(scalar).toMatch(/\/12 /);
		expect(cli(['trace', '-', '--granularity', 'scalar'], prog).stdout).toBe(scalar);
		const j = JSON.parse(cli(['trace', '-', '--format', 'json', '--granularity', 'group'], prog).stdout);
		expect(j.granularity).toBe('group');
		expect(j.steps.map((s: { kind: string; node: string }) => `${s.kind} ${s.node}`)).toEqual(['forward q', 'forward f', 'backward f', 'backward q', 'backward x', 'backward W']);
		expect(j.steps[5].grad).toEqual([
			[-2, 2],
			[-2, 2]
		]);
		expect(j.grads.W).toEqual(JSON.parse(cli(['trace', '-', '--format', 'json'], prog).stdout).grads.W);
	});

	it('a bad --granularity exits 2 and names the valid values', () => {
		const r = cli(['trace', '-', '--granularity', 'layer'], 'x = 1\nf = x * 2\n');
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/--granularity must be scalar .* or group .*, not layer/);
	});

	const usage: [string, string[]][] = [
		['no command', []],
		['unknown command', ['frobnicate']],
		['no file', ['trace']],
		['bad format', ['trace', '-', '--format', 'xml']],
		['unknown option', ['trace', '-', '--colour']],
		['missing file', ['trace', join('/nonexistent', 'p.txt')]],
		['bad precision', ['trace', '-', '--precision', '0']]
	];
	it.each(usage)('a usage error (%s) exits 2: the usage with no command, else one line pointing to it', (_what, args) => {
		const r = cli(args, 'x = 1\n');
		expect(r.status).toBe(2);
		if (args.length === 0) expect(r.stderr).toContain('usage:');
		else expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('(chainstep --help shows the usage)')]);
	});
});
