import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { katexCss } from './src/element/katex-css-plugin.ts';
import { exampleLayoutsPlugin } from './src/lib/examples/layouts-plugin.ts';
import { elkWorkerPlugin } from './src/lib/adapters/elk-worker-plugin.ts';

export default defineConfig({
	plugins: [sveltekit(), katexCss(), exampleLayoutsPlugin(), elkWorkerPlugin()],
	worker: { format: 'es' },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		// the CLI tests spawn dist-cli: rebuild it when a source is newer, so no test runs stale code
		globalSetup: ['tests/setup/build-cli.ts'],
		environment: 'node',
		// Vitest's default leaves one of two cores idle; the slow files mostly wait on Chromium and pdflatex (545 → 226 s).
		maxWorkers: 2,
		testTimeout: 30_000
	}
});
