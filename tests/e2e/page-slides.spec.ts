import { expect, test } from '@playwright/test';

/** The page's Export menu: "Copy LaTeX of this step" and the slides (one 16:9 page per step). */
test('Copy LaTeX copies the step on screen, and Slides opens one page per step', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	// add-mul: step 2 computes f = q z = 3 · (-4) = -12 (by hand); 7 steps in all.
	await page.goto('./?example=add-mul&step=2');
	await expect(page.getByTestId('step-counter')).toHaveText(/^2 \/ 7/);
	await page.getByText('Export', { exact: true }).click();
	await page.getByRole('button', { name: 'Copy LaTeX of this step' }).click();
	await expect(page.getByText('Copied step 2.')).toBeVisible();
	const tex = await page.evaluate(() => navigator.clipboard.readText());
	expect(tex).toContain('% chainstep: step 2 of 7');
	expect(tex).toContain('-12');
	const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: /^Slides, one step a page/ }).click()]);
	await popup.waitForLoadState();
	// A title page, then the 7 steps.
	await expect(popup.locator('section.slide')).toHaveCount(8);
	await expect(popup.locator('section.slide').last()).toContainText('step 7 / 7');
});
