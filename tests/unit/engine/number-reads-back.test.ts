import { describe, expect, it } from 'vitest';
import { fmt, texNum } from '../../../src/lib/core/tex/number';
import { mulberry32 } from '../../helpers/random';

/**
 * Every number a student reads goes through fmt. The oracle needs no expected strings: a printed
 * number, read back, is the value to its significant digits (so 1200.5 never prints as 12), and
 * the form is plain from 1e-4 while the digits fit, exponent form below 1e-4 and from 1e6
 * (0.0005 is not 5e-4).
 */
function readBack(s: string): number {
	return Number(s);
}

const rand = mulberry32(2024);
const samples: number[] = [];
for (let k = 0; k < 4000; k++) {
	const e = Math.floor(rand() * 16) - 8;
	const m = 1 + rand() * 9;
	samples.push((rand() < 0.5 ? -1 : 1) * m * 10 ** e);
}
// round numbers at each scale, whose trailing zeros are digits and not padding
for (let e = -6; e < 9; e++) for (const m of [1, 1.2, 1.5, 2, 5, 9.99951]) samples.push(m * 10 ** e, -m * 10 ** e);
samples.push(1200.5, 1000.4, 99999.6, 120000.2, 0.0001, 0.00099995, 0.000999);

describe('a printed number reads back as the value, to its significant digits', () => {
	for (const sig of [2, 4, 6]) {
		it(`at ${sig} significant digits`, () => {
			for (const x of samples) {
				const s = fmt(x, sig);
				const back = readBack(s);
				expect(Math.abs(back - x), `${x} printed as ${s}`).toBeLessThanOrEqual(0.5 * 10 ** (Math.floor(Math.log10(Math.abs(x))) - sig + 1) * (1 + 1e-9) + 1e-300);
			}
		});
	}
	it('decimals from 1e-4 are written out while their digits fit; below 1e-4 and from 1e6, in exponent form', () => {
		for (const x of samples) {
			const s = fmt(x, 4);
			const ax = Math.abs(x);
			// plain while the digits fit (an integer part longer than 4 digits would be padding)
			if (ax >= 1e-4 && ax < 9999) expect(s, `${x}`).not.toMatch(/e/);
			if (ax < 1e-4 || ax >= 1e6) expect(s, `${x}`).toMatch(/e/);
		}
		expect(fmt(0.0005, 4)).toBe('0.0005');
		expect(fmt(0.00012346, 4)).toBe('0.0001235');
	});
	it('its LaTeX says the same number', () => {
		for (const x of samples.slice(0, 500)) {
			const t = texNum(x, 4).replace(/ \\times 10\^\{(-?\d+)\}/, 'e$1');
			expect(readBack(t), `${x}: ${texNum(x, 4)}`).toBe(readBack(fmt(x, 4)));
		}
	});
});
