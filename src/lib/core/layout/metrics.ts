import type { Trace } from '../trace/build.ts';
import type { Graph } from '../graph/graph.ts';
import { DEFAULT_SIG, fmt } from '../tex/number.ts';
import { groupOfStatement, statementStarts } from './statements.ts';

/**
 * Sizes and text positions shared by ELK input (how big a box must be) and the scene (where
 * its texts go). Text is set in a monospace stack, so a width per character is a safe bound.
 */
/** Font sizes (px at 1:1) of the live graph's texts; camera.ts's SMALLEST_FONT_PX is the least of them. */
export const GRAPH_FONT = { label: 13, detail: 11, value: 11.5, wire: 11 } as const;
/**
 * Advance of one monospace character per px of font size: DejaVu Sans Mono and SF Mono are
 * 0.60, bold too; a little over, so a label never runs past its box or into the op symbol.
 */
export const MONO_EM = 0.62;
const width = (chars: number, px: number) => chars * px * MONO_EM;
export const PAD_X = 8;
export const NODE_H = 50;
export const CONST_H = 24;
export const BOX_H = 64;
/** Numbers are reserved at least this many characters, so a box does not change size with sig. */
const NUMBER_CHARS = 7;

export function opSymbol(g: Graph, i: number): string | undefined {
	const o = g.op[i];
	if (!o) return undefined;
	if (o.name === 'pow') return `^${fmt(g.param[i])}`;
	return o.symbol;
}

/** Prefix of gradient text: colour is never the only cue (WCAG 1.4.1). */
export const GRAD_PREFIX = '∂ ';

const numChars = (x: number) => Math.max(NUMBER_CHARS, fmt(x, DEFAULT_SIG).length);

export function nodeSize(t: Trace, i: number): { width: number; height: number } {
	const g = t.graph;
	const label = t.label(i);
	if (g.kind[i] === 'const') return { width: Math.ceil(Math.max(28, 2 * PAD_X + width(label.length, GRAPH_FONT.label))), height: CONST_H };
	const op = opSymbol(g, i);
	// The label and the op symbol share the top row: the box grows with a long name (net_o1, (w5*h1)).
	const top = width(label.length, GRAPH_FONT.label) + (op ? 10 + width(op.length, GRAPH_FONT.detail) : 0);
	const nums = width(Math.max(numChars(g.value[i]), GRAD_PREFIX.length + numChars(g.grad[i])), GRAPH_FONT.value);
	return { width: Math.ceil(2 * PAD_X + Math.max(top, nums)), height: NODE_H };
}

/** "4×3 · 28 nodes", "4-vector · 12 nodes": what a collapsed box hides. */
export function boxDetail(g: Graph, s: number): string {
	const k = groupOfStatement(g, s);
	const start = statementStarts(g);
	const n = start[s + 1] - start[s];
	const shape = k >= 0 ? g.groups[k].shape : [];
	const dims = shape.length === 0 ? 'scalar' : shape.length === 1 ? `${shape[0]}-vector` : shape.join('×');
	return `${dims} · ${n} nodes`;
}

/**
 * The elements a collapsed box writes out: all of a short group, else the first two and the
 * last around an ellipsis (-1), so a box always shows numbers, never only its shape.
 */
export function boxShown(ids: ArrayLike<number>): number[] {
	const n = ids.length;
	if (n <= 4) return Array.from(ids);
	return [ids[0], ids[1], -1, ids[n - 1]];
}

/** `[0.1, 0.2, …, 0.9]`: a box's values (or gradients) as written in it. */
export function boxList(ids: ArrayLike<number>, text: (i: number) => string): string {
	const xs = boxShown(ids).map((i) => (i < 0 ? '…' : text(i)));
	return xs.length === 1 ? xs[0] : `[${xs.join(', ')}]`;
}

export function boxName(g: Graph, s: number): string {
	return g.statements[s].name;
}

export function boxSize(t: Trace, s: number): { width: number; height: number } {
	const g = t.graph;
	const k = groupOfStatement(g, s);
	const ids = k >= 0 ? g.groups[k].ids : new Int32Array(0);
	const listChars = Math.max(boxList(ids, (i) => 'x'.repeat(numChars(g.value[i]))).length, GRAD_PREFIX.length + boxList(ids, (i) => 'x'.repeat(numChars(g.grad[i]))).length);
	const inner = Math.max(width(boxName(g, s).length + 2, GRAPH_FONT.label), width(boxDetail(g, s).length, GRAPH_FONT.detail), width(listChars, GRAPH_FONT.value));
	return { width: Math.ceil(2 * PAD_X + inner), height: BOX_H };
}
