import type { Part } from '../graph/graph.ts';
import { assertNever } from '../language/ast.ts';
import { TEX_LIST_LIMIT } from '../ops/registry.ts';
import type { OpSpec, TexArgs } from '../ops/spec.ts';
import { exprTex } from '../tex/expr.ts';
import { elementIndex } from '../tex/names.ts';
import { groupTex } from './names.ts';
import { DEFAULT_SIG, fmt, texNum, texOperand } from '../tex/number.ts';
import type { Trace } from './build.ts';
import { lazyList } from './lazy-list.ts';
import type { Step } from './steps.ts';
import { timesWords, usesOf, type Use } from './uses.ts';
import { vectorBackwardLines, vectorForwardLines } from './vector.ts';
import { gateBackward, gateForward } from './gate-lines.ts';
import { backwardCauseNote, forwardCauseNote, groupCauseNote, hasStableForm } from './stability.ts';
import { partial as d } from '../tex/partial.ts';
import { listWords } from '../list-words.ts';

/** One typeset line of a step, with a short caption for the reader. */
export interface TexLine {
	readonly caption: string;
	readonly tex: string;
}

/** Everything a view needs to show a step; built on demand so a large trace costs little. */
export interface StepText {
	/** A short heading, plain text: "Forward · q", "Backward · x". */
	readonly title: string;
	readonly lines: readonly TexLine[];
	/** One or two sentences in plain words, for the reader and for screen readers. */
	readonly words: string;
	/** Set when a value in this step is NaN or infinite. */
	readonly nonFinite: boolean;
}


/** Operand forms of a node's inputs: names (symbolic) or values (substituted). */
/**
 * A node's template arguments with every operand (inputs, output, softmax siblings) written by
 * `operand`: names for the symbolic form, numbers for the substituted one, blanks on a worksheet.
 */
export function operandArgs(t: Trace, node: number, operand: (i: number) => string): TexArgs {
	const g = t.graph;
	const from = g.inputStart[node];
	// Made on read: the backward step of each of a 10,000-input sum's inputs would otherwise format all 10,000.
	const a = lazyList(g.inputStart[node + 1] - from, (k) => operand(g.inputs[from + k]));
	// softmax outputs of one call are created one after another, so sibling j sits at node - p + j.
	const p = g.param[node];
	return { a, y: operand(node), p, sibling: (j) => operand(node - p + j) };
}

/** How a number is written as an operand of `spec`'s LaTeX (`part`): bare where the template encloses it. */
export function numberOperand(spec: OpSpec, part: 'tex' | 'partial'): (x: number, sig: number) => string {
	return spec.encloses === 'both' || (spec.encloses === 'tex' && part === 'tex') ? texNum : texOperand;
}

/** Operand forms of a node's inputs: names (symbolic) or values (substituted). */
function texArgs(t: Trace, node: number, mode: 'names' | 'values', sig: number, part: 'tex' | 'partial'): TexArgs {
	const num = numberOperand(t.graph.op[node] as OpSpec, part);
	return operandArgs(t, node, mode === 'names' ? (i) => t.tex(i) : (i) => num(t.graph.value[i], sig));
}

function inputsOf(t: Trace, node: number): number[] {
	const g = t.graph;
	return Array.from(g.inputs.subarray(g.inputStart[node], g.inputStart[node + 1]));
}

function elide<T>(items: T[], dots: T): T[] {
	return items.length <= TEX_LIST_LIMIT ? items : [...items.slice(0, 3), dots, items[items.length - 1]];
}

/** A number inside a sentence; a negative one after the first term of a sum gets brackets: 1 + (-1). */
function wordNum(x: number, sig: number, first: boolean): string {
	const s = fmt(x, sig);
	return !first && s.startsWith('-') ? `(${s})` : s;
}

/**
 * What the consumer's kind of node does to the gradient on its way back to `node`, told with
 * this step's numbers so the sentence is true of the case at hand: a ReLU passes or blocks (it
 * has one input, nothing to route between), a max routes to the input that won, a product
 * multiplies by the other factor. Only for a use through one edge: a node that appears twice in
 * its consumer gets `appearanceWords` instead.
 */
