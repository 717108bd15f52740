import { assertNever } from '../language/ast.ts';
import { TEX_LIST_LIMIT } from '../ops/registry.ts';
import { exprTex } from '../tex/expr.ts';
import { DEFAULT_SIG, fmt, texNum, texOperand } from '../tex/number.ts';
import { partial as d } from '../tex/partial.ts';
import { listWords } from '../list-words.ts';
import type { Trace } from './build.ts';
import { groupTex } from './names.ts';
import type { TangentStep } from './tangent.ts';
import {
	distinctForms,
	forwardEquation,
	localDerivative,
	matrixTex,
	sumTex,
	useLocalForms,
	whereLines,
	type EquationForms,
	type StepText,
	type TexLine
} from './tex.ts';

/**
 * The words and LaTeX of forward mode's steps. The tangent of v is written v̇ (a dot), the
 * notation of the forward-mode literature, rather than ∂v/∂x: in `q = x + y` seeded at x the rule
 * would read ∂q/∂x = ∂q/∂x·∂x/∂x + ∂q/∂y·∂y/∂x, the same symbol on both sides meaning two
 * different numbers (the tangent, and q's local derivative). With the dot every ∂ in a rule is a
 * local derivative, as in backprop's steps, and every dotted name is a tangent. The words say
 * "∂v/∂x" in full, where a sentence can name which one is meant.
 * Every number is read: values and local derivatives from the trace, tangents from `tan`
 * (autodiff/tangent.ts); nothing is recomputed here.
 */

/**
 * A name's tangent: the dot on its letter, before a subscript or index, w_{5} → \dot{w}_{5},
 * W_{1}[0,2] → \dot{W}_{1}[0,2]. A piece written out, (W_1 x)_0, gets the dot after its bracket,
 * (W_1 x)^{\bullet}_0, as a prime would go: a dot over the middle of it would sit on one letter and
 * read as that letter's tangent (Ẇ).
 */
export function dotTex(name: string): string {
	const [head, tail] = splitIndex(name);
	if (/^([A-Za-z]|\\[A-Za-z]+(\{[^{}]*\})?)$/.test(head)) return `\\dot{${head}}${tail}`;
	const bracketed = head.startsWith('\\left(') && head.endsWith('\\right)') && closesAtEnd(head);
	return `${bracketed ? head : `\\left(${head}\\right)`}^{\\bullet}${tail}`;
}

/** A name split before its top-level subscript or index: `W_{1}[0,2]` → `W`, `_{1}[0,2]`. */
function splitIndex(name: string): [string, string] {
	let depth = 0;
	for (let k = 0; k < name.length; k++) {
		if (name.startsWith('\\left', k)) {
			depth++;
			k += 4;
		} else if (name.startsWith('\\right', k)) {
			depth--;
			k += 5;
		} else if (name[k] === '\\') {
			// A command's letters are not an index.
			while (k + 1 < name.length && /[A-Za-z]/.test(name[k + 1])) k++;
		} else if (name[k] === '{') depth++;
		else if (name[k] === '}') depth--;
		else if (depth === 0 && (name[k] === '_' || name[k] === '[') && k > 0) return [name.slice(0, k), name.slice(k)];
	}
	return [name, ''];
}

/** Whether the `\\left(` that opens `s` is closed by its last `\\right)` (not `(a)(b)`). */
function closesAtEnd(s: string): boolean {
	let depth = 0;
	for (let k = 0; k < s.length; k++) {
		if (s.startsWith('\\left', k)) depth++;
		else if (s.startsWith('\\right', k)) {
			depth--;
			if (depth === 0) return k === s.length - '\\right)'.length;
		}
	}
	return false;
}

/** One input of a node in its tangent rule: every edge that reads it, their local derivatives added. */
interface TangentTerm {
	readonly input: number;
	readonly edges: readonly number[];
	readonly local: number;
}

