import { assertNever } from '$lib/core/language/ast';
import type { Phase } from '$lib/core/view/navigate';

/** The methods a host may call, by postMessage (iframe) or on the element. */
export const CONTROL_METHODS = ['next', 'prev', 'first', 'last', 'goto', 'play', 'pause', 'getState'] as const;
export type ControlMethod = (typeof CONTROL_METHODS)[number];

/** What the host is told: 1-based step of total; `none` when the program has no steps (an error). */
export interface StepState {
	readonly step: number;
	readonly total: number;
	readonly phase: Phase | 'none';
}

export type Command = { readonly method: Exclude<ControlMethod, 'goto'> } | { readonly method: 'goto'; readonly k: number };

/** The part of CursorState the API drives (kept narrow so the API is testable without Svelte). */
export interface Steppable {
	readonly k: number;
	readonly n: number;
	readonly phase: Phase;
	next(): void;
	prev(): void;
	first(): void;
	last(): void;
	go(k: number): void;
	play(): void;
	pause(): void;
}

/**
 * A message from a host page, `{ type: 'chainstep', method, args }`. Anything else, including
 * our own events and other libraries' messages, is ignored: the data is untrusted.
 */
export function parseCommand(data: unknown): Command | undefined {
	if (typeof data !== 'object' || data === null) return undefined;
	const d = data as Record<string, unknown>;
	if (d.type !== 'chainstep' || typeof d.method !== 'string') return undefined;
	const method = CONTROL_METHODS.find((m) => m === d.method);
	if (method === undefined) return undefined;
	if (method !== 'goto') return { method };
	const k = Array.isArray(d.args) ? d.args[0] : undefined;
	return typeof k === 'number' && Number.isFinite(k) ? { method, k } : undefined;
}

/** Runs a command; `getState` moves nothing (the caller answers with the state). */
export function applyCommand(cursor: Steppable, cmd: Command): void {
	switch (cmd.method) {
		case 'next':
			return cursor.next();
		case 'prev':
			return cursor.prev();
		case 'first':
			return cursor.first();
		case 'last':
			return cursor.last();
		case 'goto':
			// The API is 1-based like the URL's `step=`.
			return cursor.go(cmd.k - 1);
		case 'play':
			return cursor.play();
		case 'pause':
			return cursor.pause();
		case 'getState':
			return;
		default:
			return assertNever(cmd);
	}
}

export function stateOf(cursor: Steppable): StepState {
	return cursor.n === 0 ? { step: 0, total: 0, phase: 'none' } : { step: cursor.k + 1, total: cursor.n, phase: cursor.phase };
}

/**
 * The `origin` setting: a comma-separated list of origins whose messages are obeyed
 * (`https://lms.example.edu`); empty or absent means any origin, like the height message.
 */
export function parseOrigins(s: string | null): readonly string[] {
	if (s === null) return [];
	return s
		.split(/[\s,]+/)
		.map((o) => o.trim().replace(/\/+$/, ''))
		.filter((o) => o !== '' && o !== '*');
}

export function originAllowed(allowed: readonly string[], origin: string): boolean {
	return allowed.length === 0 || allowed.includes(origin);
}
