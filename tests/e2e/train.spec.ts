import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { fmt } from '../../src/lib/core/tex/number';
import { openExample, watchErrors } from './viewer-helpers';

/**
 * The oracle, written here and not read from the page or the engine: the example's 2-2-1 network
 * (z = xw, h = σ(z), ŷ = h1 w5 + h2 w6, E = (y − ŷ)²) with its gradient by the chain rule, and
 * plain gradient descent on w1…w6.
 */
function oracle221(eta: number, steps: number) {
	const x1 = 0.05;
	const x2 = 0.1;
	const y = 0.01;
	let [w1, w2, w3, w4, w5, w6] = [0.15, 0.25, 0.2, 0.3, 0.4, 0.45];
	const sig = (z: number) => 1 / (1 + Math.exp(-z));
	const losses: number[] = [];
	for (let s = 0; ; s++) {
		const h1 = sig(x1 * w1 + x2 * w3);
		const h2 = sig(x1 * w2 + x2 * w4);
		losses.push((y - (h1 * w5 + h2 * w6)) ** 2);
		if (s === steps) break;
		const d = -2 * (y - (h1 * w5 + h2 * w6));
		const d1 = d * w5 * h1 * (1 - h1);
		const d2 = d * w6 * h2 * (1 - h2);
		[w1, w2, w3, w4, w5, w6] = [w1 - eta * d1 * x1, w2 - eta * d2 * x1, w3 - eta * d1 * x2, w4 - eta * d2 * x2, w5 - eta * d * h1, w6 - eta * d * h2];
	}
	return { losses, w: { w1, w2, w3, w4, w5, w6 } };
}

async function download(page: Page, name: string): Promise<{ file: string; text: string }> {
	const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
	return { file: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
}

const literal = (program: string, name: string) => new RegExp(`^${name} = (\\S+)$`, 'm').exec(program)?.[1];

test('the slide update: w1 alone, η = .01, loss 0.2070 → 0.0725, then lower again', async ({ page }) => {
	await openExample(page, 'sigmoid-descent');
	await expect(page.getByRole('button', { name: '1 step', exact: true })).toHaveCount(0);
	await page.getByRole('button', { name: 'Finish the backward pass first' }).click();
	await expect(page.getByTestId('loss')).toHaveText('0.207');
	// The example starts with w1 alone ticked, as its comment and the slide say.
	await expect(page.getByRole('checkbox', { name: 'w1' })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'w2' })).not.toBeChecked();
	await page.getByLabel('η (learning rate)').fill('0.01');
	await page.getByRole('button', { name: '1 step', exact: true }).click();
	await expect(page.getByTestId('loss')).toHaveText(/^0\.0725/);
	// The exact new value, not 6 digits of it: −0.0199 on the slide's corrected update.
	const w1 = literal(await page.getByTestId('program').inputValue(), 'w1')!;
	expect(w1).toMatch(/^-0\.01985\d{8,}$/);
	await page.getByRole('button', { name: '1 step', exact: true }).click();
	await expect(page.getByTestId('loss-curve')).toHaveAttribute('data-points', '3');
	await expect(page.getByTestId('curve-summary')).toContainText('L fell from 0.207 to');
	await expect(page.getByTestId('curve-summary')).toContainText('in 2 steps');
});

