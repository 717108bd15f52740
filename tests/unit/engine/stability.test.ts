import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/lib/examples/examples';
import { run } from '../../../src/lib/core/program';
import type { Trace } from '../../../src/lib/core/trace/build';
import { stepText } from '../../../src/lib/core/trace/tex';

/**
 * Numbers never hidden: a step showing a NaN or an infinity says where it started (line:col)
 * and why, and a naive composition names its stable form with the value that form gives.
 * Every line:col below is found in the program text by the test (indexOf), and every stable
 * value is worked out by hand in a comment.
 */

function traceOf(program: string): Trace {
	const r = run(program);
	if (!r.ok) throw new Error(r.errors[0].message);
	return r.trace;
}

/** The words of the step titled `title`; `group` looks among the one-assignment-at-a-time steps. */
function words(program: string, title: string, group = false): string {
	const t = traceOf(program);
	const texts = (group ? t.groupSteps : t.steps).map((s) => stepText(t, s));
	const hit = texts.find((x) => x.title === title);
	if (!hit) throw new Error(`no step ${title} in ${texts.map((x) => x.title).join(', ')}`);
	return hit.words;
}

/** `line:col` of the first `text` on line `line` (1-based) of `program`. */
function at(program: string, line: number, text: string): string {
	const col = program.split('\n')[line - 1].indexOf(text);
	if (col < 0) throw new Error(`${text} not on line ${line}`);
	return `${line}:${col + 1}`;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const LOG_SIGMOID = 'x = -800\nf = log(sigmoid(x))\n';
const CE = 'z = [700, 705.5, -690]\ny = [0, 1, 0]\nL = -sum(y * log(softmax(z)))\n';
const SOFTPLUS = 'x = 800\nf = log(1 + exp(x))\n';
const LSE = 'v = [1000, 1000]\nf = log(sum(exp(v)))\n';
const LSE2 = 'a = 1000\nb = 1000\nf = log(exp(a) + exp(b))\n';
const SIGMOID_BY_HAND = 'x = 800\nf = exp(x) / (1 + exp(x))\n';
const SIGMOID_NAMED = 'x = 800\ne = exp(x)\np = e / (1 + e)\nf = p * 2\n';

describe('a naive composition that rounds names its stable form', () => {
	// log σ(−800) = −800 − log(1 + e^{−800}) = −800 in doubles; its slope σ(800) = 1.
	// softmax(z)[2] = e^{−1395.5}/(1 + e^{−5.5}) rounds to 0; log_softmax(z)[2] = −690 − 705.5 − log(1 + e^{−5.5}) = −1395.504…
	// and the cross-entropy with y = [0, 1, 0] is log(1 + e^{−5.5}) = 0.0040784… (5 digits: 0.0040784).
	// log(e^{1000} + e^{1000}) = 1000 + log 2 = 1000.693… (1000.7); softplus(800) = 800 + log(1 + e^{−800}) = 800, slope σ(800) = 1.
	const cases: [string, string, string, boolean, RegExp[]][] = [
		['log(sigmoid(x)), forward', LOG_SIGMOID, 'Forward · f', false, [
			/Here: log of 0 is −∞ \(its input sigmoid\(x\) is 0\)\./,
			/sigmoid\(-800\) rounds to 0 in float64, so log gives −∞ and the gradient ∂f\/∂x is NaN; log_sigmoid\(x\) computes the same value stably \(-800, gradient ≈ 1\)\./
		]],
		['log(sigmoid(x)), where the gradient becomes ∞', LOG_SIGMOID, 'Backward · sigmoid(x)', false, [
			/Here: the local derivative ∂f\/∂sigmoid\(x\) is ∞ \(the slope 1\/x of log is ∞ at x = 0, and sigmoid\(x\) = 0\)\./,
			/log_sigmoid\(x\) computes the same value stably \(-800, gradient ≈ 1\)/
		]],
		['log(sigmoid(x)), where it becomes NaN', LOG_SIGMOID, 'Backward · x', false, [
			new RegExp(`Here: ∞ · 0 is undefined: the upstream gradient ∂f/∂sigmoid\\(x\\) is ∞ and the local derivative ∂sigmoid\\(x\\)/∂x is 0; the ∞ started at ∂f/∂sigmoid\\(x\\), line ${at(LOG_SIGMOID, 2, 'sigmoid')}`),
			/log_sigmoid\(x\) computes the same value stably/
		]],
		['log(softmax(z)), the element that rounds', CE, 'Forward · log(softmax(z))[2]', false, [
			/softmax\(z\)\[2\] rounds to 0 in float64/,
			/log_softmax\(z\)\[2\] = z\[2\] − logsumexp\(z\) computes the same value stably \(-1395\.5\)/,
			/for the cross-entropy -sum\(y \* log\(softmax\(z\)\)\) write cross_entropy\(z, y\), which gives 0\.0040784/
		]],
		['-sum(y * log(softmax(z))), the loss', CE, 'Forward · L', false, [
			new RegExp(
				`It started at \\(y \\* log\\(softmax\\(z\\)\\)\\)\\[2\\], line ${at(CE, 3, 'y *')}: 0 · ∞ is undefined \\(one factor is 0, another −∞\\); ` +
					`the −∞ came from log\\(softmax\\(z\\)\\)\\[2\\], line ${at(CE, 3, 'log(')}: log of 0 is −∞`
			),
			/Writing cross_entropy\(z, y\) \(or log_softmax\(z\)\) instead avoids this\./
		]],
		['-sum(y * log(softmax(z))), where its gradient becomes NaN', CE, 'Backward · softmax(z)[2]', false, [
			/Here: 0 · ∞ is undefined: the upstream gradient ∂L\/∂log\(softmax\(z\)\)\[2\] is 0 and the local derivative ∂log\(softmax\(z\)\)\[2\]\/∂softmax\(z\)\[2\] is ∞/,
			/write cross_entropy\(z, y\), which gives 0\.0040784/
		]],
		['-sum(y * log(softmax(z))), a logit downstream', CE, 'Backward · z[0]', false, [
			new RegExp(`It started at ∂L/∂softmax\\(z\\)\\[2\\], line ${at(CE, 3, 'softmax')}: 0 · ∞ is undefined`),
			/Writing cross_entropy\(z, y\) \(or log_softmax\(z\)\) instead avoids this\./
		]],
		['a named softmax, as the MLP example writes it', 'z = [700, 705.5, -690]\ny = [0, 1, 0]\np = softmax(z)\nL = -sum(y * log(p))\n', 'Forward · L', false, [
			/Writing cross_entropy\(z, y\) \(or log_softmax\(z\)\) instead avoids this\./
		]],
		['log(sum(exp(v)))', LSE, 'Forward · f', false, [
			new RegExp(`It started at exp\\(v\\)\\[0\\], line ${at(LSE, 2, 'exp')}: exp overflows: e\\^1000 is beyond the largest double`),
			/logsumexp\(v\) = max \+ log Σ e\^\(v − max\) computes the same value stably \(1000\.7\)/
		]],
		['log(exp(a) + exp(b))', LSE2, 'Forward · f', false, [/logsumexp\(\[a, b\]\) = max \+ log Σ e\^\(v − max\) computes the same value stably \(1000\.7\)/]],
		['log(1 + exp(x)), forward', SOFTPLUS, 'Forward · f', false, [/exp\(800\) overflows to ∞ in float64, so 1 \+ exp gives ∞ and log gives ∞ and the gradient ∂f\/∂x is NaN; softplus\(x\) = max\(x, 0\) \+ log\(1 \+ e\^−\|x\|\) computes the same value stably \(800, gradient ≈ 1\)/]],
		['log(1 + exp(x)), backward', SOFTPLUS, 'Backward · x', false, [
			/Here: 0 · ∞ is undefined: the upstream gradient ∂f\/∂exp\(x\) is 0 and the local derivative ∂exp\(x\)\/∂x is ∞ \(it is computed from exp\(x\) = ∞, which came from exp\(x\)/,
			/softplus\(x\) = max\(x, 0\)/
		]],
		// σ(800) = 1 / (1 + e^{−800}) = 1 in doubles; e^{800} overflows, so e^x / (1 + e^x) is ∞/∞.
		['exp(x) / (1 + exp(x)), forward', SIGMOID_BY_HAND, 'Forward · f', false, [
			/exp\(800\) overflows to ∞ in float64, so the division is ∞ \/ ∞ = NaN and the gradient ∂f\/∂x is NaN; sigmoid\(x\) = 1 \/ \(1 \+ e\^−x\) computes the same value stably \(1\)/
		]],
		['σ by hand with a named exponential, further along', SIGMOID_NAMED, 'Forward · f', false, [/Writing sigmoid\(x\) instead avoids this\./]],
		['log(sigmoid(x)), one assignment at a time', LOG_SIGMOID, 'Forward · f', true, [/At f: log of 0 is −∞.*log_sigmoid\(x\) computes the same value stably \(-800, gradient ≈ 1\)/]],
		['log(sigmoid(x)), one assignment at a time, backward', LOG_SIGMOID, 'Backward · x', true, [/At ∂f\/∂x: ∞ · 0 is undefined.*log_sigmoid\(x\) computes the same value stably/]]
	];
	it.each(cases)('%s', (_name, program, title, group, says) => {
		const w = words(program, title, group);
		for (const re of says) expect(w).toMatch(re);
	});
});

describe('every non-finite number keeps its cause, with its line:col', () => {
	const SQRT = 'x = -1\ny = sqrt(x)\nf = 2 * y\n';
	const DIV = 'a = 1\nb = 0\nq = a / b\nf = q + 1\n';
	const EXP = 'x = 1000\nf = exp(x) * 2\n';
	const ZERO_INF = 'x = 1000\ny = 0\nf = y * exp(x)\n';
	const STEEP = 'a = 0\nx = a * 1\nq = sqrt(x)\nf = 3 * q\n';
	const cases: [string, string, string, RegExp][] = [
		['√ of a negative, inherited', SQRT, 'Forward · f', new RegExp(`It started at y, line ${at(SQRT, 2, 'sqrt')}: the square root of a negative number is undefined \\(its input x is -1\\)\\.`)],
		['√ of a negative, where its gradient is NaN', SQRT, 'Backward · x', /Here: the local derivative ∂y\/∂x is NaN \(it is computed from y = NaN, which came from y, line 2:5: the square root of a negative number/],
		['division by 0, inherited', DIV, 'Forward · f', new RegExp(`It started at q, line ${at(DIV, 3, 'a /')}: division by 0 \\(b is 0\\)\\.`)],
		['0/0', 'a = 0\nb = 0\nf = a / b\n', 'Forward · f', /Here: 0\/0 is undefined \(b is 0\)\./],
		['exp overflow, inherited', EXP, 'Forward · f', new RegExp(`It started at exp\\(x\\), line ${at(EXP, 2, 'exp')}: exp overflows: e\\^1000 is beyond the largest double`)],
		['∞ − ∞', 'x = 1000\nf = exp(x) - exp(x)\n', 'Forward · f', /Here: ∞ − ∞ is undefined; the ∞ came from v1, line 2:5: exp overflows/],
		['∞ − ∞ in a gradient', 'x = 1000\nf = exp(x) - exp(x)\n', 'Backward · x', /Here: ∞ − ∞ is undefined: one use passes back ∞ and another −∞\./],
		['0 · ∞, and where the ∞ came from', ZERO_INF, 'Forward · f', new RegExp(`Here: 0 · ∞ is undefined \\(one factor is 0, another ∞\\); the ∞ came from exp\\(x\\), line ${at(ZERO_INF, 3, 'exp')}: exp overflows`)],
		['an unbounded slope', 'x = 0\nq = sqrt(x)\nf = q * 3\n', 'Backward · x', /Here: the local derivative ∂q\/∂x is ∞ \(the slope 1\/\(2√x\) of √ is ∞ at x = 0, and x = 0\)\./],
		['an unbounded slope, further down', STEEP, 'Backward · a', new RegExp(`It started at ∂f/∂x, line ${at(STEEP, 2, 'a *')}: the local derivative ∂q/∂x is ∞`)],
		['0 to a negative power', 'x = 0\nf = x^-1 + 1\n', 'Forward · f', /It started at .*, line 2:5: division by 0/]
	];
	it.each(cases)('%s', (_name, program, title, says) => {
		expect(words(program, title)).toMatch(says);
	});
});

describe('no note when nothing overflowed', () => {
	const quiet = /Here:|It started at|computes the same value stably|instead avoids this|Warning/;
	const programs: [string, string][] = [
		['add-mul', 'x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n'],
		['log(sigmoid(x)) that does not round', 'x = -3\nf = log(sigmoid(x))\n'],
		['cross-entropy through softmax at small logits', 'z = [0.5, -1, 2]\ny = [0, 1, 0]\nL = -sum(y * log(softmax(z)))\n'],
		['log_sigmoid(-800)', 'x = -800\nf = log_sigmoid(x)\n'],
		['softplus(800)', 'x = 800\nf = softplus(x)\n'],
		['logsumexp([1000, 1000])', 'v = [1000, 1000]\nf = logsumexp(v)\n'],
		['log_softmax of huge logits', 'z = [700, 705.5, -690]\nf = sum(log_softmax(z))\n'],
		['cross_entropy of huge logits', 'z = [700, 705.5, -690]\ny = [0, 1, 0]\nL = cross_entropy(z, y)\n']
	];
	it.each(programs)('%s', (_name, program) => {
		const t = traceOf(program);
		for (const s of [...t.steps, ...t.groupSteps]) expect(stepText(t, s).words, stepText(t, s).title).not.toMatch(quiet);
		const g = t.graph;
		for (let i = 0; i < g.size; i++) expect(Number.isFinite(g.value[i]) && Number.isFinite(g.grad[i]), t.label(i)).toBe(true);
	});

	it('the stable forms give the values the naive ones cannot', () => {
		// log σ(−800) = −800 with slope 1; −Σ y log softmax(z) = log(1 + e^{−5.5}) with ∂/∂z = softmax(z) − y.
		const ls = traceOf('x = -800\nf = log_sigmoid(x)\n').graph;
		expect(ls.value[ls.output]).toBe(-800);
		expect(ls.grad[0]).toBe(1);
		const ce = traceOf('z = [700, 705.5, -690]\ny = [0, 1, 0]\nL = cross_entropy(z, y)\n').graph;
		const L = Math.log1p(Math.exp(-5.5));
		expect(ce.value[ce.output]).toBeCloseTo(L, 14);
		const s0 = Math.exp(-5.5) / (1 + Math.exp(-5.5));
		const s1 = 1 / (1 + Math.exp(-5.5));
		const z = ce.groups.find((grp) => grp.name === 'z')!.ids;
		const want = [s0, s1 - 1, 0];
		for (let k = 0; k < 3; k++) expect(ce.grad[z[k]]).toBeCloseTo(want[k], 14);
	});
});

describe('the stable log-likelihood example', () => {
	const ex = EXAMPLES.find((e) => e.id === 'stable-log-likelihood')!;
	it('stays finite where it matters and says why its naive lines do not', () => {
		const t = traceOf(ex.program);
		const g = t.graph;
		// ½ (cross_entropy(z, y) − log_sigmoid(−800)) with y = [0.05, 0.9, 0.05]: the cross-entropy is
		// Σ y_k (lse(z) − z_k) = L + 0.05 · 5.5 + 0.05 · 1395.5 with L = log(1 + e^{−5.5}), i.e. 70.054…; so (70.054… + 800) / 2.
		const ceValue = Math.log1p(Math.exp(-5.5)) + 0.05 * 1401;
		expect(g.value[g.output]).toBeCloseTo((ceValue + 800) / 2, 10);
		const group = (title: string) => stepText(t, t.groupSteps.find((s) => stepText(t, s).title === title)!).words;
		expect(group('Forward · naive')).toMatch(new RegExp(esc('log_sigmoid(x) computes the same value stably (-800, gradient ≈ 1)')));
		expect(group('Forward · naive_ce')).toMatch(new RegExp(esc(`write cross_entropy(z, [0.05, 0.9, 0.05]), which gives ${+ceValue.toPrecision(5)}`)));
		expect(group('Forward · L')).not.toMatch(/Warning/);
	});
});
