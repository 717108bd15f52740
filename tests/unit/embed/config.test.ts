import { describe, expect, it } from 'vitest';
import { readEmbedConfig, type EmbedConfig } from '../../../src/lib/components/embed/config';
import { compressText } from '../../../src/lib/core/share/compress';
import { exampleById, unknownExampleNotice } from '../../../src/lib/examples/examples';

const read = (query: string) => {
	const q = new URLSearchParams(query);
	return readEmbedConfig((k) => q.get(k));
};
const ADD_MUL = exampleById('add-mul')!.program;

describe('embed configuration from a query string or attributes', () => {
	const cases: [string, Partial<EmbedConfig>][] = [
		['', { program: ADD_MUL, step: 0, granularity: 'scalar', theme: 'light', autoplay: false, precision: 4 }],
		['example=fan-out&step=7', { program: exampleById('fan-out')!.program, step: 6 }],
		['example=nope&step=0', { program: ADD_MUL, step: 0, problem: unknownExampleNotice('nope') }],
		['step=-3', { step: 0 }],
		['step=2.5', { step: 0 }],
		['g=group', { granularity: 'group' }],
		['granularity=group', { granularity: 'group' }],
		['granularity=<b>', { granularity: 'scalar' }],
		['theme=dark', { theme: 'dark' }],
		['theme=light', { theme: 'light' }],
		// Inside a host page the embed is light unless theme=auto asks for the reader's OS setting.
		['theme=auto', { theme: 'auto' }],
		['theme=<script>', { theme: 'light' }],
		['origin=https://lms.example.edu/', { origins: ['https://lms.example.edu'] }],
		['origin=https://a.example, https://b.example', { origins: ['https://a.example', 'https://b.example'] }],
		['origin=*', { origins: [] }],
		['autoplay', { autoplay: true }],
		['autoplay=false', { autoplay: false }],
		['autoplay=0', { autoplay: false }],
		['precision=6', { precision: 6 }],
		['sig=3', { precision: 3 }],
		['precision=99', { precision: 4 }],
		['precision=1e3', { precision: 4 }],
		['program=x%20%3D%201%0Af%20%3D%20x', { program: 'x = 1\nf = x', title: 'chainstep' }]
	];
	it.each(cases)('%s', async (query, expected) => {
		expect(await read(query)).toMatchObject(expected);
	});

	it.each(['example=fan-out', '', 'example=nope&program=x%20%3D%201%0Af%20%3D%20x'])('%s has nothing to warn about', async (query) => {
		expect((await read(query)).problem).toBeUndefined();
	});

	it.each([
		['', ['nav', 'timeline', 'graph', 'math', 'words']],
		['all', ['nav', 'timeline', 'graph', 'math', 'words']],
		['math, words', ['math', 'words']],
		['nav,<img>,graph', ['nav', 'graph']],
		['none', []]
	])('controls=%s', async (controls, expected) => {
		const q = controls ? `controls=${encodeURIComponent(controls)}` : '';
		expect([...(await read(q)).controls].sort()).toEqual([...expected].sort());
	});

	it('reads the viewer’s compressed p= program, and says so when it cannot', async () => {
		const program = 'a = 3\nb = a * a\n';
		const good = await read(`p=${await compressText(program)}&example=fan-out`);
		expect(good.program).toBe(program);
		expect(good.problem).toBeUndefined();
		const bad = await read('p=%%%&program=x%20%3D%201');
		expect(bad.program).toBe(ADD_MUL);
		expect(bad.problem).toMatch(/could not be read/);
	});
});
