import type { ProgramError } from '../language/errors.ts';
import { highlight, type Piece } from './highlight.ts';

export interface ErrorMark {
	/** 0-based column and width in characters, for an underline under the text. */
	readonly col: number;
	readonly width: number;
	readonly message: string;
}

export interface EditorLine {
	/** The line's text, without its newline. */
	readonly text: string;
	readonly pieces: readonly Piece[];
	readonly marks: readonly ErrorMark[];
	/** Characters in the line, to size the editor. */
	readonly length: number;
	/** Drawn without colours (see HIGHLIGHT_CHARS): the textarea shows the text. */
	readonly plain: boolean;
}

/**
 * Past this many characters the editor draws no colours: its textarea shows the text itself and
 * the overlay only the error marks. Colouring means a DOM span per token, and re-rendering a
 * 1 MB line's 250,000 spans on every key held the key's echo for seconds.
 */
export const HIGHLIGHT_CHARS = 20_000;

/**
 * Past this many characters in a line the editor stops growing to fit its text: the textarea
 * scrolls sideways itself and draws its own text (no colours). Grown to fit, a 1 MB line made
 * the editor 8 million px wide; and far along a line the overlay's glyphs drift from the
 * textarea's (3 characters by column 15,000, seen in Chromium), so colours sat beside their letters.
 */
export const WIDE_COLUMNS = 1_000;

/** Some line of `src` is longer than `columns`. */
function hasLineOver(src: string, columns: number): boolean {
	for (let from = 0; from <= src.length; ) {
		const end = src.indexOf('\n', from);
		const stop = end < 0 ? src.length : end;
		if (stop - from > columns) return true;
		from = stop + 1;
	}
	return false;
}

/** The text is too long to colour: see HIGHLIGHT_CHARS and WIDE_COLUMNS. */
export const isPlain = (src: string): boolean => src.length > HIGHLIGHT_CHARS || hasLineOver(src, WIDE_COLUMNS);

/** The program's lines, without their newlines. */
export const splitLines = (src: string): string[] => src.split('\n');

/** Each line's error marks (errors that start on it), by 0-based line; lines without errors get none. */
export function marksByLine(texts: readonly string[], errors: readonly ProgramError[]): Map<number, ErrorMark[]> {
	const out = new Map<number, ErrorMark[]>();
	for (const e of errors) {
		const i = e.span.line - 1;
		if (i < 0 || i >= texts.length) continue;
		// A span that runs past its line (an unclosed bracket) is underlined to the line's end.
		const width = Math.max(1, Math.min(e.span.length, texts[i].length - (e.span.col - 1)));
		let m = out.get(i);
		if (!m) out.set(i, (m = []));
		m.push({ col: e.span.col - 1, width, message: e.message });
	}
	return out;
}

const NO_MARKS: readonly ErrorMark[] = Object.freeze([]);

export const sameMarks = (a: readonly ErrorMark[], b: readonly ErrorMark[]): boolean =>
	a.length === b.length && a.every((m, i) => m.col === b[i].col && m.width === b[i].width && m.message === b[i].message);

/**
 * The lines that stay the same from `prev` to `next`: the common run at the start and the
 * common run at the end (an edit touches one place, so everything else is in one of them).
 * `head` lines match at the same index; the `tail` last lines match at the end of both.
 */
export function commonRuns(prev: readonly string[], next: readonly string[]): { head: number; tail: number } {
	const n = Math.min(prev.length, next.length);
	let head = 0;
	while (head < n && prev[head] === next[head]) head++;
	let tail = 0;
	while (tail < n - head && prev[prev.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
	return { head, tail };
}

function makeLine(text: string, marks: readonly ErrorMark[], plain: boolean): EditorLine {
	const pieces: Piece[] = plain || text === '' ? [] : highlight(text);
	return { text, pieces, marks, length: text.length, plain };
}

/**
 * The coloured program cut into lines, each with the errors that start on it; past
 * HIGHLIGHT_CHARS lines carry no pieces. Given the previous answer, a line whose text, marks
 * and colouring are unchanged is the same object as before, so a keyed list redraws only the
 * lines that changed, and only those are coloured again. A line is coloured on its own: no
 * token of the language runs over a newline, and a comment ends at one.
 */
export function editorLines(src: string, errors: readonly ProgramError[], prev: readonly EditorLine[] = []): EditorLine[] {
	const plain = isPlain(src);
	const texts = splitLines(src);
	const marks = marksByLine(texts, errors);
	const old = prev.length && prev[0].plain === plain ? prev : [];
	const { head, tail } = commonRuns(
		old.map((l) => l.text),
		texts
	);
	const out: EditorLine[] = new Array(texts.length);
	for (let i = 0; i < texts.length; i++) {
		const m = marks.get(i) ?? NO_MARKS;
		const from = i < head ? i : i >= texts.length - tail ? old.length - (texts.length - i) : -1;
		const was = from >= 0 ? old[from] : undefined;
		out[i] = was && sameMarks(was.marks, m) ? was : was ? { ...was, marks: m } : makeLine(texts[i], m, plain);
	}
	return out;
}
