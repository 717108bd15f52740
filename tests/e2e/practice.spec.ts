import { expect, test, type Page } from '@playwright/test';
import { finiteDifferenceCheck } from '../../src/lib/core/autodiff/fd.ts';
import { LEVELS, makeProblem } from '../../src/lib/core/practice/problems.ts';
import { questionsFor, type Question } from '../../src/lib/core/practice/questions.ts';
import { run } from '../../src/lib/core/program.ts';
import { fmt } from '../../src/lib/core/tex/number.ts';
import { exampleById } from '../../src/lib/examples/examples.ts';

const SHOTS = 'test-output/screenshots';
const addMul = exampleById('add-mul')!.program;

/** The questions the page should ask, computed by the same core in Node: the oracle for the page. */
function questionsOf(program: string, ask: 'all-backward' | 'leaf-gradients', seed: number): Question[] {
	const r = run(program);
	if (!r.ok) throw new Error('program does not run');
	return questionsFor(r.trace, ask, seed);
}

/** A seed whose first question on add-mul asks for a number, so typing applies. */
function seedWithTypedFirst(): number {
	for (let s = 1; ; s++) if (questionsOf(addMul, 'leaf-gradients', s)[0].kind !== 'factors') return s;
}

async function programText(page: Page): Promise<string> {
	const lines = await page.getByTestId('program').locator('.line').allTextContents();
	return lines.map((l) => l.trimEnd()).join('\n') + '\n';
}

test.use({ viewport: { width: 1280, height: 720 } });

test('a wrong answer shows a hint and scores nothing; the right answer advances', async ({ page }) => {
	const seed = seedWithTypedFirst();
	const qs = questionsOf(addMul, 'leaf-gradients', seed);
	const q0 = qs[0];
	if (q0.kind === 'factors') throw new Error('unreachable');
	await page.goto(`./practice?example=add-mul&ask=leaf-gradients&problem=as-is&seed=${seed}`);
	const question = page.getByTestId('question');
	await expect(question).toHaveAttribute('data-step', String(q0.step));
	await expect(page.getByTestId('hint')).toHaveCount(0);

	await page.getByTestId('answer').fill(fmt(q0.expected + 1.5));
	await page.getByTestId('answer').press('Enter');
	await expect(page.getByTestId('feedback')).toHaveAttribute('data-kind', 'wrong');
	await expect(page.getByTestId('hint')).toHaveCount(1);
	await expect(page.getByTestId('score')).toHaveText('0 / 1');
	await expect(question).toHaveAttribute('data-step', String(q0.step));
	await expect(page.getByTestId('graph')).toBeVisible({ timeout: 20_000 });
	await page.screenshot({ path: `${SHOTS}/practice-wrong-hint.png` });

	await page.getByTestId('answer').fill(fmt(q0.expected));
	await page.getByTestId('check').click();
	// The verdict stays with its own question, whose step is now revealed, until the student moves on.
	await expect(page.getByTestId('feedback')).toHaveAttribute('data-kind', 'right');
	await expect(question).toHaveAttribute('data-step', String(q0.step));
	await expect(page.getByTestId('answer')).toHaveValue(fmt(q0.expected));
	await expect(page.getByTestId('next-question')).toBeFocused();
	await page.screenshot({ path: `${SHOTS}/practice-right.png` });
	// Right after a miss earns no point.
	await expect(page.getByTestId('score')).toHaveText('0 / 1');
	await page.keyboard.press('Enter');
	await expect(question).toHaveAttribute('data-step', String(qs[1].step));
	await expect(page.getByTestId('feedback')).toHaveAttribute('data-kind', '');
	await expect(page.getByTestId('hint')).toHaveCount(0);
	await expect(page.getByTestId('answer')).toBeFocused();
});

test('right first time scores, unreadable input is explained, and the score survives a reload', async ({ page }) => {
	const seed = seedWithTypedFirst();
	const q0 = questionsOf(addMul, 'leaf-gradients', seed)[0];
	if (q0.kind === 'factors') throw new Error('unreachable');
	await page.goto(`./practice?example=add-mul&ask=leaf-gradients&problem=as-is&seed=${seed}`);
	await page.getByTestId('answer').fill('two');
	await page.getByTestId('answer').press('Enter');
	await expect(page.getByTestId('feedback')).toHaveAttribute('data-kind', 'unreadable');
	await expect(page.getByTestId('score')).toHaveText('0 / 0');
	// A fraction is accepted where it is exact.
	const typed = Number.isInteger(q0.expected) ? `${q0.expected * 2}/2` : fmt(q0.expected);
	await page.getByTestId('answer').fill(typed);
	await page.getByTestId('answer').press('Enter');
	await expect(page.getByTestId('feedback')).toHaveAttribute('data-kind', 'right');
	await expect(page.getByTestId('score')).toHaveText('1 / 1');
	await expect(page.getByTestId('op-record')).toContainText('/1');
	await page.reload();
	await expect(page.getByTestId('score')).toHaveText('1 / 1');
	await page.getByTestId('reset-score').click();
	await expect(page.getByTestId('score')).toHaveText('0 / 0');
});

