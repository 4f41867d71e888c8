import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

// The playwright web server builds the app into dist/ before the tests run.
const assets = 'dist/assets';

/** Strings only tfjs's code contains (they survive minification: an error message, package names). */
const TFJS_MARKERS = ['not registered for backend', 'tfjs-backend'];

function chunkText(file: string): string {
  return readFileSync(join(assets, file), 'utf8');
}

/** The entry chunk and every chunk it imports statically, transitively. */
function mainBundle(): string[] {
  const html = readFileSync('dist/index.html', 'utf8');
  const entry = /<script type="module"[^>]*src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error('no entry script in dist/index.html');
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of chunkText(file).matchAll(/(?:import|from)\s*["']\.\/([^"']+\.js)["']/g)) {
      if (match[1]) queue.push(match[1]);
    }
  }
  return [...seen];
}

test('the main bundle does not contain tfjs; the training worker does', () => {
  const main = mainBundle();
  expect(main.length).toBeGreaterThan(0);
  for (const file of main) {
    for (const marker of TFJS_MARKERS)
      expect(chunkText(file), `${file} contains ${marker}`).not.toContain(marker);
  }
  const worker = readdirSync(assets).find(
    (f) => f.startsWith('trainer.worker') && f.endsWith('.js'),
  );
  expect(worker, 'a trainer worker chunk').toBeDefined();
  for (const marker of TFJS_MARKERS) expect(chunkText(worker!)).toContain(marker);
});
