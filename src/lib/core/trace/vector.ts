import type { Part, Shape } from '../graph/graph.ts';
import { assertNever } from '../language/ast.ts';
import { fmtExponent, op } from '../ops/registry.ts';
import type { OpSpec } from '../ops/spec.ts';
import { enclosed, factor, paren, tr } from '../ops/tex.ts';
import { DEFAULT_SIG, texOperand } from '../tex/number.ts';
import type { Trace } from './build.ts';
import { groupTex } from './names.ts';
import type { Step } from './steps.ts';
import { matrixTex, type TexLine } from './tex.ts';
import {
	deltaTex,
	elementLocal,
	gradOf,
	isRoot,
	isView,
	jacobian,
	partDefinition,
	partIndex,
	partTex,
	passesThrough,
	sameShape,
	upstreamOf
} from './vector-parts.ts';
import { partial as d } from '../tex/partial.ts';

/**
 * The vectorized form of a group step, as the lecture slides write it: each vector or matrix
 * operation's rule in matrix form with shapes (∂L/∂W = δ xᵀ, (4×1)(1×3) = 4×3), the same with its
 * numbers as matrices, the result and the shape check. Every number is read from the graph (values,
 * gradients, local derivatives); the matrices printed multiply out to the printed result.
 */


const shapeTex = (s: Shape) => (s.length === 0 ? '1' : s.length === 1 ? `${s[0]}` : `${s[0]}{\\times}${s[1]}`);
/** Shapes of a product as the slides write them, kept in braces so `=` there is not an equation of numbers. */
const shapesNote = (factors: string, result: Shape) => `\\qquad {\\scriptstyle ${factors} \\,=\\, ${shapeTex(result)}}`;
/** `(4{\times}1)(1{\times}3)`: the shapes of a product's factors. */
const product = (...fs: string[]) => fs.map((f) => `(${f})`).join('');
const hadamard = (s: Shape) => `(${shapeTex(s)}) \\odot (${shapeTex(s)})`;

const isScalar = (p: Part) => p.shape.length === 0;
/** The registry op an element-wise part applies to each element, or undefined for a part that is not element-wise. */
function elementOp(p: Part): OpSpec | undefined {
	switch (p.op) {
		case 'add':
		case 'sub':
		case 'mul':
		case 'div':
		case 'inv':
		case 'neg':
		case 'pow':
			return op(p.op);
		case 'call':
			return p.spec.fn.expand === 'map' ? p.spec : undefined;
		case 'const':
		case 'name':
		case 'matmul':
		case 'vector':
		case 'transpose':
		case 'index':
			return undefined;
		default:
			return assertNever(p);
	}
}
/** Element-wise with two or more operands (a scalar may broadcast). */
const elementwiseBinary = (p: Part) => elementOp(p) !== undefined && p.children.length > 1;
/** Element-wise with one operand: its Jacobian is diagonal. */
const elementwiseUnary = (p: Part) => elementOp(p) !== undefined && p.children.length === 1;

/** The gradient arriving at a part: its name (∂L/∂y, or δ), whether it is the seed 1, and its numbers. */
interface Upstream {
	readonly tex: string;
	readonly seed: boolean;
	readonly part: Part;
	readonly at: (k: number) => number;
	readonly shape: Shape;
}

/** One use of a part by its reader: the rule symbolically, with numbers, and the shapes of its factors. */
interface Rule {
	readonly sym: string;
	readonly num: string;
	readonly shapes?: string;
	/** ∂q/∂c written out for small sizes, as the slides do. */
	readonly jacobian?: string;
	readonly up: Upstream;
}

function outTex(t: Trace): string {
	return t.tex(t.graph.output);
}

/** The gradient of a part, under the name of the part it equals (through sums that pass it on). */
function gradTex(t: Trace, p: Part): string {
	const q = upstreamOf(t, p);
	return deltaTex(t, q) ?? d(outTex(t), partTex(t, q));
}

