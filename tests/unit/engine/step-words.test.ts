import { describe, expect, it } from 'vitest';
import { run } from '../../../src/lib/core/program';
import { stepText } from '../../../src/lib/core/trace/tex';

/** The plain-words line of a step, found by its title (e.g. "Backward · q"). */
function words(program: string, title: string): string {
	const r = run(program);
	if (!r.ok) throw new Error(r.errors[0].message);
	const texts = r.trace.steps.map((s) => stepText(r.trace, s));
	const hit = texts.find((x) => x.title === title);
	if (!hit) throw new Error(`no step ${title} in ${texts.map((x) => x.title).join(', ')}`);
	return hit.words;
}

const ADD_MUL = 'x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n';
const FAN_OUT = 'a = 3\nb = 2\nc = a + b\nd = b + 1\ne = c * d\n';

describe('what each step says in words', () => {
	const cases: [string, string, string, RegExp, RegExp | null][] = [
		['add-mul', ADD_MUL, 'Backward · f', /Backprop starts at the output f/, null],
		// Under the output, the gradient is the local derivative; "∂f/∂q is ∂f/∂f times ∂f/∂q" read as circular.
		['add-mul', ADD_MUL, 'Backward · q', /q feeds the output f directly, so its gradient ∂f\/∂q is the local derivative of f with respect to q \(times the seed ∂f\/∂f = 1\)/, /∂f\/∂f times/],
		['add-mul', ADD_MUL, 'Backward · x', /x feeds q, so ∂f\/∂x is ∂f\/∂q times ∂q\/∂x: the upstream gradient arriving at q times the local derivative of q\./, /is the output/],
		['fan-out', FAN_OUT, 'Backward · b', /b is used 2 times \(by c and d\).*gradients add/, /is the output/],
		['dead value', 'u = 1\nx = 2\nf = x * x\n', 'Backward · u', /u does not feed f, so its gradient is 0/, null],
		// Non-finite values say where they come from and what to change.
		['NaN made here', 'x = -1\nf = sqrt(x)\n', 'Forward · f', /f is NaN, "not a number".*undefined at these inputs.*Change the values/, null],
		['overflow made here', 'x = 1000\nf = exp(x)\n', 'Forward · f', /f is Infinity:.*beyond the largest number/, /NaN/],
		['log of 0', 'x = 0\nf = log(x)\n', 'Forward · f', /f is -Infinity:.*log of 0/, null],
		['inherited', 'x = 0\nf = log(x)\ng = 2 * f\n', 'Forward · g', /g is -Infinity because f already is -Infinity.*spreads/, null],
		['unbounded slope', 'x = 0\nf = sqrt(x)\n', 'Backward · x', /∂f\/∂x is Infinity because the local derivative of f is Infinity here/, null],
		['inherited gradient', 'x = 0\nq = sqrt(x)\nf = q * 3\n', 'Backward · x', /because the local derivative of q/, /because the upstream/],
		['finite stays quiet', ADD_MUL, 'Forward · f', /f is the product/, /Warning/]
	];
	it.each(cases)('%s: %s', (_name, program, title, says, never) => {
		const w = words(program, title);
		expect(w).toMatch(says);
		if (never) expect(w).not.toMatch(never);
	});
});

describe('what a group step says about the inner nodes of its line', () => {
	it('the output line of the sigmoid gate names its inner nodes', () => {
		const r = run('w0 = 2\nx0 = -1\nw1 = -3\nx1 = -2\nw2 = -3\nf = 1/(1 + exp(-(w0*x0 + w1*x1 + w2)))\n');
		if (!r.ok) throw new Error('does not run');
		const step = r.trace.groupSteps.find((s) => s.kind === 'group-backward' && r.trace.graph.statements[s.stmt].name === 'f')!;
		expect(stepText(r.trace, step).words).toMatch(/passes the gradient back through the \d+ inner nodes of its line \(\(w0\*x0\), … and v2\)/);
	});
	it('a named value read once or several times says where its gradient comes from', () => {
		const one = run(ADD_MUL);
		const two = run(FAN_OUT);
		if (!one.ok || !two.ok) throw new Error('does not run');
		const words = (t: typeof one.trace, name: string) =>
			stepText(t, t.groupSteps.find((s) => s.kind === 'group-backward' && t.graph.statements[s.stmt].name === name)!).words;
		expect(words(one.trace, 'x')).toBe('x is read by q, so its gradient is what q passes back.');
		expect(words(two.trace, 'b')).toBe('b is read by c and d, so its gradient adds up what each passes back.');
	});
	it('a line with one node says nothing more', () => {
		const r = run(ADD_MUL);
		if (!r.ok) throw new Error('does not run');
		for (const s of r.trace.groupSteps) expect(stepText(r.trace, s).words).not.toMatch(/inner node/);
	});
});
