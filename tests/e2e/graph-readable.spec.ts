import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { MAZUR_2_2_2 as NET } from '../helpers/programs.ts';

/**
 * Graphs readable at any size (issue 9, item 3): on the page, in present mode and on a phone,
 * every graph text the student can see is large enough to read, wire texts never cover each
 * other or a node's text, the graph panel stays where it is while stepping, and the reader's
 * folding and camera survive a reload.
 */

const DIR = 'test-output/screenshots';
mkdirSync(DIR, { recursive: true });


interface Seen {
	/** Smallest on-screen font size (CSS px) of a graph text inside the visible part of the view. */
	minPx: number;
	texts: number;
	/** Pairs of visible wire texts whose boxes meet, and wire texts over a node's text. */
	overlaps: string[];
}

/**
 * Measures what the reader sees: each `<text>` of the graph whose box meets the clip area
 * (the panel's viewport), at its computed font size times the scale it is drawn at (its
 * on-screen height over its height in its own units: SVG and CSS transforms included).
 */
async function seen(page: Page, clip: string): Promise<Seen> {
	return page.evaluate((clipSel) => {
		const svg = document.querySelector('svg[data-testid="graph"]') as SVGSVGElement;
		const c = (document.querySelector(clipSel) as HTMLElement).getBoundingClientRect();
		const area = { left: Math.max(0, c.left), top: Math.max(0, c.top), right: Math.min(innerWidth, c.right), bottom: Math.min(innerHeight, c.bottom) };
		const inside = (r: DOMRect) => r.width > 0 && r.right > area.left && r.left < area.right && r.bottom > area.top && r.top < area.bottom;
		let minPx = Infinity;
		let texts = 0;
		const wires: { r: DOMRect; t: string }[] = [];
		const nodeTexts: { r: DOMRect; t: string }[] = [];
		for (const t of svg.querySelectorAll('text')) {
			const r = t.getBoundingClientRect();
			if (!inside(r) || getComputedStyle(t).visibility === 'hidden') continue;
			const own = t.getBBox().height;
			const px = parseFloat(getComputedStyle(t).fontSize) * (r.height / own);
			texts++;
			minPx = Math.min(minPx, px);
			if (t.classList.contains('wire')) wires.push({ r, t: t.textContent ?? '' });
			else if (t.closest('.node')) nodeTexts.push({ r, t: t.textContent ?? '' });
		}
		// Glyph boxes are the font's line box; a hair of touching from rounding is not an overlap.
		const e = 0.5;
		const meet = (a: DOMRect, b: DOMRect) => a.left + e < b.right && b.left + e < a.right && a.top + e < b.bottom && b.top + e < a.bottom;
		const overlaps: string[] = [];
		for (let i = 0; i < wires.length; i++) {
			for (let j = i + 1; j < wires.length; j++) if (meet(wires[i].r, wires[j].r)) overlaps.push(`${wires[i].t} × ${wires[j].t}`);
			for (const n of nodeTexts) if (meet(wires[i].r, n.r)) overlaps.push(`${wires[i].t} over node text ${n.t}`);
		}
		return { minPx, texts, overlaps };
	}, clip);
}

async function graphReady(page: Page): Promise<void> {
	await expect(page.getByTestId('graph')).toBeVisible({ timeout: 20_000 });
	// The camera glides (0.3 s) to the step.
	await page.waitForTimeout(450);
}

async function panelBox(page: Page): Promise<{ top: number; height: number }> {
	return page.locator('section.graph').evaluate((el) => {
		const r = el.getBoundingClientRect();
		return { top: Math.round(r.top + scrollY), height: Math.round(r.height) };
	});
}

async function typeProgram(page: Page, text: string): Promise<void> {
	await page.goto('./?example=add-mul');
	await expect(page.getByTestId('step-math')).toBeVisible();
	await page.getByTestId('program').fill(text);
	await expect(page).toHaveURL(/[?&]p=/, { timeout: 10_000 });
	const first = page.getByRole('button', { name: 'First step' });
	if (await first.isEnabled()) await first.click();
}

