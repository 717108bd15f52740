import { assertNever } from '../language/ast.ts';
import { run } from '../program.ts';
import type { Trace } from '../trace/build.ts';
import { randomProgram, type Difficulty } from './generate.ts';
import { isFairProblem } from './health.ts';
import { leafLiterals, rewriteLeaves } from './leaves.ts';
import { streamOf } from './random.ts';

export { LEVELS, type Difficulty, type Level } from './generate.ts';

/** Where a practice problem comes from. */
export type ProblemKind =
	/** The program exactly as given. */
	| { readonly kind: 'as-is' }
	/** The same program with new nice leaf values. */
	| { readonly kind: 'new-values' }
	/** A program drawn from a small grammar of the language's ops. */
	| { readonly kind: 'random'; readonly difficulty: Difficulty };

export interface Problem {
	readonly program: string;
	readonly trace: Trace;
}

const ATTEMPTS = 200;

/**
 * The same program with new leaf values. Draws until every value is finite, no op sits at a
 * kink and the gradients pass the finite-difference check; undefined if the program does not
 * run, has no leaves, or no draw is fair (e.g. log of a leaf that is always drawn negative).
 */
export function withNewValues(program: string, seed: number): Problem | undefined {
	const base = run(program);
	if (!base.ok) return undefined;
	const literals = leafLiterals(base.trace);
	if (literals.length === 0) return undefined;
	const rng = streamOf(seed, 'leaves');
	for (let i = 0; i < ATTEMPTS; i++) {
		const text = rewriteLeaves(program, literals, rng);
		if (text === program) continue;
		const r = run(text);
		if (r.ok && isFairProblem(r.trace)) return { program: text, trace: r.trace };
	}
	return undefined;
}

/** Same kind, same base and same seed: the same problem, on every machine. */
export function makeProblem(base: string, kind: ProblemKind, seed: number): Problem | undefined {
	switch (kind.kind) {
		case 'as-is': {
			const r = run(base);
			return r.ok ? { program: base, trace: r.trace } : undefined;
		}
		case 'new-values':
			return withNewValues(base, seed);
		case 'random':
			{
			const d = kind.difficulty;
			// The difficulty is part of the stream's name, so easy and hard for one seed are unrelated draws.
			return randomProgram(d, streamOf(seed, `program:${d.nodes}:${d.fanOut}:${d.vectors}`));
		}
		default:
			return assertNever(kind);
	}
}
