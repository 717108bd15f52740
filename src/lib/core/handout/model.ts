import type { Graph } from '../graph/graph.ts';
import { assertNever } from '../language/ast.ts';
import type { OpSpec, TexArgs } from '../ops/spec.ts';
import { groupTex } from '../trace/names.ts';
import { DEFAULT_SIG, texNum, texOperand } from '../tex/number.ts';
import type { Trace } from '../trace/build.ts';
import type { Granularity, Step } from '../trace/steps.ts';
import { innerDefinition } from '../trace/inner.ts';
import { gateForward } from '../trace/gate-lines.ts';
import { distinctForms, matrixTex, numberOperand, operandArgs, stepText, sumTex, symbolicThenSubstituted, type TexLine } from '../trace/tex.ts';
import { usesOf, type Use } from '../trace/uses.ts';
import { usesNote } from './words.ts';
import { vectorBackwardLines, vectorForwardLines } from '../trace/vector.ts';
import { AnswerSheet, type Answer, type Blanks } from './blanks.ts';
import { partial as d } from '../tex/partial.ts';

/**
 * A handout: the trace laid out as the rows of a worked solution (or a worksheet), with every
 * number already formatted as LaTeX. The writers (markdown, latex, html) only arrange it, so the
 * three formats cannot disagree about a number.
 */
export interface Handout {
	readonly title: string;
	/** The program exactly as written; writers escape it for their format. */
	readonly program: string;
	readonly sig: number;
	/** `scalar`: one row per scalar node; `group`: one row per assignment (vectors, matrices). */
	readonly granularity: Granularity;
	readonly output: { readonly label: string; readonly tex: string };
	/** The leaves: given numbers, never blanks. */
	readonly inputs: readonly InputRow[];
	readonly forward: readonly ForwardRow[];
	readonly backward: readonly BackwardRow[];
	readonly worksheet: boolean;
	/** The answer key, in box order; empty unless `worksheet`. */
	readonly answers: readonly Answer[];
	/** `false`: a student's copy in a class set, whose answers go to the one key for the class. */
	readonly key?: boolean;
}

export interface InputRow {
	readonly label: string;
	readonly tex: string;
	readonly value: string;
}

export interface ForwardRow {
	/** Step number as printed, 1-based; worksheets choose steps by it. */
	readonly k: number;
	readonly label: string;
	readonly tex: string;
	/** `c = a + b = 2 + 1`: symbolic, then substituted (left out where it would quote a blank). */
	readonly equations: readonly string[];
	/**
	 * Assignment rows: each unnamed inner quantity of the line, computed in order before the
	 * assigned value (`\mathrm{net}_{o_1} = … = 1.106`), so the value's formula quotes no number
	 * the handout has not derived. Empty in scalar rows, where every inner node has its own row.
	 */
	readonly links: readonly ForwardLink[];
	/** Assignment rows of vectors and matrices: the step in matrix form, with shapes. */
	readonly vectorized: readonly TexLine[];
	/** The value, or a blank box. */
	readonly value: string;
	readonly nonFinite: boolean;
}

export interface ForwardLink {
	readonly label: string;
	readonly tex: string;
	/** `name = definition = numbers = value` (symbols only where a number is a blank). */
	readonly equation: string;
}

/** The cells of one gradient: an assignment's row, a scalar row, or a link inside an assignment row. */
export interface BackwardCells {
	readonly k: number;
	readonly label: string;
	readonly tex: string;
	/** One local derivative per use of the node: `\frac{\partial c}{\partial b} = 1`. */
	readonly locals: readonly string[];
	/** The chain rule with every fan-out term: symbolic sum, then upstream · local in numbers. */
	readonly chain: string;
	/** The gradient, or a blank box. */
	readonly gradient: string;
	/** Plain text: the seed, a node that does not feed the output, fan-out, which element is shown. */
	readonly note?: string;
	readonly nonFinite: boolean;
}

