import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/lib/core/program';
import { train } from '../../../src/lib/core/train/descent';
import { paramGroupsByName } from '../../../src/lib/core/train/params';
import { GOLDEN_DIR } from '../../helpers/golden';
import { MAZUR_2_2_2 } from '../../helpers/programs';

/**
 * Training checked against PyTorch float64 autograd. The Python below is written by hand from
 * the mathematics (it never sees our code or output): plain SGD is `p -= lr * p.grad`, momentum
 * is `torch.optim.SGD(momentum=μ)`. All cases run in one Python process (importing torch takes
 * seconds); each prints its losses and final parameters with repr, which round-trips exactly.
 */
const PYTHON = '/usr/bin/python3';
const MLP_FILE = join(GOLDEN_DIR, 'mlp-2-2-1.json');

const SCRIPT = String.raw`
import json, sys
try:
    import torch
    import torch.nn.functional as F
except ImportError as e:
    print(json.dumps({"torch": False, "why": str(e)}))
    sys.exit(0)
torch.set_default_dtype(torch.float64)

def leaf(v):
    return torch.tensor(v, dtype=torch.float64, requires_grad=True)

def fit(params, loss, lr, steps, momentum=0.0):
    """Returns losses[0..steps] (before each step, and after the last) and the final parameters."""
    opt = torch.optim.SGD(list(params.values()), lr=lr, momentum=momentum) if momentum else None
    losses = []
    for s in range(steps + 1):
        for p in params.values():
            p.grad = None
        L = loss()
        L.backward()
        losses.append(L.item())
        if s == steps:
            break
        if opt:
            opt.step()
        else:
            with torch.no_grad():
                for p in params.values():
                    p -= lr * p.grad
    return {"losses": losses, "params": {k: p.detach().tolist() for k, p in params.items()}}

out = {"torch": True, "version": torch.__version__}

# The backprop demo network (../shared/examples/mlp-2-2-1.json): leaves from the golden values.
if len(sys.argv) > 1:
    v = json.load(open(sys.argv[1]))["values"]
    x1, x2, y = (torch.tensor(v[k]) for k in ("x1", "x2", "y"))
    P = {k: leaf(v[k]) for k in ("w1", "w2", "w3", "w4", "w5", "w6")}
    def mlp221():
        h1 = torch.sigmoid(x1 * P["w1"] + x2 * P["w3"])
        h2 = torch.sigmoid(x1 * P["w2"] + x2 * P["w4"])
        yhat = h1 * P["w5"] + h2 * P["w6"]
        return (y - yhat) ** 2
    out["mlp-2-2-1"] = fit(P, mlp221, 0.1, 100)

# A 2-2-2 sigmoid network, one bias shared by both hidden units and one by both outputs, MSE.
def net222(lr, steps, momentum=0.0):
    x = torch.tensor([0.05, 0.1])
    t = torch.tensor([0.01, 0.99])
    P = {k: leaf(val) for k, val in [("w1", 0.15), ("w2", 0.2), ("w3", 0.25), ("w4", 0.3), ("b1", 0.35),
                                     ("w5", 0.4), ("w6", 0.45), ("w7", 0.5), ("w8", 0.55), ("b2", 0.6)]}
    def loss():
        h1 = torch.sigmoid(P["w1"] * x[0] + P["w2"] * x[1] + P["b1"])
        h2 = torch.sigmoid(P["w3"] * x[0] + P["w4"] * x[1] + P["b1"])
        o1 = torch.sigmoid(P["w5"] * h1 + P["w6"] * h2 + P["b2"])
        o2 = torch.sigmoid(P["w7"] * h1 + P["w8"] * h2 + P["b2"])
        return F.mse_loss(torch.stack([o1, o2]), t)
    return fit(P, loss, lr, steps, momentum)
out["2-2-2"] = net222(0.5, 100)
out["2-2-2-momentum"] = net222(0.1, 100, 0.9)

# A softmax MLP: tanh hidden layer, logits, cross-entropy with class 2.
def softmax_mlp():
    x = torch.tensor([0.5, -1.0, 2.0])
    P = {"W1": leaf([[0.1, -0.2, 0.3], [0.0, 0.4, -0.1], [-0.3, 0.2, 0.2], [0.25, 0.1, -0.4]]),
         "b1": leaf([0.1, -0.2, 0.0, 0.05]),
         "W2": leaf([[0.3, -0.1, 0.2, 0.5], [-0.4, 0.3, 0.1, -0.2], [0.2, 0.2, -0.3, 0.1]]),
         "b2": leaf([0.0, 0.1, -0.1])}
    def loss():
        z = P["W2"] @ torch.tanh(P["W1"] @ x + P["b1"]) + P["b2"]
        return F.cross_entropy(z.unsqueeze(0), torch.tensor([2]))
    return fit(P, loss, 0.2, 150)
out["softmax-ce"] = softmax_mlp()

print(json.dumps(out))
`;

