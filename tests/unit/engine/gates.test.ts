import { describe, expect, it } from 'vitest';
import type { GateMode } from '../../../src/lib/core/graph/gates';
import { run } from '../../../src/lib/core/program';
import type { Trace } from '../../../src/lib/core/trace/build';
import { localDerivativeForms, stepText } from '../../../src/lib/core/trace/tex';
import { stepOfLine } from '../../../src/lib/core/view/navigate';
import { DEFAULT_SIG } from '../../../src/lib/core/tex/number';
import { evalTex, evalTexInterval, overlaps, splitEquation, TexEvalError, texMeans, type Interval } from '../../helpers/tex-eval';

/**
 * User-defined gates (`name(a, b) = body`): both ways of stepping a call give the program's true
 * gradient (finite differences of the whole program), the same values and leaf gradients, and
 * a one-gate step whose local derivative, numbers substituted, evaluates to the number it shows.
 */

type Leaves = Record<string, number | number[]>;

interface Case {
	readonly name: string;
	/** Gate definitions and the lines after the leaves. */
	readonly defs: string;
	readonly body: string;
	readonly leaves: Leaves;
	/** The output's value worked out by hand, where it is short enough to. */
	readonly value?: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

const CASES: Case[] = [
	{
		name: 'the lecture notes’ sigmoid gate',
		defs: 'sig(z) = 1 / (1 + exp(-z))',
		body: 'f = sig(w0*x0 + w1*x1 + w2)',
		leaves: { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 },
		// w0 x0 + w1 x1 + w2 = -2 + 6 - 3 = 1.
		value: sigmoid(1)
	},
	{
		name: 'a two-parameter gate',
		defs: 'lin(w, x) = w*x',
		body: 'f = lin(a, b) + lin(b, b)',
		leaves: { a: 1.5, b: -2 },
		// 1.5 · (-2) + (-2) · (-2) = 1.
		value: 1
	},
	{
		name: 'a gate calling an earlier gate',
		defs: 'sq(u) = u^2\nsmooth(a, b) = log(1 + exp(a - b)) + sq(a) / 2',
		body: 'q = smooth(x, y)\nf = q * x',
		leaves: { x: 0.7, y: -0.4 },
		// q = log(1 + e^{1.1}) + 0.245.
		value: (Math.log(1 + Math.exp(1.1)) + 0.245) * 0.7
	},
	{
		name: 'a gate over a vector argument, a scalar broadcasting',
		defs: 'act(z, s) = tanh(s * z) + max(z, 0)',
		body: 'h = act(W @ x, c)\nf = sum(h)',
		leaves: { W: [0.5, -1, 2, 0.25], x: [1, -0.5], c: 0.8 }
	},
	{
		name: 'a parameter used twice and a constant power',
		defs: 'bump(t) = t * exp(-t^2) - 3 / t',
		body: 'f = bump(p) * bump(2 * p)',
		leaves: { p: 0.9 }
	}
];

/** The leaf lines; a 4-element leaf named with a capital is a 2×2 matrix. */
function source(c: Case, leaves: Leaves): string {
	const leaf = ([k, v]: [string, number | number[]]) => {
		if (typeof v === 'number') return `${k} = ${v}`;
		if (/^[A-Z]/.test(k)) return `${k} = [[${v[0]}, ${v[1]}], [${v[2]}, ${v[3]}]]`;
		return `${k} = [${v.join(', ')}]`;
	};
	return `${c.defs}\n${Object.entries(leaves).map(leaf).join('\n')}\n${c.body}\n`;
}

function mustRun(src: string, mode: GateMode): Trace {
	const r = run(src, { gates: mode });
	if (!r.ok) throw new Error(r.errors.map((e) => `${e.span.line}:${e.span.col} ${e.message}`).join('; '));
	return r.trace;
}

const outputOf = (t: Trace) => t.graph.value[t.graph.output];

/** Each leaf element's gradient, by the leaf names. */
function leafGrads(t: Trace): Map<string, number[]> {
	const g = t.graph;
	return new Map(g.groups.filter((grp) => grp.isLeaf).map((grp) => [grp.name, Array.from(grp.ids, (i) => g.grad[i])]));
}

/** Central differences of the whole program's output, one leaf element at a time. */
function finiteDifferences(c: Case): Map<string, number[]> {
	const h = 1e-5;
	const out = new Map<string, number[]>();
	for (const [k, v] of Object.entries(c.leaves)) {
		const xs = typeof v === 'number' ? [v] : v;
		out.set(
			k,
			xs.map((_, j) => {
				const at = (d: number) => {
					const moved = xs.map((x, m) => (m === j ? x + d : x));
					return outputOf(mustRun(source(c, { ...c.leaves, [k]: typeof v === 'number' ? moved[0] : moved }), 'expanded'));
				};
				return (at(h) - at(-h)) / (2 * h);
			})
		);
	}
	return out;
}

describe.each(CASES)('$name', (c) => {
	const src = source(c, c.leaves);
	const fd = finiteDifferences(c);

	it.each(['one', 'expanded'] as const)('mode %s: gradients equal finite differences of the whole program', (mode) => {
		const t = mustRun(src, mode);
		if (c.value !== undefined) expect(outputOf(t)).toBeCloseTo(c.value, 12);
		for (const [k, grads] of leafGrads(t)) grads.forEach((gr, j) => expect(gr, `${k}[${j}]`).toBeCloseTo(fd.get(k)![j], 6));
	});

	it('both modes give the same value and the same leaf gradients', () => {
		const one = mustRun(src, 'one');
		const expanded = mustRun(src, 'expanded');
		expect(outputOf(one)).toBeCloseTo(outputOf(expanded), 13);
		const a = leafGrads(one);
		for (const [k, grads] of leafGrads(expanded)) grads.forEach((gr, j) => expect(a.get(k)![j]).toBeCloseTo(gr, 12));
		// Expanded, every primitive op of the body is a node of its own: never fewer steps.
		expect(expanded.steps.length).toBeGreaterThanOrEqual(one.steps.length);
	});

	it('mode one: each gate edge’s local derivative, numbers substituted, evaluates to its value', () => {
		const t = mustRun(src, 'one');
		const g = t.graph;
		let seen = 0;
		for (let e = 0; e < g.inputs.length; e++) {
			const owner = t.consumers.edgeOwner[e];
			if (g.op[owner]?.title.startsWith('gate ') !== true) continue;
			const f = localDerivativeForms(t, e, 17);
			// A gate called inside a gate shows as \operatorname{…}(number): give the evaluator those values.
			expect(evalTex(f.num, { names: innerGateValues(f.num) })).toBeCloseTo(g.local[e], 9);
			seen++;
		}
		expect(seen).toBeGreaterThan(0);
	});

	it.each(['one', 'expanded'] as const)('mode %s: every side of every scalar step’s equations that can be evaluated means the same number', (mode) => {
		const t = mustRun(src, mode);
		const g = t.graph;
		const names = new Map<string, number>();
		for (let i = 0; i < g.size; i++) if (g.kind[i] !== 'const') names.set(t.tex(i), g.value[i]);
		let sides = 0;
		for (const step of t.steps)
			for (const line of stepText(t, step).lines) {
				const shown = splitEquation(line.tex)
					.map((part) => [part, tryEval(part, names)] as const)
					.filter((x): x is readonly [string, Interval] => x[1] !== undefined);
				for (let k = 1; k < shown.length; k++) expect(overlaps(shown[0][1], shown[k][1]), `${line.tex}: ${shown[0][0]} vs ${shown[k][0]}`).toBe(true);
				sides += shown.length;
			}
		expect(sides).toBeGreaterThan(0);
	});

	it('every step of both modes renders, scalar and group, and the gate steps say whose gate it is', () => {
		for (const mode of ['one', 'expanded'] as const) {
			const t = mustRun(src, mode);
			for (const s of [...t.steps, ...t.groupSteps]) {
				const text = stepText(t, s);
				expect(text.lines.length).toBeGreaterThan(0);
				for (const l of text.lines) expect(l.tex).not.toMatch(/undefined|NaN/);
			}
		}
	});
});

/** The value a side of an equation stands for, or undefined when it holds a ∂, a gate's name or a matrix. */
function tryEval(tex: string, names: ReadonlyMap<string, number>): Interval | undefined {
	try {
		return evalTexInterval(tex, { names, sig: DEFAULT_SIG });
	} catch (e) {
		if (e instanceof TexEvalError && e.kind !== 'syntax') return undefined;
		throw e;
	}
}

/** `\operatorname{sq}\left(0.7\right)` → its value, for the gate `sq(u) = u^2` of the nested case. */
function innerGateValues(tex: string): Map<string, number> {
	const out = new Map<string, number>();
	for (const m of tex.matchAll(/\\operatorname\{sq\}\\left\(([^()]*?)\\right\)/g)) out.set(m[0], evalTex(m[1]) ** 2);
	return out;
}

describe('the one-gate steps of the sigmoid gate', () => {
	const c = CASES[0];
	const t = mustRun(source(c, c.leaves), 'one');
	const g = t.graph;
	const f = g.output;

	it('the forward step shows the body with the argument’s value substituted, and it evaluates to the value', () => {
		const text = stepText(t, t.steps[t.forwardStepOf[f]]);
		const body = text.lines.find((l) => l.caption.startsWith('your gate'));
		expect(body?.tex).toBe('\\operatorname{sig}\\left(z\\right) = \\frac{1}{1 + e^{-z}}');
		const nums = text.lines.find((l) => l.caption === 'its body, with numbers')!;
		const [, rhs, value] = splitEquation(nums.tex);
		// z = w0 x0 + w1 x1 + w2 = 1, and sig(1) = 0.7311 to four digits.
		expect(rhs).toBe('\\frac{1}{1 + e^{-1}}');
		expect(texMeans(rhs, sigmoid(1))).toBe(true);
		expect(value).toBe('0.7311');
		expect(text.words).toContain('sig is your own gate, defined on line 1');
	});

	it('the backward step shows the local derivative through the body, symbolic and with numbers', () => {
		const z = g.inputs[g.inputStart[f]];
		const text = stepText(t, t.steps[t.backwardStepOf[z]]);
		const local = text.lines.find((l) => l.caption === "sig's local derivative")!;
		// d/dz 1/(1 + e^{-z}) = e^{-z} / (1 + e^{-z})^2, the chain rule through inv, add, exp and neg.
		expect(local.tex).toBe('\\frac{\\partial \\operatorname{sig}\\left(z\\right)}{\\partial z} = \\frac{1}{\\left(1 + e^{-z}\\right)^{2}} \\cdot e^{-z}');
		const sym = splitEquation(local.tex)[1];
		expect(evalTex(sym, { names: new Map([['z', 1]]) })).toBeCloseTo(sigmoid(1) * (1 - sigmoid(1)), 12);
		expect(text.words).toContain('found by the chain rule through its body 1 / (1 + exp(-z))');
		// The notes' numbers: ∂f/∂w0 = -0.20, ∂f/∂x0 = 0.39.
		const grad = leafGrads(t);
		expect(grad.get('w0')![0]).toBeCloseTo(-0.2, 2);
		expect(grad.get('x0')![0]).toBeCloseTo(0.39, 2);
	});

	it('expanded, the body’s primitive steps appear, named by the student’s text with the argument for the parameter', () => {
		const e = mustRun(source(c, c.leaves), 'expanded');
		const steps = e.steps.filter((s) => s.kind === 'forward').map((s) => stepText(e, s));
		const titles = steps.map((s) => s.title);
		// The body's -z is -(w0*x0 + w1*x1 + w2) here; the longer pieces get symbols, defined where they are used.
		expect(titles).toContain('Forward · -(w0*x0 + w1*x1 + w2)');
		expect(titles.some((x) => /\bz\b/.test(x))).toBe(false);
		const neg = steps[titles.indexOf('Forward · -(w0*x0 + w1*x1 + w2)')];
		expect(neg.words).toContain('This is a step of your gate sig (line 1), expanded into its primitive steps for the call on line 7: z stands for w0*x0 + w1*x1 + w2.');
	});

	it('expanded, two calls of one gate name their pieces apart, each by its own argument', () => {
		const e = mustRun('sig(z) = 1 / (1 + exp(-z))\na = 1\nb = 2\nf = sig(a) + sig(b)\n', 'expanded');
		const titles = e.steps.filter((s) => s.kind === 'forward').map((s) => stepText(e, s).title);
		expect(titles).toEqual([
			'Forward · (-a)',
			'Forward · exp(-a)',
			'Forward · (1 + exp(-a))',
			'Forward · (1 / (1 + exp(-a)))',
			'Forward · (-b)',
			'Forward · exp(-b)',
			'Forward · (1 + exp(-b))',
			'Forward · (1 / (1 + exp(-b)))',
			'Forward · f'
		]);
		const nested = mustRun('sq(u) = u^2\nh(v) = sq(v) + sq(2 * v)\nx = 2\nf = h(x)\n', 'expanded');
		expect(nested.steps.filter((s) => s.kind === 'forward').map((s) => stepText(nested, s).title)).toEqual([
			'Forward · (x^2)',
			'Forward · (2 * x)',
			'Forward · ((2 * x)^2)',
			'Forward · f'
		]);
	});
});

describe('a gate’s calls: shapes and names (its definition errors are in errors.test.ts)', () => {
	it.each(['one', 'expanded'] as const)('mode %s: arguments of two shapes are refused at the call, with the same message', (mode) => {
		const r = run('g(a, b) = a * b + a\nx = [1, 2]\ny = [1, 2, 3]\nf = sum(g(x, y))\n', { gates: mode });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.map((e) => `${e.code} ${e.span.line}:${e.span.col} ${e.text}`)).toEqual(['shape-mismatch 4:9 g(x, y)']);
		expect(r.errors[0].message).toContain('g needs equal shapes, but the left is a vector of 2 and the right is a vector of 3');
	});

	it('a gate’s parameter may share a name with a program variable', () => {
		const r = run('lin(w, x) = w * x\nw = 2\nx = 3\nf = lin(x, w)\n');
		expect(r.ok).toBe(true);
	});
});

describe('a gate’s definition line leads to its first call’s step', () => {
	it.each(['one', 'expanded'] as const)('mode %s', (mode) => {
		const t = mustRun('sig(z) = 1 / (1 + exp(-z))\na = 1\nb = 2\nf = sig(a) + sig(b)\n', mode);
		const k = stepOfLine(t, 'scalar', 1, 'forward');
		const s = t.steps[k];
		expect(s.kind).toBe('forward');
		// One gate: sig(a) itself; expanded: the first step of its body, -a.
		expect(stepText(t, s).title).toBe(mode === 'one' ? 'Forward · sig(a)' : 'Forward · (-a)');
		// A gate never called has no step.
		expect(stepOfLine(mustRun('sig(z) = z\nx = 1\nf = x\n', mode), 'scalar', 1, 'forward')).toBe(-1);
	});
});
