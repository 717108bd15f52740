import { expect, test } from '@playwright/test';
import { counter, openExample } from './viewer-helpers';

test('a copied URL reproduces program, step and granularity', async ({ page, context }) => {
	await openExample(page, 'norm-Wx');
	const box = page.getByTestId('program');
	await box.fill('W = [[0.1, 0.5], [-0.3, 0.9]]\nx = [0.2, 0.4]\nq = W @ x\nf = ||q||^2\n');
	await page.getByLabel('one named value').check();
	await page.locator('h1').click();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect(page).toHaveURL(/[?&]p=[A-Za-z0-9_-]+/);
	await expect(page).toHaveURL(/g=group/);
	await expect(page).toHaveURL(/step=3/);
	const url = page.url();
	const view = { text: await box.inputValue(), counter: await counter(page), math: await page.getByTestId('step-math').textContent() };

	const other = await context.newPage();
	await other.goto(url);
	await expect(other.getByTestId('step-math')).toBeVisible();
	await expect(other.getByTestId('program')).toHaveValue(view.text);
	await expect(other.getByTestId('step-counter')).toHaveText(`${view.counter.k} / ${view.counter.n}`);
	await expect(other.getByLabel('one named value')).toBeChecked();
	expect(await other.getByTestId('step-math').textContent()).toBe(view.math);
});

test('Back and Forward move between examples and edits', async ({ page }) => {
	await openExample(page, 'add-mul', 3);
	await expect(page).toHaveURL(/example=add-mul&step=3/);
	await page.getByLabel('Load an example program').selectOption('fan-out');
	await expect(page.getByTestId('program')).toHaveValue(/e = c \* d/);
	await expect(page).toHaveURL(/example=fan-out/);
	await page.goBack();
	await expect(page.getByTestId('program')).toHaveValue(/q = x \+ y/);
	await expect(page.getByTestId('step-counter')).toHaveText('3 / 7');
	await page.goForward();
	await expect(page.getByTestId('program')).toHaveValue(/e = c \* d/);
});

test('precision travels in the link', async ({ page }) => {
	await page.goto('./?example=sigmoid-gate-fused&step=5&sig=7');
	await expect(page.getByLabel('Significant digits shown')).toHaveValue('7');
	await expect(page.getByTestId('step-math')).toContainText('0.7310586');
});

test('an unknown example falls back to the default and says so', async ({ page }) => {
	await page.goto('./?example=nope&step=99999');
	await expect(page.getByTestId('program')).toHaveValue(/q = x \+ y/);
	await expect(page.getByTestId('step-counter')).toHaveText('7 / 7');
	await expect(page.getByTestId('notice')).toContainText('no example called “nope”');
	await expect(page.getByTestId('notice')).toContainText('fan-out');
	await page.getByLabel('Load an example program').selectOption('fan-out');
	await expect(page.getByTestId('notice')).toHaveCount(0);
});
