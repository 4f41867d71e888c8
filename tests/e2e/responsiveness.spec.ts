import { expect, test } from '@playwright/test';
import { openPlayground, startButton, stepCount } from './helpers';

// Playwright's trace snapshots the DOM on the page's main thread at every action; that would
// be measured as a long task of the page's own. So this file records no trace.
test.use({ trace: 'off', screenshot: 'off' });

interface LongTask {
  startTime: number;
  duration: number;
}

declare global {
  interface Window {
    /** Long tasks seen by the PerformanceObserver installed before the page loads. */
    longTasks?: LongTask[];
  }
}

test('the main thread has no long task over 100 ms while training', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    const tasks: LongTask[] = [];
    window.longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        tasks.push({ startTime: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  });
  await openPlayground(page, 'wasm');
  await page.getByRole('radio', { name: 'Small', exact: true }).check();
  const startedAt = await page.evaluate(() => performance.now());
  await startButton(page).click();
  // Train for a while (with live predictions and chart updates) without touching the page.
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="step-count"]')?.textContent) >= 10,
    undefined,
    { polling: 500, timeout: 120_000 },
  );
  await page.waitForTimeout(10_000);
  const tasks = await page.evaluate(() => window.longTasks ?? []);

  expect(await stepCount(page)).toBeGreaterThan(10);
  await expect(page.getByTestId('next-token-item')).toHaveCount(10);
  const duringTraining = tasks.filter((t) => t.startTime >= startedAt);
  test.info().annotations.push({
    type: 'long tasks while training (ms)',
    description: JSON.stringify(duringTraining.map((t) => Math.round(t.duration))),
  });
  expect(duringTraining.filter((t) => t.duration > 100)).toEqual([]);
});
