import { grouped } from '../grouped.ts';
import { assertNever, staircase, type Assignment, type Expr, type Program } from '../language/ast.ts';
import { closest, splitIntoNames, type ProgramError } from '../language/errors.ts';
import type { Span } from '../language/span.ts';
import { argCount, callable, callExample, op, type CallableOp, type OpName } from '../ops/registry.ts';
import type { OpSpec } from '../ops/spec.ts';
import { expandCall, type CallBuilder } from './calls.ts';
import { makeGates, recordExpansions, type ExpandedCall, type Gate, type GateMode } from './gates.ts';
import { float64Column, int32Column } from './columns.ts';
import type { Graph, Group, NodeKind, Part, PartOp } from './graph.ts';
import { sameShape, shapeText, type Val } from './val.ts';

/** A program larger than this would freeze a browser tab; it is refused with an error instead. */
export const MAX_NODES = 1_000_000;
export const MAX_EDGES = 4_000_000;

/** Levels `expr` recurses through before it meets a sub-expression `prebuild` has built. */
const BUILD_STEP = 64;

/** Abandons one statement after an error that makes the rest of it meaningless. */
class StmtBail {}


export interface BuildResult {
	graph?: Graph;
	errors: ProgramError[];
}

export interface BuildOptions {
	/** How calls of the student's gates are built: one node each (default), or the body's primitive nodes. */
	readonly gates?: GateMode;
}

export function buildGraph(program: Program, source: string, assignedAnywhere: ReadonlySet<string>, options: BuildOptions = {}): BuildResult {
	const b = new Builder(program, source, assignedAnywhere, options.gates ?? 'one');
	const r = b.build();
	if (r.graph) recordExpansions(r.graph, b.expandedAt);
	return r;
}

class Builder implements CallBuilder {
	private readonly kind: NodeKind[] = [];
	private readonly ops: (OpSpec | undefined)[] = [];
	private readonly param = float64Column();
	private readonly inputStart = int32Column();
	private readonly inputs = int32Column();
	private readonly group = int32Column();
	private readonly elem = int32Column();
	private readonly stmtOf = int32Column();
	private readonly spans: Span[] = [];
	private readonly initial = float64Column();
	private readonly groups: Group[] = [];
	private readonly errors: ProgramError[] = [];
	private readonly env = new Map<string, { val: Val | undefined; line: number }>();
	private stmt = 0;
	/** The parts of each statement, and the children collected for the sub-expression being built. */
	private readonly parts: (Part | undefined)[] = [];
	private siblings: Part[] = [];
	private readonly groupOf = new Map<string, number>();
	private readonly gates: ReadonlyMap<string, Gate>;
	/** Inside an expanded gate's body: each parameter's value and the part of the argument it stands for. */
	private scope: ReadonlyMap<string, { val: Val; part: Part }> | undefined;
	/** Each node an expanded gate call's body made, with that call (the innermost, for a gate inside a gate). */
	readonly expandedAt = new Map<number, ExpandedCall>();
	private expanding: ExpandedCall | undefined;
	private expansions = 0;

	constructor(
		private readonly program: Program,
		private readonly source: string,
		private readonly assignedAnywhere: ReadonlySet<string>,
		private readonly gateMode: GateMode
	) {
		this.gates = makeGates(program);
		this.inputStart.push(0);
	}

	private error(code: ProgramError['code'], span: Span, message: string, hint: string): void {
		this.errors.push({ code, span, text: this.source.slice(span.offset, span.offset + span.length), message, hint });
	}
	bail(code: ProgramError['code'], span: Span, message: string, hint: string): never {
		this.error(code, span, message, hint);
		throw new StmtBail();
	}

