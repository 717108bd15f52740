import { basename, dirname, extname, join } from 'node:path';
import type { Blanks } from '../lib/core/handout/blanks.ts';
import { classKeyText, classSheetsText } from '../lib/core/handout/class-files.ts';
import { classSet, parseRoster, parseSeeds, seedStudents, type Student, type StudentSheet } from '../lib/core/handout/class-set.ts';
import type { GraphPrint } from '../lib/core/handout/graph-print.ts';
import type { Browser } from 'playwright-core';
import { graphFileName, graphViewFor } from '../lib/core/handout/files.ts';
import type { Paper } from '../lib/core/handout/latex.ts';
import { DEFAULT_TITLE } from '../lib/core/handout/model.ts';
import type { Granularity } from '../lib/core/trace/steps.ts';
import { InputError, UsageError } from './cli-errors.ts';
import type { ExportFormat } from './export-render.ts';
import { graphPrint, svgSize } from './graph-svg.ts';
import { katexCssInlined, renderTex, renderTexForPrint } from './katex-assets.ts';
import { oneBrowser, PdfUnavailable, printPdf, printSvgPdf } from './pdf.ts';
import { readSource } from './read-source.ts';
import { writeOutputs, type OutputFile } from './output-files.ts';

export interface ClassSetRequest {
	readonly file: string;
	readonly program: string;
	readonly format: ExportFormat;
	readonly out: string | undefined;
	readonly seeds: string | undefined;
	readonly students: string | undefined;
	readonly blanks: Blanks;
	readonly sig?: number;
	readonly title?: string;
	readonly paper: Paper;
	readonly rows: Granularity | 'auto';
}

/** `--seeds 1-30` or `--students roster.txt`: who gets a sheet, each with their seed. */
export function classStudents(seeds: string | undefined, roster: string | undefined): Student[] {
	if (seeds !== undefined && roster !== undefined) throw new UsageError('give --seeds or --students, not both');
	if (seeds !== undefined) {
		const s = parseSeeds(seeds);
		if (!s || s.length === 0) throw new UsageError(`--seeds takes seeds such as 1-30 or 3,5,9-12 (at most 500), not ${seeds}`);
		return seedStudents(s);
	}
	const names = parseRoster(readSource(roster ?? '-'));
	if (names.length === 0) throw new UsageError(`--students ${roster}: the roster has no names (one name a line)`);
	return names;
}

/**
 * A class set: OUT holds every student's worksheet (one after another, each on new pages) and
 * OUT-key the instructor's key with every student's answers. Files, never standard output:
 * there are two of them.
 */
export async function exportClassSet(r: ClassSetRequest): Promise<number> {
	if (r.format === 'svg') throw new UsageError('a class set is a worksheet: use --format pdf, md, tex or html');
	if (r.blanks === 'none') throw new UsageError('a class set is a worksheet: add --worksheet (all-gradients or steps such as 3,5,7-9)');
	if (!r.out) throw new UsageError('a class set writes two files (the worksheets and the key): give -o OUT.' + r.format);
	const students = classStudents(r.seeds, r.students);
	const set = classSet(r.program, students, { blanks: r.blanks, sig: r.sig, title: r.title, granularity: r.rows });
	if (!set.ok) throw new InputError(`${r.file}: ${set.message}`);
	const title = r.title?.trim() || DEFAULT_TITLE;
	const keyPath = join(dirname(r.out), `${basename(r.out, extname(r.out))}-key${extname(r.out) || `.${r.format}`}`);
	const deps = { renderTex: r.format === 'pdf' ? renderTexForPrint : renderTex, katexCss: katexCssInlined(), paper: r.paper };
	// Each student's graph shows their own numbers, drawn as far as the worksheet allows; the
	// sheets share one shape, so they share one layout (graph-svg.ts).
	const graphs = await Promise.all(set.sheets.map((s) => graphPrint(s.trace, graphViewFor(s.trace, r.blanks, r.rows), { sig: r.sig, title: s.handout.title })));
	const browser = oneBrowser();
	const getBrowser = browser.get;
	try {
		if (r.format === 'pdf') {
			const format = r.paper === 'letter' ? 'Letter' : 'A4';
			const sheets = await printPdf(await getBrowser(), classSheetsText(set.sheets, 'html', { ...deps, graphs }), format);
			const key = await printPdf(await getBrowser(), classKeyText(set.sheets, 'html', deps, title), format);
			writeOutputs(
				[
					{ path: r.out, data: sheets },
					{ path: keyPath, data: key }
				],
				r.file
			);
		} else {
			const { beside, graphHrefs, graphFiles } = await graphsBeside(r.format, r.out, set.sheets, graphs, getBrowser);
			const sheetDeps = { ...deps, graphs, graphHrefs, graphFiles };
			writeOutputs(
				[
					{ path: r.out, data: classSheetsText(set.sheets, r.format, sheetDeps) },
					{ path: keyPath, data: classKeyText(set.sheets, r.format, deps, title) },
					...beside
				],
				r.file
			);
		}
	} finally {
		await browser.close();
	}
	process.stderr.write(`chainstep: ${set.sheets.length} worksheets in ${r.out}, their answers in ${keyPath}\n`);
	return 0;
}

/**
 * Each student's graph pieces as files beside OUT, as for one handout: GitHub shows no data:
 * images (Markdown links SVG files), and pdflatex reads no SVG (Chromium prints each piece to a
 * PDF of its size; without Chromium the LaTeX sheets have no pictures, and say so).
 */
async function graphsBeside(
	format: 'md' | 'tex' | 'html',
	out: string,
	sheets: readonly StudentSheet[],
	graphs: readonly GraphPrint[],
	browser: () => Promise<Browser>
): Promise<{ beside: OutputFile[]; graphHrefs?: string[][]; graphFiles?: string[][] }> {
	const stem = basename(out, extname(out));
	const named = (ext: string) => graphs.map((g, i) => g.pieces.map((p, k) => ({ p, name: graphFileName(`${stem}-${tagOf(sheets[i], i)}`, k, g.pieces.length, ext) })));
	const at = (name: string) => join(dirname(out), name);
	if (format === 'md') {
		const all = named('svg');
		return { beside: all.flat().map(({ p, name }) => ({ path: at(name), data: p.svg })), graphHrefs: all.map((g) => g.map((x) => x.name)) };
	}
	if (format !== 'tex') return { beside: [] };
	try {
		const all = named('pdf');
		const beside: OutputFile[] = [];
		for (const { p, name } of all.flat()) beside.push({ path: at(name), data: await printSvgPdf(await browser(), p.svg, svgSize(p.svg)) });
		return { beside, graphFiles: all.map((g) => g.map((x) => x.name)) };
	} catch (e) {
		if (!(e instanceof PdfUnavailable)) throw e;
		process.stderr.write(`chainstep: the LaTeX worksheets have no graph pictures: ${e.message}\n`);
		return { beside: [] };
	}
}

/** A sheet's part of a file name: its seed (unique), or its place and name (a roster may repeat a name). */
function tagOf(s: StudentSheet, i: number): string {
	return s.student.name === `seed ${s.student.seed}` ? s.student.name : `${i + 1}-${s.student.name}`;
}
