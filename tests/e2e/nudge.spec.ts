import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { EXAMPLES } from '../../src/lib/examples/examples';
import { openExample, watchErrors } from './viewer-helpers';
import { paste } from './latency-helpers';
import { CLI } from '../setup/build-cli';

/** The numbers the page must show come from the CLI's `trace --check`, a separate run of the program. */
interface Check {
	numeric: number;
	backprop: number;
	relative_error: number;
}
interface TraceJson {
	steps: { k: number; kind: string; node: string }[];
	grads: Record<string, unknown>;
	check: Record<string, Check>;
}
function traceJson(example: string, ...args: string[]): TraceJson {
	const program = EXAMPLES.find((e) => e.id === example)!.program;
	const r = spawnSync(process.execPath, [CLI, 'trace', '-', '--format', 'json', '--check', ...args], { input: program, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(r.stderr);
	return JSON.parse(r.stdout);
}
const backwardStep = (j: TraceJson, node: string) => j.steps.find((s) => s.kind === 'backward' && s.node === node)!.k;

/** A number shown with `sig` significant digits is the exact one rounded: within half a unit of its last digit. */
function expectShown(shown: string, exact: number, sig = 4) {
	const n = Number(shown);
	expect(Number.isFinite(n), shown).toBe(true);
	expect(Math.abs(n - exact), `${shown} shows ${exact}`).toBeLessThanOrEqual(Math.abs(exact) * 0.5 * 10 ** (1 - sig) * 1.0001 + 1e-300);
}

const stepTitle = (page: Page) => page.locator('#step-h');
const block = (page: Page) => page.getByTestId('nudge-check');
const shown = async (page: Page, id: string) => (await page.getByTestId(id).textContent())?.trim().split(' ')[0] ?? '';

test('a leaf of the sigmoid gate: numeric beside backprop as `trace --check` prints them; h changes the numbers', async ({ page }) => {
	const errors = watchErrors(page);
	const j = traceJson('sigmoid-gate');
	await openExample(page, 'sigmoid-gate', backwardStep(j, 'w0'));
	await expect(block(page)).toBeVisible();
	await expect(block(page).getByRole('heading', { name: 'Nudge check' })).toBeVisible();
	expectShown(await shown(page, 'nudge-numeric'), j.check.w0.numeric);
	expectShown(await shown(page, 'nudge-backprop'), j.check.w0.backprop);
	expectShown(await shown(page, 'nudge-error'), j.check.w0.relative_error);
	await expect(page.getByTestId('nudge-error')).toContainText('agree');
	await expect(page.getByTestId('nudge-sentence')).toContainText('Nudging w0 from 2 up and down by h = 1e-6 changed f by');
	await expect(page.getByTestId('nudge-sentence')).toContainText('where backprop says ∂f/∂w0 = -0.1966');

	// h = 0.5: the central difference's truncation error shows (the CLI with --h 0.5 agrees).
	const wide = traceJson('sigmoid-gate', '--h', '0.5').check.w0;
	const h = page.getByRole('spinbutton', { name: 'nudge size h' });
	await h.fill('0.5');
	await expect(page.getByTestId('nudge-sentence')).toContainText('by h = 0.5');
	expectShown(await shown(page, 'nudge-numeric'), wide.numeric);
	expectShown(await shown(page, 'nudge-error'), wide.relative_error);
	expect(wide.relative_error).toBeGreaterThan(1e3 * j.check.w0.relative_error);
	expectShown(await shown(page, 'nudge-backprop'), j.check.w0.backprop);
	// h stays while stepping: the next leaf is checked with it too.
	await page.getByRole('button', { name: 'Previous step' }).click();
	await expect(page.getByTestId('nudge-sentence')).not.toContainText('Nudging w0');
	await expect(h).toHaveValue('0.5');
	expect(errors).toEqual([]);
});

test('a bad h says what is wrong and shows no numbers', async ({ page }) => {
	const j = traceJson('add-mul');
	await openExample(page, 'add-mul', backwardStep(j, 'z'));
	const h = page.getByRole('spinbutton', { name: 'nudge size h' });
	await h.fill('0');
	await expect(block(page).getByRole('alert')).toHaveText(/h = 0 must be greater than 0/);
	await expect(page.getByTestId('nudge-numeric')).toHaveCount(0);
	await expect(h).toHaveAttribute('aria-invalid', 'true');
	await h.fill('-0.001');
	await expect(block(page).getByRole('alert')).toHaveText(/must be greater than 0/);
	await h.fill('');
	await expect(block(page).getByRole('alert')).toHaveText(/h must be a number/);
	await h.fill('1e-3');
	await expect(block(page).getByRole('alert')).toHaveCount(0);
	expectShown(await shown(page, 'nudge-numeric'), j.check.z.numeric);
});

test('an inner node is nudged as if it were an input; forward steps have no check', async ({ page }) => {
	const j = traceJson('add-mul');
	await openExample(page, 'add-mul', backwardStep(j, 'q'));
	// ∂f/∂q is z = −4 (a product's gradient is the other factor); f is linear in q, so the nudge is exact.
	expect(j.grads.q).toBe(-4);
	expectShown(await shown(page, 'nudge-numeric'), j.grads.q as number);
	await expect(page.getByTestId('nudge-sentence')).toContainText('Setting q (computed, not typed in) by hand from 3');
	await openExample(page, 'add-mul', 1);
	await expect(block(page)).toHaveCount(0);
});

test('one named value: each element of W against the CLI, the worst named; a big one folds the rest away', async ({ page }) => {
	const j = traceJson('norm-Wx');
	await page.goto(`./?example=norm-Wx&g=group&step=${backwardStep(traceJson('norm-Wx', '--granularity', 'group'), 'W')}`);
	await expect(stepTitle(page)).toHaveText(/^Backward · W\s*$/);
	const rows = block(page).getByTestId('nudge-row');
	await expect(rows).toHaveCount(4);
	for (let r = 0; r < 4; r++) {
		const cells = (await rows.nth(r).locator('th, td').allTextContents()).map((s) => s.trim());
		const c = j.check[cells[0]];
		expect(c, cells[0]).toBeDefined();
		expectShown(cells[1], c.numeric);
		expectShown(cells[2], c.backprop);
		expectShown(cells[3], c.relative_error);
	}
	await expect(page.getByTestId('nudge-sentence')).toContainText('Each of the 4 elements of W was nudged by ±h on its own');

	// W1 of the softmax MLP has 12 elements: the worst is shown, the rest behind a disclosure.
	const m = traceJson('mlp-softmax', '--precision', '8');
	await page.goto(`./?example=mlp-softmax&g=group&sig=8&step=${backwardStep(traceJson('mlp-softmax', '--granularity', 'group'), 'W1')}`);
	await expect(stepTitle(page)).toHaveText(/^Backward · W1\s*$/);
	const all = block(page).getByText('All 12 elements of W1');
	await expect(all).toBeVisible();
	await expect(block(page).getByTestId('nudge-row').first()).toBeVisible();
	// Closed, the disclosure holds no rows: a 1,200-element layer would otherwise cost every step its table.
	await expect(block(page).locator('details').getByTestId('nudge-row')).toHaveCount(0);
	await all.click();
	await expect(block(page).locator('details').getByTestId('nudge-row')).toHaveCount(12);
	const worst = (await block(page).getByTestId('nudge-row').first().locator('th, td').allTextContents()).map((s) => s.trim());
	const worstCli = Object.entries(m.check)
		.filter(([k]) => k.startsWith('W1['))
		.reduce((a, b) => (b[1].relative_error > a[1].relative_error ? b : a));
	expect(worst[0]).toBe(worstCli[0]);
	// Digits = 8: the numbers carry 8 significant digits.
	expectShown(worst[1], worstCli[1].numeric, 8);
	expectShown(worst[2], worstCli[1].backprop, 8);
});

test('a 1,600-element W is checked after its step paints, every element, the worst named; leaving and coming back checks it again', async ({ page }) => {
	const errors = watchErrors(page);
	const n = 40;
	const row = (i: number) => `[${Array.from({ length: n }, (_, j) => (((i * 7 + j * 3) % 11) - 5) / 10).join(', ')}]`;
	await page.goto('./?example=add-mul&g=group');
	await paste(page, `x = ${row(1)}\nW = [${Array.from({ length: n }, (_, i) => row(i)).join(', ')}]\nh = tanh(W @ x)\nL = sum(h * h)\n`);
	// The pasted program's first step (add-mul, before it, has as many steps: the title tells them apart).
	await expect(stepTitle(page)).toHaveText(/^Forward · h\s*$/);
	await page.locator('h1').click();
	await page.keyboard.press('End');
	await expect(stepTitle(page)).toHaveText(/^Backward · x\s*$/);
	await page.keyboard.press('ArrowLeft');
	await expect(stepTitle(page)).toHaveText(/^Backward · W\s*$/);
	// The step's math is on screen at once; the check follows within a moment.
	await expect(page.getByTestId('nudge-sentence')).toContainText(`Each of the 1,600 elements of W was nudged by ±ε on its own`, { timeout: 15_000 });
	await expect(block(page)).toHaveAttribute('aria-busy', 'false');
	await expect(block(page).getByText('All 1,600 elements of W')).toBeVisible();
	await block(page).getByText('All 1,600 elements of W').click();
	await expect(block(page).locator('details').getByTestId('nudge-row')).toHaveCount(n * n);
	// Leaving and coming back mid-check: the new step's check is the one shown, never the old one's rows.
	await page.locator('h1').click();
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowRight');
	await expect(stepTitle(page)).toHaveText(/^Backward · W\s*$/);
	await expect(page.getByTestId('nudge-sentence')).toContainText(`Each of the 1,600 elements of W`, { timeout: 15_000 });
	expect(errors).toEqual([]);
});

for (const theme of ['light', 'dark'] as const)
	test(`the nudge check passes axe in the ${theme} theme: a scalar step, a bad h, a named value with every element shown`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: theme });
		const axe = async () => {
			await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
			const found = await page.evaluate(async () => {
				const w = window as unknown as { axe: { run: (ctx: Element, o: object) => Promise<{ violations: { id: string; impact: string | null }[] }> } };
				return (await w.axe.run(document.querySelector('[data-testid=nudge-check]')!, { resultTypes: ['violations'] })).violations;
			});
			return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
		};
		await openExample(page, 'sigmoid-gate', 21);
		expect(await axe()).toEqual([]);
		await page.getByRole('spinbutton', { name: 'nudge size h' }).fill('0');
		await expect(block(page).getByRole('alert')).toBeVisible();
		expect(await axe()).toEqual([]);
		await page.goto('./?example=mlp-softmax&g=group&step=11');
		await block(page).getByText(/^All \d+ elements/).click();
		expect(await axe()).toEqual([]);
	});
