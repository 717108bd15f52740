/**
 * The most work one `chainstep train` run may ask for: graph nodes × (steps + 1) passes. A step
 * costs about 0.1–0.7 µs a node (measured: 120 ns quiet, 540–750 ns on a loaded 2-core machine),
 * so this is 2–15 seconds, and the recorded history (every chosen element at every step) stays
 * within a couple of hundred MB. `chainstep train` refuses more
 * with a usage error that quotes this number; the README's "Training" section says so too.
 */
export const MAX_TRAIN_WORK = 20_000_000;

/** Node-steps a run of `steps` steps costs on a graph of `nodes` nodes (the starting pass included). */
export function trainWork(nodes: number, steps: number): number {
	return nodes * (steps + 1);
}

/** The most steps a graph of `nodes` nodes may run within the bound. */
export function maxTrainSteps(nodes: number): number {
	return Math.max(0, Math.floor(MAX_TRAIN_WORK / Math.max(1, nodes)) - 1);
}
