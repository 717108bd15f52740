import { run } from '../core/program.ts';
import { packRun } from '../core/run-packed.ts';
import { buffersOf, type RunReply, type RunRequest } from './run-messages.ts';

/**
 * The run of a long program, off the page's main thread: parse, graph, forward and backward
 * take seconds for a 100,000-element vector, and the page must keep echoing keys meanwhile.
 */
const scope = self as unknown as {
	onmessage: ((e: MessageEvent<RunRequest>) => void) | null;
	postMessage(message: RunReply, transfer: Transferable[]): void;
};

scope.onmessage = (e) => {
	const { id, text, gates } = e.data;
	let reply: RunReply;
	try {
		reply = { id, kind: 'done', packed: packRun(run(text, { gates })) };
	} catch (err) {
		reply = { id, kind: 'failed', message: err instanceof Error ? err.message : String(err) };
	}
	scope.postMessage(reply, reply.kind === 'done' ? buffersOf(reply.packed) : []);
};
