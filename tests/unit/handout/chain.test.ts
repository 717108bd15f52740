import { describe, expect, it } from 'vitest';
import { buildHandout, LINK_LIMIT, type BackwardCells, type Handout } from '../../../src/lib/core/handout/model';
import { texNum, texOperand } from '../../../src/lib/core/tex/number';
import type { Trace } from '../../../src/lib/core/trace/build';
import { innerDefinition } from '../../../src/lib/core/trace/inner';
import { NET_222, rows, traceOf } from './fixtures';

/** Issue 9, item 4: a handout by assignment keeps every link of every chain (σ′, δ, each fan-out term). */

const d = (num: string, den: string) => `\\frac{\\partial ${num}}{\\partial ${den}}`;

/** Every gradient cell of a handout in reading order, with the scalar node it is the gradient of. */
function cellsOf(t: Trace, h: Handout): { cell: BackwardCells; node: number; row: string }[] {
	const g = t.graph;
	const byLabel = new Map<string, number>();
	for (let i = 0; i < g.size; i++) if (g.kind[i] === 'op' && g.group[i] < 0) byLabel.set(t.label(i), i);
	return h.backward.flatMap((r) => [
		{ cell: r as BackwardCells, node: g.groups.find((grp) => grp.name === r.label)!.ids[0], row: r.label },
		...r.links.map((l) => ({ cell: l as BackwardCells, node: byLabel.get(l.label)!, row: r.label }))
	]);
}

const net = traceOf(NET_222);
const netRows = buildHandout(net);
const nodeOf = (t: Trace, name: string) => t.graph.groups.find((grp) => grp.name === name)!.ids[0];