function upstream(t: Trace, q: Part): Upstream {
	const u = upstreamOf(t, q);
	const seed = isRoot(t, u) && partIndex(t).stmtOf.get(u) === t.graph.statements.length - 1;
	return { tex: gradTex(t, u), seed, part: u, at: gradOf(t, u), shape: u.shape };
}

class Writer {
	constructor(
		readonly t: Trace,
		readonly sig: number
	) {}
	num(x: number): string {
		return texOperand(x, this.sig);
	}
	/** A part's values (or any numbers) as a matrix of the given shape. */
	matrix(shape: Shape, at: (k: number) => number): string {
		return matrixTex(shape, at, this.sig);
	}
	values(p: Part): (k: number) => number {
		return (k) => this.t.graph.value[p.ids[k]];
	}
	/** An m×n matrix transposed: printed as n×m. */
	transposed(shape: Shape, at: (k: number) => number): string {
		const [m, n] = shape;
		return this.matrix([n, m], (k) => at((k % m) * n + Math.floor(k / m)));
	}
	row(n: number, at: (k: number) => number): string {
		return this.matrix([1, n], at);
	}
	/** ℓ₀·δ₀ + ℓ₁·δ₁ + …, the ends of a long one: a broadcast scalar's gradient sums over the elements it met. */
	sumOf(n: number, term: (k: number) => string): string {
		const shown = n <= 6 ? [...Array(n).keys()] : [0, 1, 2, -1, n - 1];
		return shown.map((k) => (k < 0 ? '\\cdots' : term(k))).join(' + ');
	}
}

/** The local derivative of a reader, written with its operands' names, from the registry's vector form. */
function localSym(t: Trace, q: Part, c: Part, spec: OpSpec | undefined = elementOp(q)): string {
	if (!spec?.vectorLocal) return '1';
	return spec.vectorLocal({
		y: partTex(t, q),
		x: q.children.map((ch) => partTex(t, ch)),
		j: q.children.indexOf(c),
		vec: !isScalar(q) || !isScalar(c),
		n: c.ids.length,
		p: q.expr.kind === 'power' ? q.expr.exponent : 0,
		factor
	});
}

/** The rule for ∂L/∂c where q reads c: the matrix form for each op, and its numbers from the graph. */
function rule(w: Writer, q: Part | undefined, c: Part, whole?: Part): Rule {
	const t = w.t;
	// A line that only copies a name (`y = x`): the gradient is passed on as it is.
	if (!q) {
		const root = whole ?? c;
		const up = upstream(t, root);
		return { sym: up.tex, num: w.matrix(up.shape, up.at), up };
	}
	const up = upstream(t, q);
	if (elementOp(q)) return elementRule(w, q, c, up);
	const j = q.children.indexOf(c);
	const delta = w.matrix(up.shape, up.at);
	switch (q.op) {
		case 'call':
			return callRule(w, q, c, up);
		case 'matmul':
			return matmulRule(w, q, c, up);
		case 'transpose':
			return c.shape.length === 1 ? { sym: up.tex, num: delta, up } : { sym: tr(up.tex), num: `${delta}^{\\top}`, up };
		case 'index': {
			// q[k] reads one element: the upstream number goes to that element, every other gets 0.
			const at = q.expr.kind === 'index' ? q.expr.at : [];
			const k = at.length === 2 ? at[0] * c.shape[1] + at[1] : (at[0] ?? 0);
			return { sym: `${factor(up.tex)}\\, e_{${at.join(',')}}`, num: w.matrix(c.shape, (m) => (m === k ? up.at(0) : 0)), up };
		}
		case 'vector': {
			if (isScalar(c)) return { sym: `${paren(up.tex)}_{${j}}`, num: w.num(up.at(j)), up };
			const width = c.ids.length;
			return { sym: `${paren(up.tex)}_{${j},:}`, num: w.matrix(c.shape, (k) => up.at(j * width + k)), up };
		}
		case 'const':
		case 'name':
		case 'add':
		case 'sub':
		case 'mul':
		case 'div':
		case 'neg':
		case 'pow':
		case 'inv':
			// Element-wise ops are handled above; names and constants read nothing.
			return { sym: up.tex, num: delta, up };
		default:
			return assertNever(q);
	}
}

