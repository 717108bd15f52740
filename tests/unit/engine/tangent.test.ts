import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/lib/examples/examples';
import { run } from '../../../src/lib/core/program';
import { forward } from '../../../src/lib/core/autodiff/forward';
import { leafNodes, tangents } from '../../../src/lib/core/autodiff/tangent';
import type { Trace } from '../../../src/lib/core/trace/build';
import { convertTangentStep, tangentProgressAt, tangentStepOfNode, tangentSteps, type TangentStep } from '../../../src/lib/core/trace/tangent';
import { dotTex, passCountText, tangentForms, tangentText } from '../../../src/lib/core/trace/tangent-tex';
import { readParams, writeParams } from '../../../src/lib/core/share/url';
import { DEFAULT_SIG } from '../../../src/lib/core/tex/number';
import { nameTex } from '../../../src/lib/core/tex/names';
import { exprTex } from '../../../src/lib/core/tex/expr';
import { close, flatten, loadGoldens } from '../../helpers/golden';
import { evalTexInterval, contains, overlaps, splitEquation, TexEvalError, type EvalOptions, type Interval } from '../../helpers/tex-eval';

/**
 * Forward mode against oracles: at the output, the tangent of every input is that input's
 * gradient as backprop stored it, as the golden files give it, and as a central finite difference
 * of the program measures it. Its steps' LaTeX is evaluated back to the tangents it claims.
 */

const FULL = 17;

const handwritten: [string, string][] = [
	['fan-out inside one line', 'c1 = 3\nx = -1.5\nv = [0.5, -2]\nc2 = c1 + c1 + 1\nf = c2 * (x * x * x) + (x - x) + x / x + dot(v, v) * max(x, x)\n'],
	['constants only on one line', 'x = 2\nk = 3 * 4\nf = k * x + x^2\n'],
	['a line the output never reads', 'x = 0.5\ny = 2\nz = log(y - 2)\nf = x * y\n'],
	['a gate of your own', 'sig(z) = 1 / (1 + exp(-z))\nw0 = 2\nx0 = -1\nf = sig(w0*x0 + 1) * w0\n'],
	['softmax cross-entropy', 'z = [1, -0.5, 2]\nt = [0, 0, 1]\nL = cross_entropy(z, t) + norm2(softmax(z))\n'],
	['matrix transpose', 'W = [[1, 2], [3, 4]]\nx = [0.5, -1]\nb = 0.25\nf = sum(tanh(W^T x + b))\n'],
	[
		'the Mazur 2-2-2 network with shared biases',
		'i1 = 0.05\ni2 = 0.10\nw1 = 0.15\nw2 = 0.20\nw3 = 0.25\nw4 = 0.30\nw5 = 0.40\nw6 = 0.45\nw7 = 0.50\nw8 = 0.55\nb1 = 0.35\nb2 = 0.60\nt1 = 0.01\nt2 = 0.99\n' +
			'h1 = sigmoid(w1*i1 + w2*i2 + b1)\nh2 = sigmoid(w3*i1 + w4*i2 + b1)\no1 = sigmoid(w5*h1 + w6*h2 + b2)\no2 = sigmoid(w7*h1 + w8*h2 + b2)\nE = 0.5(t1 - o1)^2 + 0.5(t2 - o2)^2\n'
	]
];

const goldens = loadGoldens();
if (goldens.length === 0) console.warn('[chainstep] tangent.test.ts: ../shared/examples missing, the golden comparisons are skipped.');

const programs: [string, string][] = [
	...EXAMPLES.map((e) => [`example ${e.id}`, e.program] as [string, string]),
	...goldens.map((g) => [`golden ${g.id}`, g.program] as [string, string]),
	...handwritten
];

function traceOf(src: string): Trace {
	const r = run(src);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
	return r.trace;
}

/** A central difference of the program's output in one leaf, on a copy of the graph (the trace under test is not touched). */
function finiteDifference(src: string, leaf: number): number {
	const g = traceOf(src).graph;
	const x0 = g.value[leaf];
	const h = 1e-6 * Math.max(1, Math.abs(x0));
	g.value[leaf] = x0 + h;
	forward(g);
	const up = g.value[g.output];
	g.value[leaf] = x0 - h;
	forward(g);
	const down = g.value[g.output];
	return (up - down) / (2 * h);
}

