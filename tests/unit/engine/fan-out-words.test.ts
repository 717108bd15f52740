import { describe, expect, it } from 'vitest';
import { buildHandout, type BackwardCells, type Handout } from '../../../src/lib/core/handout/model';
import { handoutMarkdown } from '../../../src/lib/core/handout/markdown';
import { run } from '../../../src/lib/core/program';
import type { Trace } from '../../../src/lib/core/trace/build';
import { stepText, type StepText } from '../../../src/lib/core/trace/tex';
import { evalTex, splitEquation } from '../../helpers/tex-eval';

/**
 * Fan-out inside one line, as a student reads it. A value written twice in one consumer
 * (c1 + c1, x * x, dot(v, v)) is one use of that consumer: one local-derivative row whose parts
 * add (1 + 1, the product rule's x + x) and one chain-rule term. A value read by two different
 * consumers (w*x + w, in one line or across lines) is two uses: two rows, two terms. The page's
 * step, the assignment step and both handout granularities say the same.
 *
 * Expected numbers are hand derivatives, worked in the comments.
 */
interface Case {
	readonly name: string;
	readonly program: string;
	/** The scalar node whose backward step is read. */
	readonly node: string;
	/** The named value whose assignment step and row are read. */
	readonly group: string;
	/** Per use (consumer), in the order the chain rule lists them: its local derivative and how many times the node appears in it. */
	readonly uses: readonly { readonly local: number; readonly appears: number }[];
	/** ∂output/∂node, by hand. */
	readonly grad: number;
	/** ∂output/∂(first element of `group`), where the assignment's rows show another element than `node`. */
	readonly groupGrad?: number;
	/** Words of the scalar step that must be there, and the assignment step's. */
	readonly says: RegExp;
	readonly groupSays: RegExp;
}

const cases: Case[] = [
	{
		// c2 = 2·c1 + 1: ∂c2/∂c1 = 2, through the one node (c1 + c1) whose local derivative is 1 + 1.
		name: 'c1 + c1 inside one line',
		program: 'c1 = 3\nc2 = c1 + c1 + 1\n',
		node: 'c1',
		group: 'c1',
		uses: [{ local: 2, appears: 2 }],
		grad: 2,
		says: /c1 appears twice in \(c1 \+ c1\), so the local derivative ∂\(c1 \+ c1\)\/∂c1 adds one part per appearance.*: 1 \+ 1 = 2\. For a sum each part is 1\./,
		groupSays: /^c1 appears twice in the line of c2, so its gradient adds up what each use passes back\./
	},
	{
		// The same line under another: f = 2 c2 = 4 c1 + 2, so ∂f/∂c1 = 4 = 2 (upstream at c1 + c1) · 2.
		name: 'c1 + c1 inside a line that is not the output',
		program: 'c1 = 3\nc2 = c1 + c1 + 1\nf = 2 * c2\n',
		node: 'c1',
		group: 'c1',
		uses: [{ local: 2, appears: 2 }],
		grad: 4,
		says: /c1 feeds \(c1 \+ c1\), so ∂f\/∂c1 is ∂f\/∂\(c1 \+ c1\) times ∂\(c1 \+ c1\)\/∂c1.*1 \+ 1 = 2/,
		groupSays: /^c1 appears twice in the line of c2/
	},
	{
		// d(x·x)/dx = x + x = 2x = -6 at x = -3: the product rule, not two rows "∂f/∂x = x".
		name: 'x * x (the product rule)',
		program: 'x = -3\nf = x * x\n',
		node: 'x',
		group: 'x',
		uses: [{ local: -6, appears: 2 }],
		grad: -6,
		says: /x appears twice in f.*: -3 \+ \(-3\) = -6\. This is the product rule/,
		groupSays: /^x appears twice in the line of f/
	},
	{
		// d(x + x)/dx = 1 + 1 = 2.
		name: 'x + x',
		program: 'x = 5\nf = x + x\n',
		node: 'x',
		group: 'x',
		uses: [{ local: 2, appears: 2 }],
		grad: 2,
		says: /x appears twice in f.*: 1 \+ 1 = 2/,
		groupSays: /^x appears twice in the line of f/
	},
	{
		// dot(v, v) = v0² + v1²: ∂/∂v1 = v1 + v1 = 2·2 = 4, one row (the dot node reads v1 twice).
		name: 'dot(v, v)',
		program: 'v = [1, 2]\nf = dot(v, v)\n',
		node: 'v[1]',
		group: 'v',
		uses: [{ local: 4, appears: 2 }],
		grad: 4,
		// The assignment rows show element v[0]: 2·1 = 2.
		groupGrad: 2,
		says: /v\[1\] appears twice in f.*: 2 \+ 2 = 4\. This is the product rule/,
		groupSays: /^v appears twice in the line of f/
	},
	{
		// x·x·x = (x·x)·x: (x·x) reads x twice (local 2x = 4), f reads x once (local x·x = 4);
		// 3x² = 12 = 2 · 4 (upstream x = 2 at (x*x)) + 1 · 4.
		name: 'x * x * x',
		program: 'x = 2\nf = x * x * x\n',
		node: 'x',
		group: 'x',
		uses: [
			{ local: 4, appears: 2 },
			{ local: 4, appears: 1 }
		],
		grad: 12,
		says: /x is used 2 times \(by \(x \* x\) and f\).*x appears twice in \(x \* x\).*: 2 \+ 2 = 4/,
		groupSays: /^x appears 3 times in the line of f/
	},
	{
		// f = w·x + w: ∂f/∂w = x + 1 = 4, two consumers: (w*x) with local x = 3, f with local 1.
		name: 'w*x + w inside one line',
		program: 'w = 2\nx = 3\nf = w*x + w\n',
		node: 'w',
		group: 'w',
		uses: [
			{ local: 3, appears: 1 },
			{ local: 1, appears: 1 }
		],
		grad: 4,
		says: /w is used 2 times \(by \(w\*x\) and f\).*In the term ∂f\/∂f · ∂f\/∂w, ∂f\/∂w is the local derivative \(1\).*the gradient ∂f\/∂w on the left \(4\) adds up every path/,
		groupSays: /^w appears twice in the line of f/
	},
	{
		// The same function across two lines: the same two uses, named a and f.
		name: 'w*x + w across lines',
		program: 'w = 2\nx = 3\na = w*x\nf = a + w\n',
		node: 'w',
		group: 'w',
		uses: [
			{ local: 3, appears: 1 },
			{ local: 1, appears: 1 }
		],
		grad: 4,
		says: /w is used 2 times \(by a and f\)/,
		groupSays: /^w is read by a and f, so its gradient adds up what each passes back\.$/
	}
];

