/**
 * Classroom mode: the whole set-up in a link (restored in a fresh browser profile, and the same
 * first loss), hidden and locked controls, the presenter view at 1280×720, the keyboard
 * shortcuts and the first-visit tour.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { goToStep, openAdvanced, openPlayground, startButton } from './helpers';

test.use({ viewport: { width: 1280, height: 720 } });

/** A fresh browser profile that has seen the tour (as the config's default storage does). */
async function freshPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 720 },
    storageState: {
      cookies: [],
      origins: [{ origin: baseURL, localStorage: [{ name: 'playground.tourSeen', value: '1' }] }],
    },
  });
  return context.newPage();
}

/** The Model step's numeric settings this test changes, and their new values. */
const NUMBERS: [label: string, value: string][] = [
  ['Learning rate', '0.002'],
  ['Batch size', '12'],
  ['Steps', '150'],
  ['Warm-up steps', '7'],
  ['Evaluate every', '30'],
  ['Seed', '4242'],
  ['Dropout', '0.05'],
];

/** The model's shape as the Model step's advanced fields show it. */
const SHAPE = ['Layers', 'Heads', 'Width', 'Context length'];

/** Checks every setting the test changed, on `page`. */
async function expectSetup(page: Page, prompt: string, shape: string[]): Promise<void> {
  await goToStep(page, 'data');
  await expect(page.getByRole('radio', { name: /State of the Union/ })).toBeChecked();
  await goToStep(page, 'curate');
  await expect(page.getByRole('checkbox', { name: 'Minimum length' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Lower-case' })).toBeChecked();
  await goToStep(page, 'tokenize');
  await expect(page.getByRole('radio', { name: 'BPE' })).toBeChecked();
  await expect(page.getByRole('spinbutton', { name: 'BPE vocabulary size' })).toHaveValue('320');
  await goToStep(page, 'model');
  await openAdvanced(page);
  for (const [i, label] of SHAPE.entries()) {
    const value = shape[i] ?? '';
    await expect(page.getByRole('spinbutton', { name: label, exact: true })).toHaveValue(value);
  }
  for (const [label, value] of NUMBERS) {
    await expect(page.getByRole('spinbutton', { name: label, exact: true })).toHaveValue(value);
  }
  await goToStep(page, 'train');
  await expect(page.getByRole('textbox', { name: 'Prompt' })).toHaveValue(prompt);
}

/** Takes one step on `page` and returns the first training loss as the page shows it. */
async function firstLoss(page: Page): Promise<string> {
  await expect(page.getByTestId('train-vocab')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('run-controls').getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('step-count')).toHaveText('1', { timeout: 60_000 });
  const loss = page.getByTestId('train-loss');
  await expect(loss).toHaveText(/^\d+\.\d+$/);
  return (await loss.textContent()) ?? '';
}

test('Copy link carries twelve settings to a fresh profile, and Step gives the same first loss', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  await openPlayground(page, 'wasm');
  const prompt = 'My fellow citizens, ';
  // Twelve settings away from a fresh page's, each through its own control.
  await goToStep(page, 'data');
  await page.getByRole('radio', { name: /State of the Union/ }).check();
  await goToStep(page, 'curate');
  await page.getByRole('checkbox', { name: 'Minimum length' }).uncheck();
  await page.getByRole('checkbox', { name: 'Lower-case' }).check();
  await goToStep(page, 'tokenize');
  await page.getByRole('radio', { name: 'BPE' }).check();
  await page.getByRole('spinbutton', { name: 'BPE vocabulary size' }).fill('320');
  await goToStep(page, 'model');
  await page.getByRole('radio', { name: 'Tiny', exact: true }).check();
  await openAdvanced(page);
  for (const [label, value] of NUMBERS) {
    await page.getByRole('spinbutton', { name: label, exact: true }).fill(value);
  }
  // Tiny's shape (the training settings above make the size "Custom", as the page says).
  const shape = await Promise.all(
    SHAPE.map((label) => page.getByRole('spinbutton', { name: label, exact: true }).inputValue()),
  );
  await goToStep(page, 'train');
  await page.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
  await expectSetup(page, prompt, shape);

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('share-menu').locator('summary').click();
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('share-status')).toContainText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(await page.getByTestId('share-link').inputValue());
  expect(link).toContain('corpus=sotu');
  test.info().annotations.push({ type: 'link length', description: `${link.length} characters` });
  await page.getByTestId('share-menu').locator('summary').click();

  const other = await freshPage(browser, baseURL ?? '');
  await other.goto(link);
  await expect(other.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  await expect(other.getByTestId('setup-notices')).toHaveCount(0);
  await expect(other.getByTestId('step-train')).toHaveAttribute('aria-current', 'step');
  await expectSetup(other, prompt, shape);

  // Same seed, same backend, same data: the same first loss, to the digit.
  const [mine, theirs] = [await firstLoss(page), await firstLoss(other)];
  expect(theirs).toBe(mine);
  await other.context().close();
});

test('a link with bad values opens anyway and says what it ignored', async ({ page }) => {
  await page.goto('/?backend=wasm&lr=lots&layers=99&corpus=nope&hide=objectve&step=train');
  const notices = page.getByTestId('setup-notices');
  await expect(notices).toContainText('lr');
  await expect(notices).toContainText('layers');
  await expect(notices).toContainText('objectve');
  await expect(page.getByTestId('train-vocab')).toBeVisible({ timeout: 60_000 });
  await expect(startButton(page)).toBeEnabled();
  await goToStep(page, 'data');
  await expect(page.getByRole('alert')).toContainText('There is no built-in corpus “nope”');
});

test('?hide= removes controls, ?lock= shows them read-only', async ({ page }) => {
  await page.goto('/?backend=wasm&hide=objective,model&lock=training&step=model');
  await expect(page.getByTestId('step-model')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByRole('radio', { name: /Causal/ })).toHaveCount(0);
  await expect(page.getByRole('radio', { name: 'Tiny', exact: true })).toHaveCount(0);
  await openAdvanced(page);
  await expect(page.getByRole('spinbutton', { name: 'Layers', exact: true })).toHaveCount(0);
  await expect(page.getByRole('spinbutton', { name: 'Learning rate', exact: true })).toBeDisabled();

  // The handout a teacher gives: only the objective switch is left on the Model step.
  await page.goto(
    '/?backend=wasm&hide=corpus,upload,curation,tokenizer,model,training,backend,prompt,lessons,share&step=model',
  );
  await expect(page.getByRole('radio', { name: /Masked/ })).toBeEnabled();
  await expect(page.getByRole('radio', { name: /Causal/ })).toBeChecked();
  await expect(page.locator('details.advanced')).toHaveCount(0);
  await expect(page.getByTestId('lessons-menu')).toHaveCount(0);
  await expect(page.getByTestId('share-menu')).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Backend' })).toHaveCount(0);
  await goToStep(page, 'data');
  await expect(page.getByRole('radio', { name: /Moby-Dick/ })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Paste text' })).toHaveCount(0);
});

test('the presenter view fits 1280×720 while training, and the shortcuts drive the run', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.goto('/?backend=wasm&preset=tiny&present=1');
  await expect(page.getByTestId('train-vocab')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('present-button')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('navigation', { name: 'Pipeline steps' })).toHaveCount(0);

  // Space starts (and never types into the page), Space pauses, "." takes one step.
  await page.keyboard.press(' ');
  await expect(page.getByTestId('run-bar')).toHaveAttribute('data-status', 'training', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('next-token-item').first()).toBeVisible({ timeout: 60_000 });
  for (const id of ['run-bar', 'loss-chart', 'run-controls', 'live-predictions']) {
    await expect(page.getByTestId(id)).toBeInViewport({ ratio: 1 });
  }
  await expect(page.locator('.attention-panel')).toBeHidden();
  await page.screenshot({ path: testInfo.outputPath('presenter-1280x720.png') });
  await page.keyboard.press(' ');
  await expect(page.getByTestId('run-bar')).toHaveAttribute('data-status', 'paused');
  // The presenter view shows the step in the run bar ("412 / 2,000").
  const step = page.getByTestId('run-bar-step');
  const paused = ((await step.textContent()) ?? '').split(' / ')[0] ?? '';
  const next = (Number(paused.replace(/,/g, '')) + 1).toLocaleString('en');
  await page.keyboard.press('.');
  await expect(step).toHaveText(new RegExp(`^${next} / `));

  // Keys typed in a field are text, not shortcuts.
  const prompt = page.getByRole('textbox', { name: 'Prompt' });
  await prompt.fill('');
  await prompt.pressSequentially('r. ?');
  await expect(prompt).toHaveValue('r. ?');
  await expect(page.getByTestId('shortcuts-dialog')).not.toBeVisible();
  await expect(step).toHaveText(new RegExp(`^${next} / `));

  await prompt.blur();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-dialog')).toBeVisible();
  await expect(page.getByTestId('shortcuts-dialog')).toContainText('Space');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-dialog')).not.toBeVisible();
  await page.keyboard.press('p');
  await expect(page.getByTestId('present-button')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('step-train')).toBeVisible();
});

test.describe('first visit', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('the tour opens once, can be skipped, and opens again from Help', async ({ page }) => {
    await page.goto('/?backend=wasm');
    const popover = page.locator('.driver-popover');
    await expect(popover).toBeVisible({ timeout: 30_000 });
    await expect(popover).toContainText('language model');
    await popover.getByRole('button', { name: 'Next' }).click();
    await expect(popover).toContainText('Data');
    await popover.getByRole('button', { name: 'Next' }).click();
    await popover.getByRole('button', { name: 'Next' }).click();
    await expect(popover).toContainText('token');
    await expect(page.getByTestId('step-tokenize')).toHaveAttribute('aria-current', 'step');
    await page.keyboard.press('Escape');
    await expect(popover).toHaveCount(0);

    await page.reload();
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
      timeout: 60_000,
    });
    await expect(popover).toHaveCount(0);
    await page.getByTestId('help-menu').locator('summary').click();
    await page.getByTestId('tour-button').click();
    await expect(popover).toBeVisible();
    await expect(popover).toContainText('Welcome');
  });
});
