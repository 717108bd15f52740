import type { Graph } from '../graph/graph.ts';
import type { OpSpec } from '../ops/spec.ts';
import { STABLE } from '../ops/stable.ts';
import { fmt } from '../tex/number.ts';
import type { Trace } from './build.ts';

/**
 * Numbers never hidden: every NaN or infinity a step shows keeps its cause. A value names the
 * first node upstream that made it (with its line:col and why: log of 0, division by 0, √ of a
 * negative number, exp overflow, 0 · ∞, ∞ − ∞); a gradient names the first node downstream
 * whose gradient became non-finite. And when the cause is a naive composition the lecture warns
 * about (`log(sigmoid(x))`, `log(softmax(z))`, `log(sum(exp(v)))`, `log(1 + exp(x))`,
 * `-sum(y * log(softmax(z)))`, `exp(x) / (1 + exp(x))`), the step says so and names the stable form, with the value it gives.
 *
 * Pure: reads the graph's values, gradients and local derivatives; one pass per trace, cached,
 * so a trace whose every node is NaN still costs time linear in its edges.
 */

/** What a step says about one non-finite number: made here or further along (`from`), why, and the stable form if a naive composition is to blame. */
interface Cause {
	/** Where it started when not here: "f, line 2:5" or "∂f/∂q, line 3:1". */
	readonly from?: string;
	readonly why: string;
	/** The naive-composition sentence, or a pointer to the stable form; may be empty. */
	readonly naive: string;
}

function forwardCause(t: Trace, node: number, sig: number | undefined): Cause | undefined {
	const g = t.graph;
	if (Number.isFinite(g.value[node])) return undefined;
	const a = analysisOf(t);
	const o = a.forward[node];
	if (o < 0) return undefined;
	const naive = a.naive.get(node);
	const via = forwardChain(t, o)
		.map((i) => a.naive.get(i))
		.find((n) => n !== undefined);
	return {
		from: o === node ? undefined : where(t, o),
		why: madeHere(t, o, sig),
		naive: naive && naive.log === node ? ` ${naive.says()}.` : via ? ` Writing ${via.stable} instead avoids this.` : ''
	};
}

function backwardCause(t: Trace, node: number, sig: number | undefined): Cause | undefined {
	const g = t.graph;
	if (Number.isFinite(g.grad[node])) return undefined;
	const a = analysisOf(t);
	const o = a.backward[node];
	if (o < 0) return undefined;
	const naive = touched(t, o)
		.map((i) => a.naive.get(i))
		.find((n) => n !== undefined);
	return {
		from: o === node ? undefined : `${gradName(t, o)}, line ${lineCol(t, o)}`,
		why: gradientWhy(t, o, sig, 1),
		naive: naive ? (o === node ? ` ${naive.says()}.` : ` Writing ${naive.stable} instead avoids this.`) : ''
	};
}

const causeWords = (c: Cause | undefined) => (c ? `${c.from ? ` It started at ${c.from}: ` : ' Here: '}${c.why}.${c.naive}` : '');

/** The sentences a scalar forward step adds to its words: empty when its value is finite. */
export function forwardCauseNote(t: Trace, node: number, sig?: number): string {
	return causeWords(forwardCause(t, node, sig));
}

/** Whether the node's non-finite value comes from a naive composition that has a stable form to write instead. */
export function hasStableForm(t: Trace, node: number): boolean {
	const a = analysisOf(t);
	const from = a.forward[node];
	return a.naive.has(node) || (from >= 0 && a.naive.has(from));
}

/** The sentences a scalar backward step adds to its words: empty when its gradient is finite. */
export function backwardCauseNote(t: Trace, node: number, sig?: number): string {
	return causeWords(backwardCause(t, node, sig));
}

/**
 * A group step (one assignment) covers many nodes: it tells the cause of one of them, the one a
 * reader should look at first: the log of a naive composition, else a node where a non-finite
 * number was made, else the first non-finite one.
 */
