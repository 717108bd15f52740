/**
 * The unit tests Stryker runs against each mutant of the core: the in-process tests of the engine,
 * its words and LaTeX, and the handout model. Left out: tests that spawn the built CLI or
 * Chromium (a child process never sees the mutant; they are slow too), timing tests (a mutant slows
 * them, not wrongs them), the purity rule (it reads files, not behaviour), view state and the e2e suite.
 * No SvelteKit plugin: the core and these tests import only relative .ts files.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	root: resolve(import.meta.dirname, '../..'),
	test: {
		include: [
			'tests/unit/engine/*.test.ts',
			// the handout's rows quote the trace's words and LaTeX
			'tests/unit/handout/{chain,model}.test.ts'
			// practice and train read the same trace but test their own folders, and cost ~20 s a
			// mutant that survives: add them here to mutate src/lib/core/{practice,train}
		],
		exclude: [
			'tests/unit/engine/{cli,cli-failures,gates-cli,nudge-cli,golden,read-source,purity}.test.ts',
			// timing limits: a mutant that slows the code is not what these runs look for
			'tests/unit/engine/{linear-cost,freezes}.test.ts',
			// a view state (Svelte runes), which needs the SvelteKit plugin
			'tests/unit/engine/nudge-view.test.ts',
			// random and very deep programs: a minute per mutant that survives, and no oracle the others lack
			'tests/unit/engine/{fuzz,deep-programs}.test.ts',
			'tests/unit/**/scratch-*.test.ts'
		],
		environment: 'node',
		testTimeout: 30_000,
		// the golden examples live in ../shared beside the checkout, which Stryker's sandbox is not;
		// their tests skip there (golden.test.ts, which also runs the CLI, is left out above)
		env: { CI: '' }
	}
});
