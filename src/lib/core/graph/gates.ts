import { assertNever, exprChildren, type Definition, type Expr, type Program } from '../language/ast.ts';
import { callable, op, type CallableOp } from '../ops/registry.ts';
import type { OpSpec, TexArgs, VectorTexArgs } from '../ops/spec.ts';
import type { Graph } from './graph.ts';
import { named, paren } from '../ops/tex.ts';
import { texNum } from '../tex/number.ts';

/** How a call of a student's gate is stepped: as one gate with its local derivatives, or as its body's primitive steps. */
export type GateMode = 'one' | 'expanded';
export const GATE_MODES: readonly GateMode[] = ['one', 'expanded'];

/**
 * One operation of a gate's body, compiled once. Inputs index earlier tape entries; the first
 * entries are the parameters, in order.
 */
type TapeNode =
	| { readonly kind: 'param'; readonly index: number }
	| { readonly kind: 'const'; readonly value: number }
	| { readonly kind: 'op'; readonly spec: OpSpec; readonly ins: readonly number[]; readonly p: number };

/** A gate the student defined: its definition, and the op every call of it (in mode "one") makes. */
export interface Gate {
	readonly def: Definition;
	readonly spec: CallableOp;
	/** LaTeX of the body with each parameter written as `a[i]`: `\frac{1}{1 + e^{-z}}`. */
	bodyTex(a: readonly string[]): string;
	/**
	 * The local derivative ∂gate/∂(parameter i) by the chain rule through the body, each body op's
	 * own derivative from the registry, parameters written as `a`. Products are `sep` (`\cdot`, or ⊙ for vectors).
	 */
	partialTex(a: readonly string[], i: number, y?: string, sep?: string): string;
}

const gates = new WeakMap<OpSpec, Gate>();

/** A call of a gate built in mode `expanded`: which gate, and the call as written. */
export interface ExpandedCall {
	readonly gate: Gate;
	readonly call: Expr & { kind: 'call' };
	/** Numbers the expanded calls of one graph, so two calls' pieces of one body are told apart. */
	readonly id: number;
	/** The expanded call whose body holds this call (a gate inside a gate); its arguments are written in that body. */
	readonly outer?: ExpandedCall;
}

/** For each graph built with expanded gates, the call each body node belongs to (the innermost). */
const expansions = new WeakMap<Graph, ReadonlyMap<number, ExpandedCall>>();

export function recordExpansions(g: Graph, byNode: ReadonlyMap<number, ExpandedCall>): void {
	if (byNode.size > 0) expansions.set(g, byNode);
}

/** Every expanded call of `g` by node, for a copy of the graph made on another thread. */
export function expansionsOf(g: Graph): ReadonlyMap<number, ExpandedCall> | undefined {
	return expansions.get(g);
}

/** The expanded gate call whose body made `node`, if any. */
export function expandedCallOf(g: Graph, node: number): ExpandedCall | undefined {
	return expansions.get(g)?.get(node);
}

/** The student's gate behind an op, if it is one. */
export function gateOf(spec: OpSpec | undefined): Gate | undefined {
	return spec ? gates.get(spec) : undefined;
}

/** Never reached: gate-rules.ts reports every body this cannot compile, and such a gate is left out. */
class NotCompilable {}

/**
 * Every definition that obeys the rules, by name, each compiled once. A definition that breaks
 * one (its error comes from gate-rules.ts) is left out; calls of it are skipped without a second message.
 */
export function makeGates(program: Program): ReadonlyMap<string, Gate> {
	const out = new Map<string, Gate>();
	for (const d of program.definitions) {
		if (out.has(d.name)) continue;
		try {
			out.set(d.name, compile(d, out));
		} catch (e) {
			if (!(e instanceof NotCompilable)) throw e;
		}
	}
	return out;
}

const isInv = (e: Expr) => e.kind === 'binary' && e.op === '/' && e.left.kind === 'number' && e.left.value === 1;

/** The operands a body node compiles from: `-2` is one number, and `1 / x` reads only x. */
function operands(e: Expr): readonly Expr[] {
	if (e.kind === 'neg' && e.arg.kind === 'number') return [];
	if (e.kind === 'binary' && isInv(e)) return [e.right];
	return exprChildren(e);
}

/**
 * The body as a tape of registry ops, operands before the ops that read them. An explicit stack,
 * not recursion: a body may nest as deep as any line.
 */