/** The node's non-constant inputs, once each in the order first read (a constant's tangent is 0). */
function termsOf(t: Trace, node: number): TangentTerm[] {
	const g = t.graph;
	const at = new Map<number, number[]>();
	for (let e = g.inputStart[node]; e < g.inputStart[node + 1]; e++) {
		const u = g.inputs[e];
		if (g.kind[u] === 'const') continue;
		const list = at.get(u);
		if (list) list.push(e);
		else at.set(u, [e]);
	}
	return [...at].map(([input, edges]) => ({ input, edges, local: edges.reduce((s, e) => s + g.local[e], 0) }));
}

function elide<T>(items: readonly T[], dots: T): T[] {
	return items.length <= TEX_LIST_LIMIT ? items.slice() : [...items.slice(0, 3), dots, items[items.length - 1]];
}

/**
 * The tangent rule of one node, kept apart for tests and for the group steps:
 * \dot{q} = \frac{\partial q}{\partial x}\dot{x} + \frac{\partial q}{\partial y}\dot{y}, the same with
 * numbers (local × tangent), and the tangent.
 */
export function tangentForms(t: Trace, node: number, tan: Float64Array, sig = DEFAULT_SIG, movingOnly = false): EquationForms {
	const me = t.tex(node);
	// A group step writes only the terms that move with x: a dot product's six terms, five of them 0, would fill the panel.
	const terms = elide<TangentTerm | undefined>(
		termsOf(t, node).filter((u) => !movingOnly || tan[u.input] !== 0),
		undefined
	);
	if (terms.length === 0) return { lhs: dotTex(me), sym: '0', num: '0', value: tan[node] };
	const sym = sumTex(terms.map((u) => (u ? `${d(me, t.tex(u.input))}${dotTex(t.tex(u.input))}` : '\\cdots')));
	// An input that does not move with x adds 0 even where its local derivative is ∞ (tangents() skips it): ∞ · 0 would state NaN.
	const num = sumTex(terms.map((u) => (!u ? '\\cdots' : tan[u.input] === 0 && !Number.isFinite(u.local) ? '0' : `${texOperand(u.local, sig)} \\cdot ${texOperand(tan[u.input], sig)}`)));
	return { lhs: dotTex(me), sym, num, value: tan[node] };
}

function ruleLine(t: Trace, node: number, tan: Float64Array, sig: number, movingOnly = false): string {
	const f = tangentForms(t, node, tan, sig, movingOnly);
	return [f.lhs, ...distinctForms(f.sym, f.num, f.value, sig)].join(' = ');
}

/** `ẋ = 1`, `ẏ = ż = 0`: what the seed sets, the others elided past a few. */
function seedLines(t: Trace, wrt: number): TexLine[] {
	const g = t.graph;
	const others: number[] = [];
	for (let i = 0; i < g.size; i++) if (g.kind[i] === 'leaf' && i !== wrt) others.push(i);
	const shown = others.length <= 5 ? others.map((i) => dotTex(t.tex(i))) : [...others.slice(0, 3).map((i) => dotTex(t.tex(i))), '\\cdots', dotTex(t.tex(others[others.length - 1]))];
	const lines: TexLine[] = [
		{ caption: 'tangent', tex: `\\dot{v} = ${d('v', t.tex(wrt))}` },
		{ caption: 'seed', tex: `${dotTex(t.tex(wrt))} = 1` }
	];
	if (others.length) lines.push({ caption: others.length === 1 ? 'other input' : 'other inputs', tex: `${shown.join(' = ')} = 0` });
	return lines;
}

/** Whether forward and reverse mode agree: exactly, to 1e-9 relative, or at the printed digits. */
export function sameDerivative(a: number, b: number, sig = DEFAULT_SIG): boolean {
	if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
	return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) || fmt(a, sig) === fmt(b, sig);
}

/** At the output: what this pass found, ∂f/∂x, beside the gradient the backward pass stored for x. */
function resultLines(t: Trace, wrt: number, tan: Float64Array, sig: number): TexLine[] {
	const g = t.graph;
	const df = d(t.tex(g.output), t.tex(wrt));
	return [
		{ caption: 'result', tex: `${df} = ${dotTex(t.tex(g.output))} = ${texNum(tan[g.output], sig)}` },
		{ caption: 'backprop gives', tex: `${df} = ${texNum(g.grad[wrt], sig)}` }
	];
}

