import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.PORT ?? 4173);

/** Debian's Chromium: Playwright cannot download its own browser on this network. */
export const chromiumLaunch = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run']
};

const browser = { ...devices['Desktop Chrome'], launchOptions: chromiumLaunch };
/** The specs that measure main-thread time (key → frame, long tasks). */
const LATENCY = ['**/typing-latency.spec.ts', '**/run-worker.spec.ts', '**/embed-host-latency.spec.ts'];

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	fullyParallel: true,
	workers: 2,
	retries: process.env.CI ? 1 : 0,
	reporter: [['list']],
	timeout: 60_000,
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		launchOptions: chromiumLaunch,
		trace: 'off'
	},
	projects: [
		{ name: 'chromium', testIgnore: LATENCY, use: browser },
		// Timing tests run last and one at a time: on two cores a parallel test's work would be counted as their latency.
		{ name: 'latency', testMatch: LATENCY, dependencies: ['chromium'], workers: 1, use: browser }
	],
	webServer: {
		command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
		url: `http://127.0.0.1:${port}`,
		reuseExistingServer: !process.env.CI,
		timeout: 60_000
	}
});
