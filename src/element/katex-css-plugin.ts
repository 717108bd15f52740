import type { Plugin } from 'vite';
import { katexCssParts, USED_FACES } from '../cli/katex-assets.ts';

/**
 * KaTeX's stylesheet for the custom element, as two strings: the @font-face rules (which
 * only work in the document, never inside a shadow root) and everything else.
 * Only the faces chainstep's formulas use are kept, which keeps the module light.
 */
export { USED_FACES } from '../cli/katex-assets.ts';
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
