import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { katexCss } from './src/element/katex-css-plugin.ts';

export default defineConfig({
	plugins: [sveltekit(), katexCss()],
	worker: { format: 'es' },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000
	}
});