	private node(kind: NodeKind, spec: OpSpec | undefined, ins: readonly number[], span: Span, param = 0, value = NaN): number {
		const id = this.kind.length;
		if (id >= MAX_NODES)
			this.bail('too-large', span, `The program expands to more than ${grouped(MAX_NODES)} scalar nodes.`, 'Use smaller vectors and matrices.');
		if (this.inputs.length + ins.length > MAX_EDGES)
			this.bail('too-large', span, `The program expands to more than ${grouped(MAX_EDGES)} edges (inputs of scalar nodes).`, 'Use smaller vectors and matrices: a matrix product reads every row once per column.');
		this.kind.push(kind);
		this.ops.push(spec);
		this.param.push(param);
		for (let k = 0; k < ins.length; k++) this.inputs.push(ins[k]);
		this.inputStart.push(this.inputs.length);
		this.group.push(-1);
		this.elem.push(0);
		this.stmtOf.push(this.stmt);
		this.spans.push(span);
		this.initial.push(value);
		return id;
	}
	private apply(name: OpName, ins: readonly number[], span: Span, param = 0): number {
		return this.node('op', op(name), ins, span, param);
	}
	opNode(spec: CallableOp, ins: readonly number[], span: Span, param = 0): number {
		return this.node('op', spec, ins, span, param);
	}
	guardSize(n: number, span: Span): void {
		if (this.kind.length + n > MAX_NODES)
			this.bail('too-large', span, `The program expands to more than ${grouped(MAX_NODES)} scalar nodes.`, 'Use smaller vectors and matrices.');
	}

	build(): { graph?: Graph; errors: ProgramError[] } {
		const stmts = this.program.statements;
		stmts.forEach((s, i) => {
			this.stmt = i;
			this.statement(s);
		});
		const last = stmts[stmts.length - 1];
		// A line that failed to parse may be the real last one: then the output is not known, and
		// saying an earlier name is not a scalar would blame an innocent line.
		const allParsed = [...this.assignedAnywhere].every((n) => this.env.has(n));
		if (last && this.errors.length === 0 && allParsed) {
			const out = this.env.get(last.name)?.val;
			if (out && out.shape.length > 0)
				this.error(
					'output-not-scalar',
					last.nameSpan,
					`The output ${last.name} is ${shapeText(out.shape)}, not a scalar.`,
					`Backprop starts from one number: end with a scalar, e.g. L = sum(${last.name}) or L = ||${last.name}||^2.`
				);
		}
		const out = last && this.env.get(last.name)?.val;
		// No value without an error here means the parser already reported why.
		if (this.errors.length > 0 || !out) return { errors: this.errors };
		const n = this.kind.length;
		const value = this.initial.done();
		return {
			errors: [],
			graph: {
				size: n,
				kind: this.kind,
				op: this.ops,
				param: this.param.done(),
				inputStart: this.inputStart.done(),
				inputs: this.inputs.done(),
				group: this.group.done(),
				elem: this.elem.done(),
				stmt: this.stmtOf.done(),
				spans: this.spans,
				groups: this.groups,
				output: out.ids[0],
				value,
				grad: new Float64Array(n),
				local: new Float64Array(this.inputs.length),
				source: this.source,
				statements: stmts.map((s) => ({ name: s.name, span: s.span })),
				parts: this.parts
			}
		};
	}

	private statement(s: Assignment): void {
		const line = s.nameSpan.line;
		const prior = this.env.get(s.name);
		if (prior) {
			this.error('assigned-twice', s.nameSpan, `${s.name} is assigned twice (first on line ${prior.line}).`, `Each name is assigned once; rename this one, e.g. ${s.name}2.`);
			return;
		}
		let val: Val | undefined;
		const literal = leafLiteral(s.expr);
		this.siblings = [];
		try {
			if (literal) val = this.leaf(s, literal);
			else {
				const first = this.kind.length;
				this.prebuild(s.expr);
				val = this.own(this.expr(s.expr), first, s.expr.span);
				this.parts[this.stmt] = this.siblings[0];
			}
		} catch (e) {
			if (!(e instanceof StmtBail)) throw e;
		} finally {
			this.prebuilt.clear();
		}
		this.env.set(s.name, { val, line });
		if (!val) return;
		const g = this.groups.length;
		this.groupOf.set(s.name, g);
		val.ids.forEach((id, k) => {
			this.group.set(id, g);
			this.elem.set(id, k);
		});
		this.groups.push({ name: s.name, shape: val.shape, ids: Int32Array.from(val.ids), stmt: this.stmt, isLeaf: !!literal, span: s.span, nameSpan: s.nameSpan });
	}

