import { escapeMarkup } from '../markup.ts';
import type { GraphPrint } from './graph-print.ts';
import { HANDOUT_CSS } from './html-style.ts';
import type { TexLine } from '../trace/tex.ts';
import type { BackwardRow, Handout } from './model.ts';
import { graphAlt, INTRO, numbersLine, worksheetLine } from './words.ts';

/**
 * Renders LaTeX to HTML. Injected so the core stays free of KaTeX: the CLI and the page pass
 * KaTeX's renderToString with { trust: false, strict: 'ignore', maxSize: 20, maxExpand: 1000, throwOnError: false }.
 */
export type RenderTex = (tex: string, display: boolean) => string;

export interface HtmlOptions {
	readonly renderTex: RenderTex;
	/** KaTeX's stylesheet with its fonts inlined as data: URLs, so the page needs no other file. */
	readonly katexCss?: string;
	/** The graph as it prints (pieces, or a note saying why it is left out). */
	readonly graph?: GraphPrint;
	/** A single graph picture printed as is, when `graph` is not given. */
	readonly graphSvg?: string;
}

/** `</style>` inside a stylesheet would end the element early; `<` never appears in valid CSS. */
function styleText(css: string): string {
	return css.replace(/<\/(style)/gi, '<\\/$1');
}

function base64(s: string): string {
	const bytes = new TextEncoder().encode(s);
	let bin = '';
	for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(bin);
}

/**
 * The graph inline when it is plain drawing; anything that could run (script, event handler,
 * foreign HTML) goes in an <img>, where SVG never runs.
 */
function graphFigure(svg: string, alt: string): string {
	const active = /<script|<foreignObject|<iframe|\son[a-z]+\s*=|javascript:|<!ENTITY/i.test(svg);
	const body = active
		? `<img alt="${escapeMarkup(alt)}" src="data:image/svg+xml;base64,${base64(svg)}">`
		: svg.replace(/^\s*<\?xml[^>]*\?>\s*/, '').replace(/^\s*<!DOCTYPE[^>]*>\s*/i, '');
	return `<figure class="graph">${body}<figcaption>${escapeMarkup(alt)}</figcaption></figure>`;
}

/** The Graph section: each piece a figure of its own (a page may break between them), then the note. */
function graphSection(g: GraphPrint, alt: string): string[] {
	const n = g.pieces.length;
	return [
		'<section class="graph-section">',
		'<h2>Graph</h2>',
		...g.pieces.map((p, k) => graphFigure(p.svg, n > 1 ? `${alt} (piece ${k + 1} of ${n})` : alt)),
		g.note ? `<p class="graph-note">${escapeMarkup(g.note)}</p>` : '',
		'</section>'
	];
}

/** LaTeX as HTML inline, as a display block, and as a full-size equation. */
interface Typeset {
	readonly tex: (s: string) => string;
	readonly block: (s: string) => string;
	readonly eq: (s: string) => string;
}

/** One self-contained printable page: title, program, graph, forward pass, backward pass, answers. */
export function handoutHtml(h: Handout, opts: HtmlOptions): string {
	const tex = (s: string) => opts.renderTex(s, false);
	// Fractions at full size: ∂e/∂b in text style is too small to read on paper.
	const t: Typeset = { tex, block: (s) => opts.renderTex(s, true), eq: (s) => `<span class="eq">${tex(`\\displaystyle ${s}`)}</span>` };
	const graph = opts.graph ?? (opts.graphSvg ? { pieces: [{ svg: opts.graphSvg, width: 0, height: 0 }] } : undefined);
	const out = [
		...documentTop(h, opts.katexCss ?? ''),
		...(graph ? graphSection(graph, graphAlt(h)) : []),
		...forwardSection(h, t),
		...backwardSection(h, t),
		...(h.worksheet && h.key !== false ? answerSection(h, t) : []),
		'</body>',
		'</html>',
		''
	];
	return out.filter((l) => l !== '').join('\n');
}

