/**
 * Shared by the viewer bench and the graph-speed e2e test: a probe put into a page before its
 * scripts run, recording when the graph first paints (the first animation frame with graph
 * nodes in the DOM, in the page or in a <chainstep-trace>'s shadow root) and every long task.
 */
import type { Page } from '@playwright/test';
import { compressText } from '../src/lib/core/share/compress';
import { mlpProgram } from './mlp';

/** Marks the app sets: the viewer's and the element's first step shown. */
export const FIRST_STEP_MARK = 'chainstep:first-step';
export const EMBED_FIRST_STEP_MARK = 'chainstep:embed-first-step';

/** The 117-node MLP, and 300- and 3,000-node programs (ReLU layers, squared loss). */
export const MLP_117 = mlpProgram([3, 7, 5, 1]);
export const MLP_300 = mlpProgram([5, 11, 11, 2]);
export const MLP_3000 = mlpProgram([30, 40, 30, 10]);

export interface Probe {
	readonly graphPaint: number | null;
	readonly longTasks: readonly { start: number; duration: number }[];
}

export async function installProbe(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const w = window as unknown as { __probe: { graphPaint: number | null; longTasks: { start: number; duration: number }[] } };
		w.__probe = { graphPaint: null, longTasks: [] };
		try {
			new PerformanceObserver((list) => {
				for (const e of list.getEntries()) w.__probe.longTasks.push({ start: e.startTime, duration: e.duration });
			}).observe({ type: 'longtask', buffered: true });
		} catch {
			/* no longtask timing in this browser */
		}
		const hasGraph = () => {
			if (document.querySelector('[data-testid="graph"] .node')) return true;
			for (const el of document.querySelectorAll('chainstep-trace')) if (el.shadowRoot?.querySelector('[data-testid="graph"] .node')) return true;
			return false;
		};
		const frame = (t: number) => {
			if (hasGraph()) w.__probe.graphPaint = t;
			else requestAnimationFrame(frame);
		};
		requestAnimationFrame(frame);
	});
}

export async function readProbe(page: Page): Promise<Probe> {
	await page.waitForFunction(() => (window as unknown as { __probe: Probe }).__probe.graphPaint !== null, undefined, { timeout: 60_000 });
	return page.evaluate(() => (window as unknown as { __probe: Probe }).__probe);
}

export async function markTime(page: Page, name: string): Promise<number> {
	await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: 60_000 });
	return page.evaluate((n) => performance.getEntriesByName(n)[0].startTime, name);
}

/** `./?p=…`: the program as the app's own links carry it. */
export async function programPath(text: string): Promise<string> {
	return `./?p=${await compressText(text)}`;
}

/** A plain course page holding one <chainstep-trace> for `program`, with the script beside it. */
export function hostPage(program: string): string {
	const attr = program.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title></head><body>
<h1>A course page</h1><p>Some lecture text before the embed.</p>
<chainstep-trace program="${attr}" step="1"></chainstep-trace>
<script src="chainstep-element.js"></script></body></html>`;
}