test('answering every question, factor picks included, finishes the problem', async ({ page }) => {
	const seed = 3;
	const prog = makeProblem(addMul, { kind: 'new-values' }, seed)!.program;
	const qs = questionsOf(prog, 'all-backward', seed);
	await page.goto(`./practice?example=add-mul&ask=all-backward&seed=${seed}`);
	await expect.poll(() => programText(page)).toBe(prog);
	for (const q of qs) {
		await expect(page.getByTestId('question')).toHaveAttribute('data-step', String(q.step));
		if (q.kind === 'factors') {
			const boxes = page.getByTestId('factor');
			for (let i = 0; i < q.choices.length; i++) if (q.choices[i].correct) await boxes.nth(i).check();
			await page.getByTestId('check').click();
		} else {
			await page.getByTestId('answer').fill(fmt(q.expected, 6));
			await page.getByTestId('answer').press('Enter');
		}
		await expect(page.getByTestId('feedback')).toHaveAttribute('data-kind', 'right');
		await page.getByTestId('next-question').click();
	}
	await expect(page.getByTestId('done')).toBeVisible();
	await expect(page.getByTestId('score')).toHaveText(`${qs.length} / ${qs.length}`);
	await expect(page.getByTestId('step-math')).toBeVisible();
});

test('a new problem changes the numbers, and its trace is still correct', async ({ page }) => {
	await page.goto('./practice?example=sigmoid-gate-fused&problem=as-is');
	const before = exampleById('sigmoid-gate-fused')!.program;
	await expect.poll(() => programText(page)).toBe(before);
	await page.getByTestId('new-values').click();
	await expect.poll(() => programText(page)).not.toBe(before);
	const after = await programText(page);
	// Same lines, new literals.
	expect(after.replace(/-?\d+(\.\d+)?/g, '#')).toBe(before.replace(/-?\d+(\.\d+)?/g, '#'));
	const r = run(after);
	expect(r.ok).toBe(true);
	if (r.ok) expect(finiteDifferenceCheck(r.trace.graph)).toEqual([]);
	// The link now names the new problem: opening it elsewhere gives the same numbers.
	await expect(page).toHaveURL(/seed=\d+/);
	const url = page.url();
	const other = await page.context().newPage();
	await other.goto(url);
	await expect.poll(() => programText(other)).toBe(after);

	await page.getByTestId('level').selectOption('hard');
	await page.getByTestId('new-random').click();
	await expect.poll(() => programText(page)).toContain('[');
	const random = await programText(page);
	const rr = run(random);
	expect(rr.ok).toBe(true);
	if (rr.ok) expect(finiteDifferenceCheck(rr.trace.graph)).toEqual([]);
	await page.screenshot({ path: `${SHOTS}/practice-random-hard.png` });
});

test('the same seed gives every student the same problem', async ({ browser }) => {
	const links = ['./practice?example=add-mul&seed=42&ask=leaf-gradients', './practice?problem=random&level=medium&seed=7'];
	const expected = [makeProblem(addMul, { kind: 'new-values' }, 42)!.program, makeProblem('', { kind: 'random', difficulty: LEVELS.medium }, 7)!.program];
	for (const [i, link] of links.entries()) {
		const a = await (await browser.newContext()).newPage();
		const b = await (await browser.newContext()).newPage();
		await a.goto(link);
		await b.goto(link);
		await expect.poll(() => programText(a)).toBe(expected[i]);
		await expect.poll(() => programText(b)).toBe(expected[i]);
		await expect(a.getByTestId('question')).toHaveAttribute('data-step', (await b.getByTestId('question').getAttribute('data-step')) ?? 'x');
	}
});

test('practice screenshots at 1280×720', async ({ page }) => {
	await page.goto('./practice?example=fan-out&ask=fan-out&problem=as-is&seed=2');
	await expect(page.getByTestId('question')).toBeVisible();
	await expect(page.getByTestId('graph')).toBeVisible({ timeout: 20_000 });
	await page.screenshot({ path: `${SHOTS}/practice-fan-out.png` });
	for (let i = 1; i <= 3; i++) {
		await page.getByTestId('hint-button').click();
		await expect(page.getByTestId('hint')).toHaveCount(i);
	}
	await page.screenshot({ path: `${SHOTS}/practice-all-hints.png` });
	const step = await page.getByTestId('question').getAttribute('data-step');
	await page.getByTestId('reveal').click();
	await expect(page.getByTestId('feedback')).toHaveAttribute('data-kind', 'shown');
	await expect(page.getByTestId('feedback')).toContainText('no point');
	await expect(page.getByTestId('question')).toHaveAttribute('data-step', step!);
	await expect(page.getByTestId('hint-button')).toHaveCount(0);
	await page.screenshot({ path: `${SHOTS}/practice-shown.png` });
});