test('100 steps of the 2-2-1 network match a hand-written loop; the program, curve, CSV and SVG hold the run', async ({ page }) => {
	const errors = watchErrors(page);
	const eta = 0.1;
	const want = oracle221(eta, 100);
	await openExample(page, 'mlp-2-2-1');
	await page.getByRole('button', { name: 'Last step' }).click();
	await page.getByLabel('η (learning rate)').fill(String(eta));
	await page.getByRole('button', { name: '100 steps', exact: true }).click();
	await expect(page.getByTestId('loss')).toHaveText(fmt(want.losses[100], 4));
	await expect(page.getByTestId('curve-summary')).toHaveText(`E fell from ${fmt(want.losses[0], 4)} to ${fmt(want.losses[100], 4)} in 100 steps.`);
	// At the Digits setting: more digits shown, the same run.
	await page.getByLabel('Significant digits shown').selectOption('8');
	await expect(page.getByTestId('loss')).toHaveText(fmt(want.losses[100], 8));
	// The program holds the exact values: each weight agrees with the oracle far past any shown digit.
	const program = await page.getByTestId('program').inputValue();
	for (const [name, v] of Object.entries(want.w)) {
		const text = literal(program, name)!;
		expect(Math.abs(Number(text) - v), `${name} = ${text}, oracle ${v}`).toBeLessThan(1e-14);
	}
	await expect(page.getByTestId('loss-curve')).toHaveAttribute('data-points', '101');
	await expect(page.getByTestId('param-track')).toHaveCount(6);
	await expect(page.getByTestId('grad-map')).toHaveAttribute('data-rows', '15');

	const csv = await download(page, 'Download history (CSV)');
	expect(csv.file).toBe('mlp-2-2-1-training.csv');
	const lines = csv.text.trimEnd().split('\n');
	expect(lines.length).toBe(102);
	const head = lines[0].split(',');
	expect(head.slice(0, 8)).toEqual(['step', 'loss', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6']);
	expect(head).toContain('|dE/dh1|');
	for (const s of [0, 37, 100]) {
		const row = lines[s + 1].split(',').map(Number);
		expect(row[0]).toBe(s);
		expect(Math.abs(row[1] - want.losses[s])).toBeLessThanOrEqual(1e-12 * want.losses[s]);
	}
	const last = lines[101].split(',').map(Number);
	expect(Math.abs(last[2] - want.w.w1)).toBeLessThan(1e-14);

	const svg = await download(page, 'Download curve (SVG)');
	expect(svg.file).toBe('mlp-2-2-1-loss-curve.svg');
	const parsed = await page.evaluate((text) => {
		const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
		return { root: doc.documentElement.nodeName, error: doc.querySelector('parsererror')?.textContent ?? '', paths: doc.querySelectorAll('path').length, title: doc.querySelector('title')?.textContent };
	}, svg.text);
	expect(parsed.error).toBe('');
	expect(parsed.root).toBe('svg');
	expect(parsed.paths).toBeGreaterThanOrEqual(2);
	expect(parsed.title).toBe(`E fell from ${fmt(want.losses[0], 8)} to ${fmt(want.losses[100], 8)} in 100 steps.`);
	expect(errors).toEqual([]);
});

test('a second run continues the curve; the log scale and the keyboard read it', async ({ page }) => {
	const want = oracle221(0.1, 110);
	await openExample(page, 'mlp-2-2-1');
	await page.getByRole('button', { name: 'Last step' }).click();
	await page.getByLabel('η (learning rate)').fill('0.1');
	await page.getByRole('button', { name: '100 steps', exact: true }).click();
	await page.getByRole('button', { name: '10 steps', exact: true }).click();
	await expect(page.getByTestId('loss-curve')).toHaveAttribute('data-points', '111');
	await expect(page.getByTestId('loss')).toHaveText(fmt(want.losses[110], 4));
	await page.getByLabel('log scale').check();
	const curve = page.getByRole('slider', { name: 'Loss curve' });
	await curve.focus();
	await expect(page.getByTestId('curve-readout')).toHaveText(`step 110: E = ${fmt(want.losses[110], 4)}`);
	await page.keyboard.press('Home');
	await expect(page.getByTestId('curve-readout')).toHaveText(`step 0: E = ${fmt(want.losses[0], 4)}`);
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('curve-readout')).toHaveText(`step 1: E = ${fmt(want.losses[1], 4)}`);
	await expect(curve).toHaveAttribute('aria-valuetext', `step 1: E = ${fmt(want.losses[1], 4)}`);
	// The page's own step keys did not move the trace meanwhile.
	await expect(page.getByTestId('step-counter')).toHaveText(/^(\d+) \/ \1$/);
	// The pointer reads the curve too: at the left edge it is step 0.
	const box = (await page.getByTestId('loss-curve').boundingBox())!;
	await page.mouse.move(box.x + 52, box.y + box.height / 2);
	await expect(page.getByTestId('curve-readout')).toHaveText(`step 0: E = ${fmt(want.losses[0], 4)}`);
});

test('η = 1e308 is refused, naming the leaf and the value; nothing is written', async ({ page }) => {
	await openExample(page, 'sigmoid-descent');
	await page.getByRole('button', { name: 'Finish the backward pass first' }).click();
	const before = await page.getByTestId('program').inputValue();
	await page.getByLabel('η (learning rate)').fill('1e308');
	await page.getByRole('button', { name: '10 steps', exact: true }).click();
	const msg = page.getByRole('alert');
	await expect(msg).toContainText('Step 1 refused: w1 would become -Infinity');
	await expect(msg).toContainText('Use a smaller η');
	await expect(msg).toContainText('No step was applied.');
	expect(await page.getByTestId('program').inputValue()).toBe(before);
	await page.getByLabel('η (learning rate)').fill('');
	await page.getByRole('button', { name: '1 step', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('η (the learning rate) must be a finite number');
});

test('training every weight of the softmax MLP lowers its loss', async ({ page }) => {
	await openExample(page, 'mlp-softmax');
	await page.getByRole('button', { name: 'Last step' }).click();
	const before = Number(await page.getByTestId('loss').textContent());
	await page.getByLabel('η (learning rate)').fill('0.5');
	await page.getByRole('button', { name: '10 steps', exact: true }).click();
	await expect(page.getByTestId('loss-curve')).toHaveAttribute('data-points', '11');
	expect(Number(await page.getByTestId('loss').textContent())).toBeLessThan(before);
	await expect(page.getByTestId('curve-summary')).toContainText('L fell from');
});

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

for (const scheme of ['light', 'dark'] as const)
	test(`after a run the panel has no serious axe finding (${scheme})`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: scheme });
		await openExample(page, 'mlp-softmax');
		await page.getByRole('button', { name: 'Last step' }).click();
		await page.getByRole('button', { name: '10 steps', exact: true }).click();
		await expect(page.getByTestId('grad-map')).toBeVisible();
		await page.addScriptTag({ path: axePath });
		const found = await page.evaluate(async () => {
			type V = { id: string; impact: string | null; nodes: { target: unknown[] }[] };
			const w = window as unknown as { axe: { run: (c: Element, o: object) => Promise<{ violations: V[] }> } };
			const r = await w.axe.run(document.querySelector('section.train')!, { resultTypes: ['violations'] });
			return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
		});
		expect(found).toEqual([]);
	});

