import type { ProgramError } from '../language/errors.ts';
import { run } from '../program.ts';
import { numpyCode } from './numpy.ts';
import type { CodeTarget } from './python.ts';
import { pytorchCode } from './pytorch.ts';

export type { CodeTarget } from './python.ts';
export const CODE_TARGETS: readonly CodeTarget[] = ['pytorch', 'numpy'];

/**
 * A program as a Python script. The program is run again with its gates expanded (a gate's body is
 * written where it is called, so both scripts spell only registry functions); the named values, and
 * so the printed keys, are the same in either gate mode.
 */
export function pythonScript(source: string, target: CodeTarget): { ok: true; code: string } | { ok: false; errors: readonly ProgramError[] } {
	const r = run(source, { gates: 'expanded' });
	if (!r.ok) return r;
	const g = r.trace.graph;
	return { ok: true, code: target === 'pytorch' ? pytorchCode(g) : numpyCode(g) };
}
