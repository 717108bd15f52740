import { errnoCode, EXIT, InputError, ioReason, IoError, UsageError } from './cli-errors.ts';
import { PdfUnavailable } from './pdf.ts';

export interface Failure {
	/** One line, without the `chainstep: ` prefix. */
	readonly message: string;
	readonly code: number;
}

const firstLine = (s: string) => s.split('\n')[0].trim();

/**
 * Any error the CLI can meet, as the one line and exit code the user gets: never a stack trace.
 * Errors from node:fs that no command wrapped are writes (every read goes through readSource).
 */
export function failureOf(e: unknown): Failure {
	if (e instanceof UsageError) return { message: firstLine(e.message), code: EXIT.usage };
	if (e instanceof InputError) return { message: firstLine(e.message), code: EXIT.program };
	if (e instanceof IoError) return { message: firstLine(e.message), code: EXIT.io };
	if (e instanceof PdfUnavailable) return { message: firstLine(e.message), code: EXIT.pdf };
	const code = errnoCode(e);
	if (code !== undefined && e instanceof Error) {
		const path = 'path' in e && typeof e.path === 'string' ? ` ${e.path}` : '';
		const verb = 'syscall' in e && e.syscall === 'read' ? 'read' : 'write';
		return { message: `Cannot ${verb}${path}: ${ioReason(code)}.`, code: EXIT.io };
	}
	// A structure deeper than the stack: the program is too big for this command, not wrong.
	if (e instanceof RangeError && /call stack/i.test(e.message))
		return { message: 'This program is too large or too deeply nested for chainstep to finish (the stack ran out); split it into smaller programs.', code: EXIT.program };
	const what = e instanceof Error ? `${e.name}: ${firstLine(e.message)}` : firstLine(String(e));
	return { message: `internal error (a bug in chainstep; please report it with the program): ${what}`, code: EXIT.internal };
}
