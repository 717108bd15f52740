import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fmt } from '../../src/lib/core/tex/number';
import { EXAMPLES } from '../../src/lib/examples/examples';
import { loadGoldens, flatten } from '../helpers/golden';
import { katexParses, markdownMath } from '../helpers/math';
import { openExample, watchErrors } from './viewer-helpers';

/** Issue 4 from the page: every format of every example comes out of the Export menu and reads right. */
const goldens = loadGoldens();
const PDFLATEX = '/usr/bin/pdflatex';

async function exportFile(page: Page, label: RegExp, worksheet = false, rows?: RegExp): Promise<{ name: string; text: string }> {
	await page.getByText('Export', { exact: true }).click();
	const box = page.getByLabel(/Worksheet/);
	if ((await box.isChecked()) !== worksheet) await box.click();
	if (rows) await page.getByRole('group', { name: 'Rows' }).getByRole('radio', { name: rows }).check();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
	const path = await download.path();
	// Choosing a format closes the menu, as a menu does.
	await expect(page.getByRole('button', { name: label })).toBeHidden();
	return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

async function graphReady(page: Page) {
	await expect(page.getByTestId('graph')).toBeVisible({ timeout: 20_000 });
}

for (const ex of EXAMPLES) {
	test(`${ex.id}: the Export menu writes Markdown, LaTeX, HTML and SVG that read right`, async ({ page, browser }) => {
		test.slow();
		const errors = watchErrors(page);
		await openExample(page, ex.id);
		await graphReady(page);

		const md = await exportFile(page, /Markdown/);
		expect(md.name).toBe(`${ex.id}.md`);
		const maths = markdownMath(md.text);
		expect(maths.length).toBeGreaterThan(3);
		for (const m of maths) katexParses(m.tex, m.display);

		const golden = goldens.find((g) => g.id === ex.id);
		const html = await exportFile(page, /Printable page/);
		const doc = await browser.newPage();
		await doc.setContent(html.text);
		await expect(doc.locator('.katex').first()).toBeVisible();
		expect(await doc.locator('.katex-error').count()).toBe(0);
		if (golden) {
			const body = (await doc.locator('body').innerText()).replace(/\u2212/g, '-');
			for (const v of new Set(Object.values(golden.grads).flatMap((x) => flatten(x).map((n) => fmt(n))))) expect(body).toContain(v);
		}
		await doc.close();

		const tex = await exportFile(page, /LaTeX document/);
		expect(tex.text).toContain('\\documentclass');
		if (existsSync(PDFLATEX)) {
			const dir = mkdtempSync(join(tmpdir(), 'cs-page-tex-'));
			writeFileSync(join(dir, 'h.tex'), tex.text);
			execFileSync(PDFLATEX, ['-halt-on-error', '-interaction=nonstopmode', '-no-shell-escape', 'h.tex'], { cwd: dir, stdio: 'pipe', timeout: 60_000 });
			expect(existsSync(join(dir, 'h.pdf'))).toBe(true);
		} else if (process.env.CI) throw new Error('pdflatex is missing');

		const svg = await exportFile(page, /Graph at this step/);
		expect(svg.name).toMatch(new RegExp(`^${ex.id}-graph-step\\d+\\.svg$`));
		expect(svg.text).toMatch(/^<\?xml|^<svg/);
		expect(errors).toEqual([]);
	});
}

test('a worksheet from the page has blanks and an answer key, and its graph gives no gradient away', async ({ page }) => {
	await openExample(page, 'fan-out');
	await graphReady(page);
	const md = await exportFile(page, /Markdown/, true);
	expect(md.name).toBe('fan-out-worksheet.md');
	expect(md.text).toMatch(/\\boxed/);
	expect(md.text).toMatch(/Answer/i);
	// The full handout's graph carries b's gradient on its node; the worksheet's must not.
	const full = await exportFile(page, /Printable page/, false);
	expect(full.text).toContain('∂ 5');
	const sheet = await exportFile(page, /Printable page/, true);
	expect(sheet.text).not.toContain('∂ 5');
});

test('the Export menu chooses the rows: one per scalar step, or one per assignment with every inner link', async ({ page }) => {
	await openExample(page, 'sigmoid-gate-fused');
	await graphReady(page);
	await page.getByText('Export', { exact: true }).click();
	const rows = page.getByRole('group', { name: 'Rows' });
	// A short trace: rows per scalar step unless asked otherwise.
	await expect(rows.getByRole('radio', { name: /one per scalar step/ })).toBeChecked();
	await expect(rows.getByRole('radio', { name: /one per assignment/ })).not.toBeChecked();
	await page.screenshot({ path: 'test-output/screenshots/export-rows.png' });
	await page.keyboard.press('Escape');
	const scalar = await exportFile(page, /Markdown/);
	expect(scalar.text).toContain('one row per scalar node');
	const byAssignment = await exportFile(page, /Markdown/, false, /one per assignment/);
	expect(byAssignment.text).toContain('### Step 1: s');
	// f = sigmoid(s): the net input of f is s itself, named; s's own line has inner products, each a sub-row.
	expect(byAssignment.text).toContain('Inside the line of s');
	// The choice stays for the next export, and reaches the printable page too.
	const html = await exportFile(page, /Printable page/);
	expect(html.text).toContain('class="link"');
	expect(html.text).not.toMatch(/cs-current|cs-read/);
	// The hint gives the same choice on the command line.
	await page.getByText('Export', { exact: true }).click();
	await expect(page.getByText(/--rows assignment/)).toBeVisible();
});

test('a long trace exports by assignment by default, with the net inputs and their δ', async ({ page }) => {
	await openExample(page, 'mlp-softmax');
	await graphReady(page);
	await page.getByText('Export', { exact: true }).click();
	await expect(page.getByRole('group', { name: 'Rows' }).getByRole('radio', { name: /one per assignment/ })).toBeChecked();
	await page.keyboard.press('Escape');
	const md = await exportFile(page, /Markdown/);
	expect(md.text).toMatch(/Its gradient is the δ of p\\\[0\\\]/);
	expect(md.text).toContain('Vectorized');
});

test('Print / PDF opens the printable handout in a new window', async ({ page, context }) => {
	await openExample(page, 'add-mul');
	await graphReady(page);
	await page.getByText('Export', { exact: true }).click();
	const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: /Print \/ PDF/ }).click()]);
	await popup.waitForLoadState();
	await expect(popup.locator('h1')).toContainText('chainstep');
	await expect(popup.locator('.katex').first()).toBeVisible();
});