describe('handout rows per assignment keep the whole chain', () => {
	it('the 2-2-2 network is by assignment, and o1 has a sub-row for its net input with σ′ and its δ', () => {
		expect(netRows.granularity).toBe('group');
		const g = net.graph;
		const o1 = nodeOf(net, 'o1');
		const netIn = g.inputs[g.inputStart[o1]];
		const row = netRows.backward.find((r) => r.label === 'o1')!;
		const link = row.links.find((l) => l.tex === net.tex(netIn));
		expect(link, 'a sub-row for the net input of o1').toBeDefined();
		// σ′ at the net input, symbolic and in numbers: o1 (1 − o1).
		const slope = g.value[o1] * (1 - g.value[o1]);
		const local = link!.locals.find((l) => l.startsWith(`${d(net.tex(o1), net.tex(netIn))} = `));
		expect(local).toBeDefined();
		expect(local!.endsWith(` = ${texNum(slope)}`)).toBe(true);
		// δ = ∂E/∂o1 · σ′, with both numbers, and the gradient equal to the product.
		expect(link!.chain).toContain(`${texOperand(g.grad[o1])} \\cdot ${texOperand(slope)}`);
		expect(link!.gradient).toBe(texNum(g.grad[netIn]));
		expect(Math.abs(g.grad[netIn] - g.grad[o1] * slope)).toBeLessThan(1e-12);
		expect(link!.words).toMatch(/δ of o1/);
		// Defined, by the lead's naming: what the net input is.
		expect(link!.definition).toBe(innerDefinition(net, netIn)!.tex);
	});

	it('every number in h2’s chain rule is derived earlier in the handout', () => {
		const g = net.graph;
		const h2 = nodeOf(net, 'h2');
		const cells = cellsOf(net, netRows);
		const at = cells.findIndex((c) => c.row === 'h2' && c.node === h2);
		const row = cells[at].cell;
		const terms = Array.from(net.consumers.edges.subarray(net.consumers.start[h2], net.consumers.start[h2 + 1]));
		expect(terms.length).toBe(2);
		for (const e of terms) {
			const owner = net.consumers.edgeOwner[e];
			const up = texOperand(g.grad[owner]);
			const local = texOperand(g.local[e]);
			expect(row.chain).toContain(`${up} \\cdot ${local}`);
			// The upstream gradient (0.1385 and −0.0381 in the issue) is a gradient cell above h2's row…
			const earlier = cells.slice(0, at).find((c) => c.node === owner);
			expect(earlier, `∂E/∂${net.label(owner)} derived before h2`).toBeDefined();
			expect(earlier!.cell.gradient).toBe(texNum(g.grad[owner]));
			// …and the local derivative is in h2's own row.
			expect(row.locals.some((l) => l.endsWith(` = ${texNum(g.local[e])}`))).toBe(true);
		}
	});

	it.each([...rows(), ['2-2-2 network', { trace: net }] as const])(
		'%s by assignment: every upstream gradient a chain quotes is a gradient cell above it',
		(_id, c) => {
			const t = c.trace;
			const g = t.graph;
			const h = buildHandout(t, { granularity: 'group' });
			const cells = cellsOf(t, h);
			const derived = new Set<number>();
			for (const { cell, node } of cells) {
				if (node !== g.output && t.live[node])
					for (const e of t.consumers.edges.subarray(t.consumers.start[node], t.consumers.start[node + 1])) {
						const owner = t.consumers.edgeOwner[e];
						expect(cell.chain, `${t.label(node)} quotes ∂/∂${t.label(owner)}`).toContain(`${texOperand(g.grad[owner])} \\cdot ${texOperand(g.local[e])}`);
						expect(derived.has(owner), `∂/∂${t.label(owner)} is derived before ${t.label(node)}`).toBe(true);
					}
				derived.add(node);
				// A row's gradient is the whole vector or matrix: every element is then known.
				const grp = g.groups[g.group[node]];
				if (grp && grp.ids.length <= 8) grp.ids.forEach((i) => derived.add(i));
			}
		}
	);

	it.each([...rows(), ['2-2-2 network', { trace: net }] as const])('%s by assignment: forward values are computed before they are used', (_id, c) => {
		const t = c.trace;
		const g = t.graph;
		const h = buildHandout(t, { granularity: 'group' });
		for (const r of h.forward) {
			const first = g.groups.find((grp) => grp.name === r.label)!.ids[0];
			// The element's own equation comes last, after each inner quantity it reads, each with its value.
			for (let e = g.inputStart[first]; e < g.inputStart[first + 1]; e++) {
				const i = g.inputs[e];
				if (g.group[i] >= 0 || g.kind[i] !== 'op') continue;
				const link = r.links.find((l) => l.tex === t.tex(i));
				expect(link, `${r.label} computes ${t.label(i)}`).toBeDefined();
				expect(link!.equation.endsWith(` = ${texNum(g.value[i])}`)).toBe(true);
				expect(r.equations.indexOf(link!.equation)).toBeLessThan(r.equations.length - 1);
			}
		}
	});

	it('scalar rows keep one row per scalar step and no sub-rows', () => {
		const h = buildHandout(net, { granularity: 'scalar' });
		expect(h.forward.length + h.backward.length).toBe(net.steps.length);
		expect([...h.forward, ...h.backward].every((r) => r.links.length === 0)).toBe(true);
	});
});

describe('a wide line is capped', () => {
	it('prints at most LINK_LIMIT links and says how many more there are', () => {
		// x[0] feeds all 13 rows of W x: 13 products and 13 net inputs lie on the chains shown.
		const n = 13;
		const W = Array.from({ length: n }, (_, k) => `[${(k + 1) / 10}, ${-k / 10}]`).join(', ');
		const b = Array.from({ length: n }, () => '0.1').join(', ');
		const t = traceOf(`W = [${W}]\nx = [0.5, -1]\nb = [${b}]\ns = sigmoid(W @ x + b)\nf = sum(s)\n`);
		const row = buildHandout(t, { granularity: 'group' }).backward.find((r) => r.label === 's')!;
		const inner = Array.from({ length: t.graph.size }, (_, i) => i).filter((i) => t.graph.stmt[i] === 3 && t.graph.group[i] < 0 && t.graph.kind[i] === 'op');
		expect(inner.length).toBeGreaterThan(LINK_LIMIT);
		expect(row.links.length).toBe(LINK_LIMIT);
		expect(row.linksOmitted).toMatch(new RegExp(`^${inner.length - LINK_LIMIT} more`));
	});
});