const PROGRAMS: readonly { name: string; open: (page: Page) => Promise<void> }[] = [
	{ name: 'mlp-softmax', open: (page) => page.goto('./?example=mlp-softmax').then(() => undefined) },
	{ name: '2-2-2 network', open: (page) => typeProgram(page, NET) },
	{ name: 'norm-Wx', open: (page) => page.goto('./?example=norm-Wx').then(() => undefined) }
];

const report: string[] = [];
test.afterAll(() => console.log(`smallest graph text on screen:\n${report.join('\n')}`));

for (const p of PROGRAMS) {
	test(`1280×800, ${p.name}: readable text, no covered wire texts, a panel that stays put for 10 steps`, async ({ page }) => {
		await page.setViewportSize({ width: 1280, height: 800 });
		await p.open(page);
		await graphReady(page);
		const first = await panelBox(page);
		let least = Infinity;
		for (let i = 0; i < 10; i++) {
			const s = await seen(page, '.cs-graph');
			expect(s.texts, `step ${i + 1}: some graph text is on screen`).toBeGreaterThan(5);
			expect(s.minPx, `step ${i + 1}: smallest graph text`).toBeGreaterThanOrEqual(9);
			expect(s.overlaps, `step ${i + 1}`).toEqual([]);
			expect(await panelBox(page), `step ${i + 1}: the graph panel's place`).toEqual(first);
			least = Math.min(least, s.minPx);
			await page.getByRole('button', { name: 'Next step' }).click();
			await page.waitForTimeout(350);
		}
		// The backward pass too: its gradients fill the wires with more text.
		await page.getByRole('button', { name: 'Jump to the start of the backward pass' }).click();
		for (let i = 0; i < 4; i++) {
			await page.getByRole('button', { name: 'Next step' }).click();
			await page.waitForTimeout(350);
			const s = await seen(page, '.cs-graph');
			expect(s.minPx).toBeGreaterThanOrEqual(9);
			expect(s.overlaps).toEqual([]);
			expect(await panelBox(page)).toEqual(first);
			least = Math.min(least, s.minPx);
		}
		await page.screenshot({ path: `${DIR}/readable-1280-${p.name.replace(/\W+/g, '-')}.png` });
		report.push(`page 1280×800 ${p.name}: ${least.toFixed(1)} px`);
	});

	test(`360×740, ${p.name}: readable text on a phone`, async ({ page }) => {
		await page.setViewportSize({ width: 360, height: 740 });
		await p.open(page);
		await graphReady(page);
		// Scrolled as a student would: the graph just under the sticky step buttons.
		await page.evaluate(() => {
			const nav = (document.querySelector('.stage > .nav') as HTMLElement).getBoundingClientRect().height;
			scrollTo(0, (document.querySelector('section.graph') as HTMLElement).getBoundingClientRect().top + scrollY - nav - 8);
		});
		await page.waitForTimeout(200);
		let least = Infinity;
		for (let i = 0; i < 4; i++) {
			const s = await seen(page, '.cs-graph');
			expect(s.texts).toBeGreaterThan(3);
			expect(s.minPx).toBeGreaterThanOrEqual(9);
			expect(s.overlaps).toEqual([]);
			least = Math.min(least, s.minPx);
			await page.getByRole('button', { name: 'Next step' }).click();
			await page.waitForTimeout(350);
		}
		await page.screenshot({ path: `${DIR}/readable-360-${p.name.replace(/\W+/g, '-')}.png` });
		report.push(`phone 360×740 ${p.name}: ${least.toFixed(1)} px`);
	});

	test(`present 1280×720, ${p.name}: text large enough for a projector`, async ({ page }) => {
		await page.setViewportSize({ width: 1280, height: 720 });
		await p.open(page);
		const query = new URL(page.url()).search.replace(/[?&]step=\d+/, '');
		await page.goto(`./present${query}`);
		await graphReady(page);
		let least = Infinity;
		for (let i = 0; i < 6; i++) {
			const s = await seen(page, '.present-graph');
			expect(s.texts).toBeGreaterThan(3);
			expect(s.minPx).toBeGreaterThanOrEqual(14);
			expect(s.overlaps).toEqual([]);
			least = Math.min(least, s.minPx);
			await page.keyboard.press('ArrowRight');
			await page.waitForTimeout(500);
		}
		await page.screenshot({ path: `${DIR}/readable-present-${p.name.replace(/\W+/g, '-')}.png` });
		report.push(`present 1280×720 ${p.name}: ${least.toFixed(1)} px`);
	});
}

