import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { katexCss } from './src/element/katex-css-plugin.ts';
import { exampleLayoutsPlugin } from './src/lib/examples/layouts-plugin.ts';

export default defineConfig({
	plugins: [sveltekit(), katexCss(), exampleLayoutsPlugin()],
	worker: { format: 'es' },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		// the CLI tests spawn dist-cli: rebuild it when a source is newer, so no test runs stale code
		globalSetup: ['tests/setup/build-cli.ts'],
		environment: 'node',
		testTimeout: 30_000
	}
});
