import { expect, test } from '@playwright/test';
import {
  PATTERN_TEXT,
  numberAttribute,
  openPlayground,
  runStatus,
  setNumber,
  startButton,
  stepCount,
  useOwnText,
  waitForSteps,
} from './helpers';
import { chooseOnModel, goToStep, openAdvanced } from './helpers';

test.describe('the playground', () => {
  test('trains a tiny model on WebGPU (SwiftShader): the loss falls and predictions appear', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await openPlayground(page, 'webgpu');
    const badge = page.getByTestId('backend-badge');
    await expect(badge).toContainText('WebGPU');
    await expect(badge).toContainText(/swiftshader/i);

    await chooseOnModel(page, 'Tiny');
    await setNumber(page, 'Context length', 16);
    await setNumber(page, 'Batch size', 4);
    await startButton(page).click();
    await expect(runStatus(page)).toHaveAttribute('data-status', 'training', { timeout: 60_000 });

    const run = page.getByTestId('run-legend-item');
    await expect(run).toHaveCount(1);
    await expect
      .poll(
        async () => {
          const first = await numberAttribute(run, 'data-first-loss');
          const last = await numberAttribute(run, 'data-last-smoothed-loss');
          return last / first;
        },
        { timeout: 240_000, message: 'the smoothed training loss falls by 20%' },
      )
      .toBeLessThan(0.8);

    const top = page.getByTestId('next-token-item');
    await expect(top).toHaveCount(10, { timeout: 60_000 });
    await expect(top.first()).toContainText('%');
    const probabilities = await top.evaluateAll((items) =>
      items.map((item) => Number(item.getAttribute('data-probability'))),
    );
    for (const p of probabilities) expect(p).toBeGreaterThan(0);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.0001);
    await expect(page.getByTestId('attention-heatmap')).toBeVisible();
  });

  test('learns a regular text on WASM: the next letter, then a [MASK], come out right', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await openPlayground(page, 'wasm');
    await useOwnText(page, PATTERN_TEXT);
    await chooseOnModel(page, 'Tiny');
    await setNumber(page, 'Context length', 16);
    await setNumber(page, 'Steps', 300);

    // Causal: after "…abcdefghab" comes "c".
    await startButton(page).click();
    await expect(runStatus(page)).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
    await expect(page.getByTestId('step-count')).toHaveText('300');
    const prompt = page.getByRole('textbox', { name: 'Prompt' });
    await prompt.fill('abcdefghabcdefghab');
    await expect(page.getByTestId('next-token-item').first()).toHaveAttribute('data-token', 'c');

    // Masked: a new run on the same text fills "abcdefghab[MASK]defgh" with "c".
    await chooseOnModel(page, /Masked/);
    await setNumber(page, 'Steps', 400);
    await startButton(page).click();
    await expect(page.getByTestId('run-legend-item')).toHaveCount(2);
    await expect(runStatus(page)).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
    await page.getByRole('textbox', { name: 'Sentence' }).fill('abcdefghab[MASK]defgh');
    const mask = page.getByTestId('fill-in-mask');
    await expect(mask).toHaveCount(1);
    await expect(mask.getByTestId('fill-in-candidate').first()).toHaveAttribute('data-token', 'c');
  });

  test('Pause stops the step counter, Resume continues it, Step takes exactly one step', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await openPlayground(page, 'wasm');
    await chooseOnModel(page, 'Tiny');
    await startButton(page).click();
    await waitForSteps(page, 5);

    const pause = page.getByRole('button', { name: 'Pause' });
    await pause.click();
    await expect(runStatus(page)).toHaveAttribute('data-status', 'paused');
    await expect(page.getByRole('button', { name: 'Resume' })).toBeEnabled();
    // Metrics of the last burst may land just after the pause; then nothing moves.
    let paused = await stepCount(page);
    await expect
      .poll(async () => {
        const before = paused;
        paused = await stepCount(page);
        return paused === before;
      })
      .toBe(true);
    await page.waitForTimeout(1500);
    expect(await stepCount(page)).toBe(paused);

    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(runStatus(page)).toHaveAttribute('data-status', 'training');
    await waitForSteps(page, paused + 3);

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(runStatus(page)).toHaveAttribute('data-status', 'paused');
    let before = await stepCount(page);
    await expect
      .poll(async () => {
        const previous = before;
        before = await stepCount(page);
        return before === previous;
      })
      .toBe(true);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(page.getByTestId('step-count')).toHaveText(String(before + 1));
    await page.waitForTimeout(1000);
    expect(await stepCount(page)).toBe(before + 1);
    await expect(runStatus(page)).not.toHaveAttribute('data-status', 'training');
  });

  test('Reset starts a fresh model as a new run; the old curve stays', async ({ page }) => {
    test.setTimeout(180_000);
    await openPlayground(page, 'wasm');
    await chooseOnModel(page, 'Tiny');
    await startButton(page).click();
    await waitForSteps(page, 20);
    const runs = page.getByTestId('run-legend-item');
    await expect(runs).toHaveCount(1);

    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(runs).toHaveCount(2);
    await expect(runStatus(page)).toHaveAttribute('data-status', 'ready');
    await expect(page.getByTestId('step-count')).toHaveText('0');
    expect(await numberAttribute(runs.nth(0), 'data-points')).toBeGreaterThanOrEqual(20);
    await expect(runs.nth(0)).toHaveAttribute('data-status', 'stopped');

    // Start trains the fresh model (no third run), from a loss as high as the first run's start.
    await startButton(page).click();
    await waitForSteps(page, 5);
    await expect(runs).toHaveCount(2);
    const fresh = await numberAttribute(runs.nth(1), 'data-first-loss');
    const trained = await numberAttribute(runs.nth(0), 'data-last-loss');
    expect(fresh).toBeGreaterThan(trained);
  });

  test('switching the objective keeps the first curve and adds a second', async ({ page }) => {
    test.setTimeout(180_000);
    await openPlayground(page, 'wasm');
    await chooseOnModel(page, 'Tiny');
    await startButton(page).click();
    const runs = page.getByTestId('run-legend-item');
    await expect(runs).toHaveCount(1);
    await expect.poll(() => numberAttribute(runs.first(), 'data-points')).toBeGreaterThan(10);

    await chooseOnModel(page, /Masked/);
    await startButton(page).click();
    await expect(runs).toHaveCount(2);
    const first = runs.nth(0);
    const second = runs.nth(1);
    await expect(first).toHaveAttribute('data-objective', 'causal');
    await expect(second).toHaveAttribute('data-objective', 'masked');
    const firstPoints = await numberAttribute(first, 'data-points');
    await expect.poll(() => numberAttribute(second, 'data-points')).toBeGreaterThan(10);
    // The first run's curve is still there, unchanged, and still drawn.
    expect(await numberAttribute(first, 'data-points')).toBe(firstPoints);
    expect(firstPoints).toBeGreaterThan(10);
    await expect(first.getByRole('checkbox')).toBeChecked();
    await expect(second.getByRole('checkbox')).toBeChecked();
    const chart = page.getByTestId('loss-chart');
    await expect(chart).toHaveAttribute('data-visible-runs', '2');
    const curves = chart.locator('path.recharts-curve');
    await expect.poll(() => curves.count()).toBeGreaterThanOrEqual(3);

    // Each run can be hidden and shown again.
    await first.getByRole('checkbox').uncheck();
    await expect(first).toHaveClass(/is-hidden/);
    await expect(chart).toHaveAttribute('data-visible-runs', '1');
    await first.getByRole('checkbox').check();
    await expect(chart).toHaveAttribute('data-visible-runs', '2');
  });

  test('an invalid config and empty or curated-away text are explained and do not start', async ({
    page,
  }) => {
    await openPlayground(page, 'wasm');
    await chooseOnModel(page, 'Tiny');
    await expect(startButton(page)).toBeEnabled();

    await goToStep(page, 'model');
    await openAdvanced(page);
    const heads = page.getByRole('spinbutton', { name: 'Heads', exact: true });
    await heads.fill('3');
    await expect(heads).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').filter({ hasText: /must divide nEmbd/ })).toBeVisible();
    await goToStep(page, 'train');
    await expect(startButton(page)).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();
    await expect(page.getByLabel('Why Start is disabled')).toContainText(/must divide nEmbd/);
    await setNumber(page, 'Heads', 2);
    await expect(startButton(page)).toBeEnabled();

    // Empty text is refused on the Data step; a text curation removes entirely cannot start.
    await goToStep(page, 'data');
    await page.getByRole('button', { name: 'Use pasted text' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /it is empty/ })).toBeVisible();
    await page.getByRole('textbox', { name: 'Paste text' }).fill('hello world');
    await page.getByRole('button', { name: 'Use pasted text' }).click();
    await expect(page.getByRole('radio', { name: /Your own data/ })).toBeChecked();
    await goToStep(page, 'train');
    await expect(page.getByLabel('Why Start is disabled')).toContainText(
      /Curation removed every document/,
    );
    await expect(startButton(page)).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();

    await expect(page.getByTestId('step-count')).toHaveText('0');
    await expect(page.getByTestId('run-legend-item')).toHaveCount(0);
    await expect(runStatus(page)).toHaveAttribute('data-status', 'none');
  });

  test('the backend can be switched; the next Start trains on the new one', async ({ page }) => {
    test.setTimeout(120_000);
    await openPlayground(page, 'wasm');
    await page.getByRole('combobox', { name: 'Backend' }).selectOption('cpu');
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'cpu', {
      timeout: 60_000,
    });
    await expect(page.getByTestId('backend-badge')).toContainText('CPU');
    await chooseOnModel(page, 'Tiny');
    await setNumber(page, 'Context length', 8);
    await setNumber(page, 'Batch size', 2);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(page.getByTestId('step-count')).toHaveText('1', { timeout: 60_000 });
  });

  test('a crashed worker is reported, restarts without a reload, and keeps the curves', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await openPlayground(page, 'wasm');
    await chooseOnModel(page, 'Tiny');
    await startButton(page).click();
    await waitForSteps(page, 10);
    const runs = page.getByTestId('run-legend-item');
    const points = await numberAttribute(runs.first(), 'data-points');

    // An uncaught error inside the training worker: the page gets the worker's error event.
    const trainer = page.workers().find((w) => w.url().includes('trainer'));
    expect(trainer, 'the training worker is running').toBeDefined();
    await trainer?.evaluate(() => {
      setTimeout(() => {
        throw new Error('simulated crash');
      });
    });
    const banner = page.getByTestId('fatal-error');
    await expect(banner).toContainText('crashed');
    await expect(startButton(page)).toBeDisabled();
    await expect(runs.first()).toHaveAttribute('data-status', 'stopped');

    await banner.getByRole('button', { name: 'Restart worker' }).click();
    await expect(banner).toBeHidden();
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
    // The first curve is kept, and stopped growing when the worker crashed.
    const kept = await numberAttribute(runs.first(), 'data-points');
    expect(kept).toBeGreaterThanOrEqual(points);
    await startButton(page).click();
    await expect(runs).toHaveCount(2);
    await expect.poll(() => numberAttribute(runs.nth(1), 'data-points')).toBeGreaterThan(0);
    expect(await numberAttribute(runs.first(), 'data-points')).toBe(kept);
  });

  test('screenshots while training at 1280×800 and 1920×1080', async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await openPlayground(page, 'wasm');
    await chooseOnModel(page, 'Tiny');
    await startButton(page).click();
    await waitForSteps(page, 150);
    await chooseOnModel(page, /Masked/);
    await startButton(page).click();
    await expect(page.getByTestId('run-legend-item')).toHaveCount(2);
    await expect.poll(() => stepCount(page)).toBeGreaterThan(100);
    await expect(page.getByTestId('fill-in-mask').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/playground-1280x800.png' });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'test-results/playground-1920x1080.png' });
    await page.getByRole('button', { name: 'Large text' }).click();
    await expect(page.getByRole('button', { name: 'Large text' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'test-results/playground-1920x1080-large-text.png' });
    await page.screenshot({ path: 'test-results/playground-full-page.png', fullPage: true });
  });
});
