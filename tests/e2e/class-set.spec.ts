import { readFileSync } from 'node:fs';
import { expect, test, type Download } from '@playwright/test';
import { openExample } from './viewer-helpers';

test('the Export menu makes a class set: every student’s worksheet in one file, all their answers in the key', async ({ page }) => {
	await openExample(page, 'add-mul');
	await page.getByText('Export', { exact: true }).click();
	await page.getByTestId('class-set-size').fill('5');
	const downloads: Download[] = [];
	page.on('download', (d) => downloads.push(d));
	await page.getByRole('button', { name: /Markdown/ }).click();
	await expect.poll(() => downloads.length).toBe(2);
	const byName = new Map(await Promise.all(downloads.map(async (d) => [d.suggestedFilename(), readFileSync((await d.path())!, 'utf8')] as const)));
	const sheets = byName.get('add-mul-class-set.md')!;
	const key = byName.get('add-mul-class-set-key.md')!;
	// Five students, seeds 1 to 5, each with their own numbers and no answers on their sheet.
	expect(sheets.match(/^# .*— seed [1-5]$/gm)).toHaveLength(5);
	expect(sheets).not.toContain('## Answer key');
	const programs = [...sheets.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1]);
	expect(new Set(programs).size).toBe(5);
	expect(key.match(/^## seed [1-5]$/gm)).toHaveLength(5);
	expect(key).toContain('\\frac{\\partial f}{\\partial x}');
	// Every sheet has its graph, drawn with that student's own numbers (one layout serves all five).
	for (const sheet of sheets.split(/\n---\n/)) {
		const x = /^x = (\S+)$/m.exec(sheet)?.[1];
		const urls = [...sheet.matchAll(/\(<?data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)>?\)/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8'));
		expect(urls.length, 'a graph picture on every sheet').toBeGreaterThan(0);
		expect(urls.join('')).toContain(`>${x}<`);
	}
});
