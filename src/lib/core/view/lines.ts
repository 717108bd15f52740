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

/** The coloured program cut into lines, each with the errors that start on it. */
export function editorLines(src: string, errors: readonly ProgramError[]): EditorLine[] {
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
	for (const e of errors) {
		const line = lines[e.span.line - 1];
		if (!line) continue;
		// A span that runs past its line (an unclosed bracket) is underlined to the line's end.
		const width = Math.max(1, Math.min(e.span.length, line.length - (e.span.col - 1)));
		line.marks.push({ col: e.span.col - 1, width, message: e.message });
	}
	return lines;
}
