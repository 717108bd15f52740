import type { Consumers, Graph, Part } from '../graph/graph.ts';
import { forEachSubExpr, type Expr, type Program } from '../language/ast.ts';
import { exprTex } from '../tex/expr.ts';
import { boundPiece, boundPieceText, callTag } from './gate-names.ts';
import { anonymousPrefix, elementLabel, elementTex, nameTex } from '../tex/names.ts';
import { fmt, texOperand } from '../tex/number.ts';
import { finish, pauseAt, type Sliced } from '../slices.ts';

/**
 * How a node is called, in plain text and LaTeX. Named values keep their program names; an
 * unnamed inner node of a line gets a name a student can read from the program:
 * - `net`: the argument of an activation that makes a named value, `net_o1` (the textbooks' net input);
 * - `expr`: a short piece of the line, written as the student wrote it, `(w5*h1)`, `(W1 @ x)[0]`;
 * - `symbol`: anything longer, `v3`, defined in words where it is used.
 */
export type InnerKind = 'net' | 'expr' | 'symbol';

export interface InnerName {
	readonly kind: InnerKind;
	readonly label: string;
	readonly tex: string;
	/** `\mathrm{net}_{o_{1}} = w_{5} \cdot h_{1} + …`: what the name stands for. */
	readonly definition: string;
	/** "the net input of o1 (the argument of its sigmoid)", "the piece -(w0*x0 + w1*x1 + w2) of line 6". */
	readonly role: string;
	/** For a net input: the activation node it feeds. */
	readonly of?: number;
}

export interface NodeNames {
	label(node: number): string;
	tex(node: number): string;
	/** Undefined for named values, leaves and constants. */
	inner(node: number): InnerName | undefined;
	/** Makes now, pausing now and then, the whole-graph tables that names are otherwise made from on first read. */
	warm(): Sliced<void>;
}

/** LaTeX of a named value as a whole: a scalar by its node's name, a vector or matrix by its own (`W_{1}`). */
export function groupTex(t: { readonly graph: Graph; tex(node: number): string }, group: number): string {
	const grp = t.graph.groups[group];
	return grp.shape.length === 0 ? t.tex(grp.ids[0]) : nameTex(grp.name);
}

/**
 * A piece of a line written as a name, products by juxtaposition as in the slides: ∂E/∂(w_5 h_1).
 * A factor that starts with a digit or a minus keeps its `\cdot` (`2 \cdot 3`, `2 \cdot -x` must not read 23, 2 − x).
 */
export function pieceNameTex(e: Expr): string {
	return exprTex(e).replace(/ \\cdot (?![0-9-])/g, '\\,');
}

/** Past this many characters a piece is quoted by its start and defined through its operands. */
const LONG_PIECE = 160;
/** Longer pieces of a line would swamp every fraction they appear in: they get a symbol. */
const EXPR_LABEL_LIMIT = 24;

export function nodeNames(g: Graph, program: Program, consumers: Consumers): NodeNames {
	const labels: (string | undefined)[] = new Array(g.size);
	const texes: (string | undefined)[] = new Array(g.size);
	let inner: ((node: number) => InnerName | undefined) | undefined;
	let groupTex: ((group: number, k: number) => string) | undefined;
	const named = (i: number) => g.groups[g.group[i]];
	const self: NodeNames = {
		label(i) {
			let l = labels[i];
			if (l === undefined) {
				const grp = named(i);
				l = grp ? elementLabel(grp.name, grp.shape, g.elem[i]) : g.kind[i] === 'const' ? fmt(g.value[i]) : self.inner(i)!.label;
				labels[i] = l;
			}
			return l;
		},
		tex(i) {
			let t = texes[i];
			if (t === undefined) {
				const grp = named(i);
				t = grp
					? (groupTex ??= finish(elementTexes(g)))(g.group[i], g.elem[i])
					: g.kind[i] === 'const'
						? texOperand(g.value[i])
						: self.inner(i)!.tex;
				texes[i] = t;
			}
			return t;
		},
		inner(i) {
			if (g.group[i] >= 0 || g.kind[i] !== 'op') return undefined;
			return (inner ??= finish(innerNames(g, program, consumers, self)))(i);
		},
		*warm() {
			groupTex ??= yield* elementTexes(g);
			inner ??= yield* innerNames(g, program, consumers, self);
		}
	};
	return self;
}

