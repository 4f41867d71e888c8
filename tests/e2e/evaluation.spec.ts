/**
 * The evaluation panel, end to end: a tiny model trained briefly on the built-in Pattern corpus
 * beats chance on the benchmarks, its benchmark curves are drawn (with items on hover), its
 * checkpoint samples are listed, and a sentence copied from the corpus lights up as memorised.
 */
import { expect, test } from '@playwright/test';
import { numberAttribute, openPlayground, runStatus, setNumber, startButton } from './helpers';
import { chooseOnModel, goToStep, usePatternCorpus } from './helpers';

/** A line of the Pattern corpus, copied verbatim. */
const CORPUS_SENTENCE = 'the cat sat on the mat. the dog sat on the log.';

test('after a short run on Pattern, benchmarks beat chance, curves render, a copied sentence is marked memorised', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openPlayground(page, 'wasm');
  await usePatternCorpus(page);
  await chooseOnModel(page, 'Tiny');
  await setNumber(page, 'Steps', 300);
  await setNumber(page, 'Evaluate every', 50);
  await startButton(page).click();
  await expect(runStatus(page)).toHaveAttribute('data-status', 'done', { timeout: 240_000 });

  await goToStep(page, 'evaluate');
  const panel = page.locator('section[aria-label="Evaluation"]');

  // Validation: the latest evaluation of the run, at its last step.
  const validation = panel.getByTestId('validation-row');
  await expect(validation).toHaveCount(1);
  await expect(validation).toContainText('300');
  await expect(validation).toContainText('next-token accuracy');

  // Benchmarks: every score is above chance, and said to be.
  const rows = panel.getByTestId('benchmark-row');
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(1);
  for (const row of await rows.all()) {
    const accuracy = await numberAttribute(row, 'data-accuracy');
    const chance = await numberAttribute(row, 'data-chance');
    expect(chance).toBeGreaterThan(0);
    expect(accuracy).toBeGreaterThan(chance);
    await expect(row).toHaveAttribute('data-verdict', 'above');
    await expect(row).toContainText('Above chance');
  }

  // Curves: one chart per benchmark, each with a line of 7 evaluations (steps 0, 50, …, 300)
  // and the dashed chance line.
  const charts = panel.getByTestId('benchmark-chart');
  await expect(charts).toHaveCount(await rows.count());
  for (const chart of await charts.all()) {
    await expect(chart).toHaveAttribute('data-points', '7');
    await expect(chart.locator('.recharts-line path.recharts-curve')).toHaveCount(1);
    await expect(chart.locator('.recharts-line-dots circle')).toHaveCount(7);
    await expect(chart.locator('.recharts-reference-line')).toHaveCount(1);
  }
  await expect(panel.getByTestId('token-accuracy-chart').locator('.recharts-line')).toHaveCount(2);

  // Hovering the last point shows items with the model's answer and the right one.
  const firstChart = charts.first();
  const dots = firstChart.locator('.recharts-line-dots circle');
  // hover() scrolls the chart clear of the sticky run bar; the mouse then crosses the plot at
  // mid-height (a point at 100% sits on the plot's top edge, outside it) to three quarters of
  // the way from the second-last point to the last: the last point's column.
  await firstChart.hover();
  const chartBox = await firstChart.boundingBox();
  const last = await dots.last().boundingBox();
  const previous = await dots.nth(-2).boundingBox();
  expect(last).not.toBeNull();
  expect(previous).not.toBeNull();
  if (last !== null && previous !== null && chartBox !== null) {
    const x = previous.x + 0.75 * (last.x - previous.x) + last.width / 2;
    await page.mouse.move(x, chartBox.y + chartBox.height / 2, { steps: 8 });
  }
  const tooltip = page.getByTestId('benchmark-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('Step 300');
  await expect(tooltip.locator('.bench-item').first()).toBeVisible();
  await expect(tooltip.getByText('right', { exact: true }).first()).toBeVisible();

  // Checkpoint samples: the same prompt at several steps, in step order.
  const samples = panel.getByTestId('checkpoint-sample');
  await expect.poll(() => samples.count()).toBeGreaterThanOrEqual(2);
  const steps = await samples.evaluateAll((items) =>
    items.map((item) => Number(item.getAttribute('data-step'))),
  );
  expect(steps).toEqual([...steps].sort((a, b) => a - b));

  // A sentence copied from the corpus is found verbatim in the training data.
  await panel.getByRole('textbox', { name: 'Text to check' }).fill(CORPUS_SENTENCE);
  await panel.getByRole('button', { name: 'Check', exact: true }).click();
  const result = panel.getByTestId('memorisation-result');
  await expect(result).toBeVisible();
  await expect(result.locator('mark').first()).toBeVisible();
  expect(await numberAttribute(result, 'data-fraction')).toBeGreaterThan(0);
  await expect(result).toContainText('memorised');
});