function patternWords(t: Trace, node: number, use: Use, sig: number): string {
	const g = t.graph;
	const spec = g.op[use.owner] as OpSpec;
	if (!spec.pattern || use.edges.length !== 1) return '';
	const from = g.inputStart[use.owner];
	const n = g.inputStart[use.owner + 1] - from;
	const slot = use.edges[0] - from;
	const me = t.label(node);
	const a = `${/^[aeiou]/i.test(spec.title) ? 'An' : 'A'} ${spec.title} node`;
	const local = wordNum(use.local, sig, true);
	const valued = (i: number) => (g.kind[i] === 'const' ? t.label(i) : `${t.label(i)} = ${fmt(g.value[i], sig)}`);
	switch (spec.pattern) {
		case 'distributes':
			return ` ${a} passes the upstream gradient to each input unchanged: its local derivative is 1.`;
		case 'scales': {
			const effect = use.local === 1 ? ', so it passes through unchanged' : use.local === -1 ? ', so it flips its sign' : '';
			return ` ${a} multiplies the upstream gradient by a constant, here ${local}${effect}.`;
		}
		case 'swaps': {
			// Products come in pairs (a·b, and dot's a0·b0 + a1·b1 …): the partner is the other slot of the pair.
			const partner = g.inputs[from + (slot ^ 1)];
			return ` ${a} multiplies the upstream gradient by the factor ${me} is multiplied with, here ${valued(partner)}.`;
		}
		case 'routes': {
			if (n === 1) return oneInputRouteWords(t, node, use, a, sig);
			const others = Array.from(g.inputs.subarray(from, from + n)).filter((_, k) => k !== slot);
			const other = others.length === 1 ? valued(others[0]) : 'another input';
			return use.local === 1
				? ` ${a} routes the whole upstream gradient to the input that won, here ${valued(node)} (against ${other}); the other input gets 0.`
				: ` ${a} routes the whole upstream gradient to the input that won, and ${valued(node)} did not win (against ${other}), so it gets 0.`;
		}
		default:
			return assertNever(spec.pattern);
	}
}

/**
 * A one-input gate (relu): it passes the upstream gradient where its input is on the open side
 * and blocks it otherwise. What "otherwise" does is read off the op itself at -1 (relu blocks,
 * abs flips the sign), so the sentence needs no list of op names.
 */
function oneInputRouteWords(t: Trace, node: number, use: Use, a: string, sig: number): string {
	const spec = t.graph.op[use.owner] as OpSpec;
	const me = `${t.label(node)} = ${fmt(t.graph.value[node], sig)}`;
	const x = Float64Array.of(-1);
	const below = new Float64Array(1);
	spec.partials(x, 1, spec.forward(x, 1, 0), 0, below);
	const otherwise = below[0] === 0 ? 'blocks it (passes 0) otherwise' : `multiplies it by ${fmt(below[0], sig)} where its input is negative`;
	if (use.local === 1) return ` ${a} passes the upstream gradient through unchanged where its input is positive, as ${me} is, and ${otherwise}.`;
	if (use.local === 0) return ` ${a} passes the upstream gradient through where its input is positive and ${otherwise}: ${me} is not positive, so it gets 0.`;
	const why = t.graph.value[node] < 0 ? `${me} is negative` : me;
	return ` ${a} passes the upstream gradient through where its input is positive and ${otherwise}: ${why}, so it gets the upstream gradient times ${fmt(use.local, sig)}.`;
}

/**
 * A node that appears more than once in one consumer (`c1 + c1`, `x * x`, `dot(v, v)`): the
 * consumer's local derivative adds one part per appearance, each with the others held fixed.
 * Numbers are left out where a worksheet hides them.
 */
export function appearanceWords(t: Trace, node: number, use: Use, sig: number, numbers = true): string {
	const g = t.graph;
	const spec = g.op[use.owner] as OpSpec;
	const me = t.label(node);
	const o = t.label(use.owner);
	const k = use.edges.length;
	const shown = k > 6 ? [...use.edges.slice(0, 3), -1, use.edges[k - 1]] : use.edges;
	const parts = shown.map((e, n) => (e < 0 ? '…' : wordNum(g.local[e], sig, n === 0))).join(' + ');
	const rule =
		spec.pattern === 'swaps'
			? ' This is the product rule: each part is the factor that appearance is multiplied with.'
			: spec.pattern === 'distributes'
				? ' For a sum each part is 1.'
				: '';
	return (
		` ${me} appears ${timesWords(k)} in ${o}, so the local derivative ∂${o}/∂${me} adds one part per appearance, each taken with the ${k === 2 ? 'other' : 'others'} held fixed` +
		(numbers ? `: ${parts} = ${fmt(use.local, sig)}.` : '.') +
		rule
	);
}

