import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * reveal.js itself (devDependency) and build/chainstep-reveal.js: a deck whose own keys step
 * through an iframe embed and an element, then move on. add-mul has 7 steps (hand count: forward
 * q, f; backward f, q, z, x, y). Run after `npm run build`.
 */
const DECK = readFileSync(resolve('tests/e2e/hosts/reveal-deck.html'), 'utf8');
const REVEAL = resolve('node_modules/reveal.js/dist');

async function openDeck(page: Page, hash = ''): Promise<void> {
	await page.route('**/favicon.ico', (r) => r.fulfill({ status: 204 }));
	await page.route('**/reveal-deck.html*', (r) => r.fulfill({ contentType: 'text/html', body: DECK }));
	await page.route('**/reveal/**', (r) => {
		const file = new URL(r.request().url()).pathname.split('/reveal/')[1];
		return r.fulfill({ path: resolve(REVEAL, file) });
	});
	await page.goto(`./reveal-deck.html${hash}`);
	await page.waitForFunction(() => (window as unknown as { Reveal: { isReady(): boolean } }).Reveal.isReady());
}

const slideIndex = (page: Page) => page.evaluate(() => (window as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h);

test('the deck’s own keys step the iframe, then the element, and move on after the last step', async ({ page }) => {
	await openDeck(page);
	const frame = page.frameLocator('iframe');
	const el = page.locator('chainstep-trace');
	await page.keyboard.press('ArrowRight');
	expect(await slideIndex(page)).toBe(1);
	await expect(frame.getByTestId('step-counter')).toHaveText('1 / 7');
	for (let k = 2; k <= 7; k++) {
		await page.keyboard.press(k % 2 ? 'ArrowRight' : 'PageDown');
		await expect(frame.getByTestId('step-counter')).toHaveText(`${k} / 7`);
		expect(await slideIndex(page)).toBe(1);
	}
	// The step is reveal's fragment index, so it is in the URL.
	await expect.poll(() => new URL(page.url()).hash).toBe('#/1/0/5');
	await page.keyboard.press('ArrowLeft');
	await expect(frame.getByTestId('step-counter')).toHaveText('6 / 7');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	expect(await slideIndex(page)).toBe(2);
	await expect(el.getByTestId('step-counter')).toHaveText('1 / 7');
	await page.keyboard.press('ArrowRight');
	await expect(el.getByTestId('step-counter')).toHaveText('2 / 7');
	// Clicking into the element and using its keys moves one step, not the slide too.
	await el.locator('section.embed').focus();
	await page.keyboard.press('ArrowRight');
	await expect(el.getByTestId('step-counter')).toHaveText('3 / 7');
	expect(await slideIndex(page)).toBe(2);
	await page.keyboard.press('End');
	await expect(el.getByTestId('step-counter')).toHaveText('7 / 7');
	await page.keyboard.press('ArrowRight');
	await expect.poll(() => slideIndex(page)).toBe(3);
});

test('a reloaded deck link opens the trace at the step in its hash', async ({ page }) => {
	await openDeck(page, '#/1/0/2');
	// Fragment index 2 is the third fragment after step 1: step 4.
	await expect(page.frameLocator('iframe').getByTestId('step-counter')).toHaveText('4 / 7');
});

test('inside a focused iframe, → at the last step hands control back to the deck', async ({ page }) => {
	await openDeck(page, '#/1/0/5');
	const frame = page.frameLocator('iframe');
	await expect(frame.getByTestId('step-counter')).toHaveText('7 / 7');
	await frame.locator('section.embed').focus();
	await page.keyboard.press('ArrowLeft');
	await expect(frame.getByTestId('step-counter')).toHaveText('6 / 7');
	await expect.poll(() => new URL(page.url()).hash).toBe('#/1/0/4');
	await page.keyboard.press('ArrowRight');
	await expect(frame.getByTestId('step-counter')).toHaveText('7 / 7');
	await page.keyboard.press('ArrowRight');
	await expect.poll(() => slideIndex(page)).toBe(2);
});

test('?print-pdf prints each step of the trace on its own page', async ({ page }) => {
	await page.emulateMedia({ media: 'print' });
	await openDeck(page);
	await page.goto('./reveal-deck.html?print-pdf');
	await page.waitForSelector('.pdf-page');
	await page.waitForTimeout(500);
	const pages = page.locator('.pdf-page');
	// Title, 7 steps of the iframe, 7 of the element, the end slide.
	await expect(pages).toHaveCount(16);
	for (let k = 1; k <= 7; k++) await expect(pages.nth(k).frameLocator('iframe').getByTestId('step-counter')).toHaveText(`${k} / 7`);
	for (let k = 1; k <= 7; k++) await expect(pages.nth(7 + k).locator('chainstep-trace').getByTestId('step-counter')).toHaveText(`${k} / 7`);
});
