import { basename, dirname, extname, join } from 'node:path';
import { parseStepList, type Blanks } from '../lib/core/handout/blanks.ts';
import { graphFileName, graphViewFor } from '../lib/core/handout/files.ts';
import type { GraphPrint } from '../lib/core/handout/graph-print.ts';
import { handoutGranularity } from '../lib/core/handout/model.ts';
import { FORMATS, renderExport, type ExportFormat } from './export-render.ts';
import type { Granularity } from '../lib/core/trace/steps.ts';
import { graphPrint, svgSize } from './graph-svg.ts';
import { gatesOption, granularityOption, parseArgs, traceFile, UsageError, wholeNumber } from './io.ts';
import { oneBrowser, PdfUnavailable, printSvgPdf } from './pdf.ts';
import type { Browser } from 'playwright-core';
import type { Trace } from '../lib/core/trace/build.ts';
import { checkOutput, writeOutputs, type OutputFile } from './output-files.ts';
import { exportClassSet } from './class-set-command.ts';
import { oneStepLatex, oneStepMarkdown, oneStepText, stepsFor } from '../lib/core/handout/one-step.ts';
import { slidesDocument, slidesPdf } from './slides.ts';
import { CODE_TARGETS, type CodeTarget } from '../lib/core/code/export.ts';
import { numpyCode } from '../lib/core/code/numpy.ts';
import { pytorchCode } from '../lib/core/code/pytorch.ts';


const WORKSHEET_VALUE = /^(all-gradients|\d+(-\d+)?(,\d+(-\d+)?)*)$/;

/**
 * `--worksheet` takes an optional value. A following word is its value only if it reads like one
 * (all-gradients, or steps like 3,5,7-9), so `--worksheet prog.txt` still means the FILE.
 */
function splitWorksheet(argv: string[]): { argv: string[]; worksheet?: string } {
	const rest: string[] = [];
	let worksheet: string | undefined;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a.startsWith('--worksheet=')) worksheet = a.slice('--worksheet='.length);
		else if (a === '--worksheet') worksheet = argv[i + 1] !== undefined && WORKSHEET_VALUE.test(argv[i + 1]) ? argv[++i] : 'all-gradients';
		else rest.push(a);
	}
	return { argv: rest, worksheet };
}

/** What `export`'s arguments ask for: code in a language, or a handout with its options, checked. */
type ExportRequest =
	| { readonly kind: 'code'; readonly file: string; readonly target: CodeTarget; readonly out?: string }
	| {
			readonly kind: 'handout';
			readonly file: string;
			readonly fmt: ExportFormat;
			readonly out?: string;
			readonly sig?: number;
			readonly paper: 'a4' | 'letter';
			readonly worksheet?: string;
			readonly rows: Granularity | 'auto';
			readonly opts: ReadonlyMap<string, string>;
	  };

