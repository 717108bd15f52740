import type { ElkJsonNode, LayoutPlan } from './elk-input.ts';
import type { GraphLayout, LayoutEdge, LayoutNode, Point } from './types.ts';

const finite = (x: number | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);

/** ELK's answer (the input graph with coordinates filled in) → our GraphLayout. */
export function fromElk(plan: LayoutPlan, out: ElkJsonNode): GraphLayout {
	const nodes: LayoutNode[] = [];
	for (const c of out.children ?? []) {
		const target = plan.targets[c.id];
		if (!target) continue;
		nodes.push({ id: c.id, target, x: finite(c.x), y: finite(c.y), width: finite(c.width), height: finite(c.height) });
	}
	const edges: LayoutEdge[] = [];
	for (const e of out.edges ?? []) {
		const p = plan.edges[e.id];
		const from = p && plan.targets[p.from];
		const to = p && plan.targets[p.to];
		if (!p || !from || !to) continue;
		const points: Point[] = [];
		for (const s of e.sections ?? []) {
			points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
		}
		edges.push({ id: e.id, from, to, points: points.map((q) => ({ x: finite(q.x), y: finite(q.y) })), edges: p.edges });
	}
	return { width: finite(out.width), height: finite(out.height), nodes, edges, collapsed: plan.collapsed, capped: plan.capped };
}
