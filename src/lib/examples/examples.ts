/**
 * The built-in examples: program, title and source of each file in the shared golden set.
 * Expected values are not copied here; tests read them from ../shared/examples.
 */
export interface Example {
	readonly id: string;
	readonly title: string;
	readonly source: string;
	readonly program: string;
	/** Leaves the gradient-descent step starts with ticked, when the example is about one update. */
	readonly descend?: readonly string[];
}

export const EXAMPLES: readonly Example[] = [
	{
		id: "add-mul",
		title: "f = (x + y) z",
		source: "000_fa60f870e19b4ab0.txt and 002_d81db36ad9760e0a.txt: the first backprop example",
		program: "x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n"
	},
	{
		id: "add-mul-implicit",
		title: "(x + y)z written with implicit multiplication",
		source: "the design card writes it as (x+y)z",
		program: "x = -2\ny = 5\nz = -4\nf = (x + y)z\n"
	},
	{
		id: "fan-out",
		title: "a variable used twice: gradients add up",
		source: "003_8638965bbe7f1ca2.txt: e = c d with c = a + b, d = b + 1, de/db = 2*1 + 3*1 = 5",
		program: "a = 2\nb = 1\nc = a + b\nd = b + 1\ne = c * d\n"
	},
	{
		id: "sigmoid-gate",
		title: "sigmoid gate, written out in primitive gates",
		source: "002_d81db36ad9760e0a.txt: f(w,x) = 1/(1+exp(-(w0 x0 + w1 x1 + w2)))",
		program: "w0 = 2\nx0 = -1\nw1 = -3\nx1 = -2\nw2 = -3\nf = 1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))\n"
	},
	{
		id: "sigmoid-gate-fused",
		title: "the same gate with sigmoid as one node",
		source: "002_d81db36ad9760e0a.txt: sigmoid gate with local derivative (1 - s) s",
		program: "w0 = 2\nx0 = -1\nw1 = -3\nx1 = -2\nw2 = -3\ns = w0*x0 + w1*x1 + w2\nf = sigmoid(s)\n"
	},
	{
		id: "norm-Wx",
		title: "||W x||^2",
		source: "002_d81db36ad9760e0a.txt: vectorized example f(x, W) = ||W x||^2",
		program: "W = [[0.1, 0.5], [-0.3, 0.8]]\nx = [0.2, 0.4]\nq = W @ x\nf = ||q||^2\n"
	},
	{
		id: "mlp-2-2-1",
		title: "the backprop demo network, one scalar per line",
		source: "000_fa60f870e19b4ab0.txt: Backprop Demo (z = x w, h = sigmoid(z), yhat = h1 w5 + h2 w6, E = (y - yhat)^2); numbers chosen here",
		program: "x1 = 0.05\nx2 = 0.10\nw1 = 0.15\nw2 = 0.25\nw3 = 0.20\nw4 = 0.30\nw5 = 0.40\nw6 = 0.45\ny = 0.01\nz1 = x1*w1 + x2*w3\nz2 = x1*w2 + x2*w4\nh1 = sigmoid(z1)\nh2 = sigmoid(z2)\nyhat = h1*w5 + h2*w6\nE = (y - yhat)^2\n"
	},
	{
		id: "mlp-softmax",
		title: "a 3-4-2 MLP: tanh hidden layer, softmax, cross-entropy",
		source: "000_fa60f870e19b4ab0.txt: softmax with cross-entropy loss; layout chosen here",
		program: "x = [0.5, -1.0, 2.0]\nW1 = [[0.1, -0.2, 0.3], [0.0, 0.4, -0.1], [-0.3, 0.2, 0.2], [0.25, 0.1, -0.4]]\nb1 = [0.1, -0.2, 0.0, 0.05]\nW2 = [[0.3, -0.1, 0.2, 0.5], [-0.4, 0.3, 0.1, -0.2]]\nb2 = [0.0, 0.1]\nt = [0, 1]\nh = tanh(W1 @ x + b1)\np = softmax(W2 @ h + b2)\nL = -sum(t * log(p))\n"
	},
	{
		id: "sigmoid-descent",
		title: "one gradient-descent step on L = ½(y − σ(w1·x1³ + w2·x2))²",
		source: "a slide deck's worked update at w = [.02, .01], x = [3, 5], η = .01; it prints w1 = −0.0599, the right value is −0.0199. y = 0 reproduces its loss 0.2070, and updating w1 alone gives 0.0725 (both weights: 0.0692). Not a golden file.",
		program: "# w1 alone is ticked for the update, as on the slide: finish the backward pass, set η = 0.01,\n# run 1 step, and L goes 0.2070 → 0.0725 (w1 becomes −0.0199, not the slide's −0.0599)\nw1 = 0.02\nw2 = 0.01\nx1 = 3\nx2 = 5\ny = 0\nL = 0.5(y - sigmoid(w1*x1^3 + w2*x2))^2\n",
		descend: ["w1"]
	},
	{
		id: "slides-notation",
		title: "the slides' notation: h = relu(Wᵀx + c), y = wᵀh + b",
		source: "a two-layer network as lecture slides write it (Wᵀx, wᵀh, ** for the square); values chosen here",
		program: "# Written as on the slides: W^T x is a matrix product, w^T h a dot product, ** a power\nx = [1, 2]\nW = [[0.5, -0.3], [0.8, 0.2]]\nc = [0.1, 0.3]\nw = [1.5, -0.7]\nb = 0.2\nt = 1\nh = relu(W^T x + c)\ny = w^T h + b\nL = (y - t)**2\n"
	},
	{
		id: "sigmoid-gate-own",
		title: "the sigmoid as a gate of your own: sig(z) = 1/(1 + e^−z)",
		source: "002_d81db36ad9760e0a.txt: the sigmoid gate with its known local derivative, defined here as a gate; Your gates → its primitive steps expands it",
		program: "# A gate of your own: each call is one step, its local derivative found through the body.\n# Your gates → its primitive steps (at the top) shows the same computation expanded.\nsig(z) = 1 / (1 + exp(-z))\nw0 = 2\nx0 = -1\nw1 = -3\nx1 = -2\nw2 = -3\nf = sig(w0*x0 + w1*x1 + w2)\n"
	},
	{
		// The lecture's stability lesson ("use the log-likelihood to avoid saturation", "softmax(z − max z)"):
		// each naive line sits beside its stable form; the naive lines do not feed L, so L and its
		// gradients stay finite, and their steps say what rounded and which stable form to write.
		// The smoothed target keeps every gradient nonzero, so no worksheet answer is a bare 0.
		id: "stable-log-likelihood",
		title: "stable log-likelihood: log_sigmoid and cross_entropy beside the naive forms",
		source: "the numerical-stability lesson: log σ(−800) = −800, and cross-entropy through softmax of [700, 705.5, −690] is 0.00408 for the target [0, 1, 0]; here with the smoothed target [0.05, 0.9, 0.05]",
		program: "# Numerical stability: a naive log(sigmoid(x)) or log(softmax(z)) rounds to 0 before the log in float64,\n# and gives -Infinity; the stable forms compute the same numbers. Step the naive lines to see why.\nx = -800\nnaive = log(sigmoid(x))  # sigmoid(-800) rounds to 0, so log gives -Infinity\nstable = log_sigmoid(x)  # -800, with gradient 1\nz = [700, 705.5, -690]\ny = [0.05, 0.9, 0.05]\nnaive_ce = -sum([0.05, 0.9, 0.05] * log(softmax(z)))  # softmax(z)[2] rounds to 0: Infinity\nL = 0.5 * (cross_entropy(z, y) - stable)  # the mean negative log-likelihood: (70.054 + 800) / 2\n"
	}
];

export const DEFAULT_EXAMPLE = 'add-mul';

/**
 * The source as a reader needs it: the shared set names its slide decks by archive file
 * (`002_d81db36ad9760e0a.txt`), which means nothing on the page; tests keep the full text.
 */
export function readableSource(source: string): string {
	const rest = source.replace(/\b\d{3}_[0-9a-f]{16}\.txt\b/g, '');
	if (rest === source) return source;
	const words = rest.replace(/^(\s|and|,)*:?\s*/, '').trim();
	return words ? `lecture slides: ${words}` : 'lecture slides';
}

/** What a page says when a link names an example that does not exist (a typo in a course page). */
export function unknownExampleNotice(id: string): string {
	const shown = exampleById(DEFAULT_EXAMPLE)?.title ?? DEFAULT_EXAMPLE;
	return `There is no example called “${id}”, so this shows “${shown}”. The examples are: ${EXAMPLES.map((e) => e.id).join(', ')}.`;
}

export function exampleById(id: string): Example | undefined {
	return EXAMPLES.find((e) => e.id === id);
}
