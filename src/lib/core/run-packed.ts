import { expansionsOf, gateOf, makeGates, recordExpansions, type ExpandedCall, type Gate } from './graph/gates.ts';
import type { Graph } from './graph/graph.ts';
import type { Program } from './language/ast.ts';
import type { ProgramError } from './language/errors.ts';
import { Token } from './language/tokens.ts';
import { OPS, op, type OpName } from './ops/registry.ts';
import type { OpSpec } from './ops/spec.ts';
import type { RunResult } from './program.ts';
import type { Span } from './language/span.ts';
import { buildTraceSliced } from './trace/build.ts';
import { finish, type Sliced } from './slices.ts';
import { NotPlain, Packer, Unpacker, type Nominate, type Packed } from './transfer.ts';

/**
 * A run as it crosses from the thread that ran it to the one that shows it. The program goes
 * first, so the reader can compile the student's gates before it reads the graph that calls
 * them; the trace is built on arrival (its names are views made on first read, cheap to make).
 */
export type PackedRun =
	| { readonly ok: true; readonly program: Packed; readonly graph: Packed }
	| { readonly ok: false; readonly errors: Packed };

/** Objects built with Token's constructor are spans too; they keep their class across. */
const CLASSES = [Token];
const REGISTRY: ReadonlySet<object> = new Set(OPS);

/** A span is a value: no code compares spans by identity, and there is one a node. */
const isSpan = (v: object): boolean => v instanceof Token || (typeof (v as Span).offset === 'number' && typeof (v as Span).col === 'number');

const nominate: Nominate = (v) => {
	if (REGISTRY.has(v)) return ['op', (v as OpSpec).name];
	const asGate = gateOf(v as OpSpec);
	if (asGate && asGate.spec === v) return ['gate-op', asGate.def.name];
	const spec = (v as { spec?: unknown }).spec;
	if (typeof spec === 'object' && spec !== null && gateOf(spec as OpSpec) === v) return ['gate', (v as Gate).def.name];
	return undefined;
};

export function packRun(r: RunResult): PackedRun {
	const packer = new Packer(nominate, CLASSES, isSpan);
	if (!r.ok) return { ok: false, errors: packer.pack(r.errors) };
	const g = r.trace.graph;
	const program = packer.pack(r.program);
	return { ok: true, program, graph: packer.pack({ graph: g, expansions: expansionsOf(g) }) };
}

export function unpackRun(p: PackedRun): RunResult {
	return finish(unpackRunSliced(p, false));
}

/** `unpackRun`, pausing now and then (see slices.ts); `warm` names every node before it returns (see buildTraceSliced). */
export function* unpackRunSliced(p: PackedRun, warm: boolean): Sliced<RunResult> {
	const reader = new Unpacker(CLASSES);
	const refuse = (tag: string): never => {
		throw new NotPlain(`${tag} before the program that defines it`);
	};
	if (!p.ok) return { ok: false, errors: (yield* reader.unpackSliced(p.errors, refuse)) as ProgramError[] };
	const program = (yield* reader.unpackSliced(p.program, refuse)) as Program;
	const gates = makeGates(program);
	const gate = (name: string): Gate => {
		const found = gates.get(name);
		if (!found) throw new NotPlain(`the gate ${name} is not defined on this side`);
		return found;
	};
	const { graph, expansions } = (yield* reader.unpackSliced(p.graph, (tag, name) => {
		switch (tag) {
			case 'op':
				return op(name as OpName);
			case 'gate-op':
				return gate(name).spec;
			case 'gate':
				return gate(name);
			default:
				throw new NotPlain(`an object sent as ${tag}`);
		}
	})) as { graph: Graph; expansions: ReadonlyMap<number, ExpandedCall> | undefined };
	if (expansions) recordExpansions(graph, expansions);
	return { ok: true, program, trace: yield* buildTraceSliced(graph, program, warm) };
}
