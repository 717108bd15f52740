import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { EXAMPLES } from '../src/lib/examples/examples';
import { programPath, MLP_300, MLP_3000 } from './graph-speed';
import { median } from './stats';

/**
 * Viewer figures on this machine, printed (goals: first step < 1 s, step change < 16 ms,
 * first-view JS < 300 KB gzip). Sizes are gzip of the built files, as a server would send them.
 */
const FIRST_STEP = 'chainstep:first-step';
const LAYOUT = 'chainstep:layout';
const RUNS = 5;

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const kb = (x: number) => `${(x / 1024).toFixed(1)} KB`;

function gzipOfBuilt(url: string): number {
	const path = new URL(url).pathname;
	try {
		return gzipSync(readFileSync(`build${path}`), { level: 9 }).length;
	} catch {
		return 0;
	}
}

async function firstStepMs(page: Page): Promise<number> {
	await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, FIRST_STEP);
	return page.evaluate((name) => performance.getEntriesByName(name)[0].startTime, FIRST_STEP);
}

test('viewer figures', async ({ browser }) => {
	const lines: string[] = [];
	const say = (s: string) => {
		lines.push(s);
		console.log(s);
	};

	// 1. Navigation to first step shown, cold (fresh context each run), and the JS it took.
	const first: number[] = [];
	let scriptsBefore: string[] = [];
	let allScripts: string[] = [];
	for (let r = 0; r < RUNS; r++) {
		const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
		const page = await ctx.newPage();
		const scripts: { url: string; at: number }[] = [];
		page.on('response', (res) => {
			const t = res.request().resourceType();
			if (t === 'script' || /\.m?js(\?|$)/.test(res.url())) scripts.push({ url: res.url(), at: Date.now() });
		});
		await page.goto('./?example=mlp-softmax');
		await expect(page.getByTestId('step-math')).toBeVisible();
		const shownAt = Date.now();
		first.push(await firstStepMs(page));
		scriptsBefore = scripts.filter((s) => s.at <= shownAt).map((s) => s.url);
		await expect(page.getByTestId('graph')).toBeVisible({ timeout: 60_000 });
		allScripts = [...new Set(scripts.map((s) => s.url))];
		await ctx.close();
	}
	const before = [...new Set(scriptsBefore)];
	const gzBefore = before.reduce((n, u) => n + gzipOfBuilt(u), 0);
	const gzAll = allScripts.reduce((n, u) => n + gzipOfBuilt(u), 0);
	say(`first step shown, ?example=mlp-softmax (navigation start → step panel), median of ${RUNS} cold loads: ${ms(median(first))} (all: ${first.map((x) => x.toFixed(0)).join(', ')})`);
	say(`JS loaded before the first step: ${before.length} files, ${kb(gzBefore)} gzip`);
	say(`JS after the graph is drawn (ELK worker included): ${allScripts.length} files, ${kb(gzAll)} gzip`);

	// 2. Layout time per example: the first includes loading ELK and starting its worker.
	const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
	const page = await ctx.newPage();
	await page.goto(`./?example=${EXAMPLES[0].id}`);
	for (const [i, ex] of EXAMPLES.entries()) {
		if (i > 0) await page.getByLabel('Load an example program').selectOption(ex.id);
		await expect(page.getByTestId('graph')).toBeVisible({ timeout: 60_000 });
		// A built-in example's layout is made at build time: no ELK measure then.
		const m = await page.evaluate((n) => {
			const e = performance.getEntriesByName(n) as PerformanceMeasure[];
			performance.clearMeasures(n);
			return e.length ? { d: e[e.length - 1].duration, nodes: (e[e.length - 1].detail as { nodes: number }).nodes } : undefined;
		}, LAYOUT);
		say(m ? `layout ${ex.id.padEnd(20)} ${String(m.nodes).padStart(4)} nodes: ${ms(m.d)}` : `layout ${ex.id.padEnd(20)} ready-made at build time (no ELK)`);
	}

	// 3. Step change: key press → DOM updated and laid out (graph, math, editor), measured in the
	// page: 200 steps forward from the start, then 200 back from the end (backprop's steps).
	const stepPrograms: [string, string][] = [
		['mlp-softmax', './?example=mlp-softmax'],
		['mlp ~300 nodes', await programPath(MLP_300)],
		['mlp ~3,000 nodes', await programPath(MLP_3000)]
	];
	// Held key: a press every frame. A person's pace: a press every 250 ms (Play at 4/s), which
	// leaves the page idle time to prepare the next step, as it has for a student stepping.
	const paces = [
		['held key', 0, 200],
		['250 ms apart', 250, 40]
	] as const;
	for (const [what, path] of stepPrograms)
		for (const g of ['scalar', 'group'] as const)
			for (const [pace, gap, count] of paces) {
				await page.goto(`${path}${g === 'group' ? '&g=group' : ''}`);
				await expect(page.getByTestId('graph')).toBeVisible({ timeout: 60_000 });
				await page.locator('h1').click();
				const times = await page.evaluate(
					async ({ gap, count }) => {
						const out: number[] = [];
						const js: number[] = [];
						const counter = document.querySelector('[data-testid="step-counter"]')!;
						const press = (key: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
						const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
						const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
						for (const [start, key] of [['Home', 'ArrowRight'], ['End', 'ArrowLeft']] as const) {
							press(start);
							await frame();
							await wait(Math.max(gap, 100));
							for (let i = 0; i < count; i++) {
								const before = counter.textContent;
								const t0 = performance.now();
								press(key);
								await Promise.resolve();
								await new Promise<void>((r) => queueMicrotask(r));
								const t1 = performance.now();
								void document.body.offsetHeight;
								if (counter.textContent === before) break;
								js.push(t1 - t0);
								out.push(performance.now() - t0);
								await frame();
								if (gap) await wait(gap);
							}
						}
						return { out, js, steps: counter.textContent };
					},
					{ gap, count }
				);
				const t = times.out;
				say(`step change (${g}, ${what}, ${pace}, ${t.length} steps of ${times.steps}): median ${ms(median(t))}, p95 ${ms(p95(t))}, max ${ms(Math.max(...t))}; of which script (state, KaTeX, DOM) median ${ms(median(times.js))}, the rest style and layout`);
			}
	await ctx.close();
	console.log('\n' + lines.join('\n'));
});
