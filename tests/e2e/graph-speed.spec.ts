import { expect, test, type Page } from '@playwright/test';
import { hostPage, MLP_117, programPath } from '../../bench/graph-speed';

/**
 * Issue 16: the graph's layout is reused, ready-made or off the main thread. Behaviour only;
 * the timings are printed by `npm run bench:viewer` (bench/graph.bench.ts).
 */
const elkCalls = (page: Page) => page.evaluate(() => (window as { __chainstepElkCalls?: number }).__chainstepElkCalls ?? 0);
const graphNodes = (page: Page) => page.locator('[data-testid="graph"] .node');

test('a built-in example is drawn from its build-time layout: ELK lays out nothing', async ({ page }) => {
	await page.goto('./?example=mlp-softmax');
	await expect(graphNodes(page).first()).toBeVisible();
	expect(await graphNodes(page).count()).toBeGreaterThan(20);
	expect(await elkCalls(page)).toBe(0);
	// A folding no default opens with is not in the build-time set: that one goes to ELK (in its worker).
	await page.goto('./?example=fan-out');
	await expect(graphNodes(page).first()).toBeVisible();
	expect(await elkCalls(page)).toBe(0);
	await page.getByTestId('graph-fold-all').click();
	await expect.poll(() => elkCalls(page)).toBe(1);
});

test('a leaf edit keeps the layout: the program reruns, ELK is not asked again', async ({ page }) => {
	const program = 'a = 2\nb = 3\nc = a * b\nf = c + a\n';
	await page.goto(await programPath(program));
	await expect(graphNodes(page).first()).toBeVisible();
	await expect.poll(() => elkCalls(page)).toBe(1);
	const box = page.getByTestId('program');
	await box.fill(program.replace('a = 2', 'a = 5'));
	// c = 5 · 3 = 15 is drawn with the new value, on the old layout.
	await expect(page.getByTestId('graph')).toContainText('15');
	expect(await elkCalls(page)).toBe(1);
	// A change of structure is a new layout.
	await box.fill(program.replace('f = c + a', 'f = c * a'));
	await expect.poll(() => elkCalls(page)).toBe(2);
});

test('an embed lays out its graph in a worker, and the host page keeps working', async ({ page }) => {
	const workers: string[] = [];
	page.on('worker', (w) => workers.push(w.url()));
	await page.route('**/speed-host.html', (r) => r.fulfill({ contentType: 'text/html', body: hostPage(MLP_117) }));
	await page.goto('./speed-host.html');
	const el = page.locator('chainstep-trace');
	await expect(el.locator('[data-testid="graph"] .node').first()).toBeVisible({ timeout: 30_000 });
	expect(workers.some((u) => u.startsWith('blob:'))).toBe(true);
	// ELK never ran on the page itself.
	expect(await page.evaluate(() => typeof (window as { ELK?: unknown }).ELK)).toBe('undefined');
	await expect(el.getByTestId('step-counter')).toHaveText(/^1 \/ \d+$/);
});

test('an embed without a graph never fetches ELK', async ({ page }) => {
	const fetched: string[] = [];
	page.on('request', (r) => fetched.push(r.url()));
	const body = hostPage('x = 3\nf = x^2\n').replace('step="1"', 'step="1" controls="nav,math"');
	await page.route('**/math-host.html', (r) => r.fulfill({ contentType: 'text/html', body }));
	await page.goto('./math-host.html');
	await expect(page.locator('chainstep-trace').getByTestId('step-counter')).toHaveText(/^1 \/ \d+$/);
	await page.locator('chainstep-trace').getByRole('button', { name: /next/i }).first().click();
	await page.waitForTimeout(500);
	expect(fetched.filter((u) => /elk/i.test(u))).toEqual([]);
});

test('a big program from a link is drawn folded first, then whole, by the one worker its page started', async ({ page }) => {
	const workers: string[] = [];
	page.on('worker', (w) => workers.push(w.url()));
	// Whether the folded stand-in was ever drawn, and with how many boxes: it may last one frame.
	await page.addInitScript(() => {
		const seen = { preview: false, boxes: 0 };
		(window as { __seen?: typeof seen }).__seen = seen;
		new MutationObserver(() => {
			if (!document.querySelector('[data-testid="graph-preview"]')) return;
			seen.preview = true;
			seen.boxes = Math.max(seen.boxes, document.querySelectorAll('[data-testid="graph"] .node').length);
		}).observe(document, { subtree: true, childList: true });
	});
	await page.goto(await programPath(MLP_117));
	await expect(page.getByTestId('graph-preview')).toHaveCount(0);
	await expect.poll(() => graphNodes(page).count()).toBeGreaterThan(100);
	const seen = await page.evaluate(() => (window as { __seen?: { preview: boolean; boxes: number } }).__seen);
	expect(seen?.preview).toBe(true);
	expect(seen?.boxes).toBeGreaterThan(0);
	expect(seen?.boxes).toBeLessThan(20);
	// src/app.html started ELK's worker before the app's JS ran, and the app used that one.
	expect(workers.filter((u) => u.endsWith('/elk-worker.min.js'))).toHaveLength(1);
	// The whole graph is what a fold toggle now changes.
	await expect(page.getByTestId('graph-fold-all')).toBeEnabled();
});
