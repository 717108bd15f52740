import type { Part, Shape } from '../graph/graph.ts';
import { exprTex } from '../tex/expr.ts';
import { nameTex } from '../tex/names.ts';
import { groupTex, pieceNameTex } from './names.ts';
import { texOperand } from '../tex/number.ts';
import type { Trace } from './build.ts';

/**
 * The parts of a program (graph.parts) seen from a vectorized step: who reads each part, which
 * line it is on, the uses of each named value, and what each part is called. Built once per trace.
 */
export interface PartIndex {
	readonly parent: Map<Part, Part>;
	readonly stmtOf: Map<Part, number>;
	/** `name` parts that read each group, in program order. */
	readonly uses: Map<number, Part[]>;
	/** Symbols for pieces too long to be their own name (`\vec{u}_{1}`). */
	readonly symbol: Map<Part, string>;
	/** Whether δ may name a net input's gradient (no program name starts with delta). */
	readonly deltaFree: boolean;
}

const indexes = new WeakMap<Trace, PartIndex>();

/** Parts whose ids belong to another part or a named value: they made no nodes. */
export function isView(p: Part): boolean {
	return p.op === 'name' || p.op === 'vector' || p.op === 'transpose' || p.op === 'const';
}

export const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);

/** A longer piece would make every fraction it sits in unreadable. */
const NAME_LIMIT = 40;

export function partIndex(t: Trace): PartIndex {
	let ix = indexes.get(t);
	if (ix) return ix;
	const g = t.graph;
	const parent = new Map<Part, Part>();
	const stmtOf = new Map<Part, number>();
	const uses = new Map<number, Part[]>();
	const symbol = new Map<Part, string>();
	const groupByName = new Map(g.groups.map((grp, k) => [grp.name, k]));
	const visit = (p: Part, s: number, root: boolean) => {
		stmtOf.set(p, s);
		if (p.op === 'name') {
			const k = groupByName.get(p.expr.kind === 'name' ? p.expr.name : '');
			if (k !== undefined) (uses.get(k) ?? uses.set(k, []).get(k)!).push(p);
		}
		if (!root && !isView(p) && p.ids.length > 1 && t.inner(p.ids[0])?.kind !== 'net' && pieceNameTex(p.expr).length > NAME_LIMIT)
			symbol.set(p, `\\vec{u}_{${symbol.size + 1}}`);
		for (const c of p.children) parent.set(c, p);
	};
	// Parents first, left to right (the order symbols are numbered in), on an explicit stack:
	// a row of terms is a part tree as deep as it is long.
	g.parts.forEach((root, s) => {
		const stack: Part[] = root ? [root] : [];
		while (stack.length > 0) {
			const p = stack.pop()!;
			visit(p, s, p === root);
			for (let k = p.children.length - 1; k >= 0; k--) stack.push(p.children[k]);
		}
	});
	ix = { parent, stmtOf, uses, symbol, deltaFree: !g.statements.some((s) => /^delta/i.test(s.name)) };
	indexes.set(t, ix);
	return ix;
}

export function isRoot(t: Trace, p: Part): boolean {
	const s = partIndex(t).stmtOf.get(p);
	return s !== undefined && t.graph.parts[s] === p;
}

/** The group a root part or a `name` part stands for. */
export function groupOfPart(t: Trace, p: Part): number | undefined {
	const g = t.graph;
	const s = partIndex(t).stmtOf.get(p);
	if (s !== undefined && g.parts[s] === p) {
		const k = g.groups.findIndex((grp) => grp.stmt === s);
		return k < 0 ? undefined : k;
	}
	if (p.op === 'name') return g.groups.findIndex((grp) => p.expr.kind === 'name' && grp.name === p.expr.name);
	return undefined;
}

/** The net input of a named activation: the whole vector the activation reads. */
function netOf(t: Trace, p: Part): number | undefined {
	if (isView(p)) return undefined;
	const n = t.inner(p.ids[0]);
	if (n?.kind !== 'net' || n.of === undefined) return undefined;
	const grp = t.graph.group[n.of];
	return grp >= 0 && t.graph.groups[grp].ids.length === p.ids.length ? grp : undefined;
}

/**
 * What a part is called in a vectorized step: its value's name for a line's root or a name; the
 * lead's name for a scalar; `\mathrm{net}_{h}` for an activation's argument (its elements are
 * `\mathrm{net}_{h_{0}}` …); the piece as written, `\left(W_{2} h\right)`; or a symbol for a long one.
 */
export function partTex(t: Trace, p: Part): string {
	const grp = groupOfPart(t, p);
	if (grp !== undefined && grp >= 0) return groupTex(t, grp);
	if (p.op === 'const') return texOperand(t.graph.value[p.ids[0]]);
	// A 1-vector is still a vector: only a scalar piece takes its element's name.
	if (p.shape.length === 0 && !isView(p)) return t.tex(p.ids[0]);
	const net = netOf(t, p);
	if (net !== undefined) return `\\mathrm{net}_{${nameTex(t.graph.groups[net].name)}}`;
	const sym = partIndex(t).symbol.get(p);
	if (sym) return sym;
	const body = pieceNameTex(p.expr);
	const e = p.expr;
	return e.kind === 'call' || e.kind === 'norm' ? body : `\\left(${body}\\right)`;
}

