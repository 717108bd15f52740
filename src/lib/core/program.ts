import { backward } from './autodiff/backward.ts';
import { forward } from './autodiff/forward.ts';
import { buildGraph, type BuildOptions } from './graph/build.ts';
import { checkGates } from './language/gate-rules.ts';
import type { Program } from './language/ast.ts';
import type { ProgramError } from './language/errors.ts';
import { parse } from './language/parser.ts';
import { buildTrace, type Trace } from './trace/build.ts';

export type RunResult =
	| { readonly ok: true; readonly trace: Trace; readonly program: Program }
	| { readonly ok: false; readonly errors: readonly ProgramError[] };

/** How a run builds the program: `gates` says how calls of the student's gates are stepped. */
export type RunOptions = BuildOptions;

/** The whole pipeline: text → AST → graph → values and gradients → trace. */
export function run(source: string, options: RunOptions = {}): RunResult {
	const parsed = parse(source);
	const lastDef = parsed.program.definitions[parsed.program.definitions.length - 1];
	if (parsed.program.statements.length === 0 && parsed.errors.length === 0 && lastDef)
		return {
			ok: false,
			errors: [
				{
					code: 'syntax',
					span: lastDef.nameSpan,
					text: lastDef.name,
					message: 'The program only defines gates: nothing is computed yet.',
					hint: `Add leaves and a line that calls the gate, e.g. x = 2, then f = ${lastDef.name}(${lastDef.params.map(() => 'x').join(', ')}); the last line is the output.`
				}
			]
		};
	if (parsed.program.statements.length === 0 && parsed.errors.length === 0)
		return {
			ok: false,
			errors: [
				{
					code: 'empty-program',
					span: { offset: 0, length: 0, line: 1, col: 1 },
					text: '',
					message: 'The program is empty.',
					hint: 'Write one assignment a line, e.g. x = 2, then f = x^2; the last line is the output.'
				}
			]
		};
	const built = buildGraph(parsed.program, source, parsed.assigned, options);
	const errors = onePerPlace([...parsed.errors, ...checkGates(parsed.program, source), ...built.errors]);
	if (!built.graph && errors.length === 0)
		errors.push({ code: 'syntax', span: { offset: 0, length: 0, line: 1, col: 1 }, text: '', message: 'The program could not be run.', hint: 'Check the last line: it must assign the output.' });
	if (errors.length > 0 || !built.graph) return { ok: false, errors };
	forward(built.graph);
	backward(built.graph);
	return { ok: true, trace: buildTrace(built.graph, parsed.program), program: parsed.program };
}

/**
 * Sorted by position, one message per place: a misspelling the parser already explained (`α is
 * written alpha`) is not explained again by the graph builder as an unknown name. The first
 * stage's message is kept, as it says what was typed.
 */
function onePerPlace(errors: ProgramError[]): ProgramError[] {
	const seen = new Set<number>();
	const out: ProgramError[] = [];
	for (const e of [...errors].sort((a, b) => a.span.offset - b.span.offset)) {
		if (seen.has(e.span.offset)) continue;
		seen.add(e.span.offset);
		out.push(e);
	}
	return out;
}
