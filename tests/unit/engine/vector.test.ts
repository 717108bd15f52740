import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/lib/core/program';
import type { Trace } from '../../../src/lib/core/trace/build';
import type { Step } from '../../../src/lib/core/trace/steps';
import { stepText, type TexLine } from '../../../src/lib/core/trace/tex';
import { vectorBackwardLines, vectorForwardLines } from '../../../src/lib/core/trace/vector';
import { DEFAULT_SIG } from '../../../src/lib/core/tex/number';
import { KATEX_OPTIONS } from '../../../src/lib/core/tex/katex-options';
import { EXAMPLES } from '../../../src/lib/examples/examples';
import { agree, evalMatrix, MatrixEvalError, sides, type Mat } from '../../helpers/matrix-eval';

/**
 * Vectorized group steps mean what they print: every numbers line multiplies out (the product is
 * done here, from the printed digits) to its printed result, the result of a named value's rule
 * is the graph's gradient, shapes in the text are the value's shape and multiply as they should.
 */

const example = (id: string) => EXAMPLES.find((e) => e.id === id)!.program;

/** [name, program, rules the backward step of each value must state (LaTeX fragments)] */
const programs: [string, string, Record<string, string[]>][] = [
	['norm-Wx', example('norm-Wx'), { q: ['2\\, q'], W: ['\\frac{\\partial f}{\\partial q}\\, x^{\\top}', '(2{\\times}1)(1{\\times}2) = 2{\\times}2'], x: ['W^{\\top} \\frac{\\partial f}{\\partial q}', '\\frac{\\partial q}{\\partial x} = W'] }],
	[
		'mlp-softmax',
		example('mlp-softmax'),
		{
			W1: ['\\delta_{h}\\, x^{\\top}', '(4{\\times}1)(1{\\times}3) = 4{\\times}3'],
			x: ['W_{1}^{\\top} \\delta_{h}'],
			b1: ['= \\delta_{h}'],
			h: ['W_{2}^{\\top} \\delta_{p}', '\\left(1 - h \\odot h\\right) \\odot \\frac{\\partial L}{\\partial h}', '\\mathrm{net}_{h} = W_{1} x + b_{1}'],
			p: ['\\left(\\operatorname{diag}(p) - p\\, p^{\\top}\\right) \\frac{\\partial L}{\\partial p}'],
			W2: ['\\delta_{p}\\, h^{\\top}']
		}
	],
	// q[k] reads one element: the upstream number goes to that element (e_k), 0 to the others.
	['an element picked', 'q = [1, 2, 3]\np = softmax(q)\nL = -log(p[2])\n', { p: ['\\frac{\\partial L}{\\partial p} = \\frac{\\partial L}{\\partial p_{2}}\\, e_{2} = \\begin{bmatrix}0 \\\\ 0 \\\\ -1.503\\end{bmatrix}'] }],
	['w @ x, vectors', 'w = [1, -2, 0.5]\nx = [0.3, 0.4, -1]\ns = w @ x\nL = s^2\n', { w: ['\\frac{\\partial L}{\\partial s}\\, x'], x: ['\\frac{\\partial L}{\\partial s}\\, w'] }],
	['x @ W', 'x = [0.5, -1, 2]\nW = [[1, 2], [3, -4], [0.5, 6]]\ny = x @ W\nL = sum(y)\n', { x: ['W\\, \\frac{\\partial L}{\\partial y}'], W: ['x\\, \\left(\\frac{\\partial L}{\\partial y}\\right)^{\\top}'], y: ['\\vec{1}'] }],
	['matrix @ matrix', 'A = [[1, 2], [3, 4]]\nB = [[0.5, -1, 2], [1, 0, -0.5]]\nC = A @ B\nL = ||C||^2\n', { A: ['\\frac{\\partial L}{\\partial C}\\, B^{\\top}'], B: ['A^{\\top} \\frac{\\partial L}{\\partial C}'] }],
	['scalars broadcasting', 'a = 2\nb = -0.5\nv = [1, 2, 3]\nu = a * v + b\nL = sum(u * u)\n', { a: ['v^{\\top} \\frac{\\partial L}{\\partial u}'], b: ['\\vec{1}^{\\top} \\frac{\\partial L}{\\partial u}'], v: ['a\\, \\frac{\\partial L}{\\partial u}'] }],
	['transpose', 'W = [[1, 2, 3], [4, 5, 6]]\nx = [0.5, -1]\nWt = transpose(W)\ny = Wt @ x\nz = transpose(W) @ x\nL = sum(y) + mean(z)\n', { W: ['\\left(\\frac{\\partial L}{\\partial \\mathit{Wt}}\\right)^{\\top} + \\left(\\frac{\\partial L}{\\partial W^{\\top}}\\right)^{\\top}'] }],
	['sum and mean', 'v = [1, -2, 3, 0.5]\ns = sum(v)\nm = mean(v * v)\nL = s * m\n', { s: [] }],
	['used twice', 'x = [0.2, -0.4]\nW = [[1, 2], [3, 4]]\ny = sigmoid(W @ x)\nz = tanh(W @ y)\nL = dot(y, z) + ||x||^2\n', { W: ['2 uses add', '\\frac{\\partial L}{\\partial \\mathrm{net}_{y}}'], y: [] }],
	['element-wise functions', 'x = [0.5, 1.5, 2]\ny = exp(x) / (1 + x^2)\nr = relu(y - 1)\nL = sum(sqrt(x) * r) + sum(log(x))\n', { x: [] }]
];

