import { describe, expect, it } from 'vitest';
import { applyCommand, originAllowed, parseCommand, stateOf, type Steppable } from '../../../src/lib/components/embed/control';

/** A 10-step cursor whose backward pass starts at 0-based step 4 (hand-made, not CursorState). */
function fake(k = 0): Steppable & { k: number; playing: boolean } {
	const n = 10;
	const c = {
		k,
		n,
		playing: false,
		get phase() {
			return c.k >= 4 ? ('backward' as const) : ('forward' as const);
		},
		go(j: number) {
			c.k = Math.max(0, Math.min(n - 1, j));
		},
		next: () => c.go(c.k + 1),
		prev: () => c.go(c.k - 1),
		first: () => c.go(0),
		last: () => c.go(n - 1),
		play: () => void (c.playing = true),
		pause: () => void (c.playing = false)
	};
	return c;
}

describe('control messages', () => {
	const moves: [unknown, number, number][] = [
		[{ type: 'chainstep', method: 'next' }, 2, 4],
		[{ type: 'chainstep', method: 'prev' }, 2, 2],
		[{ type: 'chainstep', method: 'first' }, 5, 1],
		[{ type: 'chainstep', method: 'last' }, 0, 10],
		[{ type: 'chainstep', method: 'goto', args: [7] }, 0, 7],
		[{ type: 'chainstep', method: 'goto', args: [99] }, 0, 10],
		[{ type: 'chainstep', method: 'goto', args: [0] }, 3, 1],
		[{ type: 'chainstep', method: 'next' }, 9, 10]
	];
	// Start at 0-based k; expect the 1-based step the host would be told.
	it.each(moves)('%j from k=%i goes to step %i', (msg, k, step) => {
		const c = fake(k);
		const cmd = parseCommand(msg);
		expect(cmd).toBeDefined();
		applyCommand(c, cmd!);
		expect(stateOf(c).step).toBe(step);
	});

	it.each([null, 'next', { type: 'chainstep:height', height: 3 }, { type: 'chainstep', event: 'ready' }, { type: 'chainstep', method: 'eval' }, { type: 'chainstep', method: 'goto', args: ['3'] }, { type: 'chainstep', method: 'goto' }, { method: 'next' }])(
		'ignores %j',
		(msg) => {
			expect(parseCommand(msg)).toBeUndefined();
		}
	);

	it('play, pause and getState', () => {
		const c = fake(4);
		applyCommand(c, parseCommand({ type: 'chainstep', method: 'play' })!);
		expect(c.playing).toBe(true);
		applyCommand(c, parseCommand({ type: 'chainstep', method: 'pause' })!);
		expect(c.playing).toBe(false);
		applyCommand(c, parseCommand({ type: 'chainstep', method: 'getState' })!);
		expect(stateOf(c)).toEqual({ step: 5, total: 10, phase: 'backward' });
	});

	it('origins', () => {
		expect(originAllowed([], 'https://any.example')).toBe(true);
		expect(originAllowed(['https://lms.example.edu'], 'https://lms.example.edu')).toBe(true);
		expect(originAllowed(['https://lms.example.edu'], 'https://evil.example')).toBe(false);
	});
});
