import type { Shape } from '../graph/graph.ts';
import type { OpName } from '../ops/registry.ts';

/**
 * Each registry function in PyTorch: one entry per function a program can call (a test loops over
 * the registry and fails on a function without one). Arguments arrive as tensors, already written
 * so they can stand inside a call's parentheses. Where the plain PyTorch function differs from the
 * registry at a kink or in range, the entry says so and uses a form that agrees.
 */
export type TorchSpelling = (a: readonly string[], shapes: readonly Shape[]) => string;

const fn1 = (name: string): TorchSpelling => (a) => `${name}(${a[0]})`;

export const TORCH: { readonly [K in OpName]?: TorchSpelling } = {
	exp: fn1('torch.exp'),
	log: fn1('torch.log'),
	sqrt: fn1('torch.sqrt'),
	// sign(0) = 0: torch.abs passes no gradient at 0, as the registry's tie rule.
	abs: fn1('torch.abs'),
	sigmoid: fn1('torch.sigmoid'),
	tanh: fn1('torch.tanh'),
	relu: fn1('torch.relu'),
	sin: fn1('torch.sin'),
	cos: fn1('torch.cos'),
	tan: fn1('torch.tan'),
	atan2: (a) => `torch.atan2(${a[0]}, ${a[1]})`,
	// torch.maximum splits a tie's gradient in halves; the registry gives it to the first argument.
	max: (a) => `torch.where(${a[0]} >= ${a[1]}, ${a[0]}, ${a[1]})`,
	min: (a) => `torch.where(${a[0]} <= ${a[1]}, ${a[0]}, ${a[1]})`,
	sum: fn1('torch.sum'),
	mean: fn1('torch.mean'),
	dot: (a) => `torch.dot(${a[0]}, ${a[1]})`,
	norm2: (a) => `torch.sum(torch.square(${a[0]}))`,
	softmax: (a) => `torch.softmax(${a[0]}, dim=0)`,
	log_sigmoid: fn1('F.logsigmoid'),
	// F.softplus returns x itself past x = 20 (off by e^-20 ≈ 2e-9); logaddexp(x, 0) is log(1 + eˣ) exactly and stable.
	softplus: (a) => `torch.logaddexp(${a[0]}, torch.zeros_like(${a[0]}))`,
	logsumexp: (a, s) => `torch.logsumexp(${a[0]}, dim=${s[0].length === 2 ? '(0, 1)' : '0'})`,
	log_softmax: (a) => `torch.log_softmax(${a[0]}, dim=0)`,
	// Probabilities as the target: −Σ y_k log softmax(z)_k, the registry's cross_entropy(z, y).
	cross_entropy: (a) => `F.cross_entropy(${a[0]}, ${a[1]}, reduction='sum')`
};

/** Spellings that write an argument twice: a long argument is given a line of its own first, so nesting them doubles nothing. */
export const TORCH_REPEATS: ReadonlySet<string> = new Set(['max', 'min', 'softplus']);