function compile(def: Definition, earlier: ReadonlyMap<string, Gate>): Gate {
	const tape: TapeNode[] = def.params.map((_, index) => ({ kind: 'param', index }));
	const add = (n: TapeNode) => tape.push(n) - 1;
	const emit = (spec: OpSpec, ins: number[], p = 0) => add({ kind: 'op', spec, ins, p });
	const at = new Map<Expr, number>();
	const ins = (e: Expr) => operands(e).map((x) => at.get(x)!);
	const one = (e: Expr): number => {
		switch (e.kind) {
			case 'number':
				return add({ kind: 'const', value: e.value });
			case 'name': {
				const k = def.params.findIndex((p) => p.name === e.name);
				if (k < 0) throw new NotCompilable();
				return k;
			}
			case 'neg':
				return e.arg.kind === 'number' ? add({ kind: 'const', value: -e.arg.value }) : emit(op('neg'), ins(e));
			case 'power':
				return emit(op('pow'), ins(e), e.exponent);
			case 'binary':
				// 1/x is its own gate on the slides, as in graph/build.ts.
				if (isInv(e)) return emit(op('inv'), ins(e));
				switch (e.op) {
					case '+':
						return emit(op('add'), ins(e));
					case '-':
						return emit(op('sub'), ins(e));
					case '*':
						return emit(op('mul'), ins(e));
					case '/':
						return emit(op('div'), ins(e));
					case '@':
						throw new NotCompilable();
					default:
						return assertNever(e.op);
				}
			case 'call': {
				const inner = earlier.get(e.fn);
				const c = callable(e.fn);
				const spec = inner ? inner.spec : c?.kind === 'op' && c.spec.fn.expand === 'map' ? c.spec : undefined;
				if (!spec || spec.arity.kind !== 'fixed' || spec.arity.n !== e.args.length) throw new NotCompilable();
				return emit(spec, ins(e));
			}
			case 'vector':
			case 'norm':
			case 'index':
				throw new NotCompilable();
			default:
				return assertNever(e);
		}
	};
	const stack: { e: Expr; ready: boolean }[] = [{ e: def.body, ready: false }];
	while (stack.length) {
		const top = stack.pop()!;
		if (top.ready) {
			at.set(top.e, one(top.e));
			continue;
		}
		stack.push({ e: top.e, ready: true });
		const ch = operands(top.e);
		for (let k = ch.length - 1; k >= 0; k--) stack.push({ e: ch[k], ready: false });
	}
	return gateFrom(def, tape, at.get(def.body)!);
}

/** LaTeX of each tape entry, parameters written as `a`, each op by its registry template. */
function tapeTex(tape: readonly TapeNode[], a: readonly string[]): string[] {
	const tex: string[] = [];
	for (let k = 0; k < tape.length; k++) {
		const n = tape[k];
		if (n.kind === 'param') tex.push(a[n.index]);
		else if (n.kind === 'const') tex.push(texNum(n.value));
		else tex.push(n.spec.tex(texArgsOf(tape, tex, n, k, 'tex')));
	}
	return tex;
}

/**
 * The template arguments of a body op. The registry's templates expect names or numbers as
 * operands; a body hands them whole expressions, so those are bracketed where the template does
 * not enclose them itself (always under a power or in a derivative, by binding strength otherwise).
 */
function texArgsOf(tape: readonly TapeNode[], tex: readonly string[], n: TapeNode & { kind: 'op' }, self: number, part: 'tex' | 'partial', y?: string): TexArgs {
	const encloses = n.spec.encloses === 'both' || (n.spec.encloses === 'tex' && part === 'tex');
	const a = n.ins.map((i, k) => {
		const s = tex[i];
		const input = tape[i];
		if (encloses || input.kind === 'param') return s;
		if (input.kind === 'const') return input.value < 0 || /\\times/.test(s) ? paren(s) : s;
		if (part === 'partial' || n.spec.name === 'pow') return paren(s);
		const weak = input.spec.prec < (n.spec.operandPrec?.(k) ?? 0) || (k > 0 && s.startsWith('-') && n.spec.prec <= 2);
		return weak ? paren(s) : s;
	});
	return { a, y: y ?? tex[self], p: n.p, sibling: () => tex[self] };
}

/** Whether a product's factor needs brackets: a + or − outside every bracket and brace. */
function hasTopLevelSum(s: string): boolean {
	let depth = 0;
	for (let k = 0; k < s.length; k++) {
		const c = s[k];
		if (c === '{' || c === '(' || c === '[') depth++;
		else if (c === '}' || c === ')' || c === ']') depth--;
		else if ((c === '+' || c === '-') && depth === 0 && k > 0) return true;
	}
	return false;
}

/** One term of a derivative: a sign and the factors multiplied, `1` factors already dropped. */
interface Term {
	readonly neg: boolean;
	readonly factors: readonly string[];
}

/** `local · term`, folding the sign of `-1` and of a leading minus into the term's sign. */
function times(local: string, t: Term): Term | undefined {
	let f = local.trim();
	if (f === '0') return undefined;
	let neg = t.neg;
	if (f === '1') return t;
	if (f === '-1') return { neg: !neg, factors: t.factors };
	if (f.startsWith('-') && !hasTopLevelSum(f)) {
		neg = !neg;
		f = f.slice(1);
	}
	return { neg, factors: [hasTopLevelSum(f) ? paren(f) : f, ...t.factors] };
}