test('the main page in mode=practice is the same practice, and keeps its mode in the URL', async ({ page }) => {
	await page.goto('./?mode=practice&seed=42&example=add-mul&ask=leaf-gradients');
	await expect.poll(() => programText(page)).toBe(makeProblem(addMul, { kind: 'new-values' }, 42)!.program);
	await expect(page.getByTestId('question')).toBeVisible();
	await page.getByTestId('new-values').click();
	await expect(page).toHaveURL(/[?&]mode=practice&/);
	await expect(page).not.toHaveURL(/seed=42&/);
});

test('practice links back to the viewer with the same program; a miss after the last hint says so', async ({ page }) => {
	const seed = seedWithTypedFirst();
	const q0 = questionsOf(addMul, 'leaf-gradients', seed)[0];
	if (q0.kind === 'factors') throw new Error('unreachable');
	await page.goto(`./practice?example=add-mul&ask=leaf-gradients&problem=as-is&seed=${seed}`);
	const wrong = fmt(q0.expected + 1.5);
	for (;;) {
		await page.getByTestId('answer').fill(wrong);
		await page.getByTestId('answer').press('Enter');
		if ((await page.getByTestId('hint-button').textContent())?.includes('No more hints')) break;
	}
	await page.getByTestId('answer').fill(wrong);
	await page.getByTestId('answer').press('Enter');
	await expect(page.getByTestId('feedback')).toContainText('Every hint is shown');
	await page.getByRole('link', { name: /viewer/ }).click();
	await expect(page.getByTestId('step-counter')).toHaveText(/^1 \//);
	await expect(page.getByTestId('program')).toHaveValue(addMul);
});

test('every backward step on add-mul asks ∂f/∂x and accepts −4; the local derivative answered for it is named', async ({ page }) => {
	// f = (x + y) z, x = -2, y = 5, z = -4: ∂f/∂x = ∂f/∂q · ∂q/∂x = z · 1 = -4 by hand; ∂q/∂x = 1.
	await page.goto('./practice?example=add-mul&ask=all-backward&problem=as-is&seed=7');
	const question = page.getByTestId('question');
	const asked: string[] = [];
	for (let i = 0; i < 4; i++) {
		const words = (await question.locator('.words').textContent()) ?? '';
		asked.push(words);
		await expect(question).toHaveAttribute('data-kind', 'gradient');
		if (words.includes('∂f/∂x')) {
			await page.getByTestId('answer').fill('1');
			await page.getByTestId('answer').press('Enter');
			await expect(page.getByTestId('mixup')).toHaveText('That is ∂q/∂x; this question asks ∂f/∂x.');
			await expect(page.getByTestId('hint').first()).toContainText('local derivative');
			await page.getByTestId('answer').fill('−4');
		} else {
			const m = /∂f\/∂(\w+)/.exec(words)!;
			// By hand: ∂f/∂z = q = 3, ∂f/∂q = z = -4, ∂f/∂y = -4.
			await page.getByTestId('answer').fill(String({ z: 3, q: -4, y: -4 }[m[1] as 'z' | 'q' | 'y']));
		}
		await page.getByTestId('answer').press('Enter');
		await expect(page.getByTestId('feedback')).toHaveAttribute('data-kind', 'right');
		await page.getByTestId('next-question').click();
	}
	expect(asked.some((w) => w.startsWith('Backward: what is ∂f/∂x?'))).toBe(true);
	const done = page.getByTestId('done');
	await expect(done).toBeVisible();
	// No empty verdict line between the heading and the words (it took 1.6 em and two gaps).
	await expect(done.getByTestId('feedback')).toHaveCount(0);
	const gap = await done.evaluate((el) => {
		const h = el.querySelector('h2')!.getBoundingClientRect();
		const p = el.querySelector('p')!.getBoundingClientRect();
		return p.top - h.bottom;
	});
	expect(gap).toBeLessThan(16);
});

test('the setting picks the question: local derivatives on add-mul, and −4 typed for ∂q/∂x is named ∂f/∂x', async ({ page }) => {
	await page.goto('./practice?example=add-mul&ask=leaf-gradients&question=local&problem=as-is&seed=7');
	const question = page.getByTestId('question');
	await expect(question).toHaveAttribute('data-kind', 'local');
	// Leaves z, y, x in backward order; ∂f/∂z is its own local derivative (q = 3), so no mix-up is possible there.
	let words = (await question.locator('.words').textContent()) ?? '';
	while (/change with z/.test(words)) {
		await page.getByTestId('answer').fill('3');
		await page.getByTestId('answer').press('Enter');
		await page.getByTestId('next-question').click();
		words = (await question.locator('.words').textContent()) ?? '';
	}
	const v = /q change with (x|y)/.exec(words)![1];
	await page.getByTestId('answer').fill('-4');
	await page.getByTestId('answer').press('Enter');
	await expect(page.getByTestId('mixup')).toHaveText(`That is ∂f/∂${v}; this question asks ∂q/∂${v}.`);
	await expect(page.getByTestId('question-kind')).toHaveValue('local');
	// The slide's own numbers stay: problem=as-is with a seed.
	await expect(page.getByTestId('program').locator('.line').first()).toHaveText('x = -2');
});
