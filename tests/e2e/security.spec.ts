/**
 * The page is locked down (see the Content-Security-Policy in vite.config.ts): every request of a
 * session stays on this origin, the policy blocks nothing the app itself does (no violation while
 * it reads a PDF, a Word file and a text file, curates, tokenizes, trains, evaluates, saves and
 * exports a checkpoint and fine-tunes it), and a `<script>`
 * or an `onerror` handler in an uploaded file's text is shown as text, never run.
 */
import { expect, test } from '@playwright/test';
import { makeDocx, makePdf } from '../fixtures/documents';
import { goToStep, saveCheckpoint, startButton, waitForSteps } from './helpers';

test.use({ viewport: { width: 1280, height: 720 } });

const INJECTED =
  'A note about ponds. <script>window.injectedScriptRan = true;</script> Frogs lay eggs in spring. ' +
  '<img src="x" onerror="window.injectedHandlerRan = true"> Tadpoles hatch and grow legs.';

test('a session stays on this origin, the policy blocks nothing the app does, and uploaded script is only text', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('blob:') || url.startsWith('data:')) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });

  const response = await page.goto('/?backend=wasm');
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("connect-src 'self'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  // The built page carries the policy as a meta tag too, for hosts that send no headers.
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    /default-src 'self'/,
  );

  const data = page.getByRole('region', { name: 'Data', exact: true });
  const weeks = ['first', 'second', 'third', 'fourth'];
  const pages = weeks.map((week) => [`In the ${week} week the frogs sang by the pond at night.`]);
  await data.getByLabel('Upload files').setInputFiles([
    { name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from(INJECTED.repeat(30)) },
    { name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await makePdf(pages)) },
    {
      name: 'trip.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from(makeDocx()),
    },
  ]);
  const table = data.getByRole('table', { name: 'Files read' });
  await expect(table.getByRole('row')).toHaveCount(4, { timeout: 60_000 });
  await expect(table).not.toContainText('Refused');
  // The uploaded markup is on screen as characters.
  await expect(data).toContainText('<script>window.injectedScriptRan = true;</script>');

  await goToStep(page, 'curate');
  await goToStep(page, 'tokenize');
  await goToStep(page, 'train');
  await expect(page.getByLabel('Why Start is disabled')).toHaveCount(0, { timeout: 60_000 });
  await startButton(page).click();
  await waitForSteps(page, 60);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();

  // Evaluate: the evaluation at step 50 is shown.
  await goToStep(page, 'evaluate');
  await expect(
    page.locator('section[aria-label="Evaluation"]').getByTestId('validation-row'),
  ).toHaveCount(1, { timeout: 60_000 });

  // Adapt: save a checkpoint, export it as a folder, fine-tune it on the built-in task.
  await goToStep(page, 'adapt');
  await saveCheckpoint(page, 'session base');
  const checkpoints = page.getByRole('region', { name: 'Checkpoints' });
  const downloading = page.waitForEvent('download');
  await checkpoints.getByRole('button', { name: 'Export folder of session base' }).click();
  expect((await downloading).suggestedFilename()).toBe('session-base.zip');
  const adapt = page.getByRole('region', { name: 'Adapt' });
  await adapt.getByRole('spinbutton', { name: 'Step budget' }).fill('10');
  await adapt.getByRole('button', { name: 'Fine-tune' }).click();
  await expect
    .poll(async () => Number(await adapt.getByTestId('finetune-step').textContent()), {
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(5);

  const ran = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return [w.injectedScriptRan ?? false, w.injectedHandlerRan ?? false];
  });
  expect(ran).toEqual([false, false]);
  expect(violations).toEqual([]);
  expect(foreign).toEqual([]);
});
