import type { Trace } from '../trace/build.ts';
import type { Granularity } from '../trace/steps.ts';
import { boxSize, nodeSize } from './metrics.ts';
import { isCollapsible, statementStarts } from './statements.ts';
import type { LayoutTarget } from './types.ts';

/** Above this many scalar nodes the graph opens with every multi-node statement collapsed. */
export const COLLAPSE_ABOVE = 150;
/**
 * The most drawn nodes we hand to ELK. TOOLCHAIN.md: ~500 ms at 1,000 nodes in Node and more
 * in a worker; past this we fold the biggest statements and say so instead of freezing.
 */
export const MAX_LAYOUT_NODES = 600;
/** Past this many drawn nodes the cheaper ELK strategies are used (TOOLCHAIN.md figures). */
const BIG = 300;
/**
 * Model-order crossing minimisation keeps the program's order but is superlinear around
 * high-degree nodes: 7.9 s instead of 0.4 s for 400 nodes fanning out of one box (measured).
 */
const MODEL_ORDER_MAX = 150;
/** Up to this many drawn nodes ELK sweeps crossings harder (thoroughness 4): measured cheap there. */
const THOROUGH_MAX = 60;
/**
 * ELK finds connected components and network-simplex layers by recursive depth-first search, one
 * stack frame per node along a path: a 5,000-line chain overflowed the stack (measured: Node fails
 * from about 4,500 nodes in a row, Chromium's worker earlier). Past this many drawn nodes ELK gets
 * the strategies without that recursion: one component (no component search) and longest-path
 * layering from the sources, which are loops.
 */
export const DEEP_LAYOUT = 1000;

/** ELK's JSON graph, only the parts we write and read (core may not import elkjs). */
export interface ElkJsonNode {
	id: string;
	x?: number;
	y?: number;
	width?: number;
	height?: number;
	layoutOptions?: Record<string, string>;
	children?: ElkJsonNode[];
	edges?: ElkJsonEdge[];
}
export interface ElkJsonEdge {
	id: string;
	sources: string[];
	targets: string[];
	sections?: { id: string; startPoint: { x: number; y: number }; endPoint: { x: number; y: number }; bendPoints?: { x: number; y: number }[] }[];
}

/** How the graph is drawn: which ELK id stands for what. Plain data, so it can cross a worker boundary. */
export interface LayoutPlan {
	readonly targets: Readonly<Record<string, LayoutTarget>>;
	/** Scalar edges (indices into graph.inputs) behind each ELK edge id. */
	readonly edges: Readonly<Record<string, { from: string; to: string; edges: number[] }>>;
	readonly collapsed: readonly number[];
	readonly capped: boolean;
}

export interface ElkInput {
	readonly graph: ElkJsonNode;
	readonly plan: LayoutPlan;
}

/** Above this many nodes, stepping by assignment draws each assignment as one box, as its steps are. */
export const GROUP_BOXES_ABOVE = 40;

/**
 * Which assignments start as boxes: all of them on a big graph, and on a mid-sized one when the
 * reader steps one named value at a time (a step then covers the whole box).
 */
export function defaultCollapsed(t: Trace, granularity: Granularity = 'scalar'): Set<number> {
	const g = t.graph;
	const out = new Set<number>();
	if (g.size <= (granularity === 'group' ? GROUP_BOXES_ABOVE : COLLAPSE_ABOVE)) return out;
	for (let s = 0; s < g.statements.length; s++) if (isCollapsible(g, s)) out.add(s);
	return out;
}

/** The statements to draw as boxes: the asked set, plus the biggest others while over the cap. */
function effectiveCollapsed(t: Trace, asked: ReadonlySet<number>): { collapsed: Set<number>; capped: boolean } {
	const g = t.graph;
	const start = statementStarts(g);
	const collapsed = new Set<number>();
	let drawn = 0;
	for (let s = 0; s < g.statements.length; s++) {
		if (asked.has(s) && isCollapsible(g, s)) {
			collapsed.add(s);
			drawn++;
		} else drawn += start[s + 1] - start[s];
	}
	if (drawn <= MAX_LAYOUT_NODES) return { collapsed, capped: false };
	const open = [...Array(g.statements.length).keys()].filter((s) => !collapsed.has(s) && isCollapsible(g, s));
	// Biggest first folds the fewest statements; ties by index keep the choice stable.
	open.sort((a, b) => start[b + 1] - start[b] - (start[a + 1] - start[a]) || a - b);
	let capped = false;
	for (const s of open) {
		if (drawn <= MAX_LAYOUT_NODES) break;
		collapsed.add(s);
		drawn -= start[s + 1] - start[s] - 1;
		capped = true;
	}
	return { collapsed, capped };
}