/** From the doctype to the program, with the styles inlined. */
function documentTop(h: Handout, katexCss: string): string[] {
	return [
		'<!DOCTYPE html>',
		'<html lang="en">',
		'<head>',
		'<meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		'<meta name="generator" content="chainstep">',
		`<title>${escapeMarkup(h.title)}</title>`,
		`<style>${styleText(katexCss)}</style>`,
		`<style>${HANDOUT_CSS}</style>`,
		'</head>',
		`<body class="${h.granularity === 'group' ? 'group' : 'scalar'}${h.worksheet ? ' worksheet' : ''}">`,
		'<header>',
		`<h1>${escapeMarkup(h.title)}</h1>`,
		`<p class="meta">${escapeMarkup(INTRO)} ${escapeMarkup(numbersLine(h))}</p>`,
		h.worksheet ? `<p class="worksheet-note">${escapeMarkup(worksheetLine(h))}</p>` : '',
		'</header>',
		'<section class="program-section">',
		'<h2>Program</h2>',
		`<pre class="program">${escapeMarkup(h.program.replace(/\n$/, ''))}</pre>`,
		'</section>'
	];
}

/** The matrix form of an assignment: a sub-row across the table, as wide as its matrices need. */
function vectorRow(t: Typeset, lines: readonly TexLine[]): string[] {
	if (!lines.length) return [];
	const cells = lines.map((l) => `<span class="vector-caption">${escapeMarkup(l.caption ? `Vectorized, ${l.caption}` : 'Vectorized')}</span>${t.eq(l.tex)}`);
	return [`<tr class="link vector"><td class="k"></td><td class="node"></td><td colspan="2">${cells.join('')}</td></tr>`];
}

function forwardSection(h: Handout, t: Typeset): string[] {
	const { tex, eq } = t;
	return [
		'<section class="pass forward-pass">',
		'<h2>Forward pass</h2>',
		h.inputs.length ? `<p class="inputs">Inputs: ${h.inputs.map((r) => `<span class="item">${tex(`${r.tex} = ${r.value}`)}</span>`).join(' ')}</p>` : '',
		'<table class="forward">',
		`<colgroup><col class="k">${nodeCol(h.forward.map((r) => r.tex))}<col class="equation"><col class="value"></colgroup>`,
		'<thead><tr><th class="k">#</th><th class="node">node</th><th>equation</th><th class="num">value</th></tr></thead>',
		'<tbody>',
		...h.forward.flatMap((r) => [
			`<tr><td class="k">${r.k}</td><td class="node">${tex(r.tex)}</td><td>${r.equations.map(eq).join('')}</td><td class="num">${tex(r.value)}</td></tr>`,
			...vectorRow(t, r.vectorized)
		]),
		'</tbody>',
		'</table>',
		'</section>'
	];
}

/** The node column's printed width (html-style.ts), and the most it grows to for a long name. */
const NODE_REM = 5.5;
const NODE_MAX_REM = 16;
/** A character of math at the handout's 11 pt, in rem, with a little to spare; and the cell's padding. */
const MATH_CHAR_REM = 0.52;
const CELL_PAD_REM = 0.9;

/** What a name's TeX shows, roughly a character per glyph: `\sigma` is one, `_{…}` braces none. */
const shownChars = (tex: string) =>
	tex
		.replace(/\\(left|right|mathrm|operatorname|mathit|text|,|;|!)(?![a-zA-Z])/g, '')
		.replace(/\\[a-zA-Z]+/g, 'x')
		.replace(/[{}_^\\\s]/g, '').length;

/**
 * The node column, as wide as the longest name in it: an inner node is named by its expression
 * (`(w_1 x_1 + w_2 x_2)`), which is set as one piece that cannot wrap and ran into the next column.
 */
