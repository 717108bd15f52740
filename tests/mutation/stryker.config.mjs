// @ts-check
/**
 * Mutation testing of the core: `npm run mutate` (README, "Mutation testing").
 * Scope: MUTATE=ops,tex/number.ts npm run mutate picks folders or files of src/lib/core; the
 * default is the five the engine's meaning lives in. Measured on this two-core machine (shared,
 * load ~10): about 7 mutants a minute, and the five folders hold ~7,900 (ops 343, autodiff 249,
 * tex 556, language 2,174, trace 4,587), so a first full run takes hours: pick a folder or a file.
 * Incremental: a rerun tests only mutants whose code or tests changed (the incremental file is
 * under .cache/, gitignored); `npm run mutate -- --force` reruns all.
 */
const scope = (process.env.MUTATE ?? 'ops,autodiff,trace,tex,language').split(',').map((f) => f.trim()).filter(Boolean);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	testRunner: 'vitest',
	plugins: ['@stryker-mutator/vitest-runner'],
	vitest: { configFile: 'tests/mutation/vitest.config.ts', related: true },
	mutate: scope.map((f) => (f.endsWith('.ts') ? `src/lib/core/${f}` : `src/lib/core/${f}/**/*.ts`)),
	// the sandbox needs the sources, the tests and .svelte-kit/tsconfig.json (tsconfig.json extends
	// it, and vite's TypeScript transform reads it; Stryker leaves .svelte-kit out unless told)
	ignorePatterns: ['!/.svelte-kit', '/build', '/dist-cli', '/test-results', '/test-output', '/playwright-report', '/bench', '/static', '/tests/mutation/.cache', '/.ci'],
	tempDirName: 'tests/mutation/.cache/tmp',
	cleanTempDir: 'always',
	incremental: true,
	incrementalFile: 'tests/mutation/.cache/incremental.json',
	// two cores: one vitest worker per core
	concurrency: 2,
	coverageAnalysis: 'perTest',
	// A static mutant is one run only while a module loads (an op's name, precedence or domain in
	// the registry table): Stryker must reload everything and run every test for each, about two
	// minutes apiece here. They are left out by default; MUTATE_STATIC=1 includes them (slow).
	ignoreStatic: !process.env.MUTATE_STATIC,
	timeoutMS: 10_000,
	reporters: ['clear-text', 'progress', 'html', 'json'],
	htmlReporter: { fileName: 'tests/mutation/.cache/report/mutation.html' },
	jsonReporter: { fileName: 'tests/mutation/.cache/report/mutation.json' },
	clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
	thresholds: { high: 90, low: 80, break: null }
};
