import { expandedCallOf, gateOf } from '../graph/gates.ts';
import type { Trace } from '../trace/build.ts';
import { stepsOf } from '../trace/progress.ts';
import type { Granularity, Step } from '../trace/steps.ts';

/** The assignment a step belongs to, and whether it goes forward. */
function place(t: Trace, s: Step): { stmt: number; forward: boolean } {
	switch (s.kind) {
		case 'forward':
		case 'backward':
			return { stmt: t.graph.stmt[s.node], forward: s.kind === 'forward' };
		case 'group-forward':
		case 'group-backward':
			return { stmt: s.stmt, forward: s.kind === 'group-forward' };
	}
}

/**
 * Where to stand in `next` after the same program was rebuilt another way (a gate stepped as
 * one step or as its body's steps). A scalar step stays on the same node when `next` has it: the
 * same element of the same named value, or the node made by the same piece of text; otherwise
 * the first step of the same line in the same direction, so flipping the toggle keeps the reader
 * at the line they were reading. 0 when there is none.
 */
export function sameLineStep(prev: Trace, k: number, next: Trace, granularity: Granularity): number {
	const s = stepsOf(prev, granularity)[k];
	if (!s) return 0;
	if (s.kind === 'forward' || s.kind === 'backward') {
		const node = sameNode(prev, s.node, next);
		const k2 = node === undefined ? -1 : s.kind === 'forward' ? next.forwardStepOf[node] : next.backwardStepOf[node];
		if (k2 !== undefined && k2 >= 0) return k2;
	}
	const want = place(prev, s);
	const k2 = stepsOf(next, granularity).findIndex((x) => {
		const p = place(next, x);
		return p.stmt === want.stmt && p.forward === want.forward;
	});
	return Math.max(0, k2);
}

/** The node of `next` that is `node` of `prev`: by named value and element, else by its source text. */
function sameNode(prev: Trace, node: number, next: Trace): number | undefined {
	const a = prev.graph;
	const b = next.graph;
	const grp = a.group[node];
	if (grp >= 0) {
		const name = a.groups[grp].name;
		const other = b.groups.find((x) => x.name === name);
		return other?.ids[a.elem[node]];
	}
	const span = a.spans[node];
	for (let i = 0; i < b.size; i++) {
		const t = b.spans[i];
		if (b.kind[i] === a.kind[node] && b.group[i] < 0 && t.offset === span.offset && t.length === span.length) return i;
	}
	return undefined;
}

/**
 * The first node a gate defined on `line` computes: its first call's node (one gate), or the first
 * node of a call's body (expanded); undefined when the line holds no gate or the gate is never called.
 */
export function firstNodeOfGateLine(t: Trace, line: number): number | undefined {
	const d = t.program.definitions.find((x) => x.nameSpan.line === line);
	if (!d) return undefined;
	const g = t.graph;
	for (let i = 0; i < g.size; i++) {
		if (g.kind[i] === 'op' && (gateOf(g.op[i])?.def === d || expandedCallOf(g, i)?.gate.def === d)) return i;
	}
	return undefined;
}
