import { forEachSubExpr, type Definition, type Expr, type Program } from './ast.ts';
import type { ErrorCode, ProgramError } from './errors.ts';
import { callable, callExample } from '../ops/registry.ts';
import { isFunctionName } from './functions.ts';
import type { Span } from './span.ts';

const argWord = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;
const given = (n: number) => (n === 0 ? 'none was' : n === 1 ? '1 was' : `${n} were`);
const paramList = (d: Definition) => d.params.map((p) => p.name).join(', ');

/**
 * The rules of gate definitions (LANGUAGE.md, "Gates"), each an error pointing into the definition
 * or at the call that breaks it: a body sees only its parameters, numbers, element-wise built-in
 * functions and gates defined on earlier lines; a gate is never recursive, never shares a name with
 * a function or a variable, and is called with as many arguments as it has parameters.
 */
export function checkGates(program: Program, source: string): ProgramError[] {
	const errors: ProgramError[] = [];
	const error = (code: ErrorCode, span: Span, message: string, hint: string) =>
		errors.push({ code, span, text: source.slice(span.offset, span.offset + span.length), message, hint });
	const defs = new Map<string, Definition>();
	for (const d of program.definitions) if (!defs.has(d.name)) defs.set(d.name, d);
	const variableLine = new Map<string, number>();
	for (const s of program.statements) if (!variableLine.has(s.name)) variableLine.set(s.name, s.nameSpan.line);

	/** A call of a gate from line `line` (inside `inside`, when in a body): defined above it, with the right argument count. */
	const checkGateCall = (e: Expr & { kind: 'call' }, line: number, inside?: Definition) => {
		const d = defs.get(e.fn);
		if (!d) return;
		if (inside && d === inside)
			return error('bad-gate', e.fnSpan, `${d.name} calls itself: a gate cannot be recursive.`, `Write the body of ${d.name} with its parameters, numbers, built-in functions and gates defined above it.`);
		if (d.nameSpan.line >= line)
			return error(
				'used-before-defined',
				e.fnSpan,
				`${d.name} is used before its line (the gate is defined on line ${d.nameSpan.line}).`,
				`Move the line ${d.name}(${paramList(d)}) = … above line ${line}.`
			);
		if (e.args.length !== d.params.length)
			error(
				'wrong-arg-count',
				e.span,
				`${d.name} takes ${argWord(d.params.length)}, but ${given(e.args.length)} given.`,
				`Call it as it is defined on line ${d.nameSpan.line}: ${d.name}(${paramList(d)}).`
			);
	};

	const seen = new Map<string, Definition>();
	for (const d of program.definitions) {
		const line = d.nameSpan.line;
		const first = seen.get(d.name);
		if (first) error('assigned-twice', d.nameSpan, `The gate ${d.name} is defined twice (first on line ${first.nameSpan.line}).`, `Each gate is defined once; rename this one, e.g. ${d.name}2.`);
		else seen.set(d.name, d);
		if (isFunctionName(d.name))
			error('reserved-name', d.nameSpan, `${d.name} is the name of a built-in function.`, `Pick another name for your gate, such as my_${d.name}.`);
		const varLine = variableLine.get(d.name);
		if (varLine !== undefined)
			error('reserved-name', d.nameSpan, `${d.name} is both a gate and a variable (assigned on line ${varLine}).`, `Give the gate or the variable another name, e.g. ${d.name}_gate.`);
		const params = new Set<string>();
		for (const p of d.params) {
			if (params.has(p.name))
				error('bad-gate', p.span, `The parameter ${p.name} appears twice in ${d.name}(${paramList(d)}).`, `Give each parameter its own name, e.g. ${d.name}(${d.params.map((q) => (q === p ? `${p.name}2` : q.name)).join(', ')}).`);
			if (isFunctionName(p.name) || defs.has(p.name))
				error('reserved-name', p.span, `The parameter ${p.name} has the name of a ${isFunctionName(p.name) ? 'function' : 'gate'}.`, `Pick another name for it, such as ${p.name}_1.`);
			params.add(p.name);
		}
		forEachSubExpr(d.body, (e) => {
			switch (e.kind) {
				case 'name':
					if (!params.has(e.name))
						error(
							'unknown-name',
							e.span,
							`${e.name} is not a parameter of ${d.name}: a gate sees only its parameters (${paramList(d) || 'none'}).`,
							`Add it as a parameter, ${d.name}(${[...d.params.map((p) => p.name), e.name].join(', ')}) = …, and pass ${e.name} in each call.`
						);
					break;
				case 'call': {
					if (defs.has(e.fn)) {
						checkGateCall(e, line, d);
						break;
					}
					const c = callable(e.fn);
					// An unknown name was reported by the parser.
					if (!c) break;
					if (c.kind !== 'op' || c.spec.fn.expand !== 'map')
						error('bad-gate', e.fnSpan, `${e.fn} works on a whole vector, but inside a gate every value is one number.`, `A gate's body may use element-wise functions such as exp, max or tanh; apply ${e.fn} outside the gate.`);
					else if (c.spec.arity.kind === 'fixed' && c.spec.arity.n !== e.args.length)
						error('wrong-arg-count', e.span, `${e.fn} takes ${argWord(c.spec.arity.n)}, but ${given(e.args.length)} given.`, `Write ${callExample(e.fn)}.`);
					break;
				}
				case 'binary':
					if (e.op === '@')
						error('bad-gate', e.span, `@ multiplies vectors and matrices, but inside a gate every value is one number.`, `Use * inside the gate; a call maps it over vectors element by element.`);
					break;
				case 'vector':
					error('bad-gate', e.span, `A vector inside a gate: its body works on one number at a time.`, `Pass the vector as an argument instead; the call maps the gate over its elements.`);
					break;
				case 'norm':
					error('bad-gate', e.span, `||…||^2 works on a whole vector, but inside a gate every value is one number.`, `Write z^2 for a number, or take the norm outside the gate.`);
					break;
				case 'index':
					error('bad-gate', e.span, `An element of a vector inside a gate: every value in its body is one number.`, `Pass the element as the argument instead, e.g. g(q[0]).`);
					break;
				default:
					break;
			}
		});
	}
	for (const s of program.statements) forEachSubExpr(s.expr, (e) => e.kind === 'call' && checkGateCall(e, s.nameSpan.line));
	return errors;
}