export interface BackwardRow extends BackwardCells {
	/**
	 * Assignment rows: every unnamed inner node of the line on a chain the handout shows (the
	 * net input with σ′ and δ, each product a fan-out term comes through), in backward order,
	 * so a later row's upstream gradients are all derived here. Empty in scalar rows.
	 */
	readonly links: readonly BackwardLink[];
	/** Assignment rows of vectors and matrices: the rule in matrix form (∂L/∂W = δ xᵀ) with shapes. */
	readonly vectorized: readonly TexLine[];
	/** Plain text, set when a row has more links than it prints (`LINK_LIMIT`). */
	readonly linksOmitted?: string;
}

/** An inner node's gradient inside an assignment row, with what the node is. */
export interface BackwardLink extends BackwardCells {
	/** `\mathrm{net}_{o_1} = w_5 h_1 + w_6 h_2 + b_2`; absent when the name spells itself out. */
	readonly definition?: string;
	/** Plain text: what the node is and, at a net input, that its gradient is the δ. */
	readonly words: string;
}

export interface HandoutOptions {
	readonly title?: string;
	/** Significant digits of every number (the one formatter's `sig`). */
	readonly sig?: number;
	readonly blanks?: Blanks;
	readonly granularity?: Granularity | 'auto';
	/** With `auto`, traces with more scalar steps than this get one row per assignment. */
	readonly groupAbove?: number;
}

export const DEFAULT_TITLE = 'Backpropagation, step by step';
export const GROUP_ABOVE = 60;
const ELEMENT_TEX_LIMIT = 200;
/**
 * The most inner quantities one assignment row writes out. A scalar network's line has a handful;
 * a wide matrix product has thousands, which only rows per scalar step can show.
 */
export const LINK_LIMIT = 24;

export function handoutGranularity(t: Trace, opts: HandoutOptions = {}): Granularity {
	const g = opts.granularity ?? 'auto';
	if (g !== 'auto') return g;
	return t.steps.length > (opts.groupAbove ?? GROUP_ABOVE) ? 'group' : 'scalar';
}

/** The steps a handout of this granularity prints, in order; worksheet indices point into it. */
export function handoutSteps(t: Trace, granularity: Granularity): readonly Step[] {
	return granularity === 'scalar' ? t.steps : t.groupSteps;
}


/** Which numbers are hidden: node values, node gradients and edge local derivatives. */
interface Hidden {
	readonly value: Set<number>;
	readonly grad: Set<number>;
	readonly local: Set<number>;
}

function hiddenNumbers(t: Trace, steps: readonly Step[], blanks: Blanks): Hidden {
	const h: Hidden = { value: new Set(), grad: new Set(), local: new Set() };
	const g = t.graph;
	const hide = (s: Step, explicit: boolean) => {
		switch (s.kind) {
			case 'forward':
				h.value.add(s.node);
				return;
			case 'backward':
				// The seed is given, not computed; it is a blank only when asked for by number.
				if (s.node === g.output && !explicit) return;
				h.grad.add(s.node);
				if (explicit) s.terms.forEach((e) => h.local.add(e));
				return;
			case 'group-forward':
				s.nodes.forEach((i) => h.value.add(i));
				return;
			case 'group-backward': {
				if (g.stmt[g.output] === s.stmt && !explicit) return;
				s.nodes.forEach((i) => h.grad.add(i));
				const first = g.groups[s.group].ids[0];
				if (explicit) for (let e = t.consumers.start[first]; e < t.consumers.start[first + 1]; e++) h.local.add(t.consumers.edges[e]);
				return;
			}
			default:
				return assertNever(s);
		}
	};
	if (blanks === 'all-gradients') {
		for (const s of steps) if (s.kind === 'backward' || s.kind === 'group-backward') hide(s, false);
	} else if (blanks !== 'none') {
		for (const k of blanks) {
			const s = steps[k];
			if (!s) throw new RangeError(`There is no step ${k + 1}: the handout has ${steps.length} steps.`);
			hide(s, true);
		}
	}
	return h;
}

