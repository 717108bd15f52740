import { fmt } from '../tex/number.ts';

/**
 * The geometry of a line chart over steps 0…n: scales, ticks, the SVG path and the point under a
 * pointer. Pure, so the page's loss curve, its small multiples and the downloadable SVG share it.
 *
 * A log axis cannot place 0, a negative value or a non-finite one: such points are left out of
 * the path (it breaks there) and counted in `hidden`, so the chart can say so. When no value is
 * positive the log axis falls back to a linear one (`log` false in the result).
 */

export interface Scale {
	readonly d0: number;
	readonly d1: number;
	readonly r0: number;
	readonly r1: number;
	readonly log: boolean;
}

export function scale(d0: number, d1: number, r0: number, r1: number, log = false): Scale {
	return { d0, d1, r0, r1, log };
}

/** Domain value to pixel; NaN where the value has no place (≤ 0 on a log axis, not finite). */
export function project(s: Scale, v: number): number {
	if (!Number.isFinite(v) || (s.log && v <= 0)) return NaN;
	const a = s.log ? Math.log10(s.d0) : s.d0;
	const b = s.log ? Math.log10(s.d1) : s.d1;
	const t = s.log ? Math.log10(v) : v;
	return b === a ? (s.r0 + s.r1) / 2 : s.r0 + ((t - a) / (b - a)) * (s.r1 - s.r0);
}

/** Pixel to domain value. */
export function invert(s: Scale, px: number): number {
	const a = s.log ? Math.log10(s.d0) : s.d0;
	const b = s.log ? Math.log10(s.d1) : s.d1;
	const t = s.r1 === s.r0 ? a : a + ((px - s.r0) / (s.r1 - s.r0)) * (b - a);
	return s.log ? 10 ** t : t;
}

/** "Nice" ticks (1, 2, 5 × 10ᵏ apart) covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5, integer = false): number[] {
	if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
	if (hi < lo) [lo, hi] = [hi, lo];
	if (hi === lo) return [lo];
	let step = niceStep((hi - lo) / Math.max(1, count));
	if (integer) step = Math.max(1, Math.round(step));
	const out: number[] = [];
	const first = Math.ceil(lo / step - 1e-9);
	for (let k = first; k * step <= hi + step * 1e-9; k++) out.push(cleanTick(k * step, step));
	return out;
}

function niceStep(raw: number): number {
	const p = 10 ** Math.floor(Math.log10(raw));
	const f = raw / p;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

// 0.1 * 3 is 0.30000000000000004: round a tick to its step's decimals so labels stay short.
function cleanTick(v: number, step: number): number {
	const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
	return decimals > 15 ? v : Number(v.toFixed(decimals));
}

/** Ticks on a log axis: the powers of ten inside [lo, hi], with 2 and 5 between them when there are few. */
export function logTicks(lo: number, hi: number): number[] {
	if (!(lo > 0) || !(hi > 0) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
	if (hi < lo) [lo, hi] = [hi, lo];
	const e0 = Math.floor(Math.log10(lo));
	const e1 = Math.ceil(Math.log10(hi));
	const decades = e1 - e0;
	// Many decades: every power of ten would crowd the axis, so take every k-th.
	const every = Math.max(1, Math.ceil(decades / 6));
	const mult = decades <= 2 ? [1, 2, 5] : [1];
	const out: number[] = [];
	for (let e = e0; e <= e1; e++) {
		if ((e - e0) % every !== 0) continue;
		for (const m of mult) {
			const v = Number((m * 10 ** e).toPrecision(12));
			if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) out.push(v);
		}
	}
	// A range inside one decade (0.31 to 0.38) has no power of ten in it: fall back to linear ticks.
	return out.length >= 2 ? out : niceTicks(lo, hi, 4).filter((v) => v > 0);
}

export interface Box {
	readonly width: number;
	readonly height: number;
	/** Room for tick labels: left, right, top, bottom. */
	readonly left: number;
	readonly right: number;
	readonly top: number;
	readonly bottom: number;
}

export interface Chart {
	readonly box: Box;
	/** x: the step. */
	readonly x: Scale;
	readonly y: Scale;
	/** True when the y axis is logarithmic (asked for, and some value is positive). */
	readonly log: boolean;
	readonly xTicks: readonly number[];
	readonly yTicks: readonly number[];
	/** One SVG path per series, in order. */
	readonly paths: readonly string[];
	/** Points of all series that could not be drawn (not finite, or ≤ 0 on a log axis). */
	readonly hidden: number;
	/** Steps 0 … steps. */
	readonly steps: number;
}

