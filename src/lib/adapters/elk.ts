import type { Trace } from '../core/trace/build.ts';
import { runLayout, type ElkLike } from '../core/layout/run.ts';
import type { GraphLayout } from '../core/layout/types.ts';

/**
 * ELK in a Web Worker, for the browser. Loaded on first use (dynamic import), so the first
 * page view does not pay the ~430 KB gzip of the worker (TOOLCHAIN.md), and layouts never
 * block the main thread.
 */
let elk: Promise<ElkLike> | undefined;

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

/** Layouts by program text and collapsed set; a few dozen is plenty for one reading session. */
const cache = new Map<string, Promise<GraphLayout>>();
const LIMIT = 32;

export function layoutKey(trace: Trace, collapsed: ReadonlySet<number>): string {
	return `${[...collapsed].sort((a, b) => a - b).join(',')}\u0000${trace.graph.source}`;
}

export function layoutTrace(trace: Trace, collapsed: ReadonlySet<number>): Promise<GraphLayout> {
	const key = layoutKey(trace, collapsed);
	const hit = cache.get(key);
	if (hit) return hit;
	const made = loadElk().then((api) => runLayout(api, trace, collapsed));
	made.catch(() => cache.delete(key));
	if (cache.size >= LIMIT) cache.delete(cache.keys().next().value as string);
	cache.set(key, made);
	return made;
}
