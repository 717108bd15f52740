import { describe, expect, it } from 'vitest';
import { compressText, decompressText } from '../../../src/lib/core/share/compress';
import { readParams, writeParams } from '../../../src/lib/core/share/url';
import { EXAMPLES } from '../../../src/lib/examples/examples';

describe('programs in links', () => {
	it.each(EXAMPLES.map((e) => [e.id, e.program]))('%s survives compression', async (_id, program) => {
		const code = await compressText(program);
		expect(code).toMatch(/^[A-Za-z0-9_-]*$/);
		expect(await decompressText(code)).toBe(program);
	});
	it('a big matrix fits in a link', async () => {
		const rows = Array.from({ length: 30 }, (_, i) => `[${Array.from({ length: 30 }, (_, j) => ((i * 31 + j) % 17) / 10).join(', ')}]`);
		const program = `W = [${rows.join(',\n')}]\nx = [${Array(30).fill(1).join(', ')}]\nf = ||W @ x||^2\n`;
		const code = await compressText(program);
		expect(code.length).toBeLessThan(program.length / 2);
	});
	it('a step does not compress the same program again: the link is written once per text', async () => {
		const program = `v = [${Array.from({ length: 20_000 }, (_, i) => i % 7).join(', ')}]\nf = sum(v)\n`;
		const real = globalThis.CompressionStream;
		let made = 0;
		globalThis.CompressionStream = class extends real {
			constructor(format: CompressionFormat) {
				super(format);
				made++;
			}
		};
		try {
			const first = await writeParams({ program, granularity: 'scalar', step: 1 });
			const second = await writeParams({ program, granularity: 'scalar', step: 2 });
			expect(made).toBe(1);
			expect(second.replace('step=3', 'step=2')).toBe(first);
			await compressText(program + ' ');
			expect(made).toBe(2);
		} finally {
			globalThis.CompressionStream = real;
		}
	});
	it.each(['', '!!!', 'abc', 'AAAA', '%3Cimg%3E'])('rejects junk %j', async (junk) => {
		expect(await decompressText(junk)).toBeUndefined();
	});
});

describe('view parameters', () => {
	const cases: [string, Awaited<ReturnType<typeof readParams>>][] = [
		['?example=add-mul&step=3', { example: 'add-mul', program: undefined, step: 2, granularity: 'scalar', sig: undefined }],
		['?example=x&step=0&g=group&sig=6', { example: 'x', program: undefined, step: undefined, granularity: 'group', sig: 6 }],
		['?step=-1&sig=99&g=scalar', { example: undefined, program: undefined, step: undefined, granularity: 'scalar', sig: undefined }],
		['?step=1e3', { example: undefined, program: undefined, step: undefined, granularity: 'scalar', sig: undefined }]
	];
	it.each(cases)('%s', async (q, want) => {
		expect(await readParams(new URLSearchParams(q))).toEqual(want);
	});
	it('round-trips a view with its own program', async () => {
		const v = { program: 'x = 1\nf = x^2\n', step: 4, granularity: 'group' as const, sig: 6 };
		const q = await writeParams(v);
		expect(q.startsWith('?p=')).toBe(true);
		expect(await readParams(new URLSearchParams(q))).toEqual({ example: undefined, ...v });
	});
	it('keeps the stable form for examples', async () => {
		expect(await writeParams({ example: 'add-mul', step: 6, granularity: 'scalar' })).toBe('?example=add-mul&step=7');
	});
});
