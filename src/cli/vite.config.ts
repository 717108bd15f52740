import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '../..');

/**
 * The CLI as one bundle, dist-cli/cli/chainstep.js (the package's bin). Run as tsc emits it, Node
 * resolves and links ~50 modules before `trace` prints anything, most of the start-up over bare
 * node (issue 16: within 2×). Each command stays a chunk of its own, loaded when called, and
 * packages (elkjs, katex, playwright) stay imports from node_modules, so `trace` loads none of them.
 * `npm run build:cli` still runs tsc first: it type-checks the CLI and compiles `bench/`.
 */
export default defineConfig({
	root,
	publicDir: false,
	logLevel: 'warn',
	build: {
		ssr: resolve(import.meta.dirname, 'main.ts'),
		outDir: resolve(root, 'dist-cli/cli'),
		emptyOutDir: true,
		target: 'node20',
		minify: false,
		rollupOptions: { output: { entryFileNames: 'chainstep.js', chunkFileNames: '[name].js' } }
	}
});
