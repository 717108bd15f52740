/**
 * Evaluates the numeric matrix LaTeX of a vectorized step (`\begin{bmatrix}…\end{bmatrix}`
 * products, ⊙, transposes, scalars, tanh/softmax/… of a matrix), carrying for every entry the
 * error its printed digits allow, so a test can check that the printed matrices multiply out to
 * the printed result "within the printed digits" without guessing a tolerance.
 */

export interface Mat {
	readonly rows: number;
	readonly cols: number;
	readonly v: number[];
	/** Bound on |true − v| per entry, from the rounding of the printed numbers. */
	readonly e: number[];
	/** Written as a plain number, not a matrix: it scales instead of multiplying as 1×1. */
	readonly scalar: boolean;
}

/** The text is not numbers only (a name, a ∂): that side is skipped. */
export class MatrixEvalError extends Error {}
/** Numbers that do not fit together (a 4×3 matrix times a 4-vector): the text is wrong. */
export class MatrixShapeError extends Error {}

/** Half a unit in the last of `sig` significant digits of a printed number. */
function printedError(x: number, sig: number): number {
	if (x === 0) return 0.5 * 10 ** -sig;
	return 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(x))) - sig + 1);
}

const scalar = (x: number, e: number): Mat => ({ rows: 1, cols: 1, v: [x], e: [e], scalar: true });

function map(a: Mat, f: (x: number) => number): Mat {
	const v = a.v.map(f);
	const e = a.v.map((x, k) => Math.max(Math.abs(f(x + a.e[k]) - v[k]), Math.abs(f(x - a.e[k]) - v[k])));
	return { ...a, v, e };
}

function zip(a: Mat, b: Mat, f: (x: number, y: number) => number, err: (x: number, y: number, ex: number, ey: number) => number): Mat {
	if (a.scalar && !b.scalar) return zip({ ...b, v: b.v.map(() => a.v[0]), e: b.v.map(() => a.e[0]), scalar: false }, b, f, err);
	if (b.scalar && !a.scalar) return zip(a, { ...a, v: a.v.map(() => b.v[0]), e: a.v.map(() => b.e[0]), scalar: false }, f, err);
	if (a.rows !== b.rows || a.cols !== b.cols) throw new MatrixShapeError(`element-wise ${a.rows}×${a.cols} with ${b.rows}×${b.cols}`);
	return { ...a, v: a.v.map((x, k) => f(x, b.v[k])), e: a.v.map((x, k) => err(x, b.v[k], a.e[k], b.e[k])) };
}

const add = (a: Mat, b: Mat) => zip(a, b, (x, y) => x + y, (_x, _y, ex, ey) => ex + ey);
const sub = (a: Mat, b: Mat) => zip(a, b, (x, y) => x - y, (_x, _y, ex, ey) => ex + ey);
const hadamard = (a: Mat, b: Mat) => zip(a, b, (x, y) => x * y, (x, y, ex, ey) => Math.abs(x) * ey + Math.abs(y) * ex + ex * ey);
const divide = (a: Mat, b: Mat) =>
	zip(a, b, (x, y) => x / y, (x, y, ex, ey) => {
		if (Math.abs(y) <= ey) return Infinity;
		return (Math.abs(x) + ex) / (Math.abs(y) - ey) - Math.abs(x / y) + ex / Math.abs(y);
	});

