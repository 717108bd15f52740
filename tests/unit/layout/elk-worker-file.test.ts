import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ELK_WARM_ID, ELK_WORKER_FILE } from '../../../src/lib/adapters/elk-worker-file';
import { elkWorkerSource } from '../../../src/lib/adapters/elk-worker-plugin';
import { ELK_WARM_MARK } from '../../../src/lib/adapters/elk';

/**
 * src/app.html starts ELK's worker by name before the app's JS runs; the build puts elkjs's own
 * worker there, with a warm-up after it (adapters/elk-worker-plugin.ts). If the names part, the
 * page quietly starts a second worker late and the early start is lost: the e2e test counts
 * workers, this names why.
 */
describe('the ELK worker the page starts early', () => {
	const html = readFileSync(new URL('../../../src/app.html', import.meta.url), 'utf8');

	it('is started from src/app.html by the name the build gives it', () => {
		expect(html).toContain(`new Worker('%sveltekit.assets%/${ELK_WORKER_FILE}')`);
	});

	it('only for a program from a link, and never in the embed', () => {
		const start = html.split('\n').find((l) => l.includes(ELK_WORKER_FILE)) ?? '';
		const guard = html.split('\n')[html.split('\n').indexOf(start) - 1] ?? '';
		expect(guard).toContain('[?&]p=');
		expect(guard).toContain('embed');
	});

	it('marks its warm-up answer under the names the app uses', () => {
		expect(html).toContain(`'${ELK_WARM_ID}'`);
		expect(html).toContain(`'${ELK_WARM_MARK}'`);
	});

	it('lays out its warm-up graph by itself, before anyone asks, and answers under its own id', () => {
		const answers: { id?: unknown; data?: { children?: { x?: number }[] }; error?: unknown }[] = [];
		// A worker's global scope, as far as elkjs looks: `self` is the global, with postMessage.
		const scope: { postMessage: (m: (typeof answers)[number]) => void; onmessage?: unknown } = { postMessage: (m) => answers.push(m) };
		runInNewContext(`var self = globalThis;\n${elkWorkerSource()}`, scope);
		expect(typeof scope.onmessage).toBe('function');
		expect(answers.map((a) => a.id)).toEqual([ELK_WARM_ID, ELK_WARM_ID]);
		expect(answers.every((a) => a.error === undefined)).toBe(true);
		const laid = answers[1].data?.children ?? [];
		expect(laid).toHaveLength(2);
		expect(laid.every((c) => typeof c.x === 'number')).toBe(true);
	});
});
