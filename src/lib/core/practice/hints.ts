import { assertNever } from '../language/ast.ts';
import type { Trace } from '../trace/build.ts';
import { chainRuleForms, forwardEquation, forwardForms, localDerivativeForms, useLocalForms } from '../trace/tex.ts';
import { usesOf } from '../trace/uses.ts';
import { DEFAULT_SIG, texNum } from '../tex/number.ts';
import type { Question } from './questions.ts';
import { partial as d } from '../tex/partial.ts';

/** One hint: a caption in words and a line of LaTeX built from the trace. */
export interface Hint {
	readonly caption: string;
	readonly tex: string;
}

/** Past a handful of terms a hint line would wrap off the panel; the chain-rule line elides the same way. */
const MAX_LISTED = 4;

function listed(items: string[]): string {
	const shown = items.length > MAX_LISTED ? [...items.slice(0, MAX_LISTED - 1), '\\ldots'] : items;
	return shown.join(',\\quad ');
}

function termsOf(t: Trace, q: Question): number[] {
	const s = t.steps[q.step];
	return s.kind === 'backward' ? Array.from(s.terms) : [];
}

/**
 * Hints in the order they are revealed, each giving away a little more. For a gradient, as the
 * lecture does it: the local derivative's symbolic form, then the upstream gradient, then the
 * product, which leaves only the multiplication to the student. All LaTeX comes from the trace.
 */
export function hintsFor(t: Trace, q: Question, sig = DEFAULT_SIG): Hint[] {
	// A hint that repeats the one before it (∂c/∂b = 1, then again with numbers) only wastes a click.
	return allHints(t, q, sig).filter((h, i, all) => i === 0 || h.tex !== all[i - 1].tex);
}

function allHints(t: Trace, q: Question, sig: number): Hint[] {
	switch (q.kind) {
		case 'gradient':
			return gradientHints(t, q, sig);
		case 'local':
			return localHints(t, q, sig);
		case 'upstream':
			return upstreamHints(t, q, sig);
		case 'value':
			return valueHints(t, q, sig);
		case 'factors':
			return factorHints(t, q, sig);
		default:
			return assertNever(q);
	}
}

type QuestionOf<K extends Question['kind']> = Extract<Question, { kind: K }>;

/** One hint per use (consumer), as the chain rule has one term per use: x·x is one use, ∂/∂x = x + x. */
function gradientHints(t: Trace, q: QuestionOf<'gradient'>, sig: number): Hint[] {
	const g = t.graph;
	const uses = usesOf(g, t.consumers, termsOf(t, q));
	const s = t.steps[q.step];
	const chain = s.kind === 'backward' ? chainRuleForms(t, q.node, s.terms, sig) : undefined;
	const plural = uses.length > 1;
	return [
		{
			caption: plural ? `local derivatives (${t.label(q.node)} is used ${uses.length} times)` : 'local derivative',
			tex: listed(
				uses.map((u) => {
					const f = useLocalForms(t, q.node, u, sig);
					return `${f.lhs} = ${f.sym}`;
				})
			)
		},
		{
			caption: plural ? 'upstream gradients' : 'upstream gradient',
			tex: listed(uses.map((u) => `${d(t.tex(g.output), t.tex(u.owner))} = ${texNum(g.grad[u.owner], sig)}`))
		},
		...(chain ? [{ caption: plural ? 'the chain rule: add one product per use' : 'the chain rule: upstream × local', tex: `${chain.lhs} = ${chain.sym} = ${chain.num}` }] : [])
	];
}

function localHints(t: Trace, q: QuestionOf<'local'>, sig: number): Hint[] {
	const f = localDerivativeForms(t, q.edge, sig);
	const owner = t.consumers.edgeOwner[q.edge];
	return [
		{ caption: 'symbolic form', tex: `${f.lhs} = ${f.sym}` },
		{ caption: 'the values it uses', tex: forwardEquation(t, owner, sig) },
		{ caption: 'with the numbers in', tex: `${f.lhs} = ${f.num}` }
	];
}

/** The gradient arriving at this use is the consumer's own gradient, from its earlier backward step. */
function upstreamHints(t: Trace, q: QuestionOf<'upstream'>, sig: number): Hint[] {
	const owner = t.consumers.edgeOwner[q.edge];
	const os = t.steps[t.backwardStepOf[owner]];
	const chain = os && os.kind === 'backward' && os.terms.length > 0 ? chainRuleForms(t, owner, os.terms, sig) : undefined;
	return [
		{ caption: `${t.label(q.node)} feeds`, tex: `${t.tex(q.node)} \\to ${t.tex(owner)}` },
		...(chain ? [{ caption: `the backward step of ${t.label(owner)}`, tex: `${chain.lhs} = ${chain.sym}` }, { caption: 'with the numbers in', tex: `${chain.lhs} = ${chain.num}` }] : [])
	];
}

function valueHints(t: Trace, q: QuestionOf<'value'>, sig: number): Hint[] {
	const g = t.graph;
	const f = forwardForms(t, q.node, sig);
	const ins = Array.from(g.inputs.subarray(g.inputStart[q.node], g.inputStart[q.node + 1]));
	const known = ins.filter((i) => g.kind[i] !== 'const');
	return [
		{ caption: 'what it computes', tex: `${f.lhs} = ${f.sym}` },
		...(known.length ? [{ caption: 'its inputs', tex: listed(known.map((i) => `${t.tex(i)} = ${texNum(g.value[i], sig)}`)) }] : []),
		{ caption: 'with the numbers in', tex: `${f.lhs} = ${f.num}` }
	];
}

function factorHints(t: Trace, q: QuestionOf<'factors'>, sig: number): Hint[] {
	const terms = termsOf(t, q);
	const owners = [...new Set(terms.map((e) => t.consumers.edgeOwner[e]))];
	const s = t.steps[q.step];
	const chain = s.kind === 'backward' ? chainRuleForms(t, q.node, s.terms, sig) : undefined;
	return [
		{ caption: `${t.label(q.node)} feeds`, tex: `${t.tex(q.node)} \\to ${owners.map((o) => t.tex(o)).join(',\\ ')}` },
		...(chain ? [{ caption: 'the chain rule, one product per use', tex: `${chain.lhs} = ${chain.sym}` }] : [])
	];
}
