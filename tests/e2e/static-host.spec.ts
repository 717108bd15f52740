import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

// The build on the plainest static host there is: no extension-less URLs, no rewriting.
// Every link the page offers must still open.
const port = Number(process.env.PORT ?? 4173) + 7;
const origin = `http://127.0.0.1:${port}`;
let server: ChildProcess | undefined;
// One server for the file: both tests in one worker.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.skip(!existsSync('build/index.html'), 'needs npm run build');
	server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', 'build'], { stdio: 'ignore' });
	for (let i = 0; i < 50; i++) {
		try {
			if ((await fetch(`${origin}/`)).ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('python3 -m http.server did not start');
});

test.afterAll(() => {
	server?.kill();
});

test('Present and Practice open from a plain static server', async ({ page }) => {
	await page.goto(`${origin}/?example=fan-out&step=2`);
	await expect(page.getByTestId('step-counter')).toHaveText(/^2 \//);
	const present = page.getByRole('link', { name: 'Present' });
	const href = await present.getAttribute('href');
	expect((await fetch(new URL(href ?? '', page.url()))).status).toBe(200);
	await present.click();
	await expect(page.getByTestId('step-counter')).toHaveText(/^2 \//);
	await page.goBack();
	await page.getByRole('link', { name: 'Practice' }).click();
	await expect(page.getByTestId('check')).toBeVisible();
});

test('every same-site link and the embed snippet answer 200', async ({ page }) => {
	await page.goto(`${origin}/?example=add-mul`);
	await expect(page.getByTestId('step-counter')).toHaveText(/\/ 7/);
	const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
	const local = hrefs.filter((h) => h.startsWith(origin));
	expect(local.length).toBeGreaterThan(1);
	for (const h of local) expect((await fetch(h)).status, h).toBe(200);
	await page.getByText('Embed', { exact: true }).click();
	// The snippet is written once the program is compressed into its link.
	await expect(page.getByTestId('embed-snippet')).toHaveValue(/src="/);
	const snippet = await page.getByTestId('embed-snippet').inputValue();
	const src = /src="([^"]+)"/.exec(snippet)?.[1].replace(/&amp;/g, '&');
	expect(src).toBeDefined();
	expect((await fetch(src ?? '')).status).toBe(200);
});