class Builder {
	readonly sheet = new AnswerSheet();
	readonly g: Graph;
	/** The element of each named value whose chain rule a row writes out: the first. */
	readonly shown: ReadonlySet<number>;
	constructor(
		readonly t: Trace,
		readonly sig: number,
		readonly hidden: Hidden
	) {
		this.g = t.graph;
		this.shown = new Set(t.graph.groups.map((grp) => grp.ids[0]));
	}

	/**
	 * A template filled with numbers, or undefined when it would quote a hidden value: the
	 * student then sees the symbolic form and finds the numbers in earlier rows.
	 */
	substituted(node: number, part: 'tex' | 'partial', render: (a: TexArgs) => string): string | undefined {
		// The operands are made only as the template reads them, so a blank among the unread ones is checked here.
		if (this.inputIsBlank(node)) return undefined;
		let quotesBlank = false;
		const num = numberOperand(this.g.op[node] as OpSpec, part);
		const out = render(
			operandArgs(this.t, node, (i) => {
				if (this.hidden.value.has(i)) quotesBlank = true;
				return num(this.g.value[i], this.sig);
			})
		);
		return quotesBlank ? undefined : out;
	}

	readonly #inputBlank = new Map<number, boolean>();
	/** Whether an input of `node` is a blank; kept, as each input of a wide node asks again in its own row. */
	inputIsBlank(node: number): boolean {
		const { g, hidden } = this;
		if (hidden.value.size === 0) return false;
		let blank = this.#inputBlank.get(node);
		if (blank === undefined) {
			blank = false;
			for (let k = g.inputStart[node]; k < g.inputStart[node + 1] && !blank; k++) blank = hidden.value.has(g.inputs[k]);
			this.#inputBlank.set(node, blank);
		}
		return blank;
	}

	/** `c = a + b = 2 + 1`, without the value: the value has its own column. */
	forwardEquation(node: number): string {
		const { t, g } = this;
		const spec = g.op[node] as OpSpec;
		const sym = spec.tex(operandArgs(t, node, (i) => t.tex(i)));
		const num = this.hidden.value.has(node) ? undefined : this.substituted(node, 'tex', (a) => spec.tex(a));
		return [t.tex(node), ...symbolicThenSubstituted(sym, num, g.value[node], this.sig)].join(' = ');
	}

	scalarForward(k: number, node: number): ForwardRow {
		const { t, g, sig } = this;
		const v = g.value[node];
		return {
			k,
			label: t.label(node),
			tex: t.tex(node),
			// A call of the student's gate also shows its body; with the numbers only where the value is not a blank to fill.
			equations: [this.forwardEquation(node), ...gateForward(t, node, sig).lines.slice(0, this.hidden.value.has(node) ? 1 : 2).map((l) => l.tex)],
			links: [],
			vectorized: [],
			value: this.hidden.value.has(node) ? this.sheet.blank(k, t.tex(node), texNum(v, sig)) : texNum(v, sig),
			nonFinite: !Number.isFinite(v)
		};
	}

