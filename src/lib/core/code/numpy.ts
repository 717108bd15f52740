import { assertNever } from '../language/ast.ts';
import type { Graph, Part, Shape } from '../graph/graph.ts';
import { NUMPY, NUMPY_HELPERS, type Back, type NumpyHelper } from './numpy-ops.ts';
import { assertExpanded, constValue, gateCallText, liveness, postOrder, transparent } from './parts.ts';
import { commentText, header, JSON_HELPER, Names, pyExponent, pyFloat, pyNested, pyString, shortText } from './python.ts';

/** A value a staged line reads: a named or staged value (which gets a gradient), or a number. */
type Ref = { readonly kind: 'value'; readonly py: string; readonly grad: string; readonly shape: Shape } | { readonly kind: 'const'; readonly py: string };

/** One line of the forward pass: `py = …`, and what its backward lines need. */
interface Stage {
	readonly part: Part | undefined;
	readonly out: Ref & { kind: 'value' };
	readonly ins: readonly Ref[];
	readonly live: boolean;
	/** The registry's op, or the operator, for the backward line's comment. */
	readonly what: string;
	back(g: string): readonly Back[];
}

/**
 * A NumPy script in the staged style of the CS231n notes: the forward pass one line per operation
 * (each piece of an assignment a line of its own, named after it: `f_1`, `net_h`), then the backward
 * pass one line per operation in reverse, `dx = local * upstream` the first time and `+=` when the
 * value is read again (fan-out), each with a comment naming the rule. No autograd: it computes every
 * gradient itself and prints values and gradients as `chainstep trace --format json` keys them.
 * Built from a graph with expanded gates: a gate's body is staged where it is called.
 */
export function numpyCode(g: Graph): string {
	assertExpanded(g);
	const f = new ForwardPass(g);
	for (const grp of g.groups) f.assignment(grp);
	const { backward, unread } = backwardPass(g, f.stages, f.named);
	const lines = [...header(g.source, 'numpy', 'the forward and backward pass staged, one line per operation.'), 'import json', '', 'import numpy as np', ''];
	lines.push("np.seterr(all='ignore')  # a log of 0 or an overflow gives -inf, inf or nan, as in the trace, without a warning", '');
	for (const [name, py] of f.helpers) lines.push(...NUMPY_HELPERS[name].map((l, i) => (i === 0 ? l.replace(`def ${name}(`, `def ${py}(`) : l)), '');
	lines.push('# forward pass', ...f.lines, '', '# backward pass: each line is upstream gradient × local derivative', ...backward);
	if (unread.length > 0) lines.push('# the output never reads these: their gradient is 0', ...unread);
	lines.push('', ...JSON_HELPER, '', '_named = {');
	for (const grp of g.groups) {
		const r = f.named.get(grp.name)!;
		lines.push(`    ${pyString(grp.name)}: (${r.py}, ${r.grad}),`);
	}
	lines.push('}');
	lines.push('print(json.dumps({');
	lines.push('    "values": {k: _plain(np.asarray(v, dtype=np.float64).tolist()) for k, (v, d) in _named.items()},');
	lines.push('    "grads": {k: _plain(np.asarray(d, dtype=np.float64).tolist()) for k, (v, d) in _named.items()},');
	lines.push('}))');
	return `${lines.join('\n')}\n`;
}

type Value = Ref & { kind: 'value' };

/** The forward lines, one per piece of each assignment, and the stages the backward pass reads. */
class ForwardPass {
	readonly lines: string[] = [];
	readonly stages: Stage[] = [];
	readonly named = new Map<string, Value>();
	readonly helpers = new Map<NumpyHelper, string>();
	readonly #names: Names;
	readonly #gradOf = new Map<string, string>();
	readonly #isLive: ReturnType<typeof liveness>;
	readonly #outputPy: string;

	constructor(private readonly g: Graph) {
		this.#names = new Names(g.groups.map((gr) => gr.name));
		this.#isLive = liveness(g);
		this.#outputPy = this.#names.py(g.groups[g.groups.length - 1].name);
	}

