import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/lib/examples/examples';
import { OPS as REGISTRY } from '../../../src/lib/core/ops/registry';
import type { OpSpec, TexArgs } from '../../../src/lib/core/ops/spec';
import type { Program } from '../../../src/lib/core/language/ast';
import { run } from '../../../src/lib/core/program';
import { exprTex } from '../../../src/lib/core/tex/expr';
import { nameTex } from '../../../src/lib/core/tex/names';
import type { Trace } from '../../../src/lib/core/trace/build';
import { innerDefinition } from '../../../src/lib/core/trace/inner';
import { chainRuleForms, forwardForms, localDerivativeForms, numberOperand, stepText } from '../../../src/lib/core/trace/tex';
import { DEFAULT_SIG } from '../../../src/lib/core/tex/number';
import { mulberry32 } from '../../helpers/random';
import { domainSample } from '../../helpers/op-samples';
import { contains, evalTexInterval, overlaps, splitEquation, TexEvalError, type EvalOptions, type Interval } from '../../helpers/tex-eval';

/**
 * The LaTeX says the right thing: every formula chainstep prints is evaluated back to a number
 * and compared with the number the engine computed. A parse check lets `\frac{2}{1} = 0.5`,
 * a dropped minus, σ′ written as σ or `a - b - c` for a − (b − c) through; this does not.
 */

const OPS: readonly OpSpec[] = REGISTRY;
/** Numbers substituted at full precision: a double printed at 17 digits reads back exactly. */
const FULL = 17;

function counts(op: OpSpec): number[] {
	switch (op.arity.kind) {
		case 'fixed':
			return [op.arity.n];
		case 'variadic':
			return [1, 2, 3, 5];
		case 'pairs':
			return [2, 4, 6];
	}
}

/**
 * Ops whose templates write e^{operand}, which the evaluator computes as written: no huge operands.
 * The log-sum-exp family also takes the log of such sums, and log(e^{a}) of a tiny a loses the
 * digits the engine keeps (its shifted form returns a exactly): no tiny operands either.
 */
const EXP_OF_OPERANDS = new Set(['softmax', 'logsumexp', 'log_softmax', 'cross_entropy']);
const LOG_OF_EXP = new Set(['logsumexp', 'log_softmax', 'cross_entropy']);

/** Values from the op's domain, and now and then one that prints in scientific notation or is negative. */
function sample(op: OpSpec, rand: () => number, n: number, trial: number): Float64Array {
	const x = domainSample(op, rand, n);
	// e^{1234567} overflows where the engine's shifted softmax (and log-sum-exp) does not: the template is right, the evaluation is not.
	const odd = LOG_OF_EXP.has(op.name) ? [-0.5, 2.5, -7.25] : EXP_OF_OPERANDS.has(op.name) ? [1.234e-5, -2.5e-7, -0.5] : [1.234e-5, -2.5e-7, 1234567.5, -0.5, 3e-9];
	if (trial % 4 === 3) x[trial % n] = odd[trial % odd.length];
	return x;
}

const opCases = OPS.flatMap((op) => counts(op).flatMap((n) => (op.sampleParams?.(n) ?? [0]).map((p) => [op.name, n, p, op] as [string, number, number, OpSpec])));

/** Forward value, partials and (for softmax) the sibling outputs of one op at one point. */
function evaluateOp(op: OpSpec, x: Float64Array, n: number, p: number) {
	const y = op.forward(x, n, p);
	const partials = new Float64Array(n);
	op.partials(x, n, y, p, partials);
	const sibling = (j: number) => op.forward(x, n, j);
	return { y, partials, sibling };
}

/**
 * The gates of the program being checked, as LaTeX (parameters and body, typeset independently of
 * the steps): a step's `\operatorname{sig}(1)` is read through the body the student wrote.
 */
let gates: EvalOptions['functions'];

function gatesOf(program: Program): EvalOptions['functions'] {
	return new Map(program.definitions.map((d) => [d.name.replace(/_/g, '\\_'), { params: d.params.map((p) => nameTex(p.name)), body: exprTex(d.body) }]));
}

function expectMeans(tex: string, value: number, what: string, opts: EvalOptions = {}): void {
	let range: Interval;
	try {
		range = evalTexInterval(tex, { functions: gates, ...opts });
	} catch (e) {
		throw new Error(`${what}: cannot evaluate ${tex}: ${(e as Error).message}`);
	}
	expect(contains(range, value), `${what}: ${tex} evaluates to [${range.lo}, ${range.hi}], not ${value}`).toBe(true);
}