	/** Locals, chain and gradient of one scalar node; group rows reuse it for their first element. */
	scalarBackward(k: number, node: number, gradient?: () => string): BackwardCells {
		const { t, g, sig, hidden, sheet } = this;
		const out = t.tex(g.output);
		const outLabel = t.label(g.output);
		const me = t.tex(node);
		const grad = g.grad[node];
		const gradCell = () => gradient?.() ?? (hidden.grad.has(node) ? sheet.blank(k, d(out, me), texNum(grad, sig)) : texNum(grad, sig));
		const base = { k, label: t.label(node), tex: me, nonFinite: !Number.isFinite(grad) };
		if (node === g.output) return { ...base, locals: [], chain: d(out, me), gradient: gradCell(), note: 'The seed: the gradient of the output with respect to itself.' };
		const edges = Array.from(g.output === node ? [] : t.consumers.edges.subarray(t.consumers.start[node], t.consumers.start[node + 1]));
		if (!t.live[node] || edges.length === 0)
			return { ...base, locals: [], chain: d(out, me), gradient: gradCell(), note: `${t.label(node)} does not feed ${outLabel}, so its gradient is 0.` };
		// One local derivative and one chain-rule term per consumer: where the node appears twice in
		// it (c1 + c1, x * x), the parts add (1 + 1, x + x), as the page's step writes it.
		const uses = usesOf(g, t.consumers, edges);
		const owners = uses.map((u) => u.owner);
		const hiddenUse = (u: Use) => u.edges.some((e) => hidden.local.has(e));
		const locals = uses.map((u) => {
			const owner = u.owner;
			const spec = g.op[owner] as OpSpec;
			const slots = u.edges.map((e) => e - g.inputStart[owner]);
			const render = (a: TexArgs) => sumTex(slots.map((i) => spec.partialTex(a, i)));
			const lhs = d(t.tex(owner), me);
			const sym = render(operandArgs(t, owner, (j) => t.tex(j)));
			const num = this.substituted(owner, 'partial', render);
			// A sum's ∂ is the constant 1: its symbolic form is the answer itself.
			if (hiddenUse(u)) return [lhs, ...(sym === texNum(u.local, sig) ? [] : [sym]), sheet.blank(k, lhs, texNum(u.local, sig))].join(' = ');
			// Under the output the local derivative is the gradient (the upstream factor is the seed 1),
			// and so it is wherever the one upstream gradient is 1: its number would fill this row's own box.
			if (hidden.grad.has(node) && (owner === g.output || (uses.length === 1 && texNum(u.local, sig) === texNum(grad, sig))))
				return sym === texNum(u.local, sig) ? lhs : [lhs, sym].join(' = ');
			return [lhs, ...distinctForms(sym, num, u.local, sig)].join(' = ');
		});
		const sym = owners.map((o) => `${d(out, t.tex(o))}${d(t.tex(o), me)}`).join(' + ');
		// Quoting a hidden upstream gradient or local derivative would give an answer away.
		// A blank row shows only symbols: the numbers are the student's to put in.
		const quotesBlank = hidden.grad.has(node) || owners.some((o) => hidden.grad.has(o)) || uses.some(hiddenUse);
		const num = quotesBlank ? undefined : uses.map((u) => `${texOperand(g.grad[u.owner], sig)} \\cdot ${texOperand(u.local, sig)}`).join(' + ');
		const chain = [d(out, me), sym, ...(num === undefined ? [] : [num])].join(' = ');
		const note = usesNote(t, node, uses, sig, !quotesBlank);
		return { ...base, locals, chain, gradient: gradCell(), note };
	}

	groupForward(k: number, step: Step & { kind: 'group-forward' }): ForwardRow {
		const { t, g, sig, hidden, sheet } = this;
		const grp = g.groups[step.group];
		const name = groupTex(t, step.group);
		// Assignment and element formula are symbolic; the values line becomes the value column.
		// A written-out element longer than a line (softmax expands to a sum of exponentials) says less than the assignment.
		// The matrix form has a sub-row of its own (the step's text carries it too: not twice).
		const vector = vectorForwardLines(t, step, sig);
		const vectorTex = new Set(vector.map((l) => l.tex));
		const lines = stepText(t, step, sig)
			.lines.filter((l, n) => l.caption !== 'values' && l.caption !== 'compute' && !vectorTex.has(l.tex) && (n === 0 || l.tex.length <= ELEMENT_TEX_LIMIT))
			.map((l) => l.tex);
		const inner = forwardLinkNodes(t, step);
		const links = inner.slice(0, LINK_LIMIT).map((i) => ({ label: t.label(i), tex: t.tex(i), equation: this.linkEquation(i) }));
		// The inner quantities in the order they are computed, then the first element from them.
		lines.push(...links.map((l) => l.equation));
		if (step.nodes.length === 1 || links.length > 0) lines.push(this.forwardEquation(grp.ids[0]));
		const valueOf = (kk: number) => g.value[grp.ids[kk]];
		const value = matrixTex(grp.shape, valueOf, sig);
		const blank = Array.from(grp.ids).some((i) => hidden.value.has(i));
		// The matrix form quotes whole values: on a worksheet it would fill the boxes.
		const anyHidden = Array.from(step.nodes).some((i) => hidden.value.has(i));
		return {
			k,
			label: grp.name,
			tex: name,
			equations: lines,
			links,
			vectorized: anyHidden ? [] : vector,
			value: blank ? sheet.blank(k, name, value) : value,
			nonFinite: Array.from(grp.ids).some((i) => !Number.isFinite(g.value[i]))
		};
	}