/**
 * An element-wise op reading c: the local derivative times the upstream gradient, element by
 * element (⊙), or summed over the elements where c is a scalar broadcast over a vector.
 */
function elementRule(w: Writer, q: Part, c: Part, up: Upstream): Rule {
	const t = w.t;
	const j = q.children.indexOf(c);
	const other = q.children[1 - j];
	const name = (p: Part) => partTex(t, p);
	const delta = w.matrix(up.shape, up.at);
	const loc = elementLocal(t, q, c);
	const n = q.ids.length;
	const neg = q.op === 'neg' || (q.op === 'sub' && j === 1);
	const unit = q.op === 'add' || q.op === 'sub' || q.op === 'neg';
	if (isScalar(q)) {
		const l = localSym(t, q, c);
		if (unit) return { sym: `${neg ? '-' : ''}${up.seed ? '1' : up.tex}`, num: `${neg ? '-' : ''}${w.num(up.at(0))}`, up };
		return { sym: up.seed ? l : `${factor(l)}\\, ${up.tex}`, num: up.seed ? w.num(loc(0)) : `${w.num(loc(0))} \\cdot ${w.num(up.at(0))}`, up };
	}
	if (isScalar(c)) {
		// A scalar broadcast over the vector: every element it met passes back, and they add.
		const l = localSym(t, q, c);
		const sym = unit
			? q.shape.length === 1
				? `${neg ? '-' : ''}\\vec{1}^{\\top} ${up.tex}`
				: `${neg ? '-' : ''}\\operatorname{sum}${paren(up.tex)}`
			: q.shape.length === 1
				? `${tr(l)} ${up.tex}`
				: `\\operatorname{sum}${paren(`${factor(l)} \\odot ${up.tex}`)}`;
		const num = unit
			? `${neg ? '-' : ''}\\left(${w.sumOf(n, (k) => w.num(up.at(k)))}\\right)`
			: w.sumOf(n, (k) => `${w.num(loc(k))} \\cdot ${w.num(up.at(k))}`);
		return { sym, num, up, shapes: q.shape.length === 1 ? product(`1{\\times}${q.shape[0]}`, `${q.shape[0]}`) : undefined };
	}
	if (unit) return { sym: `${neg ? '-' : ''}${up.tex}`, num: `${neg ? '-' : ''}${delta}`, up };
	if (q.op === 'mul' && isScalar(other))
		return { sym: `${name(other)}\\, ${up.tex}`, num: `${w.num(t.graph.value[other.ids[0]])} \\cdot ${delta}`, up };
	const l = localSym(t, q, c);
	const small = q.shape.length === 1 && n <= 3 && elementwiseUnary(q);
	const jac = small ? `${d(name(q), name(c))} = \\operatorname{diag}${paren(l)} = ${w.matrix([n, n], (k) => (k % (n + 1) === 0 ? loc(k / (n + 1)) : 0))}` : undefined;
	return {
		sym: `${factor(l)} \\odot ${up.tex}`,
		num: `${w.matrix(q.shape, loc)} \\odot ${delta}`,
		up,
		shapes: hadamard(q.shape),
		jacobian: jac
	};
}

