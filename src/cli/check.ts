import { DEFAULT_H, hProblem, nudgeLeaves, worstRelativeError, type Nudge } from '../lib/core/autodiff/nudge.ts';
import type { Trace } from '../lib/core/trace/build.ts';
import { jsonNumber, type JsonNumber } from '../lib/core/trace/json.ts';
import { fmt } from '../lib/core/tex/number.ts';
import { UsageError } from './io.ts';

/** One leaf's line of `--check`: JSON keys in snake case, as a Python reader expects. */
export interface CheckJson {
	numeric: JsonNumber;
	backprop: JsonNumber;
	relative_error: JsonNumber;
}

/** `--h H`: absent gives the default; anything but a positive finite number is a usage error naming it. */
export function checkStep(v: string | undefined): number {
	if (v === undefined) return DEFAULT_H;
	const h = v.trim() === '' ? NaN : Number(v);
	const bad = hProblem(h);
	if (bad) throw new UsageError(`--h ${v.trim() === '' ? '(empty)' : v}: ${bad}`);
	return h;
}

/** Every leaf element's nudge check, keyed as the trace labels it (x, W1[0,1]). */
export function checkJson(t: Trace, h: number): Record<string, CheckJson> {
	const out: Record<string, CheckJson> = {};
	for (const n of nudgeLeaves(t.graph, h))
		out[t.label(n.node)] = { numeric: jsonNumber(n.numeric), backprop: jsonNumber(n.backprop), relative_error: jsonNumber(n.relativeError) };
	return out;
}

/** The "Check" section of the text: one line per leaf, then the worst relative error and where. */
export function checkText(t: Trace, h: number, sig?: number): string {
	const ns = nudgeLeaves(t.graph, h);
	const out = t.label(t.graph.output);
	const lines = [`Check: the numerical derivative (${out}(v+h) − ${out}(v−h)) / 2h of each input, h = ${fmt(h, 6)}, beside backprop`];
	if (ns.length === 0) return [...lines, '  (the program has no inputs to nudge)'].join('\n') + '\n';
	const rows = ns.map((n) => [t.label(n.node), fmt(n.numeric, sig), fmt(n.backprop, sig), relative(n)]);
	const width = (c: number) => Math.max(...rows.map((r) => r[c].length));
	for (const r of rows)
		lines.push(`  ${r[0].padEnd(width(0))}  numeric ${r[1].padEnd(width(1))}  backprop ${r[2].padEnd(width(2))}  relative error ${r[3]}`);
	const worst = worstRelativeError(ns);
	const at = ns.find((n) => Number.isNaN(worst) ? Number.isNaN(n.relativeError) : n.relativeError === worst);
	lines.push(`  worst relative error ${fmt(worst, 3)}${at ? ` (${t.label(at.node)})` : ''}`);
	return lines.join('\n') + '\n';
}

function relative(n: Nudge): string {
	if (!Number.isFinite(n.at)) return `NaN (the value ${fmt(n.at)} cannot be nudged)`;
	if (n.lost) return `NaN (h is lost next to ${fmt(n.at)}: v ± h rounds to v; use a larger --h)`;
	return fmt(n.relativeError, 3);
}
