import { describe, expect, it } from 'vitest';
import { buildHandout } from '../../../src/lib/core/handout/model.ts';
import { handoutMarkdown } from '../../../src/lib/core/handout/markdown.ts';
import { run } from '../../../src/lib/core/program.ts';
import { EXAMPLES } from '../../../src/lib/examples/examples.ts';
import { NET_222 } from './fixtures.ts';

/** Every `\frac{\partial OUT}{\partial X}` in a line, as X, with nested braces kept whole. */
function gradientsIn(line: string, out: string): string[] {
	const head = `\\frac{\\partial ${out}}{\\partial `;
	const found: string[] = [];
	for (let i = line.indexOf(head); i >= 0; i = line.indexOf(head, i + 1)) {
		let depth = 1;
		let j = i + head.length;
		for (; j < line.length && depth > 0; j++) depth += line[j] === '{' ? 1 : line[j] === '}' ? -1 : 0;
		found.push(line.slice(i + head.length, j - 1));
	}
	return found;
}

/**
 * Reads a worksheet as a student does, top to bottom: a gradient is known once a line gives it
 * as a number or asks it in a box. A chain rule may only use gradients already known.
 */
function unknownNeeds(md: string, out: string): string[] {
	const lines = [...md.matchAll(/\$\$\n([\s\S]*?)\n\$\$/g)].map((m) => m[1]);
	// Scalar rows are table cells: take each `$…$` piece of the table lines too, in reading order.
	const cells = md.split('\n').filter((l) => l.startsWith('|')).flatMap((l) => l.split('|').map((c) => c.trim().replace(/^\$|\$$/g, '')));
	const known = new Set<string>([out]);
	const missing: string[] = [];
	let lastAsked: string | undefined;
	for (const l of [...cells, ...lines]) {
		const [lhs, ...rest] = l.split(' = ');
		const me = gradientsIn(lhs ?? '', out)[0];
		if (me !== undefined && lhs.trim().startsWith('\\frac') && rest.length > 0) {
			for (const need of gradientsIn(rest.join(' = '), out)) if (need !== me && !known.has(need)) missing.push(`${need} (for ${me})`);
			if (/\\boxed|[\d.]+\s*$/.test(l)) known.add(me);
			lastAsked = me;
		} else if (/^\\boxed/.test(l.trim()) && lastAsked) known.add(lastAsked);
	}
	return missing;
}

const programs: [string, string][] = [...EXAMPLES.map((e) => [e.id, e.program] as [string, string]), ['NET_222', NET_222]];
/**
 * This reader knows scalars only: a vector row asks ∂L/∂p whole, which gives p₀ and p₁, and it
 * cannot tell; and lines cut off from the output (stable-log-likelihood's naive ones) have
 * gradient 0 by definition, never asked. Those cases are left out here, not passed.
 */
const SCALAR_ONLY = (program: string) => !/\[|@|softmax|sum\(/.test(program);
describe('every quantity a worksheet blank needs is given or asked earlier on the sheet', () => {
	for (const [id, program] of programs)
		for (const granularity of ['scalar', 'group'] as const)
			if (!(id === 'stable-log-likelihood' || (granularity === 'group' && !SCALAR_ONLY(program))))
				it(`${id}, rows ${granularity}`, () => {
					const r = run(program);
					if (!r.ok) throw new Error(id);
					const h = buildHandout(r.trace, { blanks: 'all-gradients', granularity });
					expect(unknownNeeds(handoutMarkdown(h, {}), h.output.tex)).toEqual([]);
				});
});

describe('the reader itself', () => {
	it('catches a chain rule that uses a gradient the sheet never gave, and accepts one asked before', () => {
		const chain = '$$\n\\frac{\\partial f}{\\partial x} = \\frac{\\partial f}{\\partial q}\\frac{\\partial q}{\\partial x}\n$$\n';
		expect(unknownNeeds(chain, 'f')).toEqual(['q (for x)']);
		expect(unknownNeeds('$$\n\\frac{\\partial f}{\\partial q} = \\boxed{1}\n$$\n' + chain, 'f')).toEqual([]);
	});
});