export function groupCauseNote(t: Trace, nodes: ArrayLike<number>, direction: 'forward' | 'backward', sig?: number): string {
	const g = t.graph;
	const a = analysisOf(t);
	const forward = direction === 'forward';
	let best = -1;
	let rank = 0;
	for (let k = 0; k < nodes.length; k++) {
		const i = nodes[k];
		if (Number.isFinite(forward ? g.value[i] : g.grad[i])) continue;
		const born = (forward ? a.forward[i] : a.backward[i]) === i;
		const r = forward && a.naive.get(i)?.log === i ? 3 : born ? 2 : 1;
		if (r > rank) [best, rank] = [i, r];
		if (rank === 3) break;
	}
	if (best < 0) return '';
	const c = forward ? forwardCause(t, best, sig) : backwardCause(t, best, sig);
	if (!c) return '';
	const what = forward ? t.label(best) : gradName(t, best);
	return ` At ${what}: ${c.from ? `it started at ${c.from}: ` : ''}${c.why}.${c.naive}`;
}

// ---------------------------------------------------------------------------------------------
// Where each non-finite number came from.

interface Analysis {
	/** For each node with a non-finite value, the node that made a value of its kind (NaN or ±∞) from inputs that were not; -1 if finite. */
	readonly forward: Int32Array;
	/** The same for gradients, looking downstream (towards the output). */
	readonly backward: Int32Array;
	/** Every node of a naive composition whose log is non-finite, with what to say about it. */
	readonly naive: ReadonlyMap<number, Naive>;
}

const cache = new WeakMap<Graph, Analysis>();

function analysisOf(t: Trace): Analysis {
	let a = cache.get(t.graph);
	if (!a) {
		a = { forward: forwardOrigins(t.graph), backward: backwardOrigins(t), naive: naiveCompositions(t) };
		cache.set(t.graph, a);
	}
	return a;
}

/** NaN and ±∞ are different kinds: an ∞ that meets a 0 makes a NaN, and that NaN has a cause of its own. */
const sameKind = (a: number, b: number) => (Number.isNaN(a) ? Number.isNaN(b) : !Number.isFinite(b) && !Number.isNaN(b));

function forwardOrigins(g: Graph): Int32Array {
	const origin = new Int32Array(g.size).fill(-1);
	// Node ids are a topological order: inputs are settled first.
	for (let i = 0; i < g.size; i++) {
		const v = g.value[i];
		if (Number.isFinite(v)) continue;
		let from = -1;
		for (let e = g.inputStart[i]; e < g.inputStart[i + 1]; e++) {
			const j = g.inputs[e];
			if (sameKind(v, g.value[j]) && (from < 0 || origin[j] < from)) from = origin[j];
		}
		origin[i] = from >= 0 ? from : i;
	}
	return origin;
}

function backwardOrigins(t: Trace): Int32Array {
	const g = t.graph;
	const c = t.consumers;
	const origin = new Int32Array(g.size).fill(-1);
	// Gradients flow from the output down to lower ids.
	for (let i = g.size - 1; i >= 0; i--) {
		const d = g.grad[i];
		if (Number.isFinite(d)) continue;
		let from = -1;
		for (let k = c.start[i]; k < c.start[i + 1]; k++) {
			const o = c.edgeOwner[c.edges[k]];
			if (sameKind(d, g.grad[o]) && origin[o] > from) from = origin[o];
		}
		origin[i] = from >= 0 ? from : i;
	}
	return origin;
}

/** The node that made a value, and the origins of the non-finite inputs it was made from (a NaN from 0 · ∞). */
function forwardChain(t: Trace, o: number): number[] {
	if (o < 0) return [];
	const a = analysisOf(t);
	const out = [o];
	for (const j of inputsOf(t.graph, o)) if (!Number.isFinite(t.graph.value[j]) && a.forward[j] >= 0) out.push(a.forward[j]);
	return out;
}

