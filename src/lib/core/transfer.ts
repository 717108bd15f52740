/**
 * Object graphs as columns, for a trip between threads. `structuredClone` (and so `postMessage`)
 * recurses on nesting and overflows the stack near 3,000 levels, which a row of terms or a nested
 * line easily passes; it also cannot carry an op's functions, and it copies a million small
 * objects one by one. Here every object is a row of its shape's columns and every reference a
 * record number, written and read back with loops: any depth, shared objects and cycles stay what
 * they were, and numbers travel as typed arrays (one copy of a buffer, not a walk).
 *
 * Objects that hold functions (a registry op, a student's gate) travel as a tag and a name, and
 * the reader's `resolve` gives back its own thread's object. Any other object that is not plain
 * data is refused (`NotPlain`), so a new kind of value cannot be silently lost on the way.
 */

import { finish, pauseAt, type Sliced } from './slices.ts';

/** A value that is not data: a function, or an instance of a class not listed in `classes`. */
export class NotPlain extends Error {}

/** Says which objects travel by name: `[tag, name]`, or undefined for data. */
export type Nominate = (value: object) => readonly [string, string] | undefined;
export type Resolve = (tag: string, name: string) => object;
export type Classes = readonly (abstract new (...a: never[]) => object)[];
/** Objects that are values, like a span: each use travels as its own copy, without the identity table (a million spans made that the slowest part). */
export type ByValue = (value: object) => boolean;

/** What a record is, when it is not an object of a shape (kinds ≥ 0 are shape indices). */
const ARRAY_OF_VALUES = -1;
const ARRAY_OF_REFS = -2;
const ARRAY_MIXED = -3;
const NAMED = -4;
const MAP = -5;
/** A small Int32Array (a part's node ids): its numbers go in one shared pool. */
const INT32 = -6;
/** Above this length an Int32Array travels whole, as a value. */
const POOLED_INT32 = 64;
/** Above this many keys an object's reference mask would not fit in a small integer. */
const MAX_KEYS = 30;

type Column = Float64Array | unknown[];

export interface Packed {
	/** Each shape: the class index (-1 for a plain object) and the keys in order. */
	readonly shapes: readonly (readonly [number, readonly string[]])[];
	/** Per record: its shape, or one of the kinds above. Records number on from earlier parts. */
	readonly kinds: Int32Array;
	/** Per shape, per key, the field of each object of that shape in record order. */
	readonly cols: readonly (readonly Column[])[];
	/** Per shape, per object: which fields are references. */
	readonly masks: readonly Int32Array[];
	/** Per non-object record, in order: its length (elements, entries, numbers). */
	readonly lens: Int32Array;
	/** Elements of arrays of references. */
	readonly refs: Float64Array;
	/** Elements of other arrays, map entries and names, as `[isRef, value]` where mixed. */
	readonly vals: readonly unknown[];
	readonly ints: Int32Array;
	readonly root: unknown;
	readonly rootIsRef: boolean;
}

const pooled = (v: object): v is Int32Array => v instanceof Int32Array && v.length <= POOLED_INT32;
/** Travels as itself in a field: a primitive, or a buffer too big to pool. */
const isLeaf = (v: unknown): boolean => v === null || typeof v !== 'object' || (ArrayBuffer.isView(v) && !pooled(v)) || v instanceof ArrayBuffer;

/** A shape's columns while they are written: numbers stay a plain array until the end. */
interface ShapeOut {
	readonly cols: unknown[][];
	readonly numeric: boolean[];
	readonly masks: number[];
}

/**
 * Writes objects as records. One packer may write several parts: an object met again in a later
 * part is a reference to the earlier record, so a reader that read the earlier part first
 * (and made its own objects from it, e.g. compiled a program's gates) sees one object graph.
 */
export class Packer {
	readonly #ids = new Map<object, number>();
	#next = 0;

	constructor(
		private readonly nominate: Nominate,
		private readonly classes: Classes = [],
		private readonly byValue: ByValue = () => false
	) {}

	pack(root: unknown): Packed {
		const queue: object[] = [];
		const ref = (v: object): number => {
			if (this.byValue(v)) {
				queue.push(v);
				return this.#next++;
			}
			let id = this.#ids.get(v);
			if (id === undefined) {
				id = this.#next++;
				this.#ids.set(v, id);
				queue.push(v);
			}
			return id;
		};
		const rootIsRef = !isLeaf(root);
		const rootValue = rootIsRef ? ref(root as object) : root;
		const w = new Writer(ref);
		for (let q = 0; q < queue.length; q++) this.#write(queue[q], w);
		return w.done(rootValue, rootIsRef);
	}