describe('a. every registry template, with numbers substituted as the trace does, evaluates to the op', () => {
	it.each(opCases)('%s with %i inputs (param %d)', (_name, n, p, op) => {
		const rand = mulberry32(99 + n * 31 + p * 7);
		let checked = 0;
		for (let trial = 0; trial < 24; trial++) {
			const x = sample(op, rand, n, trial);
			const { y, partials, sibling } = evaluateOp(op, x, n, p);
			if (!Number.isFinite(y) || partials.some((d) => !Number.isFinite(d))) continue;
			const args = (part: 'tex' | 'partial'): TexArgs => {
				const num = numberOperand(op, part);
				return { a: Array.from(x, (v) => num(v, FULL)), y: num(y, FULL), p, sibling: (j) => num(sibling(j), FULL) };
			};
			const at = `${op.name}(${Array.from(x).join(', ')}; p=${p})`;
			expectMeans(op.tex(args('tex')), y, `forward of ${at}`);
			for (let i = 0; i < n; i++) expectMeans(op.partialTex(args('partial'), i), partials[i], `∂/∂a${i} of ${at}`);
			checked++;
		}
		expect(checked).toBeGreaterThan(12);
	});
});

describe('b. every registry template, written with names, means the op when the names hold the values', () => {
	const names = (n: number) => Array.from({ length: n }, (_, i) => `a_{${i}}`);
	it.each(opCases)('%s with %i inputs (param %d)', (_name, n, p, op) => {
		const rand = mulberry32(7 + n * 13 + p * 3);
		for (let trial = 0; trial < 12; trial++) {
			const x = sample(op, rand, n, trial);
			const { y, partials, sibling } = evaluateOp(op, x, n, p);
			if (!Number.isFinite(y) || partials.some((d) => !Number.isFinite(d))) continue;
			const env = new Map<string, number>(names(n).map((a, i) => [a, x[i]]));
			env.set('y', y);
			for (let j = 0; j < n; j++) env.set(`s_{${j}}`, sibling(j));
			const args: TexArgs = { a: names(n), y: 'y', p, sibling: (j) => `s_{${j}}` };
			const at = `${op.name}(${Array.from(x).join(', ')}; p=${p})`;
			expectMeans(op.tex(args), y, `symbolic forward of ${at}`, { names: env });
			for (let i = 0; i < n; i++) expectMeans(op.partialTex(args, i), partials[i], `symbolic ∂/∂a${i} of ${at}`, { names: env });
		}
	});

	// An inner piece written into an operand, as `inlineTex` does: bracketed when it binds more
	// weakly than the operand admits. Checks every op's prec and operandPrec against its template.
	const inner = OPS.filter((o) => o.arity.kind === 'fixed' && o.name !== 'id');
	const outer = OPS.filter((o) => o.arity.kind === 'fixed');
	it.each(outer.map((o) => [o.name, o] as [string, OpSpec]))('%s: a compound operand keeps its meaning', (_name, op) => {
		const n = (op.arity as { n: number }).n;
		const rand = mulberry32(4242);
		for (const piece of inner) {
			const m = (piece.arity as { n: number }).n;
			for (let k = 0; k < n; k++) {
				for (const p of op.sampleParams?.(n).slice(0, 2) ?? [0]) {
					const q = piece.sampleParams?.(m)[0] ?? 0;
					const bx = sample(piece, rand, m, 0);
					const by = piece.forward(bx, m, q);
					const x = sample(op, rand, n, 0);
					x[k] = by;
					const y = op.forward(x, n, p);
					if (!Number.isFinite(y) || !Number.isFinite(by)) continue;
					const env = new Map<string, number>();
					const a = Array.from(x, (v, i) => (env.set(`a_{${i}}`, v), `a_{${i}}`));
					const b = Array.from(bx, (v, i) => (env.set(`b_{${i}}`, v), `b_{${i}}`));
					const pieceTex = piece.tex({ a: b, y: 'z', p: q, sibling: () => 'z' });
					a[k] = piece.prec < (op.operandPrec?.(k) ?? 0) ? `\\left(${pieceTex}\\right)` : pieceTex;
					expectMeans(op.tex({ a, y: 'y', p, sibling: () => 'y' }), y, `${op.name} with ${piece.name} as input ${k}`, { names: env });
				}
			}
		}
	});
});