/** A gradient's origin and the nodes its cause reads: the consumers it came through. */
function touched(t: Trace, o: number): number[] {
	const c = t.consumers;
	const out = [o];
	for (let k = c.start[o]; k < c.start[o + 1]; k++) out.push(c.edgeOwner[c.edges[k]]);
	return out;
}

// ---------------------------------------------------------------------------------------------
// Why, in words.

const BIGGEST = 'the largest double (about 1.8·10³⁰⁸)';

/** A number in a sentence: ∞ and −∞ as the symbols a reader knows. */
function num(x: number, sig?: number): string {
	return x === Infinity ? '∞' : x === -Infinity ? '−∞' : fmt(x, sig);
}

function inputsOf(g: Graph, i: number): number[] {
	return Array.from(g.inputs.subarray(g.inputStart[i], g.inputStart[i + 1]));
}

function lineCol(t: Trace, i: number): string {
	const s = t.graph.spans[i];
	return `${s.line}:${s.col}`;
}

function where(t: Trace, i: number): string {
	return `${t.label(i)}, line ${lineCol(t, i)}`;
}

function gradName(t: Trace, i: number): string {
	return `∂${t.label(t.graph.output)}/∂${t.label(i)}`;
}

/** How a node made its non-finite value; for a NaN made of infinities, also where those came from. */
function madeHere(t: Trace, i: number, sig: number | undefined, depth = 0): string {
	const g = t.graph;
	const v = g.value[i];
	const spec = g.op[i];
	if (!spec) return `the number written is beyond ${BIGGEST}`;
	const ins = inputsOf(g, i);
	const x = ins.map((j) => g.value[j]);
	const why = (OWN_CAUSES[spec.name]?.(x, g.param[i], v, ins.map((j) => t.label(j))) ?? fromInfinities(spec, x, v)) || generic(spec, v);
	// A NaN made of infinities (0 · ∞): the infinity has a cause of its own, one step further up.
	const inf = ins.find((j) => !Number.isFinite(g.value[j]) && !Number.isNaN(g.value[j]));
	if (depth > 0 || inf === undefined || !Number.isNaN(v)) return why;
	const o = analysisOf(t).forward[inf];
	return o >= 0 ? `${why}; the ${num(g.value[inf])} came from ${where(t, o)}: ${madeHere(t, o, sig, depth + 1)}` : why;
}

type OpCause = (x: readonly number[], p: number, v: number, names: readonly string[]) => string | undefined;

/** The ops with a domain or an overflow of their own; every other op falls back to `fromInfinities` and `generic`. */
const OWN_CAUSES: Record<string, OpCause> = {
	log: ([x], _p, _v, [a]) =>
		x === 0 ? `log of 0 is −∞ (its input ${a} is 0)` : x < 0 ? `log of a negative number is undefined (its input ${a} is ${fmt(x)})` : undefined,
	sqrt: ([x], _p, _v, [a]) => (x < 0 ? `the square root of a negative number is undefined (its input ${a} is ${fmt(x)})` : undefined),
	div: ([a, b], _p, _v, [, nb]) =>
		b === 0 ? (a === 0 ? `0/0 is undefined (${nb} is 0)` : `division by 0 (${nb} is 0)`) : !Number.isFinite(a) && !Number.isFinite(b) ? '∞/∞ is undefined' : undefined,
	inv: ([x], _p, _v, [a]) => (x === 0 ? `division by 0 (1/${a} with ${a} = 0)` : undefined),
	pow: ([x], p, _v, [a]) =>
		x === 0 && p < 0
			? `division by 0 (${a} is 0, raised to the power ${p})`
			: x < 0 && !Number.isInteger(p)
				? `a negative number to the power ${p} is undefined (${a} is ${fmt(x)})`
				: undefined,
	exp: ([x], _p, v) => (Number.isFinite(x) && v === Infinity ? `exp overflows: e^${fmt(x)} is beyond ${BIGGEST}, which exp passes from 709.8 up` : undefined),
	sub: ([a, b], _p, v) => (Number.isNaN(v) && a === b && !Number.isFinite(a) ? '∞ − ∞ is undefined' : undefined)
};

