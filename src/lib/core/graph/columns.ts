/**
 * An append-only typed column. Building a 100,000-node graph into plain arrays of numbers
 * made the garbage collector the largest cost of parsing; typed storage keeps it flat.
 */
export class Column<A extends Int32Array | Float64Array> {
	private data: A;
	length = 0;
	constructor(private readonly make: (n: number) => A) {
		this.data = make(1024);
	}
	push(v: number): void {
		if (this.length === this.data.length) {
			const bigger = this.make(this.length * 2);
			bigger.set(this.data);
			this.data = bigger;
		}
		this.data[this.length++] = v;
	}
	get(i: number): number {
		return this.data[i];
	}
	set(i: number, v: number): void {
		this.data[i] = v;
	}
	/** A right-sized copy for the finished graph. */
	done(): A {
		return this.data.slice(0, this.length) as A;
	}
}

export const int32Column = () => new Column((n) => new Int32Array(n));
export const float64Column = () => new Column((n) => new Float64Array(n));
