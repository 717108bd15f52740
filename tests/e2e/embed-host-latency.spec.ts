import { expect, test } from '@playwright/test';
import { hostPage } from '../../bench/graph-speed';
import { EXAMPLES } from '../../src/lib/examples/examples';
import { takeLongest, watchLongTasks } from './latency-helpers';

// Issue 16: an embed on someone else's course page. A timing test, so it runs in the one-at-a-time
// latency project (playwright.config.ts): beside another test, the host's longest task doubled.
// The element mounts in a task of its own and adds its measured copies of the tallest steps one
// a task: all in the script's task, the 55-node example was one 650–790 ms task on an idle machine.
// 450 was too close to a slow CI machine (461 and 489 ms in one run, 187–262 in others); the
// old element measured 678 ms on an idle machine, so 600 still fails it.
const HOST_TASK_MS = 600;

test('an embed starting on a course page never holds the host for long', async ({ page }) => {
	await watchLongTasks(page);
	const program = EXAMPLES.find((e) => e.id === 'mlp-softmax')!.program;
	await page.route('**/task-host.html', (r) => r.fulfill({ contentType: 'text/html', body: hostPage(program) }));
	await page.goto('./task-host.html');
	const el = page.locator('chainstep-trace');
	await expect(el.locator('[data-testid="graph"] .node').first()).toBeVisible({ timeout: 30_000 });
	await expect(el.getByTestId('step-counter')).toHaveText(/^1 \/ \d+$/);
	await page.waitForTimeout(300);
	const longest = await takeLongest(page);
	console.log(`[embed-host-latency] mlp-softmax embed: the host page's longest task ${longest} ms`);
	expect(longest).toBeLessThan(HOST_TASK_MS);
});