/** q = a @ b: each factor's gradient in matrix form, by the factors' shapes (a vector is a column, n×1, and a row once transposed). */
function matmulRule(w: Writer, q: Part, c: Part, up: Upstream): Rule {
	const t = w.t;
	const [a, b] = q.children;
	const j = q.children.indexOf(c);
	const name = (p: Part) => partTex(t, p);
	const delta = w.matrix(up.shape, up.at);
	if (a.shape.length === 1 && b.shape.length === 1) {
		// a · b, a scalar: the other vector, times the upstream number unless it is the seed 1.
		const other = q.children[1 - j];
		const v = w.matrix(other.shape, w.values(other));
		return { sym: up.seed ? name(other) : `${up.tex}\\, ${name(other)}`, num: up.seed ? v : `${w.num(up.at(0))} \\cdot ${v}`, up };
	}
	const A = name(a);
	const B = name(b);
	const av = w.values(a);
	const bv = w.values(b);
	if (a.shape.length === 2 && b.shape.length === 1) {
		const [m, n] = a.shape;
		const jac = j === 1 && m <= 3 && n <= 3 ? `${d(name(q), B)} = ${A} = ${w.matrix(a.shape, av)}` : undefined;
		return j === 0
			? { sym: `${up.tex}\\, ${tr(B)}`, num: `${w.matrix([m, 1], up.at)} ${w.row(n, bv)}`, up, shapes: product(`${m}{\\times}1`, `1{\\times}${n}`) }
			: { sym: `${tr(A)} ${up.tex}`, num: `${w.transposed(a.shape, av)} ${delta}`, up, shapes: product(`${n}{\\times}${m}`, `${m}`), jacobian: jac };
	}
	if (a.shape.length === 1 && b.shape.length === 2) {
		const [n, p] = b.shape;
		return j === 0
			? { sym: `${B}\\, ${up.tex}`, num: `${w.matrix(b.shape, bv)} ${delta}`, up, shapes: product(`${n}{\\times}${p}`, `${p}`) }
			: { sym: `${A}\\, ${tr(up.tex)}`, num: `${w.matrix([n, 1], av)} ${w.row(p, up.at)}`, up, shapes: product(`${n}{\\times}1`, `1{\\times}${p}`) };
	}
	const [m, n] = a.shape;
	const p = b.shape[1];
	return j === 0
		? { sym: `${up.tex}\\, ${tr(B)}`, num: `${delta} ${w.transposed(b.shape, bv)}`, up, shapes: product(`${m}{\\times}${p}`, `${p}{\\times}${n}`) }
		: { sym: `${tr(A)} ${up.tex}`, num: `${w.transposed(a.shape, av)} ${delta}`, up, shapes: product(`${n}{\\times}${m}`, `${m}{\\times}${p}`) };
}

/**
 * A registry function that reads a whole vector, by how it expands: a reduction or a pair of
 * vectors gives a vector of local derivatives times the upstream scalar; a vector function gives
 * its Jacobian's transpose times the upstream vector. The numbers are the edges' local derivatives.
 */
function callRule(w: Writer, q: Part & { op: 'call' }, c: Part, up: Upstream): Rule {
	const t = w.t;
	const fn = q.spec.fn;
	const local = localSym(t, q, c, q.spec);
	const J = jacobian(t, q, c);
	const n = c.ids.length;
	const delta = w.matrix(up.shape, up.at);
	switch (fn.expand) {
		case 'map':
			// Element-wise calls are handled with the operators.
			return { sym: up.tex, num: delta, up };
		case 'reduce':
		case 'pairs': {
			const vec = w.matrix(c.shape, (k) => J[k]);
			return {
				sym: up.seed ? local : `${up.tex}\\, ${factor(local)}`,
				num: up.seed ? vec : `${w.num(up.at(0))} \\cdot ${vec}`,
				up
			};
		}
		case 'vector': {
			const Jt = fn.jacobianSymmetric ? paren(local) : tr(paren(local));
			return {
				sym: `${Jt} ${up.tex}`,
				num: `${w.matrix([n, n], (k) => J[(k % n) * n + Math.floor(k / n)])} ${delta}`,
				up,
				shapes: product(`${n}{\\times}${n}`, `${n}`)
			};
		}
	}
}

