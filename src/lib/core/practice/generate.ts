import { OPS } from '../ops/registry.ts';
import type { OpSpec } from '../ops/spec.ts';
import { run } from '../program.ts';
import type { Trace } from '../trace/build.ts';
import { hasFanOut, isFairProblem } from './health.ts';
import { niceNumber, numberText } from './leaves.ts';
import { pick, randInt, shuffled, type Rng } from './random.ts';

/** How hard a generated program is. */
export interface Difficulty {
	/** Operation nodes in the scalar graph, at least. */
	readonly nodes: number;
	/** Some value is read twice, so its gradient is a sum. */
	readonly fanOut: boolean;
	/** Vector leaves and vector ops (dot, sum, @, ||·||²) before the scalar part. */
	readonly vectors: boolean;
}

export const LEVELS = {
	easy: { nodes: 3, fanOut: false, vectors: false },
	medium: { nodes: 5, fanOut: true, vectors: false },
	hard: { nodes: 8, fanOut: true, vectors: true }
} as const satisfies Record<string, Difficulty>;
export type Level = keyof typeof LEVELS;

interface Line {
	name: string;
	text: string;
}

/**
 * A candidate right-hand side. `fits` looks at the operand values the engine computed for the
 * program so far, to keep inputs off poles, kinks and saturated tails before trying the line.
 */
interface Template {
	readonly arity: 1 | 2;
	readonly text: (a: string, b: string, rng: Rng) => string;
	readonly fits: (a: number, b: number) => boolean;
}

const away = (x: number, from = 0, by = 0.1) => Math.abs(x - from) > by;
/** Functions come from the registry: each `map` function of one or two arguments that says where it fits. */
const FUNCTION_TEMPLATES: readonly Template[] = OPS.flatMap((o): Template[] => {
	const spec: OpSpec = o;
	const fits = spec.fn?.expand === 'map' ? spec.fn.practice : undefined;
	if (!fits || spec.arity.kind !== 'fixed' || (spec.arity.n !== 1 && spec.arity.n !== 2)) return [];
	return [spec.arity.n === 1 ? { arity: 1, text: (a) => `${spec.name}(${a})`, fits } : { arity: 2, text: (a, b) => `${spec.name}(${a}, ${b})`, fits }];
});
const SCALAR: readonly Template[] = [
	{ arity: 2, text: (a, b) => `${a} + ${b}`, fits: () => true },
	{ arity: 2, text: (a, b) => `${a} - ${b}`, fits: () => true },
	{ arity: 2, text: (a, b) => `${a} * ${b}`, fits: (a, b) => Math.abs(a * b) < 50 },
	{ arity: 2, text: (a, b) => `${a} * ${b}`, fits: (a, b) => Math.abs(a * b) < 50 },
	{ arity: 2, text: (a, b) => `${a} / ${b}`, fits: (_a, b) => away(b, 0, 0.5) },
	...FUNCTION_TEMPLATES,
	{ arity: 1, text: (a) => `${a}^2`, fits: (a) => Math.abs(a) < 10 },
	{ arity: 1, text: (a) => `-${a}`, fits: () => true },
	{ arity: 1, text: (a, _b, rng) => `${pick(rng, [2, 3])}${a}`, fits: (a) => Math.abs(a) < 100 }
];

/** Vector openings: vector leaves reduced to one scalar `s`. `fans` marks those that read an input twice. */
const VECTOR: readonly { fans: boolean; lines: () => Line[] }[] = [
	{ fans: false, lines: () => [{ name: 's', text: 'dot(w, x)' }] },
	{ fans: false, lines: () => [{ name: 'u', text: 'w * x' }, { name: 's', text: 'sum(u)' }] },
	{ fans: false, lines: () => [{ name: 'u', text: 'sigmoid(x + w)' }, { name: 's', text: 'mean(u)' }] },
	{ fans: false, lines: () => [{ name: 's', text: '||x - w||^2' }] },
	{ fans: true, lines: () => [{ name: 'h', text: 'tanh(W @ x)' }, { name: 's', text: '||h||^2' }] },
	{ fans: true, lines: () => [{ name: 'h', text: 'W @ x + w' }, { name: 's', text: 'sum(relu(h))' }] }
];

const SCALAR_LEAVES = ['x', 'y', 'z', 'a', 'b', 'c'];
const VECTOR_SCALAR_LEAVES = ['a', 'b', 'c'];
// Enough names for the largest setting (24 nodes): single letters first, then h1, h2, ….
const INTERMEDIATES = ['q', 'r', 'g', 'k', 'm', 'n', 'p', 'v', 'd', 'j', ...Array.from({ length: 24 }, (_, i) => `h${i + 1}`)];

const textOf = (lines: readonly Line[]) => lines.map((l) => `${l.name} = ${l.text}`).join('\n') + '\n';

function vectorLiteral(rng: Rng, n: number): string {
	return `[${Array.from({ length: n }, () => numberText(niceNumber(rng, 0.5))).join(', ')}]`;
}

/** The value of each named scalar of a program, as the engine computed it. */
function scalarValues(t: Trace): Map<string, number> {
	const out = new Map<string, number>();
	for (const g of t.graph.groups) if (g.shape.length === 0) out.set(g.name, t.graph.value[g.ids[0]]);
	return out;
}