/** A NaN made where infinities meet: 0 · ∞ in a product, ∞ − ∞ in a sum. */
function fromInfinities(spec: OpSpec, x: readonly number[], v: number): string | undefined {
	if (!Number.isNaN(v) || x.some(Number.isNaN)) return undefined;
	const hasInf = (s: number) => x.includes(s * Infinity);
	if (!hasInf(1) && !hasInf(-1)) return undefined;
	if (spec.pattern === 'swaps' && x.includes(0)) return `0 · ∞ is undefined (one factor is 0, another ${hasInf(1) ? '∞' : '−∞'})`;
	if (hasInf(1) && hasInf(-1)) return '∞ − ∞ is undefined (its inputs include ∞ and −∞)';
	return `the ${spec.title} of an infinity is undefined here`;
}

function generic(spec: OpSpec, v: number): string {
	return Number.isNaN(v) ? `the ${spec.title} is undefined at these inputs` : `the ${spec.title} is beyond ${BIGGEST}`;
}

/** The slope of an op that is unbounded where its input sits: log and √ at 0, a quotient by 0. */
const STEEP: Record<string, string> = {
	log: 'the slope 1/x of log is ∞ at x = 0',
	sqrt: 'the slope 1/(2√x) of √ is ∞ at x = 0',
	div: 'the slope of a quotient is ∞ where the divisor is 0',
	inv: 'the slope −1/x² of 1/x is ∞ at x = 0',
	pow: 'the slope of a negative or fractional power is ∞ at 0'
};

/** Why the gradient of `b` became non-finite there, though every gradient it was made from was finite (or of another kind). */
function gradientWhy(t: Trace, b: number, sig: number | undefined, depth: number): string {
	const g = t.graph;
	const c = t.consumers;
	const d = g.grad[b];
	const terms: { o: number; e: number; up: number; loc: number; term: number }[] = [];
	for (let k = c.start[b]; k < c.start[b + 1]; k++) {
		const e = c.edges[k];
		const o = c.edgeOwner[e];
		terms.push({ o, e, up: g.grad[o], loc: g.local[e], term: g.grad[o] * g.local[e] });
	}
	const out = t.label(g.output);
	const bad = terms.find((x) => !Number.isFinite(x.term));
	if (!bad) return `the terms are finite, but their sum is beyond ${BIGGEST}`;
	// Uses that pass back +∞ and −∞: each term is explained at its own consumer; here they cancel into NaN.
	if (Number.isNaN(d) && terms.some((x) => x.term === Infinity) && terms.some((x) => x.term === -Infinity))
		return '∞ − ∞ is undefined: one use passes back ∞ and another −∞';
	const local = `∂${t.label(bad.o)}/∂${t.label(b)}`;
	const upName = `∂${out}/∂${t.label(bad.o)}`;
	if (Number.isFinite(bad.up) && !Number.isFinite(bad.loc)) {
		const head = bad.up === 0 && Number.isNaN(d) ? `0 · ∞ is undefined: the upstream gradient ${upName} is 0 and the local derivative ${local} is ${num(bad.loc)}` : `the local derivative ${local} is ${num(bad.loc, sig)}`;
		return `${head} (${localWhy(t, bad.o, bad.e, sig)})`;
	}
	if (!Number.isFinite(bad.up) && bad.loc === 0) {
		const o = analysisOf(t).backward[bad.o];
		const from = depth > 0 && o >= 0 ? `; the ${num(bad.up)} started at ${gradName(t, o)}, line ${lineCol(t, o)}: ${gradientWhy(t, o, sig, depth - 1)}` : '';
		return `∞ · 0 is undefined: the upstream gradient ${upName} is ${num(bad.up)} and the local derivative ${local} is 0${from}`;
	}
	if (Number.isFinite(bad.up) && Number.isFinite(bad.loc))
		return `the product ${num(bad.up, sig)} · ${num(bad.loc, sig)} of the upstream gradient ${upName} and the local derivative ${local} is beyond ${BIGGEST}`;
	return `the upstream gradient ${upName} is ${num(bad.up, sig)} and the local derivative ${local} is ${num(bad.loc, sig)}, and their product is ${num(bad.term)}`;
}