/** Whether a line (or a use) involves a vector or matrix: only those get matrix-form rules. */
function vectorial(p: Part | undefined): boolean {
	if (!p) return false;
	const known = vectorialParts.get(p);
	if (known !== undefined) return known;
	// Children first on an explicit stack, each part once: a row of 100,000 scalar terms is a part
	// tree that deep, and every use of a name in it asks about its own prefix of the row.
	const stack: { q: Part; open: boolean }[] = [{ q: p, open: false }];
	while (stack.length > 0) {
		const { q, open } = stack.pop()!;
		if (vectorialParts.has(q)) continue;
		if (open) {
			vectorialParts.set(q, !isScalar(q) || q.children.some((c) => vectorialParts.get(c) === true));
			continue;
		}
		stack.push({ q, open: true });
		for (const c of q.children) if (!vectorialParts.has(c)) stack.push({ q: c, open: false });
	}
	return vectorialParts.get(p)!;
}
const vectorialParts = new WeakMap<Part, boolean>();

/** The parts of a line below its root, top-down, that get a rule line: not names, constants or sums that pass the gradient on. */
function innerParts(t: Trace, root: Part): Part[] {
	const out: Part[] = [];
	// Top-down, left to right, on an explicit stack (a row of terms is a tree as deep as it is long).
	const stack: [Part, Part][] = [];
	const push = (p: Part) => {
		for (let k = p.children.length - 1; k >= 0; k--) stack.push([p, p.children[k]]);
	};
	push(root);
	while (stack.length > 0) {
		const [p, c] = stack.pop()!;
		if (c.op === 'name' || c.op === 'const') continue;
		if (!passesThrough(p, c)) out.push(c);
		push(c);
	}
	return out;
}

/** `where δ_h = ∂L/∂net_h, net_h = W₁x + b₁`: for each named piece a step mentions. */
function whereLinesFor(t: Trace, parts: Iterable<Part>, defined: Set<Part>): TexLine[] {
	const out: TexLine[] = [];
	const seen = new Set<Part>();
	for (const p of parts) {
		if (seen.has(p)) continue;
		seen.add(p);
		const def = partDefinition(t, p);
		if (!def) continue;
		const delta = deltaTex(t, p);
		const parts = [delta && !defined.has(p) ? `${delta} = ${d(outTex(t), partTex(t, p))}` : '', def].filter(Boolean);
		out.push({ caption: 'where', tex: parts.join(',\\quad ') });
	}
	return out;
}

/** `lhs = rule = numbers = result`, each side once; KaTeX breaks the line after an = where it is too wide. */
function derivation(w: Writer, lhs: string, rules: Rule[], shape: Shape, at: (k: number) => number): string {
	const result = w.matrix(shape, at);
	const sym = rules.map((r) => r.sym).join(' + ');
	const num = rules.map((r) => r.num).join(' + ');
	const sides = [lhs, sym];
	if (num !== sym) sides.push(num);
	if (rules.length > 1 || (num !== result && sym !== result)) sides.push(result);
	return sides.join(' = ');
}

/** The shapes of a rule's factors, `(4{\times}1)(1{\times}3)`, one product per use; undefined where a rule has none. */
function factorShapes(rules: Rule[]): string | undefined {
	return rules.every((r) => r.shapes) ? rules.map((r) => r.shapes!).join(' + ') : undefined;
}

const shapeWords = (s: Shape) => (s.length === 0 ? 'a scalar' : s.length === 1 ? `a vector of ${s[0]}` : `${s[0]}×${s[1]}`);

