/**
 * How the CLI ends. Every failure is one line on stderr and one of these codes; `chainstep --help`
 * and the README's "Command line" section list them (keep the three in step).
 */
export const EXIT = {
	ok: 0,
	/** The program cannot be run: a language error, or input that is no program text (too large, binary, not UTF-8). */
	program: 1,
	/** The command line is wrong: an unknown option, a value not in its list, a missing file, -o onto the input. */
	usage: 2,
	/** PDF output cannot be printed: playwright-core or Chromium is missing. */
	pdf: 3,
	/** Reading the input or writing the output failed: a folder, no permission, a full disk, a broken path. */
	io: 4,
	/** A bug in chainstep: the message says what broke; please report it with the program. */
	internal: 5
} as const;

/** The exit codes as `chainstep --help` lists them. */
export const EXIT_HELP =
	'exit codes: 0 done; 1 the program has errors, or the input is not a program text (over 4 MiB, binary, not UTF-8);\n' +
	'      2 usage (unknown option, bad value, missing file, -o onto the input); 3 PDF printer (Chromium) unavailable;\n' +
	'      4 reading or writing a file failed (a folder, no permission, disk full); 5 internal error (please report it)';

/** A mistake in how the CLI was called: exit code 2. */
export class UsageError extends Error {}

/** Input that is not a program text the language can read: exit code 1. */
export class InputError extends Error {}

/** Reading or writing a file or stream failed: exit code 4. */
export class IoError extends Error {}

/** What an operating-system error code means, in words a user can act on. */
export function ioReason(code: string | undefined): string {
	switch (code) {
		case 'EISDIR':
			return 'it is a folder, not a file';
		case 'ENOTDIR':
			return 'a part of the path is a file, not a folder';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'ENOSPC':
			return 'no space left on the disk';
		case 'EDQUOT':
			return 'the disk quota is used up';
		case 'EROFS':
			return 'the file system is read-only';
		case 'ENOENT':
			return 'no such file or folder';
		case 'ENAMETOOLONG':
			return 'the name is too long';
		case 'EIO':
			return 'the device reported an input/output error';
		default:
			return code ? `the system said ${code}` : 'the system refused';
	}
}

/** An error from node:fs or a stream: it carries a string `code` such as ENOSPC. */
export function errnoCode(e: unknown): string | undefined {
	if (!(e instanceof Error) || !('code' in e)) return undefined;
	return typeof e.code === 'string' ? e.code : undefined;
}
