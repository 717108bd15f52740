import { statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { errnoCode, ioReason, IoError, UsageError } from './cli-errors.ts';

/** A file's identity on disk: one file under two names (a symlink, a hard link, `./x` and `x`) is one file. */
function fileId(path: string): string | undefined {
	try {
		const s = statSync(path);
		return `${s.dev}:${s.ino}`;
	} catch {
		return undefined;
	}
}

/**
 * Refuse `-o OUT` before any work: OUT a folder, a folder that is a file, or the program being
 * read (`export prog.txt -o prog.txt` would replace the program with its handout).
 */
export function checkOutput(out: string, input: string, ext: string): void {
	const dir = dirname(out);
	const dirStat = statSync(dir, { throwIfNoEntry: false });
	if (!dirStat) throw new UsageError(`The folder ${dir} for -o does not exist; create it first, or write the file somewhere else.`);
	if (!dirStat.isDirectory()) throw new IoError(`Cannot write ${out}: ${dir} is a file, not a folder.`);
	if (statSync(out, { throwIfNoEntry: false })?.isDirectory())
		throw new IoError(`Cannot write ${out}: it is a folder; give a file name, such as ${join(out, `handout.${ext}`)}.`);
	refuseInput([out], input);
}

/** No output may be the input file: checked by identity, so another name for the same file is caught too. */
function refuseInput(paths: readonly string[], input: string): void {
	if (input === '-') return;
	const id = fileId(input);
	const hit = id === undefined ? undefined : paths.find((p) => fileId(p) === id);
	if (hit !== undefined) throw new UsageError(`-o would write ${hit}, which is the program being read (${input}); write the handout to another file.`);
}

export interface OutputFile {
	readonly path: string;
	readonly data: string | Uint8Array;
}

/**
 * Write the handout, then the files beside it (the graph's pieces). Nothing is written until
 * every name is checked, and the handout goes first: if it cannot be written (a folder, no
 * permission, a full disk) no stray `NAME-graph.svg` is left behind.
 */
export function writeOutputs(files: readonly OutputFile[], input: string): void {
	refuseInput(
		files.map((f) => f.path),
		input
	);
	for (const f of files)
		try {
			writeFileSync(f.path, f.data);
		} catch (e) {
			throw new IoError(`Cannot write ${f.path}: ${ioReason(errnoCode(e))}.`);
		}
}