/** Programs whose LaTeX needs brackets, signs and fractions in the right places. */
const handwritten: [string, string][] = [
	['an element of a softmax, as a loss', 'q = [1, 2, 3]\np = softmax(q)\nL = -log(p[2])\n'],
	['elements of a matrix and a product', 'W = [[1, 2], [3, 4]]\nx = [1, -1]\nh = W @ x\nf = h[1]^2 + W[0, 1] * softmax(x)[0]\n'],
	['a - (b - c)', 'a = 2\nb = 5\nc = 7\nf = a - (b - c)\n'],
	['a - (b - c), named', 'a = 2\nb = 5\nc = 7\nq = b - c\nf = a - q\n'],
	['a - (b + c)', 'a = 2\nb = 5\nc = 7\nf = a - (b + c)\n'],
	['(a + b) * c', 'a = 2\nb = -5\nc = 3\nf = (a + b) * c\n'],
	['(a + b)(a - b)', 'a = 2\nb = -5\nf = (a + b)(a - b)\n'],
	['-(x + y)', 'x = 2\ny = 5\nf = -(x + y)\n'],
	['-(x * y) + x', 'x = 2\ny = -5\nf = -(x * y) + x\n'],
	['a - (-b)', 'a = 2\nb = 5\nf = a - (-b)\n'],
	['(a - b)^2', 'a = 2\nb = 5\nf = (a - b)^2\n'],
	['(-x)^2 + -x^2', 'x = 3\nf = (-x)^2 + -x^2\n'],
	['(x * y)^3', 'x = 1.5\ny = -2\nf = (x * y)^3\n'],
	['(x / y)^2', 'x = 3\ny = -2\nf = (x / y)^2\n'],
	['x^-1 + x^0.5', 'x = 2.5\nf = x^-1 + x^0.5\n'],
	['x / (y * z)', 'x = 3\ny = -2\nz = 4\nf = x / (y * z)\n'],
	['(x / y) / z', 'x = 3\ny = -2\nz = 4\nf = (x / y) / z\n'],
	['x / y / z', 'x = 3\ny = -2\nz = 4\nf = x / y / z\n'],
	['1 / (1 + exp(-x))', 'x = 0.7\nf = 1 / (1 + exp(-x))\n'],
	['2(a + b) - 3a', 'a = 2\nb = -5\nf = 2(a + b) - 3a\n'],
	['0.5(y - t)^2', 'y = 0.8\nt = 1\nE = 0.5(y - t)^2\n'],
	// Juxtaposition: a negative factor must not read as a subtraction, two numbers must not read as one.
	['exp(2(-c))', 'c = 0.5\nf = exp(2(-c))\n'],
	['2 * -x + x', 'x = 2\nf = 2 * -x + x\n'],
	['2(3) + x', 'x = 2\nf = 2(3) + x\n'],
	['x^2(3)', 'x = 2\nf = x^2(3)\n'],
	['W @ (-x)', 'W = [[1, 2], [3, 4]]\nx = [0.5, -1]\nf = sum(W @ (-x))\n'],
	['nested functions', 'x = 0.3\ny = -1.2\nf = sigmoid(tanh(x) - relu(y)) * exp(-(x - y)) + log(sqrt(abs(y)) + 1)\n'],
	['max and min of differences', 'a = 1\nb = 3\nc = -2\nf = max(a - b, c) - min(b - a, -c)\n'],
	['abs and relu of negatives', 'x = -1.5\nf = abs(x - 1) * relu(-x)\n'],
	['tiny and huge numbers', 'x = 0.00001234\ny = 2345678\nf = x * y - x / y + (x - y)^2\n'],
	['a vector sum of differences', 'a = 2\nb = 5\nc = -1\nv = [a - b, b - c, c * a]\nf = sum(v) - mean(v)\n'],
	['a dot product and a norm', 'u = [1, -2, 3]\nw = [0.5, 0.25, -1]\nf = dot(u, w) - norm2(u - w)\n'],
	['softmax cross-entropy', 'z = [1, -0.5, 2]\nt = [0, 0, 1]\nL = -sum(t * log(softmax(z)))\n'],
	// A value written twice in one consumer: one local derivative whose parts add (1 + 1, x + x, 1 - 1, 1/x - x/x²).
	['fan-out inside one line', 'c1 = 3\nx = -1.5\nv = [0.5, -2]\nc2 = c1 + c1 + 1\nf = c2 * (x * x * x) + (x - x) + x / x + dot(v, v) * max(x, x)\n'],
	[
		'the Mazur 2-2-2 network with shared biases',
		'i1 = 0.05\ni2 = 0.10\nw1 = 0.15\nw2 = 0.20\nw3 = 0.25\nw4 = 0.30\nw5 = 0.40\nw6 = 0.45\nw7 = 0.50\nw8 = 0.55\nb1 = 0.35\nb2 = 0.60\nt1 = 0.01\nt2 = 0.99\n' +
			'h1 = sigmoid(w1*i1 + w2*i2 + b1)\nh2 = sigmoid(w3*i1 + w4*i2 + b1)\no1 = sigmoid(w5*h1 + w6*h2 + b2)\no2 = sigmoid(w7*h1 + w8*h2 + b2)\nE = 0.5(t1 - o1)^2 + 0.5(t2 - o2)^2\n'
	]
];