/**
 * Why a local derivative is non-finite: read off a non-finite input (∂(a·b)/∂a = b = −∞), an
 * unbounded slope at a finite input (log and √ at 0), or the op's own non-finite output (exp's
 * slope is its value), each with that value's cause.
 */
function localWhy(t: Trace, o: number, e: number, sig: number | undefined): string {
	const g = t.graph;
	const a = analysisOf(t);
	const valueWhy = (j: number) => `it is computed from ${t.label(j)} = ${num(g.value[j])}, which came from ${where(t, a.forward[j])}: ${madeHere(t, a.forward[j], sig)}`;
	const input = inputsOf(g, o).find((j) => !Number.isFinite(g.value[j]));
	if (input !== undefined) return valueWhy(input);
	const spec = g.op[o];
	const steep = spec && STEEP[spec.name];
	// An unbounded slope is ±∞; a NaN slope at a finite input is the op's domain, told by its value.
	if (steep && !Number.isNaN(g.local[e])) return `${steep}, and ${t.label(g.inputs[e])} = ${fmt(g.value[g.inputs[e]], sig)}`;
	if (!Number.isFinite(g.value[o])) return valueWhy(o);
	return `the slope of the ${spec?.title ?? 'op'} is unbounded at ${t.label(g.inputs[e])} = ${fmt(g.value[g.inputs[e]], sig)}`;
}

// ---------------------------------------------------------------------------------------------
// Naive compositions and their stable forms: one row per pattern, tried at every non-finite log.

interface Naive {
	readonly log: number;
	/** Nodes of the composition (the log, what it reads, and for the cross-entropy the products and sum over it). */
	readonly nodes: readonly number[];
	/** The whole sentence: what rounds, what log gives, the stable form and its value (made when a step shows it: it reads a whole vector). */
	says(): string;
	/** The stable form as a program writes it: `log_sigmoid(x)`. */
	readonly stable: string;
}

interface NaiveRow {
	/** The naive form, for the reader of this table. */
	readonly naive: string;
	/** The composition at this log node, or undefined when it is not this row's. */
	match(t: Trace, log: number, arg: number): Naive | undefined;
}

/** Digits of the stable form's value: 1000 + log 2 reads 1000.7, not 1001, beside the naive ∞. */
const STABLE_SIG = 5;

const STABLE_BY_NAME = new Map<string, OpSpec>(STABLE.map((o) => [o.name, o]));

/** A stable op's value and partials at `xs`, as the engine would compute them. */
function stableAt(name: string, xs: readonly number[], p = 0): { y: number; d: Float64Array } {
	const op = STABLE_BY_NAME.get(name)!;
	const x = Float64Array.from(xs);
	const y = op.forward(x, xs.length, p);
	const d = new Float64Array(xs.length);
	op.partials(x, xs.length, y, p, d);
	return { y, d };
}

const opName = (g: Graph, i: number) => g.op[i]?.name;
/** The largest of many numbers (a spread into Math.max overflows the stack at 100,000). */
function largest(xs: readonly number[]): number {
	let m = -Infinity;
	for (const x of xs) if (x > m) m = x;
	return m;
}
/** A named copy (`p = q`) is the value it copies. */
function through(g: Graph, i: number): number {
	while (opName(g, i) === 'id') i = g.inputs[g.inputStart[i]];
	return i;
}

/** The argument text of a call as written, `x` in `sigmoid(x)`; the fallback when the node was not made by such a call. */
function argText(t: Trace, i: number, fn: string, fallback: () => string): string {
	const s = t.graph.spans[i];
	const text = t.graph.source.slice(s.offset, s.offset + s.length).trim();
	return text.startsWith(`${fn}(`) && text.endsWith(')') ? text.slice(fn.length + 1, -1).trim() : fallback();
}

