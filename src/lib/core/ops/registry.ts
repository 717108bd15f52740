import { ARITHMETIC } from './arithmetic.ts';
import { ELEMENTWISE } from './elementwise.ts';
import { REDUCTIONS } from './reduce.ts';
import type { FnSpec, OpSpec } from './spec.ts';
import { STABLE } from './stable.ts';
import { tr } from './tex.ts';

export { fmtExponent, TEX_LIST_LIMIT } from './tex.ts';

/**
 * The op registry: the single source of truth for every scalar operation and every function a
 * program may call. An explicit array, not registration by side effect, so the set is visible in
 * one place; each family lives in a file of its own (arithmetic, element-wise, reductions, stable forms).
 */
export const OPS = [...ARITHMETIC, ...ELEMENTWISE, ...REDUCTIONS, ...STABLE] as const satisfies readonly OpSpec[];

export type OpName = (typeof OPS)[number]['name'];

const byName = new Map<string, OpSpec>(OPS.map((o) => [o.name, o]));
export function op(name: OpName): OpSpec {
	return byName.get(name)!;
}

/** An op a program calls by name. */
export type CallableOp = OpSpec & { readonly fn: FnSpec };

/**
 * What a call in a program refers to: a registry op, or `transpose`, which makes no nodes (it
 * reorders a matrix's nodes; a vector's transpose is the same vector read as a row).
 */
export type Callable = { readonly kind: 'op'; readonly spec: CallableOp } | { readonly kind: 'transpose' };

const CALLABLE = new Map<string, Callable>([
	...OPS.filter((o): o is (typeof OPS)[number] & CallableOp => 'fn' in o && o.fn !== undefined).map((o) => [o.name, { kind: 'op', spec: o }] as [string, Callable]),
	['transpose', { kind: 'transpose' }]
]);

/** Every function name a program may call, in registry order; all are reserved. */
export const FUNCTION_NAMES: readonly string[] = [...CALLABLE.keys()];

export function callable(name: string): Callable | undefined {
	return CALLABLE.get(name);
}

/** How many arguments a call takes. */
export function argCount(c: Callable): number {
	if (c.kind === 'transpose') return 1;
	switch (c.spec.fn.expand) {
		case 'map':
			return c.spec.arity.kind === 'fixed' ? c.spec.arity.n : 1;
		case 'reduce':
		case 'vector':
			return 1;
		case 'pairs':
			return 2;
	}
}

/** A call written out for messages: `max(a, b)`, `softmax(v)`. */
export function callExample(name: string): string {
	const c = callable(name);
	const n = c ? argCount(c) : 1;
	const map = c?.kind === 'op' && c.spec.fn.expand === 'map';
	const args = map ? (n === 1 ? ['x'] : ['a', 'b', 'c', 'd'].slice(0, n)) : n === 1 ? ['v'] : ['a', 'b'];
	return `${name}(${args.join(', ')})`;
}

/** LaTeX of a call as a program writes it, each argument already LaTeX. */
export function callTex(c: Callable, a: readonly string[]): string {
	return c.kind === 'transpose' ? tr(a[0]) : c.spec.fn.tex(a);
}

/** How many inputs an arity admits, for error messages. */
export function arityAccepts(spec: OpSpec, n: number): boolean {
	const a = spec.arity;
	switch (a.kind) {
		case 'fixed':
			return n === a.n;
		case 'variadic':
			return n >= a.min;
		case 'pairs':
			return n >= a.min && n % 2 === 0;
	}
}