	private leaf(s: Assignment, lit: { shape: number[]; values: number[] }): Val {
		const ids = lit.values.map((v) => this.node('leaf', undefined, [], s.span, 0, v));
		return { shape: lit.shape, ids };
	}

	/**
	 * Every element of a named value must be a node of its own, so it has its own step and label.
	 * Elements that already belong to another name, or are constants, get a copy node.
	 */
	private own(v: Val, firstNew: number, span: Span): Val {
		const seen = new Set<number>();
		const ids = v.ids.map((id) => {
			const fresh = id >= firstNew && this.kind[id] === 'op' && this.group.get(id) === -1 && !seen.has(id);
			seen.add(id);
			return fresh ? id : this.apply('id', [id], span);
		});
		return { shape: v.shape, ids };
	}

	/** Implicit products that are matrix products (`w^T x`, `W x`): their parts are matmul. */
	private readonly matrixProducts = new Set<Expr>();
	/** Vectors that are rows: products of a transposed vector (w^T W), multiplied on as rows. */
	private readonly rows = new WeakSet<Val>();

	/** Sub-expressions built ahead of their turn by `prebuild`, each taken once by `expr`. */
	private readonly prebuilt = new Map<Expr, { val: Val; parts: Part[] }>();

	/**
	 * Builds the sub-expressions of a deep line bottom-up first (see `staircase`), so the recursion of
	 * `expr` never goes more than BUILD_STEP levels before it meets one already built: nesting and rows
	 * of terms of any length then cost a bounded stack. Shallow lines find nothing to build here.
	 */
	private prebuild(root: Expr): void {
		for (const d of staircase(root, BUILD_STEP, false)) {
			const outer = this.siblings;
			this.siblings = [];
			try {
				const val = this.expr(d);
				this.prebuilt.set(d, { val, parts: this.siblings });
			} finally {
				this.siblings = outer;
			}
		}
	}

	/** Builds a sub-expression and records it as a part, its operands as children. */
	private expr(e: Expr): Val {
		const pre = this.prebuilt.get(e);
		if (pre) {
			this.prebuilt.delete(e);
			for (const p of pre.parts) this.siblings.push(p);
			return pre.val;
		}
		const outer = this.siblings;
		this.siblings = [];
		const v = this.evaluate(e);
		const children = this.siblings;
		this.siblings = outer;
		// An expanded gate call is its body, and a parameter is its argument: their parts stand for them.
		const param = e.kind === 'name' ? this.scope?.get(e.name) : undefined;
		if (param || (e.kind === 'call' && this.gateMode === 'expanded' && this.gates.has(e.fn))) {
			outer.push(...(param ? [param.part] : children));
			return v;
		}
		const ids = e.kind === 'name' ? this.groups[this.groupOf.get(e.name)!].ids : Int32Array.from(v.ids);
		const gate = e.kind === 'call' ? this.gates.get(e.fn) : undefined;
		outer.push({ shape: v.shape, ids, children, expr: e, ...(gate ? { op: 'call', spec: gate.spec } : this.matrixProducts.has(e) ? { op: 'matmul' as const } : partOp(e, children.length)) });
		return v;
	}