/** A vector's name in a sentence: its group's name when the ids are exactly that group, else its elements. */
function vectorName(t: Trace, ids: readonly number[]): string {
	const g = t.graph;
	const k = g.group[ids[0]];
	if (k >= 0) {
		const grp = g.groups[k];
		if (grp.ids.length === ids.length && ids.every((id, n) => grp.ids[n] === id)) return grp.name;
	}
	return `[${ids.map((i) => t.label(i)).join(', ')}]`;
}

/** The vector a softmax call reads, as written (`z` in `softmax(z)`); one answer per call, which each of its outputs asks for. */
const softmaxArgs = new WeakMap<Graph, Map<number, string>>();
function softmaxArg(t: Trace, s: number): string {
	const g = t.graph;
	const first = s - g.param[s];
	let byCall = softmaxArgs.get(g);
	if (!byCall) softmaxArgs.set(g, (byCall = new Map()));
	let z = byCall.get(first);
	if (z === undefined) byCall.set(first, (z = argText(t, s, 'softmax', () => vectorName(t, inputsOf(g, s)))));
	return z;
}

/** `and the gradient ∂f/∂x is NaN`, when it is. */
function gradWords(t: Trace, ids: readonly number[]): string {
	const g = t.graph;
	const bad = ids.find((i) => !Number.isFinite(g.grad[i]));
	return bad === undefined ? '' : ` and the gradient ${gradName(t, bad)} is ${num(g.grad[bad])}`;
}

