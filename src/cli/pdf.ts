import type { Browser } from 'playwright-core';

/** The system Chromium, unless CHAINSTEP_CHROMIUM names another. */
export const CHROMIUM = process.env.CHAINSTEP_CHROMIUM || '/usr/bin/chromium';

/**
 * Playwright is loaded only for PDF output: the other formats must work where it is not
 * installed, and a missing browser is the user's to fix, with a message that says how.
 */
export async function launchChromium(): Promise<Browser> {
	let chromium: typeof import('playwright-core').chromium;
	try {
		({ chromium } = await import('playwright-core'));
	} catch {
		throw new PdfUnavailable('PDF output needs the playwright-core package: npm install playwright-core');
	}
	try {
		return await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
	} catch (e) {
		throw new PdfUnavailable(`Could not start Chromium at ${CHROMIUM} (set CHAINSTEP_CHROMIUM to another path): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
	}
}

export class PdfUnavailable extends Error {}

/**
 * One browser for a command's run, started on the first `get` (or early, with `start`, while
 * the graph is laid out and the math typeset: Chromium takes about a second), closed once.
 */
export function oneBrowser(): { get: () => Promise<Browser>; start: () => void; close: () => Promise<void> } {
	let browser: Promise<Browser> | undefined;
	const get = () => (browser ??= launchChromium());
	return {
		get,
		start: () => void get().catch(() => {}),
		close: async () => {
			await (await browser?.catch(() => undefined))?.close();
		}
	};
}

export type PaperFormat = 'A4' | 'Letter';

/** Print a self-contained HTML page. JavaScript is off: the handout has none and needs none. */
export async function printPdf(browser: Browser, html: string, format: PaperFormat | { readonly width: string; readonly height: string } = 'A4'): Promise<Uint8Array> {
	const context = await browser.newContext({ javaScriptEnabled: false });
	try {
		const page = await context.newPage();
		// The page is self-contained; refusing every request keeps it that way.
		await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
		await page.setContent(html, { waitUntil: 'load' });
		await page.evaluate(() => globalThis.document.fonts.ready.then(() => undefined));
		return await page.pdf(typeof format === 'string' ? { format, printBackground: true } : { ...format, printBackground: true, preferCSSPageSize: true });
	} finally {
		await context.close();
	}
}

/** A page exactly the size of an SVG picture: how pdflatex gets the graph it cannot read as SVG. */
export async function printSvgPdf(browser: Browser, svg: string, size: { width: number; height: number }): Promise<Uint8Array> {
	const context = await browser.newContext({ javaScriptEnabled: false });
	try {
		const page = await context.newPage();
		await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
		await page.setContent(`<!DOCTYPE html><html><head><style>@page{margin:0}html,body{margin:0}svg{display:block}</style></head><body>${svg}</body></html>`);
		return await page.pdf({ width: `${Math.ceil(size.width)}px`, height: `${Math.ceil(size.height) + 1}px`, printBackground: true, pageRanges: '1' });
	} finally {
		await context.close();
	}
}
