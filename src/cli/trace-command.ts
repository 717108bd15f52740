import type { Graph, Group } from '../lib/core/graph/graph.ts';
import { jsonNumber, namedArrays, traceJson } from '../lib/core/trace/json.ts';
import type { Trace } from '../lib/core/trace/build.ts';
import type { Granularity } from '../lib/core/trace/steps.ts';
import { stepText } from '../lib/core/trace/tex.ts';
import { fmt } from '../lib/core/tex/number.ts';
import { gatesOption, granularityOption, parseArgs, traceFile, UsageError, wholeNumber } from './io.ts';
import { checkJson, checkStep, checkText } from './check.ts';


export function traceCommand(argv: string[]): number {
	const { pos, opts } = parseArgs(argv, ['--format', '--precision', '--granularity', '--gates', '--h'], ['--check']);
	if (pos.length !== 1) throw new UsageError(`trace takes one FILE, but got ${pos.length === 0 ? 'none' : pos.join(', ')}.`);
	const format = opts.get('--format') ?? 'text';
	if (format !== 'json' && format !== 'text') throw new UsageError(`--format must be json or text, not ${format}`);
	const sig = wholeNumber('--precision', opts.get('--precision'), 1, 17);
	const granularity = granularityOption(opts) ?? 'scalar';
	const check = opts.has('--check');
	if (!check && opts.has('--h')) throw new UsageError('--h is the step of the nudge check: add --check, or leave --h out.');
	const h = checkStep(opts.get('--h'));
	const t = traceFile(pos[0], gatesOption(opts));
	if (!t) return 1;
	if (format === 'json') {
		const json = granularity === 'group' ? groupJson(t, sig) : traceJson(t, sig);
		process.stdout.write(JSON.stringify(check ? { ...json, check: checkJson(t, h) } : json, null, 1) + '\n');
		return 0;
	}
	process.stdout.write(traceText(t, sig, granularity) + (check ? '\n' + checkText(t, h, sig) : ''));
	return 0;
}

/** The trace as the text `chainstep trace` prints: every step in words with its result, then every gradient. */
export function traceText(t: Trace, sig?: number, granularity: Granularity = 'scalar'): string {
	const g = t.graph;
	const out = g.statements[g.statements.length - 1].name;
	const lines: string[] = [];
	const steps = granularity === 'group' ? t.groupSteps : t.steps;
	const backwardStart = granularity === 'group' ? t.groupBackwardStart : t.backwardStart;
	const n = steps.length;
	steps.forEach((s, k) => {
		if (k === 0) lines.push('Forward pass');
		if (k === backwardStart) lines.push('', 'Backward pass');
		const text = stepText(t, s, sig);
		const result =
			s.kind === 'backward'
				? `∂${t.label(g.output)}/∂${t.label(s.node)} = ${fmt(g.grad[s.node], sig)}`
				: s.kind === 'group-backward'
					? `∂${out}/∂${g.groups[s.group].name} = ${groupText(g, g.groups[s.group], g.grad, sig)}`
					: s.kind === 'group-forward'
						? `${g.groups[s.group].name} = ${groupText(g, g.groups[s.group], g.value, sig)}`
						: '';
		lines.push(`  ${String(k + 1).padStart(String(n).length)}/${n}  ${text.words}${result ? `  → ${result}` : ''}`);
	});
	lines.push('', 'Gradients');
	for (const grp of g.groups) lines.push(`  d${out}/d${grp.name} = ${groupText(g, grp, g.grad, sig)}`);
	return lines.join('\n') + '\n';
}

/** A named value's numbers as text; a matrix keeps its rows, as the JSON does: [[…], […]]. */
function groupText(g: Graph, grp: Group, of: Float64Array, sig: number | undefined): string {
	const at = (k: number) => fmt(of[grp.ids[k]], sig);
	const row = (from: number, n: number) => `[${Array.from({ length: n }, (_, j) => at(from + j)).join(', ')}]`;
	if (grp.shape.length === 0) return at(0);
	if (grp.shape.length === 1) return row(0, grp.shape[0]);
	return `[${Array.from({ length: grp.shape[0] }, (_, r) => row(r * grp.shape[1], grp.shape[1])).join(', ')}]`;
}

/**
 * The JSON of a trace stepped one assignment at a time: the same values and gradients as the
 * scalar JSON, with one step per assignment whose value and gradient are the whole named value.
 */
function groupJson(t: Trace, sig: number | undefined) {
	const g = t.graph;
	const values = namedArrays(g, g.value);
	const grads = namedArrays(g, g.grad);
	return {
		output: g.statements[g.statements.length - 1].name,
		granularity: 'group' as const,
		values,
		grads,
		steps: t.groupSteps.map((s, k) => {
			if (s.kind !== 'group-forward' && s.kind !== 'group-backward') throw new Error('group steps only');
			const grp = g.groups[s.group];
			const text = stepText(t, s, sig);
			return {
				k: k + 1,
				kind: s.kind === 'group-forward' ? ('forward' as const) : ('backward' as const),
				node: grp.name,
				nodes: Array.from(s.nodes, (i) => t.label(i)),
				line: s.span.line,
				col: s.span.col,
				value: grp.shape.length === 0 ? jsonNumber(g.value[grp.ids[0]]) : values[grp.name],
				...(s.kind === 'group-backward' ? { grad: grp.shape.length === 0 ? jsonNumber(g.grad[grp.ids[0]]) : grads[grp.name] } : {}),
				title: text.title,
				latex: text.lines.map((l) => l.tex),
				words: text.words
			};
		})
	};
}
