/** A random source: each call returns a number in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: a tiny seeded generator. Practice links promise every student of a class the
 * same problem for the same seed, so nothing here may depend on Math.random or the clock.
 */
export function mulberry32(seed: number): Rng {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Independent streams from one seed, so changing how one feature draws does not reshuffle another. */
export function streamOf(seed: number, purpose: string): Rng {
	let h = seed >>> 0;
	for (let i = 0; i < purpose.length; i++) h = Math.imul(h ^ purpose.charCodeAt(i), 0x01000193) >>> 0;
	return mulberry32(h);
}

/** An integer in [lo, hi], both ends included. */
export function randInt(rng: Rng, lo: number, hi: number): number {
	return lo + Math.floor(rng() * (hi - lo + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
	return items[Math.floor(rng() * items.length)];
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
	const out = items.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}
