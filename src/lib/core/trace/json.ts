import { usesOf } from './uses.ts';
import type { Graph } from '../graph/graph.ts';
import { fmt } from '../tex/number.ts';
import type { Trace } from './build.ts';
import { stepText } from './tex.ts';

/** A number in JSON: non-finite values become the strings "NaN", "Infinity", "-Infinity". */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';
export type Nested = JsonNumber | Nested[];

export function jsonNumber(x: number): JsonNumber {
	return Number.isFinite(x) ? x : (fmt(x) as JsonNumber);
}

/** Every named value of the program keyed by name, keeping its shape as nested arrays. */
export function namedArrays(g: Graph, of: Float64Array): Record<string, Nested> {
	const out: Record<string, Nested> = {};
	for (const grp of g.groups) {
		const at = (k: number) => jsonNumber(of[grp.ids[k]]);
		if (grp.shape.length === 0) out[grp.name] = at(0);
		else if (grp.shape.length === 1) out[grp.name] = Array.from({ length: grp.shape[0] }, (_, i) => at(i));
		else {
			const [m, n] = grp.shape;
			out[grp.name] = Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => at(i * n + j)));
		}
	}
	return out;
}

export interface TraceJson {
	output: string;
	values: Record<string, Nested>;
	grads: Record<string, Nested>;
	steps: {
		k: number;
		kind: 'forward' | 'backward';
		node: string;
		reads: string[];
		line: number;
		col: number;
		value: JsonNumber;
		grad?: JsonNumber;
		title: string;
		latex: string[];
		words: string;
	}[];
}

export function traceJson(t: Trace, sig?: number): TraceJson {
	const g = t.graph;
	return {
		output: g.statements[g.statements.length - 1].name,
		values: namedArrays(g, g.value),
		grads: namedArrays(g, g.grad),
		steps: t.steps.map((s, k) => {
			if (s.kind !== 'forward' && s.kind !== 'backward') throw new Error('scalar steps only');
			const text = stepText(t, s, sig);
			const reads =
				s.kind === 'forward' ? Array.from(s.reads, (i) => t.label(i)) : usesOf(g, t.consumers, s.terms).map((u) => t.label(u.owner));
			return {
				k: k + 1,
				kind: s.kind,
				node: t.label(s.node),
				reads,
				line: s.span.line,
				col: s.span.col,
				value: jsonNumber(g.value[s.node]),
				...(s.kind === 'backward' ? { grad: jsonNumber(g.grad[s.node]) } : {}),
				title: text.title,
				latex: text.lines.map((l) => l.tex),
				words: text.words
			};
		})
	};
}
