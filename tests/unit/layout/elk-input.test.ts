import { describe, expect, it } from 'vitest';
import { COLLAPSE_ABOVE, defaultCollapsed, elkInput, MAX_LAYOUT_NODES } from '../../../src/lib/core/layout/elk-input.ts';
import { isCollapsible } from '../../../src/lib/core/layout/statements.ts';
import { EXAMPLES } from '../../../src/lib/examples/examples.ts';
import { exampleTrace, traceOf } from './helpers.ts';

/** A program with `n` elements per vector, big enough to trip the collapse thresholds. */
function wide(n: number): string {
	const v = (s: number) => `[${Array.from({ length: n }, (_, i) => ((i * s) % 7) / 10 - 0.3).join(', ')}]`;
	return `a = ${v(1)}\nb = ${v(3)}\nc = a * b + a\nd = tanh(c)\nf = sum(d * d)\n`;
}

describe('elkInput', () => {
	it.each(EXAMPLES.map((e) => [e.id]))('%s: ids come from node and statement indices, identical on every call', (id) => {
		const t = exampleTrace(id);
		const a = elkInput(t, new Set());
		const b = elkInput(t, new Set());
		expect(JSON.stringify(a)).toBe(JSON.stringify(b));
		expect(a.graph.children?.map((c) => c.id)).toEqual(Array.from({ length: t.graph.size }, (_, i) => `n${i}`));
		for (const c of a.graph.children ?? []) {
			expect(c.width).toBeGreaterThan(0);
			expect(c.height).toBeGreaterThan(0);
		}
	});

	it.each(EXAMPLES.map((e) => [e.id]))('%s: collapsing every statement gives one box each and no duplicate or internal edges', (id) => {
		const t = exampleTrace(id);
		const g = t.graph;
		const all = new Set(g.statements.map((_, s) => s));
		const { graph, plan } = elkInput(t, all);
		const expected = g.statements.flatMap((_, s) => {
			if (isCollapsible(g, s)) return [`s${s}`];
			const ids: string[] = [];
			for (let i = 0; i < g.size; i++) if (g.stmt[i] === s) ids.push(`n${i}`);
			return ids;
		});
		expect(graph.children?.map((c) => c.id)).toEqual(expected);
		const pairs = (graph.edges ?? []).map((e) => `${e.sources[0]}>${e.targets[0]}`);
		expect(new Set(pairs).size).toBe(pairs.length);
		for (const e of graph.edges ?? []) expect(e.sources[0]).not.toBe(e.targets[0]);
		// Every scalar edge between different boxes is drawn by exactly one wire.
		const drawn = Object.values(plan.edges).flatMap((e) => e.edges);
		expect(new Set(drawn).size).toBe(drawn.length);
	});

	it('asks ELK for a layered, left-to-right layout without the slow placement strategies', () => {
		const opts = elkInput(exampleTrace('mlp-softmax'), new Set()).graph.layoutOptions ?? {};
		expect(opts['elk.algorithm']).toBe('layered');
		expect(opts['elk.direction']).toBe('RIGHT');
		expect(Object.values(opts)).not.toContain('NETWORK_SIMPLEX');
		expect(Object.values(opts)).not.toContain('LINEAR_SEGMENTS');
	});
});

describe('defaultCollapsed', () => {
	it.each(EXAMPLES.map((e) => [e.id]))('%s: small examples open fully expanded', (id) => {
		const t = exampleTrace(id);
		expect(t.graph.size).toBeLessThanOrEqual(COLLAPSE_ABOVE);
		expect([...defaultCollapsed(t)]).toEqual([]);
	});

	it('collapses every multi-node statement of a big graph', () => {
		const t = traceOf(wide(60));
		expect(t.graph.size).toBeGreaterThan(COLLAPSE_ABOVE);
		expect([...defaultCollapsed(t)].sort()).toEqual([0, 1, 2, 3, 4]);
	});

	it(`expanding everything on a huge graph lays out at most ${MAX_LAYOUT_NODES} nodes and says so`, () => {
		const t = traceOf(wide(400));
		const { graph, plan } = elkInput(t, new Set());
		expect(graph.children?.length).toBeLessThanOrEqual(MAX_LAYOUT_NODES);
		expect(plan.capped).toBe(true);
		expect(plan.collapsed.length).toBeGreaterThan(0);
		const small = elkInput(exampleTrace('mlp-softmax'), new Set()).plan;
		expect(small.capped).toBe(false);
	});
});
