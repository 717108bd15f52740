import { readStored, writeStored } from '$lib/adapters/storage';
import { assertNever } from '$lib/core/language/ast';
import { MAX_PROGRAM_CHARS } from '$lib/core/share/compress';
import { readParams, writeParams, type ViewParams } from '$lib/core/share/url';

/**
 * The page's links, around the core's link format: a program too long for a link is kept in
 * this browser instead (`kept=1` in the link), and a link whose program cannot be read says so
 * rather than quietly showing something else.
 */

/**
 * Longer URLs are refused by common servers and proxies (414 URI Too Long; nginx and Apache
 * stop near 8 KB, Python's http.server at 64 KB), so such a link would lose the program on reload.
 */
export const MAX_URL_CHARS = 8000;
/** One program per browser: the newest too-long program replaces the one before. */
export const KEPT_KEY = 'chainstep:kept-program';

export const KEPT_NOTICE = 'This program is too long for a link; it is kept in this browser.';
export const UNKEPT_NOTICE = 'This program is too long for a link, and this browser does not keep site data: copy the text somewhere safe before leaving.';
export const UNREADABLE_NOTICE = "The link's program could not be read.";
export const KEPT_MISSING_NOTICE = "This link's program was too long for a link and was kept in the browser it was made in; it is not kept in this one.";

/** What a link turned out to hold, beyond its parameters. */
export type LinkStatus = 'ok' | 'kept' | 'unreadable' | 'kept-missing';

export interface LinkRead {
	readonly params: ViewParams;
	readonly status: LinkStatus;
}

export async function readLink(search: string): Promise<LinkRead> {
	const q = new URLSearchParams(search);
	const params = await readParams(q);
	if (q.has('kept')) {
		const text = readStored(KEPT_KEY);
		return text === undefined ? { params, status: 'kept-missing' } : { params: { ...params, program: text }, status: 'kept' };
	}
	// A `p=` the decoder refused (bad base64, truncated, random bytes, too large).
	if (q.get('p') && params.program === undefined) return { params, status: 'unreadable' };
	return { params, status: 'ok' };
}

/** `kept`/`unkept`: the program did not fit, and was (or could not be) kept in this browser. */
export type LinkFit = 'fits' | 'kept' | 'unkept';

export interface LinkWrite {
	readonly query: string;
	readonly fit: LinkFit;
}

/** Query parameters a page adds to the view's own (practice: the problem's seed and setting). */
export type ExtraParams = readonly (readonly [string, string])[];

/**
 * The query for a view; `base` is the rest of the URL (origin and path), counted toward the
 * limit, as `extra` is: every page writes its links through here.
 */
export async function writeLink(v: ViewParams, base: string, extra: ExtraParams = []): Promise<LinkWrite> {
	const program = v.program;
	if (program === undefined || program.length <= MAX_PROGRAM_CHARS) {
		const query = withExtra(await writeParams(v), extra);
		if (base.length + query.length <= MAX_URL_CHARS) return { query, fit: 'fits' };
	}
	const fit: LinkFit = program !== undefined && writeStored(KEPT_KEY, program) ? 'kept' : 'unkept';
	const rest = withExtra(await writeParams({ ...v, program: undefined }), extra);
	return { query: `?kept=1${rest ? `&${rest.slice(1)}` : ''}`, fit };
}

function withExtra(query: string, extra: ExtraParams): string {
	if (extra.length === 0) return query;
	const q = new URLSearchParams(query);
	for (const [k, v] of extra) q.set(k, v);
	return `?${q.toString()}`;
}

/** The notice a read link calls for ('' for none). */
export function readNotice(status: LinkStatus): string {
	switch (status) {
		case 'ok':
			return '';
		case 'kept':
			return KEPT_NOTICE;
		case 'unreadable':
			return UNREADABLE_NOTICE;
		case 'kept-missing':
			return KEPT_MISSING_NOTICE;
		default:
			return assertNever(status);
	}
}

/** The notice a written link calls for ('' for none). */
export function writeNotice(fit: LinkFit): string {
	switch (fit) {
		case 'fits':
			return '';
		case 'kept':
			return KEPT_NOTICE;
		case 'unkept':
			return UNKEPT_NOTICE;
		default:
			return assertNever(fit);
	}
}
