import { describe, expect, it } from 'vitest';
import { layoutTrace } from '../../../src/lib/adapters/elk-node.ts';
import { slideGraphBox, slidePages } from '../../../src/lib/core/handout/slides.ts';
import { READABLE_SCALE } from '../../../src/lib/core/layout/camera.ts';
import { defaultCollapsed } from '../../../src/lib/core/layout/elk-input.ts';
import { exampleTrace, traceOf } from '../layout/helpers.ts';

// A 2-2-2 sigmoid network with shared biases, stepped one scalar at a time: wider than a slide can show readably.
const NET = `i1 = 0.05\ni2 = 0.10\nw1 = 0.15\nw2 = 0.20\nw3 = 0.25\nw4 = 0.30\nb1 = 0.35\nw5 = 0.40\nw6 = 0.45\nw7 = 0.50\nw8 = 0.55\nb2 = 0.60\nt1 = 0.01\nt2 = 0.99
net_h1 = w1*i1 + w2*i2 + b1\nnet_h2 = w3*i1 + w4*i2 + b1\nout_h1 = sigmoid(net_h1)\nout_h2 = sigmoid(net_h2)
net_o1 = w5*out_h1 + w6*out_h2 + b2\nnet_o2 = w7*out_h1 + w8*out_h2 + b2\nout_o1 = sigmoid(net_o1)\nout_o2 = sigmoid(net_o2)
E = 0.5*(t1 - out_o1)^2 + 0.5*(t2 - out_o2)^2\n`;

const viewBox = (svg: string) => /<svg[^>]*viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number);

describe('a slide shows the graph readably', () => {
	it('a graph too big to read whole is followed: each slide shows the current node at the drawing’s own size', async () => {
		const t = traceOf(NET);
		const layout = await layoutTrace(t, defaultCollapsed(t, 'scalar'));
		const ks = t.steps.map((_, k) => k);
		const { pages, wide } = slidePages(t, layout, 'scalar', ks);
		const box = slideGraphBox(wide);
		expect(Math.min(box.w / layout.width, box.h / layout.height), 'this graph does not read whole on a slide').toBeLessThan(READABLE_SCALE);
		for (const p of pages) {
			const [x, y, w, h] = viewBox(p.svg);
			// The window has the box's size: the drawing at 1:1.
			expect(w).toBeCloseTo(box.w, 0);
			expect(h).toBeCloseTo(box.h, 0);
			// The current node's ring (4 px outside the node), the first rect of its group.
			const current = [...p.svg.matchAll(/<g class="cs-node cs-current"[^>]*><title>[^<]*<\/title><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)];
			expect(current.length, `step ${p.k + 1} marks its node`).toBeGreaterThan(0);
			for (const [, cx, cy, cw, ch] of current.map((m) => m.map(Number))) {
				expect(cx).toBeGreaterThanOrEqual(x - 0.5);
				expect(cy).toBeGreaterThanOrEqual(y - 0.5);
				expect(cx + cw).toBeLessThanOrEqual(x + w + 0.5);
				expect(cy + ch).toBeLessThanOrEqual(y + h + 0.5);
			}
		}
	});

	it('a graph that reads whole is shown whole', async () => {
		const t = exampleTrace('add-mul');
		const layout = await layoutTrace(t, defaultCollapsed(t, 'scalar'));
		const { pages } = slidePages(t, layout, 'scalar', [0, 3]);
		for (const p of pages) expect(viewBox(p.svg)).toEqual([0, 0, Math.round(layout.width * 10) / 10, Math.round(layout.height * 10) / 10]);
	});
});
