import { traceJson } from '../lib/core/trace/json.ts';
import { stepText } from '../lib/core/trace/tex.ts';
import { fmt } from '../lib/core/tex/number.ts';
import { parseArgs, traceFile, UsageError, wholeNumber } from './io.ts';

export const TRACE_USAGE = 'chainstep trace FILE [--format json|text] [--precision N]   (FILE may be - for standard input)';

export function traceCommand(argv: string[]): number {
	const { pos, opts } = parseArgs(argv, ['--format', '--precision']);
	if (pos.length !== 1) throw new UsageError(`trace takes one FILE, but got ${pos.length === 0 ? 'none' : pos.join(', ')}.`);
	const format = opts.get('--format') ?? 'text';
	if (format !== 'json' && format !== 'text') throw new UsageError(`--format must be json or text, not ${format}`);
	const sig = wholeNumber('--precision', opts.get('--precision'), 1, 17);
	const t = traceFile(pos[0]);
	if (!t) return 1;
	if (format === 'json') {
		process.stdout.write(JSON.stringify(traceJson(t, sig), null, 1) + '\n');
		return 0;
	}
	const lines: string[] = [];
	const n = t.steps.length;
	t.steps.forEach((s, k) => {
		if (k === 0) lines.push('Forward pass');
		if (k === t.backwardStart) lines.push('', 'Backward pass');
		const text = stepText(t, s, sig);
		const result = s.kind === 'backward' ? `∂${t.label(t.graph.output)}/∂${t.label(s.node)} = ${fmt(t.graph.grad[s.node], sig)}` : '';
		lines.push(`  ${String(k + 1).padStart(String(n).length)}/${n}  ${text.words}${result ? `  → ${result}` : ''}`);
	});
	const g = t.graph;
	lines.push('', 'Gradients');
	for (const grp of g.groups) {
		const at = (k: number) => fmt(g.grad[grp.ids[k]], sig);
		const row = (from: number, n: number) => `[${Array.from({ length: n }, (_, j) => at(from + j)).join(', ')}]`;
		// A matrix keeps its rows, as the JSON does: [[…], […]].
		const value =
			grp.shape.length === 0 ? at(0) : grp.shape.length === 1 ? row(0, grp.shape[0]) : `[${Array.from({ length: grp.shape[0] }, (_, r) => row(r * grp.shape[1], grp.shape[1])).join(', ')}]`;
		lines.push(`  d${g.statements[g.statements.length - 1].name}/d${grp.name} = ${value}`);
	}
	process.stdout.write(lines.join('\n') + '\n');
	return 0;
}
