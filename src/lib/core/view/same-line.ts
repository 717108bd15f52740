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
 * one step or as its body's steps): the first step of the same line in the same direction, so
 * flipping the toggle keeps the reader at the line they were reading. 0 when there is none.
 */
export function sameLineStep(prev: Trace, k: number, next: Trace, granularity: Granularity): number {
	const s = stepsOf(prev, granularity)[k];
	if (!s) return 0;
	const want = place(prev, s);
	const k2 = stepsOf(next, granularity).findIndex((x) => {
		const p = place(next, x);
		return p.stmt === want.stmt && p.forward === want.forward;
	});
	return Math.max(0, k2);
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
