/**
 * `npm run bench`: the engine on generated MLPs from ~1,000 to ~100,000 scalar nodes.
 * ReLU hidden layers, a linear output and loss = sum of squared outputs, the usual shape for
 * comparing scalar autodiff engines. Prints medians; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { backward } from '../src/lib/core/autodiff/backward.ts';
import { forward } from '../src/lib/core/autodiff/forward.ts';
import { buildGraph } from '../src/lib/core/graph/build.ts';
import { parse } from '../src/lib/core/language/parser.ts';
import { run } from '../src/lib/core/program.ts';
import { buildTrace } from '../src/lib/core/trace/build.ts';
import { stepText } from '../src/lib/core/trace/tex.ts';
import { mlpProgram } from './mlp.ts';
import { train } from '../src/lib/core/train/descent.ts';
import { defaultDescentGroups } from '../src/lib/core/train/params.ts';
import { medianFigures, phaseLine } from './phases.ts';
import { chainProgram, wideProgram } from './programs.ts';
import { layoutTrace } from '../src/lib/adapters/elk-node.ts';
import { defaultCollapsed } from '../src/lib/core/layout/elk-input.ts';
import { sceneAt } from '../src/lib/core/layout/scene.ts';
import { EXAMPLES } from '../src/lib/examples/examples.ts';
import { measureAllSets } from './elk-options.ts';
import { measureCli } from './cli.ts';
import { median } from './stats.ts';

const time = (f: () => void) => {
	const t0 = performance.now();
	f();
	return performance.now() - t0;
};

const NETS = [
	[16, 16, 16, 4],
	[32, 32, 32, 10],
	[64, 64, 64, 10],
	[128, 128, 128, 10],
	[192, 192, 192, 10],
	[224, 224, 224, 10]
];

const started = performance.now();
const perNode: string[] = [];
for (const sizes of NETS) {
	const src = mlpProgram(sizes);
	const runs = src.length > 500_000 ? 5 : 9;
	const parseMs: number[] = [];
	const fwdMs: number[] = [];
	const bwdMs: number[] = [];
	const traceMs: number[] = [];
	const totalMs: number[] = [];
	let nodes = 0;
	for (let k = 0; k < runs; k++) {
		const t0 = performance.now();
		let built!: ReturnType<typeof buildGraph>;
		let parsed!: ReturnType<typeof parse>;
		parseMs.push(time(() => ((parsed = parse(src)), (built = buildGraph(parsed.program, src, parsed.assigned)))));
		const g = built.graph!;
		nodes = g.size;
		fwdMs.push(time(() => forward(g)));
		bwdMs.push(time(() => backward(g)));
		traceMs.push(
			time(() => {
				const t = buildTrace(g, parsed.program);
				// The first and last steps are typeset, as a viewer would on opening.
				stepText(t, t.steps[0]);
				stepText(t, t.steps[t.steps.length - 1]);
			})
		);
		totalMs.push(performance.now() - t0);
	}
	const f = (x: number) => x.toFixed(2);
	console.log(
		`bench mlp=${sizes.join('-')} nodes=${nodes} parse_ms=${f(median(parseMs))} forward_ms=${f(median(fwdMs))} backward_ms=${f(median(bwdMs))} trace_ms=${f(median(traceMs))} total_ms=${f(median(totalMs))}`
	);
	perNode.push(`${sizes.join('-')}:${((median(fwdMs) + median(bwdMs)) * 1e6 / nodes).toFixed(0)}`);
}
console.log(`bench forward+backward ns_per_node ${perNode.join(' ')}`);

// Hostile inputs: each must come back (with a trace or errors) well inside a second.
const hostile: [string, string][] = [
	['nested-parens-10000', 'x = 1\nf = ' + '('.repeat(10_000) + 'x' + ')'.repeat(10_000) + '\n'],
	['line-1MB', 'x = 1\nf = ' + 'x + '.repeat(262_144) + 'x\n'],
	['number-1e999', 'x = 1e999\nf = x\n'],
	['random-bytes-64KB', Array.from({ length: 65_536 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join('')]
];
for (const [name, src] of hostile) {
	let errors = 0;
	const ms = time(() => {
		const r = run(src);
		errors = r.ok ? 0 : r.errors.length;
	});
	console.log(`bench hostile=${name} ms=${ms.toFixed(1)} errors=${errors}`);
}
// The viewer's per-step work: re-deriving the drawn scene (layout is computed once per program).
for (const ex of EXAMPLES) {
	const r = run(ex.program);
	if (!r.ok) continue;
	const t = r.trace;
	const layout = await layoutTrace(t, defaultCollapsed(t));
	const n = t.steps.length;
	const times: number[] = [];
	for (let rep = 0; rep < 5; rep++)
		for (let k = 0; k < n; k++) times.push(time(() => sceneAt(t, layout, 'scalar', k)));
	console.log(`bench scene example=${ex.id} nodes=${t.graph.size} steps=${n} median_ms=${median(times).toFixed(3)} max_ms=${Math.max(...times).toFixed(2)}`);
}

// Cost per edge, phase by phase: wide reductions, softmax (n² edges), a long chain, the MLPs.
// Linear cost shows as ns_per_edge roughly constant down each family.
const families: [string, number[], (n: number) => string][] = [
	...(['sum', 'mean', 'norm', 'dot'] as const).map((s): [string, number[], (n: number) => string] => [`wide=${s}`, [1_000, 10_000, 100_000], (n) => wideProgram(s, n)]),
	['wide=softmax', [30, 100, 300], (n) => wideProgram('softmax', n)],
	['long=chain', [1_000, 5_000, 20_000], chainProgram],
	['mlp', [0, 1, 2, 3], (k) => mlpProgram(NETS[k])]
];
for (const [family, sizes, program] of families)
	for (const n of sizes) {
		const src = program(n);
		const big = src.length > 400_000;
		const name = family === 'mlp' ? `mlp=${NETS[n].join('-')}` : `${family} n=${n}`;
		console.log(phaseLine(name, medianFigures(src, big ? 1 : 3)));
	}

// Training (issue 12): whole descent runs, one forward and one backward pass per step.
for (const [sizes, steps] of [
	[[3, 3, 1], 10_000],
	[[30, 40, 30, 4], 100]
] as [number[], number][]) {
	const r = run(mlpProgram(sizes));
	if (!r.ok) throw new Error('bench program failed');
	const t = r.trace;
	const params = defaultDescentGroups(t);
	const ms = median([0, 1, 2].map(() => time(() => train(t, { lr: 0.001, steps, params }))));
	console.log(`bench train mlp=${sizes.join('-')} nodes=${t.graph.size} steps=${steps} ms=${ms.toFixed(1)} ns_per_node_step=${((ms * 1e6) / (t.graph.size * (steps + 1))).toFixed(0)}`);
}

// ELK per option set (issue 16), each set in a fresh process so its first layout is cold.
// BENCH_ELK=0 skips it (about a minute on two idle cores).
if (process.env.BENCH_ELK !== '0') measureAllSets();

measureCli();

console.log(`bench done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