function traceOf(src: string): Trace {
	const r = run(src);
	if (!r.ok) throw new Error(r.errors[0].message);
	return r.trace;
}

function scalarStep(t: Trace, label: string): StepText {
	const hit = t.steps.map((s) => stepText(t, s)).find((x) => x.title === `Backward · ${label}`);
	if (!hit) throw new Error(`no backward step of ${label}`);
	return hit;
}

function groupStep(t: Trace, name: string): StepText {
	const s = t.groupSteps.find((x) => x.kind === 'group-backward' && t.graph.statements[x.stmt].name === name);
	if (!s) throw new Error(`no assignment step of ${name}`);
	return stepText(t, s);
}

/**
 * A chain rule `lhs = sym = num = value`: the terms of the numbers side each evaluated (upstream ·
 * local), their sum, and the printed value. The test programs print no `+` inside a number.
 */
function chainTerms(line: string): { terms: number[]; value: number; symTerms: number } {
	const parts = splitEquation(line);
	const num = parts[parts.length - 2];
	// A symbolic term is ∂out/∂o · ∂o/∂x: one junction of two fractions each (a name may hold a +, as (c1 + c1) does).
	return { terms: num.split(' + ').map((x) => evalTex(x)), value: evalTex(parts[parts.length - 1]), symTerms: parts[1].split('}\\frac{\\partial').length - 1 };
}

