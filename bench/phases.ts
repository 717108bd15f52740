/**
 * Per-phase cost of one program, from text to every output the CLI and the handouts make,
 * with time per edge of the graph: flat figures across sizes are what linear cost looks like.
 */
import { performance } from 'node:perf_hooks';
import { traceText } from '../src/cli/trace-command.ts';
import { backward } from '../src/lib/core/autodiff/backward.ts';
import { forward } from '../src/lib/core/autodiff/forward.ts';
import { buildGraph } from '../src/lib/core/graph/build.ts';
import { handoutHtml } from '../src/lib/core/handout/html.ts';
import { handoutLatex } from '../src/lib/core/handout/latex.ts';
import { handoutMarkdown } from '../src/lib/core/handout/markdown.ts';
import { buildHandout, type Handout } from '../src/lib/core/handout/model.ts';
import { parse } from '../src/lib/core/language/parser.ts';
import { buildTrace } from '../src/lib/core/trace/build.ts';
import { traceJson } from '../src/lib/core/trace/json.ts';
import { stepText } from '../src/lib/core/trace/tex.ts';
import { median } from './stats.ts';

export const PHASES = ['parse', 'graph', 'fwd+bwd', 'trace', 'steps', 'groups', 'json', 'text', 'handout', 'scalar-handout', 'md+tex+html'] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseFigures {
	readonly nodes: number;
	readonly edges: number;
	readonly ms: Record<Phase, number>;
}

const timed = <T>(f: () => T): [T, number] => {
	const t0 = performance.now();
	const out = f();
	return [out, performance.now() - t0];
};

/** One pass through every phase; `scalarHandout` off skips the one-row-per-node handout (its writers print every row). */
export function measure(src: string, scalarHandout = true): PhaseFigures {
	const ms = {} as Record<Phase, number>;
	const [parsed, parseMs] = timed(() => parse(src));
	ms.parse = parseMs;
	const [built, graphMs] = timed(() => buildGraph(parsed.program, src, parsed.assigned));
	ms.graph = graphMs;
	const g = built.graph;
	if (!g) throw new Error(`bench program does not run: ${built.errors[0]?.message}`);
	ms['fwd+bwd'] = timed(() => (forward(g), backward(g)))[1];
	const [t, traceMs] = timed(() => buildTrace(g, parsed.program));
	ms.trace = traceMs;
	ms.steps = timed(() => t.steps.forEach((s) => stepText(t, s)))[1];
	ms.groups = timed(() => t.groupSteps.forEach((s) => stepText(t, s)))[1];
	ms.json = timed(() => JSON.stringify(traceJson(t), null, 1).length)[1];
	ms.text = timed(() => traceText(t).length)[1];
	const [h, handoutMs] = timed(() => buildHandout(t));
	ms.handout = handoutMs;
	ms['scalar-handout'] = scalarHandout ? timed(() => buildHandout(t, { granularity: 'scalar' }))[1] : NaN;
	ms['md+tex+html'] = timed(() => writeAll(h))[1];
	return { nodes: g.size, edges: g.inputs.length, ms };
}

/** The writers, with LaTeX passed through as text: KaTeX's own cost is not ours to measure here. */
function writeAll(h: Handout): number {
	return handoutMarkdown(h).length + handoutLatex(h).length + handoutHtml(h, { renderTex: (tex) => tex }).length;
}

/** Median of each phase over `runs` passes. */
export function medianFigures(src: string, runs: number, scalarHandout = true): PhaseFigures {
	const all = Array.from({ length: runs }, () => measure(src, scalarHandout));
	const ms = {} as Record<Phase, number>;
	for (const p of PHASES) ms[p] = median(all.map((f) => f.ms[p]));
	return { nodes: all[0].nodes, edges: all[0].edges, ms };
}

/** `bench wide=sum n=10000 nodes=… edges=… total_ms=… ns_per_edge=… | parse=…/…ns …`: each phase as ms / ns per edge. */
export function phaseLine(name: string, f: PhaseFigures): string {
	const total = PHASES.reduce((s, p) => s + (Number.isNaN(f.ms[p]) ? 0 : f.ms[p]), 0);
	const perEdge = (ms: number) => ((ms * 1e6) / f.edges).toFixed(0);
	const cells = PHASES.map((p) => (Number.isNaN(f.ms[p]) ? `${p}=-` : `${p}=${f.ms[p].toFixed(1)}/${perEdge(f.ms[p])}`));
	return `bench ${name} nodes=${f.nodes} edges=${f.edges} total_ms=${total.toFixed(1)} ns_per_edge=${perEdge(total)} | ${cells.join(' ')}`;
}
