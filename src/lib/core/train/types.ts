/**
 * The contract between gradient-descent training (`descent.ts`) and what reads it: the page's
 * training panel, `chainstep train` and the exports. Plain data only, so a history can be kept,
 * exported as CSV and (later) sent from a worker.
 */

export interface TrainOptions {
	/** Learning rate η: every step does p ← p − η·v. */
	readonly lr: number;
	/** How many descent steps to run (0 allowed: just the starting loss). */
	readonly steps: number;
	/** Leaf groups (indices into `graph.groups`) that are updated; the others stay fixed. */
	readonly params: readonly number[];
	/**
	 * Momentum μ, as PyTorch's `torch.optim.SGD(momentum=μ)` without dampening or Nesterov:
	 * v ← μ·v + ∂L/∂p (v = ∂L/∂p on the first step), p ← p − η·v. 0 is plain SGD.
	 */
	readonly momentum?: number;
}

/** One chosen parameter group's values along the run. */
export interface ParamTrack {
	readonly group: number;
	readonly name: string;
	readonly shape: readonly number[];
	/** Row-major elements after each step: entry s·size + e is element e after s steps (s = 0 is the start). */
	readonly values: Float64Array;
}

/** One named value's gradient size along the run: the vanishing-gradient picture. */
export interface GradTrack {
	readonly group: number;
	readonly name: string;
	/** ‖∂L/∂name‖₂ (over its elements) at each point s = 0 … stepsDone: the gradient step s+1 used. */
	readonly norms: Float64Array;
}

/** Why a run ended before its last step. */
export interface TrainStop {
	/** The step (1-based) that was refused: steps before it were applied. */
	readonly step: number;
	/** The element that would have become non-finite, as the trace labels it: w1, W1[0,1]. */
	readonly leaf: string;
	readonly value: number;
	readonly message: string;
}

export interface TrainResult {
	/** losses[0] is the loss before the first step; losses[s] after s steps (length stepsDone + 1). */
	readonly losses: Float64Array;
	readonly stepsDone: number;
	readonly params: readonly ParamTrack[];
	/** Every named value (leaves and computed ones), in program order. */
	readonly grads: readonly GradTrack[];
	/** Leaf values after the last applied step, indexed by node id (other entries as the trace had them). */
	readonly final: Float64Array;
	readonly stopped?: TrainStop;
}
