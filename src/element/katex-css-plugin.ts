import type { Plugin } from 'vite';
import { katexCssParts } from '../cli/katex-assets.ts';

/**
 * KaTeX's stylesheet for the custom element, as two strings: the @font-face rules (which
 * only work in the document, never inside a shadow root) and everything else.
 * Only the faces chainstep's formulas use are kept, which keeps the module light.
 */
// Main-Bold and AMS-Regular are left out (~50 KB gzip): no trace LaTeX asks for bold or AMS
// symbols, which tests/unit/embed/katex-faces.test.ts checks over every op and example.
export const USED_FACES: readonly string[] = ['Main-Regular', 'Main-Italic', 'Math-Italic', 'Size1-Regular', 'Size2-Regular', 'Size3-Regular', 'Size4-Regular'];
const ID = 'virtual:katex-css';

export function katexCss(): Plugin {
	return {
		name: 'chainstep-katex-css',
		resolveId: (id) => (id === ID ? '\0' + ID : undefined),
		load(id) {
			if (id !== '\0' + ID) return undefined;
			const { fontFaces, rules } = katexCssParts((face) => USED_FACES.includes(face));
			return `export const fontFaceCss = ${JSON.stringify(fontFaces)};\nexport const katexCss = ${JSON.stringify(rules)};\n`;
		}
	};
}