/** `\mathrm{net}_{h} = W_{1} x + b_{1}`: the definition of a part named by a role or a symbol, else undefined. */
export function partDefinition(t: Trace, p: Part): string | undefined {
	if (netOf(t, p) === undefined && !partIndex(t).symbol.has(p)) return undefined;
	return `${partTex(t, p)} = ${exprTex(p.expr)}`;
}

/** Whether the gradient at this part is the textbooks' δ of a named activation. */
export function deltaTex(t: Trace, p: Part): string | undefined {
	const net = netOf(t, p);
	if (net === undefined || !partIndex(t).deltaFree) return undefined;
	return `\\delta_{${nameTex(t.graph.groups[net].name)}}`;
}

/** Which operand of `q` an input slot of one of q's nodes reads (a dot node interleaves a₀ b₀ a₁ b₁ …). */
function operandOfSlot(q: Part, slot: number): number {
	switch (q.op) {
		case 'matmul':
			return slot % 2;
		case 'add':
		case 'sub':
		case 'mul':
		case 'div':
			return slot;
		case 'call':
			return q.spec.fn.expand === 'pairs' ? slot % 2 : q.spec.fn.expand === 'map' ? slot : 0;
		default:
			return 0;
	}
}

/**
 * `c` passes its parent's gradient on unchanged: `a + b` to both (same shapes), `a - b` to a.
 * Such a part needs no line of its own: its gradient is its parent's, under the parent's name.
 */
export function passesThrough(q: Part, c: Part): boolean {
	const j = q.children.indexOf(c);
	return sameShape(q.shape, c.shape) && (q.op === 'add' || (q.op === 'sub' && j === 0));
}

/** The part whose gradient a part's gradient is, walking up through pass-through sums. */
export function upstreamOf(t: Trace, p: Part): Part {
	const parent = partIndex(t).parent;
	let q = p;
	for (let up = parent.get(q); up && passesThrough(up, q); up = parent.get(q)) q = up;
	return q;
}

/**
 * ∂L/∂(part), element k, read from the graph: a line's root is its named value (whose copies carry
 * the gradient); a part that made nodes has their gradients; a view gets what its reader passes
 * back to it through the edges into the reader (upstream gradient × local derivative, per edge).
 */
export function gradOf(t: Trace, p: Part): (k: number) => number {
	const g = t.graph;
	const grp = groupOfPart(t, p);
	if (isRoot(t, p) && grp !== undefined && grp >= 0) {
		const ids = g.groups[grp].ids;
		return (k) => g.grad[ids[k]];
	}
	if (!isView(p)) return (k) => g.grad[p.ids[k]];
	const q = partIndex(t).parent.get(p);
	if (!q) return () => 0;
	const j = q.children.indexOf(p);
	if (q.op === 'transpose') {
		const up = gradOf(t, q);
		// A vector's transpose is the same vector read as a row.
		if (p.shape.length === 1) return up;
		const [, n] = p.shape;
		const m = p.shape[0];
		return (k) => up((k % n) * m + Math.floor(k / n));
	}
	if (q.op === 'vector') {
		const up = gradOf(t, q);
		const width = p.ids.length;
		return (k) => up(j * width + k);
	}
	const mine = new Set(q.ids);
	const c = t.consumers;
	return (k) => {
		const id = p.ids[k];
		let sum = 0;
		for (let e = c.start[id]; e < c.start[id + 1]; e++) {
			const edge = c.edges[e];
			const owner = c.edgeOwner[edge];
			if (mine.has(owner) && operandOfSlot(q, edge - g.inputStart[owner]) === j) sum += g.grad[owner] * g.local[edge];
		}
		return sum;
	};
}

/** ∂q_i/∂c_k for every element pair, from the local derivatives of the edges (0 where there is no edge). */
export function jacobian(t: Trace, q: Part, c: Part): Float64Array {
	const g = t.graph;
	const j = q.children.indexOf(c);
	const pos = new Map<number, number>();
	c.ids.forEach((id, k) => pos.set(id, k));
	const n = c.ids.length;
	const out = new Float64Array(q.ids.length * n);
	q.ids.forEach((node, i) => {
		for (let e = g.inputStart[node]; e < g.inputStart[node + 1]; e++) {
			const k = pos.get(g.inputs[e]);
			if (k !== undefined && operandOfSlot(q, e - g.inputStart[node]) === j) out[i * n + k] += g.local[e];
		}
	});
	return out;
}

/** The local derivative ∂q_i/∂c at output element i for an element-wise q (c broadcast or not). */
export function elementLocal(t: Trace, q: Part, c: Part): (i: number) => number {
	const g = t.graph;
	const j = q.op === 'inv' ? 0 : q.children.indexOf(c);
	return (i) => g.local[g.inputStart[q.ids[i]] + j];
}
