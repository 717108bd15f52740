import { readFileSync } from 'node:fs';
import { formatError } from '../lib/core/language/errors.ts';
import { run } from '../lib/core/program.ts';
import type { Trace } from '../lib/core/trace/build.ts';
import type { Granularity } from '../lib/core/trace/steps.ts';

/** A mistake in how the CLI was called: exit code 2. */
export class UsageError extends Error {}

export function readSource(file: string): string {
	if (file === '-') return readFileSync(0, 'utf8');
	try {
		return readFileSync(file, 'utf8');
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		throw new UsageError(code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${code ?? String(e)}`);
	}
}

/** Split argv into positionals and --flag value / -o value options. */
export function parseArgs(argv: string[], valued: readonly string[], flags: readonly string[] = []): { pos: string[]; opts: Map<string, string> } {
	const pos: string[] = [];
	const opts = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '-' || !a.startsWith('-')) {
			pos.push(a);
			continue;
		}
		const [key, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
		if (flags.includes(key)) {
			opts.set(key, 'true');
			continue;
		}
		if (!valued.includes(key)) throw new UsageError(`Unknown option ${key}`);
		const v = inline ?? argv[++i];
		if (v === undefined) throw new UsageError(`${key} needs a value`);
		opts.set(key, v);
	}
	return { pos, opts };
}

/** An option that must be a whole number in [min, max]; absent gives undefined. */
export function wholeNumber(opt: string, v: string | undefined, min: number, max: number): number | undefined {
	if (v === undefined) return undefined;
	const n = Number(v);
	if (!(/^\d+$/.test(v) && n >= min && n <= max)) throw new UsageError(`${opt} must be a whole number from ${min} to ${max}`);
	return n;
}

/**
 * Read and run a program. On program errors, print each as `FILE:line:col message hint`
 * on stderr (no stack trace) and give undefined: the caller exits 1.
 */
export function traceFile(file: string): Trace | undefined {
	const result = run(readSource(file));
	if (result.ok) return result.trace;
	for (const e of result.errors) process.stderr.write(`${file === '-' ? 'stdin' : file}:${formatError(e)}\n`);
	return undefined;
}

/**
 * `--granularity scalar|group`: one scalar node per step, or one assignment (a whole vector or
 * matrix, "one named value" on the page) per step. Absent gives undefined.
 */
export function granularityOption(opts: ReadonlyMap<string, string>): Granularity | undefined {
	const v = opts.get('--granularity');
	if (v === undefined) return undefined;
	if (v !== 'scalar' && v !== 'group')
		throw new UsageError(`--granularity must be scalar (one scalar node per step) or group (one assignment per step), not ${v}`);
	return v;
}
