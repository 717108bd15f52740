import type { Span } from '../language/span.ts';
import { assertNever } from '../language/ast.ts';
import type { Trace } from './build.ts';
import type { Granularity } from './steps.ts';
import { stepOfLine } from '../view/navigate.ts';

/**
 * The steps of forward mode: the seed (ẋ = 1, every other input 0), then one step per op node
 * in forward order (scalar) or one per assignment (group), each computing a tangent v̇ = ∂v/∂x.
 *
 * Kept apart from the trace's `Step` union on purpose: a tangent step is not a step of the
 * backprop trace (handouts, practice, the CLI and the embed switch exhaustively over `Step` and
 * have nothing to say about it), and its text needs the chosen input and its tangents, which
 * the trace does not hold. The list depends only on the trace, so it is made once per trace.
 */
export type TangentStep =
	| { readonly kind: 'seed' }
	| {
			readonly kind: 'tangent';
			readonly node: number;
			readonly span: Span;
	  }
	| {
			readonly kind: 'group-tangent';
			readonly stmt: number;
			readonly group: number;
			/** Every op node the assignment computes, unnamed intermediates included. */
			readonly nodes: Int32Array;
			readonly span: Span;
	  };

const cache = new WeakMap<Trace, Partial<Record<Granularity, readonly TangentStep[]>>>();

/** The forward part of the trace's steps, each a tangent step: the same nodes in the same order. */
export function tangentSteps(t: Trace, granularity: Granularity): readonly TangentStep[] {
	let per = cache.get(t);
	if (!per) cache.set(t, (per = {}));
	const hit = per[granularity];
	if (hit) return hit;
	const out: TangentStep[] = [{ kind: 'seed' }];
	const src = granularity === 'scalar' ? t.steps.slice(0, t.backwardStart) : t.groupSteps.slice(0, t.groupBackwardStart);
	for (const s of src) {
		if (s.kind === 'forward') out.push({ kind: 'tangent', node: s.node, span: s.span });
		else if (s.kind === 'group-forward') out.push({ kind: 'group-tangent', stmt: s.stmt, group: s.group, nodes: s.nodes, span: s.span });
	}
	per[granularity] = out;
	return out;
}

/** Nodes whose tangent a step computes; the seed sets the leaves'. */
export function tangentStepNodes(t: Trace, s: TangentStep): readonly number[] {
	switch (s.kind) {
		case 'seed': {
			const out: number[] = [];
			for (let i = 0; i < t.graph.size; i++) if (t.graph.kind[i] === 'leaf') out.push(i);
			return out;
		}
		case 'tangent':
			return [s.node];
		case 'group-tangent':
			return Array.from(s.nodes);
		default:
			return assertNever(s);
	}
}

/** Tangent step k ≥ 1 is forward step k − 1 of the trace: the same place in the other granularity. */
export function convertTangentStep(t: Trace, from: Granularity, k: number, to: Granularity): number {
	if (from === to || k <= 0) return Math.max(0, k);
	if (to === 'group') return Math.max(0, (t.groupOfStep[k - 1] ?? -1) + 1);
	return Math.max(0, (t.firstStepOfGroup[k - 1] ?? -1) + 1);
}

/** The step that computes a node's tangent; a leaf's (and a constant's) is the seed. */
export function tangentStepOfNode(t: Trace, granularity: Granularity, node: number): number {
	const f = t.forwardStepOf[node] ?? -1;
	if (f < 0) return 0;
	return granularity === 'scalar' ? f + 1 : t.groupOfStep[f] + 1;
}

/** The step of the assignment on a program line (1-based); a leaf's line is the seed; -1 for none. */
export function tangentStepOfLine(t: Trace, granularity: Granularity, line: number): number {
	const k = stepOfLine(t, granularity, line, 'forward');
	if (k < 0) return -1;
	const forwardCount = granularity === 'scalar' ? t.backwardStart : t.groupBackwardStart;
	return k < forwardCount ? k + 1 : 0;
}

/** What the reader has seen at tangent step k: whose tangents (and values) are known, which nodes are current and read. */
export interface TangentProgress {
	readonly known: (node: number) => boolean;
	readonly current: readonly number[];
	readonly reads: readonly number[];
}

/** `wrt`: the chosen input, which the seed step marks as current. */
export function tangentProgressAt(t: Trace, granularity: Granularity, k: number, wrt: number): TangentProgress {
	const steps = tangentSteps(t, granularity);
	const last = Math.max(0, Math.min(k, steps.length - 1));
	const s = steps[last];
	const g = t.graph;
	// Forward step j is tangent step j + 1: a node is known once its forward step is reached.
	const known = (n: number) => {
		if (g.kind[n] !== 'op') return true;
		const f = t.forwardStepOf[n];
		if (f < 0) return false;
		return (granularity === 'scalar' ? f : t.groupOfStep[f]) + 1 <= last;
	};
	const current = s ? (s.kind === 'seed' ? [wrt] : tangentStepNodes(t, s)) : [];
	const mine = new Set(current);
	const reads = new Set<number>();
	if (s?.kind !== 'seed')
		for (const n of current)
			for (let e = g.inputStart[n]; e < g.inputStart[n + 1]; e++) if (!mine.has(g.inputs[e]) && g.kind[g.inputs[e]] !== 'const') reads.add(g.inputs[e]);
	return { known, current, reads: [...reads] };
}

/** First and last program line (1-based) of tangent step k: the assignment's, or the chosen input's for the seed. */
export function tangentLines(t: Trace, granularity: Granularity, k: number, wrt: number): { first: number; last: number } | undefined {
	const s = tangentSteps(t, granularity)[k];
	if (!s) return undefined;
	const g = t.graph;
	const span = s.kind === 'seed' ? (wrt >= 0 && g.group[wrt] >= 0 ? g.groups[g.group[wrt]].span : undefined) : s.span;
	if (!span) return undefined;
	let last = span.line;
	for (let i = span.offset; i < span.offset + span.length && i < g.source.length; i++) if (g.source.charCodeAt(i) === 10) last++;
	return { first: span.line, last };
}
