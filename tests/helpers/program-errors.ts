import { expect } from 'vitest';
import type { ProgramError } from '../../src/lib/core/language/errors.ts';
import { run } from '../../src/lib/core/program.ts';

/** The program fails with an error of `code` at `at` (line:col) on `text`, whose message and hint say what is given. */
export function expectProgramError(program: string, code: ProgramError['code'] | string, at: string, text: string, message: string, hint: string): void {
	const r = run(program);
	expect(r.ok).toBe(false);
	if (r.ok) return;
	const e = r.errors.find((x) => x.code === code);
	expect(e, JSON.stringify(r.errors.map((x) => [x.code, x.message]))).toBeDefined();
	expect(`${e!.span.line}:${e!.span.col}`).toBe(at);
	expect(e!.text).toBe(text);
	expect(e!.message).toContain(message);
	expect(e!.hint).toContain(hint);
}
