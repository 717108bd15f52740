import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every file under a folder. */
function files(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory() ? files(p) : [p];
	});
}

// Site data can be blocked, and then merely reading window.localStorage throws: one module
// (adapters/storage.ts) guards every access, and nothing else touches storage directly.
describe('web storage has one home', () => {
	it('no source file but adapters/storage.ts names localStorage or sessionStorage', () => {
		const offenders = files('src')
			.filter((f) => /\.(ts|svelte|js)$/.test(f) && !f.endsWith(join('adapters', 'storage.ts')))
			.filter((f) => /\b(localStorage|sessionStorage)\b/.test(readFileSync(f, 'utf8')));
		expect(offenders).toEqual([]);
	});
	it("app.html's first-paint theme script guards its read", () => {
		const html = readFileSync('src/app.html', 'utf8');
		expect(html).toMatch(/try\s*\{[^}]*localStorage\.getItem[^}]*\}\s*catch/);
	});
});
