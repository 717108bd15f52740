import { expect, test } from '@playwright/test';
import { compressText } from '../../src/lib/core/share/compress';
import { watchErrors } from './viewer-helpers';

const HOSTILE = '<img src=x onerror=alert(1)> = 1\n';
const HOSTILE_OK = 'x = 1 # <img src=x onerror=alert(1)><script>alert(2)</script>\nf = x * 2\n';

test('HTML typed into the program is shown as text, never injected', async ({ page }) => {
	let dialogs = 0;
	page.on('dialog', (d) => {
		dialogs++;
		void d.dismiss();
	});
	await page.goto('./?example=add-mul');
	// Typed before the page's script has loaded the example, the text would be the example's again.
	await expect(page.getByTestId('program')).toHaveValue(/q = x \+ y/);
	await page.getByTestId('program').fill(HOSTILE);
	await expect(page.getByTestId('error').first()).toBeVisible();
	await expect(page.getByTestId('program')).toHaveValue(HOSTILE);
	await page.getByTestId('program').fill(HOSTILE_OK);
	await page.getByRole('button', { name: 'Last step' }).click();
	await expect(page.getByTestId('step-math')).toBeVisible();
	await page.waitForTimeout(300);
	expect(await page.locator('img').count()).toBe(0);
	expect(await page.locator('main script, header script').count()).toBe(0);
	expect(dialogs).toBe(0);
});

for (const [what, program] of [
	['a bad program', HOSTILE],
	['a good program with HTML in a comment', HOSTILE_OK]
]) {
	test(`a ?p= link carrying ${what} injects nothing`, async ({ page }) => {
		const errors = watchErrors(page);
		let dialogs = 0;
		page.on('dialog', (d) => {
			dialogs++;
			void d.dismiss();
		});
		const p = await compressText(program);
		await page.goto(`./?p=${p}&step=2&example=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E`);
		await expect(page.getByTestId('program')).toHaveValue(program);
		await page.waitForTimeout(300);
		expect(await page.locator('img').count()).toBe(0);
		expect(dialogs).toBe(0);
		expect(errors).toEqual([]);
	});
}

test('a junk ?p= says it cannot be read (issue 11: no silent add-mul)', async ({ page }) => {
	await page.goto('./?p=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
	await expect(page.getByTestId('notice')).toHaveText("The link's program could not be read.");
	await expect(page.getByTestId('program')).toHaveValue('');
	expect(await page.locator('img').count()).toBe(0);
});
