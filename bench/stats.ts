/** The benches' median: the upper middle of an even count, so every figure is one measured run. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
