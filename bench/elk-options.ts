/**
 * ELK's cost per option set, cold (a fresh process: the first layout pays for ELK's code warming
 * up) and warm (median of later layouts), on the built-in examples folded and unfolded, a
 * 117-node MLP and ~300-node programs. Printed, never asserted: `npm run bench` shows it so the
 * options in core/layout/elk-input.ts can be chosen by cost (and by looking at the result).
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as bundled from 'elkjs/lib/elk.bundled.js';
import type { ElkLike } from '../src/lib/core/layout/run.ts';
import { defaultCollapsed, elkInput, type ElkJsonNode } from '../src/lib/core/layout/elk-input.ts';
import { isCollapsible } from '../src/lib/core/layout/statements.ts';
import { run } from '../src/lib/core/program.ts';
import type { Trace } from '../src/lib/core/trace/build.ts';
import { EXAMPLES } from '../src/lib/examples/examples.ts';
import { mlpProgram } from './mlp.ts';
import { median } from './stats.ts';

type ElkCtor = new () => ElkLike;
function elkCtor(): ElkCtor {
	const d = (bundled as unknown as { default: ElkCtor | { default: ElkCtor } }).default;
	return typeof d === 'function' ? d : d.default;
}

/** Options replacing what elk-input.ts chose; `as-is` measures the shipped choice. */
export const OPTION_SETS: Record<string, Record<string, string>> = {
	'as-is': {},
	't4-bk-orth-order': { 'elk.layered.thoroughness': '4', 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF', 'elk.edgeRouting': 'ORTHOGONAL', 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' },
	't1-bk-orth-order': { 'elk.layered.thoroughness': '1', 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF', 'elk.edgeRouting': 'ORTHOGONAL', 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' },
	't1-bk-orth-noorder': { 'elk.layered.thoroughness': '1', 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF', 'elk.edgeRouting': 'ORTHOGONAL', 'elk.layered.considerModelOrder.strategy': 'NONE' },
	't1-bk-poly-order': { 'elk.layered.thoroughness': '1', 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF', 'elk.edgeRouting': 'POLYLINE', 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' },
	't1-bk-spline-order': { 'elk.layered.thoroughness': '1', 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF', 'elk.edgeRouting': 'SPLINES', 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' },
	't1-ns-orth-order': { 'elk.layered.thoroughness': '1', 'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX', 'elk.edgeRouting': 'ORTHOGONAL', 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' },
	't1-ls-orth-order': { 'elk.layered.thoroughness': '1', 'elk.layered.nodePlacement.strategy': 'LINEAR_SEGMENTS', 'elk.edgeRouting': 'ORTHOGONAL', 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' },
	't1-simple-poly-none': { 'elk.layered.thoroughness': '1', 'elk.layered.nodePlacement.strategy': 'SIMPLE', 'elk.edgeRouting': 'POLYLINE', 'elk.layered.considerModelOrder.strategy': 'NONE' },
	't1-bk-orth-order-nogreedy': {
		'elk.layered.thoroughness': '1',
		'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
		'elk.edgeRouting': 'ORTHOGONAL',
		'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
		'elk.layered.crossingMinimization.greedySwitch.type': 'OFF'
	}
};

interface Case {
	readonly name: string;
	readonly trace: Trace;
	readonly collapsed: ReadonlySet<number>;
}

function traceOf(src: string): Trace {
	const r = run(src);
	if (!r.ok) throw new Error(`bench program does not run: ${r.errors[0]?.message}`);
	return r.trace;
}

function allFolded(t: Trace): Set<number> {
	const out = new Set<number>();
	for (let s = 0; s < t.graph.statements.length; s++) if (isCollapsible(t.graph, s)) out.add(s);
	return out;
}

/** The 117-node MLP and a 300-node one (ReLU layers, squared loss: bench/mlp.ts). */
export const BIG_MLPS: readonly (readonly [number[], number])[] = [
	[[3, 7, 5, 1], 117],
	[[5, 11, 11, 2], 300]
];

export function cases(): Case[] {
	const out: Case[] = [];
	for (const ex of EXAMPLES) {
		const t = traceOf(ex.program);
		out.push({ name: `${ex.id} unfolded`, trace: t, collapsed: new Set() });
		const f = allFolded(t);
		if (f.size > 0) out.push({ name: `${ex.id} folded`, trace: t, collapsed: f });
	}
	for (const [sizes, nodes] of BIG_MLPS) {
		const t = traceOf(mlpProgram(sizes));
		const name = `mlp-${sizes.join('-')} (${t.graph.size} nodes)`;
		if (t.graph.size !== nodes) throw new Error(`${name}: expected ${nodes} nodes`);
		out.push({ name: `${name} unfolded`, trace: t, collapsed: new Set() });
		const d = defaultCollapsed(t);
		if (d.size > 0) out.push({ name: `${name} default-folded`, trace: t, collapsed: d });
	}
	return out;
}

function withOptions(graph: ElkJsonNode, set: Record<string, string>): ElkJsonNode {
	return { ...graph, layoutOptions: { ...graph.layoutOptions, ...set } };
}

async function timeOne(elk: ElkLike, c: Case, set: Record<string, string>): Promise<number> {
	const { graph } = elkInput(c.trace, c.collapsed);
	const t0 = performance.now();
	await elk.layout(withOptions(graph, set));
	return performance.now() - t0;
}


/** In this process: the first layout of a fresh ELK is the cold figure, then the warm median of `runs`. */
export async function measureSet(setName: string, only?: string, runs = 3): Promise<string[]> {
	const set = OPTION_SETS[setName];
	const elk = new (elkCtor())();
	const lines: string[] = [];
	let first = true;
	for (const c of cases()) {
		if (only && !c.name.startsWith(only)) continue;
		const cold = await timeOne(elk, c, set);
		const warm: number[] = [];
		for (let r = 0; r < runs; r++) warm.push(await timeOne(elk, c, set));
		const nodes = elkInput(c.trace, c.collapsed).graph.children?.length ?? 0;
		lines.push(`bench elk options=${setName} case="${c.name}" drawn=${nodes} ${first ? 'cold_ms' : 'first_ms'}=${cold.toFixed(1)} warm_ms=${median(warm).toFixed(1)}`);
		first = false;
	}
	return lines;
}

/** Each option set in a fresh Node process, so its first figure is a true cold start. */
export function measureAllSets(only?: string): void {
	const self = fileURLToPath(import.meta.url);
	for (const name of Object.keys(OPTION_SETS)) {
		const out = execFileSync(process.execPath, [self, name, ...(only ? [only] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
		process.stdout.write(out);
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const [setName, only] = process.argv.slice(2);
	if (setName && setName !== 'all') for (const l of await measureSet(setName, only)) console.log(l);
	else measureAllSets(only);
}
