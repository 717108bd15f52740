import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPurity, CORE, type Violation } from '../../helpers/purity.ts';

/** DESIGN.md: the core is pure TypeScript; the UI, KaTeX, ELK, the DOM and Node sit on top of it, never inside. */
function files(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory() ? files(p) : /\.(ts|js|mts|cts)$/.test(p) ? [p] : [];
	});
}

const FIXTURES = join(import.meta.dirname, '../../fixtures/purity');
/** Each planted file is checked as if it sat in src/lib/core/trace/, beside real core files. */
const planted = (name: string): Violation[] => checkPurity([{ file: join(FIXTURES, name), at: join(CORE, 'trace', name) }]);
const where = (v: Violation[]) => v.map((x) => `${relative(FIXTURES, x.file)}:${x.line}:${x.col} ${x.what}`);

describe('src/lib/core stays pure', () => {
	const all = files(CORE);
	it('has files to check, all TypeScript', () => {
		expect(all.length).toBeGreaterThan(50);
		expect(all.filter((f) => !f.endsWith('.ts'))).toEqual([]);
	});
	it('no core file imports outside the core or reads a browser or Node global', () => {
		const found = checkPurity(all.map((file) => ({ file })));
		expect(found.map((v) => `${relative(CORE, v.file)}:${v.line}:${v.col} ${v.what}`)).toEqual([]);
	});
});

describe('the purity rule cannot be walked around (planted files in tests/fixtures/purity)', () => {
	it('a relative import of ../../state/viewer.svelte.ts', () => {
		expect(where(planted('relative-state.ts'))).toEqual([`relative-state.ts:2:29 '../../state/viewer.svelte.ts' is outside src/lib/core`]);
	});
	it("an import('katex') split over lines", () => {
		expect(where(planted('dynamic-katex.ts'))).toEqual([`dynamic-katex.ts:4:3 package 'katex': the core imports no packages`]);
	});
	it('globalThis.window', () => {
		expect(where(planted('global-this-window.ts'))).toEqual([
			`global-this-window.ts:3:20 browser or Node global 'window': the core runs in both and touches neither`
		]);
	});
	it('a re-export from $lib/components/...', () => {
		expect(where(planted('lib-alias-component.ts'))).toEqual([`lib-alias-component.ts:2:32 '$lib/components/Tex.svelte' is outside src/lib/core`]);
	});
	it("require('fs')", () => {
		const v = where(planted('require-fs.ts'));
		expect(v).toContain(`require-fs.ts:2:20 package 'fs': the core imports no packages`);
		// require itself is Node's global
		expect(v).toContain(`require-fs.ts:2:12 browser or Node global 'require': the core runs in both and touches neither`);
	});
	it('localStorage, navigator, location, document, a DOM type, sessionStorage, self, globalThis[...], a DOM constructor, process, an alias of globalThis', () => {
		const v = planted('browser-globals.ts').map((x) => [x.line, x.what.match(/'([^']+)'|^(globalThis used as a value)/)?.slice(1).find(Boolean)]);
		expect(v).toEqual([
			[3, 'localStorage'],
			[5, 'navigator'],
			[6, 'location'],
			[7, 'HTMLElement'],
			[7, 'document'],
			[8, 'Storage'],
			[8, 'sessionStorage'],
			[9, 'self'],
			[10, 'localStorage'],
			[11, 'DOMParser'],
			[12, 'process'],
			[13, 'globalThis used as a value']
		]);
	});
	it('reports nothing for local names and keys that look like browser words, siblings, ES and platform globals', () => {
		expect(where(planted('clean.ts'))).toEqual([]);
	});
	it('names each file and line among several', () => {
		const v = checkPurity(['relative-state.ts', 'require-fs.ts'].map((n) => ({ file: join(FIXTURES, n), at: join(CORE, 'view', n) })));
		expect(v.map((x) => [relative(FIXTURES, x.file), x.line])).toEqual([
			['relative-state.ts', 2],
			['require-fs.ts', 2],
			['require-fs.ts', 2]
		]);
	});
});
