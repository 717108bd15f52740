import { assertNever } from '../language/ast.ts';
import type { Trace } from '../trace/build.ts';
import { progressAt, type Progress } from '../trace/progress.ts';
import type { Granularity } from '../trace/steps.ts';
import { DEFAULT_SIG, fmt } from '../tex/number.ts';
import { boxDetail, boxList, boxName, GRAD_PREFIX, GRAPH_FONT, MONO_EM, opSymbol, PAD_X } from './metrics.ts';
import { groupOfStatement, isCollapsible, statementStarts } from './statements.ts';
import type { GraphLayout, LayoutEdge, LayoutNode, LayoutTarget, Point } from './types.ts';
import { wireLabels, type WireLabels } from './wire-labels.ts';

/**
 * current: computed by this step. read: read by this step (inputs going forward, consumers
 * going backward). done: shown already in this phase. muted: not reached yet.
 */
export type VisualState = 'current' | 'read' | 'done' | 'muted';

/** A text and where it goes; `x` is the anchor for `anchor`, `y` the baseline. */
export interface SceneText {
	readonly text: string;
	readonly x: number;
	readonly y: number;
	readonly anchor: 'start' | 'middle' | 'end';
}

export interface SceneNode {
	readonly id: string;
	readonly target: LayoutTarget;
	/** The statement the node or box belongs to. */
	readonly stmt: number;
	/** The scalar node a click selects: the node itself, or a box's first named element. */
	readonly node: number;
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
	readonly label: SceneText;
	/** Op symbol (scalar nodes) or "4×3 · 28 nodes" (boxes). */
	readonly detail?: SceneText;
	/** Forward value, once shown. */
	readonly value?: SceneText;
	/** Gradient with its `∂ ` prefix, once shown. */
	readonly grad?: SceneText;
	/** Forward mode: the tangent ∂v/∂x with its `→ ` prefix, where backprop shows the gradient. */
	readonly tangent?: SceneText;
	readonly state: VisualState;
	readonly isLeaf: boolean;
	readonly isOutput: boolean;
	readonly isConst: boolean;
	readonly nonFinite: boolean;
	/** What a click on the box's toggle does: expand this box, collapse this node's statement, or nothing. */
	readonly toggle: 'expand' | 'collapse' | undefined;
	/** Accessible name of the toggle: "Expand h (4 nodes)", "Collapse h into one box". */
	readonly toggleLabel?: string;
	/** A sentence for screen readers: "q = 3, gradient -4". */
	readonly aria: string;
}

export interface SceneEdge {
	readonly id: string;
	readonly from: LayoutTarget;
	readonly to: LayoutTarget;
	readonly points: readonly Point[];
	/** The polyline as an SVG path, so renderers do no geometry. */
	readonly path: string;
	/** Forward value of the source, above the wire. */
	readonly value?: SceneText;
	/** The gradient this wire carries back (one term of the source's fan-out sum), below the wire. */
	readonly grad?: SceneText;
	/**
	 * current: used by this step; done: passed in this phase (its target computed going
	 * forward, its gradient shown going backward); muted: not yet. Wires are never 'read'.
	 */
	readonly state: VisualState;
	readonly nonFinite: boolean;
	/**
	 * "x → q: value 3, gradient ∂ -4" for a wire between two scalar nodes, with only what this
	 * step has shown: a text left off the wire for room is still one hover away.
	 */
	readonly tip?: string;
}

export interface Scene {
	readonly width: number;
	readonly height: number;
	readonly phase: 'forward' | 'backward';
	readonly nodes: readonly SceneNode[];
	readonly edges: readonly SceneEdge[];
}

// Baselines inside a node, measured from its top; shared with metrics.ts heights.
const LABEL_Y = 17;
const VALUE_Y = 32;
const GRAD_Y = 45;
const BOX_DETAIL_Y = 31;
const BOX_VALUE_Y = 45;
const BOX_GRAD_Y = 58;

/**
 * Forward mode (core/trace/tangent.ts): the tangents ∂v/∂x of one input, and which of them the
 * reader has reached. A node's value and tangent appear together, as a forward-mode pass computes them.
 */
export interface TangentOverlay {
	readonly values: Float64Array;
	readonly known: (node: number) => boolean;
	readonly current: readonly number[];
	readonly reads: readonly number[];
}

/** Prefix of tangent text: forward, beside the value, as `∂ ` marks a gradient (not colour alone). */
export const TANGENT_PREFIX = '→ ';

/**
 * A tangent in a node sized for its value and gradient (the layout does not know which input is
 * chosen): fewer digits where the number would run past the box; the step panel has them all.
 */
function fitted(x: number, sig: number, width: number): string {
	const room = Math.floor((width - 2 * PAD_X) / (GRAPH_FONT.value * MONO_EM)) - TANGENT_PREFIX.length;
	for (let s = sig; s > 2; s--) {
		const t = fmt(x, s);
		if (t.length <= room) return t;
	}
	return fmt(x, 2);
}

