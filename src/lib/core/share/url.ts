import type { Granularity } from '../trace/steps.ts';
import { compressText, decompressText } from './compress.ts';

/**
 * The view a link reopens. `example` and `step` are a stable interface for other pages and
 * tests: `?example=<id>&step=<k>` with k 1-based. A program that differs from the example
 * travels compressed in `p`; `g=group` and `sig` carry the options.
 */
export interface ViewParams {
	readonly example?: string;
	/** The program text, when the link carries its own. */
	readonly program?: string;
	/** 0-based step index, as the viewer counts. */
	readonly step?: number;
	readonly granularity: Granularity;
	/** Significant digits of the numbers shown. */
	readonly sig?: number;
}

export const MIN_SIG = 2;
export const MAX_SIG = 10;

export async function readParams(q: URLSearchParams): Promise<ViewParams> {
	const example = q.get('example') ?? undefined;
	const p = q.get('p');
	const program = p ? await decompressText(p) : undefined;
	const stepText = q.get('step');
	const step = stepText && /^\d{1,9}$/.test(stepText) && Number(stepText) >= 1 ? Number(stepText) - 1 : undefined;
	const sigText = q.get('sig');
	const sigNum = sigText && /^\d{1,2}$/.test(sigText) ? Number(sigText) : undefined;
	const sig = sigNum !== undefined && sigNum >= MIN_SIG && sigNum <= MAX_SIG ? sigNum : undefined;
	return { example, program, step, granularity: q.get('g') === 'group' ? 'group' : 'scalar', sig };
}

/** The query string for a view, parameters in a fixed order so equal views give equal links. */
export async function writeParams(v: ViewParams): Promise<string> {
	const q = new URLSearchParams();
	if (v.example) q.set('example', v.example);
	if (v.program !== undefined) q.set('p', await compressText(v.program));
	if (v.step !== undefined) q.set('step', String(v.step + 1));
	if (v.granularity === 'group') q.set('g', 'group');
	if (v.sig !== undefined) q.set('sig', String(v.sig));
	const s = q.toString();
	return s ? `?${s}` : '';
}
