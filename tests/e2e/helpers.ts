/**
 * Helpers shared by the playground's end-to-end tests: open the page on a backend (on the Train
 * step), change data and settings on their own steps through their labelled controls (coming
 * back to Train), read the step counter and run status.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** A short, perfectly regular text: after a little training the next letter is certain. */
export const PATTERN_TEXT = 'abcdefgh'.repeat(400);

export async function openPlayground(
  page: Page,
  backend: 'wasm' | 'webgpu' | 'cpu',
): Promise<void> {
  await page.goto(`/?backend=${backend}&step=train`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Pre-training Playground' }),
  ).toBeVisible();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', backend, {
    timeout: 60_000,
  });
  // The built-in corpus has been curated and tokenized when the Train step shows its vocabulary.
  await expect(page.getByTestId('train-vocab')).toBeVisible({ timeout: 60_000 });
}

/** Opens a step of the pipeline from the rail. */
export async function goToStep(page: Page, step: string): Promise<void> {
  await page.getByTestId(`step-${step}`).click();
  await expect(page.getByTestId(`step-${step}`)).toHaveAttribute('aria-current', 'step');
}

/** Checks a radio of the Model step (a size preset or an objective), then returns to Train. */
export async function chooseOnModel(page: Page, name: string | RegExp): Promise<void> {
  await goToStep(page, 'model');
  await page.getByRole('radio', { name, exact: typeof name === 'string' }).check();
  await goToStep(page, 'train');
}

export async function openAdvanced(page: Page): Promise<void> {
  const details = page.locator('details.advanced');
  if ((await details.getAttribute('open')) === null) {
    await page.getByText('Advanced settings').click();
  }
}

/** Sets a numeric setting of the Model step, then returns to Train. */
export async function setNumber(page: Page, label: string, value: number): Promise<void> {
  await goToStep(page, 'model');
  await openAdvanced(page);
  await page.getByRole('spinbutton', { name: label, exact: true }).fill(String(value));
  await goToStep(page, 'train');
}

/** Pastes `text` on the Data step as the learner's own data, then returns to Train once it is tokenized. */
export async function useOwnText(page: Page, text: string): Promise<void> {
  await goToStep(page, 'data');
  const box = page.getByRole('textbox', { name: 'Paste text' });
  // fill() types long text slowly: set the value and dispatch `input` instead.
  await box.evaluate((element, value) => {
    const area = element as HTMLTextAreaElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
    setter?.call(area, value);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await page.getByRole('button', { name: 'Use pasted text' }).click();
  await expect(page.getByRole('radio', { name: /Your own data/ })).toBeChecked();
  await goToStep(page, 'train');
  await expect(page.getByTestId('train-data')).toContainText('Pasted text');
  await expect(page.getByTestId('train-vocab')).toBeVisible({ timeout: 60_000 });
}

export function stepCount(page: Page): Promise<number> {
  return page
    .getByTestId('step-count')
    .textContent()
    .then((text) => Number(text));
}

export function startButton(page: Page): Locator {
  return page.getByTestId('run-controls').getByRole('button', { name: 'Start', exact: true });
}

export function runStatus(page: Page): Locator {
  return page.getByTestId('run-status');
}

export async function numberAttribute(locator: Locator, name: string): Promise<number> {
  const value = await locator.getAttribute(name);
  return value === null || value === '' ? NaN : Number(value);
}

export async function waitForSteps(page: Page, atLeast: number, timeout = 60_000): Promise<void> {
  await expect.poll(() => stepCount(page), { timeout }).toBeGreaterThanOrEqual(atLeast);
}

/**
 * Trains on the built-in Pattern corpus: one block repeated, so the repeated-lines filter is
 * switched off on the Curate step (it would remove it all). Returns to Train once it is tokenized.
 */
export async function usePatternCorpus(page: Page): Promise<void> {
  await goToStep(page, 'data');
  await page.getByRole('radio', { name: /Pattern/ }).check();
  await goToStep(page, 'curate');
  await page.getByRole('checkbox', { name: 'Repeated lines' }).uncheck();
  await goToStep(page, 'train');
  await expect(page.getByTestId('train-data')).toContainText('Pattern');
  await expect(page.getByLabel('Why Start is disabled')).toHaveCount(0, { timeout: 60_000 });
}

/**
 * Trains the default Tiny model on the Pattern corpus for a few dozen steps, pauses, and opens
 * the Adapt step (checkpoints and fine-tuning).
 */
export async function trainBriefly(page: Page, steps: number): Promise<void> {
  await usePatternCorpus(page);
  await startButton(page).click();
  await waitForSteps(page, steps);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(runStatus(page)).toContainText(/paused/i);
  await goToStep(page, 'adapt');
}

/** Saves the current run under `name` in the Checkpoints panel. */
export async function saveCheckpoint(page: Page, name: string): Promise<void> {
  const panel = page.getByRole('region', { name: 'Checkpoints' });
  await panel.getByRole('textbox', { name: 'Checkpoint name' }).fill(name);
  await panel.getByRole('button', { name: 'Save checkpoint' }).click();
  await expect(panel.getByTestId('checkpoint-message')).toContainText(`Saved “${name}”`);
}
