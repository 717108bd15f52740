import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Beside static-host.spec.ts: every link of every page of the build, on the plainest static
// server (python3 -m http.server: no rewrites, no extension-less URLs), at the site's root and
// from a sub-folder (a course site's /course/chainstep/), which paths.relative allows.
const port = Number(process.env.PORT ?? 4173) + 9;
const origin = `http://127.0.0.1:${port}`;
let server: ChildProcess | undefined;
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.skip(!existsSync('build/index.html'), 'needs npm run build');
	const root = mkdtempSync(join(tmpdir(), 'chainstep-host-'));
	symlinkSync(resolve('build'), join(root, 'site'));
	mkdirSync(join(root, 'course'));
	symlinkSync(resolve('build'), join(root, 'course', 'chainstep'));
	server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', root], { stdio: 'ignore' });
	for (let i = 0; i < 50; i++) {
		try {
			if ((await fetch(`${origin}/site/`)).ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('python3 -m http.server did not start');
});

test.afterAll(() => {
	server?.kill();
});

/** Every URL a page points at once rendered: links, scripts, styles, frames, images. */
async function referencesOf(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const urls: string[] = [];
		for (const el of document.querySelectorAll('a[href], link[href], script[src], iframe[src], img[src]')) {
			const u = (el as HTMLAnchorElement).href || (el as HTMLScriptElement).src;
			if (u) urls.push(u);
		}
		// The Embed menu's snippets are links too, once pasted into a course page.
		for (const t of document.querySelectorAll('textarea, input[readonly]')) {
			const m = /src="([^"]+)"/.exec((t as HTMLTextAreaElement).value);
			if (m) urls.push(new URL(m[1].replace(/&amp;/g, '&'), location.href).href);
		}
		return urls;
	});
}

const isPage = (u: URL) => u.pathname.endsWith('/') || u.pathname.endsWith('.html');

for (const base of ['/site/', '/course/chainstep/']) {
	test(`every link of every page answers 200 from ${base} on a plain static server`, async ({ page }) => {
		test.setTimeout(120_000);
		const start = `${origin}${base}`;
		const toVisit = [start, `${start}embed-example.html`];
		const visited = new Set<string>();
		const checked = new Map<string, number>();
		const failed: string[] = [];
		page.on('response', (r) => {
			if (r.url().startsWith(origin) && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
		});
		while (toVisit.length > 0 && visited.size < 40) {
			const url = toVisit.shift()!;
			if (visited.has(url)) continue;
			visited.add(url);
			await page.goto(url);
			// Quiet network means the page has rendered its links; once in a CI run one page never went
			// quiet (2 min, then 9 s on retry): after 15 s the crawl reads what is there and says so.
			await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => console.warn(`[static-crawl] ${url}: network still busy after 15 s`));
			for (const ref of await referencesOf(page)) {
				const u = new URL(ref);
				u.hash = '';
				if (u.origin !== origin) continue;
				// Links must stay inside the folder the site was copied to.
				expect(u.pathname.startsWith(base), `${ref} on ${url} leaves ${base}`).toBe(true);
				if (!checked.has(u.href)) checked.set(u.href, (await fetch(u.href)).status);
				if (isPage(u) && !visited.has(u.href)) toVisit.push(u.href);
			}
		}
		const bad = [...checked].filter(([, s]) => s !== 200).map(([u, s]) => `${s} ${u}`);
		console.log(`${base}: ${visited.size} pages visited, ${checked.size} distinct URLs checked`);
		expect(bad).toEqual([]);
		// The favicon request of a page without an icon is the only 404 a browser may make by itself.
		expect(failed.filter((f) => !f.endsWith('/favicon.ico'))).toEqual([]);
		expect(visited.size).toBeGreaterThan(3);
	});
}
