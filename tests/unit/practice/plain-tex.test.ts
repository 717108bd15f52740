import { describe, expect, it } from 'vitest';
import { plainTex } from '../../../src/lib/components/practice/plain-tex';

// Expected names written by hand from how the factor reads aloud.
const CASES: [string, string][] = [
	['\\frac{\\partial q}{\\partial f}', '∂q/∂f'],
	['\\frac{\\partial s}{\\partial w_{2}}', '∂s/∂w2'],
	['\\frac{\\partial s}{\\partial \\left(w_{0}\\,x_{0} + w_{1}\\,x_{1}\\right)}', '∂s/(∂(w0 x0 + w1 x1))'],
	['\\frac{\\partial \\hat{y}}{\\partial x}', '∂yhat/∂x']
];

describe('a factor choice has a plain-text name', () => {
	it.each(CASES)('%s → %s', (tex, want) => {
		expect(plainTex(tex)).toBe(want);
	});
});
