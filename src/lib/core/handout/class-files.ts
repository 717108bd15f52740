import { assertNever } from '../language/ast.ts';
import { escapeMarkup } from '../markup.ts';
import type { StudentSheet } from './class-set.ts';
import type { GraphPrint } from './graph-print.ts';
import { HANDOUT_CSS } from './html-style.ts';
import { handoutHtml, type RenderTex } from './html.ts';
import { escapeLatexText, handoutLatex, latexProgram, type Paper } from './latex.ts';
import { handoutMarkdown, markdownMath } from './markdown.ts';

export type ClassFormat = 'md' | 'tex' | 'html';

/** "Ada (seed 123)", or just "seed 7" for a student named by the seed. */
function who(s: StudentSheet): string {
	return s.student.name === `seed ${s.student.seed}` ? s.student.name : `${s.student.name} (seed ${s.student.seed})`;
}

export interface ClassFileDeps {
	readonly renderTex: RenderTex;
	readonly katexCss: string;
	readonly paper?: Paper;
	/** Each student's graph as printed (the forward pass of their numbers), in sheet order. */
	readonly graphs?: readonly (GraphPrint | undefined)[];
	/** Markdown: where each student's graph pieces were written beside the file (else data: URLs). */
	readonly graphHrefs?: readonly (readonly string[] | undefined)[];
	/** LaTeX: each student's graph pieces as PDF files beside the .tex (pdflatex reads no SVG); without them no graph. */
	readonly graphFiles?: readonly (readonly string[] | undefined)[];
}

/**
 * Every student's worksheet in one file, each starting on a new page, so the class set prints
 * as one job. Each sheet is the ordinary handout (the same writers), joined at its body.
 */
export function classSheetsText(sheets: readonly StudentSheet[], format: ClassFormat, deps: ClassFileDeps): string {
	switch (format) {
		case 'md':
			return sheets.map((s, i) => handoutMarkdown(s.handout, { graph: deps.graphs?.[i], graphHrefs: deps.graphHrefs?.[i] })).join('\n---\n\n');
		case 'tex': {
			const docs = sheets.map((s, i) => {
				const files = deps.graphFiles?.[i];
				return handoutLatex(s.handout, { paper: deps.paper, ...(files ? { graph: deps.graphs?.[i], graphFiles: files } : {}) });
			});
			const head = docs[0].slice(0, docs[0].indexOf('\\begin{document}') + '\\begin{document}'.length);
			const bodies = docs.map((d) => d.slice(d.indexOf('\\begin{document}') + '\\begin{document}'.length, d.lastIndexOf('\\end{document}')));
			return `${head}\n${bodies.join('\n\\clearpage\n')}\n\\end{document}\n`;
		}
		case 'html': {
			const docs = sheets.map((s, i) => handoutHtml(s.handout, { renderTex: deps.renderTex, katexCss: deps.katexCss, graph: deps.graphs?.[i] }));
			const first = docs[0];
			const head = first.slice(0, first.indexOf('<body'));
			// Each sheet keeps its body's classes (scalar/group, worksheet) on a wrapper that starts a page.
			const bodies = docs.map((d) => {
				const open = /<body class="([^"]*)">/.exec(d);
				const inner = d.slice(d.indexOf('>', d.indexOf('<body')) + 1, d.lastIndexOf('</body>'));
				return `<div class="student ${open ? open[1] : ''}">${inner}</div>`;
			});
			return `${head}<style>.student + .student { break-before: page; page-break-before: always; }</style>\n<body>\n${bodies.join('\n')}\n</body>\n</html>\n`;
		}
		default:
			return assertNever(format);
	}
}

/** The instructor's key: for each student, the numbers given and every box's answer. */
export function classKeyText(sheets: readonly StudentSheet[], format: ClassFormat, deps: ClassFileDeps, title: string): string {
	const heading = `Answer key — ${title}`;
	switch (format) {
		case 'md': {
			const out = [`# ${heading}`, ''];
			for (const s of sheets) {
				out.push(`## ${who(s)}`, '', '```text', s.program.replace(/\n$/, ''), '```', '', '| box | step | quantity | answer |', '|--:|--:|:--|:--|');
				for (const a of s.handout.answers) out.push(`| ${a.id} | ${a.k} | $${markdownMath(a.quantity)}$ | $${markdownMath(a.answer)}$ |`);
				out.push('');
			}
			return out.join('\n');
		}
		case 'tex': {
			const paper = deps.paper === 'letter' ? 'letterpaper' : 'a4paper';
			const out = ['\\documentclass[10pt]{article}', `\\usepackage[${paper},margin=18mm]{geometry}`, '\\usepackage{amsmath,amssymb,booktabs,longtable}', '\\setlength{\\parindent}{0pt}', '\\begin{document}', `\\section*{${escapeLatexText(heading)}}`];
			for (const s of sheets) {
				out.push(`\\subsection*{${escapeLatexText(who(s))}}`, latexProgram(s.program));
				out.push('\\begin{longtable}{@{}r r l l@{}}', '\\toprule box & step & quantity & answer \\\\ \\midrule');
				for (const a of s.handout.answers) out.push(`${a.id} & ${a.k} & $${a.quantity}$ & $${a.answer}$ \\\\`);
				out.push('\\bottomrule', '\\end{longtable}');
			}
			out.push('\\end{document}', '');
			return out.join('\n');
		}
		case 'html': {
			const tex = (t: string) => deps.renderTex(t, false);
			const out = [
				'<!DOCTYPE html>',
				'<html lang="en">',
				'<head>',
				'<meta charset="utf-8">',
				`<title>${escapeMarkup(heading)}</title>`,
				`<style>${deps.katexCss.replace(/<\/(style)/gi, '<\\/$1')}</style>`,
				`<style>${HANDOUT_CSS}\n.key-student h2 { margin-top: .6rem; }</style>`,
				'</head>',
				'<body>',
				`<h1>${escapeMarkup(heading)}</h1>`
			];
			for (const s of sheets) {
				out.push(`<section class="key-student"><h2>${escapeMarkup(who(s))}</h2>`);
				// The student's numbers, one line: enough to match a handed-in sheet, and the key stays short.
				out.push(`<p class="inputs">${s.handout.inputs.map((i) => `<span class="item">${tex(`${i.tex} = ${i.value}`)}</span>`).join(' ')}</p>`);
				out.push('<table class="answer-key"><thead><tr><th class="k">box</th><th class="k">step</th><th>quantity</th><th>answer</th></tr></thead><tbody>');
				for (const a of s.handout.answers) out.push(`<tr><td class="k">${a.id}</td><td class="k">${a.k}</td><td>${tex(a.quantity)}</td><td>${tex(a.answer)}</td></tr>`);
				out.push('</tbody></table></section>');
			}
			out.push('</body>', '</html>', '');
			return out.join('\n');
		}
		default:
			return assertNever(format);
	}
}
