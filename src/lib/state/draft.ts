import { readStored, removeStored, writeStored } from '$lib/adapters/storage';

/**
 * The view at the moment the page was left, for this tab. A reload reloads the address as it
 * was when the reload began, before the page could write its last edits into it, so those
 * edits are kept here (session storage: this tab, across a reload) and taken back on load.
 */
const KEY = 'chainstep:draft';
/** A reload comes back within seconds; an older draft belongs to some other visit. */
const MAX_AGE_MS = 30_000;

export interface Draft {
	/** The view's link as last computed (its program may lag the text by a keystroke). */
	readonly query: string;
	/** The program text at leaving, when it is not an unchanged example. */
	readonly program?: string;
}

/** `from`: the address bar's queries when the page was left: only a reload of one of them takes the draft. */
export function saveDraft(from: readonly string[], d: Draft, now = Date.now()): void {
	writeStored(KEY, JSON.stringify({ from, at: now, query: d.query, program: d.program }), 'session');
}

/** The draft left by the page at `search`, removed once taken (or found stale). */
export function takeDraft(search: string, now = Date.now()): Draft | undefined {
	const raw = readStored(KEY, 'session');
	if (raw === undefined) return undefined;
	removeStored(KEY, 'session');
	try {
		const x: unknown = JSON.parse(raw);
		if (typeof x !== 'object' || x === null) return undefined;
		const { from, at, query, program } = x as Record<string, unknown>;
		if (!Array.isArray(from) || !from.includes(search) || typeof at !== 'number' || now - at > MAX_AGE_MS || now < at || typeof query !== 'string') return undefined;
		return typeof program === 'string' ? { query, program } : { query };
	} catch {
		return undefined;
	}
}
