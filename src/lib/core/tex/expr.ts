import { assertNever, type Expr } from '../language/ast.ts';
import { fmtExponent } from '../ops/registry.ts';
import { nameTex } from './names.ts';
import { texNum } from './number.ts';

/** Binding strength of each form, so parentheses appear exactly where the meaning needs them. */
function prec(e: Expr): number {
	switch (e.kind) {
		case 'binary':
			return e.op === '+' || e.op === '-' ? 1 : 2;
		case 'neg':
			return 3;
		case 'power':
			return 4;
		case 'number':
			return e.value < 0 ? 3 : 5;
		case 'name':
		case 'call':
		case 'vector':
		case 'norm':
			return 5;
		default:
			return assertNever(e);
	}
}

const paren = (s: string) => `\\left(${s}\\right)`;

function wrap(e: Expr, min: number): string {
	const s = exprTex(e);
	return prec(e) < min ? paren(s) : s;
}

const FN_TEX: Record<string, (a: string[]) => string> = {
	exp: (a) => `\\exp${paren(a[0])}`,
	log: (a) => `\\log${paren(a[0])}`,
	sqrt: (a) => `\\sqrt{${a[0]}}`,
	abs: (a) => `\\left|${a[0]}\\right|`,
	sigmoid: (a) => `\\sigma${paren(a[0])}`,
	tanh: (a) => `\\tanh${paren(a[0])}`,
	relu: (a) => `\\operatorname{relu}${paren(a[0])}`,
	max: (a) => `\\max${paren(a.join(', '))}`,
	min: (a) => `\\min${paren(a.join(', '))}`,
	sum: (a) => `\\operatorname{sum}${paren(a[0])}`,
	mean: (a) => `\\operatorname{mean}${paren(a[0])}`,
	dot: (a) => `${a[0]} \\cdot ${a[1]}`,
	norm2: (a) => `\\left\\lVert ${a[0]} \\right\\rVert^{2}`,
	softmax: (a) => `\\operatorname{softmax}${paren(a[0])}`,
	transpose: (a) => `${a[0]}^{\\top}`
};

/** LaTeX of a program expression as the user wrote it, e.g. `\tanh(W_{1} x + b_{1})`. */
export function exprTex(e: Expr): string {
	switch (e.kind) {
		case 'number':
			return texNum(e.value);
		case 'name':
			return nameTex(e.name);
		case 'neg':
			return `-${wrap(e.arg, 3)}`;
		case 'power':
			return `${wrap(e.base, 5)}^{${fmtExponent(e.exponent)}}`;
		case 'binary':
			switch (e.op) {
				case '+':
					return `${wrap(e.left, 1)} + ${wrap(e.right, 1)}`;
				case '-':
					return `${wrap(e.left, 1)} - ${wrap(e.right, 2)}`;
				case '*': {
					// A negative right factor is bracketed: juxtaposed, 2(-c) written 2 -c would read as a subtraction.
					const l = wrap(e.left, 2);
					const r = wrap(e.right, 4);
					// Two juxtaposed numbers read as one (2(3) is not 23): those keep the dot.
					return e.implicit && !/^[0-9]/.test(r) ? `${l} ${r}` : `${l} \\cdot ${r}`;
				}
				case '/':
					return `\\frac{${exprTex(e.left)}}{${exprTex(e.right)}}`;
				case '@':
					// A matrix product is written by juxtaposition in the slides: W x.
					return `${wrap(e.left, 2)} ${wrap(e.right, 4)}`;
				default:
					return assertNever(e.op);
			}
		case 'call': {
			const args = e.args.map((a) => (e.fn === 'dot' || e.fn === 'transpose' ? wrap(a, 5) : exprTex(a)));
			const f = FN_TEX[e.fn];
			return f ? f(args) : `\\operatorname{${e.fn.replace(/[^A-Za-z0-9]/g, '')}}${paren(args.join(', '))}`;
		}
		case 'vector': {
			const rows = e.items.map((it) => (it.kind === 'vector' ? it.items.map(exprTex).join(' & ') : exprTex(it)));
			return `\\begin{bmatrix}${rows.join(' \\\\ ')}\\end{bmatrix}`;
		}
		case 'norm':
			return `\\left\\lVert ${exprTex(e.arg)} \\right\\rVert^{2}`;
		default:
			return assertNever(e);
	}
}
