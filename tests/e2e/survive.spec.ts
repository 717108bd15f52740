import { expect, test, type Page } from '@playwright/test';
import { compressText } from '../../src/lib/core/share/compress';
import { watchErrors } from './viewer-helpers';

// Issue 11, the page's side: nothing lost, nothing that takes the page down.

/** A name of a letter and 1,000 `hat`s typesets as \hat{\hat{…}} 1,000 deep: KaTeX overflows its stack. */
const HATS = `x${'hat'.repeat(1000)}`;
const HAT_PROGRAM = `${HATS} = 2\nf = ${HATS} * 3\n`;
/** In group mode a 1,000-operand division chain is one 1,000-deep fraction. */
const DIVISION_PROGRAM = `a = 2\nf = ${Array(1000).fill('a').join(' / ')}\n`;

const DEEP: readonly [string, string, string][] = [
	['a name of 1,000 hats', HAT_PROGRAM, ''],
	['a 1,000-operand division chain in one-named-value mode', DIVISION_PROGRAM, '&g=group']
];

for (const [what, program, extra] of DEEP) {
	test.describe(`KaTeX overflowing on ${what}`, () => {
		test('the viewer shows the step with its LaTeX as text, and the graph', async ({ page }) => {
			const errors = watchErrors(page);
			await page.goto(`./?p=${await compressText(program)}&step=1${extra}`);
			await expect(page.getByTestId('step-counter')).toHaveText(/^1 \/ \d+/);
			await expect(page.getByRole('heading', { name: 'No step' })).toHaveCount(0);
			await expect(page.getByTestId('step-math').getByTestId('tex-source').first()).toContainText('could not be typeset');
			// The source shows as text, never as markup.
			await expect(page.getByTestId('step-math').getByTestId('tex-source').first().locator('code')).toContainText(program === HAT_PROGRAM ? '\\hat{\\hat{' : '\\frac');
			await expect(page.getByRole('region', { name: 'Computation graph' })).toBeVisible();
			// The rest of the page still works: step on.
			await page.getByRole('button', { name: 'Next step' }).click();
			await expect(page.getByTestId('step-counter')).toHaveText(/^2 \//);
			expect(errors.filter((e) => /call stack/i.test(e))).toEqual([]);
		});

		test('embed.html shows the step', async ({ page }) => {
			const errors = watchErrors(page);
			await page.goto(`./embed.html?p=${await compressText(program)}&step=1${extra}`);
			await expect(page.getByTestId('step-counter')).toHaveText(/^1 \/ \d+/);
			await expect(page.getByTestId('tex-source').first()).toContainText('could not be typeset');
			expect(errors.filter((e) => /call stack/i.test(e))).toEqual([]);
		});

		test('present.html shows the slide, not "Loading…"', async ({ page }) => {
			const errors = watchErrors(page);
			await page.goto(`./present.html?p=${await compressText(program)}&step=1${extra}`);
			await expect(page.getByTestId('step-counter')).toHaveText(/^1 \/ \d+/);
			await expect(page.getByText('Loading…')).toHaveCount(0);
			await expect(page.getByTestId('tex-source').first()).toContainText('could not be typeset');
			expect(errors.filter((e) => /call stack/i.test(e))).toEqual([]);
		});
	});
}

const box = (page: Page) => page.getByTestId('program');
const EDIT = 'x = 3\ny = 4\nf = x * y + x\n';

test.describe('edits are never lost', () => {
	test('an edit right before a reload comes back', async ({ page }) => {
		await page.goto('./?example=add-mul');
		await expect(box(page)).toHaveValue(/q = x \+ y/);
		await box(page).fill(EDIT);
		await page.reload();
		await expect(box(page)).toHaveValue(EDIT);
	});

	test('an edit right before Back comes back on Forward', async ({ page }) => {
		await page.goto('./?example=add-mul');
		// The example is loaded by the page's script: a choice made before it runs is not the app's.
		await expect(box(page)).toHaveValue(/q = x \+ y/);
		await page.getByLabel('Load an example program').selectOption('fan-out');
		await expect(page).toHaveURL(/example=fan-out/);
		// A pause, so the edit is an entry of its own after the example's.
		await page.waitForTimeout(600);
		await box(page).fill(EDIT);
		// Well inside the old 400 ms write delay, but after the link's compression (a few ms).
		await page.waitForTimeout(100);
		await page.goBack();
		await expect(box(page)).toHaveValue(/e = c \* d/);
		await page.goForward();
		await expect(box(page)).toHaveValue(EDIT);
	});

	test('an edit right before an example switch keeps its own history entry', async ({ page }) => {
		await page.goto('./?example=add-mul');
		await expect(box(page)).toHaveValue(/q = x \+ y/);
		await box(page).fill(EDIT);
		await page.getByLabel('Load an example program').selectOption('fan-out');
		await expect(box(page)).toHaveValue(/e = c \* d/);
		await page.goBack();
		await expect(box(page)).toHaveValue(EDIT);
	});

	test('an edit right before a click on Present is what Present shows, and Back returns to it', async ({ page }) => {
		await page.goto('./?example=add-mul');
		await expect(box(page)).toHaveValue(/q = x \+ y/);
		await box(page).fill(EDIT);
		await page.getByRole('link', { name: 'Present' }).click();
		await expect(page.getByTestId('step-counter')).toHaveText(/^1 \/ \d+/);
		// The slide is of the edited program, not add-mul.
		await expect(page).toHaveURL(/present\.html\?p=/);
		await page.goBack();
		await expect(box(page)).toHaveValue(EDIT);
	});

	test('an edit right before a click on Practice comes back', async ({ page }) => {
		await page.goto('./?example=add-mul');
		await expect(box(page)).toHaveValue(/q = x \+ y/);
		await box(page).fill(EDIT);
		await page.getByRole('link', { name: 'Practice' }).click();
		await expect(page).toHaveURL(/mode=practice/);
		await page.goBack();
		await expect(page).not.toHaveURL(/mode=practice/);
		await expect(box(page)).toHaveValue(EDIT);
	});

	test('a program too long for a link is kept in this browser, and says so', async ({ page }) => {
		// Pseudo-random numbers do not compress: this link would be ~25 KB, past what servers accept.
		let seed = 11;
		const xs = Array.from({ length: 3000 }, () => ((seed = (seed * 48271) % 2147483647) / 2147483647).toFixed(6));
		const big = `x = [${xs.join(', ')}]\nf = sum(x)\n`;
		await page.goto('./?example=add-mul');
		await expect(box(page)).toHaveValue(/q = x \+ y/);
		await box(page).fill(big);
		await expect(page.getByTestId('notice')).toHaveText('This program is too long for a link; it is kept in this browser.');
		await expect(page).toHaveURL(/[?&]kept=1/);
		expect(page.url().length).toBeLessThan(8000);
		expect(page.url()).not.toMatch(/[?&]p=/);
		await page.reload();
		await expect(box(page)).toHaveValue(big);
		await expect(page.getByTestId('notice')).toContainText('kept in this browser');
		// Present opens it too.
		await page.getByRole('link', { name: 'Present' }).click();
		await expect(page.getByTestId('step-counter')).toHaveText(/^\d+ \/ \d+/);
	});

	test('text typed while a link is still decoding is not overwritten', async ({ page }) => {
		// Decoding made slow on purpose: each chunk waits 1.5 s, as a huge link does on a slow machine.
		await page.addInitScript(() => {
			const Real = window.DecompressionStream;
			class Slow {
				readable: ReadableStream<Uint8Array>;
				writable: WritableStream<BufferSource>;
				constructor(format: CompressionFormat) {
					const real = new Real(format);
					this.writable = real.writable;
					const delay = new TransformStream<Uint8Array, Uint8Array>({
						transform: (chunk, c) => new Promise((r) => setTimeout(() => r(c.enqueue(chunk)), 1500))
					});
					this.readable = real.readable.pipeThrough(delay);
				}
			}
			Object.defineProperty(window, 'DecompressionStream', { value: Slow });
		});
		await page.goto(`./?p=${await compressText('a = 1\nf = a * 2\n')}`);
		// Typed once the page is live (hydrated), while the link is still decoding.
		await page.waitForTimeout(400);
		await expect(box(page)).toHaveValue('');
		await box(page).fill(EDIT);
		await page.waitForTimeout(2500);
		await expect(box(page)).toHaveValue(EDIT);
	});
});

test.describe('a link whose program cannot be read', () => {
	const junk: [string, () => Promise<string>][] = [
		['bad base64', async () => '%3Cscript%3E'],
		['truncated', async () => (await compressText(EDIT.repeat(30))).slice(0, 40)],
		['random bytes', async () => 'q8Jf0aZ9xY3mB7kLpW2eR5tU1vN4cH6gQ2'],
		['too large', async () => compressText('a'.repeat(4_000_010))]
	];
	for (const [what, make] of junk) {
		test(`${what}: says so, keeps the address, leaves the editor usable`, async ({ page }) => {
			const url = `./?p=${await make()}&step=2`;
			await page.goto(url);
			await expect(page.getByTestId('notice')).toHaveText("The link's program could not be read.");
			const address = page.url();
			await page.waitForTimeout(700);
			expect(page.url()).toBe(address);
			expect(page.url()).not.toContain('example=add-mul');
			await expect(box(page)).not.toHaveValue(/q = x \+ y/);
			await box(page).fill(EDIT);
			await expect(page.getByTestId('step-counter')).toHaveText(/^\d+ \/ \d+/);
			await expect(page).toHaveURL(/[?&]p=[A-Za-z0-9_-]+/);
		});
	}

	test('the practice page says so, keeps the address until another problem is chosen', async ({ page }) => {
		await page.goto('./practice?p=%21%21%21&seed=7');
		await expect(page.getByTestId('notice')).toContainText("The link's program could not be read.");
		await expect(page.getByTestId('notice')).toContainText('the address bar keeps the link');
		await page.waitForTimeout(700);
		expect(page.url()).toContain('p=%21%21%21');
		await page.getByRole('button', { name: 'New numbers' }).first().click();
		await expect(page.getByTestId('notice')).toHaveCount(0);
		await expect.poll(() => page.url()).not.toContain('p=%21%21%21');
	});

	test('present.html says so too', async ({ page }) => {
		await page.goto('./present.html?p=%21%21%21');
		await expect(page.getByTestId('notice')).toHaveText("The link's program could not be read.");
		await page.waitForTimeout(300);
		expect(page.url()).toContain('p=%21%21%21');
	});
});

test('with site data blocked the viewer still opens the link, steps and writes the URL', async ({ page }) => {
	await page.addInitScript(() => {
		for (const name of ['localStorage', 'sessionStorage'])
			Object.defineProperty(window, name, {
				configurable: true,
				get() {
					throw new DOMException('The operation is insecure.', 'SecurityError');
				}
			});
	});
	const errors = watchErrors(page);
	await page.goto('./?example=fan-out&step=2');
	await expect(box(page)).toHaveValue(/e = c \* d/);
	await expect(page.getByTestId('step-counter')).toHaveText(/^2 \/ \d+/);
	await page.getByRole('button', { name: /Theme/ }).click();
	await box(page).fill(EDIT);
	await expect(page).toHaveURL(/[?&]p=/);
	await page.goto('./?mode=practice');
	await expect(page.getByTestId('check')).toBeVisible();
	expect(errors.filter((e) => /insecure|SecurityError/i.test(e))).toEqual([]);
});

// The editor is in the prerendered page: on a slow connection a student types before the
// page's script has run, and hydration (then the link's example) must not replace that text.
test('text typed before the page’s script runs is kept, run and written to the link', async ({ page }) => {
	let release = () => {};
	const held = new Promise<void>((r) => (release = r));
	await page.route('**/_app/immutable/**', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('./?example=add-mul', { waitUntil: 'commit' });
	const typed = 'a = 3\nf = a * a\n';
	await page.getByTestId('program').fill(typed);
	release();
	await expect(page.getByTestId('step-counter')).toHaveText(/^\d+ \/ \d+$/);
	await expect(page.getByTestId('error')).toHaveCount(0);
	await expect(page.getByTestId('program')).toHaveValue(typed);
	await expect.poll(() => new URL(page.url()).searchParams.get('example')).toBeNull();
	await expect.poll(() => new URL(page.url()).searchParams.get('p')).not.toBeNull();
});
