import { describe, expect, it } from 'vitest';
import { layoutTrace } from '../../../src/lib/adapters/elk-node.ts';
import { defaultCollapsed } from '../../../src/lib/core/layout/elk-input.ts';
import type { GraphLayout } from '../../../src/lib/core/layout/types.ts';
import type { Trace } from '../../../src/lib/core/trace/build.ts';
import { EXAMPLES } from '../../../src/lib/examples/examples.ts';
import { exampleTrace, traceOf } from './helpers.ts';

function checkGeometry(l: GraphLayout): void {
	const finite = (...xs: number[]) => xs.every(Number.isFinite);
	expect(finite(l.width, l.height)).toBe(true);
	for (const n of l.nodes) {
		expect(finite(n.x, n.y, n.width, n.height), n.id).toBe(true);
		expect(n.x).toBeGreaterThanOrEqual(0);
		expect(n.y).toBeGreaterThanOrEqual(0);
		expect(n.x + n.width).toBeLessThanOrEqual(l.width);
		expect(n.y + n.height).toBeLessThanOrEqual(l.height);
	}
	// Sorted sweep on x: only nodes whose x-ranges meet are compared.
	const byX = [...l.nodes].sort((a, b) => a.x - b.x);
	for (let i = 0; i < byX.length; i++) {
		const a = byX[i];
		for (let j = i + 1; j < byX.length && byX[j].x < a.x + a.width; j++) {
			const b = byX[j];
			const overlap = a.y < b.y + b.height && b.y < a.y + a.height;
			expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
		}
	}
	for (const e of l.edges) {
		expect(e.points.length, e.id).toBeGreaterThanOrEqual(2);
		for (const p of e.points) expect(finite(p.x, p.y), e.id).toBe(true);
	}
}

function wired(t: Trace, l: GraphLayout): void {
	// Every scalar edge whose ends are drawn apart appears on exactly one wire.
	const g = t.graph;
	const boxed = new Set(l.collapsed);
	let expected = 0;
	for (let i = 0; i < g.size; i++)
		for (let e = g.inputStart[i]; e < g.inputStart[i + 1]; e++) {
			const a = g.inputs[e];
			if (!(boxed.has(g.stmt[a]) && g.stmt[a] === g.stmt[i])) expected++;
		}
	expect(l.edges.reduce((s, e) => s + e.edges.length, 0)).toBe(expected);
}

describe('layout through elk-node', () => {
	it.each(EXAMPLES.map((e) => [e.id]))('%s: finite, inside the canvas, no overlapping nodes, the same every time', async (id) => {
		const t = exampleTrace(id);
		const t0 = performance.now();
		const l = await layoutTrace(t, defaultCollapsed(t));
		const ms = performance.now() - t0;
		checkGeometry(l);
		wired(t, l);
		expect(l.nodes.length).toBe(t.graph.size);
		expect(JSON.stringify(await layoutTrace(t, defaultCollapsed(t)))).toBe(JSON.stringify(l));
		console.log(`layout ${id}: ${t.graph.size} nodes, ${ms.toFixed(0)} ms`);
	});

	it.each(EXAMPLES.map((e) => [e.id]))('%s: fully collapsed is also clean', async (id) => {
		const t = exampleTrace(id);
		const l = await layoutTrace(t, new Set(t.graph.statements.map((_, s) => s)));
		checkGeometry(l);
		wired(t, l);
		expect(l.nodes.some((n) => n.target.kind === 'box') || t.graph.statements.length === t.graph.size).toBe(true);
	});

	it('a graph past the cap is laid out collapsed, in reasonable time', async () => {
		const n = 400;
		const v = (s: number) => `[${Array.from({ length: n }, (_, i) => ((i * s) % 7) / 10 - 0.3).join(', ')}]`;
		const t = traceOf(`a = ${v(1)}\nb = ${v(3)}\nc = a * b + a\nd = tanh(c)\nf = sum(d * d)\n`);
		const t0 = performance.now();
		const l = await layoutTrace(t, new Set());
		const ms = performance.now() - t0;
		expect(l.capped).toBe(true);
		expect(l.nodes.length).toBeLessThanOrEqual(600);
		checkGeometry(l);
		wired(t, l);
		console.log(`layout capped: ${t.graph.size} scalar nodes → ${l.nodes.length} drawn, ${ms.toFixed(0)} ms`);
	});
});
