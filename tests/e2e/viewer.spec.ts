import { expect, test } from '@playwright/test';
import { EXAMPLES } from '../../src/lib/examples/examples';
import { counter, openExample, stepTex, watchErrors } from './viewer-helpers';

for (const ex of EXAMPLES) {
	test(`${ex.id}: loads and steps to the end by keyboard, then back and to the end by buttons`, async ({ page }) => {
		const errors = watchErrors(page);
		await openExample(page, ex.id);
		const { n } = await counter(page);
		expect(n).toBeGreaterThan(1);
		await expect(page.getByTestId('program')).toHaveValue(ex.program);
		await page.locator('body').click({ position: { x: 1, y: 1 } });
		for (let k = 1; k < n; k++) {
			await page.keyboard.press('ArrowRight');
			await expect(page.getByTestId('step-counter')).toHaveText(`${k + 1} / ${n}`);
			expect(await page.locator('.katex-error').count()).toBe(0);
		}
		await page.keyboard.press('Home');
		await expect(page.getByTestId('step-counter')).toHaveText(`1 / ${n}`);
		await page.keyboard.press('End');
		await expect(page.getByTestId('step-counter')).toHaveText(`${n} / ${n}`);
		await page.getByRole('button', { name: 'First step' }).click();
		const next = page.getByRole('button', { name: 'Next step' });
		for (let k = 1; k < n; k++) await next.click();
		await expect(page.getByTestId('step-counter')).toHaveText(`${n} / ${n}`);
		await expect(next).toBeDisabled();
		await page.getByRole('button', { name: 'Previous step' }).click();
		await page.getByRole('button', { name: 'Last step' }).click();
		await expect(page.getByTestId('step-counter')).toHaveText(`${n} / ${n}`);
		expect(await page.locator('.katex-error').count()).toBe(0);
		expect(errors).toEqual([]);
	});
}

test('add-mul at step 7 shows ∂f/∂x = -4', async ({ page }) => {
	await openExample(page, 'add-mul', 7);
	await expect(page.getByTestId('step-counter')).toHaveText('7 / 7');
	await expect(page.getByRole('heading', { name: 'Backward · x' })).toBeVisible();
	const tex = await stepTex(page);
	expect(tex.some((t) => t.replace(/\s+/g, '').endsWith('=-4') && t.includes('\\partial f'))).toBe(true);
	await expect(page.getByTestId('step-math')).toContainText('−4');
});

