/** Generated MLP programs for the bench: seeded, so every run measures the same program. */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), a | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function mlpProgram(sizes: number[], seed = 1): string {
	const r = rng(seed);
	const num = () => (r() * 2 - 1).toFixed(3);
	const vec = (n: number) => `[${Array.from({ length: n }, num).join(', ')}]`;
	const lines = [`x = ${vec(sizes[0])}`];
	let prev = 'x';
	for (let l = 1; l < sizes.length; l++) {
		const [m, n] = [sizes[l], sizes[l - 1]];
		lines.push(`W${l} = [${Array.from({ length: m }, () => vec(n)).join(', ')}]`);
		lines.push(`b${l} = ${vec(m)}`);
		const last = l === sizes.length - 1;
		lines.push(last ? `o = W${l} @ ${prev} + b${l}` : `h${l} = relu(W${l} @ ${prev} + b${l})`);
		prev = `h${l}`;
	}
	lines.push('L = sum(o * o)');
	return lines.join('\n') + '\n';
}