/**
 * LaTeX of named elements. A vector's element is `w_{1}` unless that would read like another
 * name (a scalar `w1`, a matrix `W1`'s row): then that vector writes its index in brackets, `w_{[1]}`.
 */
function* elementTexes(g: Graph): Sliced<(group: number, k: number) => string> {
	const seen = new Map<string, number>();
	const clash = new Set<number>();
	const claim = (t: string, k: number) => {
		const other = seen.get(t);
		if (other === undefined || other === k) return void seen.set(t, k);
		if (g.groups[other].shape.length > 0) clash.add(other);
		if (g.groups[k].shape.length > 0) clash.add(k);
	};
	// A matrix W1 is written W_{1} as a whole: a vector W's element 1 must not read the same.
	g.groups.forEach((grp, k) => grp.shape.length > 0 && claim(nameTex(grp.name), k));
	let done = 0;
	for (let k = 0; k < g.groups.length; k++) {
		const grp = g.groups[k];
		for (let e = 0; e < grp.ids.length; e++) {
			if (pauseAt(done++)) yield;
			claim(elementTex(grp.name, grp.shape, e), k);
		}
	}
	return (group, k) => {
		const grp = g.groups[group];
		if (!clash.has(group)) return elementTex(grp.name, grp.shape, k);
		const idx = grp.shape.length === 2 ? [Math.floor(k / grp.shape[1]), k % grp.shape[1]] : [k];
		return `${nameTex(grp.name)}_{[${idx.join(',')}]}`;
	};
}

function spanKey(offset: number, length: number): string {
	return `${offset}:${length}`;
}

/**
 * The sub-expression of the program with a given span, so a node can find the text that made it.
 * Only the statement holding the span is indexed, on first use: a 100,000-item literal on
 * another line is never walked for it.
 */
function expressionFinder(program: Program): (offset: number, length: number) => Expr | undefined {
	const byStatement = new Map<number, Map<string, Expr>>();
	let inBodies: Map<string, Expr> | undefined;
	// An explicit stack: a row of 100,000 terms is a tree that deep.
	const index = (roots: readonly Expr[]) => {
		const out = new Map<string, Expr>();
		for (const root of roots) forEachSubExpr(root, (e) => out.set(spanKey(e.span.offset, e.span.length), e));
		return out;
	};
	const ss = program.statements;
	return (offset, length) => {
		// The last statement starting at or before the span: statements are in source order.
		let lo = 0;
		let hi = ss.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (ss[mid].expr.span.offset <= offset) lo = mid;
			else hi = mid - 1;
		}
		const key = spanKey(offset, length);
		if (ss.length > 0) {
			let m = byStatement.get(lo);
			if (!m) byStatement.set(lo, (m = index([ss[lo].expr])));
			const e = m.get(key);
			if (e) return e;
		}
		// An expanded gate call's nodes carry the spans of the gate's body.
		return (inBodies ??= index(program.definitions.map((d) => d.body))).get(key);
	};
}

/** Whether the bracket opening at `from` closes at the very end of `text`. */
function closesAtEnd(text: string, from: number): boolean {
	let depth = 0;
	for (let k = from; k < text.length; k++) {
		if (text[k] === '(') depth++;
		else if (text[k] === ')' && --depth === 0) return k === text.length - 1;
	}
	return false;
}

