export type SvgTheme = 'light' | 'dark';

/** The same roles GraphView reads from CSS variables (--cs-value, --cs-grad, …). */
export interface Palette {
	readonly bg: string;
	readonly fg: string;
	readonly value: string;
	readonly grad: string;
	readonly edge: string;
	readonly current: string;
	readonly read: string;
	readonly muted: string;
	readonly node: string;
	readonly leaf: string;
	readonly box: string;
	readonly output: string;
	readonly bad: string;
}

export const PALETTES: Readonly<Record<SvgTheme, Palette>> = {
	light: {
		bg: '#ffffff', fg: '#1f2328', value: '#1a7f37', grad: '#c62828', edge: '#57606a', current: '#0b5cd5', read: '#8250df',
		muted: '#a0a7b0', node: '#ffffff', leaf: '#eef4ff', box: '#f3f0ff', output: '#fff4e0', bad: '#b3261e'
	},
	dark: {
		bg: '#0d1117', fg: '#e6edf3', value: '#56d364', grad: '#ff7b72', edge: '#8b949e', current: '#58a6ff', read: '#d2a8ff',
		muted: '#545d68', node: '#161b22', leaf: '#132339', box: '#231a3a', output: '#3a2a0c', bad: '#ff6a69'
	}
};

/**
 * The palettes as CSS custom properties for the live graph: `--_bg: var(--cs-bg, light-dark(…))`,
 * so the page, its color-scheme and the exports share one list of colours, and a host page may
 * still override any `--cs-*`.
 */
export function paletteCss(): string {
	return (Object.keys(PALETTES.light) as (keyof Palette)[])
		.map((k) => `--_${k}: var(--cs-${k}, light-dark(${PALETTES.light[k]}, ${PALETTES.dark[k]}))`)
		.join('; ');
}
