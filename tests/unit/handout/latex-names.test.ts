import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../../src/cli/pdf';
import { graphFileName } from '../../../src/lib/core/handout/files';
import { handoutLatex, latexProgram, PROGRAM_COLUMNS, wrapProgramLine } from '../../../src/lib/core/handout/latex';
import { buildHandout } from '../../../src/lib/core/handout/model';
import { traceOf } from './fixtures';
import { CLI } from '../../setup/build-cli';

/** Issue 11: LaTeX handouts whose file names or program lines pdflatex could not take. */
const run = promisify(execFile);
const PDFLATEX = '/usr/bin/pdflatex';

async function pdflatex(dir: string, file: string): Promise<{ ok: boolean; log: string; text: string }> {
	try {
		await run(PDFLATEX, ['-halt-on-error', '-interaction=nonstopmode', '-no-shell-escape', file], { cwd: dir, timeout: 60_000 });
		const pdf = file.replace(/\.tex$/, '.pdf');
		const { stdout } = await run('pdftotext', ['-layout', pdf, '-'], { cwd: dir });
		return { ok: true, log: readFileSync(join(dir, file.replace(/\.tex$/, '.log')), 'latin1'), text: stdout };
	} catch (e) {
		return { ok: false, log: String((e as { stdout?: string }).stdout ?? e).slice(-3000), text: '' };
	}
}

describe('graph file names beside a handout', () => {
	it.each([
		['prog', 1, 'prog-graph.pdf'],
		['prog', 3, 'prog-graph-2.pdf'],
		['übung', 1, 'ubung-graph.pdf'],
		['Ärger mit ß', 1, 'Arger-mit-graph.pdf'],
		['a#b&c{d}^e%f~g', 1, 'a-b-c-d-e-f-g-graph.pdf'],
		['my_prog.v2', 1, 'my-prog-v2-graph.pdf'],
		['%%', 1, 'handout-graph.pdf']
	])('%s (%i pieces) → %s: ASCII letters, digits and - only', (stem, pieces, want) => {
		// The second piece when there are several (piece index 1).
		expect(graphFileName(stem, pieces === 1 ? 0 : 1, pieces, 'pdf')).toBe(want);
	});

	it('\\includegraphics gets the file name raw, not escaped as text', () => {
		const tex = handoutLatex(buildHandout(traceOf('x = 1\nf = x * 2\n')), { graphFiles: ['my-prog-v2-graph.pdf'] });
		expect(tex).toContain('{my-prog-v2-graph.pdf}');
	});
});

describe('long program lines wrap', () => {
	// 135 characters, as in the issue: 6 + 31 × 4 + 5 (the tail, zzend, is what ran off the page).
	const LINE = `fff = ${'x + '.repeat(31)}zzend`;
	it('the 135-character line is cut into pieces that fit, keeping every character', () => {
		expect(LINE.length).toBe(135);
		const pieces = wrapProgramLine(LINE);
		expect(pieces.length).toBe(2);
		for (const p of pieces) expect(p.length).toBeLessThanOrEqual(PROGRAM_COLUMNS);
		// Cut after a space or operator: rejoined with one space it is the line again.
		expect(pieces.join(' ').replace(/ {2,}/g, ' ')).toBe(LINE);
		// A name with no break in it is cut at the width.
		expect(wrapProgramLine('a'.repeat(250)).map((p) => p.length)).toEqual([96, 92, 62]);
		// Non-ASCII without a LaTeX command prints as [U+00E9] (8 columns): 96 / 8 = 12 of them fit.
		expect(wrapProgramLine('é'.repeat(30))[0]).toBe('é'.repeat(12));
		expect(latexProgram(`x = 1\n${LINE}\n`)).toContain('$\\hookrightarrow$');
	});

	it.skipIf(!existsSync(PDFLATEX))('pdflatex prints the whole line on the page', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'chainstep-wrap-'));
		const src = `zzend = 1\nx = 1\n${LINE}\ng = fff * 2\n`;
		writeFileSync(join(dir, 'wrap.tex'), handoutLatex(buildHandout(traceOf(src))));
		const r = await pdflatex(dir, 'wrap.tex');
		expect(r.ok, r.log).toBe(true);
		// pdftotext drops text past the page's edge: before the fix the line stopped near column 100.
		const program = r.text.slice(r.text.indexOf('Program'), r.text.indexOf('Forward pass'));
		expect(program).toMatch(/\+ zzend\s*\n\s*g = fff \* 2/);
		expect(r.log).not.toMatch(/Overfull \\hbox \([\d.]+pt too wide\) in paragraph at lines \d+--\d+\n\[\]\\OT1\/cmtt/);
	});
});

const haveTools = existsSync(PDFLATEX) && existsSync(CHROMIUM) && existsSync(CLI);
describe.skipIf(!haveTools)('chainstep export -o NAME.tex compiles whatever the name', () => {
	it('übung.tex and a name full of # & { } ^ % ~: the graph is included', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'chainstep-names-'));
		writeFileSync(join(dir, 'prog.txt'), 'x = 2\ny = 3\nf = x * y + x\n');
		const names = ['übung.tex', 'a#b&c{d}^e%f~g.tex'];
		const exported = await Promise.all(
			names.map(
				(n) =>
					new Promise<{ code: number | null; stderr: string }>((resolve) => {
						const c = spawn(process.execPath, [CLI, 'export', 'prog.txt', '--format', 'tex', '-o', n], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
						let stderr = '';
						c.stderr.on('data', (d) => (stderr += d));
						c.on('close', (code) => resolve({ code, stderr }));
					})
			)
		);
		for (const e of exported) expect(e.code, e.stderr).toBe(0);
		expect(readdirSync(dir).filter((f) => f.endsWith('-graph.pdf')).sort()).toEqual(['a-b-c-d-e-f-g-graph.pdf', 'ubung-graph.pdf']);
		// TeX cannot be given `a#b&c….tex` on its own command line; the handout inside it must still compile.
		copyFileSync(join(dir, names[1]), join(dir, 'special.tex'));
		for (const [file, graph] of [
			['übung.tex', 'ubung-graph.pdf'],
			['special.tex', 'a-b-c-d-e-f-g-graph.pdf']
		]) {
			const r = await pdflatex(dir, file);
			expect(r.ok, r.log).toBe(true);
			expect(r.log).toContain(`<${graph}`);
		}
	}, 120_000);
});
