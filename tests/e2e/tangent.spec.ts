import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { counter, openExample, stepTex as shownTex, watchErrors } from './viewer-helpers';
import { CLI } from '../setup/build-cli';

/** The step's LaTeX as written (KaTeX's annotation starts with its display style). */
const stepTex = async (page: Page) => (await shownTex(page)).map((t) => t.replace(/^\\displaystyle /, ''));

/**
 * Forward mode on the page: choose it and an input, step through the tangents, read them in the
 * step panel and on the graph. The numbers are checked against central finite differences of the
 * program's named values, each run through the CLI's `trace --format json` (the page's tangent code
 * plays no part in them), and the last step's ∂f/∂x against the CLI's backprop gradient and the
 * golden file.
 */

const GOLDEN = join(import.meta.dirname, '../../../shared/examples');

const FAN_OUT = 'a = 2\nb = 1\nc = a + b\nd = b + 1\ne = c * d\n';
const MLP = 'x1 = 0.05\nx2 = 0.10\nw1 = 0.15\nw2 = 0.25\nw3 = 0.20\nw4 = 0.30\nw5 = 0.40\nw6 = 0.45\ny = 0.01\nz1 = x1*w1 + x2*w3\nz2 = x1*w2 + x2*w4\nh1 = sigmoid(z1)\nh2 = sigmoid(z2)\nyhat = h1*w5 + h2*w6\nE = (y - yhat)^2\n';

interface TraceJson {
	readonly values: Record<string, number>;
	readonly grads: Record<string, number>;
}

