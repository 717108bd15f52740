import type { Handout } from './model.ts';
import { captionOf, graphAlt, INTRO, numbersLine, WORKSHEET_LINE } from './words.ts';

export interface MarkdownOptions {
	/** The graph picture: an SVG document, embedded as a data: URL unless `graphHref` is given. */
	readonly graphSvg?: string;
	/** Where the graph picture lives (a path beside the .md file); GitHub shows no data: images. */
	readonly graphHref?: string;
}

/**
 * Markdown special characters in plain text get a backslash (CommonMark escapes any ASCII
 * punctuation); `&` too, so no entity can appear, and newlines become spaces so text stays one
 * paragraph or one table cell.
 */
export function escapeMarkdownText(s: string): string {
	return s.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]<>#!|$~&]/g, (c) => `\\${c}`);
}

/**
 * Math that survives every renderer the handout targets. A bar would end a table cell in GitHub's
 * and Obsidian's tables even inside `$…$`, so bars are spelled as `\vert`/`\Vert`; `$` is never
 * produced by the trace's LaTeX, and a stray one is dropped so it cannot close the math early.
 */
export function markdownMath(tex: string): string {
	return tex
		.replace(/\\\|/g, '\\Vert ')
		.replace(/\|/g, '\\vert ')
		.replace(/\$/g, '')
		.replace(/\s*\n\s*/g, ' ')
		.trim();
}

const inline = (tex: string) => `$${markdownMath(tex)}$`;
const display = (tex: string) => `$$\n${markdownMath(tex)}\n$$`;

/** A code fence longer than any run of backticks in the text, so the text cannot close it. */
function fenced(text: string, info: string): string {
	const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
	const fence = '`'.repeat(Math.max(3, longest + 1));
	return `${fence}${info}\n${text.replace(/\r\n?/g, '\n').replace(/\n$/, '')}\n${fence}`;
}

function table(head: readonly string[], align: readonly ('l' | 'r')[], rows: readonly (readonly string[])[]): string {
	const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
	return [line(head), line(align.map((a) => (a === 'r' ? '---:' : ':---'))), ...rows.map(line)].join('\n');
}

function svgDataUrl(svg: string): string {
	// base64 keeps the URL free of characters Markdown would read ( ) < > and spaces.
	const bytes = new TextEncoder().encode(svg);
	let bin = '';
	for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return `data:image/svg+xml;base64,${btoa(bin)}`;
}

/** A Markdown handout with `$…$`/`$$…$$` math, for Jupyter, Quarto, Obsidian and GitHub. */
export function handoutMarkdown(h: Handout, opts: MarkdownOptions = {}): string {
	const out: string[] = [];
	out.push(`# ${escapeMarkdownText(h.title)}`, '', escapeMarkdownText(INTRO) + ' ' + escapeMarkdownText(numbersLine(h)));
	if (h.worksheet) out.push('', `**${escapeMarkdownText(WORKSHEET_LINE)}**`);
	out.push('', '## Program', '', fenced(h.program, 'text'));
	const href = opts.graphHref ?? (opts.graphSvg ? svgDataUrl(opts.graphSvg) : undefined);
	if (href) out.push('', '## Graph', '', `![${escapeMarkdownText(graphAlt(h))}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`);

	out.push('', '## Forward pass', '');
	if (h.inputs.length) {
		out.push('Inputs:', '');
		if (h.granularity === 'scalar') out.push(table(['input', 'value'], ['l', 'r'], h.inputs.map((r) => [inline(r.tex), inline(r.value)])));
		else for (const r of h.inputs) out.push(display(`${r.tex} = ${r.value}`), '');
		out.push('');
	}
	if (h.granularity === 'scalar')
		out.push(table(['step', 'node', 'equation', 'value'], ['r', 'l', 'l', 'r'], h.forward.map((r) => [String(r.k), inline(r.tex), r.equations.map(inline).join(' '), inline(r.value)])));
	else
		// Matrices need `\\` row breaks, which table cells mangle in some renderers: one block per step.
		for (const r of h.forward) {
			out.push(`### Step ${r.k}: ${escapeMarkdownText(r.label)}`, '');
			for (const e of r.equations) out.push(display(e), '');
			out.push(display(`${r.tex} = ${r.value}`), '');
		}

	out.push('', '## Backward pass', '');
	out.push(escapeMarkdownText(`Gradients of ${h.output.label}, from the output back to the inputs.`), '');
	if (h.granularity === 'scalar')
		out.push(
			table(
				['step', 'node', 'local derivatives', 'upstream × local', 'gradient'],
				['r', 'l', 'l', 'l', 'r'],
				h.backward.map((r) => [
					String(r.k),
					inline(r.tex),
					r.locals.map(inline).join(', ') || '—',
					inline(r.chain) + (r.note ? ` *${escapeMarkdownText(r.note)}*` : ''),
					inline(r.gradient)
				])
			)
		);
	else
		for (const r of h.backward) {
			out.push(`### Step ${r.k}: ${escapeMarkdownText(r.label)}`, '');
			if (r.note) out.push(`*${escapeMarkdownText(r.note)}*`, '');
			for (const l of r.locals) out.push(display(l), '');
			out.push(display(r.chain), '', display(`${captionOf(h, r)} = ${r.gradient}`), '');
		}

	if (h.worksheet) {
		out.push('', '## Answer key', '');
		if (h.granularity === 'scalar')
			out.push(table(['box', 'step', 'quantity', 'answer'], ['r', 'r', 'l', 'l'], h.answers.map((a) => [String(a.id), String(a.k), inline(a.quantity), inline(a.answer)])));
		else for (const a of h.answers) out.push(`**Box ${a.id}** (step ${a.k})`, '', display(`${a.quantity} = ${a.answer}`), '');
	}
	return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