const SOFTMAX = `x = [0.5, -1, 2]
W1 = [[0.1, -0.2, 0.3], [0, 0.4, -0.1], [-0.3, 0.2, 0.2], [0.25, 0.1, -0.4]]
b1 = [0.1, -0.2, 0, 0.05]
W2 = [[0.3, -0.1, 0.2, 0.5], [-0.4, 0.3, 0.1, -0.2], [0.2, 0.2, -0.3, 0.1]]
b2 = [0, 0.1, -0.1]
y = [0, 0, 1]
L = cross_entropy(W2 @ tanh(W1 @ x + b1) + b2, y)
`;

interface Fit {
	losses: number[];
	params: Record<string, number | number[] | number[][]>;
}
type Oracle = { torch: false; why: string } | ({ torch: true; version: string } & Record<string, Fit>);

const haveGolden = existsSync(MLP_FILE);
if (!haveGolden) {
	if (process.env.CI) throw new Error(`CI is set but ${MLP_FILE} is missing`);
	console.warn(`[chainstep] ${MLP_FILE} not found: the mlp-2-2-1 PyTorch comparison is skipped.`);
}

function oracle(): Oracle | undefined {
	if (!existsSync(PYTHON)) return undefined;
	const r = spawnSync(PYTHON, ['-c', SCRIPT, ...(haveGolden ? [MLP_FILE] : [])], { encoding: 'utf8', timeout: 120_000 });
	if (r.status !== 0) throw new Error(`the PyTorch oracle failed: ${r.stderr}`);
	return JSON.parse(r.stdout) as Oracle;
}
const py = oracle();
const torchOk = py?.torch === true;
if (!torchOk) {
	const why = py === undefined ? `${PYTHON} not found` : py.torch ? '' : py.why;
	if (process.env.CI) throw new Error(`CI is set but PyTorch is unavailable for ${PYTHON}: ${why}`);
	console.warn(`[chainstep] PyTorch not available (${why}): the PyTorch training oracle is skipped (apt-get install python3-torch).`);
}

const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x as number]);

/** Every loss and final element within a relative 1e-12; returns how close it came, for the log. */
function compare(what: string, src: string, names: string[], lr: number, steps: number, want: Fit, momentum = 0) {
	const r0 = run(src);
	if (!r0.ok) throw new Error(r0.errors.map((e) => e.message).join('\n'));
	const t = r0.trace;
	const choice = paramGroupsByName(t, names);
	if (!choice.ok) throw new Error(`unknown ${choice.unknown}`);
	const r = train(t, { lr, steps, params: choice.groups, momentum });
	expect(r.stopped).toBeUndefined();
	const pairs: [string, number, number][] = [];
	want.losses.forEach((L, s) => pairs.push([`loss at step ${s}`, r.losses[s], L]));
	for (const p of r.params) {
		const w = flat(want.params[p.name]);
		const ids = t.graph.groups[p.group].ids;
		expect(w.length, p.name).toBe(ids.length);
		w.forEach((x, e) => pairs.push([`${p.name}[${e}]`, r.final[ids[e]], x]));
	}
	expect(r.losses.length).toBe(want.losses.length);
	let worst = 0;
	let same = 0;
	for (const [label, got, exp] of pairs) {
		const rel = got === exp ? 0 : Math.abs(got - exp) / Math.abs(exp);
		if (got === exp) same++;
		worst = Math.max(worst, rel);
		expect(rel, `${what}: ${label} is ${got}, PyTorch ${exp}`).toBeLessThanOrEqual(1e-12);
	}
	console.log(`[pytorch-oracle] ${what}: ${pairs.length} numbers, ${same} bit-identical, largest relative difference ${worst.toExponential(2)}`);
	expect(r.losses[steps]).toBeLessThan(r.losses[0]);
}

describe.skipIf(!torchOk)('training agrees with PyTorch float64 (p -= lr * p.grad; torch.optim.SGD for momentum)', () => {
	const o = py as Extract<Oracle, { torch: true }>;
	it.skipIf(!haveGolden)('mlp-2-2-1 from ../shared/examples, η = 0.1, 100 steps', () => {
		const program = JSON.parse(readFileSync(MLP_FILE, 'utf8')).program as string;
		compare('mlp-2-2-1', program, ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'], 0.1, 100, o['mlp-2-2-1']);
	});
	const p222 = ['w1', 'w2', 'w3', 'w4', 'b1', 'w5', 'w6', 'w7', 'w8', 'b2'];
	it('a 2-2-2 sigmoid net with shared biases and MSE, η = 0.5, 100 steps', () => {
		compare('2-2-2 shared biases', MAZUR_2_2_2, p222, 0.5, 100, o['2-2-2']);
	});
	it('the same net with momentum 0.9, η = 0.1, 100 steps', () => {
		compare('2-2-2 momentum 0.9', MAZUR_2_2_2, p222, 0.1, 100, o['2-2-2-momentum'], 0.9);
	});
	it('a softmax MLP with cross_entropy, η = 0.2, 150 steps', () => {
		compare('softmax MLP cross_entropy', SOFTMAX, ['W1', 'b1', 'W2', 'b2'], 0.2, 150, o['softmax-ce']);
	});
});
