import type { Trace } from '../trace/build.ts';
import { elkInput, type ElkJsonNode } from './elk-input.ts';
import { fromElk } from './elk-output.ts';
import type { GraphLayout } from './types.ts';

/** The one ELK method chainstep uses; each adapter supplies it from its own ELK build. */
export interface ElkLike {
	layout(graph: ElkJsonNode): Promise<ElkJsonNode>;
}

/**
 * Trace → ELK → our layout. elkInput builds a fresh object each call, so the object ELK
 * writes coordinates into is never one we keep.
 */
export async function runLayout(elk: ElkLike, trace: Trace, collapsed: ReadonlySet<number>): Promise<GraphLayout> {
	const { graph, plan } = elkInput(trace, collapsed);
	return fromElk(plan, await elk.layout(graph));
}
