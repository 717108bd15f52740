import { describe, expect, it } from 'vitest';
import { PAUSE_MS, UrlSync, type HistoryMode } from '../../../src/lib/state/url-sync';
import type { ViewParams } from '../../../src/lib/core/share/url';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A view whose meaningful part is its program; the step alone is not meaningful. */
function view(program: string, step = 0): { meaningful: string; params: ViewParams } {
	return { meaningful: program, params: { program, step, granularity: 'scalar' } };
}

function harness() {
	const writes: [string, HistoryMode][] = [];
	const sync = new UrlSync();
	sync.connect((url, mode) => writes.push([url, mode]), 'http://h/');
	sync.reset('?example=add-mul', 'start');
	return { sync, writes };
}

describe('the address bar follows the view without a trailing delay', () => {
	it('an edit is in the URL as soon as its link is computed, one entry per burst', async () => {
		const { sync, writes } = harness();
		sync.change(view('a = 1\n'));
		await sync.flush();
		expect(writes.map((w) => w[1])).toEqual(['push']);
		sync.change(view('a = 12\n'));
		await sync.flush();
		// Still the same burst of typing: the entry is replaced, not added.
		expect(writes.map((w) => w[1])).toEqual(['push', 'replace']);
		await sleep(PAUSE_MS + 50);
		sync.change(view('a = 123\n'));
		await sync.flush();
		expect(writes.map((w) => w[1])).toEqual(['push', 'replace', 'push']);
	});

	it('a pause counts in time, even when the page was too busy to run a timer during it', async () => {
		const { sync, writes } = harness();
		sync.change(view('a = 1\n'));
		await sync.flush();
		// A long task (a big run arriving) holds the page past the pause: no timer runs meanwhile.
		const until = performance.now() + PAUSE_MS + 50;
		while (performance.now() < until);
		sync.change(view('a = 12\n'));
		await sync.flush();
		expect(writes.map((w) => w[1])).toEqual(['push', 'push']);
	});

	it('without any flush, the write lands within the write gap (no 400 ms wait)', async () => {
		const { sync, writes } = harness();
		sync.change(view('a = 1\n'));
		await sleep(60);
		expect(writes).toHaveLength(1);
	});

	it('a step change replaces; an example switch right after an edit gets its own entry', async () => {
		const { sync, writes } = harness();
		sync.change(view('a = 1\n'));
		await sync.flush();
		sync.change(view('a = 1\n', 1));
		await sync.flush();
		sync.endPause();
		sync.change(view('b = 2\n'));
		await sync.flush();
		expect(writes.map((w) => w[1])).toEqual(['push', 'replace', 'push']);
	});

	it('flushNow writes what is computed at once, synchronously', async () => {
		const { sync, writes } = harness();
		sync.change(view('a = 1\n'));
		await sync.flush();
		// The next write waits out the write gap; leaving the page cannot wait.
		sync.change(view('a = 12\n'));
		await sleep(20);
		expect(writes.length).toBe(1);
		sync.flushNow();
		expect(writes.length).toBe(2);
	});

	it('a held address (an unreadable link) is left alone until the view changes', async () => {
		const writes: [string, HistoryMode][] = [];
		const sync = new UrlSync();
		sync.connect((url, mode) => writes.push([url, mode]), 'http://h/');
		sync.reset('?p=!!!', view('').meaningful, { hold: true });
		sync.change(view(''));
		await sync.flush();
		await sleep(150);
		expect(writes).toEqual([]);
		sync.change(view('x = 1\n'));
		await sync.flush();
		// A new entry: Back still reaches the link as it was given.
		expect(writes.map((w) => w[1])).toEqual(['push']);
	});

	it('a reset (Back) drops a link computed for the view before it', async () => {
		const { sync, writes } = harness();
		sync.change(view('a = 1\n'));
		sync.reset('?example=fan-out', 'other');
		await sleep(150);
		expect(writes).toEqual([]);
	});
});
