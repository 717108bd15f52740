/** Functions a program may call, with how many arguments each takes. Their names are reserved. */
export const FUNCTIONS = {
	exp: 1,
	log: 1,
	sqrt: 1,
	abs: 1,
	sigmoid: 1,
	tanh: 1,
	relu: 1,
	max: 2,
	min: 2,
	sum: 1,
	mean: 1,
	dot: 2,
	norm2: 1,
	softmax: 1,
	transpose: 1
} as const satisfies Record<string, number>;

export type FunctionName = keyof typeof FUNCTIONS;

export function isFunctionName(s: string): s is FunctionName {
	return Object.prototype.hasOwnProperty.call(FUNCTIONS, s);
}
