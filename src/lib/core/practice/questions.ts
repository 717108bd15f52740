import type { Trace } from '../trace/build.ts';
import type { OpSpec } from '../ops/spec.ts';
import { assertNever } from '../language/ast.ts';
import { pick, shuffled, streamOf, type Rng } from './random.ts';
import { partial as d } from '../tex/partial.ts';

/** Which steps practice mode asks, and which a worksheet blanks: one selection for both. */
export type AskSetting = 'all-backward' | 'all-forward' | 'leaf-gradients' | 'fan-out' | { readonly random: number };

/**
 * What a backward step asks for. The lesson of backprop is the node's gradient ∂f/∂x, so that
 * is the default; the other kinds drill its parts, one at a time or `mixed`.
 */
export type BackwardAsk = 'gradient' | 'local' | 'upstream' | 'factors' | 'mixed';
export const BACKWARD_ASKS: readonly BackwardAsk[] = ['gradient', 'local', 'upstream', 'factors', 'mixed'];

/** One option of "pick the chain-rule factors": a symbolic factor, right or a distractor. */
export interface FactorChoice {
	readonly tex: string;
	readonly correct: boolean;
}

/**
 * What the student must produce before step `step` (an index into `trace.steps`) is revealed.
 * `expected` is read from the trace's graph, never recomputed.
 */
export type Question =
	| { readonly kind: 'value'; readonly step: number; readonly node: number; readonly expected: number }
	| { readonly kind: 'local'; readonly step: number; readonly node: number; readonly edge: number; readonly expected: number }
	| { readonly kind: 'gradient'; readonly step: number; readonly node: number; readonly expected: number }
	/** ∂f/∂o for the consumer o of one use (edge) of `node`: the gradient that arrives from upstream. */
	| { readonly kind: 'upstream'; readonly step: number; readonly node: number; readonly edge: number; readonly expected: number }
	| { readonly kind: 'factors'; readonly step: number; readonly node: number; readonly choices: readonly FactorChoice[] };

export type QuestionKind = Question['kind'];


/** A backward step worth asking: not the output's seed (always 1) and not a node cut off from the output (always 0). */
function askableBackward(t: Trace, k: number): boolean {
	const s = t.steps[k];
	return s.kind === 'backward' && s.node !== t.graph.output && t.live[s.node] === 1 && s.terms.length > 0;
}

/** Step indices (into `trace.steps`, 0-based, ascending) asked under a setting. Deterministic in `seed`. */
export function selectSteps(t: Trace, setting: AskSetting, seed: number): number[] {
	const all = t.steps.map((_, k) => k);
	const backward = all.filter((k) => askableBackward(t, k));
	const forward = all.filter((k) => t.steps[k].kind === 'forward' && t.live[(t.steps[k] as { node: number }).node] === 1);
	if (typeof setting === 'object') {
		const n = Math.max(1, Math.floor(setting.random));
		return shuffled(streamOf(seed, 'select'), [...forward, ...backward])
			.slice(0, n)
			.sort((a, b) => a - b);
	}
	switch (setting) {
		case 'all-backward':
			return backward;
		case 'all-forward':
			return forward.filter((k) => t.graph.kind[stepNode(t, k)] === 'op');
		case 'leaf-gradients':
			return backward.filter((k) => t.graph.kind[stepNode(t, k)] === 'leaf');
		case 'fan-out':
			return backward.filter((k) => {
				const s = t.steps[k];
				return s.kind === 'backward' && s.terms.length > 1;
			});
		default:
			return assertNever(setting);
	}
}

/**
 * The worksheet's blanks (the handout's `number[]` form of `Blanks`: 0-based indices into
 * `trace.steps`), taken from the same selection as practice, so a printed worksheet and a
 * practice link with the same setting and seed leave the same steps for the student.
 */
export function worksheetBlanks(t: Trace, setting: AskSetting, seed: number): number[] {
	return selectSteps(t, setting, seed);
}

