import type { Expr, Program } from '../language/ast.ts';
import type { Span } from '../language/span.ts';
import type { Trace } from '../trace/build.ts';

/** The number literals of a leaf's right side, row-major, so element k of the group is literal k. */
export function leafLiteralSpans(program: Program, stmt: number): Span[] | undefined {
	const s = program.statements[stmt];
	if (!s) return undefined;
	const num = (x: Expr): Span | undefined =>
		x.kind === 'number' ? x.span : x.kind === 'neg' && x.arg.kind === 'number' ? x.span : undefined;
	const one = num(s.expr);
	if (one) return [one];
	if (s.expr.kind !== 'vector') return undefined;
	const out: Span[] = [];
	for (const item of s.expr.items) {
		const n = num(item);
		if (n) out.push(n);
		else if (item.kind === 'vector') {
			for (const x of item.items) {
				const m = num(x);
				if (!m) return undefined;
				out.push(m);
			}
		} else return undefined;
	}
	return out;
}

/**
 * A number as program text: the shortest decimal that reads back as exactly this double (what
 * `String` writes), so a rewritten program computes what the update computed and a run of steps
 * does not drift. `e+` loses its sign (1e21), as written by hand; the lexer reads both. -0 stays
 * -0 (the leaf reads back as -0). NaN and ±Infinity have no literal: undefined, never a stand-in.
 */
export function literalText(x: number): string | undefined {
	if (!Number.isFinite(x)) return undefined;
	if (Object.is(x, -0)) return '-0';
	return String(x).replace('e+', 'e');
}

/** Why a leaf's literal could not be written. */
export type LeafRewrite =
	| { readonly ok: true; readonly text: string }
	| {
			readonly ok: false;
			/** `not-literal`: the node is no number of a leaf's line; `not-finite`: the value has no literal. */
			readonly reason: 'not-literal' | 'not-finite';
			readonly node: number;
			/** The node as the trace labels it: w1, W1[0,1]. */
			readonly leaf: string;
			readonly value: number;
			readonly message: string;
	  };

/** The program text with one leaf element's literal replaced; undefined if the node is not a literal leaf or the value not finite. */
export function rewriteLeaf(trace: Trace, node: number, value: number): string | undefined {
	return rewriteLeaves(trace, new Map([[node, value]]));
}

/** Several leaf literals rewritten at once; undefined when any cannot be (see `leafRewrite` for why). */
export function rewriteLeaves(trace: Trace, values: ReadonlyMap<number, number>): string | undefined {
	const r = leafRewrite(trace, values);
	return r.ok ? r.text : undefined;
}

/**
 * Several leaf literals rewritten at once (a descent step updates many), right to left so offsets
 * stay valid. Nothing is written unless every value can be: a refusal names the leaf and value.
 */
export function leafRewrite(trace: Trace, values: ReadonlyMap<number, number>): LeafRewrite {
	const g = trace.graph;
	const edits: { span: Span; text: string }[] = [];
	for (const [node, value] of values) {
		const leaf = node >= 0 && node < g.size ? trace.label(node) : `node ${node}`;
		const grp = g.kind[node] === 'leaf' ? g.groups[g.group[node]] : undefined;
		const span = grp && leafLiteralSpans(trace.program, grp.stmt)?.[g.elem[node]];
		if (!span)
			return { ok: false, reason: 'not-literal', node, leaf, value, message: `${leaf} is not a number written in the program, so it cannot be set.` };
		const text = literalText(value);
		if (text === undefined)
			return {
				ok: false,
				reason: 'not-finite',
				node,
				leaf,
				value,
				message: `${leaf} would be ${String(value)}, which no number in a program can hold (numbers stay below about 1.8e308); nothing was changed.`
			};
		edits.push({ span, text });
	}
	edits.sort((a, b) => b.span.offset - a.span.offset);
	let src = g.source;
	for (const { span, text } of edits) src = src.slice(0, span.offset) + text + src.slice(span.offset + span.length);
	return { ok: true, text: src };
}
