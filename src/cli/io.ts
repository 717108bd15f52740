import { formatError } from '../lib/core/language/errors.ts';
import { GATE_MODES, type GateMode } from '../lib/core/graph/gates.ts';
import { run } from '../lib/core/program.ts';
import type { Trace } from '../lib/core/trace/build.ts';
import type { Granularity } from '../lib/core/trace/steps.ts';
import { UsageError } from './cli-errors.ts';
import { readSource } from './read-source.ts';

// UsageError lives with the other failures (cli-errors.ts); importers of io.ts keep finding it here.
export { readSource, UsageError };

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
export function traceFile(file: string, gates: GateMode = 'one'): Trace | undefined {
	const result = run(readSource(file), { gates });
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

/**
 * `--gates one|expanded`: a call of the program's own gate is one step with its local derivatives
 * (default), or the primitive steps of the gate's body.
 */
export function gatesOption(opts: ReadonlyMap<string, string>): GateMode {
	const v = opts.get('--gates') ?? 'one';
	const mode = GATE_MODES.find((m) => m === v);
	if (!mode) throw new UsageError(`--gates must be one (a gate call is one step) or expanded (its body's primitive steps), not ${v}`);
	return mode;
}
