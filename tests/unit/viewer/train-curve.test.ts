import { describe, expect, it } from 'vitest';
import { chart, curveSummary, curveSvg, invert, logTicks, nearestStep, niceTicks, pointAt, project, scale, xmlEscape } from '../../../src/lib/core/view/curve';
import { columnSteps, gradHeatmap, heatColour, legendTicks } from '../../../src/lib/core/view/heatmap';

const box = { width: 220, height: 120, left: 10, right: 10, top: 10, bottom: 10 };

describe('scales', () => {
	it.each([
		[scale(0, 10, 0, 100), 5, 50],
		[scale(0, 10, 100, 0), 2, 80],
		[scale(1, 1000, 0, 300, true), 10, 100],
		[scale(1, 1000, 0, 300, true), 100, 200]
	] as const)('%o maps %d to %d and back', (s, v, px) => {
		expect(project(s, v)).toBeCloseTo(px, 9);
		expect(invert(s, px)).toBeCloseTo(v, 9);
	});
	it.each([0, -1, NaN, Infinity])('a log axis has no place for %d', (v) => {
		expect(project(scale(1, 10, 0, 1, true), v)).toBeNaN();
	});
});

describe('ticks', () => {
	it.each([
		[0, 1, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
		[0, 100, 5, [0, 20, 40, 60, 80, 100]],
		[0.31, 0.38, 4, [0.32, 0.34, 0.36, 0.38]],
		[-3, 7, 5, [-2, 0, 2, 4, 6]],
		[2, 2, 5, [2]]
	] as const)('niceTicks(%d, %d, %d)', (lo, hi, n, want) => {
		expect(niceTicks(lo, hi, n)).toEqual(want);
	});
	it('steps are whole numbers, even over a short run', () => {
		expect(niceTicks(0, 3, 5, true)).toEqual([0, 1, 2, 3]);
	});
	it.each([
		[1e-4, 1, [1e-4, 1e-3, 1e-2, 1e-1, 1]],
		[0.02, 0.9, [0.02, 0.05, 0.1, 0.2, 0.5]],
		[1e-12, 1e6, [1e-12, 1e-9, 1e-6, 1e-3, 1, 1e3, 1e6]]
	] as const)('logTicks(%d, %d)', (lo, hi, want) => {
		expect(logTicks(lo, hi)).toEqual(want);
	});
	it('a log range inside one decade still gets ticks', () => {
		const t = logTicks(0.31, 0.38);
		expect(t.length).toBeGreaterThanOrEqual(2);
		for (const v of t) expect(v).toBeGreaterThan(0);
	});
});

describe('chart', () => {
	it('draws steps 0 … n left to right and the larger value higher', () => {
		const c = chart([[4, 2, 1]], { box });
		expect(c.steps).toBe(2);
		const p0 = pointAt(c, [4, 2, 1], 0);
		const p2 = pointAt(c, [4, 2, 1], 2);
		expect(p0.x).toBe(10);
		expect(p2.x).toBe(210);
		expect(p0.y).toBeLessThan(p2.y);
		expect(c.paths[0]).toMatch(/^M10 \d+(\.\d+)?L110 [\d.]+L210 [\d.]+$/);
	});
	it('on a log axis, 0 and negative values are left out (the path breaks) and counted', () => {
		const c = chart([[1, 0.1, 0, -1, 0.01]], { box, log: true });
		expect(c.log).toBe(true);
		expect(c.hidden).toBe(2);
		expect(c.paths[0].match(/M/g)?.length).toBe(2);
		expect(c.y.d0).toBe(0.01);
	});
	it('with no positive value a log axis falls back to linear', () => {
		const c = chart([[-3, -2, -1]], { box, log: true });
		expect(c.log).toBe(false);
		expect(c.hidden).toBe(0);
	});
	it('a flat curve still has a range', () => {
		const c = chart([[5, 5, 5]], { box });
		expect(c.y.d1).toBeGreaterThan(c.y.d0);
	});
	it('a long run keeps a short path with the same extremes', () => {
		const n = 100_000;
		const s = Float64Array.from({ length: n + 1 }, (_, i) => 1 / (1 + i) + (i === 5000 ? 3 : 0));
		const c = chart([s], { box });
		expect(c.paths[0].length).toBeLessThan(20_000);
		// The spike at step 5000 is the maximum: it must still be drawn at the top.
		const ys = [...c.paths[0].matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));
		expect(Math.min(...ys)).toBeCloseTo(box.top, 5);
	});
	it.each([
		[-50, 0],
		[10, 0],
		[59, 1],
		[61, 1],
		[209, 4],
		[900, 4]
	])('the pointer at x = %d is nearest step %d', (px, want) => {
		const c = chart([[5, 4, 3, 2, 1]], { box });
		expect(nearestStep(c, px)).toBe(want);
	});
});

