import { defineConfig } from '@playwright/test';
import { chromiumLaunch } from '../playwright.config.ts';

/** `npm run bench:viewer`: figures printed, not asserted. Run after `npm run build` (the app and the script-tag element). */
const port = Number(process.env.PORT ?? 4174);

export default defineConfig({
	testDir: '.',
	outputDir: '../test-output/bench',
	testMatch: ['viewer.bench.ts', 'graph.bench.ts', 'editor.bench.ts'],
	workers: 1,
	reporter: [['list']],
	timeout: 300_000,
	use: { baseURL: `http://127.0.0.1:${port}`, launchOptions: chromiumLaunch, viewport: { width: 1366, height: 900 } },
	webServer: {
		command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
		url: `http://127.0.0.1:${port}`,
		cwd: '..',
		reuseExistingServer: !process.env.CI,
		timeout: 60_000
	}
});
