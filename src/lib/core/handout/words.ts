import type { BackwardRow, Handout } from './model.ts';

/** The sentences every handout format shares, so Markdown, LaTeX and HTML say the same thing. */
export const INTRO = 'A worked backpropagation: the forward pass computes every node, the backward pass takes the gradient of the output back to every input by the chain rule.';

export const WORKSHEET_LINE = 'Worksheet: write the missing number in each numbered box. A row with a box, and any formula that would quote a box, shows only symbols: the numbers are yours to put in. The answers are at the end.';

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
