import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { watchErrors } from './viewer-helpers';

/**
 * A plain HTML course page (tests/e2e/hosts/control-host.html, served beside the build) that
 * drives an iframe of embed.html by postMessage and a <chainstep-trace> by its methods.
 * add-mul (x=-2, y=5, z=-4, q=x+y, f=q*z) has 7 steps by hand: forward q and f, then backward
 * f, q, z, x, y (the last step is in the backward pass). Run after `npm run build`.
 */
const HOST = readFileSync(resolve('tests/e2e/hosts/control-host.html'), 'utf8');

async function openHost(page: Page): Promise<void> {
	await page.route('**/favicon.ico', (r) => r.fulfill({ status: 204 }));
	await page.route('**/control-host.html', (r) => r.fulfill({ contentType: 'text/html', body: HOST }));
	await page.goto('./control-host.html');
}

test('the host page drives the iframe by postMessage and hears ready and stepchange', async ({ page }) => {
	const errors = watchErrors(page);
	await openHost(page);
	const frame = page.frameLocator('#frame');
	const log = page.locator('#frame-log');
	await expect(frame.getByTestId('step-counter')).toHaveText('1 / 7');
	await expect(log).toHaveText('ready 1/7 forward');
	await page.getByRole('button', { name: 'Frame next' }).click();
	await expect(frame.getByTestId('step-counter')).toHaveText('2 / 7');
	await expect(log).toHaveText('stepchange 2/7 forward');
	await page.getByRole('button', { name: 'Frame last' }).click();
	await expect(frame.getByTestId('step-counter')).toHaveText('7 / 7');
	await expect(log).toHaveText('stepchange 7/7 backward');
	await page.getByRole('button', { name: 'Frame go to 5' }).click();
	await expect(frame.getByTestId('step-counter')).toHaveText('5 / 7');
	await page.getByRole('button', { name: 'Frame prev' }).click();
	await expect(frame.getByTestId('step-counter')).toHaveText('4 / 7');
	await page.getByRole('button', { name: 'Frame first' }).click();
	await expect(frame.getByTestId('step-counter')).toHaveText('1 / 7');
	await page.getByRole('button', { name: 'Frame state' }).click();
	await expect(log).toHaveText('state 1/7 forward');
	expect(errors).toEqual([]);
});

test('the element: methods, a step property that moves without remounting, stepchange events', async ({ page }) => {
	await openHost(page);
	const el = page.locator('#el');
	const log = page.locator('#el-log');
	await expect(el.getByTestId('step-counter')).toHaveText('1 / 7');
	await expect(log).toHaveText('ready 1/7 forward');
	// The graph must be drawn before we check that it survives a step change.
	await expect(el.locator('svg g.node').first()).toBeVisible({ timeout: 20_000 });
	const svgBefore = await el.locator('svg').first().elementHandle();
	await page.getByRole('button', { name: 'Element next' }).click();
	await expect(el.getByTestId('step-counter')).toHaveText('2 / 7');
	await expect(log).toHaveText('stepchange 2/7 forward');
	await page.getByRole('button', { name: 'Element go to 6' }).click();
	await expect(el.getByTestId('step-counter')).toHaveText('6 / 7');
	await expect(log).toHaveText('stepchange 6/7 backward');
	await page.getByRole('button', { name: 'Element step = 3' }).click();
	await expect(el.getByTestId('step-counter')).toHaveText('3 / 7');
	// Setting the attribute moves too.
	await el.evaluate((e) => e.setAttribute('step', '7'));
	await expect(el.getByTestId('step-counter')).toHaveText('7 / 7');
	expect(await el.evaluate((e) => (e as HTMLElement & { step: number }).step)).toBe(7);
	// The same <svg> node: the viewer moved, it was not remounted (no blank graph, no flicker).
	expect(await svgBefore?.evaluate((s) => s.isConnected)).toBe(true);
});

test('keys: PageDown/PageUp step; at the last step → reaches the host page', async ({ page }) => {
	await openHost(page);
	const el = page.locator('#el');
	await expect(el.getByTestId('step-counter')).toHaveText('1 / 7');
	const hostKeys = await page.evaluateHandle(() => {
		const seen: string[] = [];
		document.addEventListener('keydown', (e) => seen.push(e.key));
		return seen;
	});
	await el.locator('section.embed').focus();
	await page.keyboard.press('PageDown');
	await expect(el.getByTestId('step-counter')).toHaveText('2 / 7');
	await page.keyboard.press('ArrowRight');
	await expect(el.getByTestId('step-counter')).toHaveText('3 / 7');
	await page.keyboard.press('PageUp');
	await expect(el.getByTestId('step-counter')).toHaveText('2 / 7');
	// Keys the embed used were not also seen by the host (a deck would have changed slide).
	expect(await hostKeys.evaluate((s) => s.slice())).toEqual([]);
	await page.keyboard.press('End');
	await expect(el.getByTestId('step-counter')).toHaveText('7 / 7');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('PageDown');
	await expect(el.getByTestId('step-counter')).toHaveText('7 / 7');
	expect(await hostKeys.evaluate((s) => s.slice())).toEqual(['ArrowRight', 'PageDown']);
});

test('the iframe obeys only the origins its origin= setting names', async ({ page }) => {
	await openHost(page);
	const frame = page.frameLocator('#frame');
	await expect(frame.getByTestId('step-counter')).toHaveText('1 / 7');
	await page.locator('#frame').evaluate((f) => ((f as HTMLIFrameElement).src = 'embed.html?example=add-mul&origin=https://lms.example.edu'));
	await expect(frame.getByTestId('step-counter')).toHaveText('1 / 7');
	await page.getByRole('button', { name: 'Frame next' }).click();
	await page.waitForTimeout(300);
	await expect(frame.getByTestId('step-counter')).toHaveText('1 / 7');
	const here = new URL(page.url()).origin;
	await page.locator('#frame').evaluate((f, o) => ((f as HTMLIFrameElement).src = `embed.html?example=add-mul&origin=${o}`), here);
	await page.waitForTimeout(300);
	await page.getByRole('button', { name: 'Frame next' }).click();
	await expect(frame.getByTestId('step-counter')).toHaveText('2 / 7');
});