export interface ChartOptions {
	readonly box: Box;
	readonly log?: boolean;
	readonly xTicks?: number;
	readonly yTicks?: number;
}

/**
 * A chart of series over steps: series[k][s] is series k after s steps (all of one length).
 * The y range covers every drawable value of every series.
 */
export function chart(series: readonly ArrayLike<number>[], opts: ChartOptions): Chart {
	const box = opts.box;
	const steps = Math.max(0, (series[0]?.length ?? 1) - 1);
	let lo = Infinity;
	let hi = -Infinity;
	let positive = false;
	for (const s of series)
		for (let i = 0; i < s.length; i++) {
			const v = s[i];
			if (!Number.isFinite(v)) continue;
			if (v > 0) positive = true;
			if (opts.log && v <= 0) continue;
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
	const log = !!opts.log && positive;
	if (opts.log && !log) {
		// No value a log axis can place: recompute the linear range.
		for (const s of series) for (let i = 0; i < s.length; i++) if (Number.isFinite(s[i])) ((lo = Math.min(lo, s[i])), (hi = Math.max(hi, s[i])));
	}
	if (lo === Infinity) [lo, hi] = [0, 1];
	if (lo === hi) [lo, hi] = log ? [lo / 2, hi * 2] : [lo - (Math.abs(lo) || 1) * 0.1, hi + (Math.abs(hi) || 1) * 0.1];
	const xs = scale(0, Math.max(1, steps), box.left, box.width - box.right);
	const ys = scale(lo, hi, box.height - box.bottom, box.top, log);
	let hidden = 0;
	const paths = series.map((s) => {
		const r = seriesPath(s, xs, ys);
		hidden += r.hidden;
		return r.d;
	});
	return {
		box,
		x: xs,
		y: ys,
		log,
		xTicks: niceTicks(0, Math.max(1, steps), opts.xTicks ?? 5, true).filter((t) => t <= steps || steps === 0),
		yTicks: log ? logTicks(lo, hi) : niceTicks(lo, hi, opts.yTicks ?? 4),
		paths,
		hidden,
		steps
	};
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/**
 * The path of one series. Past two points per pixel column only each column's first, lowest,
 * highest and last points are kept: the drawing is the same and a long run stays a short path.
 */
function seriesPath(s: ArrayLike<number>, xs: Scale, ys: Scale): { d: string; hidden: number } {
	const parts: string[] = [];
	let hidden = 0;
	let pen = false;
	const width = Math.abs(xs.r1 - xs.r0);
	const dense = s.length > 2 * width;
	let col = NaN;
	let colPts: [number, number][] = [];
	const flush = () => {
		if (colPts.length === 0) return;
		let lo = colPts[0];
		let hi = colPts[0];
		for (const p of colPts) {
			if (p[1] > lo[1]) lo = p;
			if (p[1] < hi[1]) hi = p;
		}
		const keep = [colPts[0], ...(lo[0] < hi[0] ? [lo, hi] : [hi, lo]), colPts[colPts.length - 1]];
		let last: [number, number] | undefined;
		for (const p of keep) {
			if (last && p[0] === last[0] && p[1] === last[1]) continue;
			parts.push(`${pen ? 'L' : 'M'}${r2(p[0])} ${r2(p[1])}`);
			pen = true;
			last = p;
		}
		colPts = [];
	};
	for (let i = 0; i < s.length; i++) {
		const px = project(xs, i);
		const py = project(ys, s[i]);
		if (Number.isNaN(py)) {
			hidden++;
			flush();
			pen = false;
			continue;
		}
		if (!dense) {
			parts.push(`${pen ? 'L' : 'M'}${r2(px)} ${r2(py)}`);
			pen = true;
			continue;
		}
		const c = Math.floor(px);
		if (c !== col) {
			flush();
			col = c;
		}
		colPts.push([px, py]);
	}
	flush();
	return { d: parts.join(''), hidden };
}

/** The step nearest a pointer at pixel x (clamped to 0 … steps). */
export function nearestStep(c: Chart, px: number): number {
	const s = Math.round(invert(c.x, px));
	return Math.min(c.steps, Math.max(0, Number.isFinite(s) ? s : 0));
}

/** Where step s of a series is drawn; y is NaN when the value is not drawable. */
export function pointAt(c: Chart, series: ArrayLike<number>, s: number): { x: number; y: number } {
	return { x: project(c.x, s), y: project(c.y, series[s]) };
}

/** A tick's label: steps as integers, values through the one number formatter. */
export function tickLabel(v: number, sig = 3): string {
	return fmt(v, sig);
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside an XML element or attribute. */
export function xmlEscape(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ESC[c]);
}

export interface CurveSvgOptions {
	/** The loss's name as the program writes it (escaped, as every label is). */
	readonly name: string;
	readonly title?: string;
	readonly log?: boolean;
	readonly sig?: number;
	readonly width?: number;
	readonly height?: number;
}

/** Lines of at most about `max` characters, broken at spaces (a longer word keeps its own line). */
function wrap(text: string, max: number): string[] {
	const out: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		if (line && line.length + 1 + word.length > max) {
			out.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) out.push(line);
	return out;
}

/** A one-sentence reading of a curve: "E fell from 0.2983 to 0.01234 in 100 steps". */
export function curveSummary(losses: ArrayLike<number>, name: string, sig = 4): string {
	const n = losses.length - 1;
	if (n < 0) return `No ${name} yet.`;
	const a = losses[0];
	const b = losses[n];
	if (n === 0) return `${name} = ${fmt(a, sig)} before any step.`;
	const verb = b < a ? 'fell' : b > a ? 'rose' : 'stayed';
	const steps = `${n} step${n === 1 ? '' : 's'}`;
	return verb === 'stayed' ? `${name} stayed at ${fmt(a, sig)} over ${steps}.` : `${name} ${verb} from ${fmt(a, sig)} to ${fmt(b, sig)} in ${steps}.`;
}

/**
 * The loss curve as a standalone SVG file (for a report or slides): axes, ticks, the curve and a
 * title. Fixed light colours, since the file leaves the page's theme behind.
 */
export function curveSvg(losses: ArrayLike<number>, opts: CurveSvgOptions): string {
	const width = opts.width ?? 640;
	const height = opts.height ?? 360;
	const sig = opts.sig ?? 4;
	const rawTitle = opts.title ?? curveSummary(losses, opts.name, sig);
	const lines = wrap(rawTitle, Math.floor((width - 64 - 10) / 7.8));
	const box: Box = { width, height, left: 64, right: 20, top: 22 + 18 * lines.length, bottom: 44 };
	const c = chart([losses], { box, log: opts.log, xTicks: 6, yTicks: 5 });
	const name = xmlEscape(opts.name);
	const title = xmlEscape(rawTitle);
	const x0 = box.left;
	const x1 = width - box.right;
	const y0 = height - box.bottom;
	const y1 = box.top;
	const out: string[] = [];
	out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">`);
	out.push(`<title>${title}</title>`);
	out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
	lines.forEach((line, i) => out.push(`<text x="${x0}" y="${22 + 18 * i}" font-size="14" fill="#1b1f24">${xmlEscape(line)}</text>`));
	for (const t of c.yTicks) {
		const y = r2(project(c.y, t));
		out.push(`<line x1="${x0}" x2="${x1}" y1="${y}" y2="${y}" stroke="#e3e8ee"/>`);
		out.push(`<text x="${x0 - 6}" y="${y + 4}" text-anchor="end" fill="#5b6470">${xmlEscape(tickLabel(t))}</text>`);
	}
	for (const t of c.xTicks) {
		const x = r2(project(c.x, t));
		out.push(`<line x1="${x}" x2="${x}" y1="${y0}" y2="${y0 + 4}" stroke="#5b6470"/>`);
		out.push(`<text x="${x}" y="${y0 + 17}" text-anchor="middle" fill="#5b6470">${t}</text>`);
	}
	out.push(`<path d="M${x0} ${y1}V${y0}H${x1}" fill="none" stroke="#5b6470"/>`);
	out.push(`<path d="${c.paths[0]}" fill="none" stroke="#1f6feb" stroke-width="2" stroke-linejoin="round"/>`);
	out.push(`<text x="${(x0 + x1) / 2}" y="${height - 8}" text-anchor="middle" fill="#1b1f24">step</text>`);
	const axis = `${name}${c.log ? ' (log scale)' : ''}`;
	out.push(`<text transform="translate(14 ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle" fill="#1b1f24">${axis}</text>`);
	if (c.hidden > 0) out.push(`<text x="${x1}" y="${y1 - 4}" text-anchor="end" fill="#b3261e">${c.hidden} point${c.hidden === 1 ? '' : 's'} not drawn (not positive or not finite)</text>`);
	out.push('</svg>');
	return out.join('\n') + '\n';
}
