/**
 * A read-only list whose items are made on first read and kept.
 *
 * A template receives every operand of its node (`TexArgs.a`), but reads few of them: a sum of
 * 10,000 inputs prints five (`list` elides the middle) and its local derivative reads none. Each
 * of the 10,000 backward steps of that sum builds the sum's operands again, so building them all
 * eagerly costs n² number formats; made on demand, each step costs what its template reads.
 */

/** Short lists stay plain arrays: nothing to save, and they read best in a debugger. */
export const LAZY_LIST_ABOVE = 8;

/** Operands made so far, over the whole process: a test reads it to show a step's cost is O(1), not O(n). */
let made = 0;
export function operandsMade(): number {
	return made;
}

const isIndex = (k: string | symbol): k is string => typeof k === 'string' && k.length > 0 && k.charCodeAt(0) >= 48 && k.charCodeAt(0) <= 57 && String(+k >>> 0) === k;

export function lazyList(n: number, at: (k: number) => string): readonly string[] {
	if (n <= LAZY_LIST_ABOVE) {
		made += n;
		return Array.from({ length: n }, (_, k) => at(k));
	}
	const cache = new Map<number, string>();
	const item = (k: number) => {
		let s = cache.get(k);
		if (s === undefined) {
			made++;
			s = at(k);
			cache.set(k, s);
		}
		return s;
	};
	// The target is an empty array so Array.isArray holds and every Array.prototype method
	// (slice, map, join, spread) works through these traps, reading only the indices it visits.
	return new Proxy<string[]>([], {
		get(target, key, receiver) {
			if (key === 'length') return n;
			if (isIndex(key)) {
				const k = +key;
				return k < n ? item(k) : undefined;
			}
			return Reflect.get(target, key, receiver);
		},
		has(target, key) {
			if (isIndex(key)) return +key < n;
			return Reflect.has(target, key);
		},
		set() {
			return false;
		}
	});
}
