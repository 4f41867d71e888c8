/**
 * Checkpoints and adaptation, end to end on the WASM backend: save a trained model, find it
 * after a reload and resume it, export and import it (and refuse a corrupt file), then compare
 * fine-tuning that base with training from scratch on a small task that shares its structure.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { numberAttribute, openPlayground } from './helpers';
import { goToStep, saveCheckpoint, trainBriefly } from './helpers';

/** Task lines in the Pattern corpus's own words and structure ("the cat sat on the mat."). */
const TASK_TEXT = Array.from({ length: 20 }, (_, i) => {
  const animal = i % 2 === 0 ? 'cat' : 'dog';
  const other = i % 4 < 2 ? 'dog' : 'cat';
  const place = i % 8 < 4 ? 'log' : 'mat';
  return `the ${animal} sat on the ${place}. the ${other} sat on the ${place === 'log' ? 'mat' : 'log'}.`;
}).join('\n');

test('a checkpoint survives a reload, resumes, exports, imports; a corrupt file is refused', async ({
  page,
}, testInfo) => {
  await openPlayground(page, 'wasm');
  const panel = page.getByRole('region', { name: 'Checkpoints' });
  await goToStep(page, 'adapt');
  await expect(panel.getByRole('button', { name: 'Save checkpoint' })).toBeDisabled();
  await goToStep(page, 'train');

  await trainBriefly(page, 20);
  await saveCheckpoint(page, 'e2e base');
  const row = panel.getByRole('listitem', { name: 'e2e base' });
  await expect(row).toHaveCount(1);
  const savedStep = Number(await row.getByTestId('checkpoint-step').textContent());
  expect(savedStep).toBeGreaterThanOrEqual(20);

  await page.reload();
  await openPlayground(page, 'wasm');
  await goToStep(page, 'adapt');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('checkpoint-step')).toHaveText(String(savedStep));
  await row.getByRole('button', { name: 'Resume e2e base' }).click();
  await expect(panel.getByTestId('resumed-step')).toHaveText(String(savedStep));
  // Training continues from the saved step.
  await panel.getByRole('button', { name: 'Continue training' }).click();
  await expect
    .poll(async () => Number(await panel.getByTestId('resumed-step').textContent()), {
      timeout: 60_000,
    })
    .toBeGreaterThan(savedStep);
  await panel.getByRole('button', { name: 'Pause' }).click();

  // Export to a file, then import the same file: the list holds it twice.
  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: 'Export e2e base' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('e2e base.ptpg');
  const path = testInfo.outputPath('e2e-base.ptpg');
  await download.saveAs(path);
  const bytes = await readFile(path);
  expect(bytes.subarray(0, 8).toString('latin1')).toBe('PTPGCKPT');

  const fileInput = panel.getByLabel('Import checkpoint');
  await fileInput.setInputFiles(path);
  await expect(panel.getByTestId('checkpoint-message')).toContainText('Imported “e2e base”');
  await expect(row).toHaveCount(2);

  // A foreign file and a truncated one are refused with the worker's reason; the list is intact.
  await fileInput.setInputFiles({
    name: 'notes.ptpg',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('These are my notes, not a model.'),
  });
  await expect(panel.getByRole('alert')).toContainText('not a Pre-training Playground checkpoint');
  await fileInput.setInputFiles({
    name: 'truncated.ptpg',
    mimeType: 'application/octet-stream',
    buffer: bytes.subarray(0, Math.floor(bytes.length / 2)),
  });
  await expect(panel.getByRole('alert')).toContainText(/truncated|damaged/);
  await expect(row).toHaveCount(2);

  // Rename inline, then delete one copy after confirming.
  await row.first().getByRole('button', { name: 'Rename e2e base' }).click();
  await panel.getByRole('textbox', { name: 'New name for e2e base' }).fill('renamed base');
  await panel.getByRole('button', { name: 'Save name' }).click();
  await expect(panel.getByRole('listitem', { name: 'renamed base' })).toHaveCount(1);
  await panel.getByRole('button', { name: 'Delete renamed base' }).click();
  await panel.getByRole('button', { name: 'Delete for good' }).click();
  await expect(panel.getByRole('listitem', { name: 'renamed base' })).toHaveCount(0);
  await expect(row).toHaveCount(1);

  await page.setViewportSize({ width: 1280, height: 800 });
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: testInfo.outputPath('checkpoints-panel.png') });
});

test('fine-tuning a pre-trained base beats training from scratch on a related task', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openPlayground(page, 'wasm');
  const adapt = page.getByRole('region', { name: 'Adapt' });
  await goToStep(page, 'adapt');
  await expect(adapt.getByTestId('adapt-no-checkpoints')).toContainText(
    'Save a checkpoint of a pre-trained model first',
  );
  await goToStep(page, 'train');

  await trainBriefly(page, 150);
  await saveCheckpoint(page, 'pattern base');

  await expect(adapt.getByRole('combobox', { name: 'Base checkpoint' })).toContainText(
    'pattern base',
  );
  await adapt.getByRole('radio', { name: 'Paste examples' }).check();
  await adapt.getByRole('textbox', { name: 'Task examples, one per line' }).fill(TASK_TEXT);
  await expect(adapt.getByTestId('task-size')).toContainText('20 examples: 18 to train on');
  await adapt.getByRole('spinbutton', { name: 'Step budget' }).fill('30');
  await adapt.getByRole('spinbutton', { name: 'Evaluate every (steps)' }).fill('5');
  await adapt.getByRole('checkbox', { name: '1%', exact: true }).uncheck();
  await adapt.getByRole('checkbox', { name: '10%', exact: true }).uncheck();

  await adapt.getByRole('button', { name: 'Compare with training from scratch' }).click();
  await expect(adapt.getByTestId('comparison-progress')).toBeVisible();
  const row = adapt.getByTestId('comparison-table').locator('tr[data-fraction="1"]');
  await expect(row).toHaveAttribute('data-scratch-loss', /\d/, { timeout: 120_000 });
  await expect(adapt.getByTestId('forgetting-table')).toBeVisible({ timeout: 30_000 });

  const chart = adapt.getByTestId('comparison-chart');
  await expect(chart).toHaveAttribute('data-curves', '2');
  await expect(chart.getByRole('listitem')).toHaveCount(2);
  await expect(chart.getByText('Fine-tuned, 100% of task data')).toBeVisible();
  await expect(chart.getByText('From scratch, 100% of task data')).toBeVisible();
  await expect(chart.locator('path.recharts-line-curve')).toHaveCount(2);
  const tuned = await numberAttribute(row, 'data-finetune-loss');
  const scratch = await numberAttribute(row, 'data-scratch-loss');
  expect(tuned).toBeLessThan(scratch);
  await adapt.screenshot({ path: testInfo.outputPath('adapt-comparison.png') });

  // Fine-tune for real: the run trains and both models answer the held-out prompts.
  await adapt.getByRole('button', { name: 'Fine-tune' }).click();
  await expect(adapt.getByTestId('finetune-status')).toBeVisible();
  // Every character of the task is in the base's vocabulary: no [UNK] warning.
  await expect(adapt.getByTestId('unknown-characters')).toHaveCount(0);
  await expect
    .poll(async () => Number(await adapt.getByTestId('finetune-step').textContent()), {
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(30);
  const sideBySide = adapt.getByTestId('side-by-side');
  await expect(sideBySide.getByRole('columnheader', { name: 'Base model' })).toBeVisible();
  await expect(sideBySide.getByRole('row')).toHaveCount(3);
  await adapt.screenshot({ path: testInfo.outputPath('adapt-finetune.png') });
});
