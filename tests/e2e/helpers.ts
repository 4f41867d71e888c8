/**
 * Helpers shared by the playground's end-to-end tests: open the page on a backend, change
 * settings through their labelled controls, read the step counter and run status.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** A short, perfectly regular text: after a little training the next letter is certain. */
export const PATTERN_TEXT = 'abcdefgh'.repeat(400);

export async function openPlayground(
  page: Page,
  backend: 'wasm' | 'webgpu' | 'cpu',
): Promise<void> {
  await page.goto(`/?backend=${backend}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Pre-training Playground' }),
  ).toBeVisible();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', backend, {
    timeout: 60_000,
  });
  // The built-in corpus has loaded when its size is shown.
  await expect(page.getByText(/characters, \d+ distinct/)).toBeVisible();
}

export async function openAdvanced(page: Page): Promise<void> {
  const details = page.locator('details.advanced');
  if ((await details.getAttribute('open')) === null) {
    await page.getByText('Advanced settings').click();
  }
}

export async function setNumber(page: Page, label: string, value: number): Promise<void> {
  await openAdvanced(page);
  await page.getByRole('spinbutton', { name: label, exact: true }).fill(String(value));
}

export async function useOwnText(page: Page, text: string): Promise<void> {
  await page.getByRole('radio', { name: 'Your own text' }).check();
  await page.getByRole('textbox', { name: 'Your text' }).fill(text);
}

export function stepCount(page: Page): Promise<number> {
  return page
    .getByTestId('step-count')
    .textContent()
    .then((text) => Number(text));
}

export function startButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Start', exact: true });
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
