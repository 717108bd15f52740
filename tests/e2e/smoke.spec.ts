import { expect, test } from '@playwright/test';

test('the first page loads an example and shows its first step', async ({ page }) => {
	await page.goto('./?example=add-mul');
	await expect(page.getByTestId('program')).toHaveValue(/q = x \+ y/);
	await expect(page.getByTestId('step-math')).toBeVisible();
	await expect(page.getByTestId('step-counter')).toHaveText('1 / 7');
	await expect(page.locator('.step .words')).toContainText('q is the');
});

test('the bare address opens the default example, and its Present and Practice links carry it', async ({ page }) => {
	await page.goto('./');
	await expect(page.getByTestId('program')).toHaveValue(/q = x \+ y/);
	await expect(page.getByRole('link', { name: 'Present' })).toHaveAttribute('href', /example=add-mul/);
	await expect(page.getByRole('link', { name: 'Practice' })).toHaveAttribute('href', /example=add-mul/);
	await page.getByRole('link', { name: 'Present' }).click();
	await expect(page.getByTestId('step-math')).toContainText('q');
	await expect(page.getByText(/empty/)).toHaveCount(0);
});