export function vectorBackwardLines(t: Trace, step: Step & { kind: 'group-backward' }, sig: number = DEFAULT_SIG): TexLine[] {
	const g = t.graph;
	const ix = partIndex(t);
	const grp = g.groups[step.group];
	const own = g.parts[step.stmt];
	const uses = ix.uses.get(step.group) ?? [];
	const isOutput = step.stmt === g.statements.length - 1;
	const readers = uses.map((u) => ix.parent.get(u));
	const relevant = grp.shape.length > 0 || vectorial(own) || uses.some((u, k) => vectorial(readers[k] ?? g.parts[ix.stmtOf.get(u)!]));
	if (!relevant) return [];
	const w = new Writer(t, sig);
	const lines: TexLine[] = [];
	const mentioned: Part[] = [];
	const defined = new Set<Part>();
	const me = groupTex(t, step.group);
	const out = outTex(t);
	const gradAt = (k: number) => g.grad[grp.ids[k]];

	if (!isOutput) {
		// With q[k] the output may read some elements only: the value takes part if any element does.
		if (uses.length === 0 || !grp.ids.some((id) => t.live[id])) return [];
		const rules = uses.map((u, k) => rule(w, readers[k], u, g.parts[ix.stmtOf.get(u)!]));
		const lhs = d(out, me);
		lines.push({ caption: uses.length > 1 ? `${uses.length} uses add` : 'rule', tex: derivation(w, lhs, rules, grp.shape, gradAt) });
		for (const r of rules) if (r.jacobian) lines.push({ caption: 'Jacobian', tex: r.jacobian });
		// The shapes of the factors multiply out to the value's own shape: the check the slides make.
		const shapes = factorShapes(rules);
		const size = grp.shape.length ? shapeTex(grp.shape) : '\\text{a scalar}';
		lines.push({ caption: 'shape check', tex: `${lhs} \\text{ is }${shapes ? `${shapes} = ` : ''}${size}\\text{, the shape of } ${me}` });
		for (const r of rules) mentioned.push(r.up.part);
	}

	if (own) {
		for (const p of innerParts(t, own)) {
			const q = ix.parent.get(p)!;
			const r = rule(w, q, p);
			const delta = deltaTex(t, p);
			const name = d(out, partTex(t, p));
			const lhs = delta ? `${delta} = ${name}` : name;
			if (delta) defined.add(p);
			const value = gradOf(t, p);
			const shapes = factorShapes([r]);
			lines.push({ caption: 'rule', tex: derivation(w, lhs, [r], p.shape, value) + (shapes ? shapesNote(shapes, p.shape) : '') });
			if (r.jacobian) lines.push({ caption: 'Jacobian', tex: r.jacobian });
			mentioned.push(p, r.up.part);
		}
	}
	lines.push(...whereLinesFor(t, mentioned, defined));
	return lines;
}

/** The op of a part written with its operands (names or numbers). */
function opTex(p: Part, a: string[], vec: boolean): string {
	switch (p.op) {
		case 'add':
			return `${a[0]} + ${a[1]}`;
		case 'sub':
			return `${a[0]} - ${factor(a[1])}`;
		case 'mul':
			return vec && !p.children.some(isScalar) ? `${factor(a[0])} \\odot ${factor(a[1])}` : `${factor(a[0])} \\cdot ${factor(a[1])}`;
		case 'div':
			return vec ? `${factor(a[0])} \\oslash ${factor(a[1])}` : `\\frac{${a[0]}}{${a[1]}}`;
		case 'inv':
			return `\\frac{1}{${a[0]}}`;
		case 'matmul':
			// A vector on the left is a row: wᵀx, xᵀW (the numbers print it as a 1×n matrix).
			return `${p.children[0].shape.length === 1 && !a[0].startsWith('\\begin') ? tr(a[0]) : factor(a[0])}\\, ${factor(a[1])}`;
		case 'neg':
			return `-${factor(a[0])}`;
		case 'pow':
			return `${factor(a[0])}^{${p.expr.kind === 'power' ? fmtExponent(p.expr.exponent) : 1}}`;
		case 'call':
			// The registry's own form, each argument bracketed once (not \\sigma((z))).
			return p.spec.fn.tex(a.map((x) => (enclosed(x) && x.startsWith('\\left(') ? x.slice(6, -7) : x)));
		case 'transpose':
			return tr(a[0]);
		case 'index':
			return `${factor(a[0])}_{${p.expr.kind === 'index' ? p.expr.at.join(',') : ''}}`;
		case 'vector':
			return `\\begin{bmatrix}${a.join(' \\\\ ')}\\end{bmatrix}`;
		case 'name':
		case 'const':
			return a.join(', ');
		default:
			return assertNever(p);
	}
}