function isNonFinite(...xs: number[]): boolean {
	return xs.some((x) => !Number.isFinite(x));
}

/**
 * Why a value is NaN or infinite, in words a student can act on: inherited from an input,
 * or made here (outside the op's domain, or past the largest double).
 */
function forwardNonFiniteNote(t: Trace, node: number, explained = false): string {
	const g = t.graph;
	const v = g.value[node];
	if (Number.isFinite(v)) return '';
	const me = t.label(node);
	const from = inputsOf(t, node).find((i) => !Number.isFinite(g.value[i]));
	if (from !== undefined)
		return ` Warning: ${me} is ${fmt(v)} because ${t.label(from)} already is ${fmt(g.value[from])}: a NaN or an infinity spreads to everything computed from it. Fix the first step that shows this warning.`;
	const title = (g.op[node] as OpSpec).title;
	if (Number.isNaN(v))
		return ` Warning: ${me} is NaN, "not a number": the ${title} is undefined at these inputs (as log or √ of a negative number, 0/0 or ∞ − ∞ are).${explained ? '' : ' Change the values so its inputs are in its domain.'}`;
	// Where the cause note names what rounded and the stable form to write, generic advice would mislead.
	return ` Warning: ${me} is ${fmt(v)}: the ${title} here is a division by 0, a log of 0, or a result beyond the largest number a computer stores (about 1.8·10³⁰⁸, which exp passes from 709.8 up).${explained ? '' : ' Move its inputs away from 0 or make them smaller.'}`;
}

function backwardNonFiniteNote(t: Trace, node: number, edges: readonly number[], owners: readonly number[]): string {
	const g = t.graph;
	const grad = g.grad[node];
	if (Number.isFinite(grad)) return '';
	const what = `∂${t.label(g.output)}/∂${t.label(node)}`;
	const up = owners.findIndex((o) => !Number.isFinite(g.grad[o]));
	if (up >= 0)
		return ` Warning: ${what} is ${fmt(grad)} because the upstream gradient of ${t.label(owners[up])} already is ${fmt(g.grad[owners[up]])}; it spreads down every path.`;
	const local = edges.findIndex((e) => !Number.isFinite(g.local[e]));
	if (local >= 0)
		return ` Warning: ${what} is ${fmt(grad)} because the local derivative of ${t.label(owners[local])} is ${fmt(g.local[edges[local]])} here: its slope is unbounded or undefined at this input (as √x and log x are at 0). Change the values to move away from that point.`;
	return ` Warning: ${what} is ${fmt(grad)}: the products are finite but too large to store, or an ∞ meets a 0. Use smaller values.`;
}

/** Inner nodes named by a role or a symbol are defined in every step that mentions them; short pieces spell themselves out. */
function defined(t: Trace, nodes: readonly number[]): number[] {
	const out: number[] = [];
	for (const i of nodes) {
		const n = t.inner(i);
		if (n && n.kind !== 'expr' && !out.includes(i)) out.push(i);
		if (out.length === 3) break;
	}
	return out;
}

/** `where net_{o_1} = w_5 h_1 + w_6 h_2 + b_2`: one line per net input or symbol the step mentions. */
export function whereLines(t: Trace, nodes: readonly number[]): TexLine[] {
	return defined(t, nodes).map((i) => ({ caption: 'where', tex: t.inner(i)!.definition }));
}

function roleWords(t: Trace, nodes: readonly number[]): string {
	return defined(t, nodes)
		.map((i) => ` ${t.label(i)} is ${t.inner(i)!.role}.`)
		.join('');
}

/**
 * The gradient at an activation's net input is what the textbooks call δ: the activation's
 * slope times the gradient arriving at its output. Saying so links the step to the lecture.
 */
