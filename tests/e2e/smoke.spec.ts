import { expect, test } from '@playwright/test';

test('the first page loads an example and shows its first step', async ({ page }) => {
	await page.goto('./?example=add-mul');
	await expect(page.getByTestId('program')).toHaveValue(/q = x \+ y/);
	await expect(page.getByTestId('step-math')).toBeVisible();
	await expect(page.getByTestId('step-counter')).toHaveText('1 / 7');
	await expect(page.locator('.step .words')).toContainText('q is the');
});
