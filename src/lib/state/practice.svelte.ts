import { stored } from '$lib/adapters/storage';
import { checkFactors, checkNumber, type Verdict } from '$lib/core/practice/check';
import { hintsFor, type Hint } from '$lib/core/practice/hints';
import { makeProblem, type Difficulty, type Problem } from '$lib/core/practice/problems';
import { mixupOf, mixupWords } from '$lib/core/practice/mixup';
import { parseAnswer } from '$lib/core/practice/check';
import { opsOf, questionsFor, questionTex, type AskSetting, type BackwardAsk, type Question } from '$lib/core/practice/questions';
import { EMPTY_SCORE, parseScore, recordOutcome, type Score } from '$lib/core/practice/score';
import { parsePracticeParams, practiceQuery, type PracticeParams } from '$lib/core/practice/settings';
import { writeParams } from '$lib/core/share/url';
import { readLink, readNotice, type ExtraParams } from './link';
import { UrlSync, type UrlWriter } from './url-sync';
import { DEFAULT_SIG, texNum } from '$lib/core/tex/number';
import type { Trace } from '$lib/core/trace/build';
import { chainRuleForms, stepText, type StepText } from '$lib/core/trace/tex';
import { DEFAULT_EXAMPLE, exampleById } from '$lib/examples/examples';

export type Feedback =
	| { readonly kind: 'right'; readonly tex: string; readonly scored: boolean }
	| { readonly kind: 'shown'; readonly tex: string }
	/** `mixup`: the answer is another quantity of this step ("That is ∂f/∂x; this question asks ∂q/∂x."). */
	| { readonly kind: 'wrong'; readonly hinted: boolean; readonly mixup?: string }
	| { readonly kind: 'unreadable'; readonly message: string };

/** The program a problem is built from: a built-in example (kept short in links) or any text. */
interface Base {
	readonly text: string;
	readonly exampleId: string | undefined;
}

const SCORE_KEY = 'chainstep:practice:score';

function exampleBase(id: string | undefined): Base {
	const ex = (id && exampleById(id)) || exampleById(DEFAULT_EXAMPLE);
	return { text: ex?.program ?? '', exampleId: ex?.id };
}

/** A seed for a new problem; the link then records it, so the problem can be shared. */
function freshSeed(): number {
	const a = new Uint32Array(1);
	crypto.getRandomValues(a);
	return a[0];
}

/**
 * Practice: a problem (program + seed), its questions, the student's answer, hints and score.
 * Every expected value, hint and revealed step comes from the trace.
 */
export class PracticeState {
	base: Base = $state.raw(exampleBase(DEFAULT_EXAMPLE));
	params: PracticeParams = $state.raw(parsePracticeParams(new URLSearchParams()));
	sig = $state(DEFAULT_SIG);
	/** Set once the URL has been read. */
	ready = $state(false);
	/** What the link turned out to hold when it was not a readable problem ('' for none). */
	notice = $state('');
	readonly #url = new UrlSync();
	/** `mode=practice` when the viewer's page hosts practice, so a reload comes back here. */
	#tag: ExtraParams = [];

	readonly problem: Problem | undefined = $derived(makeProblem(this.base.text, this.params.problem, this.params.seed));
	readonly trace: Trace | undefined = $derived(this.problem?.trace);
	readonly questions: readonly Question[] = $derived(this.trace ? questionsFor(this.trace, this.params.ask, this.params.seed, this.params.backward) : []);

	index = $state(0);
	answer = $state('');
	picked: ReadonlySet<number> = $state.raw(new Set());
	hintsShown = $state(0);
	feedback: Feedback | undefined = $state.raw(undefined);
	/** The step revealed by the last right answer; its math stays on screen under the next question. */
	revealed: number | undefined = $state(undefined);
	/**
	 * The current question is answered (or shown): it stays on screen with its verdict and its
	 * step revealed until the student moves on, so the feedback sits under its own question.
	 */
	answered = $state(false);
	score: Score = $state.raw(EMPTY_SCORE);
	#scored = false;
	#store = stored(SCORE_KEY, parseScore);

	readonly current: Question | undefined = $derived(this.questions[this.index]);
	readonly done: boolean = $derived(this.trace !== undefined && this.index >= this.questions.length);
	readonly hints: readonly Hint[] = $derived(this.trace && this.current ? hintsFor(this.trace, this.current, this.sig) : []);
	/** The last step the student may see: everything before the question (through it once answered), or the whole trace once done. */
	readonly shownThrough: number = $derived(
		this.current ? this.current.step - (this.answered ? 0 : 1) : this.trace ? this.trace.steps.length - 1 : -1
	);
	readonly revealedText: StepText | undefined = $derived.by(() => {
		const t = this.trace;
		const k = this.revealed ?? this.shownThrough;
		return t && k >= 0 && t.steps[k] ? stepText(t, t.steps[k], this.sig) : undefined;
	});

	/** Read the problem from a query string: `example` or `p`, then `seed`, `ask`, `problem`. */
	async applyQuery(search: string): Promise<void> {
		const q = new URLSearchParams(search);
		// readLink: a program too long for a link comes from this browser, as in the viewer.
		const { params: v, status } = await readLink(search);
		this.base = v.program !== undefined ? { text: v.program, exampleId: undefined } : exampleBase(v.example);
		this.params = parsePracticeParams(q);
		this.sig = v.sig ?? DEFAULT_SIG;
		this.score = this.#store.load();
		this.#restart();
		const lost = status === 'unreadable' || status === 'kept-missing';
		this.notice = lost ? `${readNotice(status)} Practising on an example instead until you choose another problem; the address bar keeps the link.` : '';
		// A link that could not be read stays in the address bar until the student picks another
		// problem: it is theirs to copy again, or to report.
		this.#url.reset(search, this.#meaningful(), { hold: lost });
		this.ready = true;
	}

