import { expect, test, type Page } from '@playwright/test';
import { createRequire } from 'node:module';

// axe-core on every page, in both themes: no serious or critical finding.
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Finding {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: unknown[]; failureSummary?: string }[];
}

async function seriousFindings(page: Page): Promise<string[]> {
	await page.addScriptTag({ path: axePath });
	const violations = await page.evaluate(async () => {
		const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Finding[] }> } };
		const r = await w.axe.run(document, { resultTypes: ['violations'] });
		return r.violations;
	});
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
}

const PAGES: readonly [string, string, (page: Page) => Promise<void>][] = [
	['the viewer', './?example=fan-out&step=3', async (page) => void (await expect(page.getByTestId('step-math')).toBeVisible())],
	['the viewer, a vector program', './?example=norm-Wx&step=2&g=group', async (page) => void (await expect(page.getByTestId('step-math')).toBeVisible())],
	['the viewer with a notice', './?example=nope', async (page) => void (await expect(page.getByTestId('notice')).toBeVisible())],
	['embed.html', './embed.html?example=fan-out&step=3', async (page) => void (await expect(page.getByTestId('step-math')).toBeVisible())],
	['present.html', './present.html?example=fan-out&step=3', async (page) => void (await expect(page.getByTestId('step-math')).toBeVisible())],
	['practice mode', './?mode=practice&example=fan-out', async (page) => void (await expect(page.getByTestId('check')).toBeVisible())],
	['practice.html', './practice.html?example=add-mul', async (page) => void (await expect(page.getByTestId('check')).toBeVisible())],
	// question=factors asks to pick the chain-rule factors: a row of checkboxes, each needing its label.
	['practice, a factor question', './practice.html?example=add-mul&question=factors', async (page) => void (await expect(page.getByTestId('factor').first()).toBeVisible())]
];

for (const theme of ['light', 'dark'] as const) {
	for (const [what, url, ready] of PAGES) {
		test(`${what}, ${theme} theme: no serious or critical axe finding`, async ({ page }) => {
			await page.emulateMedia({ colorScheme: theme });
			await page.addInitScript((t) => {
				try {
					localStorage.setItem('chainstep-theme', t);
				} catch {
					// Storage refused: the emulated colour scheme still picks the theme.
				}
			}, theme);
			await page.goto(url.includes('embed') ? `${url}&theme=${theme}` : url);
			await ready(page);
			// Let fonts, the graph's layout and the step's transitions settle.
			await page.waitForTimeout(400);
			expect(await seriousFindings(page)).toEqual([]);
		});
	}
}
