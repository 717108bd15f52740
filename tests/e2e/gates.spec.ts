import { expect, test } from '@playwright/test';
import { compressText } from '../../src/lib/core/share/compress';
import { counter, openExample, stepTex, watchErrors } from './viewer-helpers';

/** The lecture notes' sigmoid gate, typed as a student would. */
const PROGRAM = 'sig(z) = 1 / (1 + exp(-z))\nw0 = 2\nx0 = -1\nw1 = -3\nx1 = -2\nw2 = -3\nf = sig(w0*x0 + w1*x1 + w2)';

test('a typed gate steps as one gate with its local derivative; the toggle shows its primitive steps, and the link keeps it', async ({ page }) => {
	const errors = watchErrors(page);
	await openExample(page, 'add-mul', 1);
	const box = page.getByTestId('program');
	await box.focus();
	await page.keyboard.press('Control+A');
	// One input event, so no half-typed program runs first.
	await page.keyboard.insertText(PROGRAM);
	await expect(page.getByTestId('error')).toHaveCount(0);
	// Forward: four sums and products of the argument, then the one gate; backward: the seed and 9 more.
	await expect(page.getByTestId('step-counter')).toHaveText('1 / 15');
	const gates = page.getByTestId('gates');
	await expect(gates).toBeVisible();
	await expect(gates.getByRole('radio', { name: 'one gate' })).toBeChecked();

	// The backward step of the gate's argument: its local derivative, found through the body.
	await box.blur();
	await page.getByTestId('step-counter').click();
	for (let k = 1; k < 7; k++) await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('step-counter')).toHaveText('7 / 15');
	const tex = (await stepTex(page)).join('\n');
	expect(tex).toContain('\\frac{\\partial \\operatorname{sig}\\left(z\\right)}{\\partial z} = \\frac{1}{\\left(1 + e^{-z}\\right)^{2}} \\cdot e^{-z}');
	// sig'(1) = e^{-1} / (1 + e^{-1})^2 = 0.1966, the number the notes round to 0.20.
	expect(tex).toMatch(/= 0\.1966/);
	await expect(page.locator('body')).toContainText('sig is your own gate, defined on line 1');

	// Expanded: neg, exp, add and inv are steps of their own (8 forward, 13 backward), and the reader stays on the
	// same node: the backward step of the gate's argument, now after the body's own backward steps.
	const heading = await page.locator('#step-h').textContent();
	await gates.getByRole('radio', { name: 'its primitive steps' }).check();
	await expect(page.getByTestId('step-counter')).toHaveText(/ \/ 21$/);
	await expect(page).toHaveURL(/gates=expanded/);
	const { k } = await counter(page);
	expect(k).toBe(13);
	await expect(page.locator('#step-h')).toHaveText(heading!);
	const seen: string[] = [];
	// Off the radio buttons first: there the arrow keys would change the choice.
	await page.getByTestId('step-counter').click();
	await page.keyboard.press('Home');
	for (let j = 1; j < 9; j++) {
		seen.push(...(await stepTex(page)));
		await page.keyboard.press('ArrowRight');
	}
	const forward = seen.join('\n');
	expect(forward).toContain('e^{-1} = 0.3679');
	expect(forward).not.toContain('\\operatorname{sig}');

	// The link reopens the expanded view.
	await page.reload();
	await expect(page.getByTestId('step-counter')).toHaveText(/ \/ 21$/);
	await expect(page.getByTestId('gates').getByRole('radio', { name: 'its primitive steps' })).toBeChecked();
	expect(errors).toEqual([]);
});

test('present and the embed page honour gates=expanded, and default to one gate', async ({ page }) => {
	const errors = watchErrors(page);
	const p = await compressText(PROGRAM);
	// 15 steps with the gate as one step, 21 with neg, exp, add and inv of its body as steps of their own.
	for (const [query, n] of [['', 15], ['&gates=expanded', 21]] as const) {
		await page.goto(`./present?p=${p}${query}`);
		await expect(page.getByTestId('step-counter')).toHaveText(`1 / ${n}`);
		await page.goto(`./embed?p=${p}${query}`);
		await expect(page.getByTestId('step-counter')).toHaveText(`1 / ${n}`);
	}
	expect(errors).toEqual([]);
});
