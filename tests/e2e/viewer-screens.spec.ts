import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PALETTES } from '../../src/lib/core/layout/palette.ts';
import { EXAMPLES } from '../../src/lib/examples/examples';
import { openExample } from './viewer-helpers';

// Not test-results/: Playwright empties that folder when it starts.
const DIR = 'test-output/screenshots';
mkdirSync(DIR, { recursive: true });

for (const ex of EXAMPLES) {
	test(`screenshot: ${ex.id} at its last step`, async ({ page }) => {
		await page.setViewportSize({ width: 1366, height: 900 });
		await openExample(page, ex.id);
		await page.getByRole('button', { name: 'Last step' }).click();
		await expect(page.getByTestId('graph')).toBeVisible({ timeout: 20_000 });
		await page.waitForTimeout(300);
		await page.screenshot({ path: `${DIR}/${ex.id}.png`, fullPage: true });
	});
}

test('screenshot: 360 px wide, mlp-softmax, group steps', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 780 });
	await page.goto('./?example=mlp-softmax&g=group&step=4');
	await expect(page.getByTestId('step-math')).toBeVisible();
	await expect(page.getByTestId('graph')).toBeVisible({ timeout: 20_000 });
	await page.waitForTimeout(300);
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	await page.screenshot({ path: `${DIR}/narrow-360-mlp-softmax.png`, fullPage: true });
	expect(overflow).toBeLessThanOrEqual(0);
});

test('screenshot: dark theme, fan-out', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.setViewportSize({ width: 1366, height: 900 });
	await openExample(page, 'fan-out', 8);
	await expect(page.getByTestId('graph')).toBeVisible({ timeout: 20_000 });
	await page.waitForTimeout(300);
	await page.screenshot({ path: `${DIR}/dark-fan-out.png`, fullPage: true });
	// The system's dark scheme reaches the page and the graph; the Theme button overrides it.
	const bg = (sel: string) => page.locator(sel).first().evaluate((el) => getComputedStyle(el).backgroundColor);
	expect(await bg('.cs-graph')).toBe(rgb(PALETTES.dark.bg));
	const darkBody = await bg('body');
	const theme = page.getByRole('button', { name: /^Theme/ });
	while (!/Theme: light/.test((await theme.getAttribute('aria-label')) ?? '')) await theme.click();
	await expect.poll(() => bg('.cs-graph')).toBe(rgb(PALETTES.light.bg));
	expect(await bg('body')).not.toBe(darkBody);
});

function rgb(hex: string): string {
	const n = parseInt(hex.slice(1), 16);
	return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

test('screenshot: an error in the program', async ({ page }) => {
	await page.setViewportSize({ width: 1366, height: 900 });
	await openExample(page, 'add-mul', 4);
	await page.getByTestId('program').fill('x = -2\ny = 5\nz = -4\nq = x + yy\nf = q * z\n');
	await expect(page.getByTestId('error')).toHaveCount(1);
	await expect(page.getByTestId('graph')).toBeVisible({ timeout: 20_000 });
	await page.screenshot({ path: `${DIR}/error-add-mul.png`, fullPage: true });
});
