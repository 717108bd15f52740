import { jsonNumber, namedArrays, type Nested } from '../lib/core/trace/json.ts';
import type { Trace } from '../lib/core/trace/build.ts';
import { fmt } from '../lib/core/tex/number.ts';
import { grouped } from '../lib/core/grouped.ts';
import { historyCsv } from '../lib/core/train/csv.ts';
import { train, trainedProgram } from '../lib/core/train/descent.ts';
import { MAX_TRAIN_WORK, maxTrainSteps, trainWork } from '../lib/core/train/limits.ts';
import { defaultDescentGroups, leafGroups, paramGroupsByName } from '../lib/core/train/params.ts';
import type { TrainResult } from '../lib/core/train/types.ts';
import { gatesOption, parseArgs, traceFile, UsageError, wholeNumber } from './io.ts';


export function trainCommand(argv: string[]): number {
	const { pos, opts } = parseArgs(argv, ['--lr', '--steps', '--params', '--momentum', '--format', '--precision', '--gates']);
	if (pos.length !== 1) throw new UsageError(`train takes one FILE, but got ${pos.length === 0 ? 'none' : pos.join(', ')}.`);
	const format = opts.get('--format') ?? 'text';
	if (format !== 'json' && format !== 'text' && format !== 'csv') throw new UsageError(`--format must be text, json or csv, not ${format}`);
	const lr = realOption('--lr', opts.get('--lr'), 'the learning rate η, e.g. --lr 0.1');
	if (lr === undefined) throw new UsageError('train needs --lr η, the learning rate (e.g. --lr 0.1)');
	const stepsText = opts.get('--steps');
	if (stepsText === undefined) throw new UsageError('train needs --steps N, how many descent steps to run (e.g. --steps 100)');
	const steps = wholeNumber('--steps', stepsText, 0, 1_000_000_000)!;
	const momentum = realOption('--momentum', opts.get('--momentum'), 'μ from 0 (plain SGD) up, e.g. --momentum 0.9') ?? 0;
	if (momentum < 0) throw new UsageError(`--momentum must be 0 or more (0 is plain SGD), not ${opts.get('--momentum')}`);
	const sig = wholeNumber('--precision', opts.get('--precision'), 1, 17);
	const gates = gatesOption(opts);

	const t = traceFile(pos[0], gates);
	if (!t) return 1;
	const params = chosenParams(t, opts.get('--params'));
	const nodes = t.graph.size;
	if (trainWork(nodes, steps) > MAX_TRAIN_WORK)
		throw new UsageError(
			`--steps ${steps} on this ${grouped(nodes)}-node program is ${grouped(trainWork(nodes, steps))} node-steps; ` +
				`a run does at most ${grouped(MAX_TRAIN_WORK)}: use --steps ${grouped(maxTrainSteps(nodes))} or fewer, or a smaller program`
		);

	const result = train(t, { lr, steps, params, momentum });
	const program = trainedProgram(t, result);
	if (result.stopped) process.stderr.write(`chainstep: ${result.stopped.message}\n`);
	if (format === 'csv') process.stdout.write(historyCsv(result, sig));
	else if (format === 'json') process.stdout.write(JSON.stringify(trainJson(t, result, program), null, 1) + '\n');
	else process.stdout.write(trainText(t, result, program, { lr, momentum, sig }));
	return 0;
}

/** A real-number option: finite, written as a number (0.1, 1e-3, -2); absent gives undefined. */
function realOption(opt: string, v: string | undefined, what: string): number | undefined {
	if (v === undefined) return undefined;
	const n = Number(v);
	if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${opt} must be a number, ${what}; not ${v}`);
	return n;
}

/** `--params a,b`: leaf names; absent, the weights and biases the page also proposes. */
function chosenParams(t: Trace, list: string | undefined): number[] {
	const leaves = leafGroups(t).map((k) => t.graph.groups[k].name);
	if (leaves.length === 0) throw new UsageError('This program has no leaves (values written as numbers) to train.');
	if (list === undefined) return defaultDescentGroups(t);
	const names = list.split(',').map((s) => s.trim());
	if (names.some((s) => s === '')) throw new UsageError(`--params must list leaf names separated by commas, not '${list}'; the leaves are ${leaves.join(', ')}`);
	const choice = paramGroupsByName(t, names);
	if (!choice.ok) {
		const what = choice.unknown.length === 1 ? `${choice.unknown[0]} is not a leaf of the program` : `${choice.unknown.join(', ')} are not leaves of the program`;
		throw new UsageError(`--params: ${what}; the leaves are ${choice.leaves.join(', ')}`);
	}
	return choice.groups;
}

export interface TrainJson {
	losses: ReturnType<typeof jsonNumber>[];
	params: Record<string, Nested>;
	program: string;
	stopped?: { step: number; leaf: string; value: ReturnType<typeof jsonNumber>; message: string };
}

/** The run as `--format json`: every loss, each chosen leaf's final value (shaped as `trace` writes it) and the updated program. */
export function trainJson(t: Trace, r: TrainResult, program: string): TrainJson {
	const all = namedArrays(t.graph, r.final);
	const params: Record<string, Nested> = {};
	for (const p of r.params) params[p.name] = all[p.name];
	const s = r.stopped;
	return {
		losses: Array.from(r.losses, jsonNumber),
		params,
		program,
		...(s ? { stopped: { step: s.step, leaf: s.leaf, value: jsonNumber(s.value), message: s.message } } : {})
	};
}

/** Steps 0, 1, 10, 100, … and the last: the loss curve's shape in a few lines. */
function milestones(last: number): number[] {
	const out = [0];
	for (let s = 1; s < last; s *= 10) out.push(s);
	if (last > 0) out.push(last);
	return out;
}

/** The run in words: the loss at a few steps, the final parameters, the updated program. */
export function trainText(t: Trace, r: TrainResult, program: string, o: { lr: number; momentum: number; sig?: number }): string {
	const sig = o.sig ?? 6;
	const g = t.graph;
	const out = g.statements[g.statements.length - 1].name;
	const names = r.params.map((p) => p.name).join(', ');
	const rule = o.momentum === 0 ? 'plain SGD' : `momentum μ = ${String(o.momentum)}`;
	const lines = [`Gradient descent on ${out}: η = ${String(o.lr).replace('e+', 'e')}, ${rule}, ${r.stepsDone} step${r.stepsDone === 1 ? '' : 's'}, training ${names || 'nothing'}`];
	const width = String(r.stepsDone).length;
	for (const s of milestones(r.stepsDone)) lines.push(`  step ${String(s).padStart(width)}  ${out} = ${fmt(r.losses[s], sig)}`);
	if (r.stopped) lines.push(`Stopped: ${r.stopped.message}`);
	lines.push('', 'Final parameters');
	const all = namedArrays(g, r.final);
	for (const p of r.params) lines.push(`  ${p.name} = ${nestedText(all[p.name], sig)}`);
	lines.push('', 'Updated program (exact values)', ...program.replace(/\n$/, '').split('\n').map((l) => `  ${l}`));
	return lines.join('\n') + '\n';
}

function nestedText(x: Nested, sig: number): string {
	return Array.isArray(x) ? `[${x.map((y) => nestedText(y, sig)).join(', ')}]` : typeof x === 'number' ? fmt(x, sig) : x;
}
