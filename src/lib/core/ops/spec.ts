/**
 * The shape of one scalar operation. Every op the engine knows is one `OpSpec`
 * in `registry.ts`; the graph, autodiff, trace, LaTeX and tests all read it from there.
 */

/** How many inputs an op takes. `pairs` is an even count read as (a0, b0, a1, b1, …). */
export type Arity =
	| { kind: 'fixed'; n: number }
	| { kind: 'variadic'; min: number }
	| { kind: 'pairs'; min: number };

/**
 * How the op passes a gradient back, in the words the lecture slides use.
 * `distributes`: every input gets the upstream gradient unchanged (add).
 * `swaps`: each input gets upstream × the other input (multiply).
 * `routes`: the whole upstream goes to one input (max, min, relu).
 * `scales`: each input gets upstream × a constant.
 */
export type GradientPattern = 'distributes' | 'swaps' | 'routes' | 'scales';

/**
 * What an op's LaTeX templates receive. The same template renders the symbolic form
 * (names in `a`, `y`) and the substituted form (formatted numbers in `a`, `y`).
 */
export interface TexArgs {
	/** LaTeX of each input, already wrapped so it can stand as an operand. */
	readonly a: readonly string[];
	/** LaTeX of this node's own output. */
	readonly y: string;
	/** The op's constant parameter: the exponent of `pow`, the index of `softmax`. */
	readonly p: number;
	/** LaTeX of output `j` of the same vector-valued call (softmax only). */
	readonly sibling: (j: number) => string;
}

export interface OpSpec {
	readonly name: string;
	readonly arity: Arity;
	/** A noun for plain-language lines: "x is the sum of …". */
	readonly title: string;
	/** The plain-language phrase for this op applied to named inputs, where "the <title> of a and b" reads badly. */
	words?(a: readonly string[], p: number): string;
	/** Binding strength of the op's LaTeX: 1 sum, 2 product, 3 unary minus, 4 power, 5 atom. */
	readonly prec: number;
	readonly pattern?: GradientPattern;
	/**
	 * The weakest binding an input may have and still be written bare in this op's LaTeX;
	 * weaker inputs get parentheses. Omitted: the template already delimits its inputs.
	 */
	operandPrec?(i: number): number;
	/**
	 * Where the template itself encloses each operand (a function's parentheses, |·|, an
	 * exponent): a negative number there is written bare, `\sigma(-3)`, not `\sigma((-3))`.
	 * `tex`: the operation's LaTeX only; `both`: its local derivative's too.
	 */
	readonly encloses?: 'tex' | 'both';
	/** Scratch `x` holds the n input values. `p` is the op's parameter. */
	forward(x: Float64Array, n: number, p: number): number;
	/** Write ∂y/∂x_i for every i into `out`, given the inputs and the output y. */
	partials(x: Float64Array, n: number, y: number, p: number, out: Float64Array): void;
	/** LaTeX of the operation applied to its inputs. */
	tex(t: TexArgs): string;
	/** LaTeX of the local derivative ∂y/∂a_i (symbolic when `t` holds names). */
	partialTex(t: TexArgs, i: number): string;
	/** A sentence when the inputs sit at a kink (tie in max, relu(0), abs(0)). */
	tieNote?(x: Float64Array, n: number, p: number): string | undefined;
	/** Inputs the finite-difference test may sample: avoids kinks and poles. */
	readonly domain?: { min: number; max: number; awayFromZero?: boolean };
	/** Parameters the finite-difference test tries. */
	readonly sampleParams?: (n: number) => number[];
}