function opCount(t: Trace): number {
	let n = 0;
	for (const k of t.graph.kind) if (k === 'op') n++;
	return n;
}

/** A program being drawn: its lines, the values nothing reads yet, and the ones already read. */
interface Draft {
	readonly lines: Line[];
	readonly pending: string[];
	readonly used: string[];
	fanned: boolean;
}

/** One try at a program; undefined when a statement found no fair candidate, so the caller draws again. */
function attempt(d: Difficulty, rng: Rng): { program: string; trace: Trace } | undefined {
	const draft = leaves(d, rng);
	let probe = run(textOf(draft.lines));
	if (!probe.ok) return undefined;
	let count = opCount(probe.trace);
	const fresh = INTERMEDIATES.filter((n) => !draft.lines.some((l) => l.name === n));
	for (let made = 0; count < d.nodes || draft.pending.length > 1; made++) {
		if (made >= fresh.length) return undefined;
		const next = growLine(draft, d, rng, probe.trace, fresh[made], count);
		if (!next) return undefined;
		probe = next;
		count = opCount(next.trace);
	}
	// The newest line is read by nothing, so renaming it to the conventional output name is safe.
	const lines = draft.lines;
	lines[lines.length - 1] = { ...lines[lines.length - 1], name: 'f' };
	const program = textOf(lines);
	const final = run(program);
	if (!final.ok || !isFairProblem(final.trace) || hasFanOut(final.trace) !== d.fanOut) return undefined;
	return { program, trace: final.trace };
}

/** The leaves: a few scalars, or a vector opening (x, w, maybe W, and the lines that make s) and fewer scalars. */
function leaves(d: Difficulty, rng: Rng): Draft {
	const draft: Draft = { lines: [], pending: [], used: [], fanned: false };
	const { lines, pending } = draft;
	let nScalarLeaves = Math.min(5, Math.max(2, Math.ceil(d.nodes / 2) + 1));
	let leafNames = SCALAR_LEAVES;
	if (d.vectors) {
		const open = pick(rng, VECTOR.filter((v) => v.fans === false || d.fanOut));
		const n = randInt(rng, 2, 3);
		lines.push({ name: 'x', text: vectorLiteral(rng, n) });
		if (open.fans) lines.push({ name: 'W', text: `[${Array.from({ length: 2 }, () => vectorLiteral(rng, n)).join(', ')}]` });
		lines.push({ name: 'w', text: vectorLiteral(rng, open.fans ? 2 : n) });
		lines.push(...open.lines());
		pending.push('s');
		nScalarLeaves = randInt(rng, 1, 2);
		leafNames = VECTOR_SCALAR_LEAVES;
	}
	for (const name of leafNames.slice(0, nScalarLeaves)) {
		lines.push({ name, text: numberText(niceNumber(rng, pick(rng, [1, 0.5]))) });
		pending.push(name);
	}
	return draft;
}

/**
 * Adds one line named `name` that reads pending values (or, for fan-out, a used one) and keeps
 * the problem fair; returns the new program's run, or undefined after 24 unfit candidates.
 */
function growLine(draft: Draft, d: Difficulty, rng: Rng, trace: Trace, name: string, count: number) {
	const { lines, pending, used } = draft;
	const values = scalarValues(trace);
	for (let tries = 0; tries < 24; tries++) {
		const mustMerge = count >= d.nodes && pending.length > 1;
		// Fan-out comes from reading an already-used value again; push for it until it has happened once.
		const fanChance: number = !d.fanOut || used.length === 0 ? 0 : draft.fanned ? 0.2 : 0.6;
		const fan: boolean = !mustMerge && rng() < fanChance;
		const binary = fan || (pending.length > 1 && (mustMerge || rng() < 0.7));
		const tpl = pick(rng, SCALAR.filter((t) => t.arity === (binary ? 2 : 1)));
		const order = shuffled(rng, pending);
		const a = order[0];
		const b = fan ? pick(rng, used) : binary ? order[1] : a;
		if (tpl.arity === 2 && a === b) continue;
		if (!tpl.fits(values.get(a) ?? NaN, values.get(b) ?? NaN)) continue;
		const [x, y] = rng() < 0.5 ? [a, b] : [b, a];
		const line = { name, text: tpl.text(x, y, rng) };
		const next = run(textOf([...lines, line]));
		if (!next.ok || !isFairProblem(next.trace, { fdCheck: false })) continue;
		lines.push(line);
		for (const o of tpl.arity === 2 ? [a, b] : [a]) {
			const at = pending.indexOf(o);
			if (at >= 0) pending.splice(at, 1);
			if (!used.includes(o)) used.push(o);
		}
		pending.push(line.name);
		draft.fanned ||= fan;
		return next;
	}
	return undefined;
}

/** A fallback no seed can break, so a caller always gets a problem. */
const FALLBACK = 'x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n';

/**
 * A random program from a small grammar of the language's ops: always parses, has a scalar
 * output, finite values and a gradient that passes the finite-difference check.
 */
export function randomProgram(d: Difficulty, rng: Rng): { program: string; trace: Trace } {
	for (let i = 0; i < 200; i++) {
		const got = attempt(d, rng);
		if (got) return got;
	}
	const r = run(FALLBACK);
	if (!r.ok) throw new Error('the fallback program must run');
	return { program: FALLBACK, trace: r.trace };
}