interface Ctx {
	readonly tangent?: TangentOverlay;
	readonly t: Trace;
	readonly p: Progress;
	readonly current: ReadonlySet<number>;
	readonly reads: ReadonlySet<number>;
	readonly sig: number;
	readonly wires: ReadonlyMap<string, WireLabels>;
}

function nodeState(c: Ctx, i: number): VisualState {
	if (c.current.has(i)) return 'current';
	if (c.reads.has(i)) return 'read';
	const done = c.p.phase === 'forward' ? c.p.valueKnown(i) : c.p.gradKnown(i) || c.t.graph.kind[i] === 'const';
	return done ? 'done' : 'muted';
}

function statesOf(c: Ctx, ids: Iterable<number>): VisualState {
	let all = true;
	let any = false;
	let read = false;
	for (const i of ids) {
		const s = nodeState(c, i);
		if (s === 'current') return 'current';
		if (s === 'read') read = true;
		if (s === 'muted') all = false;
		any = true;
	}
	if (read) return 'read';
	return all && any ? 'done' : 'muted';
}

const text = (s: string, x: number, y: number, anchor: SceneText['anchor'] = 'start'): SceneText => ({ text: s, x, y, anchor });
const notFinite = (x: number) => !Number.isFinite(x);

function scalarNode(c: Ctx, n: LayoutNode, i: number): SceneNode {
	const g = c.t.graph;
	const { x, y, width, height } = n;
	const isConst = g.kind[i] === 'const';
	const label = c.t.label(i);
	const op = opSymbol(g, i);
	const vKnown = c.p.valueKnown(i);
	const gKnown = !isConst && c.p.gradKnown(i);
	const value = vKnown ? fmt(g.value[i], c.sig) : undefined;
	const grad = gKnown ? fmt(g.grad[i], c.sig) : undefined;
	const tan = c.tangent && !isConst && c.tangent.known(i) ? c.tangent.values[i] : undefined;
	const s = g.stmt[i];
	const k = g.group[i];
	// The collapse handle sits on the first element of the statement's named value only.
	const handle = isCollapsible(g, s) && k >= 0 && g.groups[k].stmt === s && g.elem[i] === 0;
	const aria = isConst
		? `constant ${label}`
		: `${label}${value !== undefined ? ` = ${value}` : ', value not computed yet'}${grad !== undefined ? `, gradient ${grad}` : ''}${tan !== undefined ? `, tangent ${fmt(tan, c.sig)}` : ''}`;
	return {
		id: n.id,
		target: n.target,
		stmt: s,
		node: i,
		x, y, width, height,
		label: isConst ? text(label, x + width / 2, y + 16, 'middle') : text(label, x + PAD_X, y + LABEL_Y),
		detail: op ? text(op, x + width - PAD_X, y + LABEL_Y - 1, 'end') : undefined,
		value: !isConst && value !== undefined ? text(value, x + PAD_X, y + VALUE_Y) : undefined,
		grad: grad !== undefined ? text(GRAD_PREFIX + grad, x + PAD_X, y + GRAD_Y) : undefined,
		tangent: tan !== undefined ? text(TANGENT_PREFIX + fitted(tan, c.sig, width), x + PAD_X, y + GRAD_Y) : undefined,
		state: nodeState(c, i),
		isLeaf: g.kind[i] === 'leaf',
		isOutput: i === g.output,
		isConst,
		nonFinite: (vKnown && notFinite(g.value[i])) || (gKnown && notFinite(g.grad[i])) || (tan !== undefined && notFinite(tan)),
		toggle: handle ? 'collapse' : undefined,
		toggleLabel: handle ? `Collapse ${g.statements[s].name} into one box` : undefined,
		aria
	};
}

