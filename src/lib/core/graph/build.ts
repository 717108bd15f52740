import { assertNever, type Assignment, type Expr, type Program } from '../language/ast.ts';
import { closest, splitIntoNames, type ProgramError } from '../language/errors.ts';
import { FUNCTIONS, isFunctionName } from '../language/functions.ts';
import type { Span } from '../language/span.ts';
import { op, type OpName } from '../ops/registry.ts';
import type { OpSpec } from '../ops/spec.ts';
import { float64Column, int32Column } from './columns.ts';
import type { Graph, Group, NodeKind, Part, PartOp, Shape } from './graph.ts';

/** A program larger than this would freeze a browser tab; it is refused with an error instead. */
export const MAX_NODES = 1_000_000;
export const MAX_EDGES = 4_000_000;

/** A value while building: its shape and its scalar node ids, row-major. */
interface Val {
	readonly shape: Shape;
	readonly ids: readonly number[];
}

/** Abandons one statement after an error that makes the rest of it meaningless. */
class StmtBail {}

const shapeText = (s: Shape) => (s.length === 0 ? 'a scalar' : s.length === 1 ? `a vector of ${s[0]}` : `a ${s[0]}×${s[1]} matrix`);
const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);

export interface BuildResult {
	graph?: Graph;
	errors: ProgramError[];
}

export function buildGraph(program: Program, source: string, assignedAnywhere: ReadonlySet<string>): BuildResult {
	return new Builder(program, source, assignedAnywhere).build();
}

class Builder {
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

	constructor(
		private readonly program: Program,
		private readonly source: string,
		private readonly assignedAnywhere: ReadonlySet<string>
	) {
		this.inputStart.push(0);
	}

	private error(code: ProgramError['code'], span: Span, message: string, hint: string): void {
		this.errors.push({ code, span, text: this.source.slice(span.offset, span.offset + span.length), message, hint });
	}
	private bail(code: ProgramError['code'], span: Span, message: string, hint: string): never {
		this.error(code, span, message, hint);
		throw new StmtBail();
	}

