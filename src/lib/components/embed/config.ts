import { DEFAULT_EXAMPLE, exampleById, unknownExampleNotice } from '../../examples/examples';
import { decompressText } from '../../core/share/compress';
import { MAX_SIG, MIN_SIG } from '../../core/share/url';
import { DEFAULT_SIG } from '../../core/tex/number';
import type { GateMode } from '../../core/graph/gates';
import type { Granularity } from '../../core/trace/steps';
import { parseOrigins } from './control';

export type Theme = 'light' | 'dark' | 'auto';
export type Control = 'nav' | 'timeline' | 'graph' | 'math' | 'words';
export const ALL_CONTROLS: readonly Control[] = ['nav', 'timeline', 'graph', 'math', 'words'];

/** What an embed shows, read from element attributes or the /embed page's query string. */
export interface EmbedConfig {
	readonly program: string;
	readonly title: string;
	/** 0-based step index; the URL and attributes say 1-based. */
	readonly step: number;
	readonly granularity: Granularity;
	/** How calls of the program's own gates are stepped (`gates=expanded`; default one gate each). */
	readonly gates: GateMode;
	readonly theme: Theme;
	readonly controls: ReadonlySet<Control>;
	readonly autoplay: boolean;
	/** Significant digits of the numbers shown. */
	readonly precision: number;
	/** Origins whose control messages are obeyed (`origin=`); empty: any. */
	readonly origins: readonly string[];
	/** Set when the configuration named a program that could not be read; shown as text. */
	readonly problem?: string;
}

type Get = (key: string) => string | null;

/**
 * Every value is untrusted text: unknown values fall back to defaults, nothing is evaluated.
 * Keys are the viewer's link format (`example`, `p`, `step`, `g`, `gates`, `sig`) plus the embed's own
 * (`program`, `granularity`, `theme`, `controls`, `autoplay`, `precision`, `origin`), so a viewer link's
 * query string works unchanged on the /embed page.
 */
export async function readEmbedConfig(get: Get): Promise<EmbedConfig> {
	const p = get('p');
	if (p === null) return embedConfigFrom(get);
	const program = await decompressText(p);
	if (program !== undefined) return embedConfigFrom((k) => (k === 'program' ? program : get(k)));
	return { ...embedConfigFrom((k) => (k === 'program' ? null : get(k))), problem: 'The link’s program could not be read; showing an example instead.' };
}

/** The synchronous part: everything but the compressed `p` program. */
export function embedConfigFrom(get: Get): EmbedConfig {
	const asked = get('example');
	const found = asked === null ? undefined : exampleById(asked);
	const example = found ?? exampleById(DEFAULT_EXAMPLE)!;
	const program = get('program');
	return {
		...(asked !== null && !found && program === null ? { problem: unknownExampleNotice(asked) } : {}),
		program: program ?? example.program,
		// A program of its own may differ from any example, so it does not borrow an example's title.
		title: program !== null ? 'chainstep' : example.title,
		step: oneBased(get('step')),
		granularity: get('granularity') === 'group' || get('g') === 'group' ? 'group' : 'scalar',
		gates: get('gates') === 'expanded' ? 'expanded' : 'one',
		theme: theme(get('theme')),
		controls: controls(get('controls')),
		autoplay: flag(get('autoplay')),
		precision: sig(get('precision') ?? get('sig')),
		origins: parseOrigins(get('origin'))
	};
}

function oneBased(s: string | null): number {
	return s !== null && /^\s*\d{1,9}\s*$/.test(s) && Number(s) >= 1 ? Number(s) - 1 : 0;
}

/** Light unless asked: an embed sits inside a host page, whose colours it cannot see. */
function theme(s: string | null): Theme {
	return s === 'dark' || s === 'auto' ? s : 'light';
}

function controls(s: string | null): ReadonlySet<Control> {
	if (s === null || s.trim() === 'all') return new Set(ALL_CONTROLS);
	return new Set(
		s
			.split(',')
			.map((c) => c.trim())
			.filter((c): c is Control => (ALL_CONTROLS as readonly string[]).includes(c))
	);
}

/** A bare attribute (`autoplay`, i.e. "") is on, like HTML's own boolean attributes. */
function flag(s: string | null): boolean {
	return s !== null && s !== 'false' && s !== '0';
}

function sig(s: string | null): number {
	const n = s !== null && /^\s*\d{1,2}\s*$/.test(s) ? Number(s) : NaN;
	return n >= MIN_SIG && n <= MAX_SIG ? n : DEFAULT_SIG;
}