function stepNode(t: Trace, k: number): number {
	const s = t.steps[k];
	if (s.kind === 'forward' || s.kind === 'backward') return s.node;
	return -1;
}

/** The questions for a trace: one per selected step, in step order. */
export function questionsFor(t: Trace, setting: AskSetting, seed: number, backward: BackwardAsk = 'gradient'): Question[] {
	const rng = streamOf(seed, 'kinds');
	return selectSteps(t, setting, seed).map((k) => questionAt(t, k, rng, backward));
}

function questionAt(t: Trace, k: number, rng: Rng, ask: BackwardAsk): Question {
	const g = t.graph;
	const s = t.steps[k];
	if (s.kind === 'forward') return { kind: 'value', step: k, node: s.node, expected: g.value[s.node] };
	if (s.kind !== 'backward') throw new Error('practice asks scalar steps only');
	const gradient: Question = { kind: 'gradient', step: k, node: s.node, expected: g.grad[s.node] };
	switch (ask) {
		case 'gradient':
			return gradient;
		case 'local': {
			const edge = pick(rng, Array.from(s.terms));
			return { kind: 'local', step: k, node: s.node, edge, expected: g.local[edge] };
		}
		case 'upstream': {
			const edge = pick(rng, Array.from(s.terms));
			return { kind: 'upstream', step: k, node: s.node, edge, expected: g.grad[t.consumers.edgeOwner[edge]] };
		}
		case 'factors': {
			const choices = factorChoices(t, s.node, s.terms, rng);
			// Too few distractors make it a giveaway: ask the gradient itself there.
			return choices.filter((c) => !c.correct).length >= 2 ? { kind: 'factors', step: k, node: s.node, choices } : gradient;
		}
		case 'mixed':
			break;
		default:
			return assertNever(ask);
	}
	const roll = rng();
	// Mostly the gradient itself, since that is what backprop produces; the other kinds drill its parts.
	// A fan-out node is asked for its whole sum: that is the lesson there, not one of its terms.
	if (roll < 0.2 && s.terms.length === 1) {
		const edge = pick(rng, Array.from(s.terms));
		return { kind: 'local', step: k, node: s.node, edge, expected: g.local[edge] };
	}
	// Past three uses the factor list turns into a reading exercise, not a chain-rule one.
	if (roll < 0.4 && s.terms.length <= 3) {
		const choices = factorChoices(t, s.node, s.terms, rng);
		if (choices.filter((c) => !c.correct).length >= 2) return { kind: 'factors', step: k, node: s.node, choices };
	}
	return { kind: 'gradient', step: k, node: s.node, expected: g.grad[s.node] };
}

/**
 * The chain-rule factors of a node's gradient, mixed with distractors taken from the same
 * trace: the mistakes students make are a sibling's derivative, the wrong direction, and one
 * step too far upstream. Symbolic only, so no choice gives away a gradient not yet computed.
 */
export function factorChoices(t: Trace, node: number, terms: Int32Array, rng: Rng, maxDistractors = 3): FactorChoice[] {
	const g = t.graph;
	const out = t.tex(g.output);
	const me = t.tex(node);
	const right = new Set<string>();
	const wrong = new Set<string>();
	const inputsOf = (o: number) => Array.from(g.inputs.subarray(g.inputStart[o], g.inputStart[o + 1]));
	for (const e of terms) {
		const o = t.consumers.edgeOwner[e];
		right.add(d(out, t.tex(o)));
		right.add(d(t.tex(o), me));
	}
	for (const e of terms) {
		const o = t.consumers.edgeOwner[e];
		for (const sib of inputsOf(o)) {
			if (sib === node || g.kind[sib] === 'const') continue;
			wrong.add(d(t.tex(o), t.tex(sib)));
			wrong.add(d(out, t.tex(sib)));
		}
		wrong.add(d(me, t.tex(o)));
		for (let c = t.consumers.start[o]; c < t.consumers.start[o + 1]; c++) {
			const up = t.consumers.edgeOwner[t.consumers.edges[c]];
			wrong.add(d(t.tex(up), me));
		}
	}
	for (const i of inputsOf(node)) if (g.kind[i] !== 'const') wrong.add(d(me, t.tex(i)));
	if (g.kind[node] === 'op') wrong.add(d(out, me));
	for (const r of right) wrong.delete(r);
	wrong.delete(d(out, me));
	const distractors = shuffled(rng, [...wrong]).slice(0, maxDistractors);
	return shuffled(rng, [...[...right].map((tex) => ({ tex, correct: true })), ...distractors.map((tex) => ({ tex, correct: false }))]);
}

