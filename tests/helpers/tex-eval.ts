/**
 * Evaluates the numeric LaTeX chainstep writes, so a test can check that a formula *means* its
 * value rather than only that KaTeX parses it. `\frac{2}{1} = 0.5` parses; it does not evaluate to 0.5.
 *
 * The result is an interval: every number in the text stands for the range of values that print
 * as it (at `sig` significant digits), so `(-4.001) \cdot 1.25` is checked "to the printed digits"
 * without guessing a tolerance, and cancellation (1000 - 999.9) widens the range as it should.
 * Without `sig`, numbers are taken as exact up to a few units in the last place of a double.
 *
 * Grammar (what the op registry, `tex/expr.ts` and `tex/number.ts` produce):
 *   sum     := ['-'|'+'] product (('+'|'-') product)*
 *   product := unary ((\cdot | \times | juxtaposition) unary)*
 *   unary   := '-' unary | power
 *   power   := atom ['^' group]
 *   atom    := number [\times 10^{k}] | name | \left( sum \right) | ( sum ) | { sum } | \left| sum \right|
 *            | \left[ sum (> | < | \ge | \le) sum \right]  (Iverson bracket: 1 when true)
 *            | \frac{}{} | \sqrt{} | e^{} | \exp | \log | \ln | \sigma | \tanh | \sin | \cos | \tan (\cos^{2}) | \max | \min
 *            | \operatorname{relu|sign|exp|log|…} | \infty | \text{NaN}
 * A name is any key of `names` (LaTeX such as `w_{5}`, `\mathrm{net}_{o_{1}}`, `\left(b - c\right)`),
 * matched longest first, and only where a whole token ends.
 */

export interface Interval {
	readonly lo: number;
	readonly hi: number;
}

/** Why a text could not be evaluated: names it does not know, constructs that are not scalar arithmetic, or bad syntax. */
export type TexEvalErrorKind = 'unknown-name' | 'unsupported' | 'syntax';

export class TexEvalError extends Error {
	constructor(
		readonly kind: TexEvalErrorKind,
		message: string,
		readonly at: number
	) {
		super(message);
	}
}

export interface EvalOptions {
	/** LaTeX name → value. */
	readonly names?: ReadonlyMap<string, number>;
	/** Significant digits the numbers were printed with; omitted: the numbers are exact. */
	readonly sig?: number;
	/** A `\frac{\partial A}{\partial B}` in the text: its value, or undefined when unknown. */
	readonly partial?: (num: string, den: string) => number | undefined;
	/**
	 * Functions the program defines (its gates), by the LaTeX of their parameters and body: a call
	 * `\operatorname{sig}(x)` is read as the body with each parameter holding its argument's range.
	 */
	readonly functions?: ReadonlyMap<string, { readonly params: readonly string[]; readonly body: string }>;
}

/** Relative slack of an "exact" number or name: a double printed at 17 digits round-trips, the rest is evaluation order. */
const EXACT_SLACK = 1e-14;

const point = (x: number): Interval => ({ lo: x, hi: x });
const NAN: Interval = { lo: NaN, hi: NaN };
const isPoint = (a: Interval) => a.lo === a.hi;
function span(...xs: number[]): Interval {
	if (xs.some(Number.isNaN)) return NAN;
	return { lo: Math.min(...xs), hi: Math.max(...xs) };
}
const monotone = (f: (x: number) => number) => (a: Interval) => span(f(a.lo), f(a.hi));
const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** f has a crest at `crest` + 2kπ and a trough π later (sin: π/2, cos: 0). */
function periodic(f: (x: number) => number, crest: number, a: Interval): Interval {
	if (!(a.hi - a.lo < 2 * Math.PI)) return { lo: -1, hi: 1 };
	const out = [f(a.lo), f(a.hi)];
	for (const [at, v] of [[crest, 1], [crest + Math.PI, -1]] as const) {
		const k = Math.ceil((a.lo - at) / (2 * Math.PI));
		if (at + 2 * k * Math.PI <= a.hi) out.push(v);
	}
	return span(...out);
}

