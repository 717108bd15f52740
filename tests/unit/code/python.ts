import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's Python, the one python3-torch and python3-numpy install into (another python3 on PATH may not see them). */
export const PYTHON = '/usr/bin/python3';

/**
 * Whether /usr/bin/python3 can import the modules. Missing: the test skips with a message, or
 * fails when CI is set (CI installs them: .ci/run).
 */
export function pythonHas(modules: string): boolean {
	const r = spawnSync(PYTHON, ['-c', `import ${modules}`], { encoding: 'utf8' });
	const ok = r.status === 0;
	if (!ok) {
		const why = `${PYTHON} cannot import ${modules}${r.error ? ` (${r.error.message})` : ''}`;
		if (process.env.CI) throw new Error(`CI is set but ${why}: install python3-torch and python3-numpy`);
		console.warn(`[chainstep] ${why}: generated-code tests are skipped.`);
	}
	return ok;
}

export type ScriptResult = { readonly stdout: string; readonly error?: string };

const RUNNER = join(dirname(fileURLToPath(import.meta.url)), 'run-scripts.py');

/** Writes the scripts to a fresh folder and runs them all in one Python process. */
export function runScripts(scripts: readonly string[]): ScriptResult[] {
	const dir = mkdtempSync(join(tmpdir(), 'chainstep-code-'));
	const paths = scripts.map((code, k) => {
		const p = join(dir, `script_${k}.py`);
		writeFileSync(p, code);
		return p;
	});
	writeFileSync(join(dir, 'list.json'), JSON.stringify(paths));
	const r = spawnSync(PYTHON, [RUNNER, join(dir, 'list.json'), join(dir, 'out.json')], { encoding: 'utf8', maxBuffer: 1 << 28 });
	if (r.status !== 0) throw new Error(`the script runner failed: ${r.stderr || r.error?.message}`);
	return JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as ScriptResult[];
}
