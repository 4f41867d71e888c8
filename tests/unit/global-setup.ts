/**
 * Before the unit tests: the generated corpora (public/corpora, not in git), which some tests
 * read as real text. The script does nothing when they are up to date.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-corpora.mjs'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
