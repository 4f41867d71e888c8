/**
 * The bench's CLI row: `npm run train` (Node, tfjs's WASM backend) on nanoGPT's recipe, the
 * page's Medium preset, on the Moby-Dick corpus, for a wall-clock budget, with a given number of
 * workers sharing each batch. Its tokens/s is the CLI's own figure: tokens trained ÷ the time of
 * its training bursts (evaluations excluded), as the page's tokensPerSec.
 */
import { spawnSync } from 'node:child_process';

/** What one CLI run measured. */
export interface CliRow {
  /** Workers that shared each batch (the CLI reports it on every line). */
  workers: number;
  tokensPerSec: number | null;
  /** The last step reported before the budget ran out. */
  steps: number;
  seconds: number;
  /** tokensPerSec ÷ the page's wasm × nanogpt cell in this run (null without that cell). */
  ratioToPage: number | null;
  /** tokensPerSec ÷ the PyTorch reference in this run (null without it). */
  ratioToReference: number | null;
  /** Why there is no figure, if there is none. */
  problem: string | null;
}

/** Steps between two of the CLI's evaluations (each evaluation reports tokens/s so far). */
const REPORT_EVERY = 25;

/**
 * Runs the CLI with `workers` workers for `seconds` (then stops it) and reads its last
 * evaluation line. Never throws: a failure becomes `problem`.
 */
export function runCliRow(
  workers: number,
  seconds: number,
  corpus = 'public/corpora/moby-dick.txt',
): Omit<CliRow, 'ratioToPage' | 'ratioToReference'> {
  const run = spawnSync(
    process.execPath,
    [
      ...['--import', 'tsx', 'src/cli/train.ts', '--text', corpus, '--json'],
      ...['--workers', String(workers), '--steps', '100000'],
      ...['--eval-every', String(REPORT_EVERY), '--eval-iters', '1'],
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: seconds * 1000,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const lines = (run.stdout ?? '')
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, number | null>];
      } catch {
        return [];
      }
    })
    .filter((line) => typeof line.tokensPerSec === 'number');
  const last = lines[lines.length - 1];
  if (last === undefined) {
    const said = (run.stderr ?? '').trim().split('\n')[0] ?? '';
    return {
      workers,
      tokensPerSec: null,
      steps: 0,
      seconds,
      problem: `the CLI reported no training speed in ${seconds} s${said ? `: ${said}` : ''}`,
    };
  }
  return {
    workers: last.workers ?? workers,
    tokensPerSec: last.tokensPerSec ?? null,
    steps: last.step ?? 0,
    seconds,
    problem: null,
  };
}
