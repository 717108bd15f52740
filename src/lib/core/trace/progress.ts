import type { Trace } from './build.ts';
import type { Granularity, Step } from './steps.ts';
import { finish, pauseAt, type Sliced } from '../slices.ts';

/** What a reader knows at one step: which values and gradients have been shown so far. */
export interface Progress {
	readonly phase: 'forward' | 'backward';
	/** Whether the node's forward value has been shown (leaves and constants always). */
	readonly valueKnown: (node: number) => boolean;
	/** Whether the node's gradient has been shown. */
	readonly gradKnown: (node: number) => boolean;
	/** Nodes the current step computes. */
	readonly current: readonly number[];
	/** Nodes the current step reads: inputs going forward, consumers going backward. */
	readonly reads: readonly number[];
}

export function stepsOf(t: Trace, granularity: Granularity): readonly Step[] {
	return granularity === 'scalar' ? t.steps : t.groupSteps;
}

export function backwardStartOf(t: Trace, granularity: Granularity): number {
	return granularity === 'scalar' ? t.backwardStart : t.groupBackwardStart;
}

/** Nodes a step computes. */
export function stepNodes(s: Step): readonly number[] {
	switch (s.kind) {
		case 'forward':
		case 'backward':
			return [s.node];
		case 'group-forward':
		case 'group-backward':
			return Array.from(s.nodes);
	}
}

function stepReads(t: Trace, s: Step): number[] {
	const g = t.graph;
	const mine = new Set(stepNodes(s));
	const out = new Set<number>();
	for (const n of mine) {
		if (s.kind === 'forward' || s.kind === 'group-forward') {
			for (let e = g.inputStart[n]; e < g.inputStart[n + 1]; e++) if (!mine.has(g.inputs[e])) out.add(g.inputs[e]);
		} else {
			for (let k = t.consumers.start[n]; k < t.consumers.start[n + 1]; k++) {
				const o = t.consumers.edgeOwner[t.consumers.edges[k]];
				if (!mine.has(o)) out.add(o);
			}
		}
	}
	return [...out];
}

/** For each node, the step (of one granularity) that shows its value and its gradient; -1 before any step. */
export interface Schedule {
	readonly valueAt: Int32Array;
	readonly gradAt: Int32Array;
}

const schedules = new WeakMap<Trace, Partial<Record<Granularity, Schedule>>>();

/** Computed once per trace and granularity, so each step change is O(nodes on screen), not O(steps). */
export function scheduleOf(t: Trace, granularity: Granularity): Schedule {
	return schedules.get(t)?.[granularity] ?? finish(warmSchedule(t, granularity));
}

/** Makes the schedule now, pausing now and then (see slices.ts), so a later `scheduleOf` is a lookup. */
export function* warmSchedule(t: Trace, granularity: Granularity): Sliced<Schedule> {
	let perTrace = schedules.get(t);
	if (!perTrace) schedules.set(t, (perTrace = {}));
	const cached = perTrace[granularity];
	if (cached) return cached;
	const g = t.graph;
	const never = 0x7fffffff;
	const valueAt = new Int32Array(g.size).fill(never);
	const gradAt = new Int32Array(g.size).fill(never);
	for (let i = 0; i < g.size; i++) if (g.kind[i] !== 'op') valueAt[i] = -1;
	const steps = stepsOf(t, granularity);
	for (let j = 0, seen = 0; j < steps.length; j++) {
		const s = steps[j];
		const at = s.kind === 'forward' || s.kind === 'group-forward' ? valueAt : gradAt;
		for (const n of stepNodes(s)) {
			if (pauseAt(seen++)) yield;
			at[n] = Math.min(at[n], j);
		}
	}
	const made = { valueAt, gradAt };
	perTrace[granularity] = made;
	return made;
}

/**
 * Progress at step `k` (0-based) of the chosen granularity; k = -1 is before the first step.
 * Steps up to and including k count as shown.
 */
export function progressAt(t: Trace, granularity: Granularity, k: number): Progress {
	const steps = stepsOf(t, granularity);
	const { valueAt, gradAt } = scheduleOf(t, granularity);
	const last = Math.min(k, steps.length - 1);
	const cur = last >= 0 ? steps[last] : undefined;
	const phase = cur && (cur.kind === 'backward' || cur.kind === 'group-backward') ? 'backward' : 'forward';
	return {
		phase,
		valueKnown: (n) => phase === 'backward' || valueAt[n] <= last,
		gradKnown: (n) => gradAt[n] <= last,
		current: cur ? stepNodes(cur) : [],
		reads: cur ? stepReads(t, cur) : []
	};
}
