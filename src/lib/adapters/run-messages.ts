import type { GateMode } from '../core/graph/gates.ts';
import type { PackedRun } from '../core/run-packed.ts';

/** The page asks the run worker to run one text. */
export interface RunRequest {
	readonly id: number;
	readonly text: string;
	readonly gates: GateMode;
}

/** The worker's answer: the run as records, or why it could not run at all (a bug, never a program error). */
export type RunReply = { readonly id: number; readonly kind: 'done'; readonly packed: PackedRun } | { readonly id: number; readonly kind: 'failed'; readonly message: string };

/** Every typed array's buffer in the message, so it moves to the page instead of being copied. */
export function buffersOf(value: unknown, out: Set<ArrayBuffer> = new Set()): ArrayBuffer[] {
	const stack: unknown[] = [value];
	while (stack.length > 0) {
		const v = stack.pop();
		if (v === null || typeof v !== 'object') continue;
		if (ArrayBuffer.isView(v)) {
			if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
		} else if (Array.isArray(v)) {
			// Columns of values (strings, a graph's own arrays) hold no records: only the packed structure is walked.
			if (v.length < 64) for (const x of v) stack.push(x);
		} else for (const x of Object.values(v)) stack.push(x);
	}
	return [...out];
}