function termsTex(terms: readonly Term[], sep: string): string {
	if (terms.length === 0) return '0';
	return terms
		.map((t, k) => {
			const body = t.factors.length ? t.factors.join(sep) : '1';
			return k === 0 ? `${t.neg ? '-' : ''}${body}` : `${t.neg ? ' - ' : ' + '}${body}`;
		})
		.join('');
}

function gateFrom(def: Definition, tape: readonly TapeNode[], out: number): Gate {
	const n = def.params.length;
	const { run, partials } = tapeRunner(tape, out, n);
	const partialTex = (a: readonly string[], i: number, y?: string, sep = ' \\cdot '): string => tapePartialTex(tape, out, a, i, y, sep);
	const name = def.name;
	const tex = named(name);
	const spec: CallableOp = {
		name,
		symbol: name,
		title: `gate ${name}`,
		words: (a) => `your gate ${name} of ${a.join(' and ')}`,
		arity: { kind: 'fixed', n },
		prec: 5,
		// Numbers stand bare inside the call's brackets; in a derivative they keep theirs, (-1) · 2.
		encloses: 'tex',
		fn: { expand: 'map', tex },
		forward: (x) => run(x),
		partials: (x, _n, _y, _p, outs) => partials(x, outs),
		tex: (t) => tex(t.a),
		partialTex: (t, i) => partialTex(t.a, i, t.y),
		vectorLocal: (t: VectorTexArgs) => partialTex(t.x.map((x) => t.factor(x)), t.j, t.y, t.vec ? ' \\odot ' : ' \\cdot ')
	};
	const gate: Gate = { def, spec, bodyTex: (a) => tapeTex(tape, a)[out], partialTex };
	gates.set(spec, gate);
	return gate;
}

/** A gate's value and its partials, run over its tape with the registry's own ops. */
function tapeRunner(tape: readonly TapeNode[], out: number, n: number) {
	// Scratch buffers, one set per gate: a gate never calls itself, so a call never reuses them mid-flight.
	const vals = new Float64Array(tape.length);
	const adj = new Float64Array(tape.length);
	const width = Math.max(1, ...tape.map((t) => (t.kind === 'op' ? t.ins.length : 0)));
	const xs = new Float64Array(width);
	const ds = new Float64Array(width);
	const run = (x: Float64Array) => {
		for (let k = 0; k < tape.length; k++) {
			const t = tape[k];
			if (t.kind === 'param') vals[k] = x[t.index];
			else if (t.kind === 'const') vals[k] = t.value;
			else {
				for (let j = 0; j < t.ins.length; j++) xs[j] = vals[t.ins[j]];
				vals[k] = t.spec.forward(xs, t.ins.length, t.p);
			}
		}
		return vals[out];
	};
	const partials = (x: Float64Array, outs: Float64Array) => {
		run(x);
		// Reverse mode through the tape, each op's partials from the registry.
		adj.fill(0);
		adj[out] = 1;
		for (let k = tape.length - 1; k >= 0; k--) {
			const t = tape[k];
			// No skip at a zero adjoint: 0 · NaN is NaN, as in autodiff/backward.ts.
			if (t.kind !== 'op') continue;
			for (let j = 0; j < t.ins.length; j++) xs[j] = vals[t.ins[j]];
			t.spec.partials(xs, t.ins.length, vals[k], t.p, ds);
			for (let j = 0; j < t.ins.length; j++) adj[t.ins[j]] += adj[k] * ds[j];
		}
		for (let j = 0; j < n; j++) outs[j] = adj[j];
	};
	return { run, partials };
}

/**
 * ∂(gate)/∂(parameter i) in LaTeX, by forward mode over the tape: the terms of each entry's
 * derivative. The body is a tree over its parameters, so an entry has one term per appearance of
 * the parameter below it: never more.
 */
function tapePartialTex(tape: readonly TapeNode[], out: number, a: readonly string[], i: number, y: string | undefined, sep: string): string {
	const tex = tapeTex(tape, a);
	const d: (readonly Term[])[] = tape.map((t) => (t.kind === 'param' && t.index === i ? [{ neg: false, factors: [] }] : []));
	for (let k = 0; k < tape.length; k++) {
		const t = tape[k];
		if (t.kind !== 'op') continue;
		const args = texArgsOf(tape, tex, t, k, 'partial', k === out ? y : undefined);
		const terms: Term[] = [];
		t.ins.forEach((inp, j) => {
			if (d[inp].length === 0) return;
			const local = t.spec.partialTex(args, j);
			for (const term of d[inp]) {
				const m = times(local, term);
				if (m) terms.push(m);
			}
		});
		d[k] = terms;
	}
	return termsTex(d[out], sep);
}