	private evaluate(e: Expr): Val {
		switch (e.kind) {
			case 'number':
				return { shape: [], ids: [this.node('const', undefined, [], e.span, 0, e.value)] };
			case 'name':
				return this.lookup(e.name, e.span);
			case 'neg': {
				if (e.arg.kind === 'number') return { shape: [], ids: [this.node('const', undefined, [], e.span, 0, -e.arg.value)] };
				const a = this.expr(e.arg);
				return this.map(a, (id) => this.apply('neg', [id], e.span));
			}
			case 'power': {
				const a = this.expr(e.base);
				return this.map(a, (id) => this.apply('pow', [id], e.span, e.exponent));
			}
			case 'binary':
				return this.binary(e);
			case 'call':
				return this.call(e);
			case 'vector':
				return this.vector(e);
			case 'index':
				return this.element(e);
			case 'norm': {
				const a = this.expr(e.arg);
				if (a.shape.length === 0)
					this.bail('shape-mismatch', e.arg.span, `||…||^2 needs a vector or matrix, but this is ${shapeText(a.shape)}.`, 'For a scalar write x^2.');
				return { shape: [], ids: [this.apply('norm2', a.ids, e.span)] };
			}
			default:
				return assertNever(e);
		}
	}

	/** `q[0]`, `W[1, 0]`: a view of one element (no node of its own), checked against the value's shape. */
	private element(e: Expr & { kind: 'index' }): Val {
		const a = this.expr(e.arg);
		const named = e.arg.kind === 'name' ? e.arg.name : undefined;
		const what = named ?? 'this value';
		// Unnamed (softmax(z)[3]), the fix names the range only: "this value[0]" reads as broken text.
		const example = (s: readonly number[]) =>
			s.length === 1
				? named
					? `${named}[0] to ${named}[${s[0] - 1}]`
					: `an index from 0 to ${s[0] - 1}`
				: named
					? `${named}[0, 0] to ${named}[${s[0] - 1}, ${s[1] - 1}] (row, column)`
					: `indices from [0, 0] to [${s[0] - 1}, ${s[1] - 1}] (row, column)`;
		if (a.shape.length === 0)
			this.bail('shape-mismatch', e.atSpan, `${what} is a scalar: it has no elements to pick.`, `Leave out the [${e.at.join(', ')}].`);
		if (a.shape.length !== e.at.length)
			this.bail('shape-mismatch', e.atSpan, `${what} is ${shapeText(a.shape)}: it takes ${a.shape.length === 1 ? 'one index' : 'two indices'}, not ${e.at.length}.`, `Write ${example(a.shape)}.`);
		const bad = e.at.findIndex((i, axis) => i >= a.shape[axis]);
		if (bad >= 0)
			this.bail('shape-mismatch', e.atSpan, `Index ${e.at[bad]} is past the end: ${what} is ${shapeText(a.shape)}, and indices count from 0.`, `Write ${example(a.shape)}.`);
		const flat = e.at.length === 1 ? e.at[0] : e.at[0] * a.shape[1] + e.at[1];
		return { shape: [], ids: [a.ids[flat]] };
	}

	private lookup(name: string, span: Span): Val {
		const param = this.scope?.get(name);
		if (param) return param.val;
		const found = this.env.get(name);
		if (found) {
			if (!found.val) throw new StmtBail(); // its own line already has an error
			return found.val;
		}
		const later = this.program.statements.find((s) => s.name === name);
		if (later)
			this.bail('used-before-defined', span, `${name} is used before its line (it is assigned on line ${later.nameSpan.line}).`, `Move the line ${name} = … above this one.`);
		// Assigned on a line that failed to parse: that line already has its error.
		if (this.assignedAnywhere.has(name)) throw new StmtBail();
		const parts = splitIntoNames(name, this.env.keys());
		if (parts)
			this.bail('unknown-name', span, `Unknown name ${name}: a name is the whole word, not ${parts.join(' times ')}.`, `To multiply, write ${parts.join('*')} (or ${parts.join(' ')}, with spaces).`);
		const guess = closest(name, this.env.keys());
		this.bail('unknown-name', span, `Unknown name ${name}.`, guess ? `Did you mean ${guess}? Otherwise define it first, e.g. ${name} = 1.` : `Define it on an earlier line, e.g. ${name} = 1.`);
	}

	private map(a: Val, f: (id: number) => number): Val {
		return { shape: a.shape, ids: a.ids.map(f) };
	}

