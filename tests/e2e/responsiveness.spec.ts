import { expect, test } from '@playwright/test';
import { openPlayground, startButton, stepCount } from './helpers';

// Training runs in a worker, so the page must stay usable while it trains. How long the page's
// main-thread tasks last is a timing, measured by `npm run bench` (longTaskCount, longestTaskMs),
// not asserted here; this test reports them as an annotation. Playwright's trace snapshots the
// DOM on the main thread at every action, so this file records no trace.
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

test('the page stays usable while training: predictions show, controls answer, Pause stops', async ({
  page,
}) => {
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
  // While the worker trains, the page answers input: a chart option toggles, and Pause stops.
  const logScale = page.getByRole('checkbox', { name: 'Log scale' });
  await logScale.check();
  await expect(logScale).toBeChecked();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
  // The last burst's numbers may land just after the status; then the counter holds still.
  await expect
    .poll(async () => {
      const before = await stepCount(page);
      await page.waitForTimeout(500);
      return (await stepCount(page)) === before;
    })
    .toBe(true);
});
