import { svelte } from '@sveltejs/vite-plugin-svelte';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { katexCss } from './katex-css-plugin.ts';

const root = resolve(import.meta.dirname, '../..');
const out = resolve(root, 'build');
const require = createRequire(import.meta.url);

/**
 * The script-tag embed: one file, build/chainstep-element.js, defining <chainstep-trace>.
 * An IIFE with no import/export, so it runs both as `<script type="module">` on a web host
 * and as a classic `<script>` from file://, where Chrome refuses module scripts.
 * ELK is not bundled: the element loads build/elk.bundled.js beside it only when it lays out a graph.
 */
export default defineConfig({
	root,
	plugins: [
		svelte({ configFile: false, compilerOptions: { css: 'injected' }, emitCss: false }),
		katexCss(),
		{
			// The app's KaTeX adapter imports katex.min.css for the document; the element puts
			// KaTeX's styles into its shadow root itself (virtual:katex-css), so that import is empty here.
			name: 'chainstep-no-document-css',
			enforce: 'pre',
			resolveId: (id) => (id === 'katex/dist/katex.min.css' ? '\0chainstep-empty-css' : undefined),
			load: (id) => (id === '\0chainstep-empty-css' ? 'export {};' : undefined)
		},
		{
			// A host page without <meta charset="utf-8"> would read non-ASCII source as Latin-1
			// and fail to parse: escape every non-ASCII character so the file is pure ASCII.
			name: 'chainstep-ascii-only',
			generateBundle(_opts, bundle) {
				for (const chunk of Object.values(bundle))
					if (chunk.type === 'chunk') chunk.code = chunk.code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
			}
		},
		{
			name: 'chainstep-copy-elk',
			closeBundle() {
				mkdirSync(out, { recursive: true });
				copyFileSync(require.resolve('elkjs/lib/elk.bundled.js'), resolve(out, 'elk.bundled.js'));
				// `vite preview` serves SvelteKit's output folder, not build/: put both files there
				// too, so the preview server (and the e2e tests) serve what a static host would.
				const preview = resolve(root, '.svelte-kit/output/client');
				if (existsSync(preview))
					for (const file of ['chainstep-element.js', 'elk.bundled.js']) copyFileSync(resolve(out, file), resolve(preview, file));
			}
		}
	],
	resolve: { alias: { $lib: resolve(root, 'src/lib') } },
	define: { 'process.env.NODE_ENV': '"production"' },
	build: {
		outDir: out,
		emptyOutDir: false,
		copyPublicDir: false,
		target: 'es2022',
		lib: { entry: resolve(import.meta.dirname, 'main.ts'), formats: ['iife'], name: 'ChainstepElement', fileName: () => 'chainstep-element.js' }
	}
});
