import { defaultDescentGroups } from '$lib/core/train/params';
import { train, trainedProgram } from '$lib/core/train/descent';
import type { Trace } from '$lib/core/trace/build';
import { appendRun, type TrainHistory } from '$lib/core/view/train-history';
import { structureKey } from '$lib/core/view/structure';
import { fmt } from '$lib/core/tex/number';
import { grouped } from '$lib/core/grouped';

/** The run sizes offered as buttons; any other N is typed. */
export const RUN_SIZES = [1, 10, 100, 1000] as const;

/**
 * The most work one run on the page may ask for, in node-steps (graph nodes × (steps + 1)): the
 * run blocks the page while it computes, so it must end in well under a second here (a pass
 * costs about 0.2–0.6 µs a node: measured 190–590 ns in Node on this machine, so a full run is 0.2–0.6 s). 1,000 steps of a 300-node program is 300,300.
 */
export const PAGE_TRAIN_WORK = 1_000_000;

/** The most points a history keeps (every chosen element and every gradient size at each). */
export const HISTORY_STEPS = 100_000;

/**
 * Gradient descent on the page: runs N steps of the core's `train`, writes the trained values
 * into the program (exactly, so the rerun reproduces the run's loss) and keeps the runs as one
 * history while the program's shape stays the same.
 */
export class TrainState {
	eta = $state(0.1);
	/** 0 is plain SGD. */
	momentum = $state(0);
	/** The typed N. */
	custom = $state(500);
	/** Chosen leaf groups, by group index. */
	chosen: ReadonlySet<number> = $state.raw(new Set());
	history: TrainHistory | undefined = $state.raw();
	/** What the last run has to say: a refusal (naming the leaf and value), a bound, a restart. */
	message = $state('');
	/** The message is a refusal or an error rather than a note. */
	refused = $state(false);
	#structure = '';
	/** What downloads are named after: the example the history began from, else chainstep. */
	source = $state('chainstep');
	/** How long the last run's arithmetic took, in ms (the page's redraw comes after). */
	lastMs: number | undefined = $state();

	constructor(
		private readonly getTrace: () => Trace | undefined,
		private readonly setText: (text: string) => void
	) {}

	/** A new program (not just new values) starts a new history with its own default choice. */
	sync(trace: Trace | undefined, preferred?: readonly string[], exampleId?: string): void {
		const s = trace ? structureKey(trace.graph) : '';
		if (s === this.#structure) return;
		this.#structure = s;
		// Training rewrites the program, which then is no longer the example: keep the name it had.
		this.source = exampleId ?? 'chainstep';
		this.chosen = new Set(trace ? defaultDescentGroups(trace, preferred) : []);
		this.history = undefined;
		this.#say('');
	}

	toggle(group: number): void {
		const next = new Set(this.chosen);
		if (next.has(group)) next.delete(group);
		else next.add(group);
		this.chosen = next;
	}

	clear(): void {
		this.history = undefined;
		this.#say('');
	}

	/** The most steps one run may take on this program (see PAGE_TRAIN_WORK). */
	maxSteps(trace: Trace | undefined = this.getTrace()): number {
		const nodes = Math.max(1, trace?.graph.size ?? 1);
		return Math.max(1, Math.floor(PAGE_TRAIN_WORK / nodes) - 1);
	}

	/** Why `steps` steps cannot run now, or '' when they can. */
	check(steps: number, t: Trace | undefined = this.getTrace()): string {
		if (!t) return 'There is no program to train.';
		if (this.chosen.size === 0) return 'Tick at least one leaf to train.';
		if (!Number.isFinite(this.eta)) return `η (the learning rate) must be a finite number${Number.isNaN(this.eta) ? '' : `, not ${this.eta}`}: type one such as 0.1.`;
		if (!Number.isFinite(this.momentum) || this.momentum < 0 || this.momentum >= 1)
			return `The momentum must be at least 0 and below 1${Number.isNaN(this.momentum) ? '' : `, not ${this.momentum}`} (0 is plain gradient descent).`;
		if (!Number.isInteger(steps) || steps < 1) return 'The number of steps must be a whole number, 1 or more.';
		const max = this.maxSteps(t);
		if (steps > max)
			return `${grouped(steps)} steps of this ${grouped(t.graph.size)}-node program is more than the page runs at once (nodes × steps up to ${grouped(PAGE_TRAIN_WORK)}): at most ${grouped(max)} steps a run. chainstep train runs more.`;
		const kept = this.history?.stepsDone ?? 0;
		if (kept + steps > HISTORY_STEPS) return `The history holds at most ${grouped(HISTORY_STEPS)} steps (it has ${grouped(kept)}): press Clear history to go on.`;
		return '';
	}

	/** Runs `steps` descent steps; false when nothing ran (the message says why). */
	run(steps: number): boolean {
		const t = this.getTrace();
		const why = this.check(steps, t);
		if (why || !t) return this.#say(why, true), false;
		const momentum = this.momentum;
		const started = performance.now();
		const result = train(t, { lr: this.eta, steps, params: [...this.chosen].sort((a, b) => a - b), momentum });
		this.lastMs = performance.now() - started;
		const text = result.stepsDone > 0 ? trainedProgram(t, result) : t.graph.source;
		// At a minimum (every gradient exactly 0) the values, and so the text, stay as they are.
		if (text !== t.graph.source) {
			this.setText(text);
			const after = this.getTrace();
			if (!after || after === t) return this.#say('The trained program did not run; nothing was kept.', true), false;
		}
		const leafIds = t.graph.groups.flatMap((g) => (g.isLeaf ? Array.from(g.ids) : []));
		const joined = appendRun(this.history, t.graph.value, leafIds, result);
		this.history = joined.history;
		const notes: string[] = [];
		if (result.stopped) notes.push(`${result.stopped.message} ${applied(result.stepsDone)}`);
		if (joined.kind === 'restarted') notes.push('The values were changed since the last run, so a new history starts here.');
		if (!result.stopped && momentum > 0 && this.history.stepsDone > steps) notes.push('Each run starts with zero momentum (velocity).');
		this.#say(notes.join(' '), !!result.stopped);
		return result.stepsDone > 0;
	}

	#say(message: string, refused = false): void {
		this.message = message;
		this.refused = refused;
	}
}

function applied(done: number): string {
	return done === 0 ? 'No step was applied.' : `The ${fmt(done)} step${done === 1 ? '' : 's'} before it ${done === 1 ? 'was' : 'were'} applied.`;
}
