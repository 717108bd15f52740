import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** DESIGN.md: the core is pure TypeScript; the UI, KaTeX and ELK sit on top of it, never inside. */
const CORE = join(import.meta.dirname, '../../../src/lib/core');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
	});
}

const FORBIDDEN: [RegExp, string][] = [
	[/from\s+['"](svelte|svelte\/[^'"]*)['"]/, 'svelte'],
	[/from\s+['"]\$app\//, '$app'],
	[/from\s+['"]\$lib/, '$lib alias (core must also compile for the CLI with plain relative imports)'],
	[/from\s+['"]katex/, 'katex'],
	[/from\s+['"]elkjs/, 'elkjs'],
	[/\bwindow\./, 'window'],
	[/\bdocument\./, 'document'],
	[/\blocalStorage\b/, 'localStorage'],
	[/:\s*any\b|<any>|as any\b/, 'any']
];

describe('src/lib/core stays pure', () => {
	const all = files(CORE);
	it('has files to check', () => expect(all.length).toBeGreaterThan(10));
	it.each(all.map((f) => [relative(CORE, f), f]))('%s imports no UI, KaTeX, ELK or browser globals', (_rel, f) => {
		const src = readFileSync(f, 'utf8')
			.replace(/\/\*[\s\S]*?\*\//g, '')
			.replace(/\/\/.*$/gm, '');
		for (const [re, what] of FORBIDDEN) expect(re.test(src), `uses ${what}`).toBe(false);
	});
	it.each(all.map((f) => [relative(CORE, f), f]))('%s imports siblings with .ts extensions', (_rel, f) => {
		const src = readFileSync(f, 'utf8');
		for (const m of src.matchAll(/from\s+['"](\.[^'"]+)['"]/g)) expect(m[1].endsWith('.ts'), m[1]).toBe(true);
	});
});
