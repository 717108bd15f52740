import type { ElkLike } from '../core/layout/run.ts';
import { runLayout } from '../core/layout/run.ts';
import type { ElkJsonNode } from '../core/layout/elk-input.ts';
import type { GraphLayout } from '../core/layout/types.ts';
import type { Trace } from '../core/trace/build.ts';

/**
 * ELK for the script-tag embed, fetched only when a graph is drawn: elk.bundled.js from beside
 * chainstep-element.js. It runs in a Web Worker made from a blob that `importScripts` it (a
 * worker from a blob works when the script sits on another origin, where `new Worker(url)` is
 * refused), so a layout never blocks the host page: ELK's first layout is a long task of
 * hundreds of ms. elk.bundled.js does not answer messages by itself in a worker (it runs ELK
 * in-thread), so the blob's few lines do: `{ id, graph }` in, `{ id, data | error }` out. Where no
 * worker can start (file:// pages, a CSP without blob: workers) it runs as a classic script on
 * the main thread, as before.
 */
type ElkCtor = new () => ElkLike;
let loading: Promise<ElkLike> | undefined;

interface Reply {
	id: number;
	data?: ElkJsonNode;
	error?: string;
}

/** The worker's whole program: load ELK beside the element, lay out what it is sent. */
const workerSource = (url: string) => `importScripts(${JSON.stringify(url)});
const elk = new ELK();
onmessage = (e) => elk.layout(e.data.graph).then(
	(data) => postMessage({ id: e.data.id, data }),
	(err) => postMessage({ id: e.data.id, error: String((err && err.message) || err) }));
// ELK's first layout compiles its code: a throwaway one now, while the page typesets the math.
elk.layout({ id: 'warm', children: [{ id: 'a', width: 9, height: 9 }, { id: 'b', width: 9, height: 9 }], edges: [{ id: 'e', sources: ['a'], targets: ['b'] }] }).catch(() => {});
postMessage({ id: -1 });`;

function workerElk(url: string): Promise<ElkLike> {
	return new Promise<ElkLike>((resolve, reject) => {
		let worker: Worker;
		let blobUrl = '';
		try {
			blobUrl = URL.createObjectURL(new Blob([workerSource(url)], { type: 'text/javascript' }));
			worker = new Worker(blobUrl);
		} catch (e) {
			if (blobUrl) URL.revokeObjectURL(blobUrl);
			reject(e);
			return;
		}
		let next = 0;
		const waiting = new Map<number, { ok: (v: ElkJsonNode) => void; fail: (e: unknown) => void }>();
		const layout = (graph: ElkJsonNode): Promise<ElkJsonNode> =>
			new Promise((ok, fail) => {
				const id = next++;
				waiting.set(id, { ok, fail });
				worker.postMessage({ id, graph });
			});
		worker.onmessage = (e: MessageEvent<Reply>) => {
			// -1: ELK is loaded and listening.
			if (e.data.id === -1) {
				URL.revokeObjectURL(blobUrl);
				resolve({ layout });
				return;
			}
			const w = waiting.get(e.data.id);
			if (!w) return;
			waiting.delete(e.data.id);
			if (e.data.error !== undefined || !e.data.data) w.fail(new Error(`ELK: ${e.data.error}`));
			else w.ok(e.data.data);
		};
		// importScripts failing (a network error, file://) surfaces here, before any reply.
		worker.onerror = (e) => {
			e.preventDefault();
			worker.terminate();
			for (const w of waiting.values()) w.fail(new Error(`ELK worker failed: ${e.message || url}`));
			waiting.clear();
			reject(new Error(`ELK worker failed: ${e.message || url}`));
		};
	});
}

function scriptElk(url: string): Promise<ElkLike> {
	return new Promise<ElkLike>((resolve, reject) => {
		const existing = (globalThis as { ELK?: ElkCtor }).ELK;
		if (existing) return resolve(new existing());
		const script = document.createElement('script');
		script.src = url;
		script.onload = () => {
			const Ctor = (globalThis as { ELK?: ElkCtor }).ELK;
			if (Ctor) resolve(new Ctor());
			else reject(new Error('elk.bundled.js loaded but defined no ELK'));
		};
		script.onerror = () => reject(new Error(`could not load ${script.src}`));
		document.head.append(script);
	});
}

function loadElk(base: string): Promise<ElkLike> {
	const url = new URL('elk.bundled.js', base).href;
	const canWorker = typeof Worker !== 'undefined' && !url.startsWith('file:');
	loading ??= (canWorker ? workerElk(url) : Promise.reject(new Error('no worker')))
		.catch(() => scriptElk(url))
		.catch((e: unknown) => {
			loading = undefined;
			throw e;
		});
	return loading;
}

export async function layoutTraceFrom(base: string, trace: Trace, collapsed: ReadonlySet<number>): Promise<GraphLayout> {
	return runLayout(await loadElk(base), trace, collapsed);
}