const NAIVE_ROWS: readonly NaiveRow[] = [
	{
		naive: 'log(sigmoid(x))',
		match(t, log, s) {
			const g = t.graph;
			if (opName(g, s) !== 'sigmoid') return undefined;
			const x = g.inputs[g.inputStart[s]];
			const xv = g.value[x];
			const arg = argText(t, s, 'sigmoid', () => t.label(x));
			const stable = stableAt('log_sigmoid', [xv]);
			return {
				log,
				nodes: [log, s],
				stable: `log_sigmoid(${arg})`,
				says: () =>
					`sigmoid(${fmt(xv)}) rounds to ${fmt(g.value[s])} in float64, so log gives ${num(g.value[log])}${gradWords(t, [x])}; ` +
					`log_sigmoid(${arg}) computes the same value stably (${fmt(stable.y, STABLE_SIG)}, gradient ≈ ${fmt(stable.d[0], STABLE_SIG)})`
			};
		}
	},
	{
		naive: 'log(softmax(z)) and -sum(y * log(softmax(z)))',
		match(t, log, s) {
			const g = t.graph;
			if (opName(g, s) !== 'softmax') return undefined;
			const k = g.param[s];
			const z = softmaxArg(t, s);
			const ce = crossEntropy(t, log, s);
			const says = () => {
				const zs = inputsOf(g, s);
				const zv = zs.map((i) => g.value[i]);
				const stable = stableAt('log_softmax', zv, k);
				return (
					`softmax(${z})[${k}] rounds to ${fmt(g.value[s])} in float64 (e^(z[${k}] − max z) = e^(${fmt(zv[k] - largest(zv), STABLE_SIG)}) is below the smallest double), so log gives ${num(g.value[log])}${gradWords(t, zs)}; ` +
					`log_softmax(${z})[${k}] = ${z}[${k}] − logsumexp(${z}) computes the same value stably (${fmt(stable.y, STABLE_SIG)})` +
					(ce ? `; for the cross-entropy ${ce.naive} write ${ce.stable}, which gives ${fmt(ce.value, STABLE_SIG)}` : '')
				);
			};
			return { log, nodes: [log, s, ...(ce?.nodes ?? [])], stable: ce ? `${ce.stable} (or log_softmax(${z}))` : `log_softmax(${z})`, says };
		}
	},
	{
		naive: 'log(sum(exp(v))), log(exp(a) + exp(b))',
		match(t, log, s) {
			const g = t.graph;
			if (opName(g, s) !== 'sum' && opName(g, s) !== 'add') return undefined;
			const es = inputsOf(g, s);
			if (!es.every((e) => opName(g, e) === 'exp')) return undefined;
			const vs = es.map((e) => g.inputs[g.inputStart[e]]);
			const inner = opName(g, s) === 'sum' ? argText(t, s, 'sum', () => '') : '';
			const v = inner ? argText(t, es[0], 'exp', () => vectorName(t, vs)) : `[${vs.map((i) => t.label(i)).join(', ')}]`;
			const says = () => {
				const vv = vs.map((i) => g.value[i]);
				const stable = stableAt('logsumexp', vv);
				const sum = g.value[s];
				const why = sum === Infinity ? `e^${fmt(largest(vv))} is beyond the largest double` : 'every exponential rounds to 0';
				return (
					`The sum of exponentials is ${num(sum)} in float64 (${why}), so log gives ${num(g.value[log])}${gradWords(t, vs)}; ` +
					`logsumexp(${v}) = max + log Σ e^(v − max) computes the same value stably (${fmt(stable.y, STABLE_SIG)})`
				);
			};
			return { log, nodes: [log, s, ...es], stable: `logsumexp(${v})`, says };
		}
	},
	{
		naive: 'log(1 + exp(x))',
		match(t, log, s) {
			const g = t.graph;
			if (opName(g, s) !== 'add') return undefined;
			const [a, b] = inputsOf(g, s);
			const one = (i: number) => g.kind[i] === 'const' && g.value[i] === 1;
			const e = one(a) && opName(g, b) === 'exp' ? b : one(b) && opName(g, a) === 'exp' ? a : -1;
			if (e < 0) return undefined;
			const x = g.inputs[g.inputStart[e]];
			const xv = g.value[x];
			const arg = argText(t, e, 'exp', () => t.label(x));
			const stable = stableAt('softplus', [xv]);
			return {
				log,
				nodes: [log, s, e],
				stable: `softplus(${arg})`,
				says: () =>
					`exp(${fmt(xv)}) overflows to ∞ in float64, so 1 + exp gives ∞ and log gives ${num(g.value[log])}${gradWords(t, [x])}; ` +
					`softplus(${arg}) = max(x, 0) + log(1 + e^−|x|) computes the same value stably (${fmt(stable.y, STABLE_SIG)}, gradient ≈ ${fmt(stable.d[0], STABLE_SIG)})`
			};
		}
	}
];

/**
 * σ written out, `exp(x) / (1 + exp(x))`: past x ≈ 709.8 both exponentials overflow and ∞ / ∞
 * is NaN, where sigmoid(x) is 1. Keyed at the division, as the other rows are at their log.
 */
function sigmoidByHand(t: Trace, div: number): Naive | undefined {
	const g = t.graph;
	const [top, bottom] = inputsOf(g, div).map((i) => through(g, i));
	if (opName(g, top) !== 'exp' || opName(g, bottom) !== 'add') return undefined;
	const x = g.inputs[g.inputStart[top]];
	const [a, b] = inputsOf(g, bottom).map((i) => through(g, i));
	const one = (i: number) => g.kind[i] === 'const' && g.value[i] === 1;
	const sameExp = (i: number) => i === top || (opName(g, i) === 'exp' && g.inputs[g.inputStart[i]] === x);
	const e = one(a) && sameExp(b) ? b : one(b) && sameExp(a) ? a : -1;
	if (e < 0) return undefined;
	const xv = g.value[x];
	const arg = argText(t, top, 'exp', () => t.label(x));
	const stable = 1 / (1 + Math.exp(-xv));
	return {
		log: div,
		nodes: [div, top, bottom, e],
		stable: `sigmoid(${arg})`,
		says: () =>
			`exp(${fmt(xv)}) overflows to ∞ in float64, so the division is ∞ / ∞ = ${num(g.value[div])}${gradWords(t, [x])}; ` +
			`sigmoid(${arg}) = 1 / (1 + e^−x) computes the same value stably (${fmt(stable, STABLE_SIG)})`
	};
}