function deltaWords(t: Trace, node: number, sig: number): string {
	const of = t.inner(node)?.of;
	if (of === undefined) return '';
	const g = t.graph;
	const out = t.label(g.output);
	const edge = t.consumers.edges.subarray(t.consumers.start[node], t.consumers.start[node + 1]).find((e) => t.consumers.edgeOwner[e] === of);
	if (edge === undefined) return '';
	const fn = (g.op[of] as OpSpec).name;
	return ` This is the δ of ${t.label(of)} that the textbooks derive: the ${fn}'s slope ∂${t.label(of)}/∂${t.label(node)} = ${fmt(g.local[edge], sig)} times the gradient ∂${out}/∂${t.label(of)} = ${fmt(g.grad[of], sig)} arriving at ${t.label(of)}.`;
}

/** Symbolic form, substituted form, value: each shown once, skipping forms that say the same thing. */
export function distinctForms(sym: string, num: string | undefined, value: number, sig: number): string[] {
	const val = texNum(value, sig);
	const out = symbolicThenSubstituted(sym, num, value, sig);
	if (val !== sym) out.push(val);
	return out;
}

/** The symbolic form, then the substituted one unless it only repeats the symbols or the value. */
export function symbolicThenSubstituted(sym: string, num: string | undefined, value: number, sig: number): string[] {
	const out = [sym];
	if (num !== undefined && num !== sym && num !== texNum(value, sig) && num !== texOperand(value, sig)) out.push(num);
	return out;
}

export function stepText(t: Trace, step: Step, sig = DEFAULT_SIG): StepText {
	switch (step.kind) {
		case 'forward':
			return forwardText(t, step.node, sig);
		case 'backward':
			return backwardText(t, step.node, step.terms, sig);
		case 'group-forward':
			return groupForwardText(t, step, sig);
		case 'group-backward':
			return groupBackwardText(t, step, sig);
		default:
			return assertNever(step);
	}
}

/**
 * The pieces of one equation, kept apart so practice mode can reveal them one at a time:
 * left side, symbolic right side, the same with numbers substituted, and the value.
 */
export interface EquationForms {
	readonly lhs: string;
	readonly sym: string;
	readonly num: string;
	readonly value: number;
}

export function forwardForms(t: Trace, node: number, sig = DEFAULT_SIG): EquationForms {
	const spec = t.graph.op[node] as OpSpec;
	return {
		lhs: t.tex(node),
		sym: spec.tex(texArgs(t, node, 'names', sig, 'tex')),
		num: spec.tex(texArgs(t, node, 'values', sig, 'tex')),
		value: t.graph.value[node]
	};
}

function joinForms(f: EquationForms, sig: number): string {
	// A piece named by its own text (`tanh(u)`) would otherwise be written twice: tanh(u) = tanh(u) = ….
	return [f.lhs, ...distinctForms(f.sym, f.num, f.value, sig).filter((x, k) => k > 0 || x !== f.lhs)].join(' = ');
}

/** `q = x + y = (-2) + 5 = 3`: the node's equation, then with numbers, then its value. */
export function forwardEquation(t: Trace, node: number, sig = DEFAULT_SIG): string {
	return joinForms(forwardForms(t, node, sig), sig);
}

function forwardText(t: Trace, node: number, sig: number): StepText {
	const g = t.graph;
	const spec = g.op[node] as OpSpec;
	const ins = inputsOf(t, node);
	const v = g.value[node];
	const cause = forwardCauseNote(t, node, sig);
	const words =
		`${t.label(node)} is ${spec.words ? spec.words(ins.map((i) => t.label(i)), g.param[node]) : `the ${spec.title} of ${listWords(ins.map((i) => t.label(i)))}`}: ${fmt(v, sig)}.` +
		roleWords(t, [node, ...ins]) +
		forwardNonFiniteNote(t, node, hasStableForm(t, node)) +
		cause;
	const gate = gateForward(t, node, sig);
	return {
		title: `Forward · ${t.label(node)}`,
		lines: [{ caption: 'compute', tex: forwardEquation(t, node, sig) }, ...gate.lines, ...whereLines(t, ins)],
		words: words + gate.words,
		nonFinite: isNonFinite(v)
	};
}

export function localDerivativeForms(t: Trace, edge: number, sig = DEFAULT_SIG): EquationForms {
	const g = t.graph;
	const owner = t.consumers.edgeOwner[edge];
	const i = edge - g.inputStart[owner];
	const spec = g.op[owner] as OpSpec;
	return {
		lhs: d(t.tex(owner), t.tex(g.inputs[edge])),
		sym: spec.partialTex(texArgs(t, owner, 'names', sig, 'partial'), i),
		num: spec.partialTex(texArgs(t, owner, 'values', sig, 'partial'), i),
		value: g.local[edge]
	};
}