	/** Element-wise with a scalar broadcasting, as LANGUAGE.md specifies. */
	zip(a: Val, b: Val, span: Span, what: string, f: (x: number, y: number) => number, hint?: string): Val {
		if (sameShape(a.shape, b.shape)) return { shape: a.shape, ids: a.ids.map((x, i) => f(x, b.ids[i])) };
		if (a.shape.length === 0) return { shape: b.shape, ids: b.ids.map((y) => f(a.ids[0], y)) };
		if (b.shape.length === 0) return { shape: a.shape, ids: a.ids.map((x) => f(x, b.ids[0])) };
		this.bail('shape-mismatch', span, `${what} needs equal shapes, but the left is ${shapeText(a.shape)} and the right is ${shapeText(b.shape)}.`, hint ?? 'Element-wise operations need two values of the same shape, or one scalar.');
	}

	private binary(e: Expr & { kind: 'binary' }): Val {
		if (e.op === '/' && e.left.kind === 'number' && e.left.value === 1) {
			// 1/x is its own gate on the slides, with local derivative -1/x².
			const b = this.expr(e.right);
			return this.map(b, (id) => this.apply('inv', [id], e.span));
		}
		const a = this.expr(e.left);
		const b = this.expr(e.right);
		// The slides' juxtaposition: w^T x, W^T h and W x are matrix products (w^T x a dot product);
		// two plain vectors side by side stay element-wise.
		const row = (e.left.kind === 'call' && e.left.fn === 'transpose' && a.shape.length === 1) || this.rows.has(a);
		if (e.implicit && a.shape.length > 0 && b.shape.length > 0 && (row || a.shape.length === 2 || b.shape.length === 2)) {
			this.matrixProducts.add(e);
			const v = this.matmul(a, b, e.span, 'The matrix product written side by side');
			// w^T W is a row again, so (w^T W) x is a number.
			if (row && v.shape.length === 1) this.rows.add(v);
			return v;
		}
		switch (e.op) {
			case '+':
				return this.zip(a, b, e.span, 'Addition', (x, y) => this.apply('add', [x, y], e.span));
			case '-':
				return this.zip(a, b, e.span, 'Subtraction', (x, y) => this.apply('sub', [x, y], e.span));
			case '*': {
				const hint = a.shape.length > 0 && b.shape.length > 0 ? 'For a matrix or dot product use @, as in W @ x.' : undefined;
				return this.zip(a, b, e.span, e.implicit ? 'Implicit multiplication' : 'Multiplication', (x, y) => this.apply('mul', [x, y], e.span), hint);
			}
			case '/':
				return this.zip(a, b, e.span, 'Division', (x, y) => this.apply('div', [x, y], e.span));
			case '@':
				return this.matmul(a, b, e.span);
			default:
				return assertNever(e.op);
		}
	}

	private dot(a: readonly number[], b: readonly number[], span: Span): number {
		const ins: number[] = [];
		for (let k = 0; k < a.length; k++) ins.push(a[k], b[k]);
		return this.apply('dot', ins, span);
	}

