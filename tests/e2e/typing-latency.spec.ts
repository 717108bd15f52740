import { expect, test } from '@playwright/test';
import { compressText } from '../../src/lib/core/share/compress';
import { bareEcho, echoBound, median, paste, settle, takeLongest, timeKeys, vec, watchLongTasks } from './latency-helpers';

// Issue 11, "Freezes": the editor echoes a key about as fast as a bare textarea holding the
// same text, for big programs, and a hostile link opens without freezing the page. Key → frame
// is bounded by what Chromium itself costs for that text (latency-helpers.ts); figures are printed for the notes.

/** Longest main-thread task while keys are typed faster than the run's settle delay, beyond the bare textarea's slowest key. */
const TYPING_TASK_MS = 250;
/**
 * A 1 MB line is the one case where more than the textarea's own work shows: the page keeps the
 * text (the program is kept in this browser, ~25 ms a key), each key makes 1 MB strings, and one
 * key in a few can meet a ~1 s task on a heap that holds a 500,000-step trace. So its median key
 * is bounded, and every key only against a freeze. It was 7–12 s a key; Chromium alone takes 60–280 ms.
 */
const ADDED_1MB_MS = 300;
const FREEZE_1MB_MS = 2_000;

/** What is typed into, and its own bounds where echoBound's do not apply. */
const CASES: readonly [string, string, { readonly median: number; readonly freeze: number } | undefined][] = [
	['a 1 MB line', `x = 2\nf = x${' + x'.repeat(250_000)}`, { median: ADDED_1MB_MS, freeze: FREEZE_1MB_MS }],
	['a 100,000-element vector', `x = ${vec(100_000)}\nf = sum(x * x)`, undefined],
	['a 100×100 matrix times a vector', `W = [${Array.from({ length: 100 }, () => vec(100)).join(', ')}]\nx = ${vec(100)}\nf = sum(W @ x)`, undefined]
];
const KEYS = ['1', '2', '3', '4'];

for (const [what, program, loose] of CASES) {
	test(`typing into ${what} echoes each key about as fast as a bare textarea`, async ({ page }) => {
		test.setTimeout(120_000);
		const bare = await bareEcho(page, program, KEYS, 40);
		await watchLongTasks(page);
		await page.goto('./?example=add-mul');
		await expect(page.getByTestId('program')).toHaveValue(/q = x \+ y/);
		const counter = page.getByTestId('step-counter');
		const before = (await counter.textContent()) ?? '';
		await paste(page, program);
		// The run (beside the page) has come back and is drawn before the keys are timed.
		await expect(counter).not.toHaveText(before, { timeout: 60_000 });
		await expect(page.getByTestId('running')).toBeHidden();
		await settle(page);
		const pasteTask = await takeLongest(page);
		// Keys 40 ms apart: well inside the settle delay (250 ms and more), so the run waits for the pause.
		const echo = (await timeKeys(page, KEYS, 40)).times;
		const typingTask = await takeLongest(page);
		await expect(page.getByTestId('program')).toHaveValue(new RegExp(`1234$`));
		// Quiet for longer than the longest settle delay (1.5 s): the deferred run has happened.
		await settle(page, 2000);
		const runTask = await takeLongest(page);
		const bound = echoBound(bare);
		console.log(
			`[typing-latency] ${what}: key→frame ${echo.join(', ')} ms (bare textarea ${bare.join(', ')} ms); longest task while typing ${typingTask} ms; ` +
				`after paste and its run ${pasteTask} ms; run after the pause ${runTask} ms`
		);
		expect(echo).toHaveLength(KEYS.length);
		const slowest = Math.max(0, ...bare);
		if (loose) {
			expect(median(echo)).toBeLessThan(slowest + loose.median);
			for (const e of echo) expect(e).toBeLessThan(loose.freeze);
			expect(typingTask).toBeLessThan(loose.freeze);
		} else {
			for (const e of echo) expect(e).toBeLessThan(bound.each);
			expect(median(echo)).toBeLessThan(bound.median);
			expect(typingTask).toBeLessThan(slowest + TYPING_TASK_MS);
		}
		// The run after the pause still shows the new program: the last line's output stays f.
		await expect(page.getByTestId('step-counter')).not.toHaveText(/^0 \//);
	});
}

test('a link whose program holds a 100,000-letter name opens without a long freeze, and says why it does not run', async ({ page }) => {
	await watchLongTasks(page);
	const name = 'a'.repeat(100_000);
	const text = `x = 2\n${name} = x * 3\nf = ${name} + x`;
	const p = await compressText(text);
	// The audit's link was 335 characters; this one is as short.
	expect(p.length).toBeLessThan(400);
	const bare = await bareEcho(page, text, ['1', '2'], 60);
	const bound = echoBound(bare);
	const started = Date.now();
	await page.goto(`./?p=${p}`);
	await expect(page.getByTestId('error').first()).toContainText('a name has at most 4,000');
	await settle(page);
	const open = await takeLongest(page);
	const echo = (await timeKeys(page, ['1', '2'], 60)).times;
	const typingTask = await takeLongest(page);
	console.log(`[typing-latency] 100,000-letter name link: opened in ${Date.now() - started} ms, longest task ${open} ms; key→frame ${echo.join(', ')} ms (bare textarea ${bare.join(', ')} ms); longest task while typing ${typingTask} ms`);
	expect(open).toBeLessThan(1000);
	// A name this long is refused before it is coloured or run: nothing but the textarea's own work is left per key.
	for (const e of echo) expect(e).toBeLessThan(bound.each);
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
