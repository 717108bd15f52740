import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ELK_WORKER_FILE } from '../../../src/lib/adapters/elk-worker-file';

/**
 * src/app.html starts ELK's worker by name before the app's JS runs; the build puts elkjs's own
 * worker there (adapters/elk-worker-plugin.ts). If the two names part, the page quietly starts
 * a second worker late, and the early start is lost: the e2e test counts workers, this names why.
 */
describe('the ELK worker the page starts early', () => {
	const html = readFileSync(new URL('../../../src/app.html', import.meta.url), 'utf8');

	it('is started from src/app.html by the name the build gives it', () => {
		expect(html).toContain(`new Worker('%sveltekit.assets%/${ELK_WORKER_FILE}')`);
	});

	it('only for a program from a link, and never in the embed', () => {
		const start = html.split('\n').find((l) => l.includes(ELK_WORKER_FILE)) ?? '';
		expect(start).toContain('[?&]p=');
		expect(start).toContain('embed');
	});

	it('is the file elkjs ships', () => {
		expect(createRequire(import.meta.url).resolve(`elkjs/lib/${ELK_WORKER_FILE}`)).toMatch(/elk-worker\.min\.js$/);
	});
});
