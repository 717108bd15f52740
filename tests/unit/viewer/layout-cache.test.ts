import { describe, expect, it } from 'vitest';
import type { GraphLayout } from '../../../src/lib/core/layout/types';
import { run } from '../../../src/lib/core/program';
import type { Trace } from '../../../src/lib/core/trace/build';
import { LayoutCache } from '../../../src/lib/state/layout-cache';

const traceOf = (src: string): Trace => {
	const r = run(src);
	if (!r.ok) throw new Error('program failed');
	return r.trace;
};
const fake = (n: number) => ({ width: n }) as unknown as GraphLayout;

describe('the one layout cache', () => {
	it('a leaf edit keeps the key; a new structure or folding changes it', () => {
		const a = LayoutCache.key(traceOf('x = 2\ny = 3\nf = x*y\n'), new Set());
		expect(LayoutCache.key(traceOf('x = 7\ny = -1\nf = x*y\n'), new Set())).toBe(a);
		expect(LayoutCache.key(traceOf('x = 2\ny = 3\nf = x+y\n'), new Set())).not.toBe(a);
		expect(LayoutCache.key(traceOf('x = 2\ny = 3\nf = x*y\n'), new Set([2]))).not.toBe(a);
		expect(LayoutCache.key(traceOf('x = 2\ny = 3\nf = x*y\n'), new Set([2, 0]))).toBe(LayoutCache.key(traceOf('x = 2\ny = 3\nf = x*y\n'), new Set([0, 2])));
	});

	it('makes a layout once, even when asked twice while it is being made', async () => {
		const cache = new LayoutCache();
		let made = 0;
		const make = async () => (made++, fake(1));
		const [p, q] = [cache.get('k', make), cache.get('k', make)];
		expect(await p).toBe(await q);
		expect(await cache.get('k', make)).toBe(await p);
		expect(made).toBe(1);
		expect(cache.peek('k')).toBe(await p);
	});

	it('does not keep a failure, and drops the oldest past its limit', async () => {
		const cache = new LayoutCache(2);
		await expect(cache.get('bad', () => Promise.reject(new Error('elk')))).rejects.toThrow('elk');
		expect(await cache.get('bad', async () => fake(2))).toEqual(fake(2));
		await cache.get('b', async () => fake(3));
		await cache.get('c', async () => fake(4));
		expect(cache.peek('bad')).toBeUndefined();
		expect(cache.peek('b')).toEqual(fake(3));
		expect(cache.peek('c')).toEqual(fake(4));
	});
});
