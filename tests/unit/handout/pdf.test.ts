import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { renderExport } from '../../../src/cli/export-render';
import { CHROMIUM, launchChromium } from '../../../src/cli/pdf';
import { goldenGradients, HAVE_GOLDENS, normaliseText, rows, traceOf } from './fixtures';

const run = promisify(execFile);
const have = existsSync(CHROMIUM) && existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdffonts');
if (!have) {
	if (process.env.CI) throw new Error(`CI is set but ${CHROMIUM}, pdftotext or pdffonts is missing`);
	console.warn(`[chainstep] ${CHROMIUM}, pdftotext or pdffonts not found: the PDF handout tests are skipped.`);
}
if (!HAVE_GOLDENS) console.warn('[chainstep] no golden examples: the PDF gradient checks are skipped.');

let browser: Browser;
let dir: string;

/** The PDF written to the test's folder, for poppler's tools to read. */
function saved(pdf: Uint8Array, name: string): string {
	const file = join(dir, `${name}.pdf`);
	writeFileSync(file, pdf);
	return file;
}

/** The text of each page, as pdftotext reads it. */
async function pages(pdf: Uint8Array, name: string): Promise<string[]> {
	const { stdout } = await run('pdftotext', ['-layout', saved(pdf, name), '-']);
	return normaliseText(stdout).replace(/\f$/, '').split('\f');
}

const pageOf = (text: string[], s: string) => text.findIndex((p) => p.includes(s));

// One Chromium for every PDF: launching is most of the cost. One print at a time: concurrent
// prints only fight over the CPU, and on a busy machine they time out together.
describe.skipIf(!have)('PDF handout, printed by Chromium', () => {
	beforeAll(async () => {
		browser = await launchChromium();
		dir = mkdtempSync(join(tmpdir(), 'chainstep-pdf-'));
	});
	afterAll(async () => {
		await browser?.close();
	});

	it.for(rows())('%s: title and program, then the forward pass, then the backward pass, with the golden gradients', { timeout: 60_000 }, async ([id, c], { expect }) => {
		const pdf = await renderExport(c.trace, { format: 'pdf', title: c.example.title }, async () => browser);
		if (typeof pdf === 'string') throw new Error('PDF output is bytes');
		const text = await pages(pdf, id);
		expect(text.length).toBeGreaterThanOrEqual(3);
		expect(text[0]).toContain('Program');
		expect(text[0]).not.toContain('Forward pass');
		const fwd = pageOf(text, 'Forward pass');
		const bwd = pageOf(text, 'Backward pass');
		// The graph, cut into pieces that print at 7 pt or more, may take pages of its own before it.
		expect(fwd).toBeGreaterThanOrEqual(1);
		expect(text.slice(0, fwd).join('\n')).toContain('Graph');
		expect(bwd).toBeGreaterThan(fwd);
		const backward = text.slice(bwd).join('\n');
		if (c.golden) for (const g of goldenGradients(c.golden)) expect(backward, `gradient ${g}`).toContain(g);
	});

	// The page is laid out for print only (pdf.ts): KaTeX's faces must still be loaded before it prints.
	it('sets the math in the KaTeX fonts', { timeout: 60_000 }, async ({ expect }) => {
		const [id, c] = rows()[0];
		const pdf = await renderExport(c.trace, { format: 'pdf' }, async () => browser);
		if (typeof pdf === 'string') throw new Error('PDF output is bytes');
		const { stdout } = await run('pdffonts', [saved(pdf, `${id}-fonts`)]);
		for (const face of ['KaTeX_Main-Regular', 'KaTeX_Math-Italic']) expect(stdout).toContain(face);
	});

	// An inner node is named by its expression, set as one piece that cannot wrap.
	it('a long inner name stays inside the node column, on the printed page', { timeout: 60_000 }, async ({ expect }) => {
		const t = traceOf('x1 = 0.05\nx2 = 0.10\nw1 = 0.15\nw2 = 0.20\nb1 = 0.35\nh1 = sigmoid(w1 x1 + w2 x2 + b1)\nE = 0.5 (0.01 - h1)^2 + 0.5 (0.99 - h1)^2\n');
		const html = await renderExport(t, { format: 'html', rows: 'scalar' });
		if (typeof html !== 'string') throw new Error('HTML output is text');
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 695, height: 1000 } });
		try {
			const page = await context.newPage();
			await page.emulateMedia({ media: 'print' });
			await page.setContent(html);
			const cells = await page.locator('td.node').evaluateAll((tds) =>
				tds.flatMap((td) => {
					const math = td.querySelector('.katex');
					return math ? [{ name: math.textContent ?? '', over: math.getBoundingClientRect().right - td.getBoundingClientRect().right }] : [];
				})
			);
			expect(cells.length).toBeGreaterThan(10);
			for (const c of cells) expect(c.over, c.name).toBeLessThanOrEqual(0);
		} finally {
			await context.close();
		}
	});

	it.for(rows())('%s: the worksheet has blanks where the gradients were, and an answer key with them', { timeout: 60_000 }, async ([id, c], { expect }) => {
		const pdf = await renderExport(c.trace, { format: 'pdf', blanks: 'all-gradients' }, async () => browser);
		if (typeof pdf === 'string') throw new Error('PDF output is bytes');
		const text = await pages(pdf, `${id}-worksheet`);
		const bwd = pageOf(text, 'Backward pass');
		const key = pageOf(text, 'Answer key');
		expect(key).toBeGreaterThan(bwd);
		expect(text[0]).toContain('Worksheet');
		if (!c.golden) return;
		// Every gradient but the seed's is a blank: the backward pages read only the seed's 1 and local derivatives.
		const answers = text.slice(key).join('\n');
		for (const g of goldenGradients(c.golden)) expect(answers, `answer ${g}`).toContain(g);
	});
});
