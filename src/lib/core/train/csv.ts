import { elementLabel } from '../tex/names.ts';
import { fmt } from '../tex/number.ts';
import type { TrainResult } from './types.ts';

/**
 * A training run as CSV, one row per point s = 0 … stepsDone: the step, the loss, every chosen
 * parameter element (headed as the trace labels it, W1[0,1]) and every named value's gradient
 * norm (`|dL/dh1|`, L the program's output). Numbers are exact by default (the shortest decimal
 * that reads back as the same double), so a spreadsheet or NumPy sees what the run computed;
 * `sig` rounds them to that many significant digits. The page's download and `chainstep train
 * --format csv` both write this.
 */
export function historyCsv(result: TrainResult, sig?: number): string {
	const num = (x: number) => (sig === undefined ? exact(x) : fmt(x, sig));
	// The output is the program's last line, so its track is the last in program order.
	const out = result.grads[result.grads.length - 1]?.name ?? 'L';
	const header = ['step', 'loss'];
	for (const p of result.params) {
		const size = p.shape.reduce((a, b) => a * b, 1);
		for (let e = 0; e < size; e++) header.push(elementLabel(p.name, p.shape, e));
	}
	for (const t of result.grads) header.push(`|d${out}/d${t.name}|`);
	const rows = [header.map(field).join(',')];
	for (let s = 0; s <= result.stepsDone; s++) {
		const row = [String(s), num(result.losses[s])];
		for (const p of result.params) {
			const size = p.shape.reduce((a, b) => a * b, 1);
			for (let e = 0; e < size; e++) row.push(num(p.values[s * size + e]));
		}
		for (const t of result.grads) row.push(num(t.norms[s]));
		rows.push(row.join(','));
	}
	return rows.join('\n') + '\n';
}

/** Shortest round-trip decimal; NaN and ±Infinity as words every CSV reader (pandas, R, Excel) takes. */
function exact(x: number): string {
	return Number.isFinite(x) ? String(x) : fmt(x);
}

/** RFC 4180: a label such as W1[0,1] holds a comma, so it is quoted. */
function field(s: string): string {
	return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
