import { expect, test } from '@playwright/test';

test('the first page loads an example and shows its trace', async ({ page }) => {
	await page.goto('./?example=add-mul');
	await expect(page.getByTestId('program')).toContainText('q = x + y');
	await expect(page.getByTestId('trace')).toContainText('x feeds q');
});
