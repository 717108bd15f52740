/**
 * What the PyTorch and NumPy writers share: Python literals that read back as the same doubles,
 * identifiers that are never a keyword or one of the script's own names, and comments that
 * nothing in a program can break out of.
 */

/** Python's keywords: a program may call a value `lambda` or `None`, Python may not. */
const KEYWORDS = [
	'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
	'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
	'return', 'try', 'while', 'with', 'yield'
];

/**
 * Names the generated scripts read themselves: the modules and the builtins their printing uses.
 * A program value with one of these names is renamed (`torch` → `torch_`) so it cannot shadow them.
 */
const SCRIPT_NAMES = ['json', 'torch', 'F', 'np', 'math', 'print', 'float', 'isinstance', 'list', 'dict', 'len', 'range', 'str', 'bool', 'int', 'tuple', 'zip', 'abs', 'max', 'min', 'sum', 'object', 'type'];

const RESERVED: ReadonlySet<string> = new Set([...KEYWORDS, ...SCRIPT_NAMES]);

/** A double as Python source that `float()` reads back bit for bit: JavaScript's shortest round-trip digits, which Python's repr also picks. */
export function pyFloat(x: number): string {
	if (Number.isNaN(x)) return "float('nan')";
	if (x === Infinity) return "float('inf')";
	if (x === -Infinity) return "-float('inf')";
	if (Object.is(x, -0)) return '-0.0';
	const s = String(x);
	return /[.e]/.test(s) ? s : `${s}.0`;
}

/** An exponent as written on the slides: `x ** 2`, `x ** -1`, `x ** 0.5`. */
export function pyExponent(p: number): string {
	return Number.isInteger(p) && Math.abs(p) < 2 ** 53 ? String(p) : pyFloat(p);
}

/** A value's literal with its shape: `[[0.1, 0.5], [-0.3, 0.8]]`. */
export function pyNested(values: ArrayLike<number>, shape: readonly number[]): string {
	if (shape.length === 0) return pyFloat(values[0]);
	if (shape.length === 1) return `[${Array.from(values, pyFloat).join(', ')}]`;
	const [m, n] = shape;
	const rows: string[] = [];
	for (let i = 0; i < m; i++) rows.push(`[${Array.from({ length: n }, (_, j) => pyFloat(values[i * n + j])).join(', ')}]`);
	return `[${rows.join(', ')}]`;
}

/** A Python string literal for a program name (names are ASCII letters, digits and `_`; JSON's escapes are Python's too). */
export function pyString(s: string): string {
	return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Text inside a `#` comment. Python ends a comment only at a line break (\n, \r), and refuses a NUL
 * anywhere in a file; every control character, line or paragraph separator, BOM and lone surrogate is
 * written as an escape, so a program's text stays on its comment line and the file stays valid UTF-8.
 */
export function commentText(s: string): string {
	return s.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
		const code = c.charCodeAt(0);
		return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
	});
}

/** A piece of a line for a comment beside the line computing it: long pieces (a row of 20,000 terms) are shortened, so the file grows linearly. */
export function shortText(s: string, max = 72): string {
	if (s.length <= max) return s;
	const half = Math.floor((max - 3) / 2);
	return `${s.slice(0, half)} … ${s.slice(s.length - half)}`;
}

/** Allots Python identifiers: each program name keeps its spelling unless Python or the script needs it. */
export class Names {
	private readonly taken = new Set<string>(RESERVED);
	private readonly of = new Map<string, string>();

	/** `programNames` are claimed first, so a generated name never takes one a program used. */
	constructor(programNames: Iterable<string>) {
		const names = [...programNames];
		for (const n of names) if (!RESERVED.has(n)) this.taken.add(n);
		for (const n of names) if (RESERVED.has(n)) this.of.set(n, this.fresh(n));
		for (const n of names) if (!this.of.has(n)) this.of.set(n, n);
	}

	/** The identifier of a program name. */
	py(name: string): string {
		const p = this.of.get(name);
		if (p === undefined) throw new Error(`no Python name for ${name}`);
		return p;
	}

	/** A new identifier like `want` (`want`, `want_2`, …; `print_` for a reserved one) that nothing else uses. */
	fresh(want: string): string {
		let s = RESERVED.has(want) ? `${want}_` : want;
		for (let k = 2; this.taken.has(s) || RESERVED.has(s); k++) s = `${want}_${k}`;
		this.taken.add(s);
		return s;
	}
}

export type CodeTarget = 'pytorch' | 'numpy';

/** The script's first lines: where it came from, how to run it, the program itself as comments. */
export function header(source: string, target: CodeTarget, what: string): string[] {
	const needs = target === 'pytorch' ? 'PyTorch: apt-get install python3-torch' : 'NumPy: apt-get install python3-numpy';
	const lines = [
		`# Generated by chainstep (${target}): ${what}`,
		'# Prints {"values": …, "grads": …} as JSON, keyed like `chainstep trace --format json`;',
		`# run it with /usr/bin/python3 FILE.py (needs ${needs}, for Debian's /usr/bin/python3).`,
		'#',
		'# The program:'
	];
	const body = source.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
	for (const l of body.split('\n')) lines.push(l === '' ? '#' : `#   ${commentText(l)}`);
	return lines;
}

/**
 * The printing both scripts end with: nested lists of numbers, NaN and ±∞ as the strings
 * `chainstep trace --format json` writes for them (JSON has no number for them).
 */
export const JSON_HELPER = [
	'def _plain(v):',
	'    if isinstance(v, list):',
	'        return [_plain(u) for u in v]',
	"    return v if v == v and v not in (float('inf'), float('-inf')) else ('NaN' if v != v else 'Infinity' if v > 0 else '-Infinity')"
];
