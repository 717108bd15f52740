import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One golden example from ../shared/examples: the contract the engine must match. */
export interface Golden {
	id: string;
	title: string;
	program: string;
	output: string;
	values: Record<string, Nested>;
	grads: Record<string, Nested>;
	tolerance: number;
	slide?: Record<string, Nested>;
	note?: string;
}
export type Nested = number | Nested[];

const here = dirname(fileURLToPath(import.meta.url));
export const GOLDEN_DIR = resolve(here, '../../../shared/examples');

/**
 * The golden files live beside the project, not in it. CI must have them; a user's clone
 * may not, and then the golden tests are skipped with a visible message.
 */
export function loadGoldens(): Golden[] {
	if (!existsSync(GOLDEN_DIR)) {
		if (process.env.CI) throw new Error(`CI is set but the golden examples are missing: ${GOLDEN_DIR}`);
		console.warn(`[chainstep] ${GOLDEN_DIR} not found: golden-example tests are skipped.`);
		return [];
	}
	return readdirSync(GOLDEN_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(readFileSync(join(GOLDEN_DIR, f), 'utf8')) as Golden);
}

/** Relative tolerance, absolute near 0, as the examples README asks. */
export function close(actual: number, expected: number, tol: number): boolean {
	return Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected));
}

export function flatten(x: unknown): number[] {
	return Array.isArray(x) ? x.flatMap(flatten) : [x as number];
}
