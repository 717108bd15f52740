import { DEFAULT_EXAMPLE, exampleById } from '../../examples/examples';

export type Theme = 'light' | 'dark' | 'auto';
export type Control = 'nav' | 'timeline' | 'graph' | 'math' | 'words';
export const ALL_CONTROLS: readonly Control[] = ['nav', 'timeline', 'graph', 'math', 'words'];

/** What an embed shows, read from element attributes or the /embed page's query string. */
export interface EmbedConfig {
	readonly program: string;
	readonly title: string;
	/** 0-based step index; the URL and attributes say 1-based. */
	readonly step: number;
	readonly granularity: 'scalar' | 'group';
	readonly theme: Theme;
	readonly controls: ReadonlySet<Control>;
	readonly autoplay: boolean;
	readonly precision: number;
}

/** Every value is untrusted text: unknown values fall back to defaults, nothing is evaluated. */
export function embedConfigFrom(get: (key: string) => string | null): EmbedConfig {
	const example = exampleById(get('example') ?? '') ?? exampleById(DEFAULT_EXAMPLE)!;
	const program = get('program') ?? example.program;
	const stepRaw = Number.parseInt(get('step') ?? '1', 10);
	const theme = get('theme');
	const controlsRaw = get('controls');
	const controls = new Set<Control>(
		controlsRaw === null || controlsRaw === 'all'
			? ALL_CONTROLS
			: controlsRaw
					.split(',')
					.map((c) => c.trim())
					.filter((c): c is Control => (ALL_CONTROLS as readonly string[]).includes(c))
	);
	const precision = Number.parseInt(get('precision') ?? '4', 10);
	const autoplay = get('autoplay');
	return {
		program,
		title: get('program') !== null ? 'chainstep' : example.title,
		step: Number.isFinite(stepRaw) && stepRaw >= 1 ? stepRaw - 1 : 0,
		granularity: get('granularity') === 'group' || get('g') === 'group' ? 'group' : 'scalar',
		theme: theme === 'light' || theme === 'dark' ? theme : 'auto',
		controls,
		autoplay: autoplay !== null && autoplay !== 'false' && autoplay !== '0',
		precision: Number.isInteger(precision) && precision >= 1 && precision <= 12 ? precision : 4
	};
}
