import { describe, expect, it } from 'vitest';
import { EXAMPLES, readableSource } from '../../../src/lib/examples/examples';

describe('the source line under the examples menu', () => {
	const cases: [string, string][] = [
		['000_fa60f870e19b4ab0.txt and 002_d81db36ad9760e0a.txt: the first backprop example', 'lecture slides: the first backprop example'],
		['003_8638965bbe7f1ca2.txt: e = c d', 'lecture slides: e = c d'],
		['002_d81db36ad9760e0a.txt', 'lecture slides'],
		['the design card writes it as (x+y)z', 'the design card writes it as (x+y)z']
	];
	it.each(cases)('%s → %s', (source, shown) => expect(readableSource(source)).toBe(shown));

	it.each(EXAMPLES.map((e) => [e.id, e.source]))('%s names no archive file', (_id, source) => {
		expect(readableSource(source)).not.toMatch(/\.txt/);
	});
});
