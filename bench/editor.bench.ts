import { expect, test, type Page } from '@playwright/test';
import { median } from './stats';

/**
 * Editor figures (issue 16, item 4), printed, not asserted: key → next frame while typing into a
 * program of about 300, 3,000 and 10,000 nodes, and the longest task after pasting it in.
 */
const vec = (n: number) => `[${Array.from({ length: n }, (_, i) => ((i % 10) + 1) / 10).join(', ')}]`;
/** An MLP written out by hand: 4 inputs, 8 tanh units, one output. */
function mlp(): string {
	const out = ['x1 = 0.5', 'x2 = -1.2', 'x3 = 0.3', 'x4 = 2'];
	for (let h = 1; h <= 8; h++) out.push(`h${h} = tanh(${[1, 2, 3, 4].map((i) => `${((h * i) % 7) / 10 - 0.3} * x${i}`).join(' + ')} + 0.1)`);
	out.push(`f = ${Array.from({ length: 8 }, (_, h) => `${(h % 5) / 10 + 0.1} * h${h + 1}`).join(' + ')}`);
	return out.join('\n');
}
/** A long chain: one line per link. */
function chain(n: number): string {
	const out = ['a0 = 0.5'];
	for (let i = 1; i <= n; i++) out.push(`a${i} = sin(a${i - 1}) * 0.9 + 0.1`);
	out.push(`f = a${n}`);
	return out.join('\n');
}
const CASES: readonly [string, string][] = [
	['~300 nodes (MLP written out)', mlp()],
	['~3,000 nodes (a 600-link chain)', chain(600)],
	['~10,000 nodes (a 2,000-link chain)', chain(2000)],
	['~10,000 nodes (100×100 matrix times vector)', `W = [${Array.from({ length: 100 }, () => vec(100)).join(', ')}]\nx = ${vec(100)}\nf = sum(W @ x)`]
];

async function longest(page: Page): Promise<number> {
	return page.evaluate(() => {
		const w = window as unknown as { __long: number[] };
		const m = Math.max(0, ...w.__long);
		w.__long = [];
		return Math.round(m);
	});
}

test('editor figures', async ({ page }) => {
	const lines: string[] = [];
	await page.addInitScript(() => {
		const w = window as unknown as { __long: number[]; __lastLong: number };
		w.__long = [];
		w.__lastLong = 0;
		new PerformanceObserver((l) => {
			for (const e of l.getEntries()) {
				w.__long.push(e.duration);
				w.__lastLong = Math.max(w.__lastLong, e.startTime + e.duration);
			}
		}).observe({ type: 'longtask', buffered: true });
	});
	await page.goto('./?example=add-mul');
	await expect(page.getByTestId('program')).toHaveValue(/q = x \+ y/);
	for (const [what, program] of CASES) {
		await longest(page);
		await page.getByTestId('program').evaluate((ta: HTMLTextAreaElement, p: string) => {
			ta.value = p;
			ta.dispatchEvent(new Event('input', { bubbles: true }));
		}, program);
		const settle = () =>
			page.waitForFunction(() => performance.now() - (window as unknown as { __lastLong: number }).__lastLong > 2000, null, { timeout: 120_000, polling: 100 });
		await page.waitForTimeout(100);
		await settle();
		const load = await longest(page);
		// Keys at the end of the first line (x1 = 0.5 …), 40 ms apart, as typed.
		await page.evaluate(() => {
			const ta = document.querySelector<HTMLTextAreaElement>('[data-testid=program]')!;
			ta.focus();
			const end = ta.value.indexOf('\n');
			ta.setSelectionRange(end, end);
			const w = window as unknown as { __echo: number[]; __on?: (e: KeyboardEvent) => void };
			w.__echo = [];
			if (w.__on) ta.removeEventListener('keydown', w.__on);
			ta.addEventListener('keydown', (w.__on = (e) => {
				const t = e.timeStamp;
				requestAnimationFrame(() => w.__echo.push(performance.now() - t));
			}));
		});
		for (const k of '12345678') {
			await page.keyboard.press(k);
			await page.waitForTimeout(40);
		}
		await page.waitForTimeout(100);
		const echo = await page.evaluate(() => (window as unknown as { __echo: number[] }).__echo.map(Math.round));
		const typing = await longest(page);
		await settle();
		const run = await longest(page);
		const steps = await page.getByTestId('step-counter').textContent();
		const s = `editor ${what} [${program.length} chars, ${steps?.trim()}]: key→frame median ${median(echo)} ms (all ${echo.join(', ')}); longest task after paste ${load} ms; while typing ${typing} ms; run after the pause ${run} ms`;
		lines.push(s);
		console.log(s);
	}
	console.log('\n' + lines.join('\n'));
});