	/** `what` names the product as the student wrote it: `@`, or two values side by side (W x). */
	private matmul(a: Val, b: Val, span: Span, what = '@'): Val {
		const [ra, rb] = [a.shape.length, b.shape.length];
		const mismatch = (inner: string): never =>
			this.bail('shape-mismatch', span, `${what} cannot multiply ${shapeText(a.shape)} by ${shapeText(b.shape)}${inner}.`, 'The left operand\'s columns must equal the right operand\'s rows; W^T (or transpose(W)) swaps them.');
		if (ra === 0 || rb === 0)
			this.bail('shape-mismatch', span, `${what} needs vectors or matrices, but one side is a scalar.`, 'Multiply by a scalar with *.');
		if (ra === 1 && rb === 1) {
			if (a.shape[0] !== b.shape[0]) mismatch(': their lengths differ');
			return { shape: [], ids: [this.dot(a.ids, b.ids, span)] };
		}
		if (ra === 2 && rb === 1) {
			const [m, n] = a.shape;
			if (n !== b.shape[0]) mismatch('');
			this.guardSize(m, span);
			const ids: number[] = [];
			for (let i = 0; i < m; i++) ids.push(this.dot(a.ids.slice(i * n, i * n + n), b.ids, span));
			return { shape: [m], ids };
		}
		if (ra === 1 && rb === 2) {
			const [n, p] = b.shape;
			if (n !== a.shape[0]) mismatch('');
			this.guardSize(p, span);
			const ids: number[] = [];
			for (let j = 0; j < p; j++) ids.push(this.dot(a.ids, Array.from({ length: n }, (_, k) => b.ids[k * p + j]), span));
			return { shape: [p], ids };
		}
		const [m, n] = a.shape;
		const [n2, p] = b.shape;
		if (n !== n2) mismatch('');
		this.guardSize(m * p, span);
		const ids: number[] = [];
		for (let i = 0; i < m; i++)
			for (let j = 0; j < p; j++)
				ids.push(this.dot(a.ids.slice(i * n, i * n + n), Array.from({ length: n }, (_, k) => b.ids[k * p + j]), span));
		return { shape: [m, p], ids };
	}

	private call(e: Expr & { kind: 'call' }): Val {
		const c = callable(e.fn);
		const gate = c ? undefined : this.gates.get(e.fn);
		if (gate) return this.gateCall(e, gate);
		if (!c) {
			// The parser already reported the unknown function; still check the arguments.
			e.args.forEach((a) => this.expr(a));
			throw new StmtBail();
		}
		const want = argCount(c);
		if (e.args.length !== want)
			this.bail('wrong-arg-count', e.span, `${e.fn} takes ${want} argument${want === 1 ? '' : 's'}, but ${e.args.length === 0 ? 'none was' : e.args.length === 1 ? '1 was' : `${e.args.length} were`} given.`, `Write ${callExample(e.fn)}.`);
		const args = e.args.map((a) => this.expr(a));
		return expandCall(this, e, c, args);
	}

	/**
	 * A call of the student's gate. Mode `one`: one node per element, the gate's spec mapping over
	 * the arguments like a built-in. Mode `expanded`: the arguments once, then the body's own nodes
	 * with each parameter bound to its argument's value. Misuses were reported by gate-rules.ts.
	 */
	private gateCall(e: Expr & { kind: 'call' }, gate: Gate): Val {
		const d = gate.def;
		if (e.args.length !== d.params.length || (!this.scope && d.nameSpan.line >= this.program.statements[this.stmt].nameSpan.line)) {
			e.args.forEach((a) => this.expr(a));
			throw new StmtBail();
		}
		if (this.gateMode === 'one') {
			const spec = gate.spec;
			return expandCall(this, e, { kind: 'op', spec }, e.args.map((a) => this.expr(a)));
		}
		const outer = this.siblings;
		this.siblings = [];
		const args = e.args.map((a) => this.expr(a));
		const argParts = this.siblings;
		this.siblings = outer;
		// The shapes must fit as they must for the one-gate call (the same message), not fail somewhere in the body.
		if (args.length === 2) this.zip(args[0], args[1], e.span, e.fn, () => -1);
		const shaped = args.findIndex((a) => a.shape.length > 0);
		const bad = args.findIndex((a) => a.shape.length > 0 && !sameShape(a.shape, args[shaped].shape));
		if (bad >= 0)
			this.bail('shape-mismatch', e.args[bad].span, `${e.fn} needs arguments of one shape, but argument ${shaped + 1} is ${shapeText(args[shaped].shape)} and argument ${bad + 1} is ${shapeText(args[bad].shape)}.`, 'Give every argument the same shape, or pass a scalar.');
		const saved = { scope: this.scope, expanding: this.expanding };
		this.scope = new Map(d.params.map((p, k) => [p.name, { val: args[k], part: argParts[k] }]));
		const here: ExpandedCall = { gate, call: e, id: this.expansions++, ...(this.expanding ? { outer: this.expanding } : {}) };
		this.expanding = here;
		const first = this.kind.length;
		try {
			return this.expr(d.body);
		} finally {
			this.scope = saved.scope;
			this.expanding = saved.expanding;
			for (let i = first; i < this.kind.length; i++) if (!this.expandedAt.has(i)) this.expandedAt.set(i, here);
		}
	}

