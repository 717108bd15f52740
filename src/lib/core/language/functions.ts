import { argCount, callable, callExample, FUNCTION_NAMES } from '../ops/registry.ts';

/** The functions a program may call live in the op registry; the language only asks whether a name is one. */
export { callExample, FUNCTION_NAMES };

export function isFunctionName(s: string): boolean {
	return callable(s) !== undefined;
}

/** How many arguments the function `s` takes (it must be a function name). */
export function functionArgs(s: string): number {
	const c = callable(s);
	return c ? argCount(c) : 0;
}
