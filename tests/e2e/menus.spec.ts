import { expect, test } from '@playwright/test';
import { openExample } from './viewer-helpers';

// A header menu's panel must open on screen, wherever the header's wrapping puts its button.
for (const width of [1280, 1024, 360]) {
	test(`at ${width} px every header menu opens inside the window`, async ({ page }) => {
		await page.setViewportSize({ width, height: 800 });
		await openExample(page, 'mlp-2-2-1');
		for (const name of ['Export', 'Embed']) {
			await page.locator('summary', { hasText: name }).first().click();
			const panel = page.locator('details[open] .panel');
			await expect(panel).toBeVisible();
			const box = (await panel.boundingBox())!;
			expect(box.x, `${name} panel's left edge`).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width, `${name} panel's right edge`).toBeLessThanOrEqual(width + 0.5);
			await page.keyboard.press('Escape');
			await expect(page.locator('details[open] .panel')).toHaveCount(0);
		}
	});
}