function traceOf(src: string): Trace {
	const r = run(src);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
	return r.trace;
}

const stripShapes = (tex: string) => tex.replace(/\\qquad \{\\scriptstyle .*\}$/, '');

/** The sides of a line that are numbers only (matrices, products, functions of them), evaluated. */
function numericSides(tex: string): Mat[] {
	const out: Mat[] = [];
	for (const side of sides(stripShapes(tex)).slice(1)) {
		try {
			out.push(evalMatrix(side, DEFAULT_SIG));
		} catch (e) {
			if (!(e instanceof MatrixEvalError)) throw e;
		}
	}
	return out;
}

const groupName = (t: Trace, s: Step) => (s.kind === 'group-forward' || s.kind === 'group-backward' ? t.graph.groups[s.group].name : '');
const shapeTex = (s: readonly number[]) => (s.length === 0 ? '\\text{a scalar}' : s.length === 1 ? `${s[0]}` : `${s[0]}{\\times}${s[1]}`);

/** `(4{\times}1)(1{\times}3) = 4{\times}3` (at a rule's end, or in its shape check): the factors' inner sizes match and make the result. */
function checkShapes(tex: string, what: string): string | undefined {
	const m = /\\qquad \{\\scriptstyle (.*) \\,=\\, ([0-9{}\\times]+)\}$/.exec(tex) ?? /\\text\{ is \}(.*) = ([0-9{}\\times]+)\\text\{, the shape of \}/.exec(tex);
	if (!m) return undefined;
	const dims = (s: string) => s.split('{\\times}').map(Number);
	const result = dims(m[2]);
	for (const term of m[1].split(' + ')) {
		const factors = [...term.matchAll(/\(([0-9{}\\times]+)\)/g)].map((f) => dims(f[1]));
		if (term.includes('\\odot')) {
			expect(factors.every((f) => f.join() === result.join()), `${what}: ${term}`).toBe(true);
			continue;
		}
		if (term.includes('^{\\top}')) continue;
		const [a, b] = factors;
		const cols = a.length === 2 ? a[1] : 1;
		const rows = b.length === 2 ? b[0] : b[0];
		expect(cols === rows || (a.length === 1 && a[0] === b[0]), `${what}: ${term} does not multiply`).toBe(true);
		const made = b.length === 2 ? (a.length === 2 && a[0] !== 1 ? [a[0], b[1]] : [b[1]]) : a.length === 2 && a[0] !== 1 ? [a[0]] : [1];
		expect(made.filter((d) => d !== 1).join(), `${what}: ${term} makes ${made}, not ${result}`).toBe(result.filter((d) => d !== 1).join());
	}
	return m[2];
}

