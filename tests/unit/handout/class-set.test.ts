import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classKeyText, classSheetsText } from '../../../src/lib/core/handout/class-files.ts';
import { classSet, parseRoster, parseSeeds, seedStudents } from '../../../src/lib/core/handout/class-set.ts';
import { run } from '../../../src/lib/core/program.ts';
import { CLI } from '../../setup/build-cli';

const cli = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
const ADD_MUL = 'x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n';
const deps = { renderTex: (t: string) => `<m>${t}</m>`, katexCss: '' };

describe('who gets a sheet', () => {
	const seeds: [string, number[] | undefined][] = [
		['1-5', [1, 2, 3, 4, 5]],
		['3,9-10,3', [3, 9, 10]],
		['5-1', undefined],
		['a', undefined],
		['1-501', undefined]
	];
	for (const [text, want] of seeds) it(`--seeds ${text}`, () => expect(parseSeeds(text)).toEqual(want));

	it('a roster: one name a line, comments and blanks skipped, a name’s seed independent of its neighbours', () => {
		const a = parseRoster('# class 3B\nAda Lovelace\n\nAlan Turing\nAda Lovelace\n');
		expect(a.map((s) => s.name)).toEqual(['Ada Lovelace', 'Alan Turing']);
		const b = parseRoster('Grace Hopper\nAlan Turing\n');
		expect(b[1].seed).toBe(a[1].seed);
		expect(a[0].seed).not.toBe(a[1].seed);
	});
});

/** The leaf values a sheet's program gives, read from its text. */
function leaves(program: string): Record<string, number> {
	return Object.fromEntries([...program.matchAll(/^(\w) = (-?[\d.]+)$/gm)].map((m) => [m[1], Number(m[2])]));
}

describe('a class set', () => {
	const set = classSet(ADD_MUL, seedStudents([1, 2, 3, 4, 5, 6]), { blanks: 'all-gradients' });
	if (!set.ok) throw new Error(set.message);

	it('gives each student new numbers on the same structure, and none of them sees a key', () => {
		const programs = set.sheets.map((s) => s.program);
		expect(new Set(programs).size).toBe(6);
		for (const p of programs) expect(p.replace(/-?[\d.]+/g, 'N')).toBe(ADD_MUL.replace(/-?[\d.]+/g, 'N'));
		const md = classSheetsText(set.sheets, 'md', deps);
		expect(md).not.toContain('## Answer key');
		expect(md.match(/^# .*— seed \d+$/gm)).toHaveLength(6);
		const html = classSheetsText(set.sheets, 'html', deps);
		expect(html.match(/<div class="student /g)).toHaveLength(6);
		expect(html.match(/<\/html>/g)).toHaveLength(1);
		const tex = classSheetsText(set.sheets, 'tex', deps);
		expect(tex.match(/\\begin\{document\}/g)).toHaveLength(1);
		expect(tex.match(/\\clearpage/g)!.length).toBeGreaterThanOrEqual(5);
	});

	it('the key holds every student’s answers, each the hand-computed gradient of their numbers', () => {
		const key = classKeyText(set.sheets, 'md', deps, 'Quiz');
		expect(key.match(/^## seed \d+$/gm)).toHaveLength(6);
		for (const s of set.sheets) {
			// By hand for f = (x + y) z: ∂f/∂x = ∂f/∂y = z, ∂f/∂z = x + y, ∂f/∂q = z.
			const v = leaves(s.program);
			const byQuantity = new Map(s.handout.answers.map((a) => [a.quantity, Number(a.answer.replace('−', '-'))]));
			expect(byQuantity.get('\\frac{\\partial f}{\\partial x}')).toBeCloseTo(v.z, 3);
			expect(byQuantity.get('\\frac{\\partial f}{\\partial z}')).toBeCloseTo(v.x + v.y, 3);
			expect(run(s.program).ok).toBe(true);
		}
	});

	it('a program with no leaf values cannot make a class set', () => {
		const r = classSet('f = 2 * 3\n', seedStudents([1]), { blanks: 'all-gradients' });
		expect(r.ok).toBe(false);
	});
});

describe('chainstep export --seeds / --students', () => {
	const dir = mkdtempSync(join(tmpdir(), 'chainstep-class-'));
	it('writes every worksheet in OUT and every answer in OUT-key', () => {
		expect(existsSync(CLI), 'build the CLI first').toBe(true);
		const prog = join(dir, 'q.txt');
		writeFileSync(prog, ADD_MUL);
		const out = join(dir, 'quiz.md');
		const r = cli(['export', prog, '--format', 'md', '--worksheet', '--seeds', '1-30', '-o', out]);
		expect(r.status, r.stderr).toBe(0);
		expect(readFileSync(out, 'utf8').match(/^# .*— seed \d+$/gm)).toHaveLength(30);
		expect(readFileSync(join(dir, 'quiz-key.md'), 'utf8').match(/^## seed \d+$/gm)).toHaveLength(30);
		// Each sheet links its own graph, written beside it, with that student's numbers on it.
		const sheets = readFileSync(out, 'utf8').split(/\n---\n/);
		expect(sheets).toHaveLength(30);
		for (const sheet of sheets) {
			const seed = /— seed (\d+)$/m.exec(sheet)?.[1];
			const x = /^x = (\S+)$/m.exec(sheet)?.[1];
			const file = /\]\(<(quiz-seed-(\d+)-graph\.svg)>\)/.exec(sheet);
			expect(file?.[2], 'the graph named for its seed').toBe(seed);
			expect(readFileSync(join(dir, file![1]), 'utf8')).toContain(`>${x}<`);
		}
	});

	it('names each sheet from a roster', () => {
		const roster = join(dir, 'roster.txt');
		writeFileSync(roster, 'Ada\nAlan\nGrace\n');
		const out = join(dir, 'named.tex');
		const r = cli(['export', '-', '--format', 'tex', '--worksheet', '--students', roster, '-o', out], ADD_MUL);
		expect(r.status, r.stderr).toBe(0);
		expect(readFileSync(out, 'utf8')).toContain('--- Grace}');
		// pdflatex reads no SVG: each student's graph is a PDF beside the .tex, named by place and name.
		expect(readFileSync(out, 'utf8')).toMatch(/\\includegraphics\[[^\]]*\]\{named-3-Grace-graph\.pdf\}/);
		expect(readFileSync(join(dir, 'named-3-Grace-graph.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
		expect(readFileSync(join(dir, 'named-key.tex'), 'utf8')).toMatch(/Alan \(seed \d+\)/);
	});

	it.each([
		[['--seeds', '1-3'], /add --worksheet/],
		[['--worksheet', '--seeds', 'x'], /--seeds takes seeds/],
		[['--worksheet', '--seeds', '1-3', '--students', 'r.txt'], /not both/]
	])('refuses %j', (extra, msg) => {
		const r = cli(['export', '-', '--format', 'md', '-o', join(dir, 'x.md'), ...extra], ADD_MUL);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(msg);
	});
});
