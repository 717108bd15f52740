/**
 * The CLI as a user starts it (issue 16): start-up against bare node, and a 1,000-node PDF
 * handout, each a fresh process as `npx chainstep …` is. Wall-clock medians; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CHROMIUM } from '../src/cli/pdf.ts';
import { mlpProgram } from './mlp.ts';
import { median } from './stats.ts';

/** The bundled bin (dist-cli/cli), as `npx chainstep` runs it; this file is dist-cli/bench/cli.js. */
const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'chainstep.js');

function wallMs(args: readonly string[], runs: number): number {
	const times: number[] = [];
	for (let k = 0; k < runs; k++) {
		const t0 = performance.now();
		const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
		times.push(performance.now() - t0);
		if (r.status !== 0) throw new Error(`bench: node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
	}
	return median(times);
}

export function measureCli(): void {
	const dir = mkdtempSync(join(tmpdir(), 'chainstep-bench-'));
	try {
		measureIn(dir);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

function measureIn(dir: string): void {
	const small = join(dir, 'add-mul.txt');
	writeFileSync(small, 'x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n');
	const bare = wallMs(['-e', ''], 7);
	const trace = wallMs([MAIN, 'trace', small], 7);
	const help = wallMs([MAIN, '--help'], 7);
	console.log(`bench cli start bare_node_ms=${bare.toFixed(0)} trace_small_ms=${trace.toFixed(0)} (${(trace / bare).toFixed(2)}x) help_ms=${help.toFixed(0)}`);
	if (!existsSync(CHROMIUM)) return console.log(`bench pdf skipped: no Chromium at ${CHROMIUM}`);
	// 993 scalar nodes: a 16-20-20-4 ReLU net and its squared loss.
	const net = join(dir, 'mlp-16-20-20-4.txt');
	writeFileSync(net, mlpProgram([16, 20, 20, 4]));
	const pdf = wallMs([MAIN, 'export', net, '--format', 'pdf', '-o', join(dir, 'mlp.pdf')], 3);
	const md = wallMs([MAIN, 'export', net, '--format', 'md', '-o', join(dir, 'mlp.md')], 3);
	console.log(`bench pdf mlp=16-20-20-4 nodes=993 pdf_wall_ms=${pdf.toFixed(0)} md_wall_ms=${md.toFixed(0)}`);
}
