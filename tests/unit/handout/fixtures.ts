import { run } from '../../../src/lib/core/program';
import type { Trace } from '../../../src/lib/core/trace/build';
import { fmt } from '../../../src/lib/core/tex/number';
import { EXAMPLES, type Example } from '../../../src/lib/examples/examples';
import { flatten, loadGoldens, type Golden } from '../../helpers/golden';

/** Shared by the handout tests: every built-in example with its trace, and its golden file when present. */
export interface Case {
	readonly example: Example;
	readonly trace: Trace;
	readonly golden?: Golden;
}

export function traceOf(program: string): Trace {
	const r = run(program);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
	return r.trace;
}

const goldens = loadGoldens();
export const HAVE_GOLDENS = goldens.length > 0;

/**
 * Each trace is computed on first use, inside the test that reads it, not when the file is
 * imported: a test run stays cheap when it needs one example, and mutation testing can tell which
 * test covers which line (code run at import is "static" to Stryker, re-run for every mutant).
 */
export const CASES: readonly Case[] = EXAMPLES.map((example) => {
	let trace: Trace | undefined;
	return {
		example,
		get trace() {
			return (trace ??= traceOf(example.program));
		},
		golden: goldens.find((g) => g.id === example.id)
	};
});

/** `[id, case]` rows for it.each. */
export const rows = (cases: readonly Case[] = CASES) => cases.map((c) => [c.example.id, c] as [string, Case]);

/** The example's gradients, read from its golden file and printed by the one formatter. */
export function goldenGradients(g: Golden, sig = 4): string[] {
	return [...new Set(Object.values(g.grads).flatMap((v) => flatten(v).map((x) => fmt(x, sig))))];
}

/**
 * A program whose comments hold every character the formats treat specially; names are checked
 * by the lexer, so the program text (here, its comments) is where hostile text can get in.
 */
export const HOSTILE = [
	'# ``` </style></pre><script>alert(1)</script> $x$ | a | \\end{verbatim} \\input{/etc/passwd} % & _ ^ ~ # { } <b>',
	'# ```` $$ \\\\ ** __ [link](javascript:alert(1)) ![img](x) &amp; --> <!-- ∂ é ✓',
	'x = 2   # tab\there',
	'f = x ^ 2',
	''
].join('\n');

export { katexParses, markdownMath } from '../../helpers/math';

/** pdftotext output in a comparable form: KaTeX's minus sign and zero-width spaces normalised. */
export function normaliseText(s: string): string {
	return s.replace(/\u2212/g, '-').replace(/[\u200b\u200c\u200d]/g, '');
}

/**
 * A Mazur-style 2-2-2 sigmoid network with shared biases and a squared-error loss: 68 scalar
 * steps, so its handout is by assignment unless asked otherwise.
 */
export const NET_222 = [
	'i1 = 0.05',
	'i2 = 0.10',
	'w1 = 0.15',
	'w2 = 0.20',
	'w3 = 0.25',
	'w4 = 0.30',
	'w5 = 0.40',
	'w6 = 0.45',
	'w7 = 0.50',
	'w8 = 0.55',
	'b1 = 0.35',
	'b2 = 0.60',
	't1 = 0.01',
	't2 = 0.99',
	'h1 = sigmoid(w1*i1 + w2*i2 + b1)',
	'h2 = sigmoid(w3*i1 + w4*i2 + b1)',
	'o1 = sigmoid(w5*h1 + w6*h2 + b2)',
	'o2 = sigmoid(w7*h1 + w8*h2 + b2)',
	'E = 0.5(t1 - o1)^2 + 0.5(t2 - o2)^2',
	''
].join('\n');