function nodeCol(names: readonly string[]): string {
	const need = names.reduce((m, n) => Math.max(m, shownChars(n)), 0) * MATH_CHAR_REM + CELL_PAD_REM;
	return need <= NODE_REM ? '<col class="node">' : `<col class="node" style="width: ${Math.min(NODE_MAX_REM, Math.ceil(need * 2) / 2)}rem">`;
}

const noteHtml = (text: string | undefined) => (text ? `<span class="note">${escapeMarkup(text)}</span>` : '');

/**
 * An assignment's inner quantities, each a sub-row across the table (its numbers are scalars):
 * what it is, its local derivatives, its chain rule ending in its gradient.
 */
function linkRows(t: Typeset, r: BackwardRow): string[] {
	const rows = r.links.map(
		(l) =>
			`<tr class="link"><td class="k"></td><td class="node"></td><td colspan="2">${l.words ? `<span class="link-words">${escapeMarkup(l.words)}</span>` : ''}` +
			`${[...(l.definition ? [l.definition] : []), ...l.locals, `${l.chain} = ${l.gradient}`].map(t.eq).join('')}${noteHtml(l.note)}</td></tr>`
	);
	if (r.linksOmitted) rows.push(`<tr class="link"><td class="k"></td><td class="node"></td><td colspan="2">${noteHtml(r.linksOmitted)}</td></tr>`);
	return rows;
}

function backwardSection(h: Handout, t: Typeset): string[] {
	const { tex, eq } = t;
	const group = h.granularity === 'group';
	// Group rows: the first element's chain rule in one cell, the whole gradient beside it.
	const node = nodeCol(h.backward.map((r) => r.tex));
	const head = group
		? `<colgroup><col class="k">${node}<col class="chain"><col class="gradient"></colgroup>` +
			'<thead><tr><th class="k">#</th><th class="node">node</th><th>chain rule (first element)</th><th class="num">gradient</th></tr></thead>'
		: `<colgroup><col class="k">${node}<col class="locals"><col class="chain"><col class="gradient"></colgroup>` +
			'<thead><tr><th class="k">#</th><th class="node">node</th><th>local derivatives</th><th>upstream × local</th><th class="num">gradient</th></tr></thead>';
	const rows = (r: BackwardRow) =>
		group
			? [
					`<tr class="assignment"><td class="k">${r.k}</td><td class="node">${tex(r.tex)}</td><td>${[...r.locals, r.chain].map(eq).join('')}${noteHtml(r.note)}</td><td class="num">${tex(r.gradient)}</td></tr>`,
					...vectorRow(t, r.vectorized),
					...linkRows(t, r)
				]
			: [
					`<tr><td class="k">${r.k}</td><td class="node">${tex(r.tex)}</td><td>${r.locals.map(eq).join('') || '—'}</td>` +
						`<td>${eq(r.chain)}${noteHtml(r.note)}</td><td class="num">${tex(r.gradient)}</td></tr>`
				];
	return [
		'<section class="pass backward-pass">',
		'<h2>Backward pass</h2>',
		`<p>${escapeMarkup(`Gradients of ${h.output.label}, from the output back to the inputs.`)}</p>`,
		'<table class="backward">',
		head,
		'<tbody>',
		...h.backward.flatMap(rows),
		'</tbody>',
		'</table>',
		'</section>'
	];
}

function answerSection(h: Handout, t: Typeset): string[] {
	const answer = h.granularity === 'group' ? t.block : t.tex;
	return [
		'<section class="answers">',
		'<h2>Answer key</h2>',
		'<table class="answer-key">',
		'<colgroup><col class="k"><col class="k"><col class="quantity"><col class="answer"></colgroup>',
		'<thead><tr><th class="k">box</th><th class="k">step</th><th>quantity</th><th>answer</th></tr></thead>',
		'<tbody>',
		...h.answers.map((a) => `<tr><td class="k">${a.id}</td><td class="k">${a.k}</td><td>${t.tex(a.quantity)}</td><td>${answer(a.answer)}</td></tr>`),
		'</tbody>',
		'</table>',
		'</section>'
	];
}
