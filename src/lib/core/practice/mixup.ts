import { assertNever } from '../language/ast.ts';
import type { Trace } from '../trace/build.ts';
import { withinTolerance } from './check.ts';
import type { Question } from './questions.ts';

/**
 * A wrong answer that is right for a neighbouring question: the student computed a real
 * quantity of this step, just not the one asked (−4 = ∂f/∂x typed where ∂q/∂x = 1 was asked).
 * Both names are plain words (∂f/∂x), as the question's own words use.
 */
export interface Mixup {
	readonly was: string;
	readonly asked: string;
}

interface Candidate {
	readonly name: string;
	readonly value: number;
}

const dd = (num: string, den: string) => `∂${num}/∂${den}`;

/** The quantities a student meets while working on `q`'s step: its value, gradient, local derivatives and upstream gradients. */
function candidates(t: Trace, q: Question): Candidate[] {
	const g = t.graph;
	const out = t.label(g.output);
	const me = t.label(q.node);
	const list: Candidate[] = [
		{ name: dd(out, me), value: g.grad[q.node] },
		{ name: `the value of ${me}`, value: g.value[q.node] }
	];
	const s = t.steps[t.backwardStepOf[q.node]];
	for (const e of s && s.kind === 'backward' ? s.terms : []) {
		const o = t.consumers.edgeOwner[e];
		list.push({ name: dd(t.label(o), me), value: g.local[e] }, { name: dd(out, t.label(o)), value: g.grad[o] });
	}
	return list;
}

function askedName(t: Trace, q: Question): string | undefined {
	const out = t.label(t.graph.output);
	switch (q.kind) {
		case 'value':
			return `the value of ${t.label(q.node)}`;
		case 'local':
			return dd(t.label(t.consumers.edgeOwner[q.edge]), t.label(t.graph.inputs[q.edge]));
		case 'upstream':
			return dd(out, t.label(t.consumers.edgeOwner[q.edge]));
		case 'gradient':
			return dd(out, t.label(q.node));
		case 'factors':
			return undefined;
		default:
			return assertNever(q);
	}
}

/** Which other quantity of this step a wrong `answer` equals, if any (never the asked one, never one equal to it). */
export function mixupOf(t: Trace, q: Question, answer: number): Mixup | undefined {
	if (q.kind === 'factors') return undefined;
	const asked = askedName(t, q);
	if (asked === undefined || withinTolerance(answer, q.expected)) return undefined;
	const hit = candidates(t, q).find((c) => c.name !== asked && !withinTolerance(c.value, q.expected) && withinTolerance(answer, c.value));
	return hit ? { was: hit.name, asked } : undefined;
}

/** The sentence the student reads: "that is ∂f/∂x; this question asks ∂q/∂x". */
export function mixupWords(m: Mixup): string {
	return `That is ${m.was}; this question asks ${m.asked}.`;
}
