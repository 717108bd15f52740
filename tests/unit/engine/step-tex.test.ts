import { describe, expect, it } from 'vitest';
import { OPS } from '../../../src/lib/core/ops/registry';
import { run } from '../../../src/lib/core/program';
import { stepText } from '../../../src/lib/core/trace/tex';

/** The step's LaTeX lines for `x = -3` (and `y = -2`) then `f = <expr>`. */
function lines(expr: string): string[] {
	const r = run(`x = -3\ny = -2\nf = ${expr}\n`);
	if (!r.ok) throw new Error(r.errors[0].message);
	return r.trace.steps.flatMap((s) => stepText(r.trace, s).lines.map((l) => l.tex));
}

describe('negative numbers in substituted formulas', () => {
	// Where the template encloses its operand, the number goes in bare; elsewhere it gets parentheses.
	const cases: [string, string, string][] = [
		['sigmoid(x)', '\\sigma\\left(-3\\right)', 'forward'],
		['tanh(x)', '\\tanh\\left(-3\\right)', 'forward'],
		['relu(x)', '\\operatorname{relu}\\left(-3\\right)', 'forward'],
		['abs(x)', '\\left|-3\\right|', 'forward'],
		['exp(x)', 'e^{-3}', 'forward'],
		['abs(x)', '\\operatorname{sign}\\left(-3\\right)', 'local'],
		['max(x, y)', '\\max\\left(-3, -2\\right)', 'forward'],
		['x^2', '\\left(-3\\right)^{2}', 'forward'],
		['x * y', '\\left(-3\\right) \\cdot \\left(-2\\right)', 'forward'],
		['x - y', '\\left(-3\\right) - \\left(-2\\right)', 'forward'],
		['tanh(x) + 0', '1 - \\left(-0.9951\\right)^{2}', 'local']
	];
	it.each(cases)('%s writes %s', (expr, want) => {
		expect(lines(expr).some((l) => l.includes(want)), lines(expr).join('\n')).toBe(true);
	});

	it('no formula of any one-input op doubles its parentheses', () => {
		const unary = OPS.filter((o) => o.arity.kind === 'fixed' && o.arity.n === 1 && /^[a-z]+$/.test(o.name) && !['inv', 'neg', 'pow', 'id'].includes(o.name));
		expect(unary.length).toBeGreaterThan(5);
		for (const o of unary) for (const l of lines(`${o.name}(x)`)) expect(l, o.name).not.toMatch(/\\left\(\\left\(|\\left\|\\left\(/);
	});
});
