import { expect, test, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compressText } from '../../src/lib/core/share/compress';
import { watchErrors } from './viewer-helpers';

/**
 * The embed as instructors use it: static/embed-example.html (an iframe of /embed plus two
 * <chainstep-trace> elements), served by a web host and opened from file://.
 * Run after `npm run build`.
 */
const BUILD = resolve('build');
const SHOTS = resolve('test-output/screenshots');

type Scope = Page | FrameLocator | Locator;

// The example host page has no icon of its own (a course page would), so Chromium asks the
// server for /favicon.ico; answer it so its 404 does not count as the embed's console error.
test.beforeEach(async ({ page }) => {
	await page.route('**/favicon.ico', (r) => r.fulfill({ status: 204 }));
});

async function counter(scope: Scope): Promise<{ k: number; n: number }> {
	const text = (await scope.getByTestId('step-counter').textContent()) ?? '';
	const m = /(\d+)\s*\/\s*(\d+)/.exec(text);
	if (!m) throw new Error(`no counter in ${JSON.stringify(text)}`);
	return { k: Number(m[1]), n: Number(m[2]) };
}

async function expectStep(scope: Scope, k: number): Promise<void> {
	await expect(scope.getByTestId('step-counter')).toHaveText(new RegExp(`^${k} / \\d+$`));
}

/** Math typeset by KaTeX, with no red error spans. */
async function expectMath(scope: Scope): Promise<void> {
	await expect(scope.getByTestId('step-math').first()).toBeVisible();
	await expect(scope.getByTestId('step-math').first().locator('.katex').first()).toBeVisible();
	await expect(scope.locator('.katex-error')).toHaveCount(0);
}

/** Every request must stay inside the folder the page was loaded from. */
function watchRequests(page: Page): string[] {
	const urls: string[] = [];
	page.on('request', (r) => urls.push(r.url()));
	return urls;
}

function outside(urls: readonly string[], pageUrl: string): string[] {
	const dir = new URL('.', pageUrl).href;
	return urls.filter((u) => !u.startsWith(dir) && !u.startsWith('data:'));
}

const ORIGINS: readonly (readonly [string, () => string])[] = [
	['the preview server', () => './embed-example.html'],
	['file://', () => pathToFileURL(resolve(BUILD, 'embed-example.html')).href]
];

for (const [where, url] of ORIGINS) {
	test(`the example host page works from ${where}`, async ({ page }) => {
		const errors = watchErrors(page);
		const requests = watchRequests(page);
		await page.goto(url());

		// The iframe: it reports its height, and the host page's few lines of script apply it.
		const iframe = page.locator('#chainstep-frame');
		await expect(iframe).not.toHaveAttribute('height', '420');
		const reported = Number(await iframe.getAttribute('height'));
		expect(reported).toBeGreaterThan(200);
		const frame = page.frameLocator('#chainstep-frame');
		await expectMath(frame);
		await expectStep(frame, 7);
		await expect(frame.getByTestId('graph')).toBeVisible();
		await frame.locator('section.embed').focus();
		await page.keyboard.press('ArrowRight');
		await expectStep(frame, 8);
		await frame.getByRole('button', { name: 'First step' }).click();
		await expectStep(frame, 1);
		// The whole viewer is inside the frame: no inner scrollbar.
		const inner = await frame.locator('section.embed').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
		await expect.poll(async () => Number(await iframe.getAttribute('height'))).toBe(inner);

		// The custom elements: keys step the focused element, buttons step too.
		const first = page.locator('chainstep-trace').nth(0);
		await expectMath(first);
		await expectStep(first, 5);
		await first.focus();
		await page.keyboard.press('ArrowRight');
		await expectStep(first, 6);
		await page.keyboard.press('Home');
		await expectStep(first, 1);
		await page.keyboard.press('End');
		const { n } = await counter(first);
		await expectStep(first, n);
		await first.getByRole('button', { name: 'Previous step' }).click();
		await expectStep(first, n - 1);
		await first.getByRole('button', { name: 'Next step' }).click();
		await expectStep(first, n);
		await expect(first.getByTestId('graph')).toBeVisible();

		const second = page.locator('chainstep-trace').nth(1);
		await expectMath(second);
		await expectStep(second, 1);
		await second.getByRole('button', { name: 'Next step' }).click();
		await expectStep(second, 2);
		// controls="nav,math,words": no graph, no timeline.
		await expect(second.getByTestId('graph')).toHaveCount(0);
		await expect(second.getByRole('slider')).toHaveCount(0);
		// Stepping one element leaves the other alone.
		await expectStep(first, n);

		expect(errors).toEqual([]);
		expect(outside(requests, page.url())).toEqual([]);
		expect(requests.some((u) => u.endsWith('/elk.bundled.js'))).toBe(true);
	});
}

