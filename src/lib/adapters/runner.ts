import type { GateMode } from '../core/graph/gates.ts';
import { run, type RunResult } from '../core/program.ts';
import { unpackRunSliced, type PackedRun } from '../core/run-packed.ts';
import type { Sliced } from '../core/slices.ts';
import { warmSchedule } from '../core/trace/progress.ts';
import { warmStructureKey } from '../core/view/structure.ts';
import type { RunReply, RunRequest } from './run-messages.ts';

/** What `runOffThread` answers: the run, or `superseded` when a newer text was asked for first. */
export type RunAnswer = { readonly kind: 'done'; readonly result: RunResult } | { readonly kind: 'superseded' };

/** A performance mark made when a run comes back from the worker: tests read it to tell where a run happened. */
export const RUN_WORKER_MARK = 'chainstep:run-worker';

/** How long, in slices, the page took to take in a worker's run (records to graph, trace and names), as a performance measure. */
export const UNPACK_MEASURE = 'chainstep:unpack';

type WorkerClass = new () => Worker;

let workerClass: Promise<WorkerClass | undefined> | undefined;
let worker: Worker | undefined;
let waiting: { readonly id: number; readonly answer: (a: RunAnswer) => void; readonly fallback: () => void } | undefined;
let nextId = 0;

/** The worker's code is its own chunk, fetched on the first long program, not with the page. */
function loadWorker(): Promise<WorkerClass | undefined> {
	workerClass ??=
		typeof Worker === 'undefined'
			? Promise.resolve(undefined)
			: import('./run-worker.ts?worker').then(
					(m) => m.default as WorkerClass,
					() => undefined
				);
	return workerClass;
}

/**
 * The time one task gives to taking in a run, so a key pressed meanwhile is echoed soon. A task
 * can still run longer: reading the message itself, the passes that do not pause (consumers,
 * reachability) and garbage collection are not cut.
 */
const SLICE_MS = 30;

const nextTask = (): Promise<void> => new Promise((go) => setTimeout(go, 0));

/** Runs `work` in tasks of about SLICE_MS, giving up (undefined) once `wanted` turns false. */
async function inSlices<T>(work: Sliced<T>, wanted: () => boolean): Promise<T | undefined> {
	for (;;) {
		const end = performance.now() + SLICE_MS;
		let r = work.next();
		while (!r.done && performance.now() < end) r = work.next();
		// Drawing the result is a task of its own too, so a key pressed before it is echoed first.
		await nextTask();
		if (!wanted()) return undefined;
		if (r.done) return r.value;
	}
}

/**
 * The run as the page will show it: records back to objects, the trace, every node's name, and
 * the caches the first scene reads (the layout's key, both step schedules), all in slices: each
 * is a pass over the whole graph, a second together for 300,000 steps.
 */
function* takeIn(packed: PackedRun): Sliced<RunResult> {
	const result = yield* unpackRunSliced(packed, true);
	if (!result.ok) return result;
	yield* warmStructureKey(result.trace.graph);
	yield* warmSchedule(result.trace, 'scalar');
	yield* warmSchedule(result.trace, 'group');
	return result;
}

function onReply(e: MessageEvent<RunReply>): void {
	const w = waiting;
	if (!w || e.data.id !== w.id) return;
	waiting = undefined;
	if (e.data.kind === 'failed') return w.fallback();
	performance.mark(RUN_WORKER_MARK);
	inSlices(takeIn(e.data.packed), () => w.id === nextId).then(
		(result) => {
			performance.measure(UNPACK_MEASURE, RUN_WORKER_MARK);
			w.answer(result ? { kind: 'done', result } : { kind: 'superseded' });
		},
		// Records this side cannot read are a bug of ours: the text still runs, here, unless a newer one was asked for.
		() => (w.id === nextId ? w.fallback() : w.answer({ kind: 'superseded' }))
	);
}

function spawn(Cls: WorkerClass): Worker {
	const w = new Cls();
	w.onmessage = onReply;
	// A worker that cannot start (blocked by a policy, a failed chunk) must not leave the page waiting.
	w.onerror = () => {
		worker = undefined;
		waiting?.fallback();
		waiting = undefined;
	};
	return w;
}

/**
 * Runs `text` in a Web Worker. Only the newest text matters: asking again stops the run in
 * progress (its worker is ended, which frees the core at once) and the older ask answers
 * `superseded`. Where no worker can run, or the worker fails, the text runs here instead.
 */
export async function runOffThread(text: string, gates: GateMode): Promise<RunAnswer> {
	const id = ++nextId;
	if (waiting) {
		waiting.answer({ kind: 'superseded' });
		waiting = undefined;
		worker?.terminate();
		worker = undefined;
	}
	const Cls = await loadWorker();
	if (id !== nextId) return { kind: 'superseded' };
	const here = (): RunAnswer => ({ kind: 'done', result: run(text, { gates }) });
	if (!Cls) return here();
	return new Promise<RunAnswer>((answer) => {
		waiting = { id, answer, fallback: () => answer(here()) };
		worker ??= spawn(Cls);
		const request: RunRequest = { id, text, gates };
		worker.postMessage(request);
	});
}
