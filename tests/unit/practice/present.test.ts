import { describe, expect, it } from 'vitest';
import { cameraFor, READABLE_ZOOM, WHOLE_MIN_ZOOM } from '../../../src/lib/components/present/camera.ts';
import { stackEquals } from '../../../src/lib/core/tex/stack.ts';
import { presentAction } from '../../../src/lib/state/present-keys.ts';

describe('present mode helpers', () => {
	const stacks: [string, string][] = [
		['q = 3', 'q = 3'],
		['a = b = c', '\\begin{aligned}a &= b \\\\ &= c\\end{aligned}'],
		['\\frac{a = b}{c} = 1', '\\frac{a = b}{c} = 1'],
		['x_{i = 1} = y = 2', '\\begin{aligned}x_{i = 1} &= y \\\\ &= 2\\end{aligned}']
	];
	for (const [tex, out] of stacks) it(`stacks ${tex}`, () => expect(stackEquals(tex)).toBe(out));
	// Too wide even at the smallest size: a chain-rule product a factor a row, a sum a term a row.
	const split: [string, string][] = [
		['\\frac{\\partial E}{\\partial q} = \\frac{\\partial E}{\\partial f}\\frac{\\partial f}{\\partial q} = -0.5', '\\begin{aligned}\\frac{\\partial E}{\\partial q} &= \\frac{\\partial E}{\\partial f} \\\\ &\\qquad \\cdot \\frac{\\partial f}{\\partial q} \\\\ &= -0.5\\end{aligned}'],
		['g = \\frac{a}{b}\\frac{c}{d} + \\frac{e}{f}\\, \\frac{g}{h}', '\\begin{aligned}g &= \\frac{a}{b} \\\\ &\\qquad \\cdot \\frac{c}{d} \\\\ &\\qquad + \\frac{e}{f} \\\\ &\\qquad \\cdot \\frac{g}{h}\\end{aligned}'],
		['q = 2 \\cdot 3 = 6', '\\begin{aligned}q &= 2 \\cdot 3 \\\\ &= 6\\end{aligned}']
	];
	for (const [tex, out] of split) it(`splits ${tex}`, () => expect(stackEquals(tex, { splitProducts: true })).toBe(out));

	it('shows a small graph whole and centred, follows the current node in a big one', () => {
		const small = cameraFor({ w: 700, h: 600 }, { w: 300, h: 200 }, { x: 0, y: 0, width: 90, height: 40 });
		expect(small.z).toBeGreaterThan(READABLE_ZOOM);
		expect(small.tx).toBeCloseTo((700 - small.z * 300) / 2);
		const big = cameraFor({ w: 700, h: 600 }, { w: 2000, h: 800 }, { x: 1000, y: 400, width: 100, height: 40 });
		expect(big.z).toBe(READABLE_ZOOM);
		expect(big.tx + big.z * 1050).toBeCloseTo(350);
		// A graph a little too wide for the readable zoom is still shown whole rather than cut.
		const medium = cameraFor({ w: 700, h: 600 }, { w: 375, h: 250 }, { x: 300, y: 100, width: 64, height: 40 });
		expect(medium.z).toBeCloseTo(700 / 375);
		expect(medium.z).toBeGreaterThanOrEqual(WHOLE_MIN_ZOOM);
		expect(medium.tx).toBeCloseTo(0);
		// Whole at 700/470 = 1.49 would set 11 px text at 16 px, too small for a hall: it is followed at the readable zoom.
		expect(cameraFor({ w: 700, h: 600 }, { w: 470, h: 250 }, { x: 400, y: 100, width: 64, height: 40 }).z).toBe(READABLE_ZOOM);
		// The smallest graph text whole or followed is at least 20 px: 11 px at 1:1 (GRAPH_FONT.detail) times the zoom.
		expect(11 * WHOLE_MIN_ZOOM).toBeGreaterThanOrEqual(20);
		expect(11 * READABLE_ZOOM).toBeGreaterThanOrEqual(20);
		// At an edge the camera stops at the drawing's border instead of showing empty space.
		const edge = cameraFor({ w: 700, h: 600 }, { w: 2000, h: 800 }, { x: 0, y: 0, width: 100, height: 40 });
		expect(edge.tx).toBe(0);
		expect(edge.ty).toBe(0);
	});

	const keys: [string, string | undefined][] = [
		['PageDown', 'next'],
		['PageUp', 'prev'],
		['ArrowRight', 'next'],
		['ArrowLeft', 'prev'],
		[' ', 'next'],
		['b', 'blackout'],
		['B', 'blackout'],
		['.', 'blackout'],
		['f', 'fullscreen'],
		['Home', 'first'],
		['End', 'last'],
		['o', 'overview'],
		['O', 'overview'],
		['g', 'graph'],
		['G', 'graph'],
		['x', undefined]
	];
	for (const [key, action] of keys)
		it(`${JSON.stringify(key)} → ${action}`, () => expect(presentAction({ key, altKey: false, ctrlKey: false, metaKey: false })).toBe(action));
	it('leaves browser shortcuts alone', () => expect(presentAction({ key: 'f', altKey: false, ctrlKey: true, metaKey: false })).toBeUndefined());
});
