import { expect, test, type Page } from '@playwright/test';

/**
 * Embeds that sit still in a course page: one height for every step, math and controls inside
 * an iframe nobody resized, light inside a host on a dark OS, and a printout without buttons.
 * Run after `npm run build`.
 */
const HOST = (src: string, height: number) => `<!doctype html><meta charset="utf-8"><title>host</title>
<iframe id="f" src="${src}" width="760" height="${height}" style="border:0" title="chainstep"></iframe>
<output id="h"></output>
<script>
	const seen = [];
	addEventListener('message', (e) => {
		if (e.data && e.data.type === 'chainstep:height') {
			seen.push(e.data.height);
			document.getElementById('f').height = e.data.height;
			document.getElementById('h').textContent = seen.join(',');
		}
	});
</script>`;

async function host(page: Page, src: string, height = 420): Promise<void> {
	await page.route('**/favicon.ico', (r) => r.fulfill({ status: 204 }));
	await page.route('**/still-host.html', (r) => r.fulfill({ contentType: 'text/html', body: HOST(src, height) }));
	await page.goto('./still-host.html');
}

/** The embed's own box height at every step, stepping with the iframe's Next button. */
async function heightsPerStep(page: Page): Promise<number[]> {
	const frame = page.frameLocator('#f');
	const counter = frame.getByTestId('step-counter');
	await expect(counter).toHaveText(/^1 \//);
	// The graph is laid out once; wait for it so its box has its final size.
	await expect(frame.locator('svg g.node').first()).toBeVisible({ timeout: 20_000 });
	await page.waitForTimeout(300);
	const n = Number(/\/ (\d+)/.exec((await counter.textContent()) ?? '')?.[1]);
	const heights: number[] = [];
	for (let k = 1; k <= n; k++) {
		await expect(counter).toHaveText(new RegExp(`^${k} /`));
		heights.push(await frame.locator('section.embed').evaluate((e) => Math.round(e.getBoundingClientRect().height)));
		if (k < n) await frame.getByRole('button', { name: 'Next step' }).click();
	}
	return heights;
}

for (const example of ['fan-out', 'norm-Wx', 'sigmoid-gate', 'mlp-2-2-1']) {
	test(`${example}: the embed has one height at every step`, async ({ page }) => {
		await host(page, `embed.html?example=${example}`, 900);
		const heights = await heightsPerStep(page);
		console.log(`${example} heights per step: min ${Math.min(...heights)} max ${Math.max(...heights)} (${heights.length} steps)`);
		expect(new Set(heights).size, heights.join(',')).toBe(1);
	});
}

test('an iframe left at its 420 px default still shows the math and the controls', async ({ page }) => {
	await page.route('**/favicon.ico', (r) => r.fulfill({ status: 204 }));
	// No resize script at all, as when an LMS strips it.
	await page.route('**/bare-host.html', (r) =>
		r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bare</title><iframe id="f" src="embed.html?example=norm-Wx&step=12" width="760" height="420" style="border:0" title="chainstep"></iframe>' })
	);
	await page.goto('./bare-host.html');
	const frame = page.frameLocator('#f');
	await expect(frame.locator('svg g.node').first()).toBeVisible({ timeout: 20_000 });
	// The math may scroll inside its box, but it is on screen; the buttons are wholly inside the frame.
	await expect(frame.getByTestId('step-math')).toBeInViewport();
	for (const part of [frame.getByRole('button', { name: 'Next step' }), frame.getByRole('button', { name: 'Last step' })]) await expect(part).toBeInViewport({ ratio: 1 });
});

test('inside a host the embed is light on a dark OS, dark only with theme=auto', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await host(page, 'embed.html?example=fan-out');
	const theme = () => page.frameLocator('#f').locator('section.embed').getAttribute('data-theme');
	await expect.poll(theme).toBe('light');
	await host(page, 'embed.html?example=fan-out&theme=auto');
	await expect.poll(theme).toBe('dark');
});

test('printed, the embed shows its current step without buttons', async ({ page }) => {
	await host(page, 'embed.html?example=fan-out&step=5');
	const frame = page.frameLocator('#f');
	await expect(frame.getByTestId('step-counter')).toHaveText(/^5 \//);
	await page.emulateMedia({ media: 'print' });
	await expect(frame.getByRole('button', { name: 'Next step' })).toBeHidden();
	await expect(frame.getByTestId('step-counter')).toHaveText(/^5 \//);
	await expect(frame.getByTestId('step-math')).toBeVisible();
});
