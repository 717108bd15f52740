import type { Trace } from '../trace/build.ts';
import type { Granularity } from '../trace/steps.ts';
import { stepsOf } from '../trace/progress.ts';
import { firstNodeOfGateLine } from './same-line.ts';

export type Phase = 'forward' | 'backward';

/** The same place in the other granularity: a scalar step's group, or a group's first scalar step. */
export function convertStep(t: Trace, from: Granularity, k: number, to: Granularity): number {
	if (from === to) return k;
	if (to === 'group') return Math.max(0, t.groupOfStep[k] ?? 0);
	return Math.max(0, t.firstStepOfGroup[k] ?? 0);
}

/**
 * The step that shows a node: its forward step while the reader is going forward, its
 * backward step otherwise; leaves have only a backward step, constants only neither.
 */
export function stepOfNode(t: Trace, granularity: Granularity, node: number, phase: Phase): number {
	const f = t.forwardStepOf[node] ?? -1;
	const b = t.backwardStepOf[node] ?? -1;
	const scalar = phase === 'forward' ? (f >= 0 ? f : b) : b >= 0 ? b : f;
	if (scalar < 0) return -1;
	return granularity === 'scalar' ? scalar : t.groupOfStep[scalar];
}

/** First and last program line (1-based) of a step's span. */
export function linesOfStep(t: Trace, granularity: Granularity, k: number): { first: number; last: number } | undefined {
	const s = stepsOf(t, granularity)[k];
	if (!s) return undefined;
	const src = t.graph.source;
	let last = s.span.line;
	for (let i = s.span.offset; i < s.span.offset + s.span.length && i < src.length; i++) if (src.charCodeAt(i) === 10) last++;
	return { first: s.span.line, last };
}

/** The step of the assignment written on a line, in the reader's phase; -1 when the line holds none. */
export function stepOfLine(t: Trace, granularity: Granularity, line: number, phase: Phase): number {
	const src = t.graph.source;
	const stmts = t.graph.statements;
	let stmt = -1;
	for (let s = 0; s < stmts.length; s++) {
		const sp = stmts[s].span;
		let last = sp.line;
		for (let i = sp.offset; i < sp.offset + sp.length; i++) if (src.charCodeAt(i) === 10) last++;
		if (line >= sp.line && line <= last) {
			stmt = s;
			break;
		}
	}
	if (stmt < 0) {
		// A gate's definition line leads to the step of its first call.
		const node = firstNodeOfGateLine(t, line);
		return node === undefined ? -1 : stepOfNode(t, granularity, node, phase);
	}
	const groups = t.groupSteps;
	const want = phase === 'forward' ? 'group-forward' : 'group-backward';
	let fallback = -1;
	for (let j = 0; j < groups.length; j++) {
		const g = groups[j];
		if ((g.kind === 'group-forward' || g.kind === 'group-backward') && g.stmt === stmt) {
			if (g.kind === want) return granularity === 'group' ? j : t.firstStepOfGroup[j];
			if (fallback < 0) fallback = j;
		}
	}
	if (fallback < 0) return -1;
	return granularity === 'group' ? fallback : t.firstStepOfGroup[fallback];
}