/** Seeded random scalar programs: nested arithmetic and functions, every compound operand in brackets. */
function randomProgram(rand: () => number): string {
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
	const names = ['a', 'b', 'c', 'd'];
	let src = names.map((n) => `${n} = ${(Math.round((rand() * 6 - 3) * 100) / 100 || 0.5).toString()}\n`).join('');
	const expr = (depth: number): string => {
		if (depth === 0 || rand() < 0.25) return rand() < 0.85 ? pick(names) : pick(['2', '0.5', '3', '1.5']);
		const e = () => {
			const s = expr(depth - 1);
			return /^[\w.]+$/.test(s) ? s : `(${s})`;
		};
		switch (Math.floor(rand() * 12)) {
			case 0:
				return `${e()} + ${e()}`;
			case 1:
				return `${e()} - ${e()}`;
			case 2:
				return `${e()} * ${e()}`;
			case 3:
				return `${e()} / ${e()}`;
			case 4:
				return `-${e()}`;
			case 5:
				return `${e()}^${pick(['2', '3', '-1'])}`;
			case 6:
				return `${pick(['2', '0.5'])}${e().startsWith('(') ? e() : `(${e()})`}`;
			case 7:
				return `${pick(['sigmoid', 'tanh', 'exp', 'relu', 'abs'])}(${expr(depth - 1)})`;
			case 8:
				return `${pick(['max', 'min'])}(${expr(depth - 1)}, ${expr(depth - 1)})`;
			case 9:
				return `${pick(['log', 'sqrt'])}(abs(${expr(depth - 1)}) + 0.5)`;
			case 10:
				return `(abs(${expr(depth - 1)}) + 1)^0.5`;
			default:
				return `${e()} - (${expr(depth - 1)})`;
		}
	};
	const lines = 1 + Math.floor(rand() * 3);
	for (let k = 0; k < lines; k++) {
		const name = k === lines - 1 ? 'f' : `q${k}`;
		const e = expr(3);
		// The output is an operation, so it has steps to check.
		src += `${name} = ${/^[\w.]+$/.test(e) ? `${e} * ${pick(names)}` : e}\n`;
		names.push(name);
	}
	return src;
}

const randomPrograms: [string, string][] = (() => {
	const rand = mulberry32(20261201);
	return Array.from({ length: 60 }, (_, k) => {
		const src = randomProgram(rand);
		return [`random #${k}: ${src.trim().split('\n').slice(4).join('; ')}`, src] as [string, string];
	});
})();

const programs: [string, string][] = [...EXAMPLES.map((e) => [`example ${e.id}`, e.program] as [string, string]), ...handwritten, ...randomPrograms];

interface Meaning {
	/** Every node's LaTeX name → its value; constants print as numbers and are read as numbers. */
	readonly names: Map<string, number>;
	/** Names two different nodes share: a reader could not tell them apart. */
	readonly clashes: string[];
	/** `\frac{\partial A}{\partial B}` wherever its meaning is unambiguous. */
	readonly partial: (num: string, den: string) => number | undefined;
	/** The same, in a chain-rule product ∂out/∂o · ∂o/∂me: the first factor is the upstream gradient. */
	readonly chainPartial: (me: number) => (num: string, den: string) => number | undefined;
}

