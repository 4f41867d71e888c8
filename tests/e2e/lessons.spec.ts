/**
 * Every lesson, opened by its link (`?lesson=ID`) on WebAssembly and driven through its own
 * buttons, reaches what it asks the learner to notice. The budget is generous (a lesson must
 * finish in five minutes on a laptop without a GPU); each lesson's wall time is recorded as an
 * annotation and printed.
 */
import { expect, test, type Page } from '@playwright/test';
import { LESSONS } from '../../src/app/lessons/lessons';

test.use({ viewport: { width: 1280, height: 720 } });

/** Five minutes: what the issue allows a lesson on a laptop without a GPU. */
const LESSON_BUDGET_MS = 5 * 60_000;

/** Waits until the run in the run bar has trained to its last step. */
async function waitForDone(page: Page): Promise<void> {
  await expect(page.getByTestId('run-bar')).toHaveAttribute('data-status', 'done', {
    timeout: LESSON_BUDGET_MS,
  });
}

/** Presses a lesson step's button (the folded strip shows the next one). */
async function act(page: Page, step: number): Promise<void> {
  const button = page.getByTestId(`lesson-action-${step}`).first();
  await expect(button).toBeEnabled({ timeout: 60_000 });
  await button.click();
}

/** The steps of the lessons that train twice: Start, then "change and Start". */
const TWO_RUNS = ['causal-vs-masked', 'messy-data', 'tokenization', 'scaling'];

for (const lesson of LESSONS) {
  test(`lesson “${lesson.title}” (${lesson.id}) shows its point`, async ({ page }, testInfo) => {
    test.setTimeout(LESSON_BUDGET_MS + 120_000);
    await page.goto(`/?backend=wasm&lesson=${lesson.id}`);
    const panel = page.getByTestId('lesson-panel');
    await expect(panel).toHaveAttribute('data-lesson', lesson.id);
    await expect(panel).toContainText(lesson.goal);
    await expect(panel).toContainText('What to notice');
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
      timeout: 60_000,
    });
    const started = Date.now();
    await act(page, 1);
    if (TWO_RUNS.includes(lesson.id)) {
      await waitForDone(page);
      await act(page, 2);
      await expect(page.getByTestId('run-bar')).toHaveAttribute('data-status', 'training', {
        timeout: 60_000,
      });
    } else if (lesson.id === 'pretrain-finetune') {
      await waitForDone(page);
      await act(page, 2);
      await expect(page.getByTestId('step-adapt')).toHaveAttribute('aria-current', 'step');
      const checkpoints = page.getByRole('region', { name: 'Checkpoints' });
      await checkpoints.getByRole('button', { name: 'Save checkpoint' }).click();
      await expect(checkpoints.getByTestId('checkpoint-message')).toContainText('Saved');
      const adapt = page.getByRole('region', { name: 'Adapt' });
      await adapt.getByRole('button', { name: 'Compare with training from scratch' }).click();
    }
    const check = page.getByTestId('lesson-check');
    await expect(check).toHaveAttribute('data-reached', 'true', { timeout: LESSON_BUDGET_MS });
    const seconds = Math.round((Date.now() - started) / 1000);
    const detail = (await check.textContent()) ?? '';
    testInfo.annotations.push({ type: 'wall time', description: `${seconds} s: ${detail}` });
    console.log(`lesson ${lesson.id}: ${seconds} s · ${detail}`);
    await page.screenshot({ path: testInfo.outputPath(`lesson-${lesson.id}.png`) });
  });
}