function resultWords(t: Trace, wrt: number, tan: Float64Array, sig: number): string {
	const g = t.graph;
	const f = t.label(g.output);
	const x = t.label(wrt);
	const a = tan[g.output];
	const b = g.grad[wrt];
	const n = leafCount(t);
	const same = sameDerivative(a, b, sig)
		? ` It is the same number backprop's backward pass stores as the gradient of ${x}, ∂${f}/∂${x} = ${fmt(b, sig)}.`
		: ` Backprop's backward pass stores ∂${f}/∂${x} = ${fmt(b, sig)}: the two differ by ${fmt(a - b, sig)}, a rounding difference of two orders of summing (or a NaN or infinity reached by different paths).`;
	// f = w*x + w: the local ∂f/∂w above (other inputs held fixed) and this whole ∂f/∂w share a symbol.
	const reads = Array.from(g.inputs.subarray(g.inputStart[g.output], g.inputStart[g.output + 1])).includes(wrt);
	const direct = reads
		? ` Here ∂${f}/∂${x} is the whole derivative, every path from ${x} to ${f}; the local derivative ∂${f}/∂${x} of ${f}'s own rule holds its other inputs fixed.`
		: '';
	const rest = n === 2 ? ' The other input needs a forward pass of its own; the one backward pass gave both.' : n > 2 ? ` The other ${n - 1} inputs need a forward pass each; the one backward pass gave them all.` : '';
	return ` The tangent has reached the output: ∂${f}/∂${x} = ${fmt(a, sig)}.${same}${direct}${rest}`;
}

function leafCount(t: Trace): number {
	let n = 0;
	for (let i = 0; i < t.graph.size; i++) if (t.graph.kind[i] === 'leaf') n++;
	return n;
}

function localLines(t: Trace, node: number, terms: readonly TangentTerm[], sig: number): TexLine[] {
	const moving = terms.filter((u) => t.graph.kind[u.input] !== 'const');
	return elide<TangentTerm | undefined>(moving, undefined).map((u) => {
		if (!u) return { caption: '', tex: '\\vdots' };
		if (u.edges.length === 1) return { caption: 'local derivative', tex: localDerivative(t, u.edges[0], sig) };
		const f = useLocalForms(t, u.input, { owner: node, edges: u.edges, local: u.local }, sig);
		return { caption: 'local derivative', tex: [f.lhs, ...distinctForms(f.sym, f.num, f.value, sig)].join(' = ') };
	});
}

function seedText(t: Trace, wrt: number): StepText {
	const x = t.label(wrt);
	return {
		title: `Seed · ${x}`,
		lines: seedLines(t, wrt),
		words:
			`Forward mode carries a second number beside every value: its tangent, written with a dot, v̇ = ∂v/∂${x}, ` +
			`how fast v moves when ${x} moves and every other input stays put. The pass starts at the inputs: ` +
			`the tangent of ${x} is 1 (it moves one for one with itself) and every other input's is 0 (held fixed). ` +
			`Each step then adds, over a node's inputs, its local derivative times that input's tangent, in forward order, ` +
			`so the tangents reach the output in the same pass as the values.`,
		nonFinite: false
	};
}

