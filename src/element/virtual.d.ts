declare module 'virtual:katex-css' {
	/** The @font-face rules, fonts inlined as data: URLs. */
	export const fontFaceCss: string;
	/** The rest of KaTeX's stylesheet. */
	export const katexCss: string;
}