test('clicking a node jumps to its step; Space plays and pauses', async ({ page }) => {
	await page.goto('./embed.html?example=add-mul');
	const el = page.locator('chainstep-trace');
	await expectStep(el, 1);
	await el.getByRole('button', { name: /^f,/ }).click();
	await expectStep(el, 2);
	await el.getByRole('button', { name: 'Last step' }).click();
	const { n } = await counter(el);
	await el.getByRole('button', { name: 'Start of the backward pass' }).click();
	const back = (await counter(el)).k;
	expect(back).toBeGreaterThan(2);
	expect(back).toBeLessThan(n);
	await el.getByRole('button', { name: 'First step' }).click();
	await el.locator('section.embed').focus();
	await page.keyboard.press('Space');
	await expect(el.getByRole('button', { name: 'Pause' })).toBeVisible();
	await expect.poll(async () => (await counter(el)).k, { timeout: 5000 }).toBeGreaterThan(1);
	await page.keyboard.press('Space');
	await expect(el.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('the /embed page reads the viewer’s link format, including a compressed p= program', async ({ page }) => {
	const errors = watchErrors(page);
	const p = await compressText('a = 3\nb = a * a\nc = b + a\n');
	await page.goto(`./embed.html?p=${p}&step=2&g=group&sig=3&theme=dark&controls=math,words,nav`);
	const el = page.locator('chainstep-trace');
	await expectMath(el);
	await expectStep(el, 2);
	await expect(el.getByTestId('step-math')).toContainText('b');
	await expect(el.locator('section.embed')).toHaveAttribute('data-theme', 'dark');
	await expect(el.getByTestId('graph')).toHaveCount(0);
	await expect(el.getByTestId('graph-placeholder')).toHaveCount(0);

	// autoplay steps on its own; a garbled p= says so and falls back to an example.
	await page.goto('./embed.html?example=fan-out&autoplay');
	await expect.poll(async () => (await counter(el)).k, { timeout: 5000 }).toBeGreaterThan(1);
	await page.goto('./embed.html?p=not-a-program!&theme=light');
	await expect(el.getByRole('status')).toContainText('could not be read');
	await expectMath(el);
	expect(errors).toEqual([]);
});

test('hostile programs and attributes are shown as text, never run', async ({ page }) => {
	const errors = watchErrors(page);
	let dialogs = 0;
	page.on('dialog', (d) => {
		dialogs++;
		void d.dismiss();
	});
	await page.goto('./embed-example.html');
	await expectMath(page.locator('chainstep-trace').nth(1));
	const HTML = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script>';
	await page.evaluate((html) => {
		const bad = document.createElement('chainstep-trace');
		bad.id = 'bad-program';
		bad.setAttribute('program', `${html} = 1\n`);
		const odd = document.createElement('chainstep-trace');
		odd.id = 'bad-attributes';
		odd.setAttribute('program', `x = 1 # ${html}\nf = x * 2\n`);
		for (const a of ['theme', 'controls', 'step', 'precision', 'granularity', 'example', 'p']) odd.setAttribute(a, html);
		document.body.append(bad, odd);
	}, HTML);
	const bad = page.locator('#bad-program');
	await expect(bad.getByTestId('error').first()).toBeVisible();
	const odd = page.locator('#bad-attributes');
	await expect(odd.getByRole('status')).toBeVisible();
	await expectStep(bad, 0);
	await page.waitForTimeout(300);
	for (const el of [bad, odd]) {
		expect(await el.locator('img').count()).toBe(0);
		expect(await el.locator('script').count()).toBe(0);
	}
	expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
	expect(dialogs).toBe(0);

	// The same text in the /embed page's query string.
	await page.goto(`./embed.html?program=${encodeURIComponent(`${HTML} = 1`)}&theme=${encodeURIComponent(HTML)}`);
	await expect(page.locator('chainstep-trace').getByTestId('error').first()).toBeVisible();
	expect(await page.locator('chainstep-trace').locator('img, script').count()).toBe(0);
	expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
	expect(errors).toEqual([]);
});

test('time to the first step, and screenshots at 360 and 800 px, light and dark', async ({ page }) => {
	mkdirSync(SHOTS, { recursive: true });
	for (const width of [360, 800])
		for (const theme of ['light', 'dark'] as const) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto(`./embed.html?example=fan-out&step=7&theme=${theme}`);
			const el = page.locator('chainstep-trace');
			await expectMath(el);
			const first = await page.evaluate(() => performance.getEntriesByName('chainstep:embed-first-step')[0]?.startTime ?? -1);
			expect(first).toBeGreaterThan(0);
			test.info().annotations.push({ type: 'first step', description: `${width}px ${theme}: ${first.toFixed(0)} ms after navigation start` });
			await expect(el.getByTestId('graph')).toBeVisible();
			// The section must fit the width: no horizontal page scroll at 360 px.
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
			await page.screenshot({ path: `${SHOTS}/embed-${width}-${theme}.png`, fullPage: true });
		}
	await page.setViewportSize({ width: 800, height: 900 });
	await page.goto('./embed-example.html');
	await expect(page.frameLocator('#chainstep-frame').getByTestId('graph')).toBeVisible();
	await expect(page.locator('chainstep-trace').first().getByTestId('graph')).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/embed-example-800.png`, fullPage: true });
});

test('the element snippet of the Embed menu, pasted into a page, shows that view', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('./?example=fan-out&step=3');
	await expect(page.getByTestId('step-counter')).toHaveText(/^3 \//);
	await page.getByText('Embed', { exact: true }).click();
	const tag = await page.getByTestId('embed-tag').inputValue();
	await page.setContent(`<!doctype html><meta charset="utf-8"><h1>Course page</h1>${tag}`);
	const el = page.locator('chainstep-trace');
	// setContent starts from a blank page: the element's script, KaTeX and its fonts all load
	// cold, which on a loaded two-core CI machine once took longer than the default 5 s.
	await expect(el.getByTestId('step-counter')).toBeVisible({ timeout: 15_000 });
	await expectStep(el, 3);
	await expectMath(el);
	expect(errors).toEqual([]);
});