	helper = (name: NumpyHelper): string => {
		let py = this.helpers.get(name);
		if (!py) this.helpers.set(name, (py = this.#names.fresh(name)));
		return py;
	};

	value(py: string, shape: Shape): Value {
		let grad = this.#gradOf.get(py);
		if (!grad) this.#gradOf.set(py, (grad = this.#names.fresh(`d${py}`)));
		return { kind: 'value', py, grad, shape };
	}

	assignment(grp: Graph['groups'][number]): void {
		const g = this.g;
		const py = this.#names.py(grp.name);
		// Claimed now, so a staged piece's name never takes a gradient's.
		const ref = this.value(py, grp.shape);
		this.named.set(grp.name, ref);
		if (grp.isLeaf) {
			const v = Array.from(grp.ids, (id) => g.value[id]);
			this.lines.push(grp.shape.length === 0 ? `${py} = np.float64(${pyFloat(v[0])})` : `${py} = np.array(${pyNested(v, grp.shape)})`);
			return;
		}
		const root = g.parts[grp.stmt];
		if (!root) throw new Error(`statement ${grp.name} has no parts`);
		const refs = new Map<Part, Ref>();
		let count = 0;
		for (const p of postOrder(root)) {
			const see = transparent(p);
			if (see) refs.set(p, refs.get(see)!);
			else if (p.op === 'const') {
				const v = constValue(g, p);
				refs.set(p, { kind: 'const', py: v < 0 || !Number.isFinite(v) || Object.is(v, -0) ? `(${pyFloat(v)})` : pyFloat(v) });
			} else if (p.op === 'name') refs.set(p, this.named.get(p.expr.kind === 'name' ? p.expr.name : g.groups[g.group[p.ids[0]]].name)!);
			else {
				const isTop = p === root || transparentTo(root, p);
				const activationArg = root.op === 'call' && root.spec.fn.activation && root.children[0] === p;
				const out = isTop ? ref : this.value(this.#names.fresh(activationArg ? `net_${py}` : `${py}_${++count}`), p.shape);
				this.piece(p, out, p.children.map((c) => refs.get(c)!));
				refs.set(p, out);
			}
		}
		// The whole right side is another value read again (`b = a`, `c = v^T`): a copy, with a gradient of its own.
		const top = refs.get(root)!;
		if (top !== ref) {
			const line = g.source.slice(root.expr.span.offset, root.expr.span.offset + root.expr.span.length);
			this.lines.push(`${py} = ${top.kind === 'const' ? `np.float64(${top.py})` : `${top.py}.copy()`}  # ${commentText(shortText(line))}, a copy with a gradient of its own`);
			this.stages.push({ part: root, out: ref, ins: [top], live: this.#isLive({ ...root, ids: grp.ids }), what: 'copy', back: () => [{ local: '1.0' }] });
		}
	}

	/** One operation's line, commented with the source it computes (and the gate call it is in). */
	piece(p: Part, out: Value, ins: Ref[]): void {
		const g = this.g;
		// Only numbers: the first as a float64, so 1/0 is ∞ as in the trace, not a Python error.
		if (p.op !== 'vector' && ins.length > 0 && ins.every((r) => r.kind === 'const')) ins = [{ kind: 'const', py: `np.float64(${ins[0].py})` }, ...ins.slice(1)];
		const st = stage(g, p, out, ins, this.#isLive(p), this.helper, this.#outputPy);
		const source = g.source.slice(p.expr.span.offset, p.expr.span.offset + p.expr.span.length);
		const gate = gateCallText(g, p);
		this.lines.push(`${out.py} = ${st.forward}  # ${commentText(shortText(source))}${gate !== undefined ? ` (in ${commentText(shortText(gate))})` : ''}`);
		this.stages.push(st.stage);
	}
}

/** The stages in reverse, each input's gradient upstream × local: `=` the first time, `+=` when read again. */
function backwardPass(g: Graph, stages: readonly Stage[], named: ReadonlyMap<string, Value>) {
	const backward: string[] = [];
	const assigned = new Set<string>();
	const outRef = named.get(g.groups[g.groups.length - 1].name)!;
	backward.push(`${outRef.grad} = np.float64(1.0)  # ∂${outRef.py}/∂${outRef.py} = 1: backprop starts at the output`);
	assigned.add(outRef.grad);
	for (let s = stages.length - 1; s >= 0; s--) {
		const st = stages[s];
		if (!st.live) continue;
		const backs = st.back(st.out.grad);
		st.ins.forEach((r, k) => {
			if (r.kind !== 'value') return;
			const b = backs[k];
			let expr: string;
			let rule: string;
			if ('local' in b) {
				expr = `${b.local} * ${st.out.grad}`;
				rule = `${st.what}: local ∂${st.out.py}/∂${r.py} = ${b.local}, × upstream ${st.out.grad}`;
			} else {
				expr = b.expr;
				rule = b.rule;
			}
			// A scalar broadcast over a vector received the upstream of every element: their sum.
			if (r.shape.length === 0 && st.out.shape.length > 0) {
				expr = `np.sum(${expr})`;
				rule += ', summed (broadcast)';
			}
			const op = assigned.has(r.grad) ? '+=' : '=';
			assigned.add(r.grad);
			backward.push(`${r.grad} ${op} ${expr}  # ${rule}${op === '+=' ? ' (fan-out: gradients add)' : ''}`);
		});
	}
	const unread: string[] = [];
	for (const grp of g.groups) {
		const r = named.get(grp.name)!;
		if (!assigned.has(r.grad)) unread.push(`${r.grad} = np.zeros_like(${r.py})`);
	}
	return { backward, unread };
}

/** `p` is what the root computes, seen through transparent parts (a vector's transpose). */
function transparentTo(root: Part, p: Part): boolean {
	let q: Part | undefined = root;
	while ((q = transparent(q))) if (q === p) return true;
	return false;
}

const ARITH: Record<string, string> = { add: '+', sub: '-', mul: '*', div: '/', matmul: '@' };

/** a @ b's backward rules by the factors' ranks: the matrix forms, ∂L/∂W = δ xᵀ and ∂L/∂x = Wᵀ δ. */
function matmulBack([ra, rb]: readonly [number, number], a: readonly string[], gr: string, L: string): readonly Back[] {
	if (ra === 1 && rb === 1) return [{ local: a[1] }, { local: a[0] }];
	if (ra === 2 && rb === 1)
		return [
			{ expr: `np.outer(${gr}, ${a[1]})`, rule: `matmul: ∂${L}/∂${a[0]} = ${gr} ${a[1]}ᵀ` },
			{ expr: `${a[0]}.T @ ${gr}`, rule: `matmul: ∂${L}/∂${a[1]} = ${a[0]}ᵀ ${gr}` }
		];
	if (ra === 1 && rb === 2)
		return [
			{ expr: `${a[1]} @ ${gr}`, rule: `matmul: ∂${L}/∂${a[0]} = ${a[1]} ${gr}` },
			{ expr: `np.outer(${a[0]}, ${gr})`, rule: `matmul: ∂${L}/∂${a[1]} = ${a[0]} ${gr}ᵀ` }
		];
	return [
		{ expr: `${gr} @ ${a[1]}.T`, rule: `matmul: ∂${L}/∂${a[0]} = ${gr} ${a[1]}ᵀ` },
		{ expr: `${a[0]}.T @ ${gr}`, rule: `matmul: ∂${L}/∂${a[1]} = ${a[0]}ᵀ ${gr}` }
	];
}

/** One operation's forward expression and backward rules. */
function stage(
	g: Graph,
	p: Part,
	out: Ref & { kind: 'value' },
	ins: readonly Ref[],
	live: boolean,
	h: (name: NumpyHelper) => string,
	/** The output's name, for the matrix-form rules (∂L/∂W = δ xᵀ). */
	L: string
): { forward: string; stage: Stage } {
	const a = ins.map((r) => r.py);
	const y = out.py;
	const make = (forward: string, what: string, back: (gr: string) => readonly Back[]) => ({ forward, stage: { part: p, out, ins, live, what, back } });
	switch (p.op) {
		case 'add':
			return make(`${a[0]} + ${a[1]}`, 'add', () => [{ local: '1.0' }, { local: '1.0' }]);
		case 'sub':
			return make(`${a[0]} - ${a[1]}`, 'subtract', () => [{ local: '1.0' }, { local: '-1.0' }]);
		case 'mul':
			return make(`${a[0]} * ${a[1]}`, 'multiply', () => [{ local: a[1] }, { local: a[0] }]);
		case 'div':
			return make(`${a[0]} / ${a[1]}`, 'divide', () => [{ local: `1.0 / ${a[1]}` }, { local: `-${a[0]} / (${a[1]} * ${a[1]})` }]);
		case 'inv':
			return make(`1.0 / ${a[0]}`, 'reciprocal', () => [{ local: `-1.0 / (${a[0]} * ${a[0]})` }]);
		case 'neg':
			return make(`-${a[0]}`, 'negate', () => [{ local: '-1.0' }]);
		case 'pow': {
			const k = g.param[p.ids[0]];
			const local = k === 0 ? '0.0' : k === 1 ? '1.0' : k === 2 ? `2.0 * ${a[0]}` : `${pyFloat(k)} * ${a[0]} ** ${pyExponent(k - 1)}`;
			return make(`${a[0]} ** ${pyExponent(k)}`, 'power', () => [{ local }]);
		}
		case 'matmul': {
			const ranks = [p.children[0].shape.length, p.children[1].shape.length] as const;
			return make(`${a[0]} ${ARITH.matmul} ${a[1]}`, 'matmul', (gr) => matmulBack(ranks, a, gr, L));
		}
		case 'index': {
			const at = p.expr.kind === 'index' ? p.expr.at : [0];
			const c = p.children[0].shape;
			const cells = c.length === 2 ? `np.arange(${c[0] * c[1]}).reshape(${c[0]}, ${c[1]})` : `np.arange(${c[0]})`;
			const k = at.length === 2 ? at[0] * c[1] + at[1] : at[0];
			return make(`${a[0]}[${at.join(', ')}]`, 'element', (gr) => [{ expr: `np.where(${cells} == ${k}, ${gr}, 0.0)`, rule: `element: the upstream goes to [${at.join(', ')}], 0 elsewhere` }]);
		}
		case 'transpose':
			return make(`${a[0]}.T`, 'transpose', (gr) => [{ expr: `1.0 * ${gr}.T`, rule: `transpose: the gradient transposed back` }]);
		case 'vector':
			return make(`np.array([${a.join(', ')}])`, 'stack', (gr) => a.map((_, k) => ({ expr: `1.0 * ${gr}[${k}]`, rule: `stack: entry ${k} gets element ${k} of the upstream` })));
		case 'call': {
			const spell = NUMPY[p.spec.name as keyof typeof NUMPY];
			if (!spell) throw new Error(`no NumPy spelling for ${p.spec.name}`);
			const shapes = p.children.map((c) => c.shape);
			return make(spell.forward(a, h, shapes), p.spec.name, (gr) => spell.back(a, y, gr, h, shapes));
		}
		case 'const':
		case 'name':
			throw new Error('a constant or a name makes no line');
		default:
			return assertNever(p);
	}
}
