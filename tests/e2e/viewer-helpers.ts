import { expect, type Page } from '@playwright/test';

/** Console errors and uncaught exceptions of a page, to assert there were none. */
export function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	return errors;
}

/** The `k / n` counter as numbers. */
export async function counter(page: Page): Promise<{ k: number; n: number }> {
	const text = (await page.getByTestId('step-counter').textContent()) ?? '';
	const m = /(\d+)\s*\/\s*(\d+)/.exec(text);
	if (!m) throw new Error(`no counter in ${JSON.stringify(text)}`);
	return { k: Number(m[1]), n: Number(m[2]) };
}

export async function openExample(page: Page, id: string, step?: number): Promise<void> {
	await page.goto(`./?example=${id}${step ? `&step=${step}` : ''}`);
	await expect(page.getByTestId('step-math')).toBeVisible();
	await expect(page.getByTestId('step-counter')).not.toHaveText(/^0 \//);
}

/** The LaTeX source of the step panel's math (KaTeX keeps it in the MathML annotation). */
export async function stepTex(page: Page): Promise<string[]> {
	return page.getByTestId('step-math').locator('annotation').allTextContents();
}
