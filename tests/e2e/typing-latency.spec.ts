import { expect, test, type Page } from '@playwright/test';
import { compressText } from '../../src/lib/core/share/compress';

// Issue 11, "Freezes": the editor echoes a key within about a frame for big programs, and a
// hostile link opens without freezing the page. Figures are printed for the notes.

/** Key → next animation frame, measured in the page, for programs of the size below. */
const ECHO_MS = 100;
/**
 * A bare Chromium textarea holding a 1 MB line alone takes 60–280 ms from a key to the next
 * frame on this machine (its own text layout): the page cannot beat that, only not add to it.
 */
const ECHO_1MB_MS = 600;
/** Longest main-thread task while keys are typed faster than the run's settle delay. */
const TYPING_TASK_MS = 250;
const TYPING_TASK_1MB_MS = 800;

const vec = (n: number) => `[${Array.from({ length: n }, (_, i) => ((i % 10) + 1) / 10).join(', ')}]`;
const CASES: readonly [string, string, number, number][] = [
	['a 1 MB line', `x = 2\nf = x${' + x'.repeat(250_000)}`, ECHO_1MB_MS, TYPING_TASK_1MB_MS],
	['a 100,000-element vector', `x = ${vec(100_000)}\nf = sum(x * x)`, ECHO_MS, TYPING_TASK_MS],
	['a 100×100 matrix times a vector', `W = [${Array.from({ length: 100 }, () => vec(100)).join(', ')}]\nx = ${vec(100)}\nf = sum(W @ x)`, ECHO_MS, TYPING_TASK_MS]
];

/** Long tasks (over 50 ms) of the page, recorded from the start. */
async function watchLongTasks(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const w = window as unknown as { __long: [number, number][] };
		w.__long = [];
		new PerformanceObserver((l) => {
			for (const e of l.getEntries()) w.__long.push([e.startTime, e.duration]);
		}).observe({ type: 'longtask', buffered: true });
	});
}

/** The longest task since the last call, in ms. */
async function takeLongest(page: Page): Promise<number> {
	return page.evaluate(() => {
		const w = window as unknown as { __long: [number, number][] };
		const max = Math.max(0, ...w.__long.map((l) => l[1]));
		w.__long = [];
		return Math.round(max);
	});
}

