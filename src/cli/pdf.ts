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
		await page.setContent(hiddenOnScreen(html), { waitUntil: 'load' });
		// Nothing is laid out on screen, so no face has been asked for yet: load each declared one.
		await page.evaluate(() => Promise.allSettled([...globalThis.document.fonts].map((f) => f.load())).then(() => undefined));
		return await page.pdf(typeof format === 'string' ? { format, printBackground: true } : { ...format, printBackground: true, preferCSSPageSize: true });
	} finally {
		await context.close();
	}
}

/**
 * The page is laid out once, for print. Shown on screen too, Chromium would lay out and style
 * it for the screen first: on a 1,000-node handout (100,000 KaTeX elements) that was 2 of 6 s.
 */
const SCREEN_HIDDEN = '<style>@media screen { body { display: none; } }</style>';
export const hiddenOnScreen = (html: string): string => {
	const head = html.indexOf('</head>');
	return head < 0 ? html : html.slice(0, head) + SCREEN_HIDDEN + html.slice(head);
};

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
