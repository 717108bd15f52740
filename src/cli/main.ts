#!/usr/bin/env node
import { UsageError } from './io.ts';
import { exportCommand, EXPORT_USAGE } from './export-command.ts';
import { traceCommand, TRACE_USAGE } from './trace-command.ts';

/** Each subcommand: its usage line and its entry point, returning the exit code. */
const COMMANDS: Record<string, { usage: string; run: (argv: string[]) => number | Promise<number> }> = {
	trace: { usage: TRACE_USAGE, run: traceCommand },
	export: { usage: EXPORT_USAGE, run: exportCommand }
};

function usage(): string {
	return ['usage:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
	const [cmd, ...rest] = argv;
	if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
		process.stdout.write(usage() + '\n');
		return 0;
	}
	const c = cmd ? COMMANDS[cmd] : undefined;
	if (!c) throw new UsageError(cmd ? `Unknown command ${cmd}` : 'No command given');
	return c.run(rest);
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(e: unknown) => {
		if (e instanceof UsageError) {
			process.stderr.write(`chainstep: ${e.message}\n${usage()}\n`);
			process.exitCode = 2;
		} else {
			process.stderr.write(`chainstep: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
			process.exitCode = 3;
		}
	}
);