	#write(v: object, w: Writer): void {
		const named = this.nominate(v);
		if (named) return w.other(NAMED, 2, named[0], named[1]);
		if (Array.isArray(v)) return w.array(v);
		if (pooled(v)) return w.int32(v);
		if (v instanceof Map) return w.map(v);
		const proto: unknown = Object.getPrototypeOf(v);
		const plain = proto === Object.prototype || proto === null;
		const cls = plain ? -1 : this.classes.findIndex((c) => c.prototype === proto);
		if (cls < 0 && !plain) throw new NotPlain(`cannot send a ${(v.constructor as { name?: string } | undefined)?.name ?? 'value'} between threads`);
		w.object(v as Record<string, unknown>, cls);
	}
}

/** One part's columns and streams. */
class Writer {
	readonly #kinds: number[] = [];
	readonly #byHead = new Map<string, number[]>();
	readonly #shapes: [number, readonly string[]][] = [];
	readonly #out: ShapeOut[] = [];
	readonly #lens: number[] = [];
	readonly #refs: number[] = [];
	readonly #vals: unknown[] = [];
	readonly #ints: number[] = [];

	constructor(private readonly ref: (v: object) => number) {}

	object(o: Record<string, unknown>, cls: number): void {
		const keys = Object.keys(o);
		if (keys.length > MAX_KEYS) throw new NotPlain(`an object with ${keys.length} keys (at most ${MAX_KEYS})`);
		const s = this.#shape(cls, keys);
		this.#kinds.push(s);
		const out = this.#out[s];
		let mask = 0;
		for (let k = 0; k < keys.length; k++) {
			let x = o[keys[k]];
			if (typeof x === 'function') throw new NotPlain(`a function in field ${keys[k]}`);
			if (!isLeaf(x)) {
				mask |= 1 << k;
				x = this.ref(x as object);
			} else if (typeof x !== 'number') out.numeric[k] = false;
			out.cols[k].push(x);
		}
		out.masks.push(mask);
	}

	array(v: readonly unknown[]): void {
		let leaves = 0;
		for (let k = 0; k < v.length; k++) if (isLeaf(v[k])) leaves++;
		if (leaves === 0) {
			this.#begin(ARRAY_OF_REFS, v.length);
			for (let k = 0; k < v.length; k++) this.#refs.push(this.ref(v[k] as object));
		} else {
			this.#begin(leaves === v.length ? ARRAY_OF_VALUES : ARRAY_MIXED, v.length);
			for (let k = 0; k < v.length; k++) leaves === v.length ? this.#vals.push(v[k]) : this.#mixed(v[k]);
		}
	}

	map(m: ReadonlyMap<unknown, unknown>): void {
		this.#begin(MAP, m.size);
		for (const [k, x] of m) this.#mixed(k), this.#mixed(x);
	}

	int32(a: Int32Array): void {
		this.#begin(INT32, a.length);
		for (let k = 0; k < a.length; k++) this.#ints.push(a[k]);
	}

	other(kind: number, n: number, ...vals: unknown[]): void {
		this.#begin(kind, n);
		this.#vals.push(...vals);
	}

