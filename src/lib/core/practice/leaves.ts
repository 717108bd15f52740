import type { Expr } from '../language/ast.ts';
import type { Span } from '../language/span.ts';
import type { Trace } from '../trace/build.ts';
import { randInt, shuffled, type Rng } from './random.ts';

/** One number literal of a leaf, where it sits in the program text. */
export interface LeafLiteral {
	readonly group: number;
	readonly value: number;
	/** As written: `2.0` asks for a decimal where `2` asks for an integer. */
	readonly text: string;
	readonly span: Span;
}

/** The leaf literals of a program, found through the graph's leaf groups and their assignments' spans. */
export function leafLiterals(t: Trace): LeafLiteral[] {
	const out: LeafLiteral[] = [];
	t.graph.groups.forEach((grp, k) => {
		if (!grp.isLeaf) return;
		const walk = (e: Expr): void => {
			if (e.kind === 'number') out.push({ group: k, value: e.value, text: e.text, span: e.span });
			else if (e.kind === 'neg' && e.arg.kind === 'number') out.push({ group: k, value: -e.arg.value, text: e.arg.text, span: e.span });
			else if (e.kind === 'vector') e.items.forEach(walk);
		};
		walk(t.program.statements[grp.stmt].expr);
	});
	return out;
}

/** Nice numbers: small integers where the program had integers, else one decimal of a similar size. */
export function niceNumber(rng: Rng, like: number, written = String(like)): number {
	const nonZero = (lo: number, hi: number) => {
		const k = randInt(rng, lo, hi - 1);
		return k >= 0 ? k + 1 : k;
	};
	if (Number.isInteger(like) && Math.abs(like) >= 1 && /^-?\d+$/.test(written)) return nonZero(-5, 5);
	if (Math.abs(like) <= 1) return nonZero(-9, 9) / 10;
	return nonZero(-30, 30) / 10;
}

export function numberText(x: number): string {
	return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/**
 * New values for every leaf literal, written into the program text in place, so comments,
 * names and layout stay as the author wrote them. A leaf of only 0s and 1s is a label
 * (a one-hot target), so it is shuffled rather than redrawn.
 */
export function rewriteLeaves(source: string, literals: readonly LeafLiteral[], rng: Rng): string {
	const byGroup = new Map<number, LeafLiteral[]>();
	for (const l of literals) byGroup.set(l.group, [...(byGroup.get(l.group) ?? []), l]);
	const edits: { span: Span; text: string }[] = [];
	for (const lits of byGroup.values()) {
		const label = lits.length > 1 && lits.every((l) => l.value === 0 || l.value === 1);
		const values = label ? shuffled(rng, lits.map((l) => l.value)) : lits.map((l) => niceNumber(rng, l.value, l.text));
		lits.forEach((l, i) => edits.push({ span: l.span, text: numberText(values[i]) }));
	}
	edits.sort((a, b) => b.span.offset - a.span.offset);
	let out = source;
	for (const e of edits) out = out.slice(0, e.span.offset) + e.text + out.slice(e.span.offset + e.span.length);
	return out;
}
