import * as bundled from 'elkjs/lib/elk.bundled.js';
import type { Trace } from '../core/trace/build.ts';
import { runLayout, type ElkLike } from '../core/layout/run.ts';
import type { GraphLayout } from '../core/layout/types.ts';

/**
 * ELK in the current thread, for Node (CLI, tests, exports). The browser uses ./elk.ts,
 * which runs the same input through a Web Worker.
 */
type ElkCtor = new () => ElkLike;

/**
 * elk.bundled.js is CommonJS (`module.exports = ELK`). Node's ESM loader and Vite both put
 * that under `default`, but TypeScript types it differently under NodeNext (the CLI build)
 * and bundler resolution (the app), so the constructor is picked out at run time.
 */
function ctor(): ElkCtor {
	const d = (bundled as unknown as { default: ElkCtor | { default: ElkCtor } }).default;
	return typeof d === 'function' ? d : d.default;
}

let elk: ElkLike | undefined;

export function layoutTrace(trace: Trace, collapsed: ReadonlySet<number>): Promise<GraphLayout> {
	elk ??= new (ctor())();
	return runLayout(elk, trace, collapsed);
}