/** The local derivative of one edge: symbolic, then with numbers, then its value. */
export function localDerivative(t: Trace, edge: number, sig = DEFAULT_SIG): string {
	return joinForms(localDerivativeForms(t, edge, sig), sig);
}

/** Terms of a sum as LaTeX: a term that starts with a minus is subtracted, 1 - 1, not 1 + -1. */
export function sumTex(parts: readonly string[]): string {
	return parts.map((p, k) => (k === 0 ? p : p.startsWith('-') ? `- ${p.slice(1)}` : `+ ${p}`)).join(' ');
}

/**
 * The local derivative of one use: through one edge, that edge's; where the node appears several
 * times in its consumer, the parts added (∂(x·x)/∂x = x + x = (-3) + (-3) = -6).
 */
export function useLocalForms(t: Trace, node: number, use: Use, sig = DEFAULT_SIG): EquationForms {
	if (use.edges.length === 1) return localDerivativeForms(t, use.edges[0], sig);
	const g = t.graph;
	const spec = g.op[use.owner] as OpSpec;
	const slots = elide(use.edges.slice(), -1).map((e) => (e < 0 ? -1 : e - g.inputStart[use.owner]));
	const parts = (a: TexArgs) => sumTex(slots.map((i) => (i < 0 ? '\\cdots' : spec.partialTex(a, i))));
	return {
		lhs: d(t.tex(use.owner), t.tex(node)),
		sym: parts(texArgs(t, use.owner, 'names', sig, 'partial')),
		num: parts(texArgs(t, use.owner, 'values', sig, 'partial')),
		value: use.local
	};
}

/**
 * The chain rule at a node reached through `terms` (edges into its consumers): one
 * upstream × local product per use, summed, because gradients add where a value fans out.
 */
export function chainRuleForms(t: Trace, node: number, terms: Int32Array, sig = DEFAULT_SIG): EquationForms {
	const g = t.graph;
	const out = t.tex(g.output);
	const me = t.tex(node);
	// One term per consumer: a node read twice by one consumer (c1 + c1) has one local derivative there, 1 + 1.
	// Elided before formatting: only the printed terms cost anything (undefined marks the dots).
	const shown = elide<Use | undefined>(usesOf(g, t.consumers, terms), undefined);
	const sym = shown.map((u) => (u ? `${d(out, t.tex(u.owner))}${d(t.tex(u.owner), me)}` : '\\cdots'));
	const num = shown.map((u) => (u ? `${texOperand(g.grad[u.owner], sig)} \\cdot ${texOperand(u.local, sig)}` : '\\cdots'));
	return { lhs: d(out, me), sym: sym.join(' + '), num: num.join(' + '), value: g.grad[node] };
}

function backwardText(t: Trace, node: number, terms: Int32Array, sig: number): StepText {
	const g = t.graph;
	const out = t.tex(g.output);
	const outLabel = t.label(g.output);
	const me = t.tex(node);
	const grad = g.grad[node];
	if (node === g.output)
		return {
			title: `Backward · ${t.label(node)}`,
			lines: [{ caption: 'seed', tex: `${d(out, me)} = 1` }],
			words: `Backprop starts at the output ${outLabel}: the gradient of ${outLabel} with respect to itself is 1.`,
			nonFinite: false
		};
	if (!t.live[node] || terms.length === 0)
		return {
			title: `Backward · ${t.label(node)}`,
			lines: [{ caption: 'gradient', tex: `${d(out, me)} = 0` }],
			words: `${t.label(node)} does not feed ${outLabel}, so its gradient is 0.`,
			nonFinite: false
		};
	const edges = Array.from(terms);
	const owners = edges.map((e) => t.consumers.edgeOwner[e]);
	const uses = usesOf(g, t.consumers, terms);
	const cf = chainRuleForms(t, node, terms, sig);
	const chain = `${cf.lhs} = ${cf.sym} = ${cf.num} = ${texNum(grad, sig)}`;
	// Under the output the local derivative and the gradient are the same number; the caption keeps them apart.
	const localCaption = (u: Use) => (u.owner === g.output ? `local derivative of the output ${t.label(u.owner)}` : 'local derivative');
	const locals = elide<Use | undefined>(uses, undefined).map((u) =>
		u ? { caption: localCaption(u), tex: joinForms(useLocalForms(t, node, u, sig), sig) } : { caption: '', tex: '\\vdots' }
	);
	const meL = t.label(node);
	let words = usesWords(t, node, uses, sig);
	for (let k = 0; k < uses.length && k < 8; k++) {
		const o = uses[k].owner;
		const spec = g.op[o] as OpSpec;
		const x = g.inputs.subarray(g.inputStart[o], g.inputStart[o + 1]);
		const note = spec.tieNote?.(Float64Array.from(x, (i) => g.value[i]), x.length, g.param[o]);
		if (note) words += ` At ${t.label(o)}: ${note}`;
	}
	const consumers = uses.map((u) => u.owner);
	words += deltaWords(t, node, sig) + roleWords(t, [node, ...consumers]);
	words += backwardNonFiniteNote(t, node, edges, owners);
	words += backwardCauseNote(t, node, sig);
	const gate = gateBackward(t, node, edges);
	words += gate.words;
	return {
		title: `Backward · ${meL}`,
		lines: [...gate.lines, ...locals, { caption: 'chain rule', tex: chain }, ...whereLines(t, [node, ...consumers])],
		words,
		nonFinite: isNonFinite(grad)
	};
}

