import katex from 'katex';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finiteDifferenceCheck } from '../../../src/lib/core/autodiff/fd';
import { callable, FUNCTION_NAMES, OPS } from '../../../src/lib/core/ops/registry';
import type { OpSpec } from '../../../src/lib/core/ops/spec';
import { factor } from '../../../src/lib/core/ops/tex';
import { run } from '../../../src/lib/core/program';
import { stepText } from '../../../src/lib/core/trace/tex';
import { exprTex } from '../../../src/lib/core/tex/expr';
import { parse } from '../../../src/lib/core/language/parser';
import { functionPrograms } from '../../helpers/function-programs';

/**
 * Every function a program may call, through the whole pipeline: it parses, builds, its gradients
 * agree with central finite differences of the program, every step typesets, and the docs name it.
 * A function is one registry entry: nothing here names one.
 */

const programs = functionPrograms();
const render = (tex: string) => katex.renderToString(tex, { throwOnError: true });

describe('every function a program may call', () => {
	it('has a program for every function', () => {
		const called = new Set(programs.map(([label]) => label.split(' ')[0]));
		for (const name of FUNCTION_NAMES) if (callable(name)?.kind === 'op') expect(called.has(name), name).toBe(true);
	});

	it.each(programs)('%s: runs, its gradients match finite differences, and every step typesets', (_label, src) => {
		for (const granularity of ['scalar', 'group'] as const) {
			const r = run(src);
			if (!r.ok) throw new Error(`${src}\n${r.errors.map((e) => `${e.span.line}:${e.span.col} ${e.message}`).join('\n')}`);
			const t = r.trace;
			expect(finiteDifferenceCheck(t.graph, { tol: 1e-4 }), src).toEqual([]);
			for (const step of granularity === 'scalar' ? t.steps : t.groupSteps) {
				const text = stepText(t, step);
				for (const line of text.lines) expect(() => render(line.tex), `${line.caption}: ${line.tex}`).not.toThrow();
			}
		}
	});

	it.each(OPS.filter((o) => (o as OpSpec).fn).map((o) => [o.name, o as OpSpec] as [string, OpSpec]))('%s: has a vector form of its local derivative, and it typesets', (_name, spec) => {
		expect(spec.vectorLocal, `${spec.name} has no vectorLocal`).toBeDefined();
		const n = spec.arity.kind === 'fixed' ? spec.arity.n : 2;
		for (const vec of [false, true])
			for (let j = 0; j < n; j++) {
				const tex = spec.vectorLocal!({ y: 'y', x: Array.from({ length: n }, (_, i) => `x_{${i}}`), j, vec, n: 3, p: 2, factor });
				expect(() => render(tex), tex).not.toThrow();
			}
		expect(() => render(spec.fn!.tex(['x', 'y', 'z', 'w']))).not.toThrow();
	});

	it.each(FUNCTION_NAMES.map((n) => [n]))('%s: a call is typeset as the registry says', (name) => {
		const c = callable(name)!;
		const args = c.kind === 'op' && c.spec.fn.expand === 'map' && c.spec.arity.kind === 'fixed' ? ['a', 'b', 'c', 'd'].slice(0, c.spec.arity.n) : c.kind === 'op' && c.spec.fn.expand === 'pairs' ? ['a', 'b'] : ['v'];
		const { program, errors } = parse(`f = ${name}(${args.join(', ')})\n`);
		expect(errors).toEqual([]);
		expect(() => render(exprTex(program.statements[0].expr))).not.toThrow();
	});

	it('the README lists every function', () => {
		const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
		const section = readme.slice(readme.indexOf('## The language'));
		for (const name of FUNCTION_NAMES) expect(section, `README does not name ${name}`).toMatch(new RegExp(`\\b${name}\\b`));
	});
});
