import { assertNever, leftSpine, staircase, type BinaryExpr, type Expr } from '../language/ast.ts';
import { callable, callTex, fmtExponent } from '../ops/registry.ts';
import { indexedTex, nameTex } from './names.ts';
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
		case 'index':
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

/** `a ∘ b` given the LaTeX of `a` (bare), so a row of terms is typeset in a loop. */
function binaryTex(e: BinaryExpr, left: string): string {
	const l = (min: number) => (prec(e.left) < min ? paren(left) : left);
	switch (e.op) {
		case '+':
			return `${l(1)} + ${wrap(e.right, 1)}`;
		case '-':
			return `${l(1)} - ${wrap(e.right, 2)}`;
		case '*': {
			// A negative right factor is bracketed: juxtaposed, 2(-c) written 2 -c would read as a subtraction.
			const r = wrap(e.right, 4);
			// Two juxtaposed numbers read as one (2(3) is not 23): those keep the dot.
			return e.implicit && !/^[0-9]/.test(r) ? `${l(2)} ${r}` : `${l(2)} \\cdot ${r}`;
		}
		case '/':
			return `\\frac{${left}}{${exprTex(e.right)}}`;
		case '@':
			// A matrix product is written by juxtaposition in the slides: W x.
			return `${l(2)} ${wrap(e.right, 4)}`;
		default:
			return assertNever(e.op);
	}
}

/** Levels typeset by plain recursion before a memoised sub-expression is met (see `staircase`). */
const STEP = 64;
/** The LaTeX of deep sub-expressions, typeset first, during one top-level call of a deep expression. */
let memo: Map<Expr, string> | undefined;

/** LaTeX of a program expression as the user wrote it, e.g. `\tanh(W_{1} x + b_{1})`. */
export function exprTex(e: Expr): string {
	if (memo) {
		const m = memo.get(e);
		if (m !== undefined) return m;
		return nodeTex(e);
	}
	const deep = staircase(e, STEP, true);
	if (deep.length === 0) return nodeTex(e);
	// Nested thousands deep: the deepest pieces first, so each recursion stops at a memoised one.
	memo = new Map();
	try {
		for (const d of deep) memo.set(d, nodeTex(d));
		return nodeTex(e);
	} finally {
		memo = undefined;
	}
}

function nodeTex(e: Expr): string {
	switch (e.kind) {
		case 'number':
			return texNum(e.value);
		case 'name':
			return nameTex(e.name);
		case 'neg':
			return `-${wrap(e.arg, 3)}`;
		case 'power':
			return `${wrap(e.base, 5)}^{${fmtExponent(e.exponent)}}`;
		case 'binary': {
			// A row of terms is a left spine as long as the row: built in a loop, not by recursion.
			const spine = leftSpine(e);
			let s = exprTex(spine[spine.length - 1].left);
			for (let i = spine.length - 1; i >= 0; i--) s = binaryTex(spine[i], s);
			return s;
		}
		case 'call': {
			const c = callable(e.fn);
			// Where the form sets an argument against something (wᵀx, Wᵀ), it stands bracketed unless atomic.
			const tight = c?.kind === 'transpose' || (c?.kind === 'op' && c.spec.fn.expand === 'pairs');
			const args = e.args.map((a) => (tight ? wrap(a, 5) : exprTex(a)));
			return c ? callTex(c, args) : `\\operatorname{${e.fn.replace(/[^A-Za-z0-9]/g, '')}}${paren(args.join(', '))}`;
		}
		case 'vector': {
			const rows = e.items.map((it) => (it.kind === 'vector' ? it.items.map(exprTex).join(' & ') : exprTex(it)));
			return `\\begin{bmatrix}${rows.join(' \\\\ ')}\\end{bmatrix}`;
		}
		case 'norm':
			return `\\left\\lVert ${exprTex(e.arg)} \\right\\rVert^{2}`;
		case 'index': {
			// A named vector's element is written as the steps write it (q_{0}, W_{1,0}); anything else is bracketed first.
			return e.arg.kind === 'name' ? indexedTex(e.arg.name, e.at) : `${paren(exprTex(e.arg))}_{${e.at.join(',')}}`;
		}
		default:
			return assertNever(e);
	}
}
