import { expect, test } from '@playwright/test';
import { run } from '../../src/lib/core/program.ts';
import { exampleById } from '../../src/lib/examples/examples.ts';

const SHOTS = 'test-output/screenshots';
test.use({ viewport: { width: 1280, height: 720 } });

function stepCount(id: string): number {
	const r = run(exampleById(id)!.program);
	if (!r.ok) throw new Error(id);
	return r.trace.steps.length;
}

test('PageDown and PageUp move one slide, arrows too, and the URL keeps the place', async ({ page }) => {
	const n = stepCount('add-mul');
	await page.goto('./present?example=add-mul&step=1');
	const counter = page.getByTestId('step-counter');
	await expect(counter).toHaveText(`1 / ${n}`);
	await page.keyboard.press('PageDown');
	await expect(counter).toHaveText(`2 / ${n}`);
	await page.keyboard.press('PageDown');
	await page.keyboard.press('ArrowRight');
	await expect(counter).toHaveText(`4 / ${n}`);
	await page.keyboard.press('PageUp');
	await expect(counter).toHaveText(`3 / ${n}`);
	await expect(page).toHaveURL(/step=3/);
	await page.keyboard.press('End');
	await expect(counter).toHaveText(`${n} / ${n}`);
	await expect(page.getByTestId('step-math')).toContainText('∂');
	await page.reload();
	await expect(counter).toHaveText(`${n} / ${n}`);
});

test('B blacks out and brings back the same slide; the current node carries the laser', async ({ page }) => {
	await page.goto('./present?example=fan-out&step=6');
	await expect(page.getByTestId('step-counter')).toHaveText(/^6 \//);
	await expect(page.locator('.node.current .ring')).toHaveCount(1);
	await page.keyboard.press('b');
	await expect(page.getByTestId('blackout')).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/present-blackout.png` });
	await page.keyboard.press('PageDown');
	await expect(page.getByTestId('blackout')).toHaveCount(0);
	await expect(page.getByTestId('step-counter')).toHaveText(/^6 \//);
	await page.keyboard.press('B');
	await page.keyboard.press('B');
	await expect(page.getByTestId('blackout')).toHaveCount(0);
});

test('F asks for full screen', async ({ page }) => {
	await page.goto('./present?example=add-mul');
	await expect(page.getByTestId('step-counter')).toBeVisible();
	await page.keyboard.press('f');
	await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
	await page.keyboard.press('f');
	await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
});

const slides: [string, number | 'last', string][] = [
	['add-mul', 2, 'add-mul-forward'],
	['add-mul', 'last', 'add-mul-last'],
	['fan-out', 6, 'fan-out-sum'],
	['sigmoid-gate-fused', 9, 'sigmoid-gate-fused-backward'],
	['mlp-2-2-1', 'last', 'mlp-2-2-1-last'],
	['norm-Wx', 'last', 'norm-Wx-last'],
	['mlp-softmax', 60, 'mlp-softmax-60']
];
for (const [id, step, name] of slides)
	test(`slide screenshot at 1280×720: ${name}`, async ({ page }) => {
		const k = step === 'last' ? stepCount(id) : step;
		await page.goto(`./present?example=${id}&step=${k}`);
		await expect(page.getByTestId('step-counter')).toHaveText(new RegExp(`^${k} /`));
		await expect(page.getByTestId('graph')).toBeVisible({ timeout: 20_000 });
		await expect(page.locator('.katex-error')).toHaveCount(0);
		// Let the laser's pulse and the fit settle before the picture.
		await page.waitForTimeout(300);
		await page.screenshot({ path: `${SHOTS}/present-${name}.png` });
	});

test('the theme picked in the viewer holds in present and practice', async ({ page }) => {
	await page.goto('./?example=add-mul');
	const theme = page.getByRole('button', { name: /^Theme/ });
	await expect(theme).toBeVisible();
	while (!/Theme: dark/.test((await theme.getAttribute('aria-label')) ?? '')) await theme.click();
	for (const url of ['./present?example=add-mul', './practice?example=add-mul']) {
		await page.goto(url);
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		const bg = await page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor);
		expect(bg).not.toBe('rgb(255, 255, 255)');
	}
});