/**
 * A node that feeds the output directly and also through other paths (f = w*x + w): the sum's
 * term ∂f/∂f · ∂f/∂w writes ∂f/∂w for f's local derivative, the same symbol as the gradient on
 * the left. Say which is which, with both numbers.
 */
export function directWords(t: Trace, node: number, use: Use, sig: number, numbers = true): string {
	const g = t.graph;
	const o = t.label(use.owner);
	const me = t.label(node);
	const n = (x: number) => (numbers ? ` (${fmt(x, sig)})` : '');
	return ` In the term ∂${o}/∂${o} · ∂${o}/∂${me}, ∂${o}/∂${me} is the local derivative${n(use.local)}: how ${o} changes with ${me} when its other inputs are held fixed; the gradient ∂${o}/∂${me} on the left${n(g.grad[node])} adds up every path from ${me} to ${o}.`;
}

/**
 * How a node's gradient is made from its uses, in words: one consumer (the output itself, where
 * the gradient is just the local derivative, or a node whose gradient arrives as the upstream
 * factor), several consumers (a term each, added), and a node that appears more than once in
 * one consumer (one term, whose local derivative adds a part per appearance).
 */
function usesWords(t: Trace, node: number, uses: readonly Use[], sig: number): string {
	const g = t.graph;
	const out = t.label(g.output);
	const me = t.label(node);
	if (uses.length === 1) {
		const u = uses[0];
		const o = t.label(u.owner);
		const how =
			u.owner === g.output
				? // ∂f/∂f · ∂f/∂q would read as if q's gradient were defined by itself: say what each factor is.
					`${me} feeds the output ${o} directly, so its gradient ∂${out}/∂${me} is the local derivative of ${o} with respect to ${me} (times the seed ∂${o}/∂${o} = 1).`
				: `${me} feeds ${o}, so ∂${out}/∂${me} is ∂${out}/∂${o} times ∂${o}/∂${me}: the upstream gradient arriving at ${o} times the local derivative of ${o}.`;
		return how + (u.edges.length > 1 ? appearanceWords(t, node, u, sig) : patternWords(t, node, u, sig));
	}
	const names = listWords(uses.map((u) => t.label(u.owner)));
	let words =
		`${me} is used ${uses.length} times (by ${names}), so ∂${out}/∂${me} is the sum of one ` +
		`upstream × local product for each use: gradients add where a value fans out.`;
	for (const u of uses.slice(0, 8)) if (u.edges.length > 1) words += appearanceWords(t, node, u, sig);
	// A reader off every path to the output (a naive line beside its stable form) adds a 0 term.
	const dead = uses.filter((u) => !t.live[u.owner]).map((u) => t.label(u.owner));
	if (dead.length)
		words += ` ${listWords(dead)} ${dead.length === 1 ? 'does' : 'do'} not feed ${out}, so ${dead.length === 1 ? 'its term is' : 'their terms are'} 0.`;
	const direct = uses.find((u) => u.owner === g.output);
	if (direct) words += directWords(t, node, direct, sig);
	return words;
}

