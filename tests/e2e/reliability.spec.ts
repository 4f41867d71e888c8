/**
 * Nothing lost on reload or crash: a training run autosaves (every 2 s here, `?autosave=2`), a
 * reload offers "Resume run 1 from step S" and continues the curve without a gap, with the same
 * losses as a run that never stopped; a crashed worker restarts from the last autosave; two tabs
 * saving checkpoints at once both find both, and both load.
 */
import type { Locator, Page, Worker } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  chooseOnModel,
  goToStep,
  numberAttribute,
  runStatus,
  saveCheckpoint,
  startButton,
  stepCount,
  usePatternCorpus,
  waitForSteps,
} from './helpers';

async function open(page: Page): Promise<void> {
  await page.goto('/?backend=wasm&step=train&autosave=2');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('train-vocab')).toBeVisible({ timeout: 60_000 });
}

async function trainer(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().some((w) => w.url().includes('trainer'))).toBe(true);
  const worker = page.workers().find((w) => w.url().includes('trainer'));
  if (worker === undefined) throw new Error('no training worker');
  return worker;
}

/** Records every step's loss the training worker posts, by run (test code in the worker). */
async function recordLosses(page: Page): Promise<Worker> {
  const worker = await trainer(page);
  await worker.evaluate(() => {
    type Recorder = typeof globalThis & { losses?: Record<string, Record<number, number>> };
    const scope = self as Recorder;
    if (scope.losses !== undefined) return;
    const losses: Record<string, Record<number, number>> = {};
    scope.losses = losses;
    const post = self.postMessage.bind(self);
    self.postMessage = ((message: unknown, options?: StructuredSerializeOptions) => {
      const event = message as {
        type?: string;
        runId?: string;
        steps?: { step: number; loss: number }[];
      };
      if (event.type === 'metrics' && event.runId !== undefined) {
        const run = (losses[event.runId] ??= {});
        for (const s of event.steps ?? []) run[s.step] = s.loss;
      }
      post(message, options);
    }) as typeof self.postMessage;
  });
  return worker;
}

/** Opens the page, starts a Tiny run and waits for an autosave at `step` or later. */
async function trainTinyUntilAutosaved(page: Page, step: number): Promise<Locator> {
  await open(page);
  await chooseOnModel(page, 'Tiny');
  await startButton(page).click();
  const status = page.getByTestId('autosave-status');
  await expect
    .poll(() => numberAttribute(status, 'data-step'), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(step);
  return status;
}

async function pause(page: Page): Promise<void> {
  await page
    .getByTestId('run-controls')
    .getByRole('button', { name: 'Pause', exact: true })
    .click();
  await expect(runStatus(page)).toContainText(/paused/i);
}

test('a run autosaves, survives a reload, resumes without a gap, and matches a run that never stopped', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const status = await trainTinyUntilAutosaved(page, 30);
  const seen = await numberAttribute(status, 'data-step');

  await page.reload();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  const offer = page.getByTestId('resume-offer').first();
  await expect(offer).toContainText('Run 1');
  const from = await numberAttribute(offer, 'data-step');
  expect(from).toBeGreaterThanOrEqual(seen);
  await page.screenshot({ path: testInfo.outputPath('resume-offer.png') });
  const worker = await recordLosses(page);
  await offer.getByRole('button', { name: `Resume run 1 from step ${from}` }).click();
  await expect(page.getByTestId('resume-offers')).toBeHidden();
  await expect(runStatus(page)).toContainText(/training/i);
  await waitForSteps(page, from + 25);
  await pause(page);

  // The curve joins the old one: one point for every step from 1 to now, under the same name.
  const legend = page.getByTestId('run-legend-item');
  await expect(legend).toHaveCount(1);
  await expect(legend.first()).toContainText('Run 1');
  const resumedTo = await stepCount(page);
  // The last points arrive with the next repaint after the pause.
  await expect.poll(() => numberAttribute(legend.first(), 'data-points')).toBe(resumedTo);

  // A run that never stopped: Reset trains the same settings, data and seed from a fresh model.
  await page.getByTestId('run-controls').getByRole('button', { name: 'Reset' }).click();
  await expect(legend).toHaveCount(2);
  await startButton(page).click();
  await waitForSteps(page, from + 20);
  await pause(page);
  const losses = await worker.evaluate(
    () => (globalThis as { losses?: Record<string, Record<number, number>> }).losses ?? {},
  );
  const [resumedId, freshId] = await legend.evaluateAll((items) =>
    items.map((item) => item.getAttribute('data-run-id') ?? ''),
  );
  const resumed = losses[resumedId ?? ''] ?? {};
  const fresh = losses[freshId ?? ''] ?? {};
  for (let step = from + 1; step <= from + 20; step++) {
    expect(resumed[step], `resumed step ${step}`).toBeDefined();
    expect(Math.abs((resumed[step] ?? NaN) - (fresh[step] ?? NaN)), `step ${step}`).toBeLessThan(
      1e-5,
    );
  }
});

