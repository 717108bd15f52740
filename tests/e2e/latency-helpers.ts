import type { Page } from '@playwright/test';

// Main-thread timing in the page, shared by the latency specs (run one at a time: see playwright.config.ts).

/** A vector literal of `n` elements, as a student would paste one. */
export const vec = (n: number): string => `[${Array.from({ length: n }, (_, i) => ((i % 10) + 1) / 10).join(', ')}]`;

/** Records the page's long tasks (over 50 ms) from the start. */
export async function watchLongTasks(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const w = window as unknown as { __long: [number, number][] };
		w.__long = [];
		new PerformanceObserver((l) => {
			for (const e of l.getEntries()) w.__long.push([e.startTime, e.duration]);
		}).observe({ type: 'longtask', buffered: true });
	});
}

/** The longest task since the last call, in ms. */
export async function takeLongest(page: Page): Promise<number> {
	return page.evaluate(() => {
		const w = window as unknown as { __long: [number, number][] };
		const max = Math.max(0, ...w.__long.map((l) => l[1]));
		w.__long = [];
		return Math.round(max);
	});
}

/** Waits until the main thread has been free of long tasks for `quiet` ms. */
export async function settle(page: Page, quiet = 600): Promise<void> {
	await page.waitForFunction(
		(q) => {
			const w = window as unknown as { __long: [number, number][] };
			const last = w.__long.reduce((m, l) => Math.max(m, l[0] + l[1]), 0);
			return performance.now() - last > q;
		},
		quiet,
		{ timeout: 45_000, polling: 100 }
	);
}

/** Puts `program` into the editor in one input event, as a paste does. */
export async function paste(page: Page, program: string): Promise<void> {
	await page.getByTestId('program').evaluate((ta: HTMLTextAreaElement, p: string) => {
		ta.value = p;
		ta.dispatchEvent(new Event('input', { bubbles: true }));
	}, program);
}

export interface KeyTimes {
	/** Key → next animation frame, per key, in ms. */
	readonly times: number[];
	/** Whether the "running" notice was up when each key went down. */
	readonly runningAtKey: boolean[];
}

/** Types `keys` at the end of the textarea `selector`, `gap` ms apart, timing each from keydown to the next frame. */
export async function timeKeys(page: Page, keys: readonly string[], gap: number, selector = '[data-testid=program]'): Promise<KeyTimes> {
	await page.evaluate((sel) => {
		const ta = document.querySelector<HTMLTextAreaElement>(sel)!;
		ta.focus();
		ta.setSelectionRange(ta.value.length, ta.value.length);
		const w = window as unknown as { __echo: number[]; __runningAtKey: boolean[] };
		w.__echo = [];
		w.__runningAtKey = [];
		ta.addEventListener('keydown', (e) => {
			const t = e.timeStamp;
			w.__runningAtKey.push(document.querySelector('[data-testid=running]') !== null);
			requestAnimationFrame(() => w.__echo.push(performance.now() - t));
		});
	}, selector);
	for (const k of keys) {
		await page.keyboard.press(k);
		await page.waitForTimeout(gap);
	}
	return page.evaluate(() => {
		const w = window as unknown as { __echo: number[]; __runningAtKey: boolean[] };
		return { times: w.__echo.map(Math.round), runningAtKey: w.__runningAtKey };
	});
}

/**
 * The same keys typed into a bare textarea holding the same text, in a page of its own:
 * Chromium's own cost for text this long, which the app can only avoid adding to.
 */
export async function bareEcho(page: Page, text: string, keys: readonly string[], gap: number): Promise<number[]> {
	const bare = await page.context().newPage();
	try {
		await bare.setContent('<textarea wrap="off" style="width: 40em; height: 20em; font: 14px monospace; white-space: pre" spellcheck="false"></textarea>');
		await bare.locator('textarea').evaluate((ta: HTMLTextAreaElement, t: string) => {
			ta.value = t;
		}, text);
		await bare.waitForTimeout(300);
		return (await timeKeys(bare, keys, gap, 'textarea')).times;
	} finally {
		await bare.close();
	}
}

export const median = (xs: readonly number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * What the page may add to Chromium's own key → frame time, per key and at the median, on a
 * shared 2-core machine. A 400 KB line measures 35–70 ms a key against the bare textarea's
 * 10–40 (the link of a changed program is compressed at once, so no edit is lost); running the
 * program or colouring every token on a key, as before, cost seconds.
 */
export const ADDED_ECHO_MS = 150;
export const ADDED_ECHO_MEDIAN_MS = 80;

/** Fails unless every key was echoed within ADDED_ECHO_MS of the bare textarea's slowest, and the median within ADDED_ECHO_MEDIAN_MS of its median. */
export function echoBound(bare: readonly number[]): { readonly each: number; readonly median: number } {
	return { each: Math.max(0, ...bare) + ADDED_ECHO_MS, median: median(bare) + ADDED_ECHO_MEDIAN_MS };
}