function cliTrace(program: string): TraceJson {
	const r = spawnSync(process.execPath, [CLI, 'trace', '-', '--format', 'json'], { input: program, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`chainstep trace failed: ${r.stderr}`);
	return JSON.parse(r.stdout) as TraceJson;
}

/** ∂v/∂leaf for every named value v: (v(leaf + h) − v(leaf − h)) / 2h, from two runs of the CLI. */
function finiteDifferences(program: string, leaf: string): Record<string, number> {
	const line = new RegExp(`^${leaf} = (.+)$`, 'm');
	const x0 = Number(line.exec(program)![1]);
	const h = 1e-6 * Math.max(1, Math.abs(x0));
	const up = cliTrace(program.replace(line, `${leaf} = ${x0 + h}`)).values;
	const down = cliTrace(program.replace(line, `${leaf} = ${x0 - h}`)).values;
	return Object.fromEntries(Object.keys(up).map((k) => [k, (up[k] - down[k]) / (2 * h)]));
}

/** A number as the page prints it (4 significant digits) stands for a small range. */
function printedAs(shown: string, want: number): boolean {
	const v = Number(shown.replace('−', '-'));
	return Math.abs(v - want) <= 6e-4 * Math.max(Math.abs(want), 1e-3);
}

async function chooseForwardMode(page: Page, input?: string): Promise<void> {
	await page.getByRole('radio', { name: 'Forward mode' }).check();
	const picker = page.getByRole('combobox', { name: 'Input x' });
	await expect(picker).toBeVisible();
	if (input) await picker.selectOption(input);
}

/** The tangent text under a graph node (its SVG title starts with the node's name). */
function tangentOf(page: Page, label: string) {
	return page.getByTestId('graph').locator('g.node', { has: page.locator(`title`, { hasText: new RegExp(`^${label.replace(/[()*+[\]]/g, '\\$&')} = `) }) }).locator('text.tangent');
}

test('fan-out: forward mode seeded at b steps c, d, e, and reaches ∂e/∂b = backprop’s 5', async ({ page }) => {
	const errors = watchErrors(page);
	const fd = finiteDifferences(FAN_OUT, 'b');
	const backprop = cliTrace(FAN_OUT).grads;
	await openExample(page, 'fan-out');
	await chooseForwardMode(page, 'b');

	// The seed: one step more than the forward pass's three.
	await expect(page.getByRole('heading', { name: /^Seed · b/ })).toBeVisible();
	expect(await counter(page)).toEqual({ k: 1, n: 4 });
	await expect(page.getByTestId('step-note')).toHaveText(
		'Forward mode: this pass gives ∂v/∂b for every node v — one input. The gradient of e needs 2 forward passes (one per input: a, b); reverse mode gets both in one backward pass.'
	);
	expect(await stepTex(page)).toEqual(expect.arrayContaining(['\\dot{b} = 1', '\\dot{a} = 0']));
	await expect(tangentOf(page, 'b')).toHaveText('→ 1');
	await expect(tangentOf(page, 'a')).toHaveText('→ 0');
	await expect(tangentOf(page, 'c')).toHaveCount(0);
	await expect(page.getByTestId('graph-legend')).toContainText('tangent ∂v/∂b');

	// Keys go to the page, not to the focused radio or select (a radio moves its choice with arrows).
	await page.getByRole('heading', { name: /^Seed · b/ }).click();
	for (const [k, name] of [[2, 'c'], [3, 'd'], [4, 'e']] as const) {
		await page.keyboard.press('ArrowRight');
		await expect(page.getByRole('heading', { name: new RegExp(`^Tangent · ${name}`) })).toBeVisible();
		expect((await counter(page)).k).toBe(k);
		// The step's tangent line ends in the number, and the graph writes it under the node.
		const line = (await stepTex(page)).find((t) => t.startsWith(`\\dot{${name}} =`));
		expect(line, `tangent line of ${name}`).toBeDefined();
		const shown = line!.split(' = ').at(-1)!;
		expect(printedAs(shown, fd[name]), `${name}: page ${shown}, finite difference ${fd[name]}`).toBe(true);
		const onGraph = (await tangentOf(page, name).textContent())!.replace('→ ', '');
		expect(printedAs(onGraph, fd[name]), `${name} on the graph: ${onGraph}, finite difference ${fd[name]}`).toBe(true);
		await expect(page.getByTestId('graph').locator('g.node.current title')).toHaveText(new RegExp(`^${name} = `));
	}

	// The last step: ∂e/∂b from this pass, and backprop's gradient of b, the same number.
	expect(backprop.b).toBe(5);
	const tex = await stepTex(page);
	expect(tex).toContain('\\frac{\\partial e}{\\partial b} = \\dot{e} = 5');
	expect(tex).toContain(`\\frac{\\partial e}{\\partial b} = ${backprop.b}`);
	await expect(page.locator('.step .words')).toContainText("It is the same number backprop's backward pass stores as the gradient of b, ∂e/∂b = 5.");
	await expect(page.getByRole('button', { name: 'Next step' })).toBeDisabled();

	// The link keeps the mode, the input and the step; a reload comes back to them.
	await expect(page).toHaveURL(/mode=tangent&wrt=b/);
	await expect(page).toHaveURL(/step=4/);
	await page.reload();
	await expect(page.getByRole('heading', { name: /^Tangent · e/ })).toBeVisible();
	await expect(page.getByRole('combobox', { name: 'Input x' })).toHaveValue('b');
	// Present steps backprop only: its link carries backprop's own step, not forward mode's.
	const present = await page.getByRole('link', { name: 'Present' }).getAttribute('href');
	expect(present).not.toContain('mode=tangent');
	expect(present).not.toContain('wrt=');

	// Back to backprop: its own steps, where the reader left them.
	await page.getByRole('radio', { name: 'Backprop' }).check();
	await expect(page.getByRole('heading', { name: /^Forward · c/ })).toBeVisible();
	expect(await counter(page)).toEqual({ k: 1, n: 8 });
	await expect(page.getByTestId('step-note')).toHaveCount(0);
	await expect(page.getByTestId('graph').locator('text.tangent')).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('mlp-2-2-1: the tangent for w1 reaches ∂E/∂w1, equal to backprop’s, the golden file’s and a finite difference', async ({ page }) => {
	const errors = watchErrors(page);
	const fd = finiteDifferences(MLP, 'w1');
	const backprop = cliTrace(MLP).grads;
	const golden = existsSync(join(GOLDEN, 'mlp-2-2-1.json')) ? (JSON.parse(readFileSync(join(GOLDEN, 'mlp-2-2-1.json'), 'utf8')) as { grads: Record<string, number> }) : undefined;
	if (!golden) {
		if (process.env.CI) throw new Error(`CI is set but ${GOLDEN}/mlp-2-2-1.json is missing`);
		console.warn('[chainstep] ../shared/examples missing: the golden ∂E/∂w1 is not compared.');
	}
	await page.goto('./?example=mlp-2-2-1&mode=tangent&wrt=w1');
	await expect(page.getByRole('heading', { name: /^Seed · w1/ })).toBeVisible();
	await expect(page.getByTestId('step-note')).toContainText('The gradient of E needs 9 forward passes (one per input: x1, x2, w1, w2, w3, w4, w5, w6, y); reverse mode gets all 9 in one backward pass.');

	// Step to h1 with the buttons: its tangent is ∂h1/∂w1.
	const next = page.getByRole('button', { name: 'Next step' });
	while (!(await page.getByRole('heading', { name: /^Tangent · h1/ }).isVisible())) await next.click();
	const h1 = (await tangentOf(page, 'h1').textContent())!.replace('→ ', '');
	expect(printedAs(h1, fd.h1), `h1: ${h1} vs ${fd.h1}`).toBe(true);
	// h2 does not depend on w1: not reached yet, then 0.
	await expect(tangentOf(page, 'h2')).toHaveCount(0);
	await next.click();
	await expect(tangentOf(page, 'h2')).toHaveText('→ 0');

	await page.getByRole('button', { name: 'Last step' }).click();
	await expect(page.getByRole('heading', { name: /^Tangent · E/ })).toBeVisible();
	const tex = await stepTex(page);
	const result = tex.find((t) => t.startsWith('\\frac{\\partial E}{\\partial w_{1}} = \\dot{E} = '))!;
	const shown = result.split(' = ').at(-1)!;
	for (const [what, want] of [['finite difference', fd.E], ['backprop (CLI)', backprop.w1], ...(golden ? [['golden', golden.grads.w1] as const] : [])] as const)
		expect(printedAs(shown, want), `∂E/∂w1: page ${shown}, ${what} ${want}`).toBe(true);
	expect(tex.find((t) => t.startsWith('\\frac{\\partial E}{\\partial w_{1}} = ') && !t.includes('\\dot'))).toBe(`\\frac{\\partial E}{\\partial w_{1}} = ${shown}`);

	// Another input starts a new pass at its seed.
	await page.getByRole('combobox', { name: 'Input x' }).selectOption('w5');
	await expect(page.getByRole('heading', { name: /^Seed · w5/ })).toBeVisible();
	await expect(page).toHaveURL(/wrt=w5/);
	expect(errors).toEqual([]);
});

test('one named value: a vector leaf’s element, a tangent per assignment, the graph’s nodes', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('./?example=norm-Wx&mode=tangent&wrt=x[1]&g=group');
	await expect(page.getByRole('heading', { name: /^Seed · x\[1\]/ })).toBeVisible();
	await expect(page.getByTestId('step-note')).toContainText('needs 6 forward passes (one per input element: W (4 elements), x (2 elements))');
	expect(await counter(page)).toEqual({ k: 1, n: 3 });
	await page.keyboard.press('End');
	await expect(page.getByRole('heading', { name: /^Tangent · f/ })).toBeVisible();
	const program = 'W = [[0.1, 0.5], [-0.3, 0.8]]\nx = [0.2, 0.4]\nq = W @ x\nf = ||q||^2\n';
	const grads = JSON.parse(spawnSync(process.execPath, [CLI, 'trace', '-', '--format', 'json'], { input: program, encoding: 'utf8' }).stdout).grads as Record<string, number[]>;
	const tex = await stepTex(page);
	const shown = tex.find((t) => t.includes('= \\dot{f} = '))!.split(' = ').at(-1)!;
	expect(printedAs(shown, grads.x[1]), `∂f/∂x[1]: ${shown} vs ${grads.x[1]}`).toBe(true);
	expect(errors).toEqual([]);
});

test('a mangled input in the link falls back to the first, without an error', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('./?example=fan-out&mode=tangent&wrt=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&step=99');
	await expect(page.getByRole('combobox', { name: 'Input x' })).toHaveValue('a');
	// The step is clamped to the last tangent step.
	await expect(page.getByRole('heading', { name: /^Tangent · e/ })).toBeVisible();
	await expect(page.locator('img')).toHaveCount(0);
	// And an unknown mode is plain backprop.
	await page.goto('./?example=fan-out&mode=sideways');
	await expect(page.getByRole('heading', { name: /^Forward · c/ })).toBeVisible();
	await expect(page.getByRole('radio', { name: 'Backprop' })).toBeChecked();
	expect(errors).toEqual([]);
});

/** axe-core on forward mode, as tests/e2e/axe.spec.ts runs it on every page: no serious or critical finding. */
for (const theme of ['light', 'dark'] as const)
	test(`forward mode, ${theme} theme: no serious or critical axe finding`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: theme });
		await page.goto('./?example=mlp-2-2-1&mode=tangent&wrt=w1&step=8');
		await expect(page.getByTestId('step-note')).toBeVisible();
		await expect(page.getByTestId('graph').locator('text.tangent').first()).toBeVisible();
		await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
		const found = await page.evaluate(async () => {
			const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } };
			return (await w.axe.run(document, { resultTypes: ['violations'] })).violations;
		});
		expect(found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);
	});
