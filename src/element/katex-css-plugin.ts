import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * KaTeX's stylesheet for the custom element, as two strings: the @font-face rules (which
 * only work in the document, never inside a shadow root) and everything else.
 * Fonts become data: URLs so the element works from file:// and from hosts that block
 * cross-origin fonts; only the faces chainstep's formulas use are kept (woff2 only),
 * which keeps the module light.
 */
const USED_FACES = ['AMS-Regular', 'Main-Regular', 'Main-Italic', 'Main-Bold', 'Math-Italic', 'Size1-Regular', 'Size2-Regular', 'Size3-Regular', 'Size4-Regular'];
const ID = 'virtual:katex-css';

export function katexCss(): Plugin {
	const require = createRequire(import.meta.url);
	return {
		name: 'chainstep-katex-css',
		resolveId: (id) => (id === ID ? '\0' + ID : undefined),
		load(id) {
			if (id !== '\0' + ID) return undefined;
			const cssPath = require.resolve('katex/dist/katex.min.css');
			const css = readFileSync(cssPath, 'utf8');
			const faces: string[] = [];
			const rest = css.replace(/@font-face\{[^}]*\}/g, (rule) => {
				const file = /url\(fonts\/(KaTeX_[A-Za-z0-9-]+)\.woff2\)/.exec(rule);
				const face = file?.[1].replace('KaTeX_', '');
				if (!file || !face || !USED_FACES.includes(face)) return '';
				const data = readFileSync(join(dirname(cssPath), 'fonts', `${file[1]}.woff2`)).toString('base64');
				faces.push(rule.replace(/src:[^;}]*/, `src:url(data:font/woff2;base64,${data}) format("woff2")`));
				return '';
			});
			return `export const fontFaceCss = ${JSON.stringify(faces.join('\n'))};\nexport const katexCss = ${JSON.stringify(rest)};\n`;
		}
	};
}