	done(root: unknown, rootIsRef: boolean): Packed {
		return {
			shapes: this.#shapes,
			kinds: Int32Array.from(this.#kinds),
			cols: this.#out.map((o) => o.cols.map((c, k) => (o.numeric[k] ? Float64Array.from(c as number[]) : c))),
			masks: this.#out.map((o) => Int32Array.from(o.masks)),
			lens: Int32Array.from(this.#lens),
			refs: Float64Array.from(this.#refs),
			vals: this.#vals,
			ints: Int32Array.from(this.#ints),
			root,
			rootIsRef
		};
	}

	#begin(kind: number, n: number): void {
		this.#kinds.push(kind);
		this.#lens.push(n);
	}

	#mixed(x: unknown): void {
		if (typeof x === 'function') throw new NotPlain('a function in a collection');
		if (isLeaf(x)) this.#vals.push(0, x);
		else this.#vals.push(1, this.ref(x as object));
	}

	/** Shapes are looked up by their first key and checked key by key: joining keys a million times cost more than the rest. */
	#shape(cls: number, keys: readonly string[]): number {
		const head = keys.length === 0 ? '' : keys[0];
		let list = this.#byHead.get(head);
		if (list === undefined) this.#byHead.set(head, (list = []));
		for (const id of list) if (sameShape(this.#shapes[id], cls, keys)) return id;
		const id = this.#shapes.push([cls, keys]) - 1;
		list.push(id);
		this.#out.push({ cols: keys.map(() => []), numeric: keys.map(() => true), masks: [] });
		return id;
	}
}

function sameShape([c, k]: readonly [number, readonly string[]], cls: number, keys: readonly string[]): boolean {
	if (c !== cls || k.length !== keys.length) return false;
	for (let i = 0; i < k.length; i++) if (k[i] !== keys[i]) return false;
	return true;
}

/** Reads parts written by one `Packer`, in the order they were written. */
export class Unpacker {
	readonly #objects: object[] = [];

	constructor(private readonly classes: Classes = []) {}

	unpack(p: Packed, resolve: Resolve): unknown {
		return finish(this.unpackSliced(p, resolve));
	}

	/** `unpack`, pausing now and then (see slices.ts). */
	*unpackSliced(p: Packed, resolve: Resolve): Sliced<unknown> {
		const n = p.kinds.length;
		const first = this.#objects.length;
		// Where each record's data starts: its row in its shape, or its place in a stream.
		const at = new Int32Array(n);
		const lenOf = new Int32Array(n);
		const rows = new Int32Array(p.shapes.length);
		let li = 0;
		let ri = 0;
		let vi = 0;
		let ii = 0;
		// First every object, empty, so a reference may point forward (or round, in a cycle).
		for (let r = 0; r < n; r++) {
			if (pauseAt(r)) yield;
			const kind = p.kinds[r];
			if (kind >= 0) {
				at[r] = rows[kind]++;
				const cls = p.shapes[kind][0];
				this.#objects.push(cls < 0 ? {} : Object.create(this.classes[cls].prototype as object));
				continue;
			}
			const len = (lenOf[r] = p.lens[li++]);
			if (kind === ARRAY_OF_REFS) (at[r] = ri), (ri += len);
			else if (kind === INT32) (at[r] = ii), (ii += len);
			else (at[r] = vi), (vi += kind === ARRAY_OF_VALUES || kind === NAMED ? len : kind === ARRAY_MIXED ? 2 * len : 4 * len);
			this.#objects.push(
				kind === NAMED
					? resolve(p.vals[at[r]] as string, p.vals[at[r] + 1] as string)
					: kind === INT32
						? p.ints.subarray(at[r], at[r] + len)
						: kind === MAP
							? new Map()
							: new Array<unknown>(len)
			);
		}
		for (let r = 0; r < n; r++) {
			if (pauseAt(r)) yield;
			this.#fill(this.#objects[first + r], p, p.kinds[r], at[r], lenOf[r]);
		}
		return p.rootIsRef ? this.#objects[p.root as number] : p.root;
	}

	#fill(o: object, p: Packed, kind: number, at: number, len: number): void {
		const objs = this.#objects;
		const mixed = (j: number) => (p.vals[j] === 1 ? objs[p.vals[j + 1] as number] : p.vals[j + 1]);
		if (kind >= 0) {
			const keys = p.shapes[kind][1];
			const cols = p.cols[kind];
			const mask = p.masks[kind][at];
			const t = o as Record<string, unknown>;
			for (let k = 0; k < keys.length; k++) {
				const x = cols[k][at];
				t[keys[k]] = mask & (1 << k) ? objs[x as number] : x;
			}
		} else if (kind === MAP) {
			const m = o as Map<unknown, unknown>;
			for (let k = 0; k < len; k++) m.set(mixed(at + 4 * k), mixed(at + 4 * k + 2));
		} else if (kind === ARRAY_OF_REFS) {
			const a = o as unknown[];
			for (let k = 0; k < a.length; k++) a[k] = objs[p.refs[at + k]];
		} else if (kind === ARRAY_OF_VALUES) {
			const a = o as unknown[];
			for (let k = 0; k < a.length; k++) a[k] = p.vals[at + k];
		} else if (kind === ARRAY_MIXED) {
			const a = o as unknown[];
			for (let k = 0; k < a.length; k++) a[k] = mixed(at + 2 * k);
		}
	}
}
