import type { Trace } from '../trace/build.ts';
import { appearanceWords, directWords } from '../trace/tex.ts';
import type { Use } from '../trace/uses.ts';
import type { BackwardRow, Handout } from './model.ts';
import { listWords } from '../list-words.ts';

/** The sentences every handout format shares, so Markdown, LaTeX and HTML say the same thing. */
export const INTRO = 'A worked backpropagation: the forward pass computes every node, the backward pass takes the gradient of the output back to every input by the chain rule.';

export const WORKSHEET_LINE = 'Worksheet: write the missing number in each numbered box. A row with a box, and any formula that would quote a box, shows only symbols: the numbers are yours to put in. The answers are at the end.';

/** A class set's student copy has no key: its answers are in the instructor's one key. */
export function worksheetLine(h: Handout): string {
	return h.key === false ? WORKSHEET_LINE.replace(/ The answers are at the end\.$/, ' Show your working beside each box.') : WORKSHEET_LINE;
}

export function numbersLine(h: Handout): string {
	const rows =
		h.granularity === 'scalar'
			? 'one row per scalar node'
			: 'one row per assignment, with a line for each quantity inside it (net inputs, products, the δ of each activation), so every number a chain rule uses is derived above it; vectors and matrices are shown whole, with the chain rule written out for their first element';
	return `Numbers to ${h.sig} significant digits; ${rows}.`;
}

export function graphAlt(h: Handout): string {
	return `Computation graph of the program, output ${h.output.label}`;
}

/** LaTeX of the gradient a backward row computes: the partial of the output by the row's node. */
export function captionOf(h: Handout, r: BackwardRow): string {
	return `\\frac{\\partial ${h.output.tex}}{\\partial ${r.tex}}`;
}

/**
 * A backward row's note on how the node's gradient is made from its uses, in the page's words:
 * several consumers (one upstream × local term each, added), a node written more than once in
 * one consumer (one term, whose local derivative adds a part per appearance: 1 + 1, x + x), and
 * the output as a consumer (its local derivative is the gradient; beside other paths, it is not).
 * `numbers` is false where the row's numbers are a worksheet's blanks.
 */
export function usesNote(t: Trace, node: number, uses: readonly Use[], sig: number, numbers: boolean): string | undefined {
	const g = t.graph;
	const me = t.label(node);
	const parts: string[] = [];
	if (uses.length > 1) {
		const names = [...new Set(uses.map((u) => t.label(u.owner)))];
		parts.push(`${me} is used ${uses.length} times (by ${listWords(names)}): one upstream × local term per use, added.`);
	}
	for (const u of uses.slice(0, 8)) if (u.edges.length > 1) parts.push(appearanceWords(t, node, u, sig, numbers).trim());
	const dead = uses.filter((u) => !t.live[u.owner]).map((u) => t.label(u.owner));
	if (dead.length && uses.length > 1) parts.push(`${listWords(dead)} ${dead.length === 1 ? 'does' : 'do'} not feed ${t.label(g.output)}: ${dead.length === 1 ? 'its term is' : 'their terms are'} 0.`);
	const direct = uses.find((u) => u.owner === g.output);
	if (direct && uses.length > 1) parts.push(directWords(t, node, direct, sig, numbers).trim());
	else if (direct)
		parts.push(`${me} feeds the output ${t.label(direct.owner)} directly: its gradient is the local derivative (times the seed 1).`);
	return parts.length ? parts.join(' ') : undefined;
}

