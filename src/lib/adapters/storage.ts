/**
 * The browser's localStorage, and nothing else: practice records stay on this machine.
 * Storage can be missing (prerendering), full, or refused (private windows), so every call
 * degrades to "nothing stored" instead of throwing into the page.
 */
export interface Stored<T> {
	load(): T;
	save(value: T): void;
	clear(): void;
}

function storage(): Storage | undefined {
	try {
		return typeof localStorage === 'undefined' ? undefined : localStorage;
	} catch {
		return undefined;
	}
}

/** A JSON value under one key; `parse` validates what comes back, since anyone can edit it. */
export function stored<T>(key: string, parse: (x: unknown) => T): Stored<T> {
	return {
		load() {
			const raw = storage()?.getItem(key);
			if (!raw) return parse(undefined);
			try {
				return parse(JSON.parse(raw));
			} catch {
				return parse(undefined);
			}
		},
		save(value) {
			try {
				storage()?.setItem(key, JSON.stringify(value));
			} catch {
				// Full or refused: the score lives on for this page only.
			}
		},
		clear() {
			try {
				storage()?.removeItem(key);
			} catch {
				// As above.
			}
		}
	};
}