describe('curveSummary', () => {
	it.each([
		[[0.3, 0.1], 'E fell from 0.3 to 0.1 in 1 step.'],
		[[0.1, 0.2, 0.3], 'E rose from 0.1 to 0.3 in 2 steps.'],
		[[1, 1], 'E stayed at 1 over 1 step.'],
		[[0.25], 'E = 0.25 before any step.']
	])('%o', (losses, want) => {
		expect(curveSummary(losses, 'E')).toBe(want);
	});
});

describe('curveSvg', () => {
	it('is one SVG element with every label escaped', () => {
		const svg = curveSvg([1, 0.5, 0.25], { name: 'L<&>"\'', title: '<script>alert(1)</script>' });
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
		expect(svg).not.toContain('<script>');
		expect(svg).toContain('&lt;script&gt;');
		expect(svg).toContain('L&lt;&amp;&gt;&quot;&#39;');
		// Every tag opened is closed or self-closed (a cheap well-formedness check; the e2e test parses it).
		const opened = (svg.match(/<(?!\/)[a-z]+[^>]*[^/]>/g) ?? []).length;
		const closed = (svg.match(/<\/[a-z]+>/g) ?? []).length;
		expect(opened).toBe(closed);
	});
	it('says when it is on a log scale and what it left out', () => {
		const svg = curveSvg([1, 0, 0.01], { name: 'E', log: true });
		expect(svg).toContain('E (log scale)');
		expect(svg).toContain('1 point not drawn');
	});
	it.each([
		['a&b', 'a&amp;b'],
		['<', '&lt;']
	])('xmlEscape(%s)', (s, want) => expect(xmlEscape(s)).toBe(want));
});

describe('gradient heatmap', () => {
	it('one column a step while they fit, log10 of each size, 0 as −∞', () => {
		const h = gradHeatmap([{ name: 'w', norms: [1, 0.1, 0] }], 10);
		expect(h.cols).toBe(3);
		expect(Array.from(h.rows[0].cells)).toEqual([0, -1, -Infinity]);
		expect([h.min, h.max]).toEqual([-1, 0]);
	});
	it('more steps than columns: each column the geometric mean of its steps', () => {
		const h = gradHeatmap([{ name: 'w', norms: [1, 0.01, 1e-4, 1e-6, 1] }], 2);
		expect(h.per).toBe(3);
		expect(h.cols).toBe(2);
		expect(h.rows[0].cells[0]).toBeCloseTo(-2, 12);
		expect(h.rows[0].cells[1]).toBeCloseTo(-3, 12);
		expect(columnSteps(h, 1)).toEqual([3, 4]);
	});
	it('a non-finite size is NaN, not a colour of the scale', () => {
		const h = gradHeatmap([{ name: 'w', norms: [1, Infinity] }], 10);
		expect(h.rows[0].cells[1]).toBeNaN();
	});
	it('small is dark and large is bright (viridis ends)', () => {
		expect(heatColour(-5, -5, 0)).toBe('#440154');
		expect(heatColour(0, -5, 0)).toBe('#fde725');
	});
	it('legend ticks are whole powers of ten inside the range', () => {
		expect(legendTicks(-5.5, 0.2)).toEqual([-5, -3, -1]);
		expect(legendTicks(-2, 0)).toEqual([-2, -1, 0]);
	});
});
