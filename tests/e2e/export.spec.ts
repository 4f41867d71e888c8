/**
 * Export to the field's formats and import back, in the page (WASM): a saved checkpoint and the
 * current run download as a zipped folder holding every file (safetensors, config.json,
 * tokenizers, nanoGPT data, train.py, README); importing the zip, or the unzipped folder,
 * lists the model with its shape; a folder without weights is refused in words.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
import { goToStep, openPlayground, saveCheckpoint, trainBriefly } from './helpers';

const FOLDER_FILES = [
  'model.safetensors',
  'optimizer.safetensors',
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'playground-tokenizer.json',
  'train.bin',
  'val.bin',
  'meta.json',
  'playground.json',
  'train.py',
  'README.md',
];

test('Export folder downloads a zip with every file; importing it lists the model with its shape', async ({
  page,
}, testInfo) => {
  await openPlayground(page, 'wasm');
  await trainBriefly(page, 10);
  await saveCheckpoint(page, 'e2e export');
  const panel = page.getByRole('region', { name: 'Checkpoints' });
  const row = panel.getByRole('listitem', { name: 'e2e export' });
  await expect(row.getByTestId('checkpoint-shape')).toContainText('layers');
  const shape = await row.getByTestId('checkpoint-shape').textContent();

  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: 'Export folder of e2e export' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('e2e-export.zip');
  const zipPath = testInfo.outputPath('e2e-export.zip');
  await download.saveAs(zipPath);
  const entries = unzipSync(new Uint8Array(await readFile(zipPath)));
  const names = Object.keys(entries).map((name) => name.replace(/^e2e-export\//u, ''));
  for (const file of FOLDER_FILES) expect(names, file).toContain(file);
  const config = JSON.parse(new TextDecoder().decode(entries['e2e-export/config.json']));
  expect(config).toMatchObject({ model_type: 'gpt2', activation_function: 'gelu_new' });
  await expect(panel.getByTestId('checkpoint-message')).toContainText('Exported e2e-export.zip');

  // The current run exports the same way.
  const current = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export run folder' }).click();
  expect((await current).suggestedFilename()).toMatch(/\.zip$/u);

  // Import the zip: a second model of the same name and shape.
  await panel.getByLabel('Import checkpoint').setInputFiles(zipPath);
  await expect(panel.getByTestId('checkpoint-message')).toContainText('Imported “e2e export”');
  await expect(row).toHaveCount(2);
  await expect(row.nth(0).getByTestId('checkpoint-shape')).toHaveText(shape ?? '');

  // Import the unzipped folder itself (a directory pick).
  const folder = testInfo.outputPath('unzipped');
  await mkdir(folder, { recursive: true });
  for (const [name, bytes] of Object.entries(entries)) {
    await writeFile(join(folder, name.replace(/^e2e-export\//u, '')), bytes);
  }
  await panel.getByTestId('checkpoint-folder-input').setInputFiles(folder);
  await expect(panel.getByTestId('checkpoint-message')).toContainText('Imported “e2e export”');
  await expect(row).toHaveCount(3);

  // A zip with a config but no weights is refused in words; the list is unchanged.
  const broken = zipSync({
    'm/config.json': entries['e2e-export/config.json'] ?? new Uint8Array(),
  });
  await panel.getByLabel('Import checkpoint').setInputFiles({
    name: 'broken.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(broken),
  });
  await expect(panel.getByRole('alert')).toContainText('has no model.safetensors');
  await expect(row).toHaveCount(3);

  await row.nth(0).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('checkpoints-after-import.png') });

  // The imported model resumes as a run.
  await row.nth(0).getByRole('button', { name: 'Resume e2e export' }).click();
  await expect(panel.getByTestId('resumed-step')).not.toHaveText('…');
  await goToStep(page, 'train');
});