function scalarText(t: Trace, node: number, wrt: number, tan: Float64Array, sig: number): StepText {
	const g = t.graph;
	const me = t.label(node);
	const x = t.label(wrt);
	const all = termsOf(t, node);
	const moving = all.filter((u) => tan[u.input] !== 0);
	const still = all.filter((u) => tan[u.input] === 0);
	const v = tan[node];
	let words: string;
	if (all.length === 0) words = `${me} is computed from constants only, so it does not move with ${x}: its tangent is 0.`;
	else if (moving.length === 0 && all.length === 1)
		words = `The one input of ${me}, ${t.label(all[0].input)}, does not move with ${x}: its tangent is 0, so ${me}'s is 0 too.`;
	else if (moving.length === 0)
		words = `None of the inputs of ${me} (${listWords(all.map((u) => t.label(u.input)))}) moves with ${x}: their tangents are 0, so ${me}'s is 0 too.`;
	else {
		const how =
			all.length === 1
				? `${me} reads one input, ${t.label(all[0].input)}, so its tangent is the local derivative ∂${me}/∂${t.label(all[0].input)} times the tangent of ${t.label(all[0].input)}`
				: `${me} reads ${listWords(all.map((u) => t.label(u.input)))}, so its tangent adds, for each input, the local derivative of ${me} times that input's tangent`;
		const zero = still.length ? ` ${listWords(still.map((u) => t.label(u.input)))} ${still.length === 1 ? 'does' : 'do'} not move with ${x} (tangent 0) and add${still.length === 1 ? 's' : ''} nothing.` : '';
		words = `${how}: ∂${me}/∂${x} = ${fmt(v, sig)}.${zero}`;
	}
	const blocked = still.filter((u) => !Number.isFinite(u.local));
	if (blocked.length)
		words += ` The local derivative for ${listWords(blocked.map((u) => t.label(u.input)))} is not finite here, but that input does not move with ${x}, so its term counts as 0, as it does in backprop.`;
	if (!Number.isFinite(v)) words += ` Warning: the tangent is ${fmt(v)}: a local derivative or an input's tangent on the way is not finite.`;
	const isOut = node === g.output;
	if (isOut) words += resultWords(t, wrt, tan, sig);
	const ins = all.map((u) => u.input);
	return {
		title: `Tangent · ${me}`,
		lines: [
			{ caption: 'value', tex: forwardEquation(t, node, sig) },
			...localLines(t, node, moving, sig),
			{ caption: 'tangent', tex: ruleLine(t, node, tan, sig) },
			...(isOut ? resultLines(t, wrt, tan, sig) : []),
			...whereLines(t, [node, ...ins])
		],
		words,
		nonFinite: !Number.isFinite(v) || !Number.isFinite(g.value[node])
	};
}

/** The op nodes of a line that the element `root` is computed from, in node order. */
function chainOf(t: Trace, nodes: Int32Array, root: number): number[] {
	const g = t.graph;
	const mine = new Set(nodes);
	const seen = new Set<number>([root]);
	const stack = [root];
	while (stack.length) {
		const n = stack.pop()!;
		for (let e = g.inputStart[n]; e < g.inputStart[n + 1]; e++) {
			const u = g.inputs[e];
			if (mine.has(u) && !seen.has(u)) {
				seen.add(u);
				stack.push(u);
			}
		}
	}
	return [...seen].filter((n) => mine.has(n)).sort((a, b) => a - b);
}