function forwardShapes(p: Part): string {
	const [a, b] = p.children;
	// A vector on the left of @ is a row: (1×3)(3×2) = 2, (1×3)(3) = 1.
	if (p.op === 'matmul') return shapesNote(product(a.shape.length === 1 ? `1{\\times}${a.shape[0]}` : shapeTex(a.shape), shapeTex(b.shape)), p.shape);
	if (elementwiseBinary(p) && !sameShape(a.shape, b.shape))
		return `\\qquad {\\scriptstyle ${shapeTex(a.shape)} \\text{ and } ${shapeTex(b.shape)} \\,\\to\\, ${shapeTex(p.shape)}}`;
	if (p.op === 'transpose') return `\\qquad {\\scriptstyle (${shapeTex(a.shape)})^{\\top} \\,=\\, ${shapeTex(p.shape)}}`;
	return '';
}

export function vectorForwardLines(t: Trace, step: Step & { kind: 'group-forward' }, sig: number = DEFAULT_SIG): TexLine[] {
	const g = t.graph;
	const root = g.parts[step.stmt];
	if (!root || !vectorial(root)) return [];
	const w = new Writer(t, sig);
	const lines: TexLine[] = [];
	const mentioned: Part[] = [];
	const visit = (p: Part) => {
		if (p.op === 'name' || p.op === 'const' || (p !== root && isView(p))) return;
		if (p !== root && !vectorial(p)) return;
		const vec = !isScalar(p) || p.children.some((c) => !isScalar(c));
		const sym = opTex(p, p.children.map((c) => partTex(t, c)), vec);
		const asRow = (c: Part, k: number) => p.op === 'matmul' && k === 0 && c.shape.length === 1;
		const num = opTex(p, p.children.map((c, k) => (isScalar(c) ? w.num(g.value[c.ids[0]]) : w.matrix(asRow(c, k) ? [1, c.shape[0]] : c.shape, w.values(c)))), vec);
		const value = w.matrix(p.shape, w.values(p));
		const lhs = p === root ? groupTex(t, step.group) : partTex(t, p);
		const bare = (s: string) => s.replace(/\\left\(|\\right\)|\\,|\s/g, '');
		const sides = bare(lhs) === bare(sym) ? [lhs] : [lhs, sym];
		// A vector written from its entries: its numbers are its value.
		if (num !== sym && p.op !== 'vector') sides.push(num);
		if (value !== num) sides.push(value);
		lines.push({ caption: p === root ? 'vector form' : 'inside', tex: sides.join(' = ') + forwardShapes(p) });
		if (p !== root) mentioned.push(p);
	};
	// Children before parents, left to right, on an explicit stack: a row of terms is as deep as it is long.
	const stack: { p: Part; open: boolean }[] = [{ p: root, open: false }];
	while (stack.length > 0) {
		const top = stack.pop()!;
		if (top.open) {
			visit(top.p);
			continue;
		}
		stack.push({ p: top.p, open: true });
		for (let k = top.p.children.length - 1; k >= 0; k--) stack.push({ p: top.p.children[k], open: false });
	}
	for (const p of mentioned) {
		const def = partDefinition(t, p);
		if (def && !lines.some((l) => l.tex.startsWith(`${partTex(t, p)} = `))) lines.push({ caption: 'where', tex: def });
	}
	return lines;
}

/** Plain words for a step's shapes, used by the step's sentence. */
export function shapeSentence(t: Trace, group: number): string {
	const grp = t.graph.groups[group];
	return `∂${t.label(t.graph.output)}/∂${grp.name} is ${shapeWords(grp.shape)}, the shape of ${grp.name}`;
}