	/** The link always names the problem on screen, so copying the address shares it. */
	connectUrl(write: UrlWriter, base: string, tag: ExtraParams = []): void {
		this.#tag = tag;
		this.#url.connect(write, base);
	}

	syncUrl(): void {
		const meaningful = this.#meaningful();
		if (!this.ready) return;
		// An example link stays short (`example=`), exactly as the viewer's own link to it is.
		const ex = this.base.exampleId;
		this.#url.change({
			meaningful,
			params: ex ? { example: ex, granularity: 'scalar' } : { program: this.base.text, granularity: 'scalar' },
			extra: [...this.#tag, ...practiceQuery(this.params)]
		});
	}

	flushUrl(): void {
		this.#url.flushNow();
	}

	#meaningful(): string {
		return JSON.stringify([this.base.exampleId, this.base.exampleId ? '' : this.base.text, practiceQuery(this.params)]);
	}

	/** The viewer's link to `text` (the program on screen): the example's name while it is unchanged, else the text. */
	viewerQuery(text: string): Promise<string> {
		const ex = this.base.exampleId;
		return writeParams(ex && text === this.base.text ? { example: ex, granularity: 'scalar' } : { program: text, granularity: 'scalar' });
	}

	submit(): void {
		const q = this.current;
		if (!q || !this.trace) return;
		if (this.answered) return this.next();
		const verdict: Verdict = q.kind === 'factors' ? checkFactors(this.picked, q.choices) : checkNumber(this.answer, q.expected);
		switch (verdict.kind) {
			case 'unreadable':
				this.feedback = verdict;
				return;
			case 'wrong': {
				this.#record(q, false);
				// A miss shows the next hint, while there is one left to show.
				const hinted = this.hintsShown < this.hints.length;
				this.hintsShown = Math.min(this.hints.length, this.hintsShown + 1);
				const typed = q.kind === 'factors' ? undefined : parseAnswer(this.answer);
				const m = typed?.ok ? mixupOf(this.trace, q, typed.value) : undefined;
				this.feedback = m ? { kind: 'wrong', hinted, mixup: mixupWords(m) } : { kind: 'wrong', hinted };
				return;
			}
			case 'right': {
				// Right only counts on a first try with no hint taken.
				const scored = !this.#scored && this.hintsShown === 0;
				this.#record(q, scored);
				this.feedback = { kind: 'right', tex: this.#answerTex(this.trace, q), scored };
				this.#answered(q);
				return;
			}
		}
	}

	/** On to the next question, once this one is answered. */
	next(): void {
		if (!this.answered) return;
		this.answered = false;
		this.index += 1;
		this.feedback = undefined;
		this.#clearAnswer();
	}

	showHint(): void {
		this.hintsShown = Math.min(this.hints.length, this.hintsShown + 1);
	}

	/** Give up on this question: it counts as wrong, and the step is shown. */
	reveal(): void {
		const q = this.current;
		if (!q || !this.trace || this.answered) return;
		this.#record(q, false);
		this.feedback = { kind: 'shown', tex: this.#answerTex(this.trace, q) };
		this.#answered(q);
	}

	togglePick(i: number): void {
		const next = new Set(this.picked);
		if (next.has(i)) next.delete(i);
		else next.add(i);
		this.picked = next;
	}

	setAsk(ask: AskSetting): void {
		this.params = { ...this.params, ask };
		this.#restart();
	}

	setBackward(backward: BackwardAsk): void {
		this.params = { ...this.params, backward };
		this.#restart();
	}

	/** The same program with new leaf values. */
	newValues(): void {
		// A generated program is the base from now on, so "new values" keeps its shape.
		if (this.params.problem.kind === 'random' && this.problem) this.base = { text: this.problem.program, exampleId: undefined };
		this.params = { ...this.params, seed: freshSeed(), problem: { kind: 'new-values' } };
		this.#restart();
	}

	newRandom(difficulty: Difficulty): void {
		this.params = { ...this.params, seed: freshSeed(), problem: { kind: 'random', difficulty } };
		this.#restart();
	}

	/** Back to the program as written (an example, or the linked text). */
	asWritten(): void {
		this.params = { ...this.params, problem: { kind: 'as-is' } };
		this.#restart();
	}

	resetScore(): void {
		this.#store.clear();
		this.score = EMPTY_SCORE;
	}

	#record(q: Question, right: boolean): void {
		if (this.#scored || !this.trace) return;
		this.#scored = true;
		this.score = recordOutcome(this.score, opsOf(this.trace, q), right);
		this.#store.save(this.score);
	}

	#answered(q: Question): void {
		this.revealed = q.step;
		this.answered = true;
	}

	#clearAnswer(): void {
		this.answer = '';
		this.picked = new Set();
		this.hintsShown = 0;
		this.#scored = false;
	}

	#restart(): void {
		this.index = 0;
		this.answered = false;
		this.revealed = undefined;
		this.feedback = undefined;
		this.#clearAnswer();
		this.notice = '';
	}

	#answerTex(t: Trace, q: Question): string {
		if (q.kind !== 'factors') return `${questionTex(t, q)} = ${texNum(q.expected, this.sig)}`;
		const s = t.steps[q.step];
		if (s.kind !== 'backward') return questionTex(t, q);
		const f = chainRuleForms(t, q.node, s.terms, this.sig);
		return `${f.lhs} = ${f.sym}`;
	}
}
