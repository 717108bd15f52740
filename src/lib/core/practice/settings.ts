import { LEVELS, type Difficulty, type Level } from './generate.ts';
import type { ProblemKind } from './problems.ts';
import { BACKWARD_ASKS, type AskSetting, type BackwardAsk } from './questions.ts';

/**
 * Everything a practice link fixes, so every student who opens it gets the same problem and
 * the same questions: `?mode=practice&example=add-mul&seed=42&ask=leaf-gradients`.
 */
export interface PracticeParams {
	readonly ask: AskSetting;
	/** What each backward step asks: `question=gradient|local|upstream|factors|mixed`. */
	readonly backward: BackwardAsk;
	readonly seed: number;
	readonly problem: ProblemKind;
}

export const DEFAULT_ASK: AskSetting = 'all-backward';
export const DEFAULT_BACKWARD: BackwardAsk = 'gradient';
export const DEFAULT_SEED = 1;
const MAX_RANDOM_ASKED = 50;
const MAX_NODES = 24;

export function parseAsk(s: string | null): AskSetting {
	if (s === 'all-backward' || s === 'all-forward' || s === 'leaf-gradients' || s === 'fan-out') return s;
	const m = /^random-(\d{1,3})$/.exec(s ?? '');
	if (m) return { random: Math.min(MAX_RANDOM_ASKED, Math.max(1, Number(m[1]))) };
	return DEFAULT_ASK;
}

export function askParam(a: AskSetting): string {
	return typeof a === 'object' ? `random-${a.random}` : a;
}

export function askLabel(a: AskSetting): string {
	if (typeof a === 'object') return `${a.random} random steps`;
	return { 'all-backward': 'every backward step', 'all-forward': 'every forward step', 'leaf-gradients': 'leaf gradients only', 'fan-out': 'fan-out nodes only' }[a];
}

export function parseBackward(s: string | null): BackwardAsk {
	return BACKWARD_ASKS.find((b) => b === s) ?? DEFAULT_BACKWARD;
}

export function backwardLabel(b: BackwardAsk): string {
	return { gradient: 'the gradient ∂f/∂x', local: 'the local derivative', upstream: 'the upstream gradient', factors: 'the chain-rule factors', mixed: 'a mix' }[b];
}

function isLevel(s: string | null): s is Level {
	return s !== null && Object.hasOwn(LEVELS, s);
}

/** A seed is a 32-bit unsigned integer; anything else in a URL falls back to the default. */
export function parseSeed(s: string | null): number | undefined {
	if (s === null || !/^\d{1,10}$/.test(s)) return undefined;
	const n = Number(s);
	return n <= 0xffffffff ? n : undefined;
}

function flag(s: string | null, fallback: boolean): boolean {
	return s === null ? fallback : s === '1' || s === 'true' || s === 'yes';
}

/**
 * `problem=as-is|values|random` (default: `values` when a seed is given, else the program as
 * written); for `random`, `level=easy|medium|hard` and the overrides `nodes`, `fanout`, `vectors`.
 */
export function parsePracticeParams(q: URLSearchParams): PracticeParams {
	const seed = parseSeed(q.get('seed'));
	const ask = parseAsk(q.get('ask'));
	const backward = parseBackward(q.get('question'));
	const p = q.get('problem');
	if (p === 'random') {
		const lv = q.get('level');
		const base: Difficulty = LEVELS[isLevel(lv) ? lv : 'easy'];
		const nodes = Number(q.get('nodes'));
		const difficulty: Difficulty = {
			nodes: Number.isInteger(nodes) && nodes >= 1 ? Math.min(MAX_NODES, nodes) : base.nodes,
			fanOut: flag(q.get('fanout'), base.fanOut),
			vectors: flag(q.get('vectors'), base.vectors)
		};
		return { ask, backward, seed: seed ?? DEFAULT_SEED, problem: { kind: 'random', difficulty } };
	}
	const kind = p === 'values' || (p !== 'as-is' && seed !== undefined) ? 'new-values' : 'as-is';
	return { ask, backward, seed: seed ?? DEFAULT_SEED, problem: { kind } };
}

/** The query parameters of a practice link, the inverse of `parsePracticeParams`. */
export function practiceQuery(p: PracticeParams): [string, string][] {
	const out: [string, string][] = [
		['seed', String(p.seed)],
		['ask', askParam(p.ask)],
		['question', p.backward]
	];
	switch (p.problem.kind) {
		case 'as-is':
			out.push(['problem', 'as-is']);
			break;
		case 'new-values':
			out.push(['problem', 'values']);
			break;
		case 'random': {
			const d = p.problem.difficulty;
			out.push(['problem', 'random'], ['nodes', String(d.nodes)], ['fanout', d.fanOut ? '1' : '0'], ['vectors', d.vectors ? '1' : '0']);
			break;
		}
	}
	return out;
}