function meaningOf(t: Trace): Meaning {
	const g = t.graph;
	const names = new Map<string, number>();
	const nodeOf = new Map<string, number>();
	const clashes: string[] = [];
	for (let i = 0; i < g.size; i++) {
		if (g.kind[i] === 'const') continue;
		const tex = t.tex(i);
		const other = nodeOf.get(tex);
		if (other !== undefined && other !== i) clashes.push(`${tex}: ${t.label(other)} and ${t.label(i)}`);
		nodeOf.set(tex, i);
		names.set(tex, g.value[i]);
	}
	const out = g.output;
	/**
	 * The local derivative ∂A/∂B: B's edges into A, added. Where B appears twice in A (b * b), ∂A/∂B
	 * is the product rule's sum, b + b, never one appearance's b.
	 */
	const local = (a: number, b: number): number | undefined => {
		let sum: number | undefined;
		for (let k = g.inputStart[a]; k < g.inputStart[a + 1]; k++) if (g.inputs[k] === b) sum = (sum ?? 0) + g.local[k];
		return sum;
	};
	const lookup = (num: string, den: string) => [nodeOf.get(num), nodeOf.get(den)] as const;
	const partial = (num: string, den: string) => {
		const [a, b] = lookup(num, den);
		if (a === undefined || b === undefined) return undefined;
		if (a !== out) return local(a, b);
		if (b === out) return 1;
		// ∂out/∂b is the gradient, unless b also feeds out directly with another local slope.
		const direct = local(a, b);
		return direct === undefined || direct === g.grad[b] ? g.grad[b] : undefined;
	};
	const chainPartial = (me: number) => (num: string, den: string) => {
		const [a, b] = lookup(num, den);
		if (a === undefined || b === undefined) return undefined;
		if (b === me) return local(a, b);
		return a === out ? g.grad[b] : undefined;
	};
	return { names, clashes, partial, chainPartial };
}

/** The value `tex` stands for, or undefined when it is not scalar arithmetic over known names (a ∂, a matrix, `\cdots`). */
function tryEval(tex: string, opts: EvalOptions): Interval | undefined {
	try {
		return evalTexInterval(tex, { functions: gates, ...opts });
	} catch (e) {
		if (e instanceof TexEvalError && e.kind !== 'syntax') return undefined;
		throw e;
	}
}

/**
 * Every side of a shown equation that can be evaluated means the same number; when the left
 * side is a known quantity, that number is its value. Returns how many sides were evaluated.
 */
function checkLine(line: string, m: Meaning, sig: number, what: string): number {
	const parts = splitEquation(line);
	const opts: EvalOptions = { names: m.names, sig, partial: m.partial };
	const values = parts.map((p) => tryEval(p, opts));
	const shown = values.map((v, k) => [parts[k], v] as const).filter((x): x is readonly [string, Interval] => x[1] !== undefined);
	for (let k = 1; k < shown.length; k++)
		expect(
			overlaps(shown[0][1], shown[k][1]),
			`${what}: in ${line}\n  ${shown[0][0]} is [${shown[0][1].lo}, ${shown[0][1].hi}]\n  ${shown[k][0]} is [${shown[k][1].lo}, ${shown[k][1].hi}]`
		).toBe(true);
	return shown.length;
}

function traceOf(src: string): Trace {
	const r = run(src);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
	gates = gatesOf(r.program);
	return r.trace;
}