	/** `name = formula = numbers = value` of an inner node; a name that spells its formula skips the formula. */
	linkEquation(node: number): string {
		const { t, g, sig } = this;
		const spec = g.op[node] as OpSpec;
		const sym = spec.tex(operandArgs(t, node, (i) => t.tex(i)));
		const hide = this.hidden.value.has(node);
		const num = hide ? undefined : this.substituted(node, 'tex', (a) => spec.tex(a));
		const forms = hide ? symbolicThenSubstituted(sym, undefined, g.value[node], sig) : distinctForms(sym, num, g.value[node], sig);
		if (innerDefinition(t, node)?.selfDescribing && forms.length > 1) forms.shift();
		return [t.tex(node), ...forms].join(' = ');
	}

	/** An inner node's gradient, with what the node is; at a net input, that this is the δ. */
	backwardLink(k: number, node: number): BackwardLink {
		const { t, g } = this;
		const row = this.scalarBackward(k, node);
		const def = innerDefinition(t, node);
		const of = t.inner(node)?.of;
		const delta =
			of !== undefined && t.live[node]
				? `Its gradient is the δ of ${t.label(of)}: the ${(g.op[of] as OpSpec).name}'s slope times the gradient arriving at ${t.label(of)}.`
				: undefined;
		const words = [def && !def.selfDescribing ? `${def.words}.` : undefined, delta].filter((w) => w !== undefined).join(' ');
		return { ...row, definition: def && !def.selfDescribing ? def.tex : undefined, words };
	}

	groupBackward(k: number, step: Step & { kind: 'group-backward' }): BackwardRow {
		const { t, g, sig, hidden, sheet } = this;
		const grp = g.groups[step.group];
		const name = groupTex(t, step.group);
		const first = grp.ids[0];
		const whole = matrixTex(grp.shape, (kk) => g.grad[grp.ids[kk]], sig);
		const row = this.scalarBackward(k, first, () =>
			Array.from(grp.ids).some((i) => hidden.grad.has(i)) ? sheet.blank(k, d(t.tex(g.output), name), whole) : whole
		);
		const shown = grp.ids.length > 1 ? `The row shows element ${t.label(first)}; the gradient holds all ${grp.ids.length}.` : undefined;
		// The inner nodes the derivatives are taken of were derived in an earlier row; a name that
		// does not spell out its formula is defined again here, where it is used.
		const consumers = new Set<number>();
		for (let e = t.consumers.start[first]; e < t.consumers.start[first + 1]; e++) consumers.add(t.consumers.edgeOwner[t.consumers.edges[e]]);
		const defs = [...consumers]
			.map((o) => innerDefinition(t, o))
			.filter((def) => def !== undefined && !def.selfDescribing)
			.slice(0, 4)
			.map((def) => def!.tex);
		const inner = backwardLinkNodes(t, step, this.shown);
		const links = inner.slice(0, LINK_LIMIT).map((i) => this.backwardLink(k, i));
		const anyHidden = Array.from(step.nodes).some((i) => hidden.grad.has(i));
		return {
			...row,
			locals: [...defs, ...row.locals],
			label: grp.name,
			tex: name,
			note: [shown, row.note].filter((s) => s !== undefined).join(' ') || undefined,
			nonFinite: Array.from(grp.ids).some((i) => !Number.isFinite(g.grad[i])),
			links,
			vectorized: anyHidden ? [] : vectorBackwardLines(t, step, sig),
			linksOmitted:
				inner.length > LINK_LIMIT
					? `${inner.length - LINK_LIMIT} more inner quantities of this line are left out here; rows per scalar step show every one.`
					: undefined
		};
	}
}

/** Unnamed op nodes of a statement (the pieces inside its right-hand side), from a step's node list. */
function innerOf(t: Trace, nodes: ArrayLike<number>): number[] {
	const g = t.graph;
	return Array.from(nodes).filter((i) => g.kind[i] === 'op' && g.group[i] < 0);
}

