import type { Shape } from './graph.ts';

/** A value while building: its shape and its scalar node ids, row-major. */
export interface Val {
	readonly shape: Shape;
	readonly ids: readonly number[];
}

export const shapeText = (s: Shape) => (s.length === 0 ? 'a scalar' : s.length === 1 ? `a vector of ${s[0]}` : `a ${s[0]}×${s[1]} matrix`);
export const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);