test('a program past 2,000 characters trains at once and keeps its history; 1,000 steps are quick', async ({ page }) => {
	const m = (r: number, c: number) => `[${Array.from({ length: r }, (_, i) => `[${Array.from({ length: c }, (_, j) => (((i * 7 + j * 3) % 11) - 5) / 20).join(', ')}]`).join(', ')}]`;
	const v = (n: number, f: (i: number) => number) => `[${Array.from({ length: n }, (_, i) => f(i)).join(', ')}]`;
	const program = `x = ${v(8, (i) => (i - 4) / 8)}\nW1 = ${m(10, 8)}\nb1 = ${v(10, () => 0.1)}\nW2 = ${m(3, 10)}\nb2 = ${v(3, () => 0)}\nt = [0, 1, 0]\nh = tanh(W1 @ x + b1)\np = softmax(W2 @ h + b2)\nL = -sum(t * log(p))\n`;
	await openExample(page, 'add-mul');
	await page.getByTestId('program').fill(program);
	await page.getByRole('button', { name: 'Last step' }).click();
	await page.getByLabel('η (learning rate)').fill('0.1');
	for (const points of [1001, 2001]) {
		const started = Date.now();
		await page.getByRole('button', { name: '1,000 steps', exact: true }).click();
		await expect(page.getByTestId('loss-curve')).toHaveAttribute('data-points', String(points));
		// Generous for a loaded 2-core machine; alone it is about a few hundred ms.
		expect(Date.now() - started).toBeLessThan(4_000);
	}
	expect((await page.getByTestId('program').inputValue()).length).toBeGreaterThan(2_000);
	await expect(page.getByTestId('train-message')).toHaveCount(0);
});
