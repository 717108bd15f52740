import type { TexLine } from '../trace/tex.ts';
import type { GraphPrint } from './graph-print.ts';
import type { Handout } from './model.ts';
import { captionOf, graphAlt, INTRO, numbersLine, worksheetLine } from './words.ts';

export interface MarkdownOptions {
	/** The graph as it prints: its pieces, embedded as data: URLs unless `graphHrefs` are given, and a note. */
	readonly graph?: GraphPrint;
	/** A single graph picture, when `graph` is not given. */
	readonly graphSvg?: string;
	/** Where each piece lives (paths beside the .md file); GitHub shows no data: images. */
	readonly graphHrefs?: readonly string[];
	/** The same for a single picture. */
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

/** The matrix form of an assignment row, each line under its caption. */
function vectorized(lines: readonly TexLine[]): string[] {
	return lines.flatMap((l) => [`*${escapeMarkdownText(l.caption ? `Vectorized, ${l.caption}:` : 'Vectorized:')}*`, '', display(l.tex), '']);
}

/** A Markdown handout with `$…$`/`$$…$$` math, for Jupyter, Quarto, Obsidian and GitHub. */
export function handoutMarkdown(h: Handout, opts: MarkdownOptions = {}): string {
	const out: string[] = [];
	out.push(`# ${escapeMarkdownText(h.title)}`, '', escapeMarkdownText(INTRO) + ' ' + escapeMarkdownText(numbersLine(h)));
	if (h.worksheet) out.push('', `**${escapeMarkdownText(worksheetLine(h))}**`);
	out.push('', '## Program', '', fenced(h.program, 'text'));
	out.push(...graphSection(h, opts), ...forwardSection(h), ...backwardSection(h));
	if (h.worksheet && h.key !== false) out.push(...answerSection(h));
	return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

function graphSection(h: Handout, opts: MarkdownOptions): string[] {
	const graph = opts.graph ?? (opts.graphSvg || opts.graphHref ? { pieces: [{ svg: opts.graphSvg ?? '', width: 0, height: 0 }] } : undefined);
	if (!graph) return [];
	const hrefs = opts.graphHrefs ?? (opts.graphHref ? [opts.graphHref] : graph.pieces.map((p) => svgDataUrl(p.svg)));
	const n = hrefs.length;
	const alt = (k: number) => escapeMarkdownText(n > 1 ? `${graphAlt(h)} (piece ${k + 1} of ${n})` : graphAlt(h));
	const out = ['', '## Graph', ''];
	hrefs.forEach((href, k) => out.push(`![${alt(k)}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`, ''));
	if (graph.note) out.push(`*${escapeMarkdownText(graph.note)}*`);
	return out;
}

function forwardSection(h: Handout): string[] {
	const out = ['', '## Forward pass', ''];
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
			out.push(...vectorized(r.vectorized));
		}
	return out;
}

function backwardSection(h: Handout): string[] {
	const out = ['', '## Backward pass', ''];
	out.push(escapeMarkdownText(`Gradients of ${h.output.label}, from the output back to the inputs.`), '');
	if (h.granularity === 'scalar') {
		const rows = h.backward.map((r) => [
			String(r.k),
			inline(r.tex),
			r.locals.map(inline).join(', ') || '—',
			inline(r.chain) + (r.note ? ` *${escapeMarkdownText(r.note)}*` : ''),
			inline(r.gradient)
		]);
		out.push(table(['step', 'node', 'local derivatives', 'upstream × local', 'gradient'], ['r', 'l', 'l', 'l', 'r'], rows));
		return out;
	}
	for (const r of h.backward) {
		out.push(`### Step ${r.k}: ${escapeMarkdownText(r.label)}`, '');
		if (r.note) out.push(`*${escapeMarkdownText(r.note)}*`, '');
		for (const l of r.locals) out.push(display(l), '');
		out.push(display(r.chain), '', display(`${captionOf(h, r)} = ${r.gradient}`), '');
		out.push(...vectorized(r.vectorized));
		if (r.links.length) out.push(escapeMarkdownText(`Inside the line of ${r.label}, from ${r.label} back:`), '');
		for (const l of r.links) {
			if (l.words) out.push(`*${escapeMarkdownText(l.words)}*`, '');
			if (l.definition) out.push(display(l.definition), '');
			for (const x of l.locals) out.push(display(x), '');
			out.push(display(`${l.chain} = ${l.gradient}`), '');
			if (l.note) out.push(`*${escapeMarkdownText(l.note)}*`, '');
		}
		if (r.linksOmitted) out.push(`*${escapeMarkdownText(r.linksOmitted)}*`, '');
	}
	return out;
}

function answerSection(h: Handout): string[] {
	const out = ['', '## Answer key', ''];
	if (h.granularity === 'scalar')
		out.push(table(['box', 'step', 'quantity', 'answer'], ['r', 'r', 'l', 'l'], h.answers.map((a) => [String(a.id), String(a.k), inline(a.quantity), inline(a.answer)])));
	else for (const a of h.answers) out.push(`**Box ${a.id}** (step ${a.k})`, '', display(`${a.quantity} = ${a.answer}`), '');
	return out;
}
