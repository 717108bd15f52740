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

/**
 * How a program's call of a function expands over its arguments' shapes into scalar nodes.
 * `map`: element-wise over equal shapes, a scalar broadcasting (`arity.n` arguments).
 * `reduce`: every element of one argument into one node (sum, mean, norm2, logsumexp).
 * `vector`: a vector into a vector of the same length, output k with parameter k (softmax).
 * `pairs`: two vectors of one length, read as (a0, b0, a1, b1, …) (dot, cross_entropy).
 */
export type Expansion = 'map' | 'reduce' | 'vector' | 'pairs';

/** What the matrix-form rule of a named value's step hands an op's `vectorLocal`. */
export interface VectorTexArgs {
	/** LaTeX name of the call's output (a vector for `map` and `vector`, a scalar otherwise). */
	readonly y: string;
	/** LaTeX names of its arguments. */
	readonly x: readonly string[];
	/** Which argument the derivative is taken with respect to. */
	readonly j: number;
	/** The values are vectors or matrices: products are element-wise, ⊙. */
	readonly vec: boolean;
	/** How many elements the argument has. */
	readonly n: number;
	/** The op's constant parameter (the exponent of `pow`). */
	readonly p: number;
	/** Brackets a sum or difference before it multiplies. */
	factor(s: string): string;
}

/** A function a program may call by name: everything the parser, graph builder, typesetting and practice need. */
export interface FnSpec {
	readonly expand: Expansion;
	/** Which argument shapes it takes: `vector` exactly one axis, `array` a vector or matrix; omitted, any. */
	readonly needs?: 'vector' | 'array';
	/** The fix when an argument has the wrong shape: "Apply softmax to a vector, e.g. softmax(W @ h)." */
	readonly shapeHint?: string;
	/** LaTeX of the call as a program writes it, each argument already LaTeX: `\sigma\left(z\right)`. */
	tex(a: readonly string[]): string;
	/** A `vector` function whose Jacobian equals its transpose (softmax's diag(p) − p pᵀ): the rule prints it once, untransposed. */
	readonly jacobianSymmetric?: boolean;
	/** The argument's name (`net_o1`) is a layer's net input: the function is an activation. */
	readonly activation?: boolean;
	/** Practice problems may use it (a `map` of one or two arguments) where `fits` holds for the operands' values. */
	readonly practice?: (a: number, b: number) => boolean;
}

export interface OpSpec {
	readonly name: string;
	/** Short symbol drawn in the node's corner, so the op reads without the step text. */
	readonly symbol: string;
	/** Present when a program calls the op by `name`; ops reached by operators (`+`, `^`) have none. */
	readonly fn?: FnSpec;
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
	/**
	 * The local derivative in vector notation, for the matrix-form rule of a named value's step.
	 * Element-wise ops (operators and `map` functions): ∂y/∂x_j element by element, which multiplies
	 * the upstream with ⊙. `reduce` and `pairs`: ∂y/∂x_j as a vector, scaled by the upstream scalar.
	 * `vector`: the Jacobian ∂y/∂x; the rule is its transpose times the upstream.
	 * Every op a program can call has one (a registry test checks).
	 */
	vectorLocal?(t: VectorTexArgs): string;
	/** A sentence when the inputs sit at a kink (tie in max, relu(0), abs(0)). */
	tieNote?(x: Float64Array, n: number, p: number): string | undefined;
	/** Inputs the finite-difference test may sample: avoids kinks and poles. */
	readonly domain?: { min: number; max: number; awayFromZero?: boolean };
	/** Parameters the finite-difference test tries. */
	readonly sampleParams?: (n: number) => number[];
}
