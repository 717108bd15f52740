import { grouped } from '../lib/core/grouped.ts';
/**
 * Every command's usage, apart from the commands: `chainstep --help` prints them without loading
 * ELK, KaTeX or Playwright, so it answers as fast as `node` starts.
 */
import { MAX_TRAIN_WORK } from '../lib/core/train/limits.ts';

export const TRACE_USAGE =
	'chainstep trace FILE [--format json|text] [--precision N] [--granularity scalar|group] [--gates one|expanded] [--check [--h H]]   (FILE may be - for standard input)\n' +
	'      --granularity group: one step per assignment (a whole vector or matrix), as "one named value" on the page\n' +
	'      --gates expanded: a call of your own gate shows its body\'s primitive steps, not one gate step\n' +
	'      --check: nudge each input by ±h (default 1e-6) and print (f(v+h) − f(v−h)) / 2h beside backprop\'s gradient, with the relative error';

export const EXPORT_USAGE =
	'chainstep export FILE --format md|tex|html|svg|pdf|pytorch|numpy [-o OUT] [--rows scalar|assignment] [--precision N] [--worksheet [all-gradients|STEPS]] [--step K] [--title T] [--paper a4|letter] [--gates one|expanded] [--slides [--title-page]]\n' +
	'      --format pytorch|numpy: a Python script that recomputes every value and gradient (PyTorch float64 autograd, or NumPy staged forward and backward) and prints them as JSON;\n' +
	'      --slides with --format pdf (or html): one 16:9 page per step, the graph at that step and its math; --title-page adds a first page;\n' +
	'      --step K alone: that step only (LaTeX or Markdown of its math to paste into slides; one slide for html and pdf; svg: the graph at K);\n' +
	'      --rows: one row per scalar step, or per assignment with every inner link (default: by assignment past 60 steps);\n' +
	'      --granularity scalar|group is the same choice, named as for trace;\n' +
	'      --gates expanded: a call of your own gate shows its body\'s primitive steps, not one gate step;\n' +
	'      --worksheet STEPS and --step K number steps as the trace and the page do (1 to the trace\'s step count; assignments with --rows assignment);\n' +
	'      --seeds 1-30 or --students roster.txt with --worksheet: a class set, every student\'s sheet in OUT (new numbers from each seed) and all answers in OUT-key';

export const TRAIN_USAGE =
	'chainstep train FILE --lr η --steps N [--params a,b,…] [--momentum μ] [--format text|json|csv] [--precision N] [--gates one|expanded]   (FILE may be -)\n' +
	'      gradient descent p ← p − η·∂L/∂p (with --momentum μ: v ← μ·v + ∂L/∂p, p ← p − η·v) on the leaves named by --params\n' +
	`      (default: the weights w…, W…, theta… and biases b…); at most ${grouped(MAX_TRAIN_WORK)} node-steps (nodes × (N + 1)) a run`;
