import { assertNever } from '../language/ast.ts';
import type { Graph, Part } from '../graph/graph.ts';
import { assertExpanded, constValue, postOrder, resolve, usesGate } from './parts.ts';
import { commentText, header, JSON_HELPER, Names, pyExponent, pyFloat, pyNested, pyString } from './python.ts';
import { TORCH, TORCH_REPEATS } from './torch-ops.ts';

/** Python's binding strengths, loosest first: + −, then * / @, unary −, **, then atoms (names, calls, literals). */
const SUM = 1;
const PRODUCT = 2;
const UNARY = 3;
const POWER = 4;
const ATOM = 5;

/** Nesting past this is given a line of its own: Python's parser refuses about 200 nested brackets. */
const MAX_DEPTH = 40;

interface Py {
	readonly text: string;
	readonly prec: number;
	/** A Python float (a literal), not a tensor: torch functions need a tensor. */
	readonly float: boolean;
	readonly depth: number;
}

const F64 = 'dtype=torch.float64';

/**
 * A PyTorch script for a graph built with expanded gates: each leaf a float64 tensor that requires
 * grad, each assignment one line in the program's own notation, autograd for the gradients, and the
 * values and gradients printed as `chainstep trace --format json` keys them.
 */
export function pytorchCode(g: Graph): string {
	assertExpanded(g);
	const names = new Names(g.groups.map((gr) => gr.name));
	const lines: string[] = [...header(g.source, 'pytorch', 'float64 autograd of the program below.'), 'import json', '', 'import torch', 'import torch.nn.functional as F', ''];
	const computed: string[] = [];
	for (const grp of g.groups) {
		const py = names.py(grp.name);
		if (grp.isLeaf) {
			lines.push(`${py} = torch.tensor(${pyNested(Array.from(grp.ids, (id) => g.value[id]), grp.shape)}, ${F64}, requires_grad=True)`);
			continue;
		}
		const root = g.parts[grp.stmt];
		if (!root) throw new Error(`statement ${grp.name} has no parts`);
		const w = new Writer(g, names, grp.name, lines);
		const top = resolve(root);
		let text = w.render(root);
		// A copy, so the name has a gradient of its own (`b = a` would make b the same tensor as a).
		if (top.op === 'name') text = `${w.atom(text)}.clone()`;
		// Nothing in it requires grad (only numbers): a leaf of its own, so it still has a gradient.
		if (!reads(root)) text = `${w.atom(text)}.requires_grad_()`;
		// A gate is written out where it is called: the line as the program has it, beside.
		const line = g.source.slice(grp.span.offset, grp.span.offset + grp.span.length);
		lines.push(`${py} = ${text}${usesGate(g, root) ? `  # ${commentText(line)}` : ''}`);
		if (reads(root)) computed.push(py);
	}
	const out = names.py(g.groups[g.groups.length - 1].name);
	lines.push('');
	if (computed.length > 0) {
		lines.push('# Keep the gradients of the computed values too (PyTorch keeps only the leaves\').');
		lines.push(`for _v in (${computed.join(', ')}${computed.length === 1 ? ',' : ''}):`, '    _v.retain_grad()');
	}
	lines.push(`${out}.backward()`, '', ...JSON_HELPER, '');
	lines.push('# A value the output never reads has no gradient in PyTorch (None): its gradient is 0.');
	lines.push('_named = {');
	for (const grp of g.groups) lines.push(`    ${pyString(grp.name)}: ${names.py(grp.name)},`);
	lines.push('}');
	lines.push('print(json.dumps({');
	lines.push('    "values": {k: _plain(t.detach().tolist()) for k, t in _named.items()},');
	lines.push('    "grads": {k: _plain((t.grad if t.grad is not None else torch.zeros_like(t)).tolist()) for k, t in _named.items()},');
	lines.push('}))');
	return `${lines.join('\n')}\n`;
}

/** Whether a right side reads a named value (else it is made of numbers only). */
function reads(root: Part): boolean {
	return postOrder(root).some((p) => p.op === 'name');
}

/** Writes one statement's right side, bottom-up on an explicit stack (no depth limit), giving deep pieces lines of their own. */
class Writer {
	private readonly done = new Map<Part, Py>();
	private count = 0;
	constructor(
		private readonly g: Graph,
		private readonly names: Names,
		private readonly stmt: string,
		private readonly lines: string[]
	) {}

	render(root: Part): string {
		for (const p of postOrder(root)) this.done.set(p, this.part(p));
		return this.done.get(root)!.text;
	}

	atom(text: string): string {
		return /^[A-Za-z_][A-Za-z0-9_.]*(\(.*\))?$/.test(text) && balanced(text) ? text : `(${text})`;
	}

	/** A piece given a line of its own: `f_1 = …`. */
	private hoist(py: Py): Py {
		const name = this.names.fresh(`${this.stmt}_${++this.count}`);
		this.lines.push(`${name} = ${py.text}`);
		return { text: name, prec: ATOM, float: false, depth: 0 };
	}

	private child(p: Part, k: number): Py {
		return this.done.get(p.children[k])!;
	}

	/** An operand bound at least `min` tightly; a Python float becomes a tensor where `tensor` asks. */
	private arg(py: Py, min: number, tensor = false): string {
		if (tensor && py.float) return `torch.tensor(${py.text}, ${F64})`;
		return py.prec >= min ? py.text : `(${py.text})`;
	}

	private part(p: Part): Py {
		const py = this.spell(p);
		return py.depth > MAX_DEPTH ? this.hoist(py) : py;
	}

	private spell(p: Part): Py {
		const ch = p.children.map((_, k) => this.child(p, k));
		const depth = 1 + Math.max(0, ...ch.map((c) => c.depth));
		// Only numbers below: one of them a tensor, so Python computes 1/0 as ∞ (as float64 does), not an error.
		const allFloat = ch.length > 0 && ch.every((c) => c.float);
		const bin = (sym: string, prec: number): Py => ({
			text: `${this.arg(ch[0], prec, allFloat)} ${sym} ${this.arg(ch[1], prec + 1)}`,
			prec,
			float: false,
			depth
		});
		switch (p.op) {
			case 'const': {
				const v = constValue(this.g, p);
				return { text: pyFloat(v), prec: v < 0 || Object.is(v, -0) || !Number.isFinite(v) ? UNARY : ATOM, float: true, depth: 0 };
			}
			case 'name':
				return { text: this.names.py(this.g.groups[this.g.group[p.ids[0]]]?.name ?? nameOf(p)), prec: ATOM, float: false, depth: 0 };
			case 'neg':
				return { text: `-${this.arg(ch[0], UNARY, allFloat)}`, prec: UNARY, float: false, depth };
			case 'pow':
				return { text: `${this.arg(ch[0], ATOM, allFloat)} ** ${pyExponent(this.g.param[p.ids[0]])}`, prec: POWER, float: false, depth };
			case 'add':
				return bin('+', SUM);
			case 'sub':
				return bin('-', SUM);
			case 'mul':
				return bin('*', PRODUCT);
			case 'div':
				return bin('/', PRODUCT);
			case 'matmul':
				return bin('@', PRODUCT);
			case 'inv':
				return { text: `1.0 / ${this.arg(ch[0], PRODUCT + 1, allFloat)}`, prec: PRODUCT, float: false, depth };
			case 'vector':
				if (ch.every((c) => c.float)) return { text: `torch.tensor([${ch.map((c) => c.text).join(', ')}], ${F64})`, prec: ATOM, float: false, depth };
				return { text: `torch.stack([${ch.map((c) => this.arg(c, 0, true)).join(', ')}])`, prec: ATOM, float: false, depth };
			case 'index':
				return { text: `${this.arg(ch[0], ATOM, true)}[${p.expr.kind === 'index' ? p.expr.at.join(', ') : ''}]`, prec: ATOM, float: false, depth };
			case 'transpose':
				return p.shape.length === 1 ? ch[0] : { text: `${this.arg(ch[0], ATOM, true)}.T`, prec: ATOM, float: false, depth };
			case 'call': {
				const spell = TORCH[p.spec.name as keyof typeof TORCH];
				if (!spell) throw new Error(`no PyTorch spelling for ${p.spec.name}`);
				const repeats = TORCH_REPEATS.has(p.spec.name);
				const args = ch.map((c, k) => {
					// torch.where takes a number beside a tensor (max(0, v)); its condition needs one tensor.
					if (c.float) return repeats && p.spec.name !== 'softplus' && !(allFloat && k === 0) ? c.text : this.arg(c, 0, true);
					const t = this.arg(c, 0, true);
					return repeats && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(t) ? this.hoist({ ...c, text: t }).text : t;
				});
				return { text: spell(args, p.children.map((c) => c.shape)), prec: ATOM, float: false, depth };
			}
			default:
				return assertNever(p);
		}
	}
}

/** A name part's group: its ids are the named value's. */
function nameOf(p: Part): string {
	if (p.expr.kind === 'name') return p.expr.name;
	throw new Error('a name part without a name');
}

function balanced(text: string): boolean {
	// `f(a) + g(b)` matches the atom pattern but is not one: the first `(` must close at the end.
	if (!text.includes('(')) return true;
	let depth = 0;
	for (let i = text.indexOf('('); i < text.length; i++) {
		if (text[i] === '(') depth++;
		else if (text[i] === ')' && --depth === 0) return i === text.length - 1;
	}
	return false;
}
