import { existsSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { parseStepList, type Blanks } from '../lib/core/handout/blanks.ts';
import { graphViewFor } from '../lib/core/handout/files.ts';
import { handoutGranularity, handoutSteps } from '../lib/core/handout/model.ts';
import { FORMATS, renderExport, type ExportFormat } from './export-render.ts';
import { graphSvg, svgSize } from './graph-svg.ts';
import { parseArgs, traceFile, UsageError, wholeNumber } from './io.ts';
import { launchChromium, PdfUnavailable, printSvgPdf } from './pdf.ts';

export const EXPORT_USAGE =
	'chainstep export FILE --format md|tex|html|svg|pdf [-o OUT] [--precision N] [--worksheet [all-gradients|STEPS]] [--step K] [--title T] [--paper a4|letter]';

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

export async function exportCommand(argv0: string[]): Promise<number> {
	const { argv, worksheet } = splitWorksheet(argv0);
	const { pos, opts } = parseArgs(argv, ['--format', '-o', '--output', '--precision', '--step', '--title', '--paper']);
	if (pos.length !== 1) {
		const got = pos.length === 0 ? 'none' : pos.join(', ');
		const ws = argv0.includes('--worksheet') && pos.length > 1 ? ' (--worksheet takes all-gradients or steps such as 3,5,7-9)' : '';
		throw new UsageError(`export takes one FILE, but got ${got}${ws}.`);
	}
	const format = opts.get('--format');
	if (!format) throw new UsageError('export needs --format md, tex, html, svg or pdf');
	if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not ${format}`);
	const fmt = format as ExportFormat;
	const out = opts.get('-o') ?? opts.get('--output');
	if (out !== undefined && !(existsSync(dirname(out)) && statSync(dirname(out)).isDirectory()))
		throw new UsageError(`The folder ${dirname(out)} for -o does not exist; create it first, or write the file somewhere else.`);
	if (fmt === 'pdf' && !out) throw new UsageError('PDF is binary: give a file with -o OUT.pdf');
	const sig = wholeNumber('--precision', opts.get('--precision'), 1, 17);
	const paper = opts.get('--paper') ?? 'a4';
	if (paper !== 'a4' && paper !== 'letter') throw new UsageError(`--paper must be a4 or letter, not ${paper}`);
	if (worksheet !== undefined && worksheet !== 'all-gradients' && !parseStepList(worksheet))
		throw new UsageError(`--worksheet takes all-gradients or step numbers like 3,5,7-9, not ${worksheet}`);

	const t = traceFile(pos[0]);
	if (!t) return 1;
	const stepK = wholeNumber('--step', opts.get('--step'), 1, t.steps.length);
	let blanks: Blanks = 'none';
	if (worksheet === 'all-gradients') blanks = 'all-gradients';
	else if (worksheet !== undefined) {
		const steps = parseStepList(worksheet) ?? [];
		const count = handoutSteps(t, handoutGranularity(t)).length;
		const bad = steps.find((k) => k >= count);
		if (bad !== undefined) throw new UsageError(`--worksheet: there is no step ${bad + 1}; this handout has steps 1 to ${count}`);
		blanks = steps;
	}

	let browser: Browser | undefined;
	const getBrowser = async () => (browser ??= await launchChromium());
	const step = stepK === undefined ? undefined : stepK - 1;
	const title = opts.get('--title') ?? titleFrom(t.graph.source);
	try {
		// Beside an output file, the graph goes in a file of its own: GitHub shows no data: images,
		// and pdflatex reads PDF, not SVG (Chromium prints it to a PDF of the picture's size).
		let graphHref: string | undefined;
		let graphFile: string | undefined;
		if (out && (fmt === 'md' || fmt === 'tex')) {
			const svg = await graphSvg(t, step === undefined ? graphViewFor(t, blanks) : { granularity: 'scalar', step }, { sig, title });
			const stem = basename(out, extname(out));
			if (fmt === 'md') {
				graphHref = `${stem}-graph.svg`;
				writeFileSync(join(dirname(out), graphHref), svg);
			} else
				try {
					const pdf = await printSvgPdf(await getBrowser(), svg, svgSize(svg));
					graphFile = `${stem}-graph.pdf`;
					writeFileSync(join(dirname(out), graphFile), pdf);
				} catch (e) {
					if (!(e instanceof PdfUnavailable)) throw e;
					process.stderr.write(`chainstep: the LaTeX handout has no graph picture: ${e.message}\n`);
				}
		}
		const data = await renderExport(t, { format: fmt, sig, blanks, title, paper, step, graphHref, graphFile }, getBrowser);
		if (out) writeFileSync(out, data);
		else process.stdout.write(data);
		return 0;
	} catch (e) {
		if (e instanceof PdfUnavailable) {
			process.stderr.write(`chainstep: ${e.message}\n`);
			return 3;
		}
		throw e;
	} finally {
		await browser?.close();
	}
}

/** A program whose first line is a comment names its handout: `# f = (x + y) z`. */
export function titleFrom(src: string): string | undefined {
	const m = /^[ \t]*#[ \t]*(\S.*?)\s*$/m.exec(src.split('\n')[0] ?? '');
	return m ? m[1] : undefined;
}
