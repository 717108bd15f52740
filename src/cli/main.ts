#!/usr/bin/env node
import { UsageError } from './io.ts';

interface Command {
	readonly usage: string;
	run(argv: string[]): number | Promise<number>;
}

/**
 * Each subcommand, loaded when called: export brings ELK, KaTeX and the PDF printer (about
 * 0.2 s to load), which `trace` never needs.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
	trace: async () => {
		const m = await import('./trace-command.ts');
		return { usage: m.TRACE_USAGE, run: m.traceCommand };
	},
	export: async () => {
		const m = await import('./export-command.ts');
		return { usage: m.EXPORT_USAGE, run: m.exportCommand };
	}
};

async function usage(): Promise<string> {
	const all = await Promise.all(Object.values(COMMANDS).map((load) => load()));
	return ['usage:', ...all.map((c) => `  ${c.usage}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
	const [cmd, ...rest] = argv;
	if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
		process.stdout.write((await usage()) + '\n');
		return 0;
	}
	const load = cmd && Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
	if (!load) throw new UsageError(cmd ? `Unknown command ${cmd}` : 'No command given');
	return (await load()).run(rest);
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	async (e: unknown) => {
		if (e instanceof UsageError) {
			process.stderr.write(`chainstep: ${e.message}\n${await usage()}\n`);
			process.exitCode = 2;
		} else {
			process.stderr.write(`chainstep: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
			process.exitCode = 3;
		}
	}
);
