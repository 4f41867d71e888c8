/**
 * The Scale step on WASM: a 4 × 2 sweep of tiny sizes trains as a queue, the log-log chart shows
 * every run with the fitted law, the check run's prediction is drawn beside its measurement;
 * Cancel keeps the finished runs; the mixture experiment plots five shares × two losses; the
 * sweep survives a reload.
 */
import { expect, test, type Page } from '@playwright/test';
import { goToStep, openPlayground } from './helpers';

test.describe.configure({ mode: 'serial' });

/** Chooses exactly these widths and budgets on the Scale step. */
async function chooseSweep(page: Page, widths: number[], budgets: string): Promise<void> {
  for (const width of [16, 24, 32, 48, 64, 96, 128, 192]) {
    await page.getByTestId(`scale-size-${width}`).setChecked(widths.includes(width));
  }
  await page.getByTestId('scale-budgets').fill(budgets);
}

test('a 4 × 2 sweep runs, is fitted and checked, and survives a reload', async ({ page }) => {
  test.setTimeout(300_000);
  await openPlayground(page, 'wasm');
  await goToStep(page, 'scale');
  await chooseSweep(page, [16, 24, 32, 48], '4k, 12k');
  const run = page.getByTestId('scale-run-sweep');
  await expect(run).toHaveText('Run 8 runs');
  await run.click();
  await expect(page.getByTestId('scale-progress')).toBeVisible();
  await expect(page.getByTestId('scale-progress')).toBeHidden({ timeout: 240_000 });
  const rows = page.getByTestId('scale-runs').locator('tbody tr');
  await expect(rows).toHaveCount(8);

  // The log-log chart: 8 run curves, final points, frontier, fit.
  const chart = page.getByTestId('scale-chart-compute');
  await expect(chart).toHaveAttribute('data-series', /^(1[1-9]|[2-9]\d)$/);
  await expect(chart.locator('.recharts-line')).not.toHaveCount(0);
  const fit = page.getByTestId('scale-fit');
  await expect(fit).toContainText('L(C) =');
  const alpha = Number(await fit.getAttribute('data-alpha'));
  expect(alpha).toBeGreaterThan(0);

  // Predict, then check: the prediction and the measurement are both drawn.
  await page.getByTestId('scale-check-run').click();
  const result = page.getByTestId('scale-check-result');
  await expect(result).toHaveAttribute('data-measured', /\d/, { timeout: 240_000 });
  const predicted = Number(await result.getAttribute('data-predicted'));
  const measured = Number(await result.getAttribute('data-measured'));
  expect(Number.isFinite(predicted) && predicted > 0).toBe(true);
  expect(Number.isFinite(measured) && measured > 0).toBe(true);
  await expect(chart.locator('.recharts-scatter')).toHaveCount(3); // final points, predicted, measured
  await page.screenshot({ path: test.info().outputPath('scale-step-1280x720.png') });

  // Kept across a reload.
  await page.reload();
  await goToStep(page, 'scale');
  await expect(page.getByTestId('scale-runs').locator('tbody tr')).toHaveCount(9);
  await expect(page.getByTestId('scale-check-result')).toBeVisible();
});

test('Cancel keeps the runs that finished', async ({ page }) => {
  test.setTimeout(240_000);
  await openPlayground(page, 'wasm');
  await goToStep(page, 'scale');
  await chooseSweep(page, [16, 24, 32, 48], '2k, 2M');
  await page.getByTestId('scale-run-sweep').click();
  const rows = page.getByTestId('scale-runs').locator('tbody tr');
  // The cheap runs come first (the 2k-token ones finish within a second); cancel once two
  // have finished, while the 2M-token runs wait.
  await expect.poll(() => rows.count(), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  await page.getByTestId('scale-cancel').click();
  await expect(page.getByTestId('scale-progress')).toBeHidden({ timeout: 60_000 });
  await expect(page.getByTestId('scale-message')).toContainText('Cancelled');
  const kept = await rows.count();
  expect(kept).toBeGreaterThanOrEqual(2);
  expect(kept).toBeLessThan(8);
});

test('the mixture experiment plots five shares and two losses', async ({ page }) => {
  test.setTimeout(300_000);
  await openPlayground(page, 'wasm');
  await goToStep(page, 'scale');
  await page.getByTestId('scale-mixture-a').selectOption('moby-dick');
  await page.getByTestId('scale-mixture-b').selectOption('sotu');
  await page.getByTestId('scale-mixture-run').click();
  const table = page.getByTestId('scale-mixture-table');
  await expect(table.locator('tbody tr')).toHaveCount(5, { timeout: 280_000 });
  await expect(page.getByTestId('scale-progress')).toBeHidden({ timeout: 60_000 });
  const chart = page.getByTestId('scale-chart-mixture');
  await expect(chart).toHaveAttribute('data-series', '2');
  await expect(chart.locator('.recharts-line-dots circle')).toHaveCount(10);
  // Training on more of A lowers the loss on A and raises it on B.
  const cells = async (row: number) =>
    (await table.locator('tbody tr').nth(row).locator('td').allTextContents()).map(Number);
  const [, lossAAtNone = NaN, lossBAtNone = NaN] = await cells(0);
  const [, lossAAtAll = NaN, lossBAtAll = NaN] = await cells(4);
  expect(lossAAtAll).toBeLessThan(lossAAtNone);
  expect(lossBAtAll).toBeGreaterThan(lossBAtNone);
});
