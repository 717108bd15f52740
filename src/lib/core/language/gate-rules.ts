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
	const rules = new GateRules(program, source);
	const seen = new Map<string, Definition>();
	for (const d of program.definitions) {
		const first = seen.get(d.name);
		if (first) rules.error('assigned-twice', d.nameSpan, `The gate ${d.name} is defined twice (first on line ${first.nameSpan.line}).`, `Each gate is defined once; rename this one, e.g. ${d.name}2.`);
		else seen.set(d.name, d);
		rules.checkHead(d);
		rules.checkBody(d);
	}
	for (const s of program.statements) forEachSubExpr(s.expr, (e) => e.kind === 'call' && rules.checkCall(e, s.nameSpan.line));
	return rules.errors;
}

class GateRules {
	readonly errors: ProgramError[] = [];
	readonly defs = new Map<string, Definition>();
	readonly variableLine = new Map<string, number>();

	constructor(
		program: Program,
		private readonly source: string
	) {
		for (const d of program.definitions) if (!this.defs.has(d.name)) this.defs.set(d.name, d);
		for (const s of program.statements) if (!this.variableLine.has(s.name)) this.variableLine.set(s.name, s.nameSpan.line);
	}

	error(code: ErrorCode, span: Span, message: string, hint: string): void {
		this.errors.push({ code, span, text: this.source.slice(span.offset, span.offset + span.length), message, hint });
	}

	/** The gate's name and parameters: no built-in function's or variable's name, each parameter once. */
	checkHead(d: Definition): void {
		if (isFunctionName(d.name))
			this.error('reserved-name', d.nameSpan, `${d.name} is the name of a built-in function.`, `Pick another name for your gate, such as my_${d.name}.`);
		const varLine = this.variableLine.get(d.name);
		if (varLine !== undefined)
			this.error('reserved-name', d.nameSpan, `${d.name} is both a gate and a variable (assigned on line ${varLine}).`, `Give the gate or the variable another name, e.g. ${d.name}_gate.`);
		const params = new Set<string>();
		for (const p of d.params) {
			if (params.has(p.name))
				this.error('bad-gate', p.span, `The parameter ${p.name} appears twice in ${d.name}(${paramList(d)}).`, `Give each parameter its own name, e.g. ${d.name}(${d.params.map((q) => (q === p ? `${p.name}2` : q.name)).join(', ')}).`);
			if (isFunctionName(p.name) || this.defs.has(p.name))
				this.error('reserved-name', p.span, `The parameter ${p.name} has the name of a ${isFunctionName(p.name) ? 'function' : 'gate'}.`, `Pick another name for it, such as ${p.name}_1.`);
			params.add(p.name);
		}
	}

	/** The body sees its parameters, numbers, element-wise functions and earlier gates, one number at a time. */
	checkBody(d: Definition): void {
		const params = new Set(d.params.map((p) => p.name));
		forEachSubExpr(d.body, (e) => {
			switch (e.kind) {
				case 'name':
					if (!params.has(e.name))
						this.error(
							'unknown-name',
							e.span,
							`${e.name} is not a parameter of ${d.name}: a gate sees only its parameters (${paramList(d) || 'none'}).`,
							`Add it as a parameter, ${d.name}(${[...d.params.map((p) => p.name), e.name].join(', ')}) = …, and pass ${e.name} in each call.`
						);
					break;
				case 'call':
					if (this.defs.has(e.fn)) this.checkCall(e, d.nameSpan.line, d);
					else this.checkBuiltInCall(e);
					break;
				case 'binary':
					if (e.op === '@')
						this.error('bad-gate', e.span, `@ multiplies vectors and matrices, but inside a gate every value is one number.`, `Use * inside the gate; a call maps it over vectors element by element.`);
					break;
				case 'vector':
					this.error('bad-gate', e.span, `A vector inside a gate: its body works on one number at a time.`, `Pass the vector as an argument instead; the call maps the gate over its elements.`);
					break;
				case 'norm':
					this.error('bad-gate', e.span, `||…||^2 works on a whole vector, but inside a gate every value is one number.`, `Write z^2 for a number, or take the norm outside the gate.`);
					break;
				case 'index':
					this.error('bad-gate', e.span, `An element of a vector inside a gate: every value in its body is one number.`, `Pass the element as the argument instead, e.g. g(q[0]).`);
					break;
				default:
					break;
			}
		});
	}

	/** A built-in function in a body: element-wise, with its number of arguments. */
	checkBuiltInCall(e: Expr & { kind: 'call' }): void {
		const c = callable(e.fn);
		// An unknown name was reported by the parser.
		if (!c) return;
		if (c.kind !== 'op' || c.spec.fn.expand !== 'map')
			this.error('bad-gate', e.fnSpan, `${e.fn} works on a whole vector, but inside a gate every value is one number.`, `A gate's body may use element-wise functions such as exp, max or tanh; apply ${e.fn} outside the gate.`);
		else if (c.spec.arity.kind === 'fixed' && c.spec.arity.n !== e.args.length)
			this.error('wrong-arg-count', e.span, `${e.fn} takes ${argWord(c.spec.arity.n)}, but ${given(e.args.length)} given.`, `Write ${callExample(e.fn)}.`);
	}

	/** A call of a gate from line `line` (inside `inside`, when in a body): defined above it, with the right argument count. */
	checkCall(e: Expr & { kind: 'call' }, line: number, inside?: Definition): void {
		const d = this.defs.get(e.fn);
		if (!d) return;
		if (inside && d === inside)
			return this.error('bad-gate', e.fnSpan, `${d.name} calls itself: a gate cannot be recursive.`, `Write the body of ${d.name} with its parameters, numbers, built-in functions and gates defined above it.`);
		if (d.nameSpan.line >= line)
			return this.error(
				'used-before-defined',
				e.fnSpan,
				`${d.name} is used before its line (the gate is defined on line ${d.nameSpan.line}).`,
				`Move the line ${d.name}(${paramList(d)}) = … above line ${line}.`
			);
		if (e.args.length !== d.params.length)
			this.error(
				'wrong-arg-count',
				e.span,
				`${d.name} takes ${argWord(d.params.length)}, but ${given(e.args.length)} given.`,
				`Call it as it is defined on line ${d.nameSpan.line}: ${d.name}(${paramList(d)}).`
			);
	}
}