function boxNode(c: Ctx, n: LayoutNode, s: number): SceneNode {
	const g = c.t.graph;
	const { x, y, width, height } = n;
	const start = statementStarts(g);
	const members: number[] = [];
	for (let i = start[s]; i < start[s + 1]; i++) if (g.kind[i] !== 'const') members.push(i);
	const k = groupOfStatement(g, s);
	const ids = k >= 0 ? Array.from(g.groups[k].ids) : [];
	const vKnown = ids.length > 0 && ids.every((i) => c.p.valueKnown(i));
	const gKnown = ids.length > 0 && ids.every((i) => c.p.gradKnown(i));
	const value = vKnown && ids.length > 0 ? boxList(ids, (i) => fmt(g.value[i], c.sig)) : undefined;
	const grad = gKnown && ids.length > 0 ? boxList(ids, (i) => fmt(g.grad[i], c.sig)) : undefined;
	const tv = c.tangent?.values;
	const tan = tv && ids.length > 0 && ids.every((i) => c.tangent!.known(i)) ? boxList(ids, (i) => fmt(tv[i], c.sig)) : undefined;
	const name = boxName(g, s);
	const detail = boxDetail(g, s);
	const status = value !== undefined ? ` = ${value}` : vKnown ? ', computed' : ', not computed yet';
	return {
		id: n.id,
		target: n.target,
		stmt: s,
		node: ids[0] ?? start[s],
		x, y, width, height,
		label: text(name, x + PAD_X, y + LABEL_Y),
		detail: text(detail, x + PAD_X, y + BOX_DETAIL_Y),
		value: value !== undefined ? text(value, x + PAD_X, y + BOX_VALUE_Y) : undefined,
		grad: grad !== undefined ? text(GRAD_PREFIX + grad, x + PAD_X, y + BOX_GRAD_Y) : undefined,
		tangent: tan !== undefined ? text(TANGENT_PREFIX + tan, x + PAD_X, y + BOX_GRAD_Y) : undefined,
		state: statesOf(c, members),
		isLeaf: k >= 0 && g.groups[k].isLeaf,
		isOutput: g.stmt[g.output] === s,
		isConst: false,
		nonFinite:
			(vKnown && ids.some((i) => notFinite(g.value[i]))) || (gKnown && ids.some((i) => notFinite(g.grad[i]))),
		toggle: 'expand',
		toggleLabel: `Expand ${name} (${start[s + 1] - start[s]} nodes)`,
		aria: `${name}, collapsed (${detail})${status}${grad !== undefined ? `, gradient ${grad}` : gKnown ? ', gradient computed' : ''}${tan !== undefined ? `, tangent ${tan}` : ''}`
	};
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const pathOf = (points: readonly Point[]) => points.map((q, j) => `${j ? 'L' : 'M'}${r1(q.x)} ${r1(q.y)}`).join(' ');

function sceneEdge(c: Ctx, e: LayoutEdge): SceneEdge {
	const g = c.t.graph;
	const owner = (edge: number) => c.t.consumers.edgeOwner[edge];
	const src = (edge: number) => g.inputs[edge];
	const forward = c.p.phase === 'forward';
	let state: VisualState;
	let anyCurrent = false;
	let allValue = true;
	let allGrad = true;
	for (const edge of e.edges) {
		const a = src(edge);
		const b = owner(edge);
		if (forward ? c.current.has(b) : c.current.has(a)) anyCurrent = true;
		if (!c.p.valueKnown(a)) allValue = false;
		if (!c.p.gradKnown(a)) allGrad = false;
	}
	if (anyCurrent) state = 'current';
	else if (forward) state = e.edges.every((edge) => c.p.valueKnown(owner(edge))) ? 'done' : 'muted';
	else state = allGrad ? 'done' : 'muted';
	const labels = c.wires.get(e.id);
	const value = allValue && labels?.value ? text(labels.value.text, labels.value.at.x, labels.value.at.y, 'middle') : undefined;
	const grad = allGrad && labels?.grad ? text(labels.grad.text, labels.grad.at.x, labels.grad.at.y, 'middle') : undefined;
	const nonFinite = (value !== undefined && !!labels?.value?.nonFinite) || (grad !== undefined && !!labels?.grad?.nonFinite);
	let tip: string | undefined;
	if (labels && e.edges.length === 1) {
		const known = [allValue ? `value ${labels.valueText}` : '', allGrad && labels.gradText ? `gradient ${labels.gradText}` : ''].filter(Boolean);
		tip = `${c.t.label(src(e.edges[0]))} → ${c.t.label(owner(e.edges[0]))}${known.length ? `: ${known.join(', ')}` : ''}`;
	}
	return { id: e.id, from: e.from, to: e.to, points: e.points, path: pathOf(e.points), value, grad, state, nonFinite, tip };
}

/**
 * Everything a renderer needs at step `k` (0-based; -1 before the first step) of one
 * granularity. The layout is fixed per program; only this is re-derived on a step change.
 * With `tangent` the scene is forward mode's instead: `k` is unused, values and tangents show as
 * the overlay has reached them, and no gradient is shown.
 */
export function sceneAt(trace: Trace, layout: GraphLayout, granularity: Granularity, k: number, sig = DEFAULT_SIG, tangent?: TangentOverlay): Scene {
	const p: Progress = tangent
		? { phase: 'forward', valueKnown: tangent.known, gradKnown: () => false, current: tangent.current, reads: tangent.reads }
		: progressAt(trace, granularity, k);
	const c: Ctx = { t: trace, p, tangent, current: new Set(p.current), reads: new Set(p.reads), sig, wires: wireLabels(trace, layout, sig) };
	const nodes = layout.nodes.map((n) => {
		const tg = n.target;
		switch (tg.kind) {
			case 'node':
				return scalarNode(c, n, tg.node);
			case 'box':
				return boxNode(c, n, tg.stmt);
			default:
				return assertNever(tg);
		}
	});
	return { width: layout.width, height: layout.height, phase: p.phase, nodes, edges: layout.edges.map((e) => sceneEdge(c, e)) };
}