test('a bad program shows its error at line:col as it is typed, keeps the text and the last good steps', async ({ page }) => {
	const errors = watchErrors(page);
	await openExample(page, 'add-mul', 4);
	const box = page.getByTestId('program');
	// Focus, not click: clicking a line of the program jumps to that line's step.
	await box.focus();
	await page.keyboard.press('Control+End');
	// One input event: typed key by key, a slow machine may run the valid prefix `g = f + q` first.
	await page.keyboard.insertText('g = f + qq');
	await expect(page.getByTestId('error')).toHaveCount(1);
	await expect(page.getByTestId('error')).toContainText('6:9');
	await expect(page.getByTestId('error')).toContainText('qq');
	await expect(box).toHaveValue('x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\ng = f + qq');
	await expect(page.getByTestId('step-math')).toBeVisible();
	await expect(page.getByTestId('step-counter')).toHaveText(/^4 \//);
	const shown = await page.getByTestId('step-counter').textContent();
	// Typing into the editor must not step the trace.
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('Home');
	await expect(page.getByTestId('step-counter')).toHaveText(shown!);
	await page.keyboard.press('End');
	// g = f + q runs: the errors go and the new trace replaces the old one.
	await page.keyboard.press('Backspace');
	await expect(page.getByTestId('error')).toHaveCount(0);
	await expect(page.getByTestId('step-counter')).toHaveText(/ 9$/);
	expect(errors).toEqual([]);
});

test('replacing the program with a smaller one redraws the graph, and errors keep updating', async ({ page }) => {
	const errors = watchErrors(page);
	await openExample(page, 'add-mul', 1);
	await expect(page.getByTestId('graph')).toBeVisible({ timeout: 20_000 });
	const box = page.getByTestId('program');
	await box.focus();
	await page.keyboard.press('Control+A');
	// The old graph's drawing has five nodes; the new program has one.
	await page.keyboard.insertText('a = 3');
	await expect(page.getByTestId('step-counter')).toHaveText('1 / 1');
	await expect(page.getByTestId('graph').locator('[data-id="n0"]')).toBeVisible();
	await expect(page.getByTestId('graph').locator('[data-id="n1"]')).toHaveCount(0);
	await page.keyboard.insertText(' +');
	await expect(page.getByTestId('error')).toContainText('1:7');
	await page.keyboard.press('Backspace');
	await page.keyboard.press('Backspace');
	await expect(page.getByTestId('error')).toHaveCount(0);
	await page.keyboard.insertText('\nf = a * a');
	await expect(page.getByTestId('step-counter')).toHaveText('1 / 3');
	await expect(page.locator('.overlay .line').nth(1)).toHaveText('f = a * a');
	expect(errors).toEqual([]);
});

test('a program line leads to its step, and the step lights its line', async ({ page }) => {
	await openExample(page, 'add-mul', 7);
	await page.getByRole('button', { name: 'Go to the step of line 4' }).click();
	await expect(page.getByTestId('step-counter')).toHaveText('4 / 7');
	await expect(page.getByRole('heading', { name: 'Backward · q' })).toBeVisible();
	await expect(page.locator('.overlay .line.current')).toHaveText('q = x + y');
	await page.getByRole('button', { name: 'First step' }).click();
	await page.getByRole('button', { name: 'Go to the step of line 5' }).click();
	await expect(page.getByRole('heading', { name: 'Forward · f' })).toBeVisible();
});

test('clicking into the text to edit a leaf keeps the forward pass; an assignment line goes to its step', async ({ page }) => {
	await openExample(page, 'add-mul', 2);
	const box = page.getByTestId('program');
	const lineY = async (n: number) => {
		const b = (await page.locator('.overlay .line').nth(n - 1).boundingBox())!;
		const area = (await box.boundingBox())!;
		return b.y - area.y + b.height / 2;
	};
	// Line 1 is the leaf x = -2: it has no forward step, and its backward step would show gradients.
	await box.click({ position: { x: 40, y: await lineY(1) } });
	await expect(page.getByTestId('step-counter')).toHaveText('2 / 7');
	await box.click({ position: { x: 40, y: await lineY(4) } });
	await expect(page.getByTestId('step-counter')).toHaveText('1 / 7');
});

test('clicking a graph node jumps to its step: forward while going forward, backward after', async ({ page }) => {
	await openExample(page, 'add-mul', 1);
	const graph = page.getByTestId('graph');
	await expect(graph).toBeVisible({ timeout: 20_000 });
	// Node ids follow the program: x, y, z, q, f are nodes 0..4.
	await graph.locator('[data-id="n4"]').click();
	await expect(page.getByRole('heading', { name: 'Forward · f' })).toBeVisible();
	await page.getByRole('button', { name: 'Jump to the start of the backward pass' }).click();
	await graph.locator('[data-id="n3"]').click();
	await expect(page.getByRole('heading', { name: 'Backward · q' })).toBeVisible();
	await expect(page.getByTestId('step-counter')).toHaveText('4 / 7');
});

test('granularity switch keeps the place', async ({ page }) => {
	await openExample(page, 'norm-Wx', 2);
	const before = await counter(page);
	await page.getByLabel('one named value').check();
	await expect(page.getByRole('heading', { name: /Forward · q/ })).toBeVisible();
	await page.getByLabel('one scalar').check();
	await expect(page.getByTestId('step-counter')).toHaveText(`1 / ${before.n}`);
	await expect(page.getByRole('heading', { name: /Forward · q/ })).toBeVisible();
});

test('editing a leaf value recomputes at the same step', async ({ page }) => {
	await openExample(page, 'add-mul', 7);
	const x = page.getByLabel('Value of x');
	await x.fill('-3');
	await x.press('Enter');
	await expect(page.getByTestId('program')).toHaveValue(/^x = -3\n/);
	await expect(page.getByTestId('step-counter')).toHaveText('7 / 7');
	await page.getByRole('button', { name: 'First step' }).click();
	await expect(page.getByTestId('step-math')).toContainText('2');
	const handle = page.getByRole('slider', { name: 'Drag to change y' });
	const b = (await handle.boundingBox())!;
	await page.mouse.move(b.x + 5, b.y + 5);
	await page.mouse.down();
	await page.mouse.move(b.x + 105, b.y + 5, { steps: 5 });
	await page.mouse.up();
	await expect(page.getByTestId('program')).toHaveValue(/\ny = 10\n/);
	await expect(page.getByTestId('step-counter')).toHaveText('1 / 7');
});

test('an emptied leaf box shows the value the program still has', async ({ page }) => {
	await openExample(page, 'add-mul', 7);
	const x = page.getByLabel('Value of x');
	await x.fill('');
	await x.press('Tab');
	await expect(x).toHaveValue('-2');
	await expect(page.getByTestId('program')).toHaveValue(/^x = -2\n/);
	await expect(page.getByTestId('step-counter')).toHaveText('7 / 7');
});

test('play runs to the end and Space pauses', async ({ page }) => {
	await openExample(page, 'add-mul');
	await page.getByLabel('Playback speed, steps per second').selectOption('8');
	await page.getByRole('button', { name: 'Play' }).click();
	await expect(page.getByTestId('step-counter')).toHaveText('7 / 7', { timeout: 5000 });
	await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
	await page.getByRole('button', { name: 'First step' }).click();
	await page.locator('h1').click();
	await page.keyboard.press(' ');
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
	await page.keyboard.press(' ');
	await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('arrows step while a checkbox has focus; a radio keeps its arrows for its own choice', async ({ page }) => {
	await openExample(page, 'mlp-2-2-1', 2);
	const box = page.getByRole('checkbox').first();
	await box.focus();
	const before = (await counter(page)).k;
	await page.keyboard.press('ArrowRight');
	await expect.poll(async () => (await counter(page)).k).toBe(before + 1);
	await expect(box).toBeFocused();
	await page.getByRole('radio', { name: 'one scalar' }).focus();
	await page.keyboard.press('ArrowRight');
	await expect(page.getByRole('radio', { name: 'one named value' })).toBeChecked();
});

test('each step is announced to screen readers', async ({ page }) => {
	await openExample(page, 'add-mul', 7);
	await expect(page.locator('[aria-live="polite"][aria-atomic="true"]')).toContainText('Step 7 of 7. Backward · x. x feeds q');
});