/** A vector or matrix as a bmatrix; big ones show their corners with dots. */
export function matrixTex(shape: readonly number[], at: (k: number) => number, sig = DEFAULT_SIG): string {
	if (shape.length === 0) return texNum(at(0), sig);
	const rows = shape.length === 2 ? shape[0] : shape[0];
	const cols = shape.length === 2 ? shape[1] : 1;
	const pick = (n: number) => (n <= 8 ? [...Array(n).keys()] : [0, 1, 2, -1, n - 1]);
	const body = pick(rows).map((r) =>
		pick(cols)
			.map((c) => (r < 0 ? (c < 0 ? '\\ddots' : '\\vdots') : c < 0 ? '\\cdots' : texNum(at(r * cols + c), sig)))
			.join(' & ')
	);
	return `\\begin{bmatrix}${body.join(' \\\\ ')}\\end{bmatrix}`;
}

/**
 * A scalar node written out down to named values, e.g. h_{0} = \tanh(W_{1}[0,0] \cdot x_{0} + … + b_{1,0}):
 * the element-wise formula of a group step.
 */
export function inlineTex(t: Trace, node: number, stmt: number, depth = 0): string {
	const g = t.graph;
	const spec = g.op[node];
	if (!spec || depth > 6) return t.tex(node);
	const a = inputsOf(t, node).map((i, k) => {
		const anonymousHere = g.group[i] < 0 && g.kind[i] === 'op' && g.stmt[i] === stmt;
		if (!anonymousHere) return t.tex(i);
		const inner = inlineTex(t, i, stmt, depth + 1);
		const innerSpec = g.op[i] as OpSpec;
		return innerSpec.prec < (spec.operandPrec?.(k) ?? 0) ? `\\left(${inner}\\right)` : inner;
	});
	const p = g.param[node];
	return spec.tex({ a, y: t.tex(node), p, sibling: (j) => t.tex(node - p + j) });
}

function groupForwardText(t: Trace, step: Step & { kind: 'group-forward' }, sig: number): StepText {
	const g = t.graph;
	const grp = g.groups[step.group];
	const stmt = t.program.statements[step.stmt];
	const first = grp.ids[0];
	const assignment = `${groupTex(t, step.group)} = ${exprTex(stmt.expr)}`;
	const lines: TexLine[] = [{ caption: 'assignment', tex: assignment }];
	// The matrix form first (W x with its shapes and numbers), then one element as the scalar steps write it.
	const vector = vectorForwardLines(t, step, sig);
	lines.push(...vector);
	if (step.nodes.length === 1) lines.push({ caption: 'compute', tex: forwardEquation(t, first, sig) });
	else {
		const written = `${t.tex(first)} = ${inlineTex(t, first, step.stmt)}`;
		if (written !== assignment) lines.push({ caption: grp.ids.length > 1 ? `element ${indexText(grp.shape, 0)}` : 'written out', tex: written });
		if (!vector.length) lines.push({ caption: 'values', tex: `${groupTex(t, step.group)} = ${matrixTex(grp.shape, (k) => g.value[grp.ids[k]], sig)}` });
	}
	const bad = Array.from(grp.ids).some((i) => !Number.isFinite(g.value[i]));
	return {
		title: `Forward · ${grp.name}`,
		lines,
		words: `${grp.name} is computed ${grp.ids.length > 1 ? `element by element (${grp.ids.length} values, ${step.nodes.length} nodes)` : `in ${step.nodes.length} node${step.nodes.length === 1 ? '' : 's'}`}.${vector.length ? ` The lines show it in vector form${grp.ids.length > 1 ? ', then element [0] written out; switch to scalar steps to see every element' : ''}.` : ''}${bad ? ' Warning: some values are not finite.' : ''}${groupCauseNote(t, step.nodes, 'forward', sig)}`,
		nonFinite: bad
	};
}

