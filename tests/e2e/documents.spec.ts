import { expect, test } from '@playwright/test';
import type { Locator } from '@playwright/test';
import {
  makeCorruptPdf,
  makeDocx,
  makeEpub,
  makeHtml,
  makePdf,
  makeZipBomb,
  PDF_PAGES,
} from '../fixtures/documents';
import { startButton, waitForSteps } from './helpers';

// Document files as data (src/data/extract): read in the data worker, each listed with what it
// gave or why it was refused, then curated and trained on.
const PAGE_URL = '/?backend=wasm';

function stat(scope: Locator, name: string): Locator {
  return scope.locator(`dt:text-is("${name}") + dd`);
}

test.use({ viewport: { width: 1280, height: 720 } });

test('a PDF, a Word file, a web page and an EPUB are read at once beside a damaged PDF and a zip bomb; training starts on the four', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto(PAGE_URL);
  const data = page.getByRole('region', { name: 'Data', exact: true });
  await expect(data.getByText(/Up to \d+ MB a file, \d+ MB in all/)).toBeVisible();
  // A longer PDF than the unit tests' (eight pages, each line its own), so there is text enough
  // to train on and the repeated-lines filter keeps it.
  const weeks = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];
  const pages = weeks.map((week) => PDF_PAGES.flat().map((line) => `In the ${week} week: ${line}`));
  await data.getByLabel('Upload files').setInputFiles([
    { name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await makePdf(pages)) },
    {
      name: 'trip.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from(makeDocx()),
    },
    { name: 'frogs.html', mimeType: 'text/html', buffer: Buffer.from(makeHtml()) },
    { name: 'pond.epub', mimeType: 'application/epub+zip', buffer: Buffer.from(makeEpub()) },
    { name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from(makeCorruptPdf()) },
    { name: 'bomb.zip', mimeType: 'application/zip', buffer: Buffer.from(makeZipBomb()) },
  ]);
  await expect(data.getByRole('radio', { name: /Your own data/ })).toBeChecked({ timeout: 60_000 });

  const files = data.getByRole('table', { name: 'Files read' });
  const row = (name: string): Locator => files.getByRole('row', { name: new RegExp(`^${name}`) });
  await expect(files.getByRole('row')).toHaveCount(7);
  await expect(row('notes.pdf')).toContainText('1 (pdf, 8 pages)');
  await expect(row('trip.docx')).toContainText('1 (docx)');
  await expect(row('frogs.html')).toContainText('1 (html)');
  await expect(row('pond.epub')).toContainText('2 (epub, 2 chapters)');
  await expect(row('broken.pdf')).toContainText(/Refused: .*not a readable PDF/);
  await expect(row('bomb.zip')).toContainText(/Refused: .*MB/);
  await expect(data.getByRole('alert')).toContainText('broken.pdf cannot be used');
  await expect(data.getByRole('alert')).toContainText('bomb.zip cannot be used');
  await expect(stat(data, 'Documents')).toHaveText('5');
  await page.screenshot({ path: 'test-results/documents-1280x720.png' });
  await files.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/documents-files-1280x720.png' });

  await page.getByTestId('step-curate').click();
  const curation = page.getByRole('region', { name: 'Curation' });
  await expect(curation.getByRole('checkbox', { name: /running headers/i })).toBeChecked();
  // Curation keeps the five documents and cleans them.
  await expect(stat(curation, 'Documents')).toHaveText('5 → 5');
  await page.screenshot({ path: 'test-results/documents-curate-1280x720.png', fullPage: true });

  await page.getByTestId('step-train').click();
  await expect(page.getByTestId('train-data')).toContainText('4 files');
  await startButton(page).click();
  await waitForSteps(page, 2, 90_000);
  await expect(page.getByTestId('run-bar')).toHaveAttribute('data-status', 'training');
});