/** `∂o/∂x = parts = numbers = value`: the value is the last side; the parts are the terms of the symbolic side. */
function localParts(line: string): { parts: number; value: number } {
	const sides = splitEquation(line);
	return { parts: sides.length > 2 ? sides[1].split(/ [+-] /).length : 1, value: evalTex(sides[sides.length - 1]) };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('fan-out inside one line, in the page\'s scalar step', () => {
	it.each(cases.map((c) => [c.name, c] as [string, Case]))('%s', (_n, c) => {
		const step = scalarStep(traceOf(c.program), c.node);
		const locals = step.lines.filter((l) => l.caption.startsWith('local derivative'));
		// One row per consumer, never two identical rows for one consumer.
		expect(locals.length).toBe(c.uses.length);
		expect(new Set(locals.map((l) => l.tex)).size).toBe(locals.length);
		locals.forEach((l, k) => {
			const p = localParts(l.tex);
			expect(p.value, l.tex).toBe(c.uses[k].local);
			if (c.uses[k].appears > 1) expect(p.parts, `${l.tex}: one part per appearance`).toBe(c.uses[k].appears);
		});
		const chain = chainTerms(step.lines.find((l) => l.caption === 'chain rule')!.tex);
		// One term per use; the terms add to the printed gradient, which is the hand derivative.
		expect(chain.terms.length).toBe(c.uses.length);
		expect(chain.symTerms).toBe(c.uses.length);
		expect(sum(chain.terms)).toBe(chain.value);
		expect(chain.value).toBe(c.grad);
		expect(step.words).toMatch(c.says);
		// "used N times" counts uses (chain-rule terms), so it appears only with several consumers.
		const used = step.words.match(/is used (\d+) times/);
		expect(used ? Number(used[1]) : 1).toBe(c.uses.length);
	});
});

describe('fan-out inside one line, in the assignment step', () => {
	it.each(cases.map((c) => [c.name, c] as [string, Case]))('%s', (_n, c) => {
		const step = groupStep(traceOf(c.program), c.group);
		expect(step.words).toMatch(c.groupSays);
		// The element's chain rule is the scalar step's: the same terms.
		const line = step.lines.find((l) => l.caption === 'chain rule' || l.caption.startsWith('element'))!;
		const chain = chainTerms(line.tex);
		expect(chain.terms.length).toBe(c.uses.length);
		expect(sum(chain.terms)).toBe(chain.value);
	});
});

function rowOf(h: Handout, label: string): BackwardCells {
	const row = h.backward.find((r) => r.label === label);
	if (!row) throw new Error(`no row ${label} in ${h.backward.map((r) => r.label).join(', ')}`);
	return row;
}

describe('fan-out inside one line, in the handouts', () => {
	it.each(cases.map((c) => [c.name, c] as [string, Case]))('%s, one row per scalar node', (_n, c) => {
		const t = traceOf(c.program);
		const h = buildHandout(t, { granularity: 'scalar' });
		const row = rowOf(h, c.node);
		expect(row.locals.length).toBe(c.uses.length);
		row.locals.forEach((l, k) => expect(localParts(l).value, l).toBe(c.uses[k].local));
		const sides = splitEquation(row.chain);
		const terms = sides[sides.length - 1].split(' + ').map((x) => evalTex(x));
		expect(terms.length).toBe(c.uses.length);
		expect(sum(terms)).toBe(c.grad);
		expect(evalTex(row.gradient)).toBe(c.grad);
		// The row's note says what the page's step says about appearances and uses.
		for (const u of c.uses) if (u.appears > 1) expect(row.note).toMatch(/appears (twice|\d+ times) in .*adds one part per appearance/);
		if (c.uses.length > 1) expect(row.note).toMatch(new RegExp(`is used ${c.uses.length} times`));
		// The markdown table prints the one row's locals, joined, and the note.
		const md = handoutMarkdown(h);
		const line = md.split('\n').find((l) => l.startsWith(`| ${row.k} |`))!;
		expect(line.split(' | ')[2].split('$, $').length, line).toBe(c.uses.length);
		if (c.uses.some((u) => u.appears > 1)) expect(line).toMatch(/adds one part per appearance/);
	});

	it.each(cases.map((c) => [c.name, c] as [string, Case]))('%s, one row per assignment', (_n, c) => {
		const t = traceOf(c.program);
		const h = buildHandout(t, { granularity: 'group' });
		const row = rowOf(h, c.group);
		const sides = splitEquation(row.chain);
		const terms = sides[sides.length - 1].split(' + ').map((x) => evalTex(x));
		expect(terms.length).toBe(c.uses.length);
		expect(sum(terms)).toBe(c.groupGrad ?? c.grad);
		expect(row.locals.filter((l) => l.startsWith('\\frac{\\partial')).length).toBe(c.uses.length);
		const md = handoutMarkdown(h);
		for (const u of c.uses) if (u.appears > 1) expect(md).toMatch(/appears (twice|\d+ times) in .*adds one part per appearance/);
	});

	it('a worksheet row keeps the appearance words but quotes no number of a blank', () => {
		const t = traceOf('x = -3\nf = x * x\n');
		const h = buildHandout(t, { granularity: 'scalar', blanks: 'all-gradients' });
		const row = rowOf(h, 'x');
		expect(row.note).toMatch(/x appears twice in f/);
		expect(row.note).not.toMatch(/-6/);
	});
});

describe('words that say what each kind of node does to the gradient', () => {
	const cases: [string, string, string, RegExp, RegExp | null][] = [
		// relu has one input: nothing to route between. It passes or blocks.
		['relu blocks', 'x = -1\nf = 3 * relu(x)\n', 'x', /A ReLU node passes the upstream gradient through where its input is positive and blocks it \(passes 0\) otherwise: x = -1 is not positive, so it gets 0\./, /won/],
		['relu passes', 'x = 2\nf = 3 * relu(x)\n', 'x', /A ReLU node passes the upstream gradient through unchanged where its input is positive, as x = 2 is/, /won/],
		['abs flips', 'x = -2\nf = 3 * abs(x)\n', 'x', /multiplies it by -1 where its input is negative: x = -2 is negative, so it gets the upstream gradient times -1\./, /won|blocks/],
		// max and min have two: the winner gets it all.
		['max winner', 'y = 2\nz = 3\nf = 2 * max(y, z)\n', 'z', /A maximum node routes the whole upstream gradient to the input that won, here z = 3 \(against y = 2\); the other input gets 0\./, null],
		['max loser', 'y = 2\nz = 3\nf = 2 * max(y, z)\n', 'y', /y = 2 did not win \(against z = 3\), so it gets 0\./, null],
		['min winner', 'y = 2\nz = 3\nf = 2 * min(y, z)\n', 'y', /A minimum node routes the whole upstream gradient to the input that won, here y = 2 \(against z = 3\)/, null],
		['product', 'x = -2\ny = 5\nf = 3 * (x * y)\n', 'x', /A product node multiplies the upstream gradient by the factor x is multiplied with, here y = 5\./, null],
		['dot partner', 'u = [1, 2]\nw = [0.5, -1]\nf = 3 * dot(u, w)\n', 'u[1]', /multiplies the upstream gradient by the factor u\[1\] is multiplied with, here w\[1\] = -1\./, null],
		['sum', 'x = 1\ny = 2\nf = 3 * (x + y)\n', 'x', /A sum node passes the upstream gradient to each input unchanged: its local derivative is 1\./, null],
		['difference, second input', 'x = 1\ny = 2\nf = 3 * (x - y)\n', 'y', /A difference node multiplies the upstream gradient by a constant, here -1, so it flips its sign\./, null],
		['mean', 'v = [1, 2, 3]\nf = 3 * mean(v)\n', 'v[0]', /A mean node multiplies the upstream gradient by a constant, here 0\.3333\./, null],
		// Under the output: not "∂f/∂q is ∂f/∂f times ∂f/∂q".
		['consumer is the output', 'x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n', 'q', /q feeds the output f directly, so its gradient ∂f\/∂q is the local derivative of f with respect to q \(times the seed ∂f\/∂f = 1\)/, /∂f\/∂f times ∂f\/∂q/],
		['no pattern: sigmoid', 'x = 0\nf = 3 * sigmoid(x)\n', 'x', /x feeds sigmoid\(x\), so ∂f\/∂x is ∂f\/∂sigmoid\(x\) times ∂sigmoid\(x\)\/∂x: the upstream gradient arriving at sigmoid\(x\) times the local derivative of sigmoid\(x\)\./, /routes|won|unchanged/]
	];
	it.each(cases)('%s', (_n, program, node, says, never) => {
		const w = scalarStep(traceOf(program), node).words;
		expect(w).toMatch(says);
		if (never) expect(w).not.toMatch(never);
	});

	it('the caption keeps the local derivative of the output apart from the gradient', () => {
		const step = scalarStep(traceOf('x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n'), 'q');
		expect(step.lines.map((l) => l.caption)).toEqual(['local derivative of the output f', 'chain rule']);
		const inner = scalarStep(traceOf('x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n'), 'x');
		expect(inner.lines.map((l) => l.caption)).toEqual(['local derivative', 'chain rule']);
	});
});