	private vector(e: Expr & { kind: 'vector' }): Val {
		const items = e.items.map((it) => this.expr(it));
		const first = items[0].shape;
		if (first.length === 0) {
			const bad = items.findIndex((v) => v.shape.length !== 0);
			if (bad >= 0)
				this.bail('shape-mismatch', e.items[bad].span, `A vector's entries must be scalars, but entry ${bad + 1} is ${shapeText(items[bad].shape)}.`, 'Build a matrix from rows of equal length: [[a, b], [c, d]].');
			return { shape: [items.length], ids: items.map((v) => v.ids[0]) };
		}
		if (first.length === 1) {
			const bad = items.findIndex((v) => !sameShape(v.shape, first));
			if (bad >= 0)
				this.bail('shape-mismatch', e.items[bad].span, `Every row of a matrix must have ${first[0]} entries, but row ${bad + 1} is ${shapeText(items[bad].shape)}.`, 'Give every row the same number of entries.');
			return { shape: [items.length, first[0]], ids: items.flatMap((v) => v.ids) };
		}
		this.bail('shape-mismatch', e.span, 'Only vectors and matrices are supported, not deeper nesting.', 'Use [a, b] for a vector and [[a, b], [c, d]] for a matrix.');
	}
}

type PartKind = { op: Exclude<PartOp, 'call'> } | { op: 'call'; spec: CallableOp };
const NORM2 = callable('norm2');

/** What kind of part an expression makes (`1 / x` made only its divisor: it is `inv`). */
function partOp(e: Expr, children: number): PartKind {
	const as = (op: Exclude<PartOp, 'call'>): PartKind => ({ op });
	switch (e.kind) {
		case 'number':
			return as('const');
		case 'name':
			return as('name');
		case 'neg':
			return as(children === 0 ? 'const' : 'neg');
		case 'power':
			return as('pow');
		case 'vector':
			return as('vector');
		case 'index':
			return as('index');
		case 'norm':
			return NORM2?.kind === 'op' ? { op: 'call', spec: NORM2.spec } : as('const');
		case 'call': {
			// An unknown function never gets this far: its line has an error.
			const c = callable(e.fn);
			return c?.kind === 'op' ? { op: 'call', spec: c.spec } : as(c ? 'transpose' : 'const');
		}
		case 'binary':
			switch (e.op) {
				case '+':
					return as('add');
				case '-':
					return as('sub');
				case '*':
					return as('mul');
				case '/':
					return as(children === 1 ? 'inv' : 'div');
				case '@':
					return as('matmul');
				default:
					return assertNever(e.op);
			}
		default:
			return assertNever(e);
	}
}

/** A right side made only of numbers: the line defines a leaf. */
function leafLiteral(e: Expr): { shape: number[]; values: number[] } | undefined {
	const num = (x: Expr): number | undefined =>
		x.kind === 'number' ? x.value : x.kind === 'neg' && x.arg.kind === 'number' ? -x.arg.value : undefined;
	const n = num(e);
	if (n !== undefined) return { shape: [], values: [n] };
	if (e.kind !== 'vector') return undefined;
	const flat = e.items.map(num);
	if (flat.every((v) => v !== undefined)) return { shape: [flat.length], values: flat as number[] };
	const rows = e.items.map((r) => (r.kind === 'vector' ? r.items.map(num) : undefined));
	if (rows.some((r) => !r || r.some((v) => v === undefined))) return undefined;
	const width = rows[0]!.length;
	if (rows.some((r) => r!.length !== width)) return undefined;
	return { shape: [rows.length, width], values: rows.flatMap((r) => r as number[]) };
}
