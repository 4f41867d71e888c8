import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

// The pipeline's first steps (src/ui/steps/DataSteps.tsx): the regions "Data", "Curation" and
// "Tokenization", each on its own step of the rail; then Train, which trains on what they made.
const PAGE_URL = '/?backend=wasm';

const WORDS = (
  'the of and to in a is that for it as was with be by on not he this are or his from at ' +
  'whale ship sea captain water boat crew storm island harbour wind sail rope deck night ' +
  'morning voyage ocean wave fish harpoon oil mast anchor shore coast light dark cold warm ' +
  'house city street market garden river mountain forest village road bridge tower school ' +
  'letter book story voice music song dance paint colour stone iron glass bread wine salt'
).split(' ');

/** A seeded pseudo-English paragraph of `count` words. */
function paragraph(seed: number, count: number): string {
  let state = seed * 2654435761 + 1;
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    words.push(WORDS[state % WORDS.length] ?? 'the');
  }
  return `${words.join(' ')}.`;
}

/**
 * Fifteen mails as JSONL: eleven distinct ones, one kept original (#1) with two exact copies
 * (#2, #3), an HTML copy (#4, an exact copy once the markup is stripped) and a near copy
 * (#5, two words changed).
 */
function mailsWithDuplicates(): string {
  const original = paragraph(1, 90);
  const words = original.split(' ');
  words[10] = 'lighthouse';
  words[60] = 'telescope';
  const documents = [
    original,
    original,
    original,
    `<html><body><p>${original}</p></body></html>`,
    words.join(' '),
    ...Array.from({ length: 10 }, (_, i) => paragraph(100 + i, 70 + i)),
  ];
  return documents.map((text) => JSON.stringify({ text })).join('\n');
}

/** The value shown for a statistic, e.g. "Documents", inside `scope`. */
function stat(scope: Locator, name: string): Locator {
  return scope.locator(`dt:text-is("${name}") + dd`);
}

/** Opens a step of the pipeline from the rail. */
async function go(page: Page, step: string): Promise<void> {
  await page.getByTestId(`step-${step}`).click();
  await expect(page.getByTestId(`step-${step}`)).toHaveAttribute('aria-current', 'step');
}

async function openStage(page: Page) {
  await page.goto(PAGE_URL);
  const data = page.getByRole('region', { name: 'Data', exact: true });
  await expect(data).toBeVisible();
  return {
    stage: page.getByRole('main'),
    data,
    curation: page.getByRole('region', { name: 'Curation' }),
    tokenization: page.getByRole('region', { name: 'Tokenization' }),
  };
}

