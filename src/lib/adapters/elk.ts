import type { Trace } from '../core/trace/build.ts';
import { runLayout, type ElkLike } from '../core/layout/run.ts';
import type { GraphLayout } from '../core/layout/types.ts';

/**
 * ELK in a Web Worker, for the browser: layouts never block the main thread. The page's
 * LayoutCache (state/layout-cache.ts) is the one cache; this file only owns the worker.
 * This module is its own chunk, imported by state/layout.svelte.ts as soon as the page's JS
 * runs, so the worker's ~430 KB gzip download and compile overlap the first step's math.
 */
let elk: Promise<ElkLike> | undefined;
/** How many layouts were asked of ELK: read by tests to tell a cache hit from a relayout. */
let calls = 0;

function loadElk(): Promise<ElkLike> {
	elk ??= Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?worker')]).then(
		([api, worker]) => {
			const Worker = worker.default;
			return new api.default({ workerFactory: () => new Worker() }) as unknown as ElkLike;
		},
		(e: unknown) => {
			// Let a later call try again (e.g. after a flaky chunk load).
			elk = undefined;
			throw e;
		}
	);
	return elk;
}

let warming: Promise<void> | undefined;
/** Set when the worker has answered its warm-up layout: read by the bench. */
export const ELK_WARM_MARK = 'chainstep:elk-warm';

/**
 * Start the worker and lay out a two-node graph in it. ELK's first layout in a fresh worker pays
 * for compiling its code (hundreds of ms); paid here, while the page is still typesetting the
 * first step, the real graph's layout then costs what a warm one does.
 */
export function warmElk(): Promise<void> {
	warming ??= loadElk()
		.then((api) =>
			api.layout({
				id: 'warm',
				layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.edgeRouting': 'ORTHOGONAL' },
				children: [
					{ id: 'a', width: 40, height: 30 },
					{ id: 'b', width: 40, height: 30 }
				],
				edges: [{ id: 'e', sources: ['a'], targets: ['b'] }]
			})
		)
		.then(
			() => void performance.mark(ELK_WARM_MARK),
			() => {
				// A failed warm-up is not an error: the real layout tries again and reports.
				warming = undefined;
			}
		);
	return warming;
}

export function layoutTrace(trace: Trace, collapsed: ReadonlySet<number>): Promise<GraphLayout> {
	calls++;
	if (typeof window !== 'undefined') (window as { __chainstepElkCalls?: number }).__chainstepElkCalls = calls;
	return loadElk().then((api) => runLayout(api, trace, collapsed));
}
