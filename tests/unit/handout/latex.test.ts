import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { handoutLatex } from '../../../src/lib/core/handout/latex';
import { buildHandout } from '../../../src/lib/core/handout/model';
import { CASES, goldenGradients, HOSTILE, normaliseText, rows, traceOf } from './fixtures';

const run = promisify(execFile);
const PDFLATEX = '/usr/bin/pdflatex';
const have = existsSync(PDFLATEX);
if (!have) {
	if (process.env.CI) throw new Error(`CI is set but ${PDFLATEX} is missing: install texlive-latex-base and texlive-latex-recommended`);
	console.warn(`[chainstep] ${PDFLATEX} not found: the LaTeX compile tests are skipped.`);
}

interface Compiled {
	ok: boolean;
	log: string;
	text: string[];
}

/** Compile in a fresh folder; `-no-shell-escape` so a document can never run a command. */
async function compile(dir: string, name: string, tex: string): Promise<Compiled> {
	writeFileSync(join(dir, `${name}.tex`), tex);
	try {
		await run(PDFLATEX, ['-halt-on-error', '-interaction=nonstopmode', '-no-shell-escape', `${name}.tex`], { cwd: dir, timeout: 30_000 });
		const { stdout } = await run('pdftotext', ['-layout', `${name}.pdf`, '-'], { cwd: dir });
		return { ok: true, log: '', text: normaliseText(stdout).split('\f') };
	} catch (e) {
		return { ok: false, log: String((e as { stdout?: string }).stdout ?? e).slice(-3000), text: [] };
	}
}

const results = new Map<string, Compiled>();

describe.skipIf(!have)('LaTeX handout compiles with pdflatex', () => {
	beforeAll(async () => {
		const dir = mkdtempSync(join(tmpdir(), 'chainstep-tex-'));
		const jobs: [string, string][] = CASES.flatMap((c) => [
			[c.example.id, handoutLatex(buildHandout(c.trace))],
			[`${c.example.id}-worksheet`, handoutLatex(buildHandout(c.trace, { blanks: 'all-gradients' }), { paper: 'letter' })]
		]);
		jobs.push(['hostile', handoutLatex(buildHandout(traceOf(HOSTILE), { title: '\\def\\x{1} $ & % # _ ^ ~ { } \\end{document} é' }))]);
		// A few at a time: pdflatex is mostly start-up, and a busy machine thrashes on many at once.
		const queue = [...jobs];
		const worker = async () => {
			for (let job = queue.shift(); job; job = queue.shift()) results.set(job[0], await compile(dir, job[0], job[1]));
		};
		await Promise.all([worker(), worker(), worker(), worker()]);
	}, 60_000);

	it.each(rows())('%s: handout and worksheet compile, passes on their own pages', (id, c) => {
		for (const name of [id, `${id}-worksheet`]) {
			const r = results.get(name)!;
			expect(r.ok, r.log).toBe(true);
			const forwardPage = r.text.findIndex((p) => p.includes('Forward pass'));
			const backwardPage = r.text.findIndex((p) => p.includes('Backward pass'));
			expect(r.text[0]).toContain('Program');
			expect(forwardPage).toBeGreaterThan(0);
			expect(backwardPage).toBeGreaterThan(forwardPage);
		}
		const all = results.get(id)!.text.join('\n');
		if (c.golden) for (const g of goldenGradients(c.golden)) expect(all, `gradient ${g}`).toContain(g);
		const key = results.get(`${id}-worksheet`)!.text;
		expect(key.findIndex((p) => p.includes('Answer key'))).toBeGreaterThan(key.findIndex((p) => p.includes('Backward pass')));
	});

	it('compiles a program and title full of LaTeX special characters, printing them as text', () => {
		const r = results.get('hostile')!;
		expect(r.ok, r.log).toBe(true);
		// OT1 fonts draw _ ^ ~ as rules and accents that pdftotext does not read back; the rest reads as typed.
		for (const s of ['end{verbatim}', 'input{/etc/passwd} % &', '</style></pre><script>', 'end{document}', '[U+00E9]'])
			expect(r.text[0], s).toContain(s);
	});
});