test('the Embed button gives an iframe snippet for this view that reopens it and reports its height', async ({ page }) => {
	await openExample(page, 'fan-out', 5);
	await page.getByText('Embed', { exact: true }).click();
	const snippet = page.getByTestId('embed-snippet');
	await expect(snippet).not.toHaveValue('');
	await page.screenshot({ path: 'test-output/screenshots/embed-menu.png' });
	await expect(snippet).toHaveValue(/<iframe src="[^"]*embed\.html\?example=fan-out&amp;step=5"/);
	const code = await snippet.inputValue();
	expect(code).toMatch(/title="chainstep: a variable used twice/);
	expect(code).toMatch(/width="100%" height="\d+"/);
	// The snippet, pasted into a host page as is.
	await page.setContent(`<!doctype html><meta charset="utf-8"><h1>Course page</h1>${code}`);
	const frame = page.frameLocator('iframe');
	await expect(frame.locator('[data-testid=step-counter]')).toContainText('5 /');
	await expect.poll(async () => page.locator('iframe').getAttribute('height')).not.toBe('560');
});

test('the Embed menu also gives this view as a script-tag element, and closes on Esc and on a click outside', async ({ page }) => {
	await openExample(page, 'norm-Wx', 4);
	const summary = page.getByText('Embed', { exact: true });
	await summary.click();
	const tag = page.getByTestId('embed-tag');
	await expect(tag).toHaveValue(/^<chainstep-trace example="norm-Wx" step="4"><\/chainstep-trace>\n<script src="[^"]*\/chainstep-element\.js"><\/script>$/);
	await page.keyboard.press('Escape');
	await expect(tag).toBeHidden();
	await expect(summary).toBeFocused();
	// Esc went to the menu, not to the stepper.
	await expect(page.getByTestId('step-counter')).toHaveText(/^4 \//);
	await summary.click();
	await expect(tag).toBeVisible();
	await page.getByRole('heading', { name: 'chainstep' }).click();
	await expect(tag).toBeHidden();
});