function groupBackwardText(t: Trace, step: Step & { kind: 'group-backward' }, sig: number): StepText {
	const g = t.graph;
	const grp = g.groups[step.group];
	const out = t.tex(g.output);
	const outLabel = t.label(g.output);
	// The matrix form first (∂L/∂W = δ xᵀ, its numbers, the shape check), then one element's chain rule.
	const lines: TexLine[] = vectorBackwardLines(t, step, sig).slice();
	const vector = lines.length > 0;
	const first = grp.ids[0];
	const bstep = t.steps[t.backwardStepOf[first]];
	if (bstep && bstep.kind === 'backward') {
		const one = backwardText(t, first, bstep.terms, sig);
		const chain = one.lines.find((l) => l.caption === 'chain rule' || l.caption === 'seed' || l.caption === 'gradient') ?? one.lines[0];
		const line = { caption: grp.ids.length > 1 ? `element ${indexText(grp.shape, 0)}` : 'chain rule', tex: chain.tex };
		// The output's seed ∂L/∂L = 1 comes before the rules it starts.
		if (step.stmt === g.statements.length - 1) lines.unshift(line);
		else lines.push(line);
	}
	if (grp.ids.length > 1 && !vector)
		lines.push({ caption: 'gradient', tex: `${d(out, groupTex(t, step.group))} = ${matrixTex(grp.shape, (k) => g.grad[grp.ids[k]], sig)}` });
	const readers = new Set<string>();
	const readerStmt = new Map<string, number>();
	for (const id of grp.ids)
		for (let e = t.consumers.start[id]; e < t.consumers.start[id + 1]; e++) {
			const s = g.stmt[t.consumers.edgeOwner[t.consumers.edges[e]]];
			readers.add(g.statements[s].name);
			readerStmt.set(g.statements[s].name, s);
		}
	readers.delete(grp.name);
	const bad = Array.from(grp.ids).some((i) => !Number.isFinite(g.grad[i]));
	const each = grp.ids.length > 1 ? ', element by element' : '';
	// A name written twice in one line (c2 = c1 + c1 + 1, f = w*x + w) is two uses, not one reader.
	const repeats = [...readers]
		.map((r) => [r, appearances(t, readerStmt.get(r)!, grp.name)] as const)
		.filter(([, n]) => n > 1);
	const repeatWords = repeats.map(([r, n]) => ` It appears ${timesWords(n)} in the line of ${r}.`).join('');
	const one = [...readers][0];
	const words =
		step.stmt === g.statements.length - 1
			? `Backprop starts at the output ${outLabel} with gradient 1.`
			: readers.size
				? readers.size === 1 && repeats.length === 0
					? `${grp.name} is read by ${one}, so its gradient is what ${one} passes back${each}.`
					: readers.size === 1
						? `${grp.name} appears ${timesWords(repeats[0][1])} in the line of ${one}, so its gradient adds up what each use passes back${each}.`
						: `${grp.name} is read by ${listWords([...readers])}, so its gradient adds up what each passes back${each}.${repeatWords}`
				: `${grp.name} does not feed ${outLabel}, so its gradient is 0.`;
	// The line's unnamed inner nodes get their gradients in this step too; the graph shows them.
	const mine = new Set(grp.ids);
	const inner = Array.from(step.nodes).filter((i) => !mine.has(i) && g.kind[i] === 'op');
	const innerWords = inner.length
		? ` This step also passes the gradient back through the ${inner.length === 1 ? 'inner node' : `${inner.length} inner nodes`} of its line (${listWords(
				inner.length <= 3 ? inner.map((i) => t.label(i)) : [t.label(inner[0]), '…', t.label(inner[inner.length - 1])]
			)}), drawn on the graph; step one scalar at a time to see each.`
		: '';
	const vectorWords = vector
		? ` The rule comes first in matrix form, with its numbers and the shape check${grp.ids.length > 1 ? `; element ${indexText(grp.shape, 0)} is one entry of it (scalar steps show every element)` : ''}.`
		: '';
	return { title: `Backward · ${grp.name}`, lines, words: words + vectorWords + innerWords + (bad ? ' Warning: some gradients are not finite.' : '') + groupCauseNote(t, step.nodes, 'backward', sig), nonFinite: bad };
}


/** How many times `name` is written in statement `stmt`'s right side (its parts tree, walked without recursion). */
function appearances(t: Trace, stmt: number, name: string): number {
	const root = t.graph.parts[stmt];
	if (!root) return 0;
	let n = 0;
	const stack: Part[] = [root];
	while (stack.length) {
		const p = stack.pop()!;
		if (p.op === 'name' && p.expr.kind === 'name' && p.expr.name === name) n++;
		for (const c of p.children) stack.push(c);
	}
	return n;
}

function indexText(shape: readonly number[], k: number): string {
	return `[${elementIndex(shape, k).join(',')}]`;
}
