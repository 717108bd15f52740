import type { TexLine } from '../trace/tex.ts';
import { PRINT_BOX, type GraphPrint } from './graph-print.ts';
import type { BackwardRow, Handout } from './model.ts';
import { graphAlt, INTRO, numbersLine, worksheetLine } from './words.ts';

export type Paper = 'a4' | 'letter';

export interface LatexOptions {
	readonly paper?: Paper;
	/**
	 * Pictures of the graph's pieces that pdflatex can include (PDF or PNG, relative to the .tex
	 * file), in the order of `graph.pieces`. pdflatex cannot read SVG, so the caller converts each
	 * piece and passes the files here.
	 */
	readonly graphFiles?: readonly string[];
	/** The same for a single picture of unknown size, printed at the text width. */
	readonly graphFile?: string;
	/** The graph as it prints: the pieces' sizes, and the note. */
	readonly graph?: GraphPrint;
}

const TEXT_ESCAPES: Record<string, string> = {
	'\\': '\\textbackslash{}',
	'{': '\\{',
	'}': '\\}',
	$: '\\$',
	'&': '\\&',
	'#': '\\#',
	'%': '\\%',
	_: '\\_',
	'^': '\\textasciicircum{}',
	'~': '\\textasciitilde{}',
	'<': '\\textless{}',
	'>': '\\textgreater{}',
	'|': '\\textbar{}',
	'"': "''",
	'×': '$\\times$',
	'’': "'",
	'…': '\\ldots{}',
	'·': '$\\cdot$',
	'—': '---',
	'–': '--',
	'∂': '$\\partial$',
	δ: '$\\delta$',
	σ: '$\\sigma$',
	'′': "'",
	'→': '$\\to$',
	'“': '``',
	'”': "''"
};

/**
 * Plain text for LaTeX: special characters become their commands. pdflatex stops at a Unicode
 * character it has no glyph for, so anything outside ASCII we do not map is written as its code.
 */
export function escapeLatexText(s: string): string {
	return Array.from(s.replace(/[\r\n]+/g, ' '), (c) => {
		const m = TEXT_ESCAPES[c];
		if (m !== undefined) return m;
		const code = c.codePointAt(0) ?? 0;
		if (code < 0x20 || code === 0x7f) return ' ';
		if (code > 0x7e) return `{\\ttfamily[U+${code.toString(16).toUpperCase().padStart(4, '0')}]}`;
		return c;
	}).join('');
}

/**
 * How many typewriter columns of the program fit across the page: \small cmtt is 4.725 pt a
 * character, and A4 with 18 mm margins leaves 493 pt (104 columns; letter more). A few spare.
 */
export const PROGRAM_COLUMNS = 96;
/** A continued line starts with this much indent and a hook arrow (about 2 columns). */
const CONTINUED = '\\hspace*{2ex}$\\hookrightarrow$~';
const CONTINUED_COLUMNS = 4;

/** The columns a character takes once escaped: a code point we print as `[U+03C3]` takes 8. */
const columnsOf = (c: string): number => {
	const code = c.codePointAt(0) ?? 0;
	return code > 0x7e && TEXT_ESCAPES[c] === undefined ? `[U+${code.toString(16).padStart(4, '0')}]`.length : 1;
};

/**
 * A program line cut into pieces of at most `width` columns (PROGRAM_COLUMNS for the first,
 * less the continuation mark after it), after a space or operator where one falls in the last
 * third, else at the width: no line runs off the page however long.
 */
