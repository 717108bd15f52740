import type { ElkLike } from '../core/layout/run.ts';
import { runLayout } from '../core/layout/run.ts';
import type { GraphLayout } from '../core/layout/types.ts';
import type { Trace } from '../core/trace/build.ts';

/**
 * ELK for the script-tag embed: elk.bundled.js, loaded on first use as a classic script from
 * beside chainstep-element.js and run on the main thread. Workers and module imports are
 * refused on file:// pages; a classic script is not, and embed-sized graphs lay out in
 * tens of milliseconds.
 */
type ElkCtor = new () => ElkLike;
let loading: Promise<ElkLike> | undefined;

function loadElk(base: string): Promise<ElkLike> {
	loading ??= new Promise<ElkLike>((resolve, reject) => {
		const existing = (globalThis as { ELK?: ElkCtor }).ELK;
		if (existing) return resolve(new existing());
		const script = document.createElement('script');
		script.src = new URL('elk.bundled.js', base).href;
		script.onload = () => {
			const Ctor = (globalThis as { ELK?: ElkCtor }).ELK;
			if (Ctor) resolve(new Ctor());
			else reject(new Error('elk.bundled.js loaded but defined no ELK'));
		};
		script.onerror = () => reject(new Error(`could not load ${script.src}`));
		document.head.append(script);
	}).catch((e: unknown) => {
		loading = undefined;
		throw e;
	});
	return loading;
}

export async function layoutTraceFrom(base: string, trace: Trace, collapsed: ReadonlySet<number>): Promise<GraphLayout> {
	return runLayout(await loadElk(base), trace, collapsed);
}
