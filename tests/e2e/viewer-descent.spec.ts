import { expect, test } from '@playwright/test';
import { openExample } from './viewer-helpers';

test('the slide update: w1 alone, η = .01, loss 0.2070 → 0.0725, and again lower', async ({ page }) => {
	await openExample(page, 'sigmoid-descent');
	await expect(page.getByRole('button', { name: 'Update' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Finish the backward pass first' }).click();
	await expect(page.getByTestId('loss')).toHaveText('0.206959');
	// The example starts with w1 alone ticked, as its comment and the slide say.
	await expect(page.getByRole('checkbox', { name: 'w1' })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'w2' })).not.toBeChecked();
	await page.getByLabel('Learning rate η').fill('0.01');
	await page.getByRole('button', { name: 'Update' }).click();
	await expect(page.getByTestId('loss')).toHaveText(/^0\.07250/);
	await expect(page.getByTestId('program')).toHaveValue(/\nw1 = -0.0198568\n/);
	await page.getByRole('button', { name: 'Update' }).click();
	const history = await page.getByTestId('loss-history').allTextContents();
	expect(history.length).toBe(3);
	const losses = history.map(Number);
	expect(losses[1]).toBeLessThan(losses[0]);
	expect(losses[2]).toBeLessThan(losses[1]);
	await expect(page.locator('.history')).not.toContainText('not lower');
});

test('descent on every weight of the MLP lowers its loss', async ({ page }) => {
	await openExample(page, 'mlp-softmax');
	await page.getByRole('button', { name: 'Last step' }).click();
	const before = Number(await page.getByTestId('loss').textContent());
	await page.getByLabel('Learning rate η').fill('0.5');
	await page.getByRole('button', { name: 'Update' }).click();
	await expect(page.getByTestId('loss-history')).toHaveCount(2);
	expect(Number(await page.getByTestId('loss').textContent())).toBeLessThan(before);
});