function groupText(t: Trace, step: TangentStep & { kind: 'group-tangent' }, wrt: number, tan: Float64Array, sig: number): StepText {
	const g = t.graph;
	const grp = g.groups[step.group];
	const stmt = t.program.statements[step.stmt];
	const x = t.label(wrt);
	const lines: TexLine[] = [{ caption: 'assignment', tex: `${groupTex(t, step.group)} = ${exprTex(stmt.expr)}` }];
	// Nodes that do not move with x (w1·i1 seeded at b1) would only say "= 0": the rules left are the ones that carry the tangent.
	const moving = (n: number) => tan[n] !== 0 || termsOf(t, n).some((u) => tan[u.input] !== 0);
	const whole = chainOf(t, step.nodes, grp.ids[0]);
	const chain = whole.filter((n) => n === grp.ids[0] || moving(n));
	const dropped = chain.length < whole.length || chain.some((n) => termsOf(t, n).some((u) => tan[u.input] === 0));
	const shown = chain.length <= 6 ? chain : [...chain.slice(0, 2), -1, ...chain.slice(-3)];
	const each = grp.ids.length > 1;
	for (const n of shown) lines.push(n < 0 ? { caption: '', tex: '\\vdots' } : { caption: n === grp.ids[0] && each ? `element ${t.label(n).slice(grp.name.length)}` : 'tangent', tex: ruleLine(t, n, tan, sig, true) });
	if (each) lines.push({ caption: 'tangent', tex: `${dotTex(groupTex(t, step.group))} = ${matrixTex(grp.shape, (k) => tan[grp.ids[k]], sig)}` });
	const hasOut = g.stmt[g.output] === step.stmt;
	if (hasOut) lines.push(...resultLines(t, wrt, tan, sig));
	lines.push(...whereLines(t, chain));
	const moves = Array.from(step.nodes).some((n) => tan[n] !== 0);
	const bad = Array.from(step.nodes).some((n) => !Number.isFinite(tan[n]));
	const size = each ? `element by element (${grp.ids.length} values, ${step.nodes.length} nodes)` : `in ${step.nodes.length} node${step.nodes.length === 1 ? '' : 's'}`;
	const how = step.nodes.length === 1 ? 'its node adds its local derivatives times its inputs\' tangents' : 'each node adds its local derivatives times its inputs\' tangents, inner nodes first';
	let words = moves
		? `The tangent of ${grp.name}, ∂${grp.name}/∂${x}, is computed ${size}: ${how}.`
		: `${grp.name} does not move with ${x}: every input of its line has tangent 0, so its tangent is 0${each ? ' in every element' : ''}.`;
	if (moves && dropped) words += ` Nodes and terms that do not move with ${x} (tangent 0) are left out of these rules; the scalar steps write every one.`;
	if (shown.length < chain.length) words += ` The lines show ${each ? `element ${t.label(grp.ids[0]).slice(grp.name.length)}'s chain` : 'part of the chain'}; step one scalar at a time to see every node.`;
	if (bad) words += ' Warning: some tangents are not finite.';
	if (hasOut) words += resultWords(t, wrt, tan, sig);
	return { title: `Tangent · ${grp.name}`, lines, words, nonFinite: bad };
}

/** What a tangent step shows: `wrt` is the input seeded with 1, `tan` the tangents of `tangents(graph, wrt)`. */
export function tangentText(t: Trace, step: TangentStep, wrt: number, tan: Float64Array, sig = DEFAULT_SIG): StepText {
	switch (step.kind) {
		case 'seed': {
			const s = seedText(t, wrt);
			// A program whose output is a leaf has no other step: the seed is the answer.
			return t.graph.output === wrt || t.graph.kind[t.graph.output] === 'leaf' ? { ...s, lines: [...s.lines, ...resultLines(t, wrt, tan, sig)], words: s.words + resultWords(t, wrt, tan, sig) } : s;
		}
		case 'tangent':
			return scalarText(t, step.node, wrt, tan, sig);
		case 'group-tangent':
			return groupText(t, step, wrt, tan, sig);
		default:
			return assertNever(step);
	}
}

/**
 * The line that counts passes: forward mode gives ∂v/∂x for every v but one x per pass, so a
 * gradient over N input elements costs N passes; reverse mode gives all N in one backward pass.
 */
export function passCountText(t: Trace, wrt: number): string {
	const g = t.graph;
	const f = t.label(g.output);
	const x = t.label(wrt);
	const n = leafCount(t);
	const parts: string[] = [];
	let vector = false;
	for (const grp of g.groups) {
		if (!grp.isLeaf) continue;
		if (grp.ids.length > 1) vector = true;
		parts.push(grp.ids.length > 1 ? `${grp.name} (${grp.ids.length} elements)` : grp.name);
	}
	const list = parts.length > 10 ? `${parts.slice(0, 5).join(', ')}, …` : parts.join(', ');
	const head = `Forward mode: this pass gives ∂v/∂${x} for every node v — one input.`;
	if (n <= 1) return `${head} ${f} has only this input, so one forward pass gives its whole gradient, as one backward pass does.`;
	return `${head} The gradient of ${f} needs ${n} forward passes (one per input${vector ? ' element' : ''}: ${list}); reverse mode gets ${n === 2 ? 'both' : `all ${n}`} in one backward pass.`;
}
