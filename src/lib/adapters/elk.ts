import { assets } from '$app/paths';
import ElkApi from 'elkjs/lib/elk-api.js';
import { ELK_WARM_ID, ELK_WORKER_FILE } from './elk-worker-file.ts';
import type { Trace } from '../core/trace/build.ts';
import { runLayout, type ElkLike } from '../core/layout/run.ts';
import type { GraphLayout } from '../core/layout/types.ts';

/**
 * ELK in a Web Worker, for the browser: layouts never block the main thread. The page's
 * LayoutCache (state/layout-cache.ts) is the one cache; this file only owns the worker.
 * The worker is started by an inline script in src/app.html, so its ~430 KB gzip download
 * and compile run beside the app's own JS (started from the page's modules, which run
 * ~350 ms after navigation, it was ready ~800 ms after); this module takes that worker, or
 * starts one where the script could not. The client hooks import this module with the app's
 * entry and start the worker; elk-api is small, ELK itself is only in the worker.
 */
let elk: ElkLike | undefined;
/** How many layouts were asked of ELK: read by tests to tell a cache hit from a relayout. */
let calls = 0;

function loadElk(): ElkLike {
	elk ??= new ElkApi({ workerFactory: startWorker }) as unknown as ElkLike;
	return elk;
}

/** The worker src/app.html started, if it could start one; taken once, by the one ELK. */
function takeStartedWorker(): Worker | undefined {
	const w = window as { __chainstepElkWorker?: Worker };
	const started = w.__chainstepElkWorker;
	delete w.__chainstepElkWorker;
	return started;
}

/** Set when the worker has answered its own warm-up (elkSelfWarm): read by the bench. */
export const ELK_WARM_MARK = 'chainstep:elk-warm';

/**
 * Start ELK's worker now, so its code loads and warms itself up (elkSelfWarm) while the page
 * is still typesetting the first step: the real graph's layout then costs what a warm one does.
 */
export function warmElk(): void {
	loadElk();
}

function startWorker(): Worker {
	const started = takeStartedWorker();
	if (started) return started;
	// src/app.html marks the warm-up of the worker it starts; this one is marked here.
	const worker = new Worker(`${assets}/${ELK_WORKER_FILE}`);
	worker.addEventListener('message', (e: MessageEvent<{ id?: unknown; data?: unknown }>) => {
		if (e.data?.id === ELK_WARM_ID && e.data.data) performance.mark(ELK_WARM_MARK);
	});
	return worker;
}

export function layoutTrace(trace: Trace, collapsed: ReadonlySet<number>): Promise<GraphLayout> {
	calls++;
	if (typeof window !== 'undefined') (window as { __chainstepElkCalls?: number }).__chainstepElkCalls = calls;
	return runLayout(loadElk(), trace, collapsed);
}
