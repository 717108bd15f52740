import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI } from '../../setup/build-cli';

/** `--gates one|expanded` as a user runs it: the built CLI, real processes, exit codes and streams. */
const cli = (args: string[], input: string) => spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8' });

const SIGMOID = 'sig(z) = 1 / (1 + exp(-z))\nw0 = 2\nx0 = -1\nw1 = -3\nx1 = -2\nw2 = -3\nf = sig(w0*x0 + w1*x1 + w2)\n';

describe('chainstep --gates', () => {
	it('trace steps a gate call as one gate by default, and as its body’s primitive steps with --gates expanded', () => {
		const one = cli(['trace', '-'], SIGMOID);
		expect(one.status).toBe(0);
		expect(one.stdout).toContain('f is your gate sig');
		expect(one.stdout).toContain('found by the chain rule through its body 1 / (1 + exp(-z))');
		const expanded = cli(['trace', '-', '--gates', 'expanded'], SIGMOID);
		expect(expanded.status).toBe(0);
		expect(expanded.stdout).toContain('is the exponential of -(w0*x0 + w1*x1 + w2)');
		expect(expanded.stdout).not.toContain('is your gate sig');
		expect(expanded.stdout).toContain('This is a step of your gate sig (line 1), expanded into its primitive steps for the call on line 7: z stands for w0*x0 + w1*x1 + w2.');
		// Both give the lecture notes' gradients: ∂f/∂w0 = -0.20, ∂f/∂x0 = 0.39 (sig'(1) = 0.1966 times x0 = -1, w0 = 2).
		for (const out of [one.stdout, expanded.stdout]) {
			expect(out).toContain('df/dw0 = -0.1966');
			expect(out).toContain('df/dx0 = 0.3932');
		}
	});

	it('trace JSON carries the gate step’s LaTeX', () => {
		const r = cli(['trace', '-', '--format', 'json'], SIGMOID);
		expect(r.status).toBe(0);
		const j = JSON.parse(r.stdout);
		expect(JSON.stringify(j.steps)).toContain('\\\\operatorname{sig}\\\\left(z\\\\right) = \\\\frac{1}{1 + e^{-z}}');
	});

	it('export follows the mode: the handout shows the gate, or its primitive rows', () => {
		const one = cli(['export', '-', '--format', 'md'], SIGMOID);
		expect(one.status).toBe(0);
		expect(one.stdout).toContain('\\operatorname{sig}\\left(z\\right) = \\frac{1}{1 + e^{-z}}');
		const expanded = cli(['export', '-', '--format', 'md', '--gates', 'expanded'], SIGMOID);
		expect(expanded.status).toBe(0);
		expect(expanded.stdout).not.toContain('\\operatorname{sig}');
		expect(expanded.stdout).toContain('e^{-1}');
	});

	it('a bad --gates value is a usage error; a broken gate is a program error at its place', () => {
		const bad = cli(['trace', '-', '--gates', 'fused'], SIGMOID);
		expect(bad.status).toBe(2);
		expect(bad.stderr).toContain('--gates must be one');
		const broken = cli(['trace', '-'], 'sig(z) = 1 / (1 + exp(-x))\nx = 1\nf = sig(x)\n');
		expect(broken.status).toBe(1);
		expect(broken.stderr).toContain('stdin:1:24 x is not a parameter of sig');
	});
});
