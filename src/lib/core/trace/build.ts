import { reachesOutput } from '../autodiff/backward.ts';
import { consumersOf, type Consumers, type Graph } from '../graph/graph.ts';
import type { Program } from '../language/ast.ts';
import { nodeNames, type InnerName } from './names.ts';
import { finish, pauseAt, type Sliced } from '../slices.ts';
import type { Step } from './steps.ts';
import type { Span } from '../language/span.ts';

export interface Trace {
	readonly graph: Graph;
	readonly program: Program;
	readonly consumers: Consumers;
	/** 1 where the node has a path to the output. */
	readonly live: Uint8Array;
	/** Plain-text name of a node: x, q[0], W1[1,0], net_o1, (w5*h1), v3, or a constant's value. */
	label(node: number): string;
	/** LaTeX name of a node: x, q_{0}, W_{1}[1,0], \mathrm{net}_{o_{1}}, v_{3}; a constant renders as its number. */
	tex(node: number): string;
	/** What an unnamed inner node stands for (see `names.ts`); undefined for named values and constants. */
	inner(node: number): InnerName | undefined;
	/** Scalar steps: every forward step, then every backward step. */
	readonly steps: readonly Step[];
	/** Group steps: one per assignment forward, then one per assignment backward. */
	readonly groupSteps: readonly Step[];
	readonly backwardStart: number;
	readonly groupBackwardStart: number;
	/** Index in `steps` of each node's forward and backward step, or -1. */
	readonly forwardStepOf: Int32Array;
	readonly backwardStepOf: Int32Array;
	/** The group step that contains each scalar step, and the first scalar step of each group step. */
	readonly groupOfStep: Int32Array;
	readonly firstStepOfGroup: Int32Array;
}

/**
 * A backward step whose term list is a view made on first read: a 100,000-leaf trace would
 * otherwise allocate a typed-array view per step that almost nobody looks at.
 */
