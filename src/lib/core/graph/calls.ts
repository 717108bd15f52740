import type { Expr } from '../language/ast.ts';
import type { ProgramError } from '../language/errors.ts';
import type { Span } from '../language/span.ts';
import type { Callable, CallableOp } from '../ops/registry.ts';
import { sameShape, shapeText, type Val } from './val.ts';

/** What a call's expansion needs from the graph builder. */
export interface CallBuilder {
	/** A node applying `spec` to the inputs. */
	opNode(spec: CallableOp, ins: readonly number[], span: Span, param?: number): number;
	bail(code: ProgramError['code'], span: Span, message: string, hint: string): never;
	/** Element-wise over two values, a scalar broadcasting. */
	zip(a: Val, b: Val, span: Span, what: string, f: (x: number, y: number) => number, hint?: string): Val;
	guardSize(n: number, span: Span): void;
}

type CallExpr = Expr & { kind: 'call' };

/**
 * A call's scalar nodes, by the registry's word for how the function spreads over shapes: one
 * switch over `Expansion`, so a new function needs no code here.
 */
export function expandCall(b: CallBuilder, e: CallExpr, c: Callable, args: readonly Val[]): Val {
	const fn = e.fn;
	if (c.kind === 'transpose') {
		const a = args[0];
		if (a.shape.length === 0)
			b.bail('shape-mismatch', e.args[0].span, `transpose needs a vector or matrix, but this is a scalar.`, 'A scalar is its own transpose: leave out ^T.');
		// A vector's transpose is a row: the same nodes, which @ and juxtaposition read as a row.
		if (a.shape.length === 1) return a;
		const [m, n] = a.shape;
		const ids: number[] = [];
		for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) ids.push(a.ids[i * n + j]);
		return { shape: [n, m], ids };
	}
	const spec = c.spec;
	const f = spec.fn;
	const needs = (k: number) => {
		const v = args[k];
		if (f.needs === 'vector' && v.shape.length !== 1)
			b.bail('shape-mismatch', e.args[k].span, `${fn} needs a vector, but this is ${shapeText(v.shape)}.`, f.shapeHint ?? `Write ${fn}([a, b, c]).`);
		if (f.needs === 'array' && v.shape.length === 0)
			b.bail('shape-mismatch', e.args[k].span, `${fn} needs a vector or matrix, but this is a scalar.`, f.shapeHint ?? `Write ${fn}([a, b, c]).`);
	};
	switch (f.expand) {
		case 'map':
			return mapCall(b, e, spec, args);
		case 'reduce':
			needs(0);
			return { shape: [], ids: [b.opNode(spec, args[0].ids, e.span)] };
		case 'vector': {
			needs(0);
			const ins = args[0].ids;
			b.guardSize(ins.length, e.span);
			return { shape: [ins.length], ids: ins.map((_, k) => b.opNode(spec, ins, e.span, k)) };
		}
		case 'pairs': {
			const [x, y] = args;
			if (x.shape.length !== 1 || y.shape.length !== 1 || x.shape[0] !== y.shape[0])
				b.bail('shape-mismatch', e.span, `${fn} needs two vectors of the same length, but got ${shapeText(x.shape)} and ${shapeText(y.shape)}.`, f.shapeHint ?? `Write ${fn}(a, b) with a and b of one length.`);
			const ins: number[] = [];
			for (let k = 0; k < x.ids.length; k++) ins.push(x.ids[k], y.ids[k]);
			return { shape: [], ids: [b.opNode(spec, ins, e.span)] };
		}
	}
}

/** Element by element over arguments of one shape, a scalar broadcasting, as LANGUAGE.md specifies. */
function mapCall(b: CallBuilder, e: CallExpr, spec: CallableOp, args: readonly Val[]): Val {
	if (args.length === 1) return { shape: args[0].shape, ids: args[0].ids.map((id) => b.opNode(spec, [id], e.span)) };
	if (args.length === 2) return b.zip(args[0], args[1], e.span, e.fn, (x, y) => b.opNode(spec, [x, y], e.span));
	const shaped = args.findIndex((a) => a.shape.length > 0);
	if (shaped < 0) return { shape: [], ids: [b.opNode(spec, args.map((a) => a.ids[0]), e.span)] };
	const shape = args[shaped].shape;
	const bad = args.findIndex((a) => a.shape.length > 0 && !sameShape(a.shape, shape));
	if (bad >= 0)
		b.bail('shape-mismatch', e.args[bad].span, `${e.fn} needs arguments of one shape, but argument ${shaped + 1} is ${shapeText(shape)} and argument ${bad + 1} is ${shapeText(args[bad].shape)}.`, 'Give every argument the same shape, or pass a scalar.');
	const n = args[shaped].ids.length;
	b.guardSize(n, e.span);
	const ids: number[] = [];
	for (let k = 0; k < n; k++) ids.push(b.opNode(spec, args.map((a) => (a.shape.length > 0 ? a.ids[k] : a.ids[0])), e.span));
	return { shape, ids };
}