describe('the tangent at the output is the gradient, for every input', () => {
	it.each(programs)('%s', (_name, src) => {
		const t = traceOf(src);
		const g = t.graph;
		const leaves = leafNodes(g);
		expect(leaves.length).toBeGreaterThan(0);
		for (const leaf of leaves) {
			const tan = tangents(g, leaf);
			const what = `∂${t.label(g.output)}/∂${t.label(leaf)}`;
			const a = tan[g.output];
			const b = g.grad[leaf];
			if (!Number.isFinite(b)) continue;
			expect(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: forward ${a}, backprop ${b}`).toBe(true);
			const fd = finiteDifference(src, leaf);
			expect(Math.abs(a - fd) <= 1e-5 * Math.max(1, Math.abs(fd)), `${what}: forward ${a}, finite difference ${fd}`).toBe(true);
		}
	});

	it.each(goldens.map((gd) => [gd.id, gd] as const))('golden %s: every leaf element as the golden file gives it', (_id, gd) => {
		const t = traceOf(gd.program);
		const g = t.graph;
		let checked = 0;
		for (const grp of g.groups) {
			if (!grp.isLeaf || !(grp.name in gd.grads)) continue;
			const want = flatten(gd.grads[grp.name]);
			grp.ids.forEach((id, k) => {
				const got = tangents(g, id)[g.output];
				expect(close(got, want[k], gd.tolerance), `${gd.id}: ∂/∂${t.label(id)} forward ${got}, golden ${want[k]}`).toBe(true);
				checked++;
			});
		}
		expect(checked).toBeGreaterThan(0);
	});
});

describe('forward mode never writes into the trace', () => {
	it.each(programs)('%s', (_name, src) => {
		const t = traceOf(src);
		const g = t.graph;
		const before = [g.value.slice(), g.grad.slice(), g.local.slice(), g.param.slice()];
		for (const leaf of leafNodes(g)) {
			const tan = tangents(g, leaf);
			expect(tan).not.toBe(g.value);
			for (const gran of ['scalar', 'group'] as const) for (const s of tangentSteps(t, gran)) tangentText(t, s, leaf, tan);
			passCountText(t, leaf);
		}
		const after = [g.value, g.grad, g.local, g.param];
		after.forEach((arr, k) => expect(Array.from(arr), ['value', 'grad', 'local', 'param'][k]).toEqual(Array.from(before[k])));
	});
});

/** What the tangent steps' LaTeX names mean: values, tangents (dotted names), local derivatives, and ∂f/∂x at the output. */
function meaningOf(t: Trace, wrt: number, tan: Float64Array): EvalOptions {
	const g = t.graph;
	const names = new Map<string, number>();
	const nodeOf = new Map<string, number>();
	for (let i = 0; i < g.size; i++) {
		if (g.kind[i] === 'const') continue;
		names.set(t.tex(i), g.value[i]);
		names.set(dotTex(t.tex(i)), tan[i]);
		nodeOf.set(t.tex(i), i);
	}
	for (const grp of g.groups) if (grp.shape.length === 0) names.set(dotTex(nameTex(grp.name)), tan[grp.ids[0]]);
	const partial = (num: string, den: string): number | undefined => {
		const a = nodeOf.get(num);
		const b = nodeOf.get(den);
		if (a === undefined || b === undefined) return undefined;
		let sum: number | undefined;
		for (let e = g.inputStart[a]; e < g.inputStart[a + 1]; e++) if (g.inputs[e] === b) sum = (sum ?? 0) + g.local[e];
		return sum;
	};
	const gates = new Map(t.program.definitions.map((d) => [d.name.replace(/_/g, '\\_'), { params: d.params.map((p) => nameTex(p.name)), body: exprTex(d.body) }]));
	return { names, partial, functions: gates };
}

/** The result lines' ∂f/∂x is the whole derivative of the output (backprop's gradient); every other ∂ is a local derivative. */
function resultMeaning(t: Trace, wrt: number, m: EvalOptions): EvalOptions {
	const out = t.tex(t.graph.output);
	const x = t.tex(wrt);
	return { ...m, partial: (num, den) => (num === out && den === x ? t.graph.grad[wrt] : undefined) };
}

/** Whether a step touches a NaN or ∞ (a value, a local derivative or a tangent): its arithmetic is not checked here. */
function touchesNonFinite(t: Trace, s: TangentStep, tan: Float64Array): boolean {
	const g = t.graph;
	const nodes = s.kind === 'tangent' ? [s.node] : s.kind === 'group-tangent' ? Array.from(s.nodes) : [];
	return nodes.some((n) => {
		for (let e = g.inputStart[n]; e < g.inputStart[n + 1]; e++) if (![g.local[e], g.value[g.inputs[e]], tan[g.inputs[e]]].every(Number.isFinite)) return true;
		return !Number.isFinite(g.value[n]) || !Number.isFinite(tan[n]);
	});
}

function tryEval(tex: string, opts: EvalOptions): Interval | undefined {
	try {
		return evalTexInterval(tex, opts);
	} catch (e) {
		if (e instanceof TexEvalError && e.kind !== 'syntax') return undefined;
		throw e;
	}
}

const stepNode = (s: TangentStep) => (s.kind === 'tangent' ? s.node : -1);

describe('every tangent step says what its numbers are', () => {
	it.each(programs)('%s', (_name, src) => {
		const t = traceOf(src);
		const g = t.graph;
		for (const wrt of leafNodes(g).slice(0, 6)) {
			const tan = tangents(g, wrt);
			const m = meaningOf(t, wrt, tan);
			let rules = 0;
			for (const gran of ['scalar', 'group'] as const) {
				for (const s of tangentSteps(t, gran)) {
					const text = tangentText(t, s, wrt, tan, DEFAULT_SIG);
					if (!touchesNonFinite(t, s, tan)) for (const line of text.lines) {
						const parts = splitEquation(line.tex);
						const opts = line.caption === 'result' || line.caption === 'backprop gives' ? resultMeaning(t, wrt, m) : m;
						const shown = parts.map((p) => [p, tryEval(p, { ...opts, sig: DEFAULT_SIG })] as const).filter((x): x is readonly [string, Interval] => x[1] !== undefined);
						for (let k = 1; k < shown.length; k++)
							expect(overlaps(shown[0][1], shown[k][1]), `${text.title} (${line.caption}): ${line.tex}\n  ${shown[0][0]} ≠ ${shown[k][0]}`).toBe(true);
					}
					const node = stepNode(s);
					if (node < 0) continue;
					const ins = Array.from(g.inputs.subarray(g.inputStart[node], g.inputStart[node + 1]));
					if (!Number.isFinite(tan[node]) || ins.some((i) => !Number.isFinite(tan[i])) || ins.some((_, k) => !Number.isFinite(g.local[g.inputStart[node] + k]))) continue;
					// The rule with numbers, at full precision and at the printed digits, is the tangent.
					for (const sig of [FULL, DEFAULT_SIG]) {
						const f = tangentForms(t, node, tan, sig);
						if (f.num.includes('\\cdots')) continue;
						const r = evalTexInterval(f.num, { sig: sig === FULL ? undefined : sig });
						expect(contains(r, tan[node]), `${t.label(node)}: ${f.num} is [${r.lo}, ${r.hi}], not ${tan[node]}`).toBe(true);
					}
					// The symbolic rule, each ∂ a local derivative and each dotted name a tangent, is the tangent.
					const f = tangentForms(t, node, tan, DEFAULT_SIG);
					if (!f.sym.includes('\\cdots')) {
						const r = evalTexInterval(f.sym, m);
						expect(contains(r, tan[node]), `${t.label(node)}: ${f.sym} is [${r.lo}, ${r.hi}], not ${tan[node]}`).toBe(true);
						rules++;
					}
					// And the left side names the node's own tangent.
					expect(m.names!.get(f.lhs)).toBe(tan[node]);
				}
			}
			expect(rules).toBeGreaterThan(0);
		}
	});

	it('the last step shows ∂f/∂x and backprop’s equal number', () => {
		const t = traceOf('x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n');
		const tan = tangents(t.graph, 0);
		for (const gran of ['scalar', 'group'] as const) {
			const steps = tangentSteps(t, gran);
			const last = tangentText(t, steps[steps.length - 1], 0, tan);
			expect(last.lines.map((l) => l.tex)).toEqual(expect.arrayContaining(['\\frac{\\partial f}{\\partial x} = \\dot{f} = -4', '\\frac{\\partial f}{\\partial x} = -4']));
			expect(last.words).toContain('It is the same number backprop');
		}
	});
});

describe('the steps and the line that counts passes', () => {
	it.each(programs)('%s: one step per op node (scalar) or assignment (group), after the seed', (_name, src) => {
		const t = traceOf(src);
		const scalar = tangentSteps(t, 'scalar');
		const group = tangentSteps(t, 'group');
		expect(scalar.length).toBe(t.backwardStart + 1);
		expect(group.length).toBe(t.groupBackwardStart + 1);
		expect(scalar[0].kind).toBe('seed');
		scalar.forEach((s, k) => {
			if (s.kind !== 'tangent') return;
			expect(tangentStepOfNode(t, 'scalar', s.node)).toBe(k);
			const j = convertTangentStep(t, 'scalar', k, 'group');
			const gs = group[j];
			expect(gs.kind === 'group-tangent' && Array.from(gs.nodes).includes(s.node), `${t.label(s.node)} in group step ${j}`).toBe(true);
		});
		// The graph's highlight: the current node's inputs are read, and nothing past step k is known yet.
		const wrt = leafNodes(t.graph)[0];
		const p = tangentProgressAt(t, 'scalar', 0, wrt);
		expect(p.current).toEqual([wrt]);
		const k = scalar.length - 1;
		const end = tangentProgressAt(t, 'scalar', k, wrt);
		expect(t.graph.output === wrt || end.known(t.graph.output)).toBe(true);
		if (k > 0) expect(tangentProgressAt(t, 'scalar', k - 1, wrt).known(t.graph.output) || t.graph.kind[t.graph.output] !== 'op').toBe(false);
	});

	it('counts every input element, and says elements for a vector', () => {
		const small = traceOf('x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n');
		expect(passCountText(small, 0)).toBe(
			'Forward mode: this pass gives ∂v/∂x for every node v — one input. The gradient of f needs 3 forward passes (one per input: x, y, z); reverse mode gets all 3 in one backward pass.'
		);
		const mlp = traceOf(EXAMPLES.find((e) => e.id === 'mlp-softmax')!.program);
		const n = leafNodes(mlp.graph).length;
		const line = passCountText(mlp, leafNodes(mlp.graph)[0]);
		expect(line).toContain(`needs ${n} forward passes (one per input element: x (3 elements), W1 (12 elements)`);
		expect(line).toContain(`reverse mode gets all ${n} in one backward pass`);
		expect(passCountText(traceOf('x = 3\nf = x^2\n'), 0)).toContain('one forward pass gives its whole gradient');
	});

	it('the link keeps the mode and the input, and tolerates a mangled one', async () => {
		const v = await readParams(new URLSearchParams('example=fan-out&mode=tangent&wrt=W1[0,2]&step=3'));
		expect(v).toMatchObject({ example: 'fan-out', mode: 'tangent', wrt: 'W1[0,2]', step: 2 });
		expect(await writeParams(v)).toBe('?example=fan-out&step=3&mode=tangent&wrt=W1%5B0,2%5D');
		expect((await readParams(new URLSearchParams('mode=tangent'))).wrt).toBeUndefined();
		expect((await readParams(new URLSearchParams(`mode=tangent&wrt=${'x'.repeat(5000)}`))).wrt).toBeUndefined();
		const plain = await readParams(new URLSearchParams('mode=bogus&wrt=x'));
		expect(plain.mode).toBeUndefined();
		expect(plain.wrt).toBeUndefined();
	});

	it('dots a name on its letter, before its index', () => {
		for (const [name, want] of [
			['x', '\\dot{x}'],
			['w_{5}', '\\dot{w}_{5}'],
			['W_{1}[0,2]', '\\dot{W}_{1}[0,2]'],
			['\\hat{y}', '\\dot{\\hat{y}}'],
			['\\mathrm{net}_{o_{1}}', '\\dot{\\mathrm{net}}_{o_{1}}'],
			['\\mathit{naive}', '\\dot{\\mathit{naive}}'],
			['\\left(W_{1} x\\right)_{0}', '\\left(W_{1} x\\right)^{\\bullet}_{0}'],
			['\\left(w_{5}\\,h_{1}\\right)', '\\left(w_{5}\\,h_{1}\\right)^{\\bullet}'],
			['\\log \\left(p\\right)_{0}', '\\left(\\log \\left(p\\right)\\right)^{\\bullet}_{0}'],
			['\\left(a\\right)\\left(b\\right)', '\\left(\\left(a\\right)\\left(b\\right)\\right)^{\\bullet}']
		])
			expect(dotTex(name)).toBe(want);
	});
});
