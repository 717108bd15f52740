import type { ProgramError } from '../language/errors.ts';
import { highlight, type Piece } from './highlight.ts';

export interface ErrorMark {
	/** 0-based column and width in characters, for an underline under the text. */
	readonly col: number;
	readonly width: number;
	readonly message: string;
}

export interface EditorLine {
	readonly pieces: readonly Piece[];
	readonly marks: readonly ErrorMark[];
	/** Characters in the line, to size the editor. */
	readonly length: number;
}

/**
 * Past this many characters the editor draws no colours: its textarea shows the text itself and
 * the overlay only the error marks. Colouring means a DOM span per token, and re-rendering a
 * 1 MB line's 250,000 spans on every key held the key's echo for seconds.
 */
export const HIGHLIGHT_CHARS = 20_000;

/** The text is too long to colour: see HIGHLIGHT_CHARS. */
export const isPlain = (src: string): boolean => src.length > HIGHLIGHT_CHARS;

/** The coloured program cut into lines, each with the errors that start on it; past HIGHLIGHT_CHARS lines carry no pieces. */
export function editorLines(src: string, errors: readonly ProgramError[]): EditorLine[] {
	if (isPlain(src)) return plainLines(src, errors);
	const lines: { pieces: Piece[]; marks: ErrorMark[]; length: number }[] = [{ pieces: [], marks: [], length: 0 }];
	for (const p of highlight(src)) {
		const parts = p.text.split('\n');
		parts.forEach((text, i) => {
			if (i > 0) lines.push({ pieces: [], marks: [], length: 0 });
			const line = lines[lines.length - 1];
			if (text) {
				line.pieces.push({ text, cls: p.cls });
				line.length += text.length;
			}
		});
	}
	addMarks(lines, errors);
	return lines;
}

/** Lines with their lengths and marks only: the textarea draws the text. */
function plainLines(src: string, errors: readonly ProgramError[]): EditorLine[] {
	const lines: { pieces: Piece[]; marks: ErrorMark[]; length: number }[] = [];
	let at = 0;
	for (;;) {
		const nl = src.indexOf('\n', at);
		const end = nl < 0 ? src.length : nl;
		lines.push({ pieces: [], marks: [], length: end - at });
		if (nl < 0) break;
		at = nl + 1;
	}
	addMarks(lines, errors);
	return lines;
}

function addMarks(lines: readonly { marks: ErrorMark[]; length: number }[], errors: readonly ProgramError[]): void {
	for (const e of errors) {
		const line = lines[e.span.line - 1];
		if (!line) continue;
		// A span that runs past its line (an unclosed bracket) is underlined to the line's end.
		const width = Math.max(1, Math.min(e.span.length, line.length - (e.span.col - 1)));
		line.marks.push({ col: e.span.col - 1, width, message: e.message });
	}
}
