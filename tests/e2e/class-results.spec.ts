/**
 * A class's results: three short runs exported from the Train step's legend, dropped into
 * Class results with a malformed file: three curves, three rows, the bad file refused in
 * words; the best run's set-up opens on the page. Thirty files open at once (the time is an
 * annotation, not an assertion).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openPlayground, setNumber, startButton } from './helpers';

test.use({ viewport: { width: 1280, height: 720 } });

/** Opens the Class results view (listed under the steps, unnumbered). */
async function openClassResults(page: Page): Promise<void> {
  await page.getByTestId('step-class').click();
  await expect(page.getByTestId('step-class')).toHaveAttribute('aria-current', 'page');
}

/** Trains a run to its last step, then exports it; returns the run file's text. */
async function trainAndExport(page: Page, index: number): Promise<string> {
  await startButton(page).click();
  await expect(page.getByTestId('run-bar')).toHaveAttribute('data-status', 'done', {
    timeout: 90_000,
  });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: `Export Run ${index} as a run file` }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.json$/);
  return readFile(await file.path(), 'utf8');
}

test('Class results: three exported runs dropped in → three curves and three table rows; a malformed run file is refused in words and the others stay', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await openPlayground(page, 'wasm');
  await setNumber(page, 'Warm-up steps', 5);
  await setNumber(page, 'Steps', 40);
  await setNumber(page, 'Evaluate every', 10);
  const files: string[] = [];
  for (const [index, rate] of [0.003, 0.0003, 0.01].entries()) {
    await setNumber(page, 'Learning rate', rate);
    files.push(await trainAndExport(page, index + 1));
  }

  // The Export buttons, as a learner sees them in the Train step's legend.
  await page
    .getByTestId('loss-chart')
    .screenshot({ path: join(testInfo.project.outputDir, 'class-export-legend.png') });

  await openClassResults(page);
  const input = page.getByTestId('class-file-input');
  await input.setInputFiles([
    ...files.map((text, i) => ({
      name: `learner-${i + 1}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    })),
    { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"nope"') },
  ]);
  await expect(page.getByTestId('class-row')).toHaveCount(3);
  await expect(page.getByTestId('class-chart')).toHaveAttribute('data-runs', '3');
  await expect(page.getByTestId('class-chart').locator('path.recharts-line-curve')).toHaveCount(3);
  await expect(page.getByTestId('class-refused')).toContainText(
    'broken.json is truncated: it ends before its last field',
  );
  await expect(page.getByTestId('class-reference')).toContainText('the first run opened');
  // What a projector shows (1280×720), and the whole view below it.
  await page.screenshot({ path: join(testInfo.project.outputDir, 'class-results-1280x720.png') });
  await page.screenshot({
    path: join(testInfo.project.outputDir, 'class-results-full.png'),
    fullPage: true,
  });

  // Sorting: the header says how, and the rows follow it.
  const losses = async (): Promise<number[]> =>
    (await page
      .getByTestId('class-row')
      .evaluateAll((rows) =>
        rows.map((row) => Number(row.getAttribute('data-final-val-loss'))),
      )) as number[];
  const ascending = await losses();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  const header = page.getByRole('columnheader', { name: /Final val loss/ });
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  expect(await losses()).toEqual([...ascending].reverse());

  // The best run's set-up, one click away: the page opens its settings on Model.
  const parsed = files.map(
    (text) =>
      JSON.parse(text) as {
        final: { valLoss: number };
        config: { training: { learningRate: number } };
      },
  );
  const best = parsed.find((file) => file.final.valLoss === ascending[0]);
  expect(best).toBeDefined();
  await page.getByTestId('class-open-best').click();
  await expect(page.getByTestId('step-model')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('setup-notices')).toContainText(
    `Opened the set-up of learner-${parsed.indexOf(best as (typeof parsed)[number]) + 1}`,
  );
  await page.getByText('Advanced settings').click();
  await expect(page.getByRole('spinbutton', { name: 'Learning rate', exact: true })).toHaveValue(
    String(best?.config.training.learningRate),
  );

  // Thirty files at once (a class): the view says how long the opening took.
  await openClassResults(page);
  await page.getByRole('button', { name: 'Close all runs' }).click();
  const thirty = Array.from({ length: 30 }, (_, i) => {
    const file = JSON.parse(files[i % 3] ?? '{}') as Record<string, unknown>;
    file.exportedAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    // Changed here on purpose: without its checksum the file is read, every value checked.
    delete file.checksum;
    return {
      name: `student-${i + 1}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    };
  });
  // Timed in the page: from the input's change event to the thirtieth row in the table.
  await input.evaluate((element) => {
    const clock = { start: 0, end: 0 };
    Object.assign(window, { classOpenClock: clock });
    element.addEventListener('change', () => (clock.start = performance.now()), {
      capture: true,
      once: true,
    });
    const observer = new MutationObserver(() => {
      if (document.querySelectorAll('[data-testid="class-row"]').length >= 30) {
        clock.end = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  await input.setInputFiles(thirty);
  await expect(page.getByTestId('class-row')).toHaveCount(30);
  await expect(page.getByTestId('class-refused')).toHaveCount(0);
  const shownMs = await page.evaluate(() => {
    const { classOpenClock } = window as unknown as {
      classOpenClock: { start: number; end: number };
    };
    return Math.round(classOpenClock.end - classOpenClock.start);
  });
  const readMs = await page.getByTestId('class-open-time').getAttribute('data-ms');
  const description = `${shownMs} ms from choosing the files to 30 rows shown (${readMs} ms reading and checking them)`;
  testInfo.annotations.push({ type: '30 run files opened', description });
  console.log(`30 run files opened: ${description}`);
});