/**
 * The inner nodes a forward assignment row computes before its (first) element: all of a scalar
 * line's; for a vector or matrix, those its first element is made from. In creation order.
 */
function forwardLinkNodes(t: Trace, step: Step & { kind: 'group-forward' }): number[] {
	const g = t.graph;
	const grp = g.groups[step.group];
	const inner = innerOf(t, step.nodes);
	if (grp.ids.length === 1) return inner;
	const mine = new Set(inner);
	const need = new Set<number>();
	const stack = [grp.ids[0]];
	while (stack.length) {
		const i = stack.pop()!;
		for (let e = g.inputStart[i]; e < g.inputStart[i + 1]; e++) {
			const j = g.inputs[e];
			if (mine.has(j) && !need.has(j)) {
				need.add(j);
				stack.push(j);
			}
		}
	}
	return [...need].sort((a, b) => a - b);
}

/**
 * The inner nodes whose gradients a backward assignment row derives: every one of a scalar line,
 * live or not: a line that does not feed the output (a naive form beside its stable one) still
 * has readers whose chain rules quote its inner nodes' gradient 0. For a vector or matrix line, the rows show one element's chain each, so only the inner
 * nodes on those chains: the ones that use a shown element, and the ones their gradients come
 * through on the way back from the line's named values. In backward order (descending id, as
 * the scalar steps go), so each link's upstream gradient is derived above it.
 */
function backwardLinkNodes(t: Trace, step: Step & { kind: 'group-backward' }, shown: ReadonlySet<number>): number[] {
	const g = t.graph;
	const c = t.consumers;
	const inner = innerOf(t, step.nodes);
	if (g.groups[step.group].ids.length === 1) return inner.sort((a, b) => b - a);
	const mine = new Set(inner);
	const need = new Set<number>();
	const stack: number[] = [];
	const visitConsumers = (i: number) => {
		for (let e = c.start[i]; e < c.start[i + 1]; e++) {
			const o = c.edgeOwner[c.edges[e]];
			if (mine.has(o) && !need.has(o)) {
				need.add(o);
				stack.push(o);
			}
		}
	};
	for (const i of shown) visitConsumers(i);
	while (stack.length) visitConsumers(stack.pop()!);
	return [...need].sort((a, b) => b - a);
}


/** Build the handout of a trace. Throws RangeError for a worksheet step the handout does not have. */
export function buildHandout(t: Trace, opts: HandoutOptions = {}): Handout {
	const sig = opts.sig ?? DEFAULT_SIG;
	const granularity = handoutGranularity(t, opts);
	const steps = handoutSteps(t, granularity);
	const blanks = opts.blanks ?? 'none';
	const b = new Builder(t, sig, hiddenNumbers(t, steps, blanks));
	const g = t.graph;
	const forward: ForwardRow[] = [];
	const backward: BackwardRow[] = [];
	steps.forEach((s, n) => {
		const k = n + 1;
		switch (s.kind) {
			case 'forward':
				forward.push(b.scalarForward(k, s.node));
				return;
			case 'backward':
				backward.push({ ...b.scalarBackward(k, s.node), links: [], vectorized: [] });
				return;
			case 'group-forward':
				forward.push(b.groupForward(k, s));
				return;
			case 'group-backward':
				backward.push(b.groupBackward(k, s));
				return;
			default:
				return assertNever(s);
		}
	});
	const inputs = g.groups.flatMap((grp, k) =>
		grp.isLeaf ? [{ label: grp.name, tex: groupTex(t, k), value: matrixTex(grp.shape, (kk) => g.value[grp.ids[kk]], sig) }] : []
	);
	const worksheet = blanks !== 'none';
	return {
		title: opts.title?.trim() || DEFAULT_TITLE,
		program: g.source,
		sig,
		granularity,
		output: { label: t.label(g.output), tex: t.tex(g.output) },
		inputs,
		forward,
		backward,
		worksheet,
		answers: b.sheet.answers
	};
}
