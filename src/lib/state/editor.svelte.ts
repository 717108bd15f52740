import type { ProgramError } from '$lib/core/language/errors';
import { editorLines, isPlain, WIDE_COLUMNS, type EditorLine } from '$lib/core/view/lines';

/** What the editor draws over its textarea: coloured lines, error marks, the current step's lines. */
export class EditorState {
	constructor(
		private readonly getText: () => string,
		private readonly getErrors: () => readonly ProgramError[],
		private readonly getCurrent: () => { first: number; last: number } | undefined
	) {}

	/** The last lines drawn, not reactive: the next answer keeps the lines that did not change. */
	#drawn: readonly EditorLine[] = [];
	readonly lines: readonly EditorLine[] = $derived.by(() => (this.#drawn = editorLines(this.getText(), this.getErrors(), this.#drawn)));
	/** Too long to colour: the textarea shows its own text (see HIGHLIGHT_CHARS). */
	readonly plain: boolean = $derived.by(() => isPlain(this.getText()));
	readonly columns: number = $derived(this.lines.reduce((m, l) => Math.max(m, l.length), 0));
	/** A line too long for the editor to grow to (see WIDE_COLUMNS): the textarea scrolls sideways itself. */
	readonly wide: boolean = $derived(this.columns > WIDE_COLUMNS);

	isCurrent(line: number): boolean {
		const c = this.getCurrent();
		return !!c && line >= c.first && line <= c.last;
	}

	/** 1-based line of a caret offset. */
	lineAt(offset: number): number {
		const text = this.getText();
		let line = 1;
		for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
		return line;
	}
}
