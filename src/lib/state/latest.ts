/**
 * Applies only the newest of a series of async results. Compressing a program for a link is
 * async, so a slow earlier write could otherwise land after, and overwrite, a later one.
 */
export function latestOnly<T>(apply: (value: T) => void): (pending: Promise<T>) => void {
	let newest = 0;
	return (pending) => {
		const mine = ++newest;
		void pending.then((value) => {
			if (mine === newest) apply(value);
		});
	};
}
