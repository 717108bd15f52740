import { afterEach, describe, expect, it, vi } from 'vitest';
import { readStored, removeStored, stored, writeStored } from '../../../src/lib/adapters/storage';
import { compressText, MAX_PROGRAM_CHARS } from '../../../src/lib/core/share/compress';
import { saveDraft, takeDraft } from '../../../src/lib/state/draft';
import { KEPT_KEY, MAX_URL_CHARS, readLink, writeLink } from '../../../src/lib/state/link';

/** A Map-backed Storage, as a browser with site data allowed has. */
function memoryStorage(): Storage {
	const m = new Map<string, string>();
	return {
		get length() {
			return m.size;
		},
		clear: () => m.clear(),
		getItem: (k) => m.get(k) ?? null,
		key: (i) => [...m.keys()][i] ?? null,
		removeItem: (k) => void m.delete(k),
		setItem: (k, v) => void m.set(k, String(v))
	};
}

/** Site data blocked: even reading window.localStorage throws a SecurityError. */
function blockStorage(): void {
	for (const name of ['localStorage', 'sessionStorage'])
		Object.defineProperty(globalThis, name, {
			configurable: true,
			get() {
				throw new DOMException('The operation is insecure.', 'SecurityError');
			}
		});
}

function allowStorage(): void {
	Object.defineProperty(globalThis, 'localStorage', { configurable: true, value: memoryStorage() });
	Object.defineProperty(globalThis, 'sessionStorage', { configurable: true, value: memoryStorage() });
}

afterEach(() => {
	for (const name of ['localStorage', 'sessionStorage']) delete (globalThis as Record<string, unknown>)[name];
	vi.restoreAllMocks();
});

/** Random-looking numbers do not compress: 3,000 of them make a link of well over 8,000 characters. */
function bigProgram(): string {
	let seed = 7;
	const xs = Array.from({ length: 3000 }, () => ((seed = (seed * 48271) % 2147483647) / 2147483647).toFixed(6));
	return `x = [${xs.join(', ')}]\nf = sum(x)\n`;
}
const BASE = 'http://127.0.0.1:4173/';

describe('storage never throws', () => {
	it('blocked: reads nothing, writes report failure', () => {
		blockStorage();
		expect(readStored('k')).toBeUndefined();
		expect(writeStored('k', 'v')).toBe(false);
		expect(() => removeStored('k')).not.toThrow();
		expect(readStored('k', 'session')).toBeUndefined();
		const s = stored('k', (x) => (typeof x === 'number' ? x : 0));
		expect(s.load()).toBe(0);
		expect(() => s.save(3)).not.toThrow();
	});
	it('full: a write that throws reports failure', () => {
		allowStorage();
		vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
			throw new DOMException('full', 'QuotaExceededError');
		});
		expect(writeStored('k', 'v')).toBe(false);
	});
});

describe('links the page writes always open', () => {
	it('a short program travels in p=', async () => {
		allowStorage();
		const w = await writeLink({ program: 'x = 2\nf = x * 3\n', granularity: 'scalar' }, BASE);
		expect(w.fit).toBe('fits');
		expect(w.query).toMatch(/^\?p=[A-Za-z0-9_-]+$/);
		expect((await readLink(w.query)).params.program).toBe('x = 2\nf = x * 3\n');
	});
	it('a link over the server limit is never written: the program is kept in this browser', async () => {
		allowStorage();
		const program = bigProgram();
		expect(BASE.length + (await compressText(program)).length).toBeGreaterThan(MAX_URL_CHARS);
		const w = await writeLink({ program, step: 2, granularity: 'group' }, BASE);
		expect(w.fit).toBe('kept');
		expect(w.query).toBe('?kept=1&step=3&g=group');
		expect(readStored(KEPT_KEY)).toBe(program);
		const back = await readLink(w.query);
		expect(back.status).toBe('kept');
		expect(back.params.program).toBe(program);
		expect(back.params.step).toBe(2);
	});
	it('a program past the decoder limit is kept, though it compresses small', async () => {
		allowStorage();
		const program = 'x = 1\n'.repeat(Math.ceil(MAX_PROGRAM_CHARS / 6) + 1);
		expect((await compressText(program)).length).toBeLessThan(MAX_URL_CHARS);
		const w = await writeLink({ program, granularity: 'scalar' }, BASE);
		expect(w.fit).toBe('kept');
		expect((await readLink(w.query)).params.program).toBe(program);
	});
	it('storage blocked: the link says kept, and reading it says the program is elsewhere', async () => {
		blockStorage();
		const w = await writeLink({ program: bigProgram(), granularity: 'scalar' }, BASE);
		expect(w.fit).toBe('unkept');
		expect((await readLink(w.query)).status).toBe('kept-missing');
	});
});

describe('unreadable links are told apart from links without a program', () => {
	const cases: [string, () => Promise<string>][] = [
		['bad base64', async () => '!!!'],
		['truncated', async () => (await compressText('x = 2\nf = x * 3 + x * x\n'.repeat(20))).slice(0, 30)],
		['random bytes', async () => 'q8Jf0aZ9xY3mB7kLpW2eR5tU1vN4cH6g'],
		['too large', async () => compressText('a'.repeat(MAX_PROGRAM_CHARS * 4 + 10))]
	];
	it.each(cases)('%s', async (_what, make) => {
		const r = await readLink(`?p=${await make()}&step=2`);
		expect(r.status).toBe('unreadable');
		expect(r.params.program).toBeUndefined();
	});
	it('no p= at all is fine', async () => {
		expect((await readLink('?example=add-mul')).status).toBe('ok');
	});
});

describe('a draft keeps the edits a reload would lose', () => {
	it('taken back once, by a reload of the same address', () => {
		allowStorage();
		saveDraft(['?p=new', '?example=add-mul'], { query: '?p=abc', program: 'x = 1\n' }, 1000);
		expect(takeDraft('?example=add-mul', 2000)).toEqual({ query: '?p=abc', program: 'x = 1\n' });
		expect(takeDraft('?example=add-mul', 2000)).toBeUndefined();
	});
	it('not by another address, nor a minute later', () => {
		allowStorage();
		saveDraft(['?a'], { query: '?x' }, 0);
		expect(takeDraft('?b', 10)).toBeUndefined();
		saveDraft(['?a'], { query: '?x' }, 0);
		expect(takeDraft('?a', 61_000)).toBeUndefined();
	});
	it('storage blocked: nothing kept, nothing thrown', () => {
		blockStorage();
		expect(() => saveDraft(['?a'], { query: '?x' })).not.toThrow();
		expect(takeDraft('?a')).toBeUndefined();
	});
});