class BackwardStep {
	readonly kind = 'backward';
	#terms: Int32Array | undefined;
	constructor(
		readonly node: number,
		readonly span: Span,
		private readonly consumers: Consumers | undefined
	) {}
	get terms(): Int32Array {
		const c = this.consumers;
		return (this.#terms ??= c ? c.edges.subarray(c.start[this.node], c.start[this.node + 1]) : new Int32Array(0));
	}
}

export function buildTrace(graph: Graph, program: Program): Trace {
	return finish(buildTraceSliced(graph, program, false));
}

/**
 * `buildTrace`, pausing now and then (see slices.ts). `warm` also makes every node's name now
 * (names are otherwise made on first read), so that the first step shown after a long run
 * arrives does not pay for the whole graph's naming in one task.
 */
export function* buildTraceSliced(graph: Graph, program: Program, warm: boolean): Sliced<Trace> {
	const consumers = consumersOf(graph);
	const live = reachesOutput(graph);
	const scalar = yield* scalarSteps(graph, consumers);
	const groups = groupStepsOf(graph);
	const { groupOfStep, firstStepOfGroup } = yield* stepGroups(graph, scalar.steps, groups);
	const names = nodeNames(graph, program, consumers);
	if (warm) yield* names.warm();
	return {
		graph,
		program,
		consumers,
		live,
		steps: scalar.steps,
		groupSteps: groups.steps,
		backwardStart: scalar.backwardStart,
		groupBackwardStart: groups.backwardStart,
		forwardStepOf: scalar.forwardStepOf,
		backwardStepOf: scalar.backwardStepOf,
		groupOfStep,
		firstStepOfGroup,
		label: names.label,
		tex: names.tex,
		inner: names.inner
	};
}

/** Every op's forward step in node order, then the backward steps from the output down to the first leaf. */
function* scalarSteps(graph: Graph, consumers: Consumers) {
	const n = graph.size;
	const steps: Step[] = [];
	const forwardStepOf = new Int32Array(n).fill(-1);
	const backwardStepOf = new Int32Array(n).fill(-1);
	const { inputs, inputStart, kind, spans } = graph;
	for (let i = 0; i < n; i++) {
		if (pauseAt(i)) yield;
		if (kind[i] !== 'op') continue;
		forwardStepOf[i] = steps.length;
		steps.push({ kind: 'forward', node: i, reads: inputs.subarray(inputStart[i], inputStart[i + 1]), span: spans[i] });
	}
	const backwardStart = steps.length;
	const backwardStep = (i: number) => {
		backwardStepOf[i] = steps.length;
		steps.push(new BackwardStep(i, spans[i], i === graph.output ? undefined : consumers));
	};
	backwardStep(graph.output);
	for (let i = graph.output - 1; i >= 0; i--) {
		if (pauseAt(i)) yield;
		if (kind[i] !== 'const') backwardStep(i);
	}
	return { steps, backwardStart, forwardStepOf, backwardStepOf };
}

/** One step per computed assignment forward, then one per assignment backward (leaves too: their gradients). */
function groupStepsOf(graph: Graph) {
	const { kind } = graph;
	// Assignments create their nodes contiguously, so each statement owns an id range.
	const nStmt = graph.statements.length;
	const stmtStart = new Int32Array(nStmt + 1).fill(graph.size);
	for (let i = graph.size - 1; i >= 0; i--) stmtStart[graph.stmt[i]] = i;
	for (let s = nStmt - 1; s >= 0; s--) stmtStart[s] = Math.min(stmtStart[s], stmtStart[s + 1]);
	const groupOfStmt = new Int32Array(nStmt).fill(-1);
	graph.groups.forEach((g, k) => (groupOfStmt[g.stmt] = k));
	const stmtNodes = (s: number, keep: (i: number) => boolean) => {
		const out: number[] = [];
		for (let i = stmtStart[s]; i < stmtStart[s + 1]; i++) if (keep(i)) out.push(i);
		return Int32Array.from(out);
	};
	const steps: Step[] = [];
	const forwardOfStmt = new Int32Array(nStmt).fill(-1);
	const backwardOfStmt = new Int32Array(nStmt).fill(-1);
	for (let s = 0; s < nStmt; s++) {
		const g = graph.groups[groupOfStmt[s]];
		if (!g || g.isLeaf) continue;
		forwardOfStmt[s] = steps.length;
		steps.push({ kind: 'group-forward', stmt: s, group: groupOfStmt[s], nodes: stmtNodes(s, (i) => kind[i] === 'op'), span: g.span });
	}
	const backwardStart = steps.length;
	for (let s = nStmt - 1; s >= 0; s--) {
		const g = graph.groups[groupOfStmt[s]];
		if (!g) continue;
		backwardOfStmt[s] = steps.length;
		steps.push({ kind: 'group-backward', stmt: s, group: groupOfStmt[s], nodes: stmtNodes(s, (i) => kind[i] !== 'const'), span: g.span });
	}
	return { steps, backwardStart, forwardOfStmt, backwardOfStmt };
}

/** The group step holding each scalar step (its statement's, in the same direction), and the first scalar step of each group step. */
function* stepGroups(graph: Graph, steps: readonly Step[], groups: ReturnType<typeof groupStepsOf>) {
	const groupOfStep = new Int32Array(steps.length).fill(-1);
	const firstStepOfGroup: number[] = [];
	for (let k = 0; k < steps.length; k++) {
		if (pauseAt(k)) yield;
		const st = steps[k];
		const node = st.kind === 'forward' || st.kind === 'backward' ? st.node : -1;
		const s = graph.stmt[node];
		groupOfStep[k] = st.kind === 'forward' ? groups.forwardOfStmt[s] : groups.backwardOfStmt[s];
	}
	for (let k = steps.length - 1; k >= 0; k--) firstStepOfGroup[groupOfStep[k]] = k;
	return { groupOfStep, firstStepOfGroup: Int32Array.from(firstStepOfGroup, (v) => v ?? -1) };
}
