import { describe, expect, it } from 'vitest';
import { defaultCollapsed } from '../../../src/lib/core/layout/elk-input';
import { run } from '../../../src/lib/core/program';
import { EXAMPLES } from '../../../src/lib/examples/examples';
import { exampleLayouts } from '../../../src/lib/examples/example-layouts';
import { exampleLayoutsPlugin, EXAMPLE_LAYOUTS_ID } from '../../../src/lib/examples/layouts-plugin';
import { LayoutCache } from '../../../src/lib/state/layout-cache';
import type { GraphLayout } from '../../../src/lib/core/layout/types';

/** What the page's build ships: the plugin's module, evaluated as the browser would. */
async function shipped(): Promise<Record<string, GraphLayout>> {
	const p = exampleLayoutsPlugin();
	const resolve = p.resolveId as (id: string) => string | undefined;
	const load = p.load as (id: string) => Promise<string | undefined>;
	const id = resolve(EXAMPLE_LAYOUTS_ID);
	expect(id).toBeTruthy();
	const code = await load(id!);
	const json = /^export default JSON\.parse\((.*)\);$/s.exec(code!)?.[1];
	expect(json, 'the module is one JSON.parse of a string').toBeTruthy();
	return JSON.parse(JSON.parse(json!)) as Record<string, GraphLayout>;
}

describe('build-time layouts of the built-in examples', () => {
	it('has an entry under the current LayoutCache.key for every example, granularity and gate mode', async () => {
		const layouts = await shipped();
		for (const ex of EXAMPLES)
			for (const gates of ['one', 'expanded'] as const)
				for (const g of ['scalar', 'group'] as const) {
					const r = run(ex.program, { gates });
					expect(r.ok, ex.id).toBe(true);
					if (!r.ok) continue;
					const collapsed = defaultCollapsed(r.trace, g);
					const hit = layouts[LayoutCache.key(r.trace, collapsed)];
					expect(hit, `${ex.id} ${gates} ${g}: no layout under the current key`).toBeDefined();
					// The layout draws this trace: every drawn id is one of its nodes or folded boxes.
					const ids = new Set(hit!.nodes.map((n) => n.id));
					const want = new Set<string>();
					for (let i = 0; i < r.trace.graph.size; i++) want.add(collapsed.has(r.trace.graph.stmt[i]) ? `s${r.trace.graph.stmt[i]}` : `n${i}`);
					expect([...ids].sort()).toEqual([...want].sort());
					expect(hit!.collapsed).toEqual([...collapsed].sort((a, b) => a - b));
				}
	});

	it('holds no entry that the current code would not ask for (a stale key fails here)', async () => {
		const layouts = await shipped();
		const fresh = await exampleLayouts();
		expect(Object.keys(layouts).sort()).toEqual(Object.keys(fresh).sort());
	});
});

describe('LayoutCache', () => {
	const trace = (src: string) => {
		const r = run(src);
		if (!r.ok) throw new Error('no trace');
		return r.trace;
	};
	const fake = (w: number): GraphLayout => ({ width: w, height: 1, nodes: [], edges: [], collapsed: [], capped: false });

	it('reuses a layout after a leaf edit: same structure, same key, ELK asked once', async () => {
		const cache = new LayoutCache();
		let made = 0;
		const make = async () => (made++, fake(1));
		const a = trace('x = 3\ny = 4\nf = x * y + x\n');
		const b = trace('x = -1.5\ny = 40\nf = x * y + x\n');
		await cache.get(LayoutCache.key(a, new Set()), make);
		await cache.get(LayoutCache.key(b, new Set()), make);
		expect(made).toBe(1);
		// A different structure or folding is a new layout.
		await cache.get(LayoutCache.key(trace('x = 3\ny = 4\nf = x + y\n'), new Set()), make);
		expect(made).toBe(2);
	});

	it('shares one request in flight', async () => {
		const cache = new LayoutCache();
		let made = 0;
		const make = () => new Promise<GraphLayout>((r) => (made++, setTimeout(() => r(fake(2)), 5)));
		const [x, y] = await Promise.all([cache.get('k', make), cache.get('k', make)]);
		expect(made).toBe(1);
		expect(x).toBe(y);
	});

	it('answers seeded keys without making, keeps them past the limit, and ignores unknown keys', async () => {
		const cache = new LayoutCache(1);
		cache.seed({ seeded: fake(7) });
		let made = 0;
		const make = async () => (made++, fake(3));
		expect((await cache.get('seeded', make)).width).toBe(7);
		await cache.get('other1', make);
		await cache.get('other2', make);
		expect(cache.peek('seeded')?.width).toBe(7);
		expect(cache.peek('stale-key')).toBeUndefined();
		expect(made).toBe(2);
	});
});
