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
 * A number as program text: six significant digits keep a descent step visible without
 * filling the editor with float noise; the lexer reads every form this writes.
 */
export function literalText(x: number): string {
	if (!Number.isFinite(x)) return '0';
	if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
	const s = Number(x.toPrecision(6)).toString();
	return s.replace('e+', 'e');
}

/** The program text with one leaf element's literal replaced; undefined if the node is not a literal leaf. */
export function rewriteLeaf(trace: Trace, node: number, value: number): string | undefined {
	return rewriteLeaves(trace, new Map([[node, value]]));
}

/** Several leaf literals rewritten at once (a descent step updates many), right to left so offsets stay valid. */
export function rewriteLeaves(trace: Trace, values: ReadonlyMap<number, number>): string | undefined {
	const g = trace.graph;
	const edits: { span: Span; text: string }[] = [];
	for (const [node, value] of values) {
		if (g.kind[node] !== 'leaf') return undefined;
		const grp = g.groups[g.group[node]];
		const spans = grp && leafLiteralSpans(trace.program, grp.stmt);
		const span = spans?.[g.elem[node]];
		if (!span) return undefined;
		edits.push({ span, text: literalText(value) });
	}
	edits.sort((a, b) => b.span.offset - a.span.offset);
	let src = g.source;
	for (const { span, text } of edits) src = src.slice(0, span.offset) + text + src.slice(span.offset + span.length);
	return src;
}
