import { readFileSync } from 'node:fs';

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
