import type { Plugin } from 'vite';
import { exampleLayouts } from './example-layouts.ts';

/** The module the page imports its examples' ready-made layouts from. */
export const EXAMPLE_LAYOUTS_ID = 'virtual:chainstep-example-layouts';
const RESOLVED = '\0' + EXAMPLE_LAYOUTS_ID;

/**
 * Lays out the built-in examples when the app is built (or first served), so they are never
 * stale: the module is made from the code being built. Coordinates are rounded to a tenth of
 * a unit, which keeps the module small and draws the same.
 */
export function exampleLayoutsPlugin(): Plugin {
	return {
		name: 'chainstep-example-layouts',
		resolveId: (id) => (id === EXAMPLE_LAYOUTS_ID ? RESOLVED : undefined),
		async load(id) {
			if (id !== RESOLVED) return undefined;
			const layouts = await exampleLayouts();
			const json = JSON.stringify(layouts, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 10) / 10 : v));
			// JSON.parse of a string literal is faster for the engine than the same object literal.
			return `export default JSON.parse(${JSON.stringify(json)});`;
		}
	};
}
