import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { titleFrom } from '../../../src/cli/export-command';
import { CHROMIUM } from '../../../src/cli/pdf';
import { NET_222, rows } from './fixtures';
import { CLI } from '../../setup/build-cli';

/** `chainstep export` as a user runs it: the built CLI (npm run build:cli), real processes, exit codes. */
// A handout with KaTeX's HTML and inlined fonts is over spawnSync's default 1 MB buffer.
const cli = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
const FAN = 'a = 2\nb = 1\nc = a + b\nd = b + 1\ne = c * d\n';

let dir: string;
beforeAll(() => {
	expect(existsSync(CLI), 'build the CLI first: npm run build:cli').toBe(true);
	dir = mkdtempSync(join(tmpdir(), 'chainstep-export-'));
});

describe('chainstep export', () => {
	// Every example in every format goes through the library in the other handout tests; here each
	// example goes through the CLI once, as HTML (the format that uses every part), to keep this fast.
	it.each(rows())('%s: html from standard input', (_id, c) => {
		const r = cli(['export', '-', '--format', 'html'], c.example.program);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('</html>');
		expect(r.stdout).toContain('<svg');
	});

	it.each([
		['md', '## Backward pass'],
		['tex', '\\end{document}'],
		['svg', '</svg>']
	])('writes %s to standard output', (format, mark) => {
		const r = cli(['export', '-', '--format', format], FAN);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain(mark);
	});

	it('writes the graph beside a Markdown file and refers to it', () => {
		const out = join(dir, 'side.md');
		const r = cli(['export', '-', '--format', 'md', '-o', out], FAN);
		expect(r.status, r.stderr).toBe(0);
		expect(readFileSync(out, 'utf8')).toContain('](<side-graph.svg>)');
		expect(readFileSync(join(dir, 'side-graph.svg'), 'utf8')).toMatch(/^<svg/);
	});

	it('writes -o, honours --precision, --title and --worksheet STEPS', () => {
		const f = join(dir, 'fan.txt');
		writeFileSync(f, '# my fan-out\n' + FAN.replace('a = 2', 'a = 2.123456'));
		const out = join(dir, 'fan.md');
		const r = cli(['export', f, '--format', 'md', '-o', out, '--precision', '2', '--worksheet', '1,7']);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toBe('');
		const md = readFileSync(out, 'utf8');
		expect(md.startsWith('# my fan\\-out') || md.startsWith('# my fan-out')).toBe(true);
		expect(md).toContain('$3.1$');
		expect(md).toContain('## Answer key');
		expect((md.match(/\\boxed/g) ?? []).length).toBeGreaterThanOrEqual(4);
	});

	it('takes --worksheet without a value as all-gradients, and does not swallow the FILE', () => {
		const f = join(dir, 'fan2.txt');
		writeFileSync(f, FAN);
		const r = cli(['export', '--worksheet', f, '--format', 'md']);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain('## Answer key');
	});

	it.each([
		[['export', '-', '--format', 'doc'], /--format must be one of/],
		[['export', '-'], /needs --format/],
		[['export', '-', '--format', 'pdf'], /give a file with -o/],
		[['export', '-', '--format', 'md', '--precision', '0'], /--precision/],
		[['export', '-', '--format', 'md', '--worksheet', '99'], /no step 99/],
		[['export', '-', '--format', 'md', '--step', '99'], /--step/],
		[['export', '-', '--format', 'md', '--paper', 'a3'], /--paper/],
		[['export', 'a', 'b', '--format', 'md'], /one FILE, but got a, b\./],
		[['export', '--worksheet', 'abc', 'prog.txt', '--format', 'md'], /--worksheet takes all-gradients or steps/],
		[['export', '-', '--format', 'md', '-o', '/nonexistent-chainstep-dir/x.md'], /folder \/nonexistent-chainstep-dir for -o does not exist/],
		[['export', '-', '--format', 'md', '--rows', 'group'], /--rows must be scalar .* or assignment .*, not group/],
		[['export', '-', '--format', 'md', '--granularity', 'assignment'], /--granularity must be scalar .* or group .*, not assignment/],
		[['export', '-', '--format', 'md', '--rows', 'scalar', '--granularity', 'group'], /disagree/]
	] as [string[], RegExp][])('usage error %j exits 2', (args, msg) => {
		const r = cli(args, FAN);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(msg);
	});

	it('reports program errors with line:col and exits 1', () => {
		const r = cli(['export', '-', '--format', 'md'], 'x = 1\ny = x +\n');
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(/^stdin:2:\d+ /m);
		expect(r.stdout).toBe('');
	});

	it('exports the graph at a chosen step as SVG, highlighted; without --step, static', () => {
		const r = cli(['export', '-', '--format', 'svg', '--step', '3'], FAN);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/^<svg[\s\S]*<\/svg>/);
		expect(r.stdout).toMatch(/class="cs-node cs-current"/);
		const whole = cli(['export', '-', '--format', 'svg'], FAN);
		expect(whole.status, whole.stderr).toBe(0);
		expect(whole.stdout).not.toMatch(/cs-current|cs-read/);
		// With --granularity group, --step counts assignments: 3 forward and 5 backward.
		expect(cli(['export', '-', '--format', 'svg', '--granularity', 'group', '--step', '9'], FAN).status).toBe(2);
		expect(cli(['export', '-', '--format', 'svg', '--granularity', 'group', '--step', '8'], FAN).status).toBe(0);
	});

	it('--rows chooses the row style; --granularity is the same choice', () => {
		const scalar = cli(['export', '-', '--format', 'md', '--rows', 'scalar'], NET_222);
		expect(scalar.status, scalar.stderr).toBe(0);
		expect(scalar.stdout).toContain('one row per scalar node');
		expect(scalar.stdout).toMatch(/^\| 68 \|/m);
		const byAssignment = cli(['export', '-', '--format', 'md', '--rows', 'assignment'], NET_222);
		expect(byAssignment.stdout).toContain('### Step 24: i1');
		expect(byAssignment.stdout).toContain('Inside the line of o1');
		// The default for a trace over 60 steps is by assignment.
		expect(cli(['export', '-', '--format', 'md'], NET_222).stdout).toBe(byAssignment.stdout);
		expect(cli(['export', '-', '--format', 'md', '--granularity', 'group'], NET_222).stdout).toBe(byAssignment.stdout);
		expect(cli(['export', '-', '--format', 'md', '--granularity', 'scalar'], NET_222).stdout).toBe(scalar.stdout);
		// A worksheet's steps count in the rows chosen.
		expect(cli(['export', '-', '--format', 'md', '--rows', 'scalar', '--worksheet', '68'], NET_222).status).toBe(0);
		expect(cli(['export', '-', '--format', 'md', '--rows', 'assignment', '--worksheet', '68'], NET_222).stderr).toMatch(/no step 68; this program has steps 1 to 24 \(one per assignment\)/);
	});

	it('one step numbering: --worksheet counts as the trace and --step do, also when the handout groups by itself', () => {
		// NET_222 has 68 scalar steps (trace numbering) and prints 24 assignment rows by default.
		const trace = cli(['trace', '-'], NET_222);
		expect(trace.status, trace.stderr).toBe(0);
		const r = cli(['export', '-', '--format', 'md', '--worksheet', '40'], NET_222);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain('## Answer key');
		expect(cli(['export', '-', '--format', 'md', '--worksheet', '69'], NET_222).stderr).toMatch(/no step 69; this program has steps 1 to 68/);
		expect(cli(['export', '-', '--format', 'svg', '--step', '68'], NET_222).status).toBe(0);
	});

	it('writes each piece of a graph too wide to print whole beside the Markdown file', () => {
		const out = join(dir, 'net.md');
		const r = cli(['export', '-', '--format', 'md', '-o', out], NET_222);
		expect(r.status, r.stderr).toBe(0);
		const md = readFileSync(out, 'utf8');
		const pieces = [...md.matchAll(/\]\(<(net-graph-\d+\.svg)>\)/g)].map((m) => m[1]);
		expect(pieces.length).toBeGreaterThan(1);
		for (const p of pieces) expect(readFileSync(join(dir, p), 'utf8')).toMatch(/^<svg[^>]*viewBox=/);
		expect(md).toMatch(/printed in \d+ pieces/);
	});

	it.skipIf(!existsSync(CHROMIUM))('prints a PDF with -o', () => {
		const out = join(dir, 'fan.pdf');
		const r = cli(['export', '-', '--format', 'pdf', '-o', out], FAN);
		expect(r.status, r.stderr).toBe(0);
		expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
		const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
		expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(3);
	});

	it.each([
		['# f = (x + y) z\nx = 1\n', 'f = (x + y) z'],
		['x = 1 # not a title\n', undefined],
		['#\nx = 1\n', undefined]
	])('titles a handout by its first comment: %j', (src, want) => {
		expect(titleFrom(src)).toBe(want);
	});
});
