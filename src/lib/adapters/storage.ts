/**
 * The browser's Web Storage, and nothing else: practice records, the theme and programs too
 * long for a link stay on this machine. Storage can be missing (prerendering), full, or
 * refused (site data blocked: even reading `window.localStorage` throws a SecurityError), so
 * every access here degrades to "nothing stored" instead of throwing into the page. No other
 * module touches localStorage or sessionStorage.
 */
export interface Stored<T> {
	load(): T;
	save(value: T): void;
	clear(): void;
}

/** `local`: kept across visits; `session`: this tab only, kept across a reload. */
export type Area = 'local' | 'session';

function storage(area: Area): Storage | undefined {
	try {
		if (area === 'local') return typeof localStorage === 'undefined' ? undefined : localStorage;
		return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
	} catch {
		return undefined;
	}
}

/** The text under a key; undefined when absent or when storage cannot be read. */
export function readStored(key: string, area: Area = 'local'): string | undefined {
	try {
		return storage(area)?.getItem(key) ?? undefined;
	} catch {
		return undefined;
	}
}

/** True when the text was stored; false when storage is missing, full or refused. */
export function writeStored(key: string, value: string, area: Area = 'local'): boolean {
	try {
		const s = storage(area);
		if (!s) return false;
		s.setItem(key, value);
		return true;
	} catch {
		return false;
	}
}

export function removeStored(key: string, area: Area = 'local'): void {
	try {
		storage(area)?.removeItem(key);
	} catch {
		// Refused: there is nothing we could have removed.
	}
}

/** A JSON value under one key; `parse` validates what comes back, since anyone can edit it. */
export function stored<T>(key: string, parse: (x: unknown) => T, area: Area = 'local'): Stored<T> {
	return {
		load() {
			const raw = readStored(key, area);
			if (!raw) return parse(undefined);
			try {
				return parse(JSON.parse(raw));
			} catch {
				return parse(undefined);
			}
		},
		// Full or refused: the value lives on for this page only.
		save: (value) => void writeStored(key, JSON.stringify(value), area),
		clear: () => removeStored(key, area)
	};
}