function exportRequest(argv0: string[]): ExportRequest {
	const { argv, worksheet } = splitWorksheet(argv0);
	const { pos, opts } = parseArgs(argv, ['--format', '-o', '--output', '--precision', '--step', '--title', '--paper', '--rows', '--granularity', '--gates', '--seeds', '--students'], ['--slides', '--title-page']);
	if (pos.length !== 1) {
		const got = pos.length === 0 ? 'none' : pos.join(', ');
		const ws = argv0.includes('--worksheet') && pos.length > 1 ? ' (--worksheet takes all-gradients or steps such as 3,5,7-9)' : '';
		throw new UsageError(`export takes one FILE, but got ${got}${ws}.`);
	}
	const format = opts.get('--format');
	const out = opts.get('-o') ?? opts.get('--output');
	if (!format) throw new UsageError('export needs --format md, tex, html, svg, pdf, pytorch or numpy');
	if (format === 'pytorch' || format === 'numpy') return { kind: 'code', file: pos[0], target: format, out };
	if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${[...FORMATS, ...CODE_TARGETS].join(', ')}, not ${format}`);
	const fmt = format as ExportFormat;
	if (out !== undefined) checkOutput(out, pos[0], fmt);
	if (fmt === 'pdf' && !out) throw new UsageError('PDF is binary: give a file with -o OUT.pdf');
	const sig = wholeNumber('--precision', opts.get('--precision'), 1, 17);
	const paper = opts.get('--paper') ?? 'a4';
	if (paper !== 'a4' && paper !== 'letter') throw new UsageError(`--paper must be a4 or letter, not ${paper}`);
	if (worksheet !== undefined && worksheet !== 'all-gradients' && !parseStepList(worksheet))
		throw new UsageError(`--worksheet takes all-gradients or step numbers like 3,5,7-9, not ${worksheet}`);
	return { kind: 'handout', file: pos[0], fmt, out, sig, paper, worksheet, rows: rowsOption(opts), opts };
}

export async function exportCommand(argv0: string[]): Promise<number> {
	const r = exportRequest(argv0);
	if (r.kind === 'code') return exportCode(r.file, r.target, r.out);
	const { file, fmt, out, sig, paper, worksheet, rows, opts } = r;

	const t = traceFile(file, gatesOption(opts));
	if (!t) return 1;
	const stepK = wholeNumber('--step', opts.get('--step'), 1, (rows === 'group' ? t.groupSteps : t.steps).length);
	const blanks = worksheetBlanks(t, worksheet, rows);
	if (opts.has('--seeds') || opts.has('--students'))
		return exportClassSet({
			file: file,
			program: t.graph.source,
			format: fmt,
			out,
			seeds: opts.get('--seeds'),
			students: opts.get('--students'),
			blanks,
			sig,
			title: opts.get('--title'),
			paper,
			rows
		});

	const browser = oneBrowser();
	if (fmt === 'pdf') browser.start();
	const step = stepK === undefined ? undefined : stepK - 1;
	const title = opts.get('--title') ?? titleFrom(t.graph.source);
	const write = (data: string | Uint8Array, beside: OutputFile[] = []) => {
		if (out) writeOutputs([{ path: out, data }, ...beside], file);
		else process.stdout.write(data);
		return 0;
	};
	try {
		// Slides, or one step alone (`--step K` used to be ignored by every format but svg).
		const slides = opts.has('--slides');
		if (slides && fmt !== 'pdf' && fmt !== 'html') throw new UsageError('--slides writes --format pdf (or html)');
		if (slides || (step !== undefined && fmt !== 'svg'))
			return write(await oneStepOrSlides(t, { fmt, rows, step, sig, title, slides, titlePage: opts.has('--title-page') }, browser.get));
		const beside: OutputFile[] = [];
		const printed = out && (fmt === 'md' || fmt === 'tex') ? await graphBeside(t, { fmt, out, blanks, rows, sig, title }, beside, browser.get) : {};
		return write(await renderExport(t, { format: fmt, sig, blanks, title, paper, step, rows, ...printed }, browser.get), beside);
	} catch (e) {
		if (e instanceof PdfUnavailable) {
			process.stderr.write(`chainstep: ${e.message}\n`);
			return 3;
		}
		throw e;
	} finally {
		await browser.close();
	}
}

/**
 * `--worksheet`'s blanks. One numbering everywhere: the trace's (as the page and --step count),
 * assignments only when asked for with --rows assignment. A handout that groups by itself (auto)
 * blanks the row holding each step.
 */
function worksheetBlanks(t: Trace, worksheet: string | undefined, rows: Granularity | 'auto'): Blanks {
	if (worksheet === undefined) return 'none';
	if (worksheet === 'all-gradients') return 'all-gradients';
	const steps = parseStepList(worksheet) ?? [];
	const own = rows === 'group' ? t.groupSteps.length : t.steps.length;
	const bad = steps.find((k) => k >= own);
	if (bad !== undefined)
		throw new UsageError(`--worksheet: there is no step ${bad + 1}; this program has steps 1 to ${own}${rows === 'group' ? ' (one per assignment)' : ''}, as \`chainstep trace\` numbers them`);
	const grouped = rows !== 'group' && handoutGranularity(t, { granularity: rows }) === 'group';
	return grouped ? [...new Set(steps.map((k) => t.groupOfStep[k]))].sort((a, b) => a - b) : steps;
}

interface OneStepRequest {
	fmt: ExportFormat;
	rows: Granularity | 'auto';
	step: number | undefined;
	sig: number | undefined;
	title: string | undefined;
	slides: boolean;
	titlePage: boolean;
}