const I = {
	add: (a: Interval, b: Interval) => span(a.lo + b.lo, a.hi + b.hi),
	sub: (a: Interval, b: Interval) => span(a.lo - b.hi, a.hi - b.lo),
	neg: (a: Interval) => span(-a.hi, -a.lo),
	mul: (a: Interval, b: Interval) => span(a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi),
	div(a: Interval, b: Interval): Interval {
		if (isPoint(b)) return span(a.lo / b.lo, a.hi / b.lo);
		if (b.lo > 0 || b.hi < 0) return I.mul(a, span(1 / b.lo, 1 / b.hi));
		return { lo: -Infinity, hi: Infinity };
	},
	/** A constant exponent, as the language allows: x^{2}, x^{-1}, x^{0.5}. */
	powConst(a: Interval, p: number): Interval {
		if (p < 0) return I.div(point(1), I.powConst(a, -p));
		const f = (x: number) => Math.pow(x, p);
		if (Number.isInteger(p) && p % 2 === 0 && a.lo < 0 && a.hi > 0) return span(0, f(a.lo), f(a.hi));
		return span(f(a.lo), f(a.hi));
	},
	exp: monotone(Math.exp),
	/** sin and cos over an interval: the ends, and ±1 wherever a crest or trough falls inside it. */
	sin: (a: Interval) => periodic(Math.sin, Math.PI / 2, a),
	cos: (a: Interval) => periodic(Math.cos, 0, a),
	/** tan is increasing between its poles; across a pole it takes every value. */
	tan: (a: Interval) => (Math.floor((a.lo - Math.PI / 2) / Math.PI) === Math.floor((a.hi - Math.PI / 2) / Math.PI) ? span(Math.tan(a.lo), Math.tan(a.hi)) : { lo: -Infinity, hi: Infinity }),
	log: monotone(Math.log),
	sqrt: (a: Interval) => (a.lo < 0 && a.hi >= 0 ? span(0, Math.sqrt(a.hi)) : monotone(Math.sqrt)(a)),
	tanh: monotone(Math.tanh),
	sigmoid: monotone(sigmoid),
	// log σ(x) = −log(1 + e^{−x}), without σ rounding to 0 first.
	logSigmoid: monotone((x) => -(Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x))))),
	relu: monotone((x) => (x > 0 ? x : 0)),
	sign: monotone(Math.sign),
	abs: (a: Interval) => (a.lo < 0 && a.hi > 0 ? span(0, -a.lo, a.hi) : span(Math.abs(a.lo), Math.abs(a.hi))),
	max: (a: Interval, b: Interval) => span(Math.max(a.lo, b.lo), Math.max(a.hi, b.hi)),
	min: (a: Interval, b: Interval) => span(Math.min(a.lo, b.lo), Math.min(a.hi, b.hi)),
	/** [a > b] and friends: 1 or 0 when the ranges decide it, either when they overlap. */
	compare(a: Interval, op: '>' | '<' | '>=' | '<=', b: Interval): Interval {
		const [x, y, strict] = op === '>' ? [a, b, true] : op === '>=' ? [a, b, false] : op === '<' ? [b, a, true] : [b, a, false];
		// x > y (strict) or x >= y
		const surely = strict ? x.lo > y.hi : x.lo >= y.hi;
		const never = strict ? x.hi <= y.lo : x.hi < y.lo;
		return surely ? point(1) : never ? point(0) : { lo: 0, hi: 1 };
	}
};

const UNARY: Record<string, (a: Interval) => Interval> = {
	exp: I.exp,
	sin: I.sin,
	cos: I.cos,
	tan: I.tan,
	log: I.log,
	ln: I.log,
	sqrt: I.sqrt,
	sigma: I.sigmoid,
	sigmoid: I.sigmoid,
	tanh: I.tanh,
	relu: I.relu,
	sign: I.sign,
	sgn: I.sign,
	abs: I.abs,
	// log(1 + eˣ), as the engine computes it: max(x, 0) + log(1 + e^{−|x|}).
	softplus: monotone((x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))))
};
const BINARY: Record<string, (a: Interval, b: Interval) => Interval> = {
	max: I.max,
	min: I.min,
	// Off the origin and the cut along the negative x axis, atan2 is monotone in each argument over a small box: its corners bound it.
	atan2: (y: Interval, x: Interval) => span(Math.atan2(y.lo, x.lo), Math.atan2(y.lo, x.hi), Math.atan2(y.hi, x.lo), Math.atan2(y.hi, x.hi))
};

