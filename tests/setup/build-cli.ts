/**
 * Vitest globalSetup: the CLI tests spawn the bundled CLI, dist-cli/cli/chainstep.js (Node 20
 * cannot run the .ts source), so rebuild it first whenever any file it is compiled from is newer than the build.
 * Without this `npx vitest` after an edit tests yesterday's CLI. A fresh build is a stat of ~400
 * files (a few ms); a stale one costs what `npm run build:cli` does, tsc and the bundle (~8 s on
 * two cores).
 *
 * Several vitest runs may share the checkout, so both write into a private folder and each file is
 * then renamed into dist-cli (a rename is atomic): a CLI spawned meanwhile never reads a half-written
 * module.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const OUT = join(ROOT, 'dist-cli');
/** The package's bin: what every CLI test runs. */
export const CLI = join(OUT, 'cli/chainstep.js');
const STAMP = CLI;
/** What src/cli/tsconfig.json and src/cli/vite.config.ts build from (src/cli and what it imports from src/lib, bench/engine.ts) and how. */
const INPUTS = ['src/cli', 'src/lib', 'bench', 'package.json'];

function newest(p: string): number {
	const s = statSync(p);
	if (!s.isDirectory()) return s.mtimeMs;
	return readdirSync(p).reduce((m, f) => Math.max(m, newest(join(p, f))), s.mtimeMs);
}

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory() ? files(p) : [p];
	});
}

export function cliIsStale(): boolean {
	if (!existsSync(STAMP)) return true;
	const built = statSync(STAMP).mtimeMs;
	return INPUTS.some((p) => existsSync(join(ROOT, p)) && newest(join(ROOT, p)) > built);
}

export default function setup(): void {
	if (!cliIsStale()) return;
	const tmp = join(ROOT, `dist-cli.${process.pid}.tmp`);
	const started = new Date();
	try {
		const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
		try {
			execFileSync(process.execPath, [tsc, '-p', 'src/cli/tsconfig.json', '--outDir', tmp], { cwd: ROOT, stdio: 'pipe' });
		} catch (e) {
			// A type error still emits JavaScript of the current source, which is what the tests
			// must run; the type check itself is npm run check's (and npm test's) job. Only a
			// build that emitted nothing stops the run.
			if (!existsSync(join(tmp, 'src/cli/main.js'))) throw e;
			const out = String((e as { stdout?: unknown }).stdout ?? '').split('\n').slice(0, 5).join('\n');
			console.warn(`tests/setup/build-cli.ts: the CLI built with type errors (npm run build:cli shows them all):\n${out}`);
		}
		const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
		execFileSync(process.execPath, [vite, 'build', '-c', 'src/cli/vite.config.ts', '--outDir', join(tmp, 'cli')], { cwd: ROOT, stdio: 'pipe' });
		for (const f of files(tmp)) {
			const to = join(OUT, relative(tmp, f));
			mkdirSync(dirname(to), { recursive: true });
			renameSync(f, to);
		}
		// a source saved while the build ran is newer than this, so the next run builds again
		utimesSync(STAMP, started, started);
	} catch (e) {
		const out = e instanceof Error && 'stdout' in e ? String((e as { stdout: unknown }).stdout) : String(e);
		throw new Error(`building the CLI for its tests failed (npm run build:cli):\n${out}`);
	} finally {
		rmSync(tmp, { recursive: true, force: true });
	}
}
