// Relative imports: the build-time layouts (examples/layouts-plugin.ts) run this file in Node.
import type { GraphLayout } from '../core/layout/types.ts';
import type { Trace } from '../core/trace/build.ts';
import { structureKey } from '../core/view/structure.ts';

/**
 * Layouts by what the drawing depends on: the graph's structure and which assignments are
 * folded. Editing a value, stepping or refolding back reuses a layout rather than asking ELK
 * again, and two requests for the same layout while ELK works share one answer.
 * The viewer, practice and every embed use this one cache.
 */
export class LayoutCache {
	readonly #done = new Map<string, GraphLayout>();
	readonly #pending = new Map<string, Promise<GraphLayout>>();
	/** Layouts made at build time (the built-in examples): kept apart, so they are never evicted. */
	readonly #seeded = new Map<string, GraphLayout>();

	/** `limit`: layouts kept; the oldest goes first (a layout of a big graph holds every node's box). */
	constructor(private readonly limit = 24) {}

	static key(trace: Trace, collapsed: ReadonlySet<number>): string {
		return `${structureKey(trace.graph)}#${[...collapsed].sort((a, b) => a - b).join(',')}`;
	}

	peek(key: string): GraphLayout | undefined {
		return this.#done.get(key) ?? this.#seeded.get(key);
	}

	/**
	 * Layouts computed ahead of time, by key. An entry whose key no longer matches what
	 * `key` makes (the structure key or fold format changed since) is simply never asked for.
	 */
	seed(entries: Readonly<Record<string, GraphLayout>>): void {
		for (const [k, v] of Object.entries(entries)) this.#seeded.set(k, v);
	}

	/** The layout for `key`, made by `make` only if neither kept nor already being made. */
	get(key: string, make: () => Promise<GraphLayout>): Promise<GraphLayout> {
		const hit = this.peek(key);
		if (hit) return Promise.resolve(hit);
		const waiting = this.#pending.get(key);
		if (waiting) return waiting;
		const made = make().then(
			(layout) => {
				this.#pending.delete(key);
				this.#done.set(key, layout);
				while (this.#done.size > this.limit) this.#done.delete(this.#done.keys().next().value as string);
				return layout;
			},
			(e: unknown) => {
				// A failure is not kept: the next request tries again.
				this.#pending.delete(key);
				throw e;
			}
		);
		this.#pending.set(key, made);
		return made;
	}
}