/** Commands that are not scalar arithmetic: a step line holding one is skipped, not failed. */
const UNSUPPORTED = new Set(['partial', 'cdots', 'ldots', 'vdots', 'ddots', 'begin', 'end', 'top', 'odot', 'otimes', 'sum', 'prod', 'lVert', 'rVert', 'Vert', 'left', 'nabla', 'mathbf', 'boldsymbol']);
/** Commands that typeset space. */
const SPACES = new Set([',', ';', ':', '!', ' ', 'quad', 'qquad']);
/** Tokens after which a product cannot continue. */
const STOP_COMMANDS = new Set(['right', 'cdot', 'times', 'ge', 'geq', 'le', 'leq', 'gt', 'lt', 'ne', 'neq', 'approx']);

class Parser {
	pos = 0;
	private readonly byFirst = new Map<string, { key: string; value: number }[]>();
	constructor(
		private readonly s: string,
		private readonly opts: Internal
	) {
		// Names grouped by first character, longest first: `w_{5}` before `w`.
		for (const [key, value] of opts.names ?? []) {
			if (!key) continue;
			const list = this.byFirst.get(key[0]) ?? [];
			list.push({ key, value });
			this.byFirst.set(key[0], list);
		}
		for (const list of this.byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);
	}

	fail(kind: TexEvalErrorKind, message: string): never {
		throw new TexEvalError(kind, `${message} at ${this.pos} in ${JSON.stringify(this.s)}`, this.pos);
	}

	skipSpace(): void {
		for (;;) {
			const c = this.s[this.pos];
			if (c === ' ' || c === '\n' || c === '\t' || c === '~') this.pos++;
			else if (c === '\\' && SPACES.has(this.s[this.pos + 1]) && !/[A-Za-z]/.test(this.s[this.pos + 1])) this.pos += 2;
			else if (c === '\\' && /^\\(quad|qquad)(?![A-Za-z])/.test(this.s.slice(this.pos))) this.pos += this.s.slice(this.pos).startsWith('\\qquad') ? 6 : 5;
			else return;
		}
	}

	/** The command at the cursor (`\frac` → 'frac', `\left(` → 'left'), without consuming it. */
	peekCommand(): string | undefined {
		if (this.s[this.pos] !== '\\') return undefined;
		const m = /^\\([A-Za-z]+|.)/.exec(this.s.slice(this.pos));
		return m ? m[1] : undefined;
	}

	eat(text: string): boolean {
		this.skipSpace();
		if (!this.s.startsWith(text, this.pos)) return false;
		// `\left` must not match `\leftarrow`; `\le` must not match `\left`.
		if (/[A-Za-z]$/.test(text) && text.startsWith('\\') && /[A-Za-z]/.test(this.s[this.pos + text.length] ?? '')) return false;
		this.pos += text.length;
		return true;
	}

	expect(text: string): void {
		if (!this.eat(text)) this.fail('syntax', `expected ${text}`);
	}

	atEnd(): boolean {
		this.skipSpace();
		return this.pos >= this.s.length;
	}

	sum(): Interval {
		this.skipSpace();
		let acc: Interval;
		if (this.eat('-')) acc = I.neg(this.product());
		else {
			this.eat('+');
			acc = this.product();
		}
		for (;;) {
			if (this.eat('+')) acc = I.add(acc, this.product());
			else if (this.eat('-')) acc = I.sub(acc, this.product());
			else return acc;
		}
	}

