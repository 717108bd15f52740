import type { Shape } from '../graph/graph.ts';
import type { OpName } from '../ops/registry.ts';

/** Helpers a NumPy script defines when it uses them: the stable forms the lecture builds by hand. */
export const NUMPY_HELPERS = {
	softmax: ['def softmax(v):', '    e = np.exp(v - np.max(v))  # shifted by the max: no exponential overflows', '    return e / np.sum(e)'],
	log_softmax: ['def log_softmax(v):', '    m = np.max(v)', '    return v - m - np.log(np.sum(np.exp(v - m)))'],
	logsumexp: ['def logsumexp(v):', '    m = np.max(v)', '    return m + np.log(np.sum(np.exp(v - m)))']
} as const;
export type NumpyHelper = keyof typeof NUMPY_HELPERS;

/**
 * What one staged line of a function call needs: the forward expression, and what each argument
 * receives on the way back. `a` are the arguments (names or literals, each an operand that may stand
 * beside `*`), `y` the line's own value, `g` its upstream gradient, `h` a helper's name (defined once).
 * An element-wise function gives its local derivative, which the line multiplies by the upstream
 * (summed for a scalar that was broadcast); any other gives the whole product and the rule it follows.
 */
export interface NumpySpelling {
	forward(a: readonly string[], h: (name: NumpyHelper) => string, shapes: readonly Shape[]): string;
	back(a: readonly string[], y: string, g: string, h: (name: NumpyHelper) => string, shapes: readonly Shape[]): readonly Back[];
}
/** `local`: ∂y/∂a element by element, times the upstream; `expr` and `rule`: the gradient itself and the rule it follows. */
export type Back = { readonly local: string } | { readonly expr: string; readonly rule: string };

const unary = (forward: (a: string) => string, local: (a: string, y: string) => string): NumpySpelling => ({
	forward: (a) => forward(a[0]),
	back: (a, y) => [{ local: local(a[0], y) }]
});
const times = (local: string, g: string, rule: string): Back => ({ expr: `${local} * ${g}`, rule });

/** Each registry function in NumPy, forward and backward (a test loops over the registry and fails on a function without one). */
export const NUMPY: { readonly [K in OpName]?: NumpySpelling } = {
	exp: unary((a) => `np.exp(${a})`, (_a, y) => y),
	log: unary((a) => `np.log(${a})`, (a) => `1.0 / ${a}`),
	sqrt: unary((a) => `np.sqrt(${a})`, (_a, y) => `1.0 / (2.0 * ${y})`),
	// sign(0) = 0: no gradient at the kink, as the registry's tie rule.
	abs: unary((a) => `np.abs(${a})`, (a) => `np.sign(${a})`),
	sigmoid: unary((a) => `1.0 / (1.0 + np.exp(-${a}))`, (_a, y) => `(1.0 - ${y}) * ${y}`),
	tanh: unary((a) => `np.tanh(${a})`, (_a, y) => `(1.0 - ${y} * ${y})`),
	relu: unary((a) => `np.maximum(${a}, 0.0)`, (a) => `(${a} > 0)`),
	sin: unary((a) => `np.sin(${a})`, (a) => `np.cos(${a})`),
	cos: unary((a) => `np.cos(${a})`, (a) => `-np.sin(${a})`),
	tan: unary((a) => `np.tan(${a})`, (a) => `1.0 / np.cos(${a}) ** 2`),
	atan2: {
		forward: (a) => `np.arctan2(${a[0]}, ${a[1]})`,
		back: (a) => [{ local: `${a[1]} / (${a[0]} * ${a[0]} + ${a[1]} * ${a[1]})` }, { local: `-${a[0]} / (${a[0]} * ${a[0]} + ${a[1]} * ${a[1]})` }]
	},
	// At a tie the whole gradient goes to the first argument (LANGUAGE.md).
	max: { forward: (a) => `np.where(${a[0]} >= ${a[1]}, ${a[0]}, ${a[1]})`, back: (a) => [{ local: `(${a[0]} >= ${a[1]})` }, { local: `(${a[0]} < ${a[1]})` }] },
	min: { forward: (a) => `np.where(${a[0]} <= ${a[1]}, ${a[0]}, ${a[1]})`, back: (a) => [{ local: `(${a[0]} <= ${a[1]})` }, { local: `(${a[0]} > ${a[1]})` }] },
	log_sigmoid: unary((a) => `-np.logaddexp(0.0, -${a})`, (a) => `1.0 / (1.0 + np.exp(${a}))`),
	softplus: unary((a) => `np.logaddexp(0.0, ${a})`, (a) => `1.0 / (1.0 + np.exp(-${a}))`),
	sum: { forward: (a) => `np.sum(${a[0]})`, back: (a, _y, g) => [times(`np.ones_like(${a[0]})`, g, 'sum: every element gets the upstream')] },
	mean: { forward: (a) => `np.mean(${a[0]})`, back: (a, _y, g) => [times(`np.ones_like(${a[0]}) / np.size(${a[0]})`, g, 'mean: every element gets 1/n of the upstream')] },
	dot: {
		forward: (a) => `np.dot(${a[0]}, ${a[1]})`,
		back: (a, _y, g) => [times(a[1], g, `dot: ∂/∂${a[0]} is the other vector`), times(a[0], g, `dot: ∂/∂${a[1]} is the other vector`)]
	},
	norm2: { forward: (a) => `np.sum(${a[0]} * ${a[0]})`, back: (a, _y, g) => [times(`2.0 * ${a[0]}`, g, `squared norm: ∂/∂${a[0]} = 2 ${a[0]}`)] },
	softmax: {
		forward: (a, h) => `${h('softmax')}(${a[0]})`,
		back: (_a, y, g) => [{ expr: `${y} * (${g} - np.dot(${y}, ${g}))`, rule: `softmax: Jacobian diag(${y}) − ${y} ${y}ᵀ, times the upstream` }]
	},
	logsumexp: { forward: (a, h) => `${h('logsumexp')}(${a[0]})`, back: (a, y, g) => [times(`np.exp(${a[0]} - ${y})`, g, `logsumexp: ∂/∂${a[0]} = softmax(${a[0]}) = exp(${a[0]} − ${y})`)] },
	log_softmax: {
		forward: (a, h) => `${h('log_softmax')}(${a[0]})`,
		back: (_a, y, g) => [{ expr: `${g} - np.exp(${y}) * np.sum(${g})`, rule: `log_softmax: Jacobian I − 1 softmaxᵀ, transposed, times the upstream` }]
	},
	cross_entropy: {
		forward: (a, h) => `-np.sum(${a[1]} * ${h('log_softmax')}(${a[0]}))`,
		back: (a, _y, g, h) => [
			times(`(np.sum(${a[1]}) * ${h('softmax')}(${a[0]}) - ${a[1]})`, g, `cross-entropy: ∂/∂${a[0]} = (Σ ${a[1]}) softmax(${a[0]}) − ${a[1]}`),
			times(`-${h('log_softmax')}(${a[0]})`, g, `cross-entropy: ∂/∂${a[1]} = −log softmax(${a[0]})`)
		]
	}
};
