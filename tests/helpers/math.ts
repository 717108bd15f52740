import katex from 'katex';

/** Parse LaTeX the way the handout's readers will, failing on any error. */
export function katexParses(tex: string, display: boolean): void {
	katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: 'ignore', trust: false, maxSize: 20, maxExpand: 1000 });
}

/** Every `$$…$$` and `$…$` outside code fences, with whether it is display math. */
export function markdownMath(md: string): { tex: string; display: boolean }[] {
	const out: { tex: string; display: boolean }[] = [];
	const text = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
	const rest = text.replace(/\$\$([\s\S]+?)\$\$/g, (_m, tex: string) => {
		out.push({ tex: tex.trim(), display: true });
		return '';
	});
	for (const m of rest.matchAll(/(?<!\\)\$([^$\n]+?)(?<!\\)\$/g)) out.push({ tex: m[1], display: false });
	return out;
}

