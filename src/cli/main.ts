#!/usr/bin/env node
import { errnoCode, EXIT, EXIT_HELP, ioReason, IoError, UsageError } from './cli-errors.ts';
import { failureOf } from './failure.ts';
import { EXPORT_USAGE, TRACE_USAGE, TRAIN_USAGE } from './usage.ts';

interface Command {
	run(argv: string[]): number | Promise<number>;
}

/**
 * Each subcommand, loaded when called: export brings ELK, KaTeX and the PDF printer (about
 * 0.2 s to load), which `trace` never needs.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
	trace: async () => {
		const m = await import('./trace-command.ts');
		return { run: m.traceCommand };
	},
	export: async () => {
		const m = await import('./export-command.ts');
		return { run: m.exportCommand };
	},
	train: async () => {
		const m = await import('./train-command.ts');
		return { run: m.trainCommand };
	}
};

function usage(): string {
	return ['usage:', ...[TRACE_USAGE, EXPORT_USAGE, TRAIN_USAGE].map((u) => `  ${u}`), EXIT_HELP].join('\n');
}

async function main(argv: string[]): Promise<number> {
	const [cmd, ...rest] = argv;
	if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
		process.stdout.write(usage() + '\n');
		return 0;
	}
	const load = cmd && Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
	if (!load) throw new UsageError(cmd ? `Unknown command ${cmd}` : 'No command given');
	return (await load()).run(rest);
}

/** Print one line and end now: nothing else may write after a failure (see the stream handlers below). */
function fail(e: unknown): never {
	const f = failureOf(e);
	try {
		process.stderr.write(`chainstep: ${f.message}\n`);
	} finally {
		process.exit(f.code);
	}
}

// A reader that stops early (`| head`) closes the pipe: that is the reader's choice, not a failure.
// Any other write error on stdout (a full disk: ENOSPC) is one line and the I/O code, never Node's stack.
process.stdout.on('error', (e) =>
	errnoCode(e) === 'EPIPE' ? process.exit(EXIT.ok) : fail(new IoError(`Cannot write to standard output: ${ioReason(errnoCode(e))}.`))
);
process.stderr.on('error', () => process.exit(process.exitCode ?? EXIT.io));
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	async (e: unknown) => {
		// With no command at all, the usage is the answer; any other mistake is one line naming it.
		if (e instanceof UsageError && process.argv.length <= 2) {
			process.stderr.write(`chainstep: ${e.message}\n${usage()}\n`);
			process.exitCode = EXIT.usage;
		} else if (e instanceof UsageError) {
			process.stderr.write(`chainstep: ${e.message.split('\n')[0]} (chainstep --help shows the usage)\n`);
			process.exitCode = EXIT.usage;
		} else fail(e);
	}
);
