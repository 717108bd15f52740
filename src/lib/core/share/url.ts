import type { GateMode } from '../graph/gates.ts';
import type { ZoomMode } from '../layout/camera.ts';
import type { Granularity } from '../trace/steps.ts';
import { compressText, decompressText } from './compress.ts';

/**
 * The view a link reopens. `example` and `step` are a stable interface for other pages and
 * tests: `?example=<id>&step=<k>` with k 1-based. A program that differs from the example
 * travels compressed in `p`; `g=group`, `gates=expanded` and `sig` carry the options; `fold` and `zoom` the
 * graph's folding and camera when the reader changed them from the defaults.
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
	/** Names of the assignments drawn folded into one box (`fold=h,o`; `fold=` none); undefined: the default. */
	readonly fold?: readonly string[];
	/** The graph's camera; undefined: whole when readable, else following the step. */
	readonly zoom?: ZoomMode;
	/** How calls of the program's own gates are stepped; undefined: as one gate each. */
	readonly gates?: GateMode;
	/** `mode=tangent`: forward mode's steps (then `step` counts them); undefined: backprop. */
	readonly mode?: 'tangent';
	/** Forward mode's input by its label (`wrt=w1`, `wrt=W1[0,2]`); one the program lacks falls back to the first. */
	readonly wrt?: string;
}

/** A label is a name of at most 4,000 characters and an index: anything longer is no input's. */
const MAX_WRT = 4100;

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
	const foldText = q.get('fold');
	const fold = foldText === null ? undefined : foldText.split(',').filter((n) => /^[A-Za-z_][\w]*$/.test(n));
	const z = q.get('zoom');
	const zoom = z === 'fit' || z === 'follow' ? z : undefined;
	const gates = q.get('gates') === 'expanded' ? 'expanded' : undefined;
	const tangent = q.get('mode') === 'tangent';
	const wrtText = tangent ? q.get('wrt') : null;
	const wrt = wrtText && wrtText.length <= MAX_WRT ? wrtText : undefined;
	return {
		example, program, step, granularity: q.get('g') === 'group' ? 'group' : 'scalar', sig, fold, zoom,
		...(gates ? { gates } : {}),
		...(tangent ? { mode: 'tangent' as const, ...(wrt !== undefined ? { wrt } : {}) } : {})
	};
}

/** The query string for a view, parameters in a fixed order so equal views give equal links. */
export async function writeParams(v: ViewParams): Promise<string> {
	const q = new URLSearchParams();
	if (v.example) q.set('example', v.example);
	if (v.program !== undefined) q.set('p', await compressText(v.program));
	if (v.step !== undefined) q.set('step', String(v.step + 1));
	if (v.granularity === 'group') q.set('g', 'group');
	if (v.gates === 'expanded') q.set('gates', 'expanded');
	if (v.sig !== undefined) q.set('sig', String(v.sig));
	if (v.fold !== undefined) q.set('fold', v.fold.join(','));
	if (v.zoom !== undefined) q.set('zoom', v.zoom);
	if (v.mode === 'tangent') q.set('mode', 'tangent');
	if (v.mode === 'tangent' && v.wrt !== undefined) q.set('wrt', v.wrt);
	// Names never hold a comma, so the list reads as typed: fold=h,o rather than fold=h%2Co.
	const s = q.toString().replace(/%2C/g, ',');
	return s ? `?${s}` : '';
}