test('curation of an upload with duplicates and HTML, then BPE tokenization', async ({ page }) => {
  const { stage, data, curation, tokenization } = await openStage(page);
  await expect(data.getByRole('radio', { name: /Spam Assassin mail/ })).toBeVisible();

  await data.getByLabel('Upload files').setInputFiles({
    name: 'mails.jsonl',
    mimeType: 'application/jsonl',
    buffer: Buffer.from(mailsWithDuplicates()),
  });
  await expect(data.getByRole('radio', { name: /Your own data/ })).toBeChecked();
  await expect(stat(data, 'Documents')).toHaveText('15');
  await expect(data.getByLabel('Sample document')).toContainText('the');

  await go(page, 'curate');
  // Default curation: the HTML is stripped, 3 exact copies and 1 near copy removed.
  await expect(stat(curation, 'Documents')).toHaveText('15 → 11');
  const markup = curation.getByRole('checkbox', { name: 'HTML markup' });
  await expect(markup).toBeChecked();
  await curation.getByText('Example of HTML markup').click();
  await expect(curation.locator('.data-before', { hasText: '<p>' })).toBeVisible();

  // Deduplication off: every document stays.
  const exact = curation.getByRole('checkbox', { name: 'Exact duplicates' });
  const near = curation.getByRole('checkbox', { name: 'Near duplicates' });
  await exact.uncheck();
  await near.uncheck();
  await expect(stat(curation, 'Documents')).toHaveText('15 → 15');
  await expect(stat(curation, 'Exact duplicates')).toHaveText('0');
  await expect(curation.getByText('No duplicate clusters found.')).toBeVisible();

  // Exact deduplication on: the two copies and the HTML copy go, with examples.
  await exact.check();
  await expect(stat(curation, 'Documents')).toHaveText('15 → 12');
  await expect(stat(curation, 'Exact duplicates')).toHaveText('3');
  await expect(curation.getByText('removed 3 docs')).toBeVisible();
  await curation.getByText('3 examples of Exact duplicates').click();
  await expect(curation.getByText('duplicates #1')).toHaveCount(3);

  // Near deduplication on: the copy with two words changed goes too; its cluster is listed.
  await near.check();
  await expect(stat(curation, 'Documents')).toHaveText('15 → 11');
  await expect(stat(curation, 'Near duplicates')).toHaveText('1');
  await curation.getByText('Duplicate clusters found: 2').click();
  await curation.getByText(/Near\s+2 documents, #1 kept/).click();
  await expect(curation.getByText(/similarity 0\.\d\d/)).toBeVisible();
  await expect(curation.getByText(/Train \/ validation split by document/)).toBeVisible();

  await go(page, 'tokenize');
  // Characters first, then BPE: fewer, longer tokens and a vocabulary of bytes plus merges.
  const tokens = tokenization.getByLabel('Tokens').locator('.data-token');
  await expect(tokenization.getByRole('radio', { name: 'Characters' })).toBeChecked();
  await expect(stat(tokenization, 'Characters per token')).toHaveText('1.00');
  const charVocab = await stat(tokenization, 'Vocabulary size').textContent();
  const charTokens = await tokens.count();
  expect(charTokens).toBeGreaterThan(500);

  await tokenization.getByRole('radio', { name: 'BPE' }).check();
  await expect(tokenization.getByRole('heading', { name: 'First merges learned' })).toBeVisible();
  await expect(stat(tokenization, 'Vocabulary size')).not.toHaveText(charVocab ?? '');
  await expect(tokens.first()).toHaveAttribute('title', /^id \d+$/);
  expect(await tokens.count()).toBeLessThan(charTokens * 0.6);
  const charsPerToken = Number(await stat(tokenization, 'Characters per token').textContent());
  expect(charsPerToken).toBeGreaterThan(1.5);

  await tokenization.getByRole('spinbutton', { name: 'BPE vocabulary size' }).fill('300');
  await expect(stat(tokenization, 'Vocabulary size')).toHaveText('303');
  await expect(stage.getByText(/failed/)).toHaveCount(0);
});

test('bad uploads say why and keep the data already loaded', async ({ page }) => {
  const { data, curation } = await openStage(page);
  await data.getByRole('radio', { name: /^Moby-Dick \d/ }).check();
  await expect(stat(data, 'Documents')).toHaveText('2,790');
  const upload = data.getByLabel('Upload files');
  const alert = data.getByRole('alert');

  await upload.setInputFiles({
    name: 'empty.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(''),
  });
  await expect(alert).toContainText('empty.txt cannot be used: it is empty.');

  const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
  await upload.setInputFiles({ name: 'picture.txt', mimeType: 'text/plain', buffer: binary });
  await expect(alert).toContainText('picture.txt cannot be used');
  await expect(alert).toContainText('binary file');

  await upload.setInputFiles({
    name: 'broken.jsonl',
    mimeType: 'application/jsonl',
    buffer: Buffer.from('{"text": "fine"}\n{"text": oops}\n'),
  });
  await expect(alert).toContainText('line 2 is not valid JSON');

  await data.getByRole('button', { name: 'Use pasted text' }).click();
  await expect(alert).toContainText('Pasted text cannot be used: it is empty.');

  // Nothing was lost: Moby-Dick is still chosen, loaded and curated.
  await expect(data.getByRole('radio', { name: /^Moby-Dick \d/ })).toBeChecked();
  await expect(stat(data, 'Documents')).toHaveText('2,790');
  await data.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
  await go(page, 'curate');
  await expect(stat(curation, 'Documents')).toHaveText(/^2,790 → /);
});

test.describe('one pipeline at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('trains on exactly the chosen, curated, BPE-tokenized text; the live view fits', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const { data, curation, tokenization } = await openStage(page);
    await data.getByRole('radio', { name: /^Moby-Dick \d/ }).check();
    await expect(stat(data, 'Documents')).toHaveText('2,790');
    await go(page, 'curate');
    const before = await stat(curation, 'Documents').textContent();
    await curation.getByRole('checkbox', { name: 'Minimum length' }).uncheck();
    await expect(stat(curation, 'Documents')).not.toHaveText(before ?? '');
    await go(page, 'tokenize');
    await tokenization.getByRole('radio', { name: 'BPE' }).check();
    await tokenization.getByRole('spinbutton', { name: 'BPE vocabulary size' }).fill('300');
    await expect(stat(tokenization, 'Vocabulary size')).toHaveText('303');
    const trainTokens = (await stat(tokenization, 'Training tokens').textContent()) ?? '';

    await go(page, 'train');
    await expect(page.getByTestId('train-vocab')).toHaveText('303');
    await expect(page.getByTestId('train-tokens')).toHaveText(trainTokens);
    expect(Number(trainTokens.replace(/,/g, ''))).toBeGreaterThan(10_000);
    await page
      .getByTestId('run-controls')
      .getByRole('button', { name: 'Start', exact: true })
      .click();
    await expect
      .poll(async () => Number(await page.getByTestId('step-count').textContent()), {
        timeout: 90_000,
      })
      .toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId('run-bar')).toHaveAttribute('data-status', 'training');
    await expect(page.getByTestId('next-token-item').first()).toBeVisible({ timeout: 30_000 });
    for (const id of ['run-bar', 'loss-chart', 'run-controls', 'live-predictions']) {
      await expect(page.getByTestId(id)).toBeInViewport({ ratio: 1 });
    }
    await page.screenshot({ path: 'test-results/train-step-1280x720.png' });

    // The run bar stays on every other step, and Pause works from there.
    // Each step's heading carries the rail's number: 1 to 8, in order, none repeated.
    const order = ['data', 'curate', 'tokenize', 'model', 'train', 'scale', 'evaluate', 'adapt'];
    for (const step of order.filter((s) => s !== 'train')) {
      await go(page, step);
      await expect(page.getByTestId('run-bar')).toBeInViewport({ ratio: 1 });
      const numbers = page.getByTestId(`step-number-${step}`);
      await expect(numbers).toHaveCount(2);
      expect(await numbers.allTextContents()).toEqual(
        Array(2).fill(String(order.indexOf(step) + 1)),
      );
    }
    await page.getByTestId('run-bar').getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByTestId('run-bar')).toHaveAttribute('data-status', 'paused');
  });

  test('a new corpus after a run is said in words, and the next Start trains on it', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const { data } = await openStage(page);
    await expect(stat(data, 'Documents')).not.toHaveText('');
    await go(page, 'train');
    const controls = page.getByTestId('run-controls');
    await controls.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(page.getByTestId('step-count')).toHaveText('1', { timeout: 60_000 });
    const firstVocab = await page.getByTestId('train-vocab').textContent();
    await expect(page.getByTestId('stale-notice')).toHaveCount(0);

    await go(page, 'data');
    await data.getByRole('radio', { name: /^Moby-Dick \d/ }).check();
    await expect(page.getByTestId('run-bar-stale')).toHaveText(
      'corpus changed: Start builds a new run',
    );
    await go(page, 'train');
    await expect(page.getByTestId('stale-notice')).toHaveText(
      'corpus changed: Start builds a new run',
    );
    await expect(page.getByTestId('train-data')).toContainText('Moby-Dick');
    await expect(page.getByTestId('train-vocab')).not.toHaveText(firstVocab ?? '');
    await controls.getByRole('button', { name: 'Step', exact: true }).click();
    const runs = page.getByTestId('run-legend-item');
    await expect(runs).toHaveCount(2, { timeout: 60_000 });
    await expect(runs.nth(1)).toContainText('Moby-Dick');
    await expect(page.getByTestId('stale-notice')).toHaveCount(0);
  });
});
