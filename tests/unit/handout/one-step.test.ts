import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../../src/cli/pdf';
import { CLI } from '../../setup/build-cli';

/** `--step K` in every format and `--format pdf --slides`, through the built CLI (npm run build:cli). */
const cli = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
// f = (x + y) z at x=-2, y=5, z=-4: by hand q = 3, f = -12; 7 steps (forward q, f; backward f, q, z, x, y).
const ADD_MUL = '# f = (x + y) z\nx = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n';

let dir: string;
beforeAll(() => {
	expect(existsSync(CLI), 'build the CLI first: npm run build:cli').toBe(true);
	dir = mkdtempSync(join(tmpdir(), 'chainstep-step-'));
});

describe('export --step K writes that step alone', () => {
	it('tex: one step, not the whole document', () => {
		const r = cli(['export', '-', '--format', 'tex', '--step', '2'], ADD_MUL);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain('% chainstep: step 2 of 7');
		expect(r.stdout).not.toContain('\\documentclass');
		// Step 2 computes f = q z = 3 · (-4) = -12.
		expect(r.stdout).toMatch(/-12/);
		expect(r.stdout).toContain('\\begin{align*}');
	});

	it('md: the first step is q = x + y = 3', () => {
		const r = cli(['export', '-', '--format', 'md', '--step', '1'], ADD_MUL);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain('step 1 of 7');
		expect(r.stdout).toMatch(/q = x \+ y = .*= 3\b/);
		expect(r.stdout).not.toContain('## Backward pass');
	});

	it('a step past the end is refused', () => {
		const r = cli(['export', '-', '--format', 'tex', '--step', '8'], ADD_MUL);
		expect(r.status).not.toBe(0);
	});

	it('--slides needs pdf or html', () => {
		const r = cli(['export', '-', '--format', 'md', '--slides'], ADD_MUL);
		expect(r.status).not.toBe(0);
		expect(r.stderr).toMatch(/--slides/);
	});

	it('html --slides: one 16:9 page per step', () => {
		const r = cli(['export', '-', '--format', 'html', '--slides'], ADD_MUL);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout.match(/<section class="slide/g)).toHaveLength(7);
		expect(r.stdout).toContain('step 7 / 7');
	});
});

describe.skipIf(!existsSync(CHROMIUM))('export --format pdf --slides', () => {
	it('one 16:9 page per step, and a title page when asked', () => {
		const out = join(dir, 'slides.pdf');
		const r = cli(['export', '-', '--format', 'pdf', '--slides', '--title-page', '-o', out], ADD_MUL);
		expect(r.status, r.stderr).toBe(0);
		const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
		expect(info).toMatch(/Pages:\s+8\b/);
		// 13.333 in × 7.5 in is 960 × 540 pt: 16:9.
		expect(info).toMatch(/Page size:\s+960 x 540 pts/);
	}, 60_000);
});