test('folding and the camera are the reader’s, and a reload keeps them', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto('./?example=mlp-softmax');
	await graphReady(page);
	const graph = page.getByTestId('graph');
	// A large graph opens following the step at a readable size, with an overview to orient.
	await expect(page.getByTestId('graph-follow')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('graph-overview')).toBeVisible();
	await page.getByTestId('graph-fit').click();
	await expect(page.getByTestId('graph-fit')).toHaveAttribute('aria-pressed', 'true');
	await expect(page).toHaveURL(/[?&]zoom=fit/);
	// Fold h into one box by its toggle (keyboard: focus and Enter).
	const toggle = page.getByRole('button', { name: 'Collapse h into one box' });
	await toggle.focus();
	await page.keyboard.press('Enter');
	await expect(graph.getByRole('button', { name: /^h, collapsed/ })).toBeVisible();
	await expect(page).toHaveURL(/[?&]fold=h(&|$)/);
	await page.reload();
	await graphReady(page);
	await expect(page.getByTestId('graph-fit')).toHaveAttribute('aria-pressed', 'true');
	await expect(graph.getByRole('button', { name: /^h, collapsed/ })).toBeVisible();
	await expect(page.getByTestId('graph-overview')).toHaveCount(0);
	// Back to following, everything folded, and again through a reload.
	await page.getByTestId('graph-follow').click();
	await page.getByTestId('graph-fold-all').click();
	await expect(page).toHaveURL(/[?&]fold=(\w+,)+\w+(&|$)/);
	await expect(page).toHaveURL(/[?&]zoom=follow/);
	// The folded layout arrives from the worker a moment after the URL changes.
	await expect.poll(() => graph.locator('.node.box').count()).toBeGreaterThan(5);
	const folded = await graph.locator('.node.box').count();
	await page.reload();
	await graphReady(page);
	await expect(page.getByTestId('graph-follow')).toHaveAttribute('aria-pressed', 'true');
	await expect(graph.locator('.node.box')).toHaveCount(folded);
	// Unfold all: a link with an empty fold list draws every node, even where the default folds.
	await page.getByTestId('graph-unfold-all').click();
	await expect(graph.locator('.node.box')).toHaveCount(0);
});

test('keyboard: Shift+arrows pan the graph, + and − zoom, from a focused node', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto('./?example=mlp-softmax');
	await graphReady(page);
	const cam = page.locator('svg[data-testid="graph"] > g.camera');
	const at = () => cam.evaluate((g) => getComputedStyle(g).transform);
	await page.getByTestId('graph').locator('.node').first().focus();
	await page.waitForTimeout(400);
	const before = await at();
	await page.keyboard.press('Shift+ArrowLeft');
	await expect.poll(at).not.toBe(before);
	const panned = await at();
	await page.keyboard.press('+');
	await expect.poll(at).not.toBe(panned);
	// Shift+arrow is the camera's: it did not step.
	await expect(page.getByTestId('step-counter')).toHaveText(/^1 \//);
});

test('present: zoom=fit shows the whole graph, zoom=follow a readable close-up, and the slide’s link keeps it', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	const zoomOf = () => page.locator('.present-graph .stage').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
	await page.goto('./present?example=mlp-softmax&zoom=fit');
	await graphReady(page);
	expect(await zoomOf()).toBeLessThan(1);
	await page.keyboard.press('ArrowRight');
	await expect(page).toHaveURL(/[?&]step=2/);
	await expect(page).toHaveURL(/[?&]zoom=fit/);
	await page.goto('./present?example=mlp-softmax');
	await graphReady(page);
	expect(await zoomOf()).toBeGreaterThan(1.8);
});
