import { expandedCallOf, type ExpandedCall } from '../graph/gates.ts';
import type { Graph } from '../graph/graph.ts';
import { assertNever, exprChildren, forEachSubExpr, type Expr } from '../language/ast.ts';

/**
 * Names of the nodes an expanded gate call makes. Their pieces come from the gate's body, whose
 * parameters mean nothing on the calling line; written with each parameter replaced by the
 * call's argument, `exp(-z)` of `sig(a)` reads `exp(-a)`, and two calls' pieces differ.
 */

/** `e` with every name `replace` gives an expression for swapped for it; an explicit stack, as a body may be deep. */
function substitute(root: Expr, replace: (name: string) => Expr | undefined): Expr {
	const done = new Map<Expr, Expr>();
	const stack: { e: Expr; ready: boolean }[] = [{ e: root, ready: false }];
	while (stack.length > 0) {
		const { e, ready } = stack.pop()!;
		if (!ready) {
			stack.push({ e, ready: true });
			for (const c of exprChildren(e)) stack.push({ e: c, ready: false });
			continue;
		}
		const get = (x: Expr) => done.get(x)!;
		let out: Expr;
		switch (e.kind) {
			case 'number':
				out = e;
				break;
			case 'name':
				out = replace(e.name) ?? e;
				break;
			case 'neg':
			case 'norm':
			case 'index':
				out = { ...e, arg: get(e.arg) };
				break;
			case 'power':
				out = { ...e, base: get(e.base) };
				break;
			case 'binary':
				out = { ...e, left: get(e.left), right: get(e.right) };
				break;
			case 'call':
				out = { ...e, args: e.args.map(get) };
				break;
			case 'vector':
				out = { ...e, items: e.items.map(get) };
				break;
			default:
				return assertNever(e);
		}
		done.set(e, out);
	}
	return done.get(root)!;
}

/** A piece of a gate's body as its call computes it: parameters replaced by arguments, through every enclosing call. */
function bound(e: Expr, at: ExpandedCall | undefined): Expr {
	if (!at) return e;
	const params = at.gate.def.params;
	return substitute(e, (name) => {
		const k = params.findIndex((p) => p.name === name);
		return k < 0 ? undefined : bound(at.call.args[k], at.outer);
	});
}

/** The expression a node's piece stands for, for its LaTeX name: `piece` itself unless an expanded call made the node. */
export function boundPiece(g: Graph, node: number, piece: Expr | undefined): Expr | undefined {
	const at = expandedCallOf(g, node);
	return piece && at ? bound(piece, at) : piece;
}

/** What tells apart the nodes two expanded calls make from one piece of a body; empty for other nodes. */
export function callTag(g: Graph, node: number): string {
	const at = expandedCallOf(g, node);
	return at ? `:call${at.id}` : '';
}

/** A plain-text argument stands bare where it is one word or number, else in brackets. */
const operand = (s: string) => (/^-?[\w.]+$/.test(s) ? s : `(${s})`);

/** `e`'s text with each parameter of `at`'s gate replaced by its argument's text. */
function boundText(g: Graph, e: Expr, at: ExpandedCall | undefined): string {
	const text = g.source.slice(e.span.offset, e.span.offset + e.span.length);
	if (!at) return text;
	const params = at.gate.def.params;
	const uses: { offset: number; length: number; k: number }[] = [];
	forEachSubExpr(e, (x) => {
		const k = x.kind === 'name' ? params.findIndex((p) => p.name === x.name) : -1;
		if (k >= 0) uses.push({ offset: x.span.offset - e.span.offset, length: x.span.length, k });
	});
	let out = text;
	for (const u of uses.sort((a, b) => b.offset - a.offset)) {
		const arg = boundText(g, at.call.args[u.k], at.outer).trim();
		// A whole argument of a call (`max(z, 0)`) needs no brackets of its own.
		const before = text.slice(0, u.offset).trimEnd().slice(-1);
		const after = text.slice(u.offset + u.length).trimStart().slice(0, 1);
		const alone = (before === '(' || before === ',') && (after === ')' || after === ',');
		out = `${out.slice(0, u.offset)}${alone ? arg : operand(arg)}${out.slice(u.offset + u.length)}`;
	}
	return out;
}

/** The text of the piece an expanded call's node computes, or undefined for any other node. */
export function boundPieceText(g: Graph, node: number): string | undefined {
	const at = expandedCallOf(g, node);
	if (!at) return undefined;
	const s = g.spans[node];
	let piece: Expr | undefined;
	forEachSubExpr(at.gate.def.body, (x) => {
		if (!piece && x.span.offset === s.offset && x.span.length === s.length) piece = x;
	});
	return piece ? boundText(g, piece, at) : undefined;
}