/** `--slides` (one page per step), or `--step K` alone: that step's math, or one slide. */
async function oneStepOrSlides(t: Trace, r: OneStepRequest, getBrowser: () => Promise<Browser>): Promise<string | Uint8Array> {
	const granularity = r.rows === 'group' ? 'group' : 'scalar';
	const n = stepsFor(t, granularity).length;
	if (r.fmt === 'tex' || r.fmt === 'md') {
		const text = oneStepText(t, granularity, r.step ?? 0, r.sig);
		return r.fmt === 'tex' ? oneStepLatex(text, r.step ?? 0, n) : oneStepMarkdown(text, r.step ?? 0, n);
	}
	const deck = { granularity, sig: r.sig, title: r.title, titlePage: r.titlePage, only: r.slides ? undefined : r.step } as const;
	return r.fmt === 'pdf' ? slidesPdf(await getBrowser(), t, deck) : slidesDocument(t, deck);
}

interface BesideRequest {
	fmt: 'md' | 'tex';
	out: string;
	blanks: Blanks;
	rows: Granularity | 'auto';
	sig: number | undefined;
	title: string | undefined;
}

/**
 * Beside an output file, the graph goes in files of its own, one per printed piece: GitHub shows
 * no data: images, and pdflatex reads PDF, not SVG (Chromium prints each piece to a PDF of its
 * size). The files go into `beside`, written after the handout itself, so a handout that cannot be
 * written leaves none.
 */
async function graphBeside(
	t: Trace,
	r: BesideRequest,
	beside: OutputFile[],
	getBrowser: () => Promise<Browser>
): Promise<{ graph?: GraphPrint; graphHrefs?: string[]; graphFiles?: string[] }> {
	const printed = await graphPrint(t, graphViewFor(t, r.blanks, r.rows), { sig: r.sig, title: r.title });
	const name = (k: number, ext: string) => graphFileName(basename(r.out, extname(r.out)), k, printed.pieces.length, ext);
	if (r.fmt === 'md') {
		const graphHrefs = printed.pieces.map((p, k) => {
			beside.push({ path: join(dirname(r.out), name(k, 'svg')), data: p.svg });
			return name(k, 'svg');
		});
		return { graph: printed, graphHrefs };
	}
	try {
		const files: OutputFile[] = [];
		for (const [k, p] of printed.pieces.entries())
			files.push({ path: join(dirname(r.out), name(k, 'pdf')), data: await printSvgPdf(await getBrowser(), p.svg, svgSize(p.svg)) });
		beside.push(...files);
		return { graph: printed, graphFiles: files.map((f) => basename(f.path)) };
	} catch (e) {
		if (!(e instanceof PdfUnavailable)) throw e;
		process.stderr.write(`chainstep: the LaTeX handout has no graph picture: ${e.message}\n`);
		return {};
	}
}

/** `--format pytorch|numpy`: the program as a Python script that recomputes its values and gradients and prints them as JSON. */
function exportCode(file: string, target: CodeTarget, out: string | undefined): number {
	if (out !== undefined) checkOutput(out, file, 'py');
	// The scripts write a gate's body where it is called: the graph is built with the gates expanded.
	const t = traceFile(file, 'expanded');
	if (!t) return 1;
	const code = target === 'pytorch' ? pytorchCode(t.graph) : numpyCode(t.graph);
	if (out) writeOutputs([{ path: out, data: code }], file);
	else process.stdout.write(code);
	return 0;
}

/**
 * `--rows scalar|assignment`, or its alias `--granularity scalar|group` (the name `trace` and the
 * page's stepping use). Absent: the handout chooses by the trace's length.
 */
export function rowsOption(opts: ReadonlyMap<string, string>): Granularity | 'auto' {
	const rows = opts.get('--rows');
	if (rows !== undefined && rows !== 'scalar' && rows !== 'assignment')
		throw new UsageError(`--rows must be scalar (one row per scalar step) or assignment (one row per assignment), not ${rows}`);
	const fromRows = rows === undefined ? undefined : rows === 'assignment' ? 'group' : 'scalar';
	const fromGranularity = granularityOption(opts);
	if (fromRows && fromGranularity && fromRows !== fromGranularity)
		throw new UsageError(`--rows ${rows} and --granularity ${opts.get('--granularity')} disagree; give one of them`);
	return fromRows ?? fromGranularity ?? 'auto';
}

/** A program whose first line is a comment names its handout: `# f = (x + y) z`. */
export function titleFrom(src: string): string | undefined {
	const m = /^[ \t]*#[ \t]*(\S.*?)\s*$/m.exec(src.split('\n')[0] ?? '');
	return m ? m[1] : undefined;
}
