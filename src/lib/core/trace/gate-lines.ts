import { expandedCallOf, gateOf, type Gate } from '../graph/gates.ts';
import { nameTex } from '../tex/names.ts';
import { DEFAULT_SIG, fmt, texNum, texOperand } from '../tex/number.ts';
import type { Trace } from './build.ts';
import { enclosed } from '../ops/tex.ts';
import { partial } from '../tex/partial.ts';

/** One typeset line, as trace/tex.ts's `TexLine`. */
interface Line {
	readonly caption: string;
	readonly tex: string;
}

/** What a step of a node adds when the node (or a node reading it) is a call of the student's gate, stepped as one gate. */
export interface GateExtra {
	readonly lines: readonly Line[];
	readonly words: string;
}


const bodyText = (t: Trace, gate: Gate) => {
	const b = gate.def.body.span;
	return t.graph.source.slice(b.offset, b.offset + b.length);
};
/** An argument already bracketed as a whole (a piece's name, `\\left(a c + 2\\right)`) is not bracketed again. */
const unwrap = (x: string) => (enclosed(x) && x.startsWith('\\left(') ? x.slice(6, -7) : x);
const head = (gate: Gate, a: readonly string[]) => `\\operatorname{${gate.def.name.replace(/_/g, '\\_')}}\\left(${a.map((x) => (a.length === 1 ? unwrap(x) : x)).join(', ')}\\right)`;
const paramTex = (gate: Gate) => gate.def.params.map((p) => nameTex(p.name));

/** Past this many characters an argument is quoted by its start. */
const ARG_TEXT_LIMIT = 40;

/**
 * A node of an expanded gate call: which gate's body it is a step of, and what each parameter
 * stands for here, as the piece's name is written with the body's own parameter names.
 */
function insideWords(t: Trace, node: number): string {
	const at = expandedCallOf(t.graph, node);
	if (!at) return '';
	const d = at.gate.def;
	const src = t.graph.source;
	const argText = (k: number) => {
		const s = at.call.args[k].span;
		const text = src.slice(s.offset, s.offset + s.length).replace(/\s+/g, ' ');
		return text.length > ARG_TEXT_LIMIT ? `${text.slice(0, ARG_TEXT_LIMIT - 1)}…` : text;
	};
	const binding = d.params.map((p, k) => `${p.name} stands for ${argText(k)}`).join(', ');
	return ` This is a step of your gate ${d.name} (line ${d.nameSpan.line}), expanded into its primitive steps for the call on line ${at.call.span.line}: ${binding}.`;
}

function inputValues(t: Trace, node: number): number[] {
	const g = t.graph;
	return Array.from(g.inputs.subarray(g.inputStart[node], g.inputStart[node + 1]), (i) => g.value[i]);
}

/**
 * The forward step of a gate call: the definition with its parameters, then the same body with
 * this call's numbers substituted, so the gate's value is seen to come from its own body.
 */
export function gateForward(t: Trace, node: number, sig = DEFAULT_SIG): GateExtra {
	const gate = gateOf(t.graph.op[node]);
	if (!gate) return { lines: [], words: insideWords(t, node) };
	const x = inputValues(t, node);
	const params = paramTex(gate);
	const nums = x.map((v) => texOperand(v, sig));
	const d = gate.def;
	const binding = d.params.map((p, k) => `${p.name} = ${fmt(x[k], sig)}`).join(', ');
	return {
		lines: [
			{ caption: `your gate (line ${d.nameSpan.line})`, tex: `${head(gate, params)} = ${gate.bodyTex(params)}` },
			{ caption: 'its body, with numbers', tex: `${head(gate, x.map((v) => texNum(v, sig)))} = ${gate.bodyTex(nums)} = ${texNum(t.graph.value[node], sig)}` }
		],
		words: ` ${d.name} is your own gate, defined on line ${d.nameSpan.line} as ${d.name}(${d.params.map((p) => p.name).join(', ')}) = ${bodyText(t, gate)}; here ${binding}.`
	};
}

/**
 * The backward step of a node read by gate calls: each gate's local derivative written through
 * its parameters, as the chain rule through its body gives it (the local derivative lines show it
 * with this call's names and numbers), and words that say where it comes from.
 */
export function gateBackward(t: Trace, node: number, edges: readonly number[]): GateExtra {
	const g = t.graph;
	const lines: Line[] = [];
	let words = insideWords(t, node);
	const said = new Set<Gate>();
	for (const e of edges.slice(0, 8)) {
		const owner = t.consumers.edgeOwner[e];
		const gate = gateOf(g.op[owner]);
		if (!gate) continue;
		const i = e - g.inputStart[owner];
		const d = gate.def;
		const params = paramTex(gate);
		const p = d.params[i];
		const tex = `${partial(head(gate, params), params[i])} = ${gate.partialTex(params, i)}`;
		if (!lines.some((l) => l.tex === tex)) lines.push({ caption: `${d.name}'s local derivative`, tex });
		if (said.has(gate)) continue;
		said.add(gate);
		words +=
			` ${d.name} is your own gate, defined on line ${d.nameSpan.line}: its local derivative ∂${d.name}/∂${p.name} is no entry of a table,` +
			` it is found by the chain rule through its body ${bodyText(t, gate)}, one factor for each operation on the way from the output back to ${p.name}.`;
	}
	return { lines, words };
}