test('a crashed worker restarts from the last autosave, and the run goes on', async ({ page }) => {
  test.setTimeout(180_000);
  await trainTinyUntilAutosaved(page, 20);
  const swatch = page.getByTestId('run-legend-item').first().locator('.legend-swatch');
  const colour = await swatch.evaluate((element) => getComputedStyle(element).backgroundColor);
  const worker = await trainer(page);
  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated kernel error');
    });
  });
  const banner = page.getByTestId('fatal-error');
  await expect(banner).toContainText('crashed');
  await expect(banner).toContainText('Curves already plotted are kept');
  const restart = banner.getByRole('button', { name: /Restart from the autosave at step \d+/ });
  const saved = Number(
    (await restart.textContent())?.match(/step ([\d,]+)/)?.[1]?.replace(/,/g, ''),
  );
  expect(saved).toBeGreaterThanOrEqual(20);
  await restart.click();
  await expect(banner).toBeHidden();
  const legend = page.getByTestId('run-legend-item');
  await expect(legend).toHaveCount(1);
  await expect(legend.first()).toContainText('Run 1');
  // The continued run keeps the crashed one's colour, and the page says what it is doing.
  expect(await swatch.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
    colour,
  );
  await expect(page.getByTestId('run-message')).toContainText(
    `Run 1 continues from its autosave at step ${saved}`,
  );
  await expect(runStatus(page)).toContainText(/training/i, { timeout: 60_000 });
  await waitForSteps(page, saved + 10);
  await pause(page);
  const reached = await stepCount(page);
  await expect.poll(() => numberAttribute(legend.first(), 'data-points')).toBe(reached);
});

test('two tabs saving checkpoints at once: both are listed in both tabs, and both load', async ({
  context,
}) => {
  test.setTimeout(240_000);
  const tabs = [await context.newPage(), await context.newPage()];
  for (const tab of tabs) {
    await open(tab);
    await usePatternCorpus(tab);
    await startButton(tab).click();
    await waitForSteps(tab, 10);
    await pause(tab);
    await goToStep(tab, 'adapt');
  }
  const names = ['from tab A', 'from tab B'];
  await Promise.all(tabs.map((tab, i) => saveCheckpoint(tab, names[i] ?? '')));
  for (const tab of tabs) {
    const panel = tab.getByRole('region', { name: 'Checkpoints' });
    for (const name of names) {
      await expect(panel.getByRole('listitem', { name })).toHaveCount(1);
    }
  }
  const [first, second] = tabs;
  if (first === undefined || second === undefined) throw new Error('no tab');
  const panel = first.getByRole('region', { name: 'Checkpoints' });
  // A save in one tab appears in the other's list without anything done there.
  await saveCheckpoint(second, 'only in tab B');
  await expect(panel.getByRole('listitem', { name: 'only in tab B' })).toHaveCount(1);
  await expect(panel.getByTestId('storage-use')).toContainText('Browser storage:');
  for (const name of names) {
    const row = panel.getByRole('listitem', { name });
    const step = Number(await row.getByTestId('checkpoint-step').textContent());
    await row.getByRole('button', { name: `Resume ${name}` }).click();
    await expect(panel.getByTestId('resumed-step')).toHaveText(String(step));
  }
});