function matmul(a: Mat, b: Mat): Mat {
	if (a.scalar || b.scalar) return hadamard(a, b);
	if (a.cols !== b.rows) throw new MatrixShapeError(`cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
	const v: number[] = [];
	const e: number[] = [];
	for (let i = 0; i < a.rows; i++)
		for (let j = 0; j < b.cols; j++) {
			let s = 0;
			let err = 0;
			for (let k = 0; k < a.cols; k++) {
				const x = a.v[i * a.cols + k];
				const y = b.v[k * b.cols + j];
				const ex = a.e[i * a.cols + k];
				const ey = b.e[k * b.cols + j];
				s += x * y;
				err += Math.abs(x) * ey + Math.abs(y) * ex + ex * ey;
			}
			v.push(s);
			e.push(err);
		}
	return { rows: a.rows, cols: b.cols, v, e, scalar: false };
}

function transpose(a: Mat): Mat {
	const v: number[] = [];
	const e: number[] = [];
	for (let j = 0; j < a.cols; j++)
		for (let i = 0; i < a.rows; i++) {
			v.push(a.v[i * a.cols + j]);
			e.push(a.e[i * a.cols + j]);
		}
	return { rows: a.cols, cols: a.rows, v, e, scalar: a.scalar };
}

function reduce(a: Mat, f: (v: number[]) => number): Mat {
	const v = f(a.v);
	let e = 0;
	// Each entry moved alone by its error: enough for the smooth reductions printed here.
	a.v.forEach((_, k) => {
		const up = a.v.slice();
		up[k] += a.e[k];
		const dn = a.v.slice();
		dn[k] -= a.e[k];
		e += Math.max(Math.abs(f(up) - v), Math.abs(f(dn) - v));
	});
	return scalar(v, e);
}

function softmax(a: Mat): Mat {
	const f = (v: number[]) => {
		const m = Math.max(...v);
		const ex = v.map((x) => Math.exp(x - m));
		const s = ex.reduce((p, q) => p + q, 0);
		return ex.map((x) => x / s);
	};
	const v = f(a.v);
	const e = v.map(() => 0);
	a.v.forEach((_, k) => {
		const up = a.v.slice();
		up[k] += a.e[k];
		f(up).forEach((y, i) => (e[i] += Math.abs(y - v[i]) * 1.01));
	});
	return { ...a, v, e };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const FUNCTIONS: Record<string, (a: Mat) => Mat> = {
	tanh: (a) => map(a, Math.tanh),
	log: (a) => map(a, Math.log),
	exp: (a) => map(a, Math.exp),
	sigma: (a) => map(a, sigmoid),
	relu: (a) => map(a, (x) => Math.max(0, x)),
	sqrt: (a) => map(a, Math.sqrt),
	softmax,
	sum: (a) => reduce(a, (v) => v.reduce((p, q) => p + q, 0)),
	mean: (a) => reduce(a, (v) => v.reduce((p, q) => p + q, 0) / v.length)
};

class Parser {
	pos = 0;
	constructor(
		readonly s: string,
		readonly sig: number
	) {}
	skip(): void {
		for (;;) {
			const rest = this.s.slice(this.pos);
			const m = /^(\s+|\\,|\\;|\\!|\\quad|\\qquad)/.exec(rest);
			if (!m) return;
			this.pos += m[0].length;
		}
	}
	eat(t: string): boolean {
		this.skip();
		if (this.s.startsWith(t, this.pos)) {
			this.pos += t.length;
			return true;
		}
		return false;
	}
	expect(t: string): void {
		if (!this.eat(t)) throw new MatrixEvalError(`expected ${t} at ${this.pos} in ${this.s}`);
	}
	atEnd(): boolean {
		this.skip();
		return this.pos >= this.s.length;
	}
	expr(): Mat {
		let a = this.term();
		for (;;) {
			if (this.eat('+')) a = add(a, this.term());
			else if (this.peek('-')) {
				this.eat('-');
				a = sub(a, this.term());
			} else return a;
		}
	}
	peek(t: string): boolean {
		this.skip();
		return this.s.startsWith(t, this.pos);
	}
	term(): Mat {
		if (this.eat('-')) return map(this.term(), (x) => -x);
		let a = this.power();
		for (;;) {
			if (this.eat('\\cdot')) a = hadamardOrScale(a, this.power());
			else if (this.eat('\\odot')) a = hadamard(a, this.power());
			else if (this.eat('\\oslash')) a = divide(a, this.power());
			else if (this.startsAtom()) a = matmul(a, this.power());
			else return a;
		}
	}
	startsAtom(): boolean {
		this.skip();
		const rest = this.s.slice(this.pos);
		return /^(\\begin\{bmatrix\}|\\left\(|\\frac|\\tanh|\\log|\\exp|\\sigma|\\operatorname|\\left\\lVert|[0-9])/.test(rest);
	}
	power(): Mat {
		let a = this.atom();
		for (;;) {
			if (this.eat('^{\\top}')) a = transpose(a);
			else if (this.eat('^{2}')) a = hadamard(a, a);
			else return a;
		}
	}
	number(): Mat {
		this.skip();
		const m = /^[0-9]+(\.[0-9]+)?/.exec(this.s.slice(this.pos));
		if (!m) throw new MatrixEvalError(`expected a number at ${this.pos} in ${this.s}`);
		this.pos += m[0].length;
		let x = Number(m[0]);
		let mant = m[0];
		if (this.eat('\\times 10^{')) {
			const k = /^-?[0-9]+/.exec(this.s.slice(this.pos))!;
			this.pos += k[0].length;
			this.expect('}');
			x *= 10 ** Number(k[0]);
			mant = `${mant}e${k[0]}`;
		}
		return scalar(x, printedError(Number(mant), this.sig));
	}
	atom(): Mat {
		if (this.eat('\\begin{bmatrix}')) {
			const rows: Mat[][] = [[]];
			for (;;) {
				if (this.eat('\\end{bmatrix}')) break;
				rows[rows.length - 1].push(this.expr());
				if (this.eat('&')) continue;
				if (this.eat('\\\\')) rows.push([]);
			}
			const cols = rows[0].length;
			if (rows.some((r) => r.length !== cols)) throw new MatrixShapeError('ragged matrix');
			return { rows: rows.length, cols, v: rows.flat().map((m) => m.v[0]), e: rows.flat().map((m) => m.e[0]), scalar: false };
		}
		if (this.eat('\\left\\lVert')) {
			const a = this.expr();
			this.expect('\\right\\rVert^{2}');
			return reduce(a, (v) => v.reduce((p, q) => p + q * q, 0));
		}
		if (this.eat('\\left(')) {
			const a = this.expr();
			this.expect('\\right)');
			return a;
		}
		if (this.eat('\\frac{')) {
			const a = this.expr();
			this.expect('}{');
			const b = this.expr();
			this.expect('}');
			return divide(a, b);
		}
		for (const fn of ['tanh', 'log', 'exp', 'sigma']) if (this.eat(`\\${fn}`)) return FUNCTIONS[fn](this.atom());
		if (this.eat('\\operatorname{')) {
			const m = /^[a-z]+/.exec(this.s.slice(this.pos))!;
			this.pos += m[0].length;
			this.expect('}');
			const f = FUNCTIONS[m[0]];
			if (!f) throw new MatrixEvalError(`unknown function ${m[0]}`);
			return f(this.atom());
		}
		return this.number();
	}
}

function hadamardOrScale(a: Mat, b: Mat): Mat {
	return hadamard(a, b);
}

/** The value of a numeric matrix expression; throws MatrixEvalError on anything else (a name, a ∂). */
export function evalMatrix(tex: string, sig: number): Mat {
	const p = new Parser(tex, sig);
	const v = p.expr();
	if (!p.atEnd()) throw new MatrixEvalError(`unexpected ${tex.slice(p.pos, p.pos + 16)} in ${tex}`);
	return v;
}

/** Whether two evaluated sides can stand for the same matrix (a column n×1 and a vector read alike). */
export function agree(a: Mat, b: Mat): boolean {
	if (a.v.length !== b.v.length) return false;
	if (!(a.scalar || b.scalar) && !(a.rows === b.rows || a.cols === 1 || b.cols === 1)) return false;
	return a.v.every((x, k) => Math.abs(x - b.v[k]) <= a.e[k] + b.e[k] + 1e-9 * (1 + Math.abs(x)));
}

/** `a = b = c` → [a, b, c]: one splitter for every evaluator of printed equations. */
export { splitEquation as sides } from './tex-eval.ts';
