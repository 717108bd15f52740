import type { ViewParams } from '$lib/core/share/url';
import { writeLink, type ExtraParams, type LinkFit, type LinkWrite } from './link';

/** How the URL should record a change: a new history entry, or an update of the current one. */
export type HistoryMode = 'push' | 'replace';
export interface UrlWriter {
	(url: string, mode: HistoryMode): void;
}

/** The view to record: `meaningful` changes (program, options) get a history entry, the rest (step, camera) do not. */
export interface ViewNow {
	readonly meaningful: string;
	readonly params: ViewParams;
	/** The page's own parameters beside the view's (see writeLink). */
	readonly extra?: ExtraParams;
}

/** Meaningful changes closer together than this share one history entry: one per pause in typing. */
export const PAUSE_MS = 400;
/**
 * Writes are at most this often. Chromium ignores history updates past ~200 in 10 s, which a
 * held key would reach; 100 ms keeps well under that and loses at most 100 ms of a view on a
 * crash (leaving the page flushes at once).
 */
export const WRITE_GAP_MS = 100;
const RECENT_MS = 1000;

/**
 * Keeps the address bar on the view: each change is compressed at once and written within
 * WRITE_GAP_MS (no trailing delay that a reload, Back or a click on Present would cut short),
 * the first change after a pause as a new entry and the rest of the burst replacing it.
 */
export class UrlSync {
	#write: UrlWriter | undefined;
	#base = '';
	/** What the address bar holds. */
	#written = { meaningful: '', query: '' };
	/** The newest link computed for the view, not yet written. */
	#latest: (LinkWrite & { readonly meaningful: string }) | undefined;
	#computing: Promise<void> = Promise.resolve();
	#ticket = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#lastWrite = -Infinity;
	#pendingPush = false;
	/**
	 * A burst of meaningful changes (they replace the burst's entry) lasts until PAUSE_MS after its
	 * last write: a time compared when the next change comes, not a timer, which a busy page runs late.
	 */
	#burstUntil = -Infinity;
	/** The address bar holds a link that could not be read: left as it is until the reader changes the view. */
	#hold = false;
	/** Queries the address bar held in the last second, with when it stopped holding them. */
	#recent: { readonly query: string; readonly until: number }[] = [];

	constructor(private readonly onfit: (fit: LinkFit) => void = () => {}) {}

	/** `base`: the URL before its query (origin and path), counted toward the link limit. */
	connect(write: UrlWriter, base: string): void {
		this.#write = write;
		this.#base = base;
	}

	get connected(): boolean {
		return this.#write !== undefined;
	}

	/**
	 * A query was just applied (start, Back/Forward): the address bar holds `search` for view
	 * `meaningful`. Anything computed for the view before is dropped. `hold`: do not rewrite the
	 * address until the view changes; `push`: the view already differs from the link (text typed
	 * while it was decoding), so it gets an entry of its own.
	 */
	reset(search: string, meaningful: string, opts: { hold?: boolean; push?: boolean } = {}): void {
		this.#ticket++;
		this.#latest = undefined;
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#endBurst();
		this.#written = { meaningful: opts.push ? '' : meaningful, query: search.startsWith('?') || search === '' ? search : `?${search}` };
		this.#pendingPush = false;
		this.#hold = opts.hold ?? false;
	}

	/** The view changed (or may have): compute its link now, write it soon. */
	change(view: ViewNow): void {
		if (!this.#write) return;
		if (this.#hold) {
			if (view.meaningful === this.#written.meaningful) return;
			this.#hold = false;
		}
		if (view.meaningful !== this.#written.meaningful && performance.now() >= this.#burstUntil) this.#pendingPush = true;
		const ticket = ++this.#ticket;
		this.#computing = writeLink(view.params, this.#base, view.extra).then((w) => {
			if (ticket !== this.#ticket) return;
			this.#latest = { ...w, meaningful: view.meaningful };
			this.#schedule();
		});
	}

	/** Write what is computed now, synchronously (leaving the page, before an in-app navigation). */
	flushNow(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#writeLatest();
	}

	/** Write the newest view once its link is computed. */
	async flush(): Promise<void> {
		let seen: Promise<void>;
		do {
			seen = this.#computing;
			await seen;
		} while (seen !== this.#computing);
		this.flushNow();
	}

	/** The next meaningful change starts a new history entry (an example switch after an edit). */
	endPause(): void {
		this.flushNow();
		this.#endBurst();
	}

	/** The newest computed query (for a draft kept across a reload). */
	get latestQuery(): string {
		return this.#latest?.query ?? this.#written.query;
	}

	/**
	 * What the address bar held within the last second. A reload started before a write that
	 * lands before the page is left reloads the query before it, so the draft answers to both.
	 */
	recentQueries(now = performance.now()): string[] {
		return [this.#written.query, ...this.#recent.filter((r) => now - r.until < RECENT_MS).map((r) => r.query)];
	}

	#schedule(): void {
		if (this.#timer !== undefined) return;
		const wait = Math.max(0, this.#lastWrite + WRITE_GAP_MS - performance.now());
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			this.#writeLatest();
		}, wait);
	}

	#writeLatest(): void {
		const l = this.#latest;
		if (!l || !this.#write) return;
		this.#latest = undefined;
		this.onfit(l.fit);
		const meaningfulChanged = l.meaningful !== this.#written.meaningful;
		if (l.query === this.#written.query) {
			this.#pendingPush = false;
			this.#written = { meaningful: l.meaningful, query: l.query };
			return;
		}
		const mode: HistoryMode = this.#pendingPush ? 'push' : 'replace';
		this.#pendingPush = false;
		const now = performance.now();
		this.#recent = [{ query: this.#written.query, until: now }, ...this.#recent.filter((r) => now - r.until < RECENT_MS)].slice(0, 8);
		this.#written = { meaningful: l.meaningful, query: l.query };
		this.#lastWrite = now;
		if (meaningfulChanged) this.#burstUntil = now + PAUSE_MS;
		this.#write(l.query || '?', mode);
	}

	#endBurst(): void {
		this.#burstUntil = -Infinity;
	}
}

/**
 * Leaving the page (reload, a link, closing: `pagehide`) or hiding its tab writes the view at
 * once, on every page. `leave` defaults to `hide`. Returns the cleanup.
 */
export function flushWhenLeaving(hide: () => void, leave: () => void = hide): () => void {
	const onvisibility = () => {
		if (document.visibilityState === 'hidden') hide();
	};
	addEventListener('pagehide', leave);
	document.addEventListener('visibilitychange', onvisibility);
	return () => {
		removeEventListener('pagehide', leave);
		document.removeEventListener('visibilitychange', onvisibility);
	};
}
