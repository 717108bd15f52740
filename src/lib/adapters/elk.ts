import type { Trace } from '../core/trace/build.ts';
import { elkInput, type ElkJsonNode } from '../core/layout/elk-input.ts';
import { fromElk } from '../core/layout/elk-output.ts';
import type { GraphLayout } from '../core/layout/types.ts';

/**
 * ELK in a Web Worker, for the browser. Loaded on first use (dynamic import), so the first
 * page view does not pay the ~430 KB gzip of the worker (TOOLCHAIN.md), and layouts never
 * block the main thread.
 */
interface ElkApi {
	layout(graph: ElkJsonNode): Promise<ElkJsonNode>;
}

let elk: Promise<ElkApi> | undefined;

function loadElk(): Promise<ElkApi> {
	elk ??= Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?worker')]).then(
		([api, worker]) => {
			const Worker = worker.default;
			return new api.default({ workerFactory: () => new Worker() }) as unknown as ElkApi;
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
	// elkInput builds a fresh object each call and postMessage clones it again, so the
	// object ELK mutates is never one we keep.
	const { graph, plan } = elkInput(trace, collapsed);
	const made = loadElk()
		.then((api) => api.layout(graph))
		.then((out) => fromElk(plan, out));
	made.catch(() => cache.delete(key));
	if (cache.size >= LIMIT) cache.delete(cache.keys().next().value as string);
	cache.set(key, made);
	return made;
}