describe('vectorized group steps say the right thing', () => {
	it.each(programs)('%s', (_name, src, rules) => {
		const t = traceOf(src);
		const g = t.graph;
		let products = 0;
		for (const step of t.groupSteps) {
			const text = stepText(t, step, DEFAULT_SIG);
			const name = groupName(t, step);
			const what = `${step.kind} ${name}`;
			for (const line of text.lines) {
				if (['rule', 'vector form', 'inside'].includes(line.caption) || / uses add$/.test(line.caption)) {
					const vals = numericSides(line.tex);
					expect(vals.length, `${what}: nothing evaluates in ${line.tex}`).toBeGreaterThan(0);
					for (const v of vals.slice(1)) expect(agree(vals[0], v), `${what}: ${line.tex}\n  ${vals[0].v} vs ${v.v}`).toBe(true);
					if (vals.length > 1) products++;
				}
				checkShapes(line.tex, `${what}: ${line.tex}`);
			}
			if (step.kind !== 'group-backward') continue;
			const grp = g.groups[step.group];
			const lines = vectorBackwardLines(t, step, DEFAULT_SIG);
			const isOutput = step.stmt === g.statements.length - 1;
			if (!isOutput && grp.ids.some((id) => t.live[id])) {
				// The rule's result is the graph's gradient of the value, in the value's shape.
				const first = lines[0];
				expect(first.caption, `${what}: no rule line`).toMatch(/^rule$| uses add$/);
				const vals = numericSides(first!.tex);
				const result = vals[vals.length - 1];
				expect(result.v.length, `${what}: result has ${result.v.length} entries`).toBe(grp.ids.length);
				if (grp.shape.length === 2) expect([result.rows, result.cols]).toEqual([...grp.shape]);
				result.v.forEach((x, k) => expect(Math.abs(x - g.grad[grp.ids[k]]) <= result.e[k] + 1e-12, `${what}: element ${k} is ${x}, the graph says ${g.grad[grp.ids[k]]}`).toBe(true));
				const check = lines.find((l) => l.caption === 'shape check');
				expect(check?.tex, what).toMatch(new RegExp(`\\\\text\\{ is \\}(.* = )?${shapeTex(grp.shape).replace(/[\\{}]/g, (c) => `\\${c}`)}\\\\text\\{, the shape of \\}`));
				const shape = checkShapes(check!.tex, `${what}: ${check!.tex}`);
				if (shape !== undefined) expect(shape).toBe(shapeTex(grp.shape));
				const uses = lines[0].caption.match(/^(\d+) uses add$/);
				if (uses) expect(sides(first.tex)[1].split(' + ').length).toBeGreaterThanOrEqual(Number(uses[1]));
			}
			for (const want of rules[grp.name] ?? []) {
				const all = lines.map((l) => `${l.caption}: ${l.tex}`).join('\n');
				expect(all, `${what} should state ${want}`).toContain(want);
			}
			// The element-wise expansion stays, one click (scalar steps) away, and the words say so.
			if (grp.ids.length > 1 && lines.length) {
				expect(text.lines.some((l) => l.caption === 'element [0]' || l.caption === 'element [0,0]'), what).toBe(true);
				expect(text.words).toMatch(/scalar steps show every element/);
			}
		}
		expect(products).toBeGreaterThan(0);
	});

	it('a scalar program keeps its scalar group steps', () => {
		const t = traceOf(example('add-mul'));
		for (const s of t.groupSteps) {
			if (s.kind === 'group-backward') expect(vectorBackwardLines(t, s, DEFAULT_SIG)).toEqual([]);
			if (s.kind === 'group-forward') expect(vectorForwardLines(t, s, DEFAULT_SIG)).toEqual([]);
		}
	});

	it('forward steps state the vector form with its shapes (q = W x, (2×2)(2) = 2)', () => {
		const t = traceOf(example('norm-Wx'));
		const q = t.groupSteps.find((s) => s.kind === 'group-forward' && groupName(t, s) === 'q')!;
		const tex = stepText(t, q).lines.map((l) => l.tex).join('\n');
		expect(tex).toContain('q = W\\, x = \\begin{bmatrix}0.1 & 0.5 \\\\ -0.3 & 0.8\\end{bmatrix}');
		expect(tex).toContain('(2{\\times}2)(2) \\,=\\, 2');
	});

	it('a wrong number is caught: the check fails on a printed product that does not multiply out', () => {
		const bad = '\\frac{\\partial f}{\\partial W} = \\frac{\\partial f}{\\partial q}\\, x^{\\top} = \\begin{bmatrix}0.44 \\\\ 0.52\\end{bmatrix} \\begin{bmatrix}0.2 & 0.4\\end{bmatrix} = \\begin{bmatrix}0.088 & 0.176 \\\\ 0.104 & 0.209\\end{bmatrix}';
		const [a, b] = numericSides(bad);
		expect(agree(a, b)).toBe(false);
	});
});

describe('KaTeX renders every line of every group step', () => {
	const all: [string, string][] = [...EXAMPLES.map((e) => [e.id, e.program] as [string, string]), ...programs.map(([n, s]) => [n, s] as [string, string])];
	it.each(all)('%s', (_name, src) => {
		const t = traceOf(src);
		const lines: TexLine[] = t.groupSteps.flatMap((s) => stepText(t, s, DEFAULT_SIG).lines);
		for (const l of lines) expect(() => katex.renderToString(l.tex, { ...KATEX_OPTIONS, throwOnError: true, displayMode: true }), l.tex).not.toThrow();
	});
});
