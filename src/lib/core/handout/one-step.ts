import type { Trace } from '../trace/build.ts';
import type { Granularity } from '../trace/steps.ts';
import { stepText, type StepText } from '../trace/tex.ts';
import { escapeLatexText } from './latex.ts';
import { escapeMarkdownText, markdownMath } from './markdown.ts';

/** The steps `--step K` and the page's "Copy LaTeX" count: scalar steps, or one per assignment. */
export function stepsFor(t: Trace, granularity: Granularity) {
	return granularity === 'group' ? t.groupSteps : t.steps;
}

/** Step k (0-based) as the page shows it: a heading, its lines of math, and its words. */
export function oneStepText(t: Trace, granularity: Granularity, k: number, sig?: number): StepText {
	const steps = stepsFor(t, granularity);
	return stepText(t, steps[Math.max(0, Math.min(k, steps.length - 1))], sig);
}

/**
 * One step as LaTeX to paste into one's own slides or notes: a comment naming the step, its
 * heading, its math lines in one `align*` (captions as `\text{}`), and its words. Needs amsmath.
 */
export function oneStepLatex(s: StepText, k: number, n: number): string {
	const rows = s.lines.map((l) => `  ${l.caption ? `\\text{${escapeLatexText(l.caption)}} & ` : '& '}${l.tex.replace(/\s*\n\s*/g, ' ')}`);
	return [
		`% chainstep: step ${k + 1} of ${n}`,
		`\\paragraph{${escapeLatexText(s.title)}}`,
		...(rows.length ? ['\\begin{align*}', rows.join(' \\\\\n'), '\\end{align*}'] : []),
		escapeLatexText(s.words),
		''
	].join('\n');
}

/** One step as Markdown: a bold heading, one display-math block per line, and its words. */
export function oneStepMarkdown(s: StepText, k: number, n: number): string {
	const lines = s.lines.map((l) => `${l.caption ? `${escapeMarkdownText(l.caption)}\n\n` : ''}$$\n${markdownMath(l.tex)}\n$$`);
	return [`<!-- chainstep: step ${k + 1} of ${n} -->`, `**${escapeMarkdownText(s.title)}**`, ...lines, escapeMarkdownText(s.words), ''].join('\n\n');
}