export function wrapProgramLine(line: string, width = PROGRAM_COLUMNS): string[] {
	const chars = Array.from(line);
	const pieces: string[] = [];
	let start = 0;
	while (start < chars.length) {
		const room = pieces.length === 0 ? width : width - CONTINUED_COLUMNS;
		let end = start;
		for (let used = 0; end < chars.length && used + columnsOf(chars[end]) <= room; end++) used += columnsOf(chars[end]);
		if (end === start) end = start + 1;
		if (end < chars.length) {
			for (let b = end; b > start + Math.floor(((end - start) * 2) / 3); b--)
				if (/[ +\-*/,=(@]/.test(chars[b - 1])) {
					end = b;
					break;
				}
		}
		pieces.push(chars.slice(start, end).join(''));
		start = end;
		// A continuation starts at its first character, not at the space the line was cut after.
		while (chars[start] === ' ') start++;
	}
	return pieces;
}

/**
 * The program as typewriter lines. Not `verbatim`: a program line reading `\end{verbatim}`
 * would end it. Escaped text with `~` for each space keeps the columns instead, and a line too
 * long for the page goes on under a hook arrow.
 */
export function latexProgram(program: string): string {
	const lines = program.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
	const tt = (s: string) => escapeLatexText(s).replace(/ /g, '~');
	const body = lines
		.flatMap((l) => (l.length === 0 ? ['\\mbox{}'] : wrapProgramLine(l.replace(/\t/g, '    ')).map((p, k) => (k === 0 ? tt(p) : CONTINUED + tt(p)))))
		.join('\\\\\n');
	return `\\begin{flushleft}\\ttfamily\\small\n${body}\n\\end{flushleft}`;
}

/**
 * A graph file's name as `\includegraphics` needs it: raw, since it reads the name as a file
 * name, not text (escaping `_` as `\_` names another file). The CLI's names (`graphFileName`)
 * are plain ASCII; any other name is escaped as text, the best pdflatex allows.
 */
function graphicsName(file: string): string {
	return /^[A-Za-z0-9./-]+$/.test(file) ? file : escapeLatexText(file).replace(/\\textbackslash\{\}/g, '/');
}

/** The trace's math in a table cell, fractions at full size; inline math still breaks after + and =. */
const m = (tex: string) => `$\\displaystyle ${tex.replace(/\$/g, '').replace(/\s*\n\s*/g, ' ')}$`;

function longtable(spec: string, head: readonly string[], rows: readonly (readonly string[])[]): string {
	return [
		`\\begin{longtable}{${spec}}`,
		'\\toprule',
		`${head.join(' & ')} \\\\`,
		'\\midrule',
		'\\endhead',
		'\\bottomrule',
		'\\endfoot',
		...rows.map((r) => `${r.join(' & ')} \\\\[3pt]`),
		'\\end{longtable}'
	].join('\n');
}

/**
 * The matrix form of an assignment row: a sub-row across the last two columns (`width`), each
 * line under its caption, in display style (fractions beside matrices would be tiny otherwise).
 */
const vectorRow = (lines: readonly TexLine[], width: string): string[][] =>
	lines.length
		? [
				[
					'',
					'',
					`\\multicolumn{2}{@{}p{${width}}@{}}{${SUB(R(lines.map((l) => `{\\footnotesize\\itshape ${escapeLatexText(l.caption ? `Vectorized, ${l.caption}:` : 'Vectorized:')}} \\newline ${m(`\\displaystyle ${l.tex}`)}`).join(' \\newline ')))}}`
				]
			]
		: [];
const note = (text: string | undefined) => (text ? ` \\newline {\\footnotesize\\itshape ${escapeLatexText(text)}}` : '');
const P = (width: string) => `p{${width}}`;
/**
 * Ragged-right cell text. Only `array` could set it per column, and the handout keeps to the
 * brief's package list, so each cell but the last of a row (where `\\` must keep its meaning) opens with it.
 */
const R = (cell: string) => `\\raggedright ${cell}`;
/** A sub-row under an assignment: indented (after `R`, which resets the left skip) so it reads as part of the row above. */
const SUB = (cell: string) => cell.replace(/^\\raggedright /, '\\raggedright\\leftskip=1.2em ');

/** A complete LaTeX document that compiles with pdflatex and standard packages only. */
export function handoutLatex(h: Handout, opts: LatexOptions = {}): string {
	return [
		...preamble(h, opts.paper === 'letter' ? 'letterpaper' : 'a4paper'),
		...graphSection(h, opts),
		...forwardSection(h),
		...backwardSection(h),
		...(h.worksheet && h.key !== false ? answerSection(h) : []),
		'\\end{document}',
		''
	].join('\n');
}

/** From \documentclass to the program. */
function preamble(h: Handout, paper: string): string[] {
	return [
		'\\documentclass[10pt]{article}',
		`\\usepackage[${paper},margin=18mm]{geometry}`,
		'\\usepackage{amsmath,amssymb,booktabs,longtable,graphicx}',
		'\\setlength{\\parindent}{0pt}',
		'\\setlength{\\parskip}{4pt}',
		'\\setlength{\\LTleft}{0pt}',
		'\\setlength{\\LTright}{0pt}',
		'\\setlength{\\tabcolsep}{4pt}',
		// Display-size fractions on consecutive lines of a cell would touch: keep 4pt between them.
		'\\setlength{\\lineskiplimit}{3pt}',
		'\\setlength{\\lineskip}{4pt}',
		'\\renewcommand{\\arraystretch}{1.5}',
		// Long inline sums in table cells may break after + and =; do not penalise it.
		'\\binoppenalty=0 \\relpenalty=0',
		'\\begin{document}',
		`\\section*{${escapeLatexText(h.title)}}`,
		escapeLatexText(`${INTRO} ${numbersLine(h)}`),
		'',
		...(h.worksheet ? [`\\textbf{${escapeLatexText(worksheetLine(h))}}`, ''] : []),
		'\\subsection*{Program}',
		latexProgram(h.program),
		''
	];
}

function graphSection(h: Handout, opts: LatexOptions): string[] {
	const files = opts.graphFiles ?? (opts.graphFile ? [opts.graphFile] : []);
	const pieces = opts.graph?.pieces ?? [];
	if (!files.length && !opts.graph?.note) return [];
	const out = ['\\subsection*{Graph}'];
	// The note comes first: after the last piece it can spill alone onto a page of its own.
	if (opts.graph?.note) out.push(`{\\small\\itshape ${escapeLatexText(opts.graph.note)}}`, '');
	files.forEach((file, k) => {
		// Pieces are cut to print at least 7 pt at 1:1 on the page (graph-print.ts): shrunk to the
		// text width only if wider, never enlarged past their own size.
		const w = pieces[k]?.width;
		const size = w ? `width=${Math.min(1, w / PRINT_BOX.width).toFixed(4)}\\linewidth` : 'width=\\linewidth,height=0.55\\textheight,keepaspectratio';
		const alt = files.length > 1 ? `${graphAlt(h)} (piece ${k + 1} of ${files.length})` : graphAlt(h);
		out.push('\\begin{center}', `\\includegraphics[${size}]{${graphicsName(file)}}`, `\\\\ \\small ${escapeLatexText(alt)}`, '\\end{center}');
	});
	return out;
}

function forwardSection(h: Handout): string[] {
	const group = h.granularity === 'group';
	return [
		'\\clearpage',
		'\\section*{Forward pass}',
		// \mbox keeps each input whole: a line break may fall between inputs, not inside one.
		...(h.inputs.length ? ['Inputs: ' + h.inputs.map((r) => `\\mbox{${m(`${r.tex} = ${r.value}`)}}`).join(', \\quad ') + '.', ''] : []),
		longtable(
			`@{}r l ${P(group ? '0.52\\linewidth' : '0.62\\linewidth')} ${group ? P('0.3\\linewidth') : P('0.2\\linewidth')}@{}`,
			['\\#', 'node', 'equation', 'value'],
			h.forward.flatMap((r) => [[String(r.k), m(r.tex), R(r.equations.map(m).join(' \\newline ')), m(r.value)], ...vectorRow(r.vectorized, '0.82\\linewidth')])
		)
	];
}

/** A cell across the last two columns of a group row's table, indented under its assignment. */
const across = (cell: string) => ['', '', `\\multicolumn{2}{@{}p{0.86\\linewidth}@{}}{${SUB(R(cell))}}`];

/**
 * One row per assignment: the first element's chain rule, then the whole gradient. Each inner
 * quantity of the line is a sub-row of its own, across the table (a longtable breaks pages
 * between rows only); its chain rule ends in its gradient.
 */
function groupRows(r: BackwardRow): string[][] {
	return [
		[String(r.k), m(r.tex), R([...r.locals.map(m), m(r.chain)].join(' \\newline ') + note(r.note)), m(r.gradient)],
		...vectorRow(r.vectorized, '0.86\\linewidth'),
		...r.links.map((l) =>
			across(
				[
					...(l.words ? [`{\\footnotesize\\itshape ${escapeLatexText(l.words)}}`] : []),
					...[...(l.definition ? [l.definition] : []), ...l.locals, `${l.chain} = ${l.gradient}`].map(m)
				].join(' \\newline ') + note(l.note)
			)
		),
		...(r.linksOmitted ? [across(note(r.linksOmitted).replace(/^ \\newline /, ''))] : [])
	];
}

function backwardSection(h: Handout): string[] {
	const table =
		h.granularity === 'group'
			? longtable(`@{}r l ${P('0.5\\linewidth')} ${P('0.36\\linewidth')}@{}`, ['\\#', 'node', 'chain rule (first element)', 'gradient'], h.backward.flatMap(groupRows))
			: longtable(
					`@{}r l ${P('0.27\\linewidth')} ${P('0.42\\linewidth')} ${P('0.14\\linewidth')}@{}`,
					['\\#', 'node', 'local derivatives', 'upstream $\\times$ local', 'gradient'],
					h.backward.map((r) => [String(r.k), m(r.tex), R(r.locals.map(m).join(' \\newline ') || '---'), R(m(r.chain) + note(r.note)), m(r.gradient)])
				);
	return ['\\clearpage', '\\section*{Backward pass}', escapeLatexText(`Gradients of ${h.output.label}, from the output back to the inputs.`), '', table];
}

function answerSection(h: Handout): string[] {
	return [
		'\\clearpage',
		'\\section*{Answer key}',
		longtable(`@{}r r l ${P('0.6\\linewidth')}@{}`, ['box', 'step', 'quantity', 'answer'], h.answers.map((a) => [String(a.id), String(a.k), m(a.quantity), m(a.answer)]))
	];
}