/** The ops a question exercises, for the per-op record: "sigmoid: 3/5". */
export function opsOf(t: Trace, q: Question): string[] {
	const g = t.graph;
	const name = (n: number) => (g.op[n] as OpSpec | undefined)?.name ?? 'leaf';
	switch (q.kind) {
		case 'value':
			return [name(q.node)];
		case 'local':
		case 'upstream':
			return [name(t.consumers.edgeOwner[q.edge])];
		case 'gradient':
		case 'factors': {
			const s = t.steps[q.step];
			if (s.kind !== 'backward') return [];
			return [...new Set(Array.from(s.terms, (e) => name(t.consumers.edgeOwner[e])))];
		}
		default:
			return assertNever(q);
	}
}

/** The prompt of a question as LaTeX: what the student is asked to give. */
export function questionTex(t: Trace, q: Question): string {
	const out = t.tex(t.graph.output);
	switch (q.kind) {
		case 'value':
			return t.tex(q.node);
		case 'local':
			return d(t.tex(t.consumers.edgeOwner[q.edge]), t.tex(t.graph.inputs[q.edge]));
		case 'upstream':
			return d(out, t.tex(t.consumers.edgeOwner[q.edge]));
		case 'gradient':
			return d(out, t.tex(q.node));
		case 'factors':
			return d(out, t.tex(q.node));
		default:
			return assertNever(q);
	}
}

/** One line of plain words for the prompt, for the reader and screen readers. */
export function questionWords(t: Trace, q: Question): string {
	const out = t.label(t.graph.output);
	switch (q.kind) {
		case 'value':
			return `Forward: what is the value of ${t.label(q.node)}?${whereIs(t, [q.node])}`;
		case 'local': {
			const owner = t.consumers.edgeOwner[q.edge];
			const input = t.graph.inputs[q.edge];
			return `Local derivative: how fast does ${t.label(owner)} change with ${t.label(input)}?${whereIs(t, [owner, input])}`;
		}
		case 'upstream': {
			const owner = t.consumers.edgeOwner[q.edge];
			return `Upstream gradient: ${t.label(q.node)} feeds ${t.label(owner)}; what is ∂${out}/∂${t.label(owner)}?${whereIs(t, [owner])}`;
		}
		case 'gradient':
			return `Backward: what is ∂${out}/∂${t.label(q.node)}?${whereIs(t, [q.node])}`;
		case 'factors':
			return `Chain rule: which factors multiply to give ∂${out}/∂${t.label(q.node)}? Pick all that apply.${whereIs(t, [q.node])}`;
		default:
			return assertNever(q);
	}
}

/** Unnamed inner nodes (v17) are not in the program's text: say which line holds them. */
function whereIs(t: Trace, nodes: readonly number[]): string {
	const g = t.graph;
	const byLine = new Map<number, string[]>();
	for (const i of nodes) if (g.group[i] < 0 && g.kind[i] === 'op') byLine.set(g.stmt[i], [...(byLine.get(g.stmt[i]) ?? []), t.label(i)]);
	const notes = [...byLine].map(([stmt, names]) => {
		const sp = g.statements[stmt].span;
		const what = names.length === 1 ? `${names[0]} is a step` : `${names.join(' and ')} are steps`;
		return `${what} inside line ${sp.line}, ${g.source.slice(sp.offset, sp.offset + sp.length).trim()}`;
	});
	return notes.length ? ` (${notes.join('; ')}.)` : '';
}
