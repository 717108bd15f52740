import { expect, test, type Page } from '@playwright/test';
import { run } from '../../src/lib/core/program.ts';
import { exampleById } from '../../src/lib/examples/examples.ts';

const SHOTS = 'test-output/screenshots';

/** What the audience reads: the rendered size of every graph label in view and of the slide's math. */
async function sizes(page: Page): Promise<{ graphMin: number; graphCount: number; mathMin: number }> {
	return page.evaluate(() => {
		const area = document.querySelector('[data-testid="present-graph"]')?.getBoundingClientRect();
		let graphMin = Infinity;
		let graphCount = 0;
		for (const t of document.querySelectorAll<SVGTextElement>('[data-testid="present-graph"] svg text')) {
			if (!t.textContent?.trim()) continue;
			const r = t.getBoundingClientRect();
			// Only what is on the slide: the camera may follow a big graph past the slide's edges.
			if (!area || r.width === 0 || r.right < area.left || r.left > area.right || r.bottom < area.top || r.top > area.bottom) continue;
			const box = t.getBBox();
			if (box.height === 0) continue;
			// Rendered size = font size × every scale between the SVG and the screen (the camera's included).
			graphMin = Math.min(graphMin, parseFloat(getComputedStyle(t).fontSize) * (r.height / box.height));
			graphCount++;
		}
		let mathMin = Infinity;
		for (const k of document.querySelectorAll<HTMLElement>('[data-testid="step-math"] .katex')) mathMin = Math.min(mathMin, parseFloat(getComputedStyle(k).fontSize));
		return { graphMin, graphCount, mathMin };
	});
}

function overlaps(a: DOMRect | null, b: DOMRect | null): boolean {
	if (!a || !b) return false;
	return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function steps(id: string): number {
	const r = run(exampleById(id)!.program);
	if (!r.ok) throw new Error(id);
	return r.trace.steps.length;
}

const sizesCases: [number, number][] = [
	[1280, 720],
	[1920, 1080]
];
const slideCases: [string, number | 'last'][] = [
	['add-mul', 'last'],
	['fan-out', 6],
	['mlp-2-2-1', 20],
	['mlp-softmax', 40]
];
for (const [w, h] of sizesCases)
	for (const [id, at] of slideCases)
		test(`${w}×${h} ${id} step ${at}: graph labels ≥ 20 px, math ≥ 32 px, words clear of the controls`, async ({ page }) => {
			await page.setViewportSize({ width: w, height: h });
			const k = at === 'last' ? steps(id) : at;
			await page.goto(`./present?example=${id}&step=${k}`);
			await expect(page.getByTestId('step-counter')).toHaveText(new RegExp(`^${k} /`));
			await expect(page.getByTestId('graph')).toBeVisible({ timeout: 20_000 });
			// The camera glides for 0.35 s; the math shrinks to fit in a frame or two.
			await page.waitForTimeout(700);
			const s = await sizes(page);
			expect(s.graphCount).toBeGreaterThan(0);
			expect(s.graphMin).toBeGreaterThanOrEqual(20);
			expect(s.mathMin).toBeGreaterThanOrEqual(32);
			const words = await page.getByTestId('present-words').boundingBox();
			const controls = await page.locator('nav.controls').boundingBox();
			expect(overlaps(words as DOMRect | null, controls as DOMRect | null)).toBe(false);
			console.log(`${w}x${h} ${id}@${k}: smallest graph text ${s.graphMin.toFixed(1)} px over ${s.graphCount} labels, math ${s.mathMin.toFixed(1)} px`);
			await page.screenshot({ path: `${SHOTS}/hall-${w}x${h}-${id}-${k}.png` });
		});

test('O shows the whole graph with the current node marked; G hides and shows the graph', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.goto('./present?example=mlp-softmax&step=40');
	await expect(page.getByTestId('graph')).toBeVisible({ timeout: 20_000 });
	await page.waitForTimeout(500);
	const inView = () =>
		page.evaluate(() => {
			const area = document.querySelector('[data-testid="present-graph"]')!.getBoundingClientRect();
			const nodes = [...document.querySelectorAll('[data-testid="present-graph"] .node')].map((n) => n.getBoundingClientRect());
			const seen = nodes.filter((r) => r.left >= area.left - 1 && r.right <= area.right + 1 && r.top >= area.top - 1 && r.bottom <= area.bottom + 1);
			return { all: nodes.length, seen: seen.length };
		});
	const follow = await inView();
	expect(follow.seen).toBeLessThan(follow.all);
	await page.keyboard.press('o');
	await expect(page.getByTestId('present-graph')).toHaveAttribute('data-overview', 'true');
	await page.waitForTimeout(600);
	const whole = await inView();
	expect(whole.seen).toBe(whole.all);
	await expect(page.locator('.node.current .ring')).toHaveCount(1);
	await page.screenshot({ path: `${SHOTS}/hall-overview.png` });
	await page.keyboard.press('O');
	await expect(page.getByTestId('present-graph')).toHaveAttribute('data-overview', 'false');

	const mathWidth = async () => (await page.getByTestId('step-math').boundingBox())!.width;
	const before = await mathWidth();
	await page.keyboard.press('g');
	await expect(page.getByTestId('present-graph')).toHaveCount(0);
	expect(await mathWidth()).toBeGreaterThan(before * 1.5);
	await page.screenshot({ path: `${SHOTS}/hall-no-graph.png` });
	await page.keyboard.press('G');
	await expect(page.getByTestId('present-graph')).toBeVisible();
});

test('an unknown example says so, and still shows slides', async ({ page }) => {
	await page.goto('./present?example=no-such-example');
	await expect(page.getByTestId('present-warning')).toContainText('There is no example called “no-such-example”');
	await expect(page.getByTestId('present-warning')).toContainText('add-mul');
	await expect(page.getByTestId('step-counter')).toBeVisible();
});

test('a chain rule too wide for the slide goes a factor a row, still readable from the back, never scrolled', async ({ page }) => {
	const { MAZUR_2_2_2 } = await import('../helpers/programs.ts');
	const { compressText } = await import('../../src/lib/core/share/compress.ts');
	await page.setViewportSize({ width: 1280, height: 720 });
	const t = run(MAZUR_2_2_2);
	if (!t.ok) throw new Error('program');
	// Every backward step of the network: the widest chain rules are the sums' inputs.
	const p = await compressText(MAZUR_2_2_2);
	for (const k of [t.trace.backwardStart + 6, t.trace.backwardStart + 12, t.trace.steps.length - 3]) {
		await page.goto(`./present.html?p=${p}&step=${k + 1}`);
		const math = page.getByTestId('step-math');
		await expect(math.locator('.katex').first()).toBeVisible();
		await expect.poll(() => math.evaluate((m) => m.scrollWidth <= m.clientWidth + 1), { message: `step ${k + 1} fits across` }).toBe(true);
		expect((await sizes(page)).mathMin, `step ${k + 1}: math size`).toBeGreaterThanOrEqual(32);
	}
});
