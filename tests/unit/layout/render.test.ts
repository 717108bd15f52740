import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutTrace } from '../../../src/lib/adapters/elk-node.ts';
import { defaultCollapsed } from '../../../src/lib/core/layout/elk-input.ts';
import { sceneAt } from '../../../src/lib/core/layout/scene.ts';
import { sceneToSvg } from '../../../src/lib/core/layout/svg.ts';
import { run } from '../../../src/lib/core/program.ts';
import { EXAMPLES } from '../../../src/lib/examples/examples.ts';

/**
 * For looking at the drawing: CS_RENDER_DIR=/tmp/cs npx vitest run tests/unit/layout/render.test.ts
 * writes one SVG per example at a mid-backward step (convert them with chromium or ImageMagick).
 */
const dir = process.env.CS_RENDER_DIR;

describe.skipIf(!dir)('render examples to SVG files', () => {
	it.each(EXAMPLES.map((e) => [e.id, e.program]))('%s', async (id, program) => {
		const r = run(program);
		if (!r.ok) throw new Error(id);
		const t = r.trace;
		const layout = await layoutTrace(t, defaultCollapsed(t));
		const k = t.backwardStart + Math.floor((t.steps.length - t.backwardStart) / 2);
		mkdirSync(dir as string, { recursive: true });
		for (const theme of ['light', 'dark'] as const)
			writeFileSync(join(dir as string, `${id}-${theme}.svg`), sceneToSvg(sceneAt(t, layout, 'scalar', k), { theme, title: id }));
		expect(layout.nodes.length).toBeGreaterThan(0);
	});
});