describe('c. every step of a real program says what its numbers are', () => {
	it.each(programs)('%s', (_name, src) => {
		const t = traceOf(src);
		const g = t.graph;
		const m = meaningOf(t);
		expect(m.clashes, 'two quantities typeset alike').toEqual([]);
		const finite = (...xs: number[]) => xs.every(Number.isFinite);
		const elided = (s: string) => s.includes('\\cdots');
		let forwardChecked = 0;
		let backwardChecked = 0;

		for (const step of t.steps) {
			// The lines as the page shows them, at the trace's digits: every evaluable side agrees.
			const lines = stepText(t, step, DEFAULT_SIG).lines;
			const evaluated = lines.map((l, k) => checkLine(l.tex, m, DEFAULT_SIG, `${step.kind} ${t.label(step.kind === 'forward' || step.kind === 'backward' ? step.node : 0)} line ${k}`));

			if (step.kind === 'forward') {
				const node = step.node;
				if (!finite(g.value[node]) || g.inputs.subarray(g.inputStart[node], g.inputStart[node + 1]).some((i) => !finite(g.value[i]))) continue;
				const what = `forward ${t.label(node)}`;
				// Substituted at full precision, the numbers give the value tightly; at the printed digits, to those digits.
				for (const sig of [FULL, DEFAULT_SIG]) {
					const f = forwardForms(t, node, sig);
					if (elided(f.num)) continue;
					expectMeans(f.num, f.value, `${what} (numbers at ${sig} digits)`, { sig: sig === FULL ? undefined : sig });
					expect(f.value).toBe(g.value[node]);
				}
				// The symbolic form with the trace's own names holding their values: catches a lost bracket.
				const f = forwardForms(t, node, DEFAULT_SIG);
				if (!elided(f.sym)) expectMeans(f.sym, g.value[node], `${what} (symbols)`, { names: m.names, sig: DEFAULT_SIG });
				expect(Math.max(0, ...evaluated), `${what}: no side of its equation could be evaluated`).toBeGreaterThanOrEqual(elided(f.num) ? 1 : 2);
				forwardChecked++;
			} else if (step.kind === 'backward') {
				const node = step.node;
				if (node === g.output || !t.live[node] || step.terms.length === 0 || !finite(g.grad[node])) continue;
				const what = `backward ${t.label(node)}`;
				const edges = Array.from(step.terms);
				if (edges.some((e) => !finite(g.local[e], g.grad[t.consumers.edgeOwner[e]]))) continue;
				for (const sig of [FULL, DEFAULT_SIG]) {
					const opts = { sig: sig === FULL ? undefined : sig };
					const c = chainRuleForms(t, node, step.terms, sig);
					if (!elided(c.num)) expectMeans(c.num, g.grad[node], `${what}: chain rule (numbers at ${sig} digits)`, opts);
					for (const e of edges) {
						const l = localDerivativeForms(t, e, sig);
						expectMeans(l.num, g.local[e], `${what}: local derivative ∂${t.label(t.consumers.edgeOwner[e])} (numbers at ${sig} digits)`, opts);
					}
				}
				const c = chainRuleForms(t, node, step.terms, DEFAULT_SIG);
				// A node read twice by one owner (d - d, b * b) is one term, its ∂ the appearances' parts added: always readable.
				const chainSym = elided(c.sym) ? undefined : tryEval(c.sym, { partial: m.chainPartial(node) });
				if (!elided(c.sym)) expect(chainSym, `${what}: ${c.sym} cannot be read`).toBeDefined();
				if (chainSym) expect(contains(chainSym, g.grad[node]), `${what}: chain rule ${c.sym} reads as [${chainSym.lo}, ${chainSym.hi}], not ${g.grad[node]}`).toBe(true);
				for (const e of edges) {
					const l = localDerivativeForms(t, e, DEFAULT_SIG);
					expectMeans(l.sym, g.local[e], `${what}: local derivative ∂${t.label(t.consumers.edgeOwner[e])} (symbols)`, { names: m.names, sig: DEFAULT_SIG });
				}
				expect(Math.max(0, ...evaluated), `${what}: no side of its equations could be evaluated`).toBeGreaterThanOrEqual(2);
				backwardChecked++;
			}
		}
		expect(forwardChecked + backwardChecked).toBeGreaterThan(0);

		// Steps one assignment at a time: the assignment as written, the element written out, the values.
		for (const step of t.groupSteps) for (const [k, l] of stepText(t, step, DEFAULT_SIG).lines.entries()) checkLine(l.tex, m, DEFAULT_SIG, `${step.kind} ${'group' in step ? g.groups[step.group].name : ''} line ${k}`);

		// What an unnamed inner node is: its definition, and a name that spells out an expression, evaluate to its value.
		for (let i = 0; i < g.size; i++) {
			if (g.kind[i] !== 'op' || g.group[i] >= 0 || !finite(g.value[i])) continue;
			const def = innerDefinition(t, i);
			if (def) checkLine(def.tex, m, DEFAULT_SIG, `definition of ${t.label(i)}`);
			const others = new Map(m.names);
			others.delete(t.tex(i));
			const v = tryEval(t.tex(i), { names: others, sig: DEFAULT_SIG });
			if (v) expect(contains(v, g.value[i]), `the name ${t.tex(i)} of ${t.label(i)} reads as [${v.lo}, ${v.hi}], not ${g.value[i]}`).toBe(true);
		}
	});
});
