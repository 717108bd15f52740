/**
 * Worksheet blanks. A chosen number is printed as an empty numbered box where it is defined,
 * and left out of every later formula that would otherwise quote it, so a student page never
 * gives an answer away by substitution. The answer key collects the numbers in box order.
 */

/** Which steps' numbers become blanks: none, every gradient, or the steps at these indices. */
export type Blanks = 'none' | 'all-gradients' | readonly number[];

export interface Answer {
	/** The number printed in the box, 1, 2, … */
	readonly id: number;
	/** The row (1-based step number in the handout) where the box is. */
	readonly k: number;
	/** LaTeX of what is asked: `c`, `\frac{\partial e}{\partial b}`. */
	readonly quantity: string;
	/** LaTeX of the answer, formatted like every other number of the handout. */
	readonly answer: string;
}

/**
 * The empty box a student writes in, sized for handwriting: about 2 em tall and 9 em wide
 * (some 9 × 35 mm at 11 pt), room for a number and a line of working. The id is small so
 * the box stays mostly empty.
 */
export function blankTex(id: number): string {
	return `\\boxed{\\rule{0pt}{2em}\\textsf{\\scriptsize ${id}}\\hspace{8.5em}}`;
}

export class AnswerSheet {
	readonly answers: Answer[] = [];

	/** A new box in row `k` asking for `quantity`; returns its LaTeX. */
	blank(k: number, quantity: string, answer: string): string {
		const id = this.answers.length + 1;
		this.answers.push({ id, k, quantity, answer });
		return blankTex(id);
	}
}

/** Parse `3,5,7-9` (1-based, as printed in the handout) into 0-based step indices. */
export function parseStepList(text: string): number[] | undefined {
	const out = new Set<number>();
	for (const part of text.split(',')) {
		const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
		if (!m) return undefined;
		const a = Number(m[1]);
		const b = m[2] === undefined ? a : Number(m[2]);
		if (a < 1 || b < a || b - a > 100_000) return undefined;
		for (let k = a; k <= b; k++) out.add(k - 1);
	}
	return [...out].sort((x, y) => x - y);
}