function naiveCompositions(t: Trace): Map<number, Naive> {
	const g = t.graph;
	const out = new Map<number, Naive>();
	const keep = (hit: Naive) => {
		for (const n of hit.nodes) if (!out.has(n)) out.set(n, hit);
	};
	for (let i = 0; i < g.size; i++) {
		if (Number.isFinite(g.value[i])) continue;
		if (opName(g, i) === 'div') {
			const hit = sigmoidByHand(t, i);
			if (hit) keep(hit);
			continue;
		}
		if (opName(g, i) !== 'log') continue;
		const arg = through(g, g.inputs[g.inputStart[i]]);
		for (const row of NAIVE_ROWS) {
			const hit = row.match(t, i, arg);
			if (!hit) continue;
			keep(hit);
			break;
		}
	}
	return out;
}

/**
 * `-sum(y * log(softmax(z)))` around one of its logs: the log is read by one product with y[k],
 * every product feeds one sum, and each product's other factor is log of an output of the same
 * softmax call. Returns the stable cross-entropy's value, or undefined for any other shape.
 */
interface CrossEntropy {
	readonly naive: string;
	readonly stable: string;
	readonly value: number;
	readonly nodes: readonly number[];
}

/** One answer per sum: each of its k logs asks, and reading the sum again each time would cost k². */
const crossEntropyCache = new WeakMap<Graph, Map<number, CrossEntropy | undefined>>();

function crossEntropy(t: Trace, log: number, s: number): CrossEntropy | undefined {
	const g = t.graph;
	const c = t.consumers;
	const only = (i: number) => (c.start[i + 1] - c.start[i] === 1 ? c.edgeOwner[c.edges[c.start[i]]] : -1);
	const mul = only(log);
	if (mul < 0 || opName(g, mul) !== 'mul') return undefined;
	const sum = only(mul);
	if (sum < 0 || opName(g, sum) !== 'sum') return undefined;
	let bySum = crossEntropyCache.get(g);
	if (!bySum) crossEntropyCache.set(g, (bySum = new Map()));
	if (!bySum.has(sum)) bySum.set(sum, crossEntropyAt(t, s, sum, only));
	return bySum.get(sum);
}

function crossEntropyAt(t: Trace, s: number, sum: number, only: (i: number) => number): CrossEntropy | undefined {
	const g = t.graph;
	const first = s - g.param[s];
	const zs = inputsOf(g, s);
	const pairs: number[] = new Array(2 * zs.length).fill(NaN);
	const ys: number[] = new Array(zs.length).fill(-1);
	for (const m of inputsOf(g, sum)) {
		if (opName(g, m) !== 'mul') return undefined;
		const [a, b] = inputsOf(g, m);
		const l = opName(g, a) === 'log' ? a : opName(g, b) === 'log' ? b : -1;
		if (l < 0) return undefined;
		const sm = through(g, g.inputs[g.inputStart[l]]);
		if (opName(g, sm) !== 'softmax' || sm - g.param[sm] !== first) return undefined;
		const k = g.param[sm];
		ys[k] = l === a ? b : a;
	}
	if (ys.some((y) => y < 0)) return undefined;
	zs.forEach((zi, k) => {
		pairs[2 * k] = g.value[zi];
		pairs[2 * k + 1] = g.value[ys[k]];
	});
	const negated = only(sum) >= 0 && opName(g, only(sum)) === 'neg';
	const z = softmaxArg(t, s);
	const y = vectorName(t, ys);
	return {
		naive: `${negated ? '-' : ''}sum(${y} * log(softmax(${z})))`,
		stable: `${negated ? '' : '-'}cross_entropy(${z}, ${y})`,
		value: (negated ? 1 : -1) * stableAt('cross_entropy', pairs).y,
		nodes: [...inputsOf(g, sum), sum, ...(negated ? [only(sum)] : [])]
	};
}
