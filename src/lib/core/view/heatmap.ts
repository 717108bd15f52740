/**
 * The vanishing-gradient picture as data: one row per named value, one column per step (or per
 * run of steps, once there are more steps than columns), the colour log₁₀ ‖∂L/∂v‖. A gradient
 * that is exactly 0 has no logarithm: its cell is −∞ and drawn apart, as is a non-finite one (NaN).
 */

export interface HeatRow {
	readonly name: string;
	/** log₁₀ of the gradient's size per column: −Infinity for 0, NaN when not finite. */
	readonly cells: Float64Array;
}

export interface Heatmap {
	readonly rows: readonly HeatRow[];
	readonly cols: number;
	/** Steps covered by one column (1 while every step has its own). */
	readonly per: number;
	/** Points 0 … steps. */
	readonly points: number;
	/** Range of the finite cells (0 and 0 when there are none). */
	readonly min: number;
	readonly max: number;
}

/**
 * `tracks[k].norms[s]` is ‖∂L/∂v‖ at point s. A column holding several steps shows the mean of
 * their logarithms (the geometric mean of the sizes), which is what a log colour scale averages.
 */
export function gradHeatmap(tracks: readonly { readonly name: string; readonly norms: ArrayLike<number> }[], maxCols = 160): Heatmap {
	const points = tracks[0]?.norms.length ?? 0;
	const per = Math.max(1, Math.ceil(points / Math.max(1, maxCols)));
	const cols = Math.ceil(points / per);
	let min = Infinity;
	let max = -Infinity;
	const rows = tracks.map((t) => {
		const cells = new Float64Array(cols);
		for (let c = 0; c < cols; c++) {
			let sum = 0;
			let n = 0;
			let zero = false;
			let bad = false;
			for (let s = c * per; s < Math.min(points, (c + 1) * per); s++) {
				const v = t.norms[s];
				if (!Number.isFinite(v)) bad = true;
				else if (v === 0) zero = true;
				else ((sum += Math.log10(v)), n++);
			}
			const cell = bad ? NaN : n > 0 ? sum / n : zero ? -Infinity : NaN;
			cells[c] = cell;
			if (Number.isFinite(cell)) ((min = Math.min(min, cell)), (max = Math.max(max, cell)));
		}
		return { name: t.name, cells };
	});
	if (min === Infinity) [min, max] = [0, 0];
	return { rows, cols, per, points, min, max };
}

/** The first and last step a column covers. */
export function columnSteps(h: Heatmap, col: number): [number, number] {
	return [col * h.per, Math.min(h.points - 1, (col + 1) * h.per - 1)];
}

// Viridis at nine stops: dark to bright in lightness and readable on a light or a dark page, and
// ordered for readers who do not see red and green apart.
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];

/** The colour of a log₁₀ size inside [min, max]; small gradients are dark, large ones bright. */
export function heatColour(v: number, min: number, max: number): string {
	const t = max > min ? Math.min(1, Math.max(0, (v - min) / (max - min))) : 1;
	const x = t * (VIRIDIS.length - 1);
	const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
	return mix(VIRIDIS[i], VIRIDIS[i + 1], x - i);
}

function mix(a: string, b: string, f: number): string {
	const ch = (h: string, k: number) => parseInt(h.slice(1 + 2 * k, 3 + 2 * k), 16);
	const out = [0, 1, 2].map((k) => Math.round(ch(a, k) + (ch(b, k) - ch(a, k)) * f));
	return `#${out.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Whole powers of ten for the legend, at most `count` of them, inside [min, max]. */
export function legendTicks(min: number, max: number, count = 5): number[] {
	if (!(max > min)) return [min];
	const lo = Math.ceil(min);
	const hi = Math.floor(max);
	const every = Math.max(1, Math.ceil((hi - lo + 1) / count));
	const out: number[] = [];
	for (let e = lo; e <= hi; e += every) out.push(e);
	return out.length > 0 ? out : [min, max];
}