/** A call like `sigmoid(a + b)` or a negated bracket `-(a + b)` already reads as one thing; anything else gets brackets. */
function isCall(text: string): boolean {
	const m = /^(?:[A-Za-z]\w*|-)\(/.exec(text);
	return !!m && closesAtEnd(text, m[0].length - 1);
}

/** The text of a node's piece of the line, one space between words, without brackets of its own. */
function pieceText(g: Graph, i: number): string {
	let s = (boundPieceText(g, i) ?? g.source.slice(g.spans[i].offset, g.spans[i].offset + g.spans[i].length)).replace(/\s+/g, ' ').trim();
	while (s.startsWith('(') && closesAtEnd(s, 0)) s = s.slice(1, -1).trim();
	return s;
}

/**
 * Inner names, made on first read. Telling whether a label is unique needs every node's
 * label, so that pass runs over the whole graph; the names themselves (their LaTeX, roles
 * and definitions) are made only for the nodes a page shows, as a 100,000-element vector's
 * products would otherwise cost a second of the page's time before its first step.
 */
function* innerNames(g: Graph, program: Program, c: Consumers, names: NodeNames): Sliced<(i: number) => InnerName | undefined> {
	const exprAt = expressionFinder(program);
	const lineOf = (i: number) => g.statements[g.stmt[i]].span.line;

	const { count, rank, keyOf } = yield* pieceKeys(g);
	// The elements of a piece share its text: it is cut from the line once.
	const texts = new Map<string, string>();
	const textOf = (i: number) => {
		const key = keyOf[i]!;
		let t = texts.get(key);
		if (t === undefined) texts.set(key, (t = pieceText(g, i)));
		return t;
	};
	const inVector = yield* vectorMembers(g);
	const sub = (i: number) => boundPiece(g, i, exprAt(g.spans[i].offset, g.spans[i].length));
	const index = (i: number) => ((count.get(keyOf[i]!) ?? 1) > 1 || inVector[i] ? rank[i] : -1);
	/** The piece as an operand (`bare` false: bracketed unless it is a call) or as a definition's right side. */
	const pieceTex = (i: number, bare = false) => {
		const e = sub(i);
		const body = e ? pieceNameTex(e) : names.label(i);
		const k = index(i);
		const text = textOf(i);
		if (bare && k < 0) return body;
		return `${isCall(text) && !text.startsWith('-') ? body : `\\left(${body}\\right)`}${k >= 0 ? `_{${k}}` : ''}`;
	};

	const ownTex = (i: number) => {
		const a: string[] = [];
		for (let k = g.inputStart[i]; k < g.inputStart[i + 1]; k++) a.push(names.tex(g.inputs[k]));
		const p = g.param[i];
		return g.op[i]!.tex({ a, y: names.tex(i), p, sibling: (j) => names.tex(i - p + j) });
	};

	// Pass 1: the role each inner node can take, and the labels that role gives.
	const want: (Wanted | undefined)[] = new Array(g.size);
	for (let i = 0; i < g.size; i++) {
		if (pauseAt(i)) yield;
		if (keyOf[i] === undefined) continue;
		const of = activationOf(g, c, i);
		if (of !== undefined) want[i] = { kind: 'net', label: `net_${names.label(of)}`, of };
		else if (g.spans[i].length <= EXPR_LABEL_LIMIT * 2) {
			const text = textOf(i);
			const k = index(i);
			if (text.length <= EXPR_LABEL_LIMIT) want[i] = { kind: 'expr', label: `${isCall(text) ? text : `(${text})`}${k >= 0 ? `[${k}]` : ''}` };
		}
	}
	const symbol = yield* symbolNumbers(g, keyOf, want);
	const prefix = anonymousPrefix(g.statements.map((s) => s.name));
	const symTex = prefix.length > 1 ? `\\mathit{${prefix}}` : prefix;

	const make = (i: number): InnerName => {
		const line = lineOf(i);
		const text = () => {
			// A piece longer than a sentence is quoted by its start: slicing it whole per step would cost its length each time.
			const long = g.spans[i].length > LONG_PIECE;
			const s = long ? g.source.slice(g.spans[i].offset, g.spans[i].offset + 57).replace(/\s+/g, ' ') : textOf(i);
			const k = index(i);
			return `${s.length > 60 || long ? `${s.slice(0, 57)}…` : s}${k >= 0 ? ` (element ${k})` : ''}`;
		};
		// Long pieces are defined through the node's own operands (`v_{3} = v_{2} + x_{9}`), in O(arity).
		const rhs = () => (g.spans[i].length > LONG_PIECE ? ownTex(i) : pieceTex(i, true));
		const n = symbol[i];
		if (n === 0) {
			const w = want[i]!;
			if (w.kind === 'net') {
				const of = w.of!;
				const tex = `\\mathrm{net}_{${names.tex(of)}}`;
				const fn = g.op[of]!.name;
				return lazyName('net', w.label, tex, () => `${tex} = ${rhs()}`, () => `the net input of ${names.label(of)} (the argument of its ${fn}, ${text()})`, of);
			}
			const tex = pieceTex(i);
			return lazyName('expr', w.label, tex, () => tex, () => `the piece ${w.label} of line ${line}`);
		}
		const tex = `${symTex}_{${n}}`;
		return lazyName('symbol', `${prefix}${n}`, tex, () => `${tex} = ${rhs()}`, () => `the piece ${text()} of line ${line}`);
	};
	const out: (InnerName | undefined)[] = new Array(g.size);
	return (i) => (keyOf[i] === undefined ? undefined : (out[i] ??= make(i)));
}

interface Wanted {
	kind: InnerKind;
	label: string;
	of?: number;
}

/** Elements of one vector-valued piece share its span (and op): each key's nodes are ranked in creation order. */
function* pieceKeys(g: Graph): Sliced<{ count: Map<string, number>; rank: Int32Array; keyOf: (string | undefined)[] }> {
	const count = new Map<string, number>();
	const rank = new Int32Array(g.size);
	const keyOf: (string | undefined)[] = new Array(g.size);
	for (let i = 0; i < g.size; i++) {
		if (pauseAt(i)) yield;
		if (g.group[i] >= 0 || g.kind[i] !== 'op') continue;
		const key = `${spanKey(g.spans[i].offset, g.spans[i].length)}:${g.op[i]!.name}${callTag(g, i)}`;
		keyOf[i] = key;
		const n = count.get(key) ?? 0;
		rank[i] = n;
		count.set(key, n + 1);
	}
	return { count, rank, keyOf };
}

/** A piece of a 1-vector (`W2 @ h` with one row) is an element too: the nodes of every non-scalar piece. */
function* vectorMembers(g: Graph): Sliced<Uint8Array> {
	const inVector = new Uint8Array(g.size);
	const stack: Part[] = [];
	for (const root of g.parts ?? []) if (root) stack.push(root);
	for (let seen = 0; stack.length > 0; seen++) {
		if (pauseAt(seen)) yield;
		const p = stack.pop()!;
		if (p.shape.length > 0) for (const id of p.ids) inVector[id] = 1;
		for (const c of p.children) stack.push(c);
	}
	return inVector;
}

/**
 * Pass 2: a label two nodes would share (or a named value's) names neither; both become
 * symbols, numbered in node order. 0: the node keeps the label it wanted.
 */
function* symbolNumbers(g: Graph, keyOf: readonly (string | undefined)[], want: readonly (Wanted | undefined)[]): Sliced<Int32Array> {
	const taken = new Map<string, number>();
	for (const grp of g.groups) taken.set(grp.name, 2);
	for (const w of want) if (w) taken.set(w.label, (taken.get(w.label) ?? 0) + 1);
	const symbol = new Int32Array(g.size);
	let symbols = 0;
	for (let i = 0; i < g.size; i++) {
		if (pauseAt(i)) yield;
		if (keyOf[i] === undefined) continue;
		const w = want[i];
		if (!(w && taken.get(w.label) === 1)) symbol[i] = ++symbols;
	}
	return symbol;
}

/** Definitions and roles are made on first read: most inner nodes are never shown. */
function lazyName(kind: InnerKind, label: string, tex: string, definition: () => string, role: () => string, of?: number): InnerName {
	let d: string | undefined;
	let r: string | undefined;
	return {
		kind,
		label,
		tex,
		get definition() {
			return (d ??= definition());
		},
		get role() {
			return (r ??= role());
		},
		...(of === undefined ? {} : { of })
	};
}

/**
 * The named activation this node is the whole argument of, if any: `o1` for the sum inside
 * `o1 = sigmoid(…)`, `p[k]` for the k-th input of `p = softmax(…)`.
 */
function activationOf(g: Graph, c: Consumers, i: number): number | undefined {
	const from = c.start[i];
	const to = c.start[i + 1];
	if (to === from) return undefined;
	const first = c.edgeOwner[c.edges[from]];
	const spec = g.op[first];
	if (!spec?.fn?.activation) return undefined;
	if (spec.fn.expand !== 'vector') return to - from === 1 && g.group[first] >= 0 ? first : undefined;
	// Softmax reads every input from every output: the k-th input is the net input of output k.
	const pos = c.edges[from] - g.inputStart[first];
	const target = first - g.param[first] + pos;
	for (let e = from; e < to; e++) {
		const o = c.edgeOwner[c.edges[e]];
		if (g.op[o] !== spec || o - g.param[o] !== first - g.param[first]) return undefined;
	}
	return g.group[target] >= 0 ? target : undefined;
}