/** Wait until the main thread has been free of long tasks for `quiet` ms. */
async function settle(page: Page, quiet = 600): Promise<void> {
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

/** Types `keys` at the end of the program, each `gap` ms apart; returns each key's key → next frame time. */
async function typeTimed(page: Page, keys: string, gap: number): Promise<number[]> {
	await page.evaluate(() => {
		const ta = document.querySelector<HTMLTextAreaElement>('[data-testid=program]')!;
		ta.focus();
		ta.setSelectionRange(ta.value.length, ta.value.length);
		const w = window as unknown as { __echo: number[] };
		w.__echo = [];
		ta.addEventListener('keydown', (e) => {
			const t = e.timeStamp;
			requestAnimationFrame(() => w.__echo.push(performance.now() - t));
		});
	});
	for (const k of keys) {
		await page.keyboard.press(k);
		await page.waitForTimeout(gap);
	}
	return page.evaluate(() => (window as unknown as { __echo: number[] }).__echo.map(Math.round));
}

for (const [what, program, echoMs, taskMs] of CASES) {
	test(`typing into ${what} echoes each key within ${echoMs} ms`, async ({ page }) => {
		await watchLongTasks(page);
		await page.goto('./?example=add-mul');
		await expect(page.getByTestId('program')).toHaveValue(/q = x \+ y/);
		// Pasted in one input event, as a paste is.
		await page.getByTestId('program').evaluate((ta: HTMLTextAreaElement, p: string) => {
			ta.value = p;
			ta.dispatchEvent(new Event('input', { bubbles: true }));
		}, program);
		const pasteTask = await (async () => {
			await page.waitForTimeout(50);
			await settle(page);
			return takeLongest(page);
		})();
		// Keys 40 ms apart: well inside the settle delay (250 ms and more), so the run waits for the pause.
		const echo = await typeTimed(page, '1234', 40);
		const typingTask = await takeLongest(page);
		await expect(page.getByTestId('program')).toHaveValue(new RegExp(`1234$`));
		// Quiet for longer than the longest settle delay (1.5 s): the deferred run has happened.
		await settle(page, 2000);
		const runTask = await takeLongest(page);
		console.log(`[typing-latency] ${what}: key→frame ${echo.join(', ')} ms; longest task while typing ${typingTask} ms; after paste ${pasteTask} ms; run after the pause ${runTask} ms`);
		expect(echo).toHaveLength(4);
		for (const e of echo) expect(e).toBeLessThan(echoMs);
		expect(typingTask).toBeLessThan(taskMs);
		// The run after the pause still shows the new program: the last line's output stays f.
		await expect(page.getByTestId('step-counter')).not.toHaveText(/^0 \//);
	});
}

test('a link whose program holds a 100,000-letter name opens without a long freeze, and says why it does not run', async ({ page }) => {
	await watchLongTasks(page);
	const name = 'a'.repeat(100_000);
	const p = await compressText(`x = 2\n${name} = x * 3\nf = ${name} + x`);
	// The audit's link was 335 characters; this one is as short.
	expect(p.length).toBeLessThan(400);
	const started = Date.now();
	await page.goto(`./?p=${p}`);
	await expect(page.getByTestId('error').first()).toContainText('a name has at most 4,000');
	await settle(page);
	const open = await takeLongest(page);
	const echo = await typeTimed(page, '12', 60);
	const typingTask = await takeLongest(page);
	console.log(`[typing-latency] 100,000-letter name link: opened in ${Date.now() - started} ms, longest task ${open} ms; key→frame ${echo.join(', ')} ms; longest task while typing ${typingTask} ms`);
	expect(open).toBeLessThan(1000);
	for (const e of echo) expect(e).toBeLessThan(ECHO_MS);
	// The text stays as the link had it: nothing is cut.
	await expect(page.getByTestId('program')).toHaveValue(new RegExp(`^x = 2\\na{100000} = x`));
});

/** Key → the typed character drawn in the overlay; generous, for a shared machine: the bench prints the figures. */
const OVERLAY_ECHO_MS = 500;

test('a key typed into a 600-line program is drawn in the overlay within a frame or so, and only its line is redrawn', async ({ page }) => {
	const program = ['a0 = 0.5', ...Array.from({ length: 600 }, (_, i) => `a${i + 1} = sin(a${i}) * 0.9 + 0.1`), 'f = a600'].join('\n');
	await page.goto('./?example=add-mul');
	await expect(page.getByTestId('program')).toHaveValue(/q = x \+ y/);
	await page.getByTestId('program').evaluate((ta: HTMLTextAreaElement, p: string) => {
		ta.value = p;
		ta.dispatchEvent(new Event('input', { bubbles: true }));
	}, program);
	const overlayLines = page.locator('.overlay > .line');
	await expect(overlayLines).toHaveCount(602);
	await expect(overlayLines.nth(1)).toHaveText('a1 = sin(a0) * 0.9 + 0.1');
	await page.evaluate(() => {
		const ta = document.querySelector<HTMLTextAreaElement>('[data-testid=program]')!;
		const w = window as unknown as { __before: Element[]; __echo: Promise<number> };
		w.__before = [...document.querySelectorAll('.overlay > .line')];
		ta.focus();
		const end = ta.value.indexOf('\n', ta.value.indexOf('\n') + 1);
		ta.setSelectionRange(end, end);
		w.__echo = new Promise((resolve) =>
			ta.addEventListener(
				'keydown',
				(e) => {
					const t = e.timeStamp;
					const look = () => {
						const line = document.querySelectorAll('.overlay > .line')[1];
						if (line?.textContent?.startsWith('a1 = sin(a0) * 0.9 + 0.17')) resolve(performance.now() - t);
						else requestAnimationFrame(look);
					};
					requestAnimationFrame(look);
				},
				{ once: true }
			)
		);
	});
	await page.keyboard.press('7');
	const echo = await page.evaluate(() => (window as unknown as { __echo: Promise<number> }).__echo);
	console.log(`[typing-latency] 600-line program: key → character in the overlay ${Math.round(echo)} ms`);
	expect(echo).toBeLessThan(OVERLAY_ECHO_MS);
	await expect(overlayLines.nth(1)).toHaveText('a1 = sin(a0) * 0.9 + 0.17');
	// The other lines' elements are the ones drawn before the key: only line 2 was made again.
	const kept = await page.evaluate(() => {
		const before = (window as unknown as { __before: Element[] }).__before;
		const now = [...document.querySelectorAll('.overlay > .line')];
		return { same: now.filter((l, i) => l === before[i]).length, total: now.length, line2: now[1] === before[1] };
	});
	expect(kept).toEqual({ same: 601, total: 602, line2: false });
});