	product(): Interval {
		let acc = this.unary();
		for (;;) {
			if (this.eat('\\cdot') || this.eat('\\times')) acc = I.mul(acc, this.unary());
			else if (this.startsFactor()) {
				// `2 3` reads as 23 and `x^{2} 3` as an exponent gone astray: not a product a reader sees.
				if (/[0-9}]$/.test(this.s.slice(0, this.pos).trimEnd()) && /[0-9.]/.test(this.s[this.pos])) this.fail('syntax', 'a number juxtaposed after a number or a group');
				acc = I.mul(acc, this.power());
			}
			else return acc;
		}
	}

	/** Whether juxtaposition continues the product: `2 x`, `\left(1 - y\right) y`, `y\left(1 - y\right)`. */
	startsFactor(): boolean {
		this.skipSpace();
		const c = this.s[this.pos];
		if (c === undefined) return false;
		if (c === '\\') {
			const cmd = this.peekCommand();
			return cmd !== undefined && !STOP_COMMANDS.has(cmd) && cmd !== '\\';
		}
		return /[0-9A-Za-z({.]/.test(c);
	}

	unary(): Interval {
		if (this.eat('-')) return I.neg(this.unary());
		if (this.eat('+')) return this.unary();
		return this.power();
	}

	power(): Interval {
		const base = this.atom();
		if (!this.eat('^')) return base;
		const e = this.exponent();
		if (isPoint(e)) return I.powConst(base, e.lo);
		if (base.lo > 0) return I.exp(I.mul(e, I.log(base)));
		return this.fail('unsupported', 'a varying exponent of a base that may be negative');
	}

	/** An exponent is written exactly (`^{-1}`, `^{0.5}`): its number is not widened to the printed digits. */
	exponent(): Interval {
		this.skipSpace();
		if (this.s[this.pos] === '{') return evalWith(this.braced(), { ...this.opts, sig: undefined, exactLiterals: true });
		const c = this.s[this.pos++];
		if (c === undefined || !/[0-9A-Za-z]/.test(c)) this.fail('syntax', 'expected an exponent');
		return evalWith(c, { ...this.opts, sig: undefined, exactLiterals: true });
	}

	/** The text of a `{…}` group, with the cursor after its closing brace. */
	braced(): string {
		this.skipSpace();
		if (this.s[this.pos] !== '{') this.fail('syntax', 'expected {');
		let depth = 0;
		const start = this.pos;
		for (; this.pos < this.s.length; this.pos++) {
			if (this.s[this.pos] === '\\') {
				this.pos++;
				continue;
			}
			if (this.s[this.pos] === '{') depth++;
			else if (this.s[this.pos] === '}' && --depth === 0) {
				this.pos++;
				return this.s.slice(start + 1, this.pos - 1);
			}
		}
		return this.fail('syntax', 'unclosed {');
	}

	group(): Interval {
		return evalWith(this.braced(), this.opts);
	}

	/** A name from `names` starting here, longest first, ending where a token ends. */
	name(): Interval | undefined {
		const list = this.byFirst.get(this.s[this.pos]);
		if (!list) return undefined;
		for (const { key, value } of list) {
			if (!this.s.startsWith(key, this.pos)) continue;
			// `w` is not a name inside `w_{5}` or `wx`, `x_{0}` not inside `x_{0}[1]`.
			if (/[A-Za-z0-9_{['.]/.test(this.s[this.pos + key.length] ?? '')) continue;
			this.pos += key.length;
			return this.exact(value);
		}
		return undefined;
	}

	exact(x: number): Interval {
		if (!Number.isFinite(x)) return point(x);
		const d = Math.abs(x) * EXACT_SLACK;
		return span(x - d, x + d);
	}

	/** A printed number stands for every value that rounds to it at `sig` digits. */
	literal(x: number): Interval {
		const sig = this.opts.sig;
		if (this.opts.exactLiterals) return point(x);
		if (sig === undefined || x === 0) return this.exact(x);
		const half = 0.5 * Math.pow(10, Math.floor(Math.log10(Math.abs(x))) - sig + 1);
		return span(x - half, x + half);
	}

	number(): Interval | undefined {
		const m = /^(\d+(?:\.\d*)?|\.\d+)(?:\s*\\times\s*10\^\{(-?\d+)\})?/.exec(this.s.slice(this.pos));
		if (!m) return undefined;
		this.pos += m[0].length;
		// `1.5 \times 10^{-3}^{2}` is a double superscript (KaTeX refuses it), and reads as 1.5 × 10^{-6}.
		if (m[2] !== undefined && /^\s*\^/.test(this.s.slice(this.pos))) this.fail('syntax', 'a power of a number in scientific notation without brackets');
		return this.literal(Number(m[2] === undefined ? m[1] : `${m[1]}e${m[2]}`));
	}

	/** `\left( … \right)`, `( … )`: the argument of a function. */
	parenthesised(): Interval {
		if (this.eat('\\left(')) {
			const v = this.sum();
			this.expect('\\right)');
			return v;
		}
		if (this.eat('(')) {
			const v = this.sum();
			this.expect(')');
			return v;
		}
		return this.fail('syntax', 'expected (');
	}

	/**
	 * A call of a user function: its body read with the parameters at every corner of the
	 * arguments' ranges (ranges this narrow come from printed digits, so the corners bound it).
	 */
	userCall(own: { readonly params: readonly string[]; readonly body: string }): Interval {
		const args = this.args();
		if (args.length !== own.params.length) this.fail('syntax', `${own.params.length} arguments expected`);
		const out: number[] = [];
		for (let corner = 0; corner < 1 << args.length; corner++) {
			const names = new Map(this.opts.names ?? []);
			own.params.forEach((p, k) => names.set(p, (corner >> k) & 1 ? args[k].hi : args[k].lo));
			const v = evalWith(own.body, { ...this.opts, names, sig: undefined, exactLiterals: true });
			out.push(v.lo, v.hi);
		}
		return span(...out);
	}

	args(): Interval[] {
		const close = this.eat('\\left(') ? '\\right)' : this.eat('(') ? ')' : this.fail('syntax', 'expected (');
		const out = [this.sum()];
		while (this.eat(',')) out.push(this.sum());
		this.expect(close);
		return out;
	}

	/** A function's argument: bracketed, or (as in `\log x`) the next factor. */
	argument(): Interval {
		this.skipSpace();
		return this.s.startsWith('\\left(', this.pos) || this.s[this.pos] === '(' ? this.parenthesised() : this.power();
	}

	atom(): Interval {
		this.skipSpace();
		const named = this.name();
		if (named) return named;
		const num = this.number();
		if (num) return num;
		const c = this.s[this.pos];
		if (c === undefined) return this.fail('syntax', 'unexpected end');
		if (c === '(' || (c === '\\' && this.s.startsWith('\\left(', this.pos))) {
			const v = this.parenthesised();
			// `\left(W x\right)_{0}`: an element of a vector expression, not scalar arithmetic.
			if (this.s[this.pos] === '_') this.fail('unsupported', 'an indexed expression');
			return v;
		}
		if (c === '{') return this.group();
		if (c === '|' || this.s.startsWith('\\left|', this.pos)) {
			const close = this.eat('\\left|') ? '\\right|' : (this.pos++, '|');
			const v = this.sum();
			this.expect(close);
			return I.abs(v);
		}
		if (this.s.startsWith('\\left[', this.pos)) return this.iverson();
		if (c === 'e' && /^e\s*\^/.test(this.s.slice(this.pos))) {
			this.pos++;
			this.expect('^');
			this.skipSpace();
			return I.exp(this.s[this.pos] === '{' ? this.group() : this.atom());
		}
		if (c === '\\') return this.command();
		if (/[A-Za-z]/.test(c)) return this.fail('unknown-name', `unknown name ${JSON.stringify(this.s.slice(this.pos, this.pos + 12))}`);
		return this.fail('syntax', `unexpected ${JSON.stringify(c)}`);
	}

	iverson(): Interval {
		this.expect('\\left[');
		const a = this.sum();
		let op: '>' | '<' | '>=' | '<=';
		if (this.eat('\\geq') || this.eat('\\ge')) op = '>=';
		else if (this.eat('\\leq') || this.eat('\\le')) op = '<=';
		else if (this.eat('>') || this.eat('\\gt')) op = '>';
		else if (this.eat('<') || this.eat('\\lt')) op = '<';
		else return this.fail('syntax', 'expected a comparison in [ ]');
		const b = this.sum();
		this.expect('\\right]');
		return I.compare(a, op, b);
	}

	command(): Interval {
		const cmd = this.peekCommand()!;
		const at = this.pos;
		this.pos += cmd.length + 1;
		switch (cmd) {
			case 'frac':
			case 'dfrac':
			case 'tfrac': {
				const num = this.braced();
				const den = this.braced();
				if (/^\s*\\partial\b/.test(num)) {
					const v = this.opts.partial?.(num.trim().replace(/^\\partial\s*/, '').trim(), den.trim().replace(/^\\partial\s*/, '').trim());
					if (v === undefined) {
						this.pos = at;
						return this.fail('unsupported', 'a partial derivative');
					}
					return this.exact(v);
				}
				return I.div(evalWith(num, this.opts), evalWith(den, this.opts));
			}
			case 'sqrt':
				return I.sqrt(this.group());
			case 'log':
				// \log\sigma(x) is one function, log-sigmoid: read as such, log σ(−800) is −800, not log 0.
				if (this.eat('\\sigma')) return I.logSigmoid(this.argument());
				return UNARY[cmd](this.argument());
			case 'exp':
			case 'ln':
			case 'sigma':
			case 'tanh':
				return UNARY[cmd](this.argument());
			case 'sin':
			case 'cos':
			case 'tan': {
				// \cos^{2}(x) is (cos x)²: a power written on the function's name.
				const p = this.eat('^') ? this.exponent() : point(1);
				if (!isPoint(p)) this.fail('unsupported', 'a varying power of a function');
				return I.powConst(UNARY[cmd](this.argument()), p.lo);
			}
			case 'max':
			case 'min': {
				const a = this.args();
				if (a.length === 0) this.fail('syntax', `${cmd} of nothing`);
				return a.reduce(BINARY[cmd]);
			}
			case 'operatorname': {
				const fn = this.braced().trim();
				const own = this.opts.functions?.get(fn);
				if (own) return this.userCall(own);
				if (UNARY[fn]) return UNARY[fn](this.argument());
				if (BINARY[fn]) return this.args().reduce(BINARY[fn]);
				this.pos = at;
				return this.fail('unsupported', `\\operatorname{${fn}}`);
			}
			case 'infty':
				return point(Infinity);
			case 'text': {
				const body = this.braced().trim();
				if (body === 'NaN') return NAN;
				this.pos = at;
				return this.fail('unsupported', `\\text{${body}}`);
			}
			case 'mathrm':
			case 'mathit':
			case 'hat':
			case 'bar':
			case 'tilde':
				this.pos = at;
				return this.fail('unknown-name', `unknown name ${JSON.stringify(this.s.slice(at, at + 24))}`);
			default:
				this.pos = at;
				if (UNSUPPORTED.has(cmd)) return this.fail('unsupported', `\\${cmd}`);
				// A Greek letter or other symbol not in `names`.
				return this.fail('unknown-name', `unknown command \\${cmd}`);
		}
	}
}

interface Internal extends EvalOptions {
	/** Parameters of a user function being read, by LaTeX name, with their ranges. */
	readonly bound?: ReadonlyMap<string, Interval>;
	readonly exactLiterals?: boolean;
}

function evalWith(tex: string, opts: Internal): Interval {
	const p = new Parser(tex, opts);
	const v = p.sum();
	if (!p.atEnd()) p.fail('syntax', `unexpected ${JSON.stringify(tex.slice(p.pos, p.pos + 12))}`);
	return v;
}

/** The range of values `tex` can stand for, given its numbers' printed digits. Throws `TexEvalError`. */
export function evalTexInterval(tex: string, opts: EvalOptions = {}): Interval {
	return evalWith(tex, opts);
}

/** The value of `tex`, its numbers taken as exact. Throws `TexEvalError`. */
export function evalTex(tex: string, opts: Omit<EvalOptions, 'sig'> = {}): number {
	const v = evalWith(tex, { ...opts, exactLiterals: true });
	return (v.lo + v.hi) / 2;
}

/** Whether `value` lies in `range`, allowing for rounding in the arithmetic itself. */
export function contains(range: Interval, value: number): boolean {
	if (Number.isNaN(value) || Number.isNaN(range.lo)) return Number.isNaN(value) && Number.isNaN(range.lo);
	if (value === range.lo || value === range.hi) return true;
	const slack = 1e-12 * Math.max(Math.abs(range.lo), Math.abs(range.hi), Math.abs(value)) + 1e-300;
	return range.lo - slack <= value && value <= range.hi + slack;
}

export function overlaps(a: Interval, b: Interval): boolean {
	if (Number.isNaN(a.lo) || Number.isNaN(b.lo)) return Number.isNaN(a.lo) && Number.isNaN(b.lo);
	if (a.lo === b.lo || a.hi === b.hi) return true;
	const slack = 1e-12 * Math.max(Math.abs(a.lo), Math.abs(a.hi), Math.abs(b.lo), Math.abs(b.hi)) + 1e-300;
	return a.lo - slack <= b.hi && b.lo - slack <= a.hi;
}

/** Whether `tex` can stand for `value` (see `evalTexInterval`). Throws `TexEvalError` when `tex` cannot be evaluated. */
export function texMeans(tex: string, value: number, opts: EvalOptions = {}): boolean {
	return contains(evalTexInterval(tex, opts), value);
}

/** `a = b = c` → [a, b, c]: splits at the `=` signs outside braces. */
export function splitEquation(line: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let start = 0;
	for (let k = 0; k < line.length; k++) {
		const c = line[k];
		if (c === '\\') k++;
		else if (c === '{') depth++;
		else if (c === '}') depth--;
		else if (c === '=' && depth === 0) {
			out.push(line.slice(start, k).trim());
			start = k + 1;
		}
	}
	out.push(line.slice(start).trim());
	return out;
}