	private node(kind: NodeKind, spec: OpSpec | undefined, ins: readonly number[], span: Span, param = 0, value = NaN): number {
		const id = this.kind.length;
		if (id >= MAX_NODES || this.inputs.length + ins.length > MAX_EDGES)
			this.bail('too-large', span, `The program expands to more than ${MAX_NODES.toLocaleString('en-US')} scalar nodes.`, 'Use smaller vectors and matrices.');
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
	private guardSize(n: number, span: Span): void {
		if (this.kind.length + n > MAX_NODES)
			this.bail('too-large', span, `The program expands to more than ${MAX_NODES.toLocaleString('en-US')} scalar nodes.`, 'Use smaller vectors and matrices.');
	}

	build(): { graph?: Graph; errors: ProgramError[] } {
		const stmts = this.program.statements;
		stmts.forEach((s, i) => {
			this.stmt = i;
			this.statement(s);
		});
		const last = stmts[stmts.length - 1];
		if (last && this.errors.length === 0) {
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
				val = this.own(this.expr(s.expr), first, s.expr.span);
				this.parts[this.stmt] = this.siblings[0];
			}
		} catch (e) {
			if (!(e instanceof StmtBail)) throw e;
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

	/** Builds a sub-expression and records it as a part, its operands as children. */
	private expr(e: Expr): Val {
		const outer = this.siblings;
		this.siblings = [];
		const v = this.evaluate(e);
		const children = this.siblings;
		this.siblings = outer;
		const ids = e.kind === 'name' ? this.groups[this.groupOf.get(e.name)!].ids : Int32Array.from(v.ids);
		outer.push({ op: partOp(e, children.length), shape: v.shape, ids, children, expr: e });
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

	private lookup(name: string, span: Span): Val {
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
	private zip(a: Val, b: Val, span: Span, what: string, f: (x: number, y: number) => number, hint?: string): Val {
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

	private matmul(a: Val, b: Val, span: Span): Val {
		const [ra, rb] = [a.shape.length, b.shape.length];
		const mismatch = (inner: string): never =>
			this.bail('shape-mismatch', span, `@ cannot multiply ${shapeText(a.shape)} by ${shapeText(b.shape)}${inner}.`, 'The left operand\'s columns must equal the right operand\'s rows; transpose(M) swaps them.');
		if (ra === 0 || rb === 0)
			this.bail('shape-mismatch', span, `@ needs vectors or matrices, but one side is a scalar.`, 'Multiply by a scalar with *.');
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
		const fn = e.fn;
		if (!isFunctionName(fn)) {
			// The parser already reported the unknown function; still check the arguments.
			e.args.forEach((a) => this.expr(a));
			throw new StmtBail();
		}
		const want = FUNCTIONS[fn];
		if (e.args.length !== want)
			this.bail('wrong-arg-count', e.span, `${fn} takes ${want} argument${want === 1 ? '' : 's'}, but ${e.args.length === 0 ? 'none was' : e.args.length === 1 ? '1 was' : `${e.args.length} were`} given.`, `Write ${fn}(${want === 2 ? 'a, b' : 'v'}).`);
		const args = e.args.map((a) => this.expr(a));
		const needVector = (v: Val, what: string) => {
			if (v.shape.length !== 1)
				this.bail('shape-mismatch', e.args[0].span, `${fn} needs a vector, but this is ${shapeText(v.shape)}.`, what);
		};
		switch (fn) {
			case 'exp':
			case 'log':
			case 'sqrt':
			case 'abs':
			case 'sigmoid':
			case 'tanh':
			case 'relu':
				return this.map(args[0], (id) => this.apply(fn, [id], e.span));
			case 'max':
			case 'min':
				return this.zip(args[0], args[1], e.span, fn, (x, y) => this.apply(fn, [x, y], e.span));
			case 'sum':
			case 'mean':
				return { shape: [], ids: [this.apply(fn, args[0].ids, e.span)] };
			case 'norm2':
				if (args[0].shape.length === 0)
					this.bail('shape-mismatch', e.args[0].span, `norm2 needs a vector or matrix, but this is a scalar.`, 'For a scalar write x^2.');
				return { shape: [], ids: [this.apply('norm2', args[0].ids, e.span)] };
			case 'dot': {
				const [a, b] = args;
				if (a.shape.length !== 1 || b.shape.length !== 1 || a.shape[0] !== b.shape[0])
					this.bail('shape-mismatch', e.span, `dot needs two vectors of the same length, but got ${shapeText(a.shape)} and ${shapeText(b.shape)}.`, 'For a matrix product use @.');
				return { shape: [], ids: [this.dot(a.ids, b.ids, e.span)] };
			}
			case 'softmax': {
				needVector(args[0], 'Apply softmax to a vector, e.g. softmax(W @ h).');
				const ins = args[0].ids;
				return { shape: [ins.length], ids: ins.map((_, k) => this.apply('softmax', ins, e.span, k)) };
			}
			case 'transpose': {
				const a = args[0];
				if (a.shape.length !== 2)
					this.bail('shape-mismatch', e.args[0].span, `transpose needs a matrix, but this is ${shapeText(a.shape)}.`, 'Vectors need no transpose: @ treats them as rows or columns as needed.');
				const [m, n] = a.shape;
				const ids: number[] = [];
				for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) ids.push(a.ids[i * n + j]);
				return { shape: [n, m], ids };
			}
			default:
				return assertNever(fn);
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

/** What kind of part an expression makes (`1 / x` made only its divisor: it is `inv`). */
function partOp(e: Expr, children: number): PartOp {
	switch (e.kind) {
		case 'number':
			return 'const';
		case 'name':
			return 'name';
		case 'neg':
			return children === 0 ? 'const' : 'neg';
		case 'power':
			return 'pow';
		case 'vector':
			return 'vector';
		case 'norm':
			return 'norm2';
		case 'call':
			return isFunctionName(e.fn) ? e.fn : 'const';
		case 'binary':
			switch (e.op) {
				case '+':
					return 'add';
				case '-':
					return 'sub';
				case '*':
					return 'mul';
				case '/':
					return children === 1 ? 'inv' : 'div';
				case '@':
					return 'matmul';
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
