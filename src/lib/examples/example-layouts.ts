import { layoutTrace } from '../adapters/elk-node.ts';
import { defaultCollapsed } from '../core/layout/elk-input.ts';
import type { GraphLayout } from '../core/layout/types.ts';
import { run } from '../core/program.ts';
import type { GateMode } from '../core/graph/gates.ts';
import type { Granularity } from '../core/trace/steps.ts';
import { LayoutCache } from '../state/layout-cache.ts';
import { EXAMPLES } from './examples.ts';

const GRANULARITIES: readonly Granularity[] = ['scalar', 'group'];
const GATES: readonly GateMode[] = ['one', 'expanded'];

/**
 * The layout each built-in example opens with, by LayoutCache.key: every granularity and gate
 * mode's default folding (duplicates made once). Computed in Node at build time
 * (layouts-plugin.ts) and seeded into the page's cache, so an example's graph paints with no ELK.
 */
export async function exampleLayouts(): Promise<Record<string, GraphLayout>> {
	const out: Record<string, GraphLayout> = {};
	for (const ex of EXAMPLES)
		for (const gates of GATES) {
			const r = run(ex.program, { gates });
			if (!r.ok) continue;
			for (const g of GRANULARITIES) {
				const collapsed = defaultCollapsed(r.trace, g);
				const key = LayoutCache.key(r.trace, collapsed);
				if (!out[key]) out[key] = await layoutTrace(r.trace, collapsed);
			}
		}
	return out;
}