export const nodeId = (i: number) => `n${i}`;
export const boxId = (s: number) => `s${s}`;

/**
 * The ELK graph for a trace. It does not depend on the step, so the same program always gets
 * the same layout; ids are derived from node and statement indices only.
 */
export function elkInput(t: Trace, asked: ReadonlySet<number>): ElkInput {
	const g = t.graph;
	const { collapsed, capped } = effectiveCollapsed(t, asked);
	const idOf = (i: number) => (collapsed.has(g.stmt[i]) ? boxId(g.stmt[i]) : nodeId(i));
	const children: ElkJsonNode[] = [];
	const targets: Record<string, LayoutTarget> = {};
	for (let i = 0; i < g.size; i++) {
		const s = g.stmt[i];
		if (collapsed.has(s)) {
			const id = boxId(s);
			if (targets[id]) continue;
			targets[id] = { kind: 'box', stmt: s };
			children.push({ id, ...boxSize(t, s) });
		} else {
			const id = nodeId(i);
			targets[id] = { kind: 'node', node: i };
			children.push({ id, ...nodeSize(t, i) });
		}
	}
	const byPair = new Map<string, { from: string; to: string; edges: number[] }>();
	for (let i = 0; i < g.size; i++) {
		const to = idOf(i);
		for (let e = g.inputStart[i]; e < g.inputStart[i + 1]; e++) {
			const from = idOf(g.inputs[e]);
			if (from === to) continue; // inside one box
			const key = `e:${from}:${to}`;
			const hit = byPair.get(key);
			if (hit) hit.edges.push(e);
			else byPair.set(key, { from, to, edges: [e] });
		}
	}
	const edges: ElkJsonEdge[] = [...byPair].map(([id, v]) => ({ id, sources: [v.from], targets: [v.to] }));
	const big = children.length > BIG;
	const layoutOptions: Record<string, string> = {
		'elk.algorithm': 'layered',
		'elk.direction': 'RIGHT',
		// Low thoroughness and linear-time placement: NETWORK_SIMPLEX / LINEAR_SEGMENTS take 36-70 s at 3,000 nodes
		// (and 3.6 s at 300, 3x BRANDES_KOEPF at 117: bench/elk-options.ts). Thoroughness 4 costs
		// 1.2-1.35x thoroughness 1 from 55 to 300 nodes; on small graphs it leaves room for more wire
		// values (norm-Wx: 6 of 10 against 5), and small graphs are cheap (the examples are laid out at build time).
		'elk.layered.thoroughness': children.length <= THOROUGH_MAX ? '4' : '1',
		'elk.layered.nodePlacement.strategy': big ? 'SIMPLE' : 'BRANDES_KOEPF',
		'elk.edgeRouting': big ? 'POLYLINE' : 'ORTHOGONAL',
		// Program order first where affordable: x above y, W1 above b1, as the reader wrote them.
		'elk.layered.considerModelOrder.strategy': children.length <= MODEL_ORDER_MAX ? 'NODES_AND_EDGES' : 'NONE',
		'elk.spacing.nodeNode': '22',
		// Room between layers for the value and gradient written on each wire.
		'elk.layered.spacing.nodeNodeBetweenLayers': '96',
		'elk.layered.spacing.edgeNodeBetweenLayers': '24',
		'elk.spacing.edgeEdge': '14',
		'elk.spacing.edgeNode': '16',
		'elk.padding': '[top=24,left=24,bottom=24,right=24]',
		...(children.length > DEEP_LAYOUT ? { 'elk.separateConnectedComponents': 'false', 'elk.layered.layering.strategy': 'LONGEST_PATH_SOURCE' } : {})
	};
	return {
		graph: { id: 'root', layoutOptions, children, edges },
		plan: { targets, edges: Object.fromEntries(byPair), collapsed: [...collapsed].sort((a, b) => a - b), capped }
	};
}
