/**
 * An exported folder in PyTorch: its train.py (a GPT-2 written against the Hugging Face layout
 * in plain PyTorch) gives the log-probabilities `npm run predict` prints, causal and masked,
 * within 1e-4; and `torchrun --nproc_per_node=2 train.py` (DDP, gloo) continues it for 20 steps,
 * the loss falls, and the written weights re-import with the validation loss train.py printed.
 *
 * Needs a Python with torch and numpy (CI installs Debian's python3-torch); without one, the
 * tests are skipped and their name says why.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, maxAbsDiff, predict } from './cli-helpers';

const run = promisify(execFile);

/** The first Python that imports torch and numpy, or null. */
function findPython(): string | null {
  for (const candidate of [process.env.PYTHON ?? '', 'python3', '/usr/bin/python3']) {
    if (candidate === '') continue;
    try {
      execFileSync(candidate, ['-c', 'import torch, numpy'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

const python = findPython();
const why =
  python === null ? ' (skipped: no Python with torch; apt-get install -y python3-torch)' : '';

const dir = mkdtempSync(join(tmpdir(), 'export-torch-'));
const text = join(dir, 'text.txt');
const TINY = ['--n-layer', '2', '--n-head', '2', '--n-embd', '32', '--block-size', '32'];
const SHORT = ['--steps', '10', '--warmup', '2', '--eval-every', '10', '--eval-iters', '2'];

/** Trains a tiny model in the CLI and exports it; returns the folder. */
async function exported(name: string, extra: string[]): Promise<string> {
  const checkpoint = join(dir, `${name}.ptpg`);
  const trained = await cli('train', [
    '--text',
    text,
    ...TINY,
    ...SHORT,
    ...extra,
    '--save',
    checkpoint,
  ]);
  expect(trained.stderr).toBe('');
  const folder = join(dir, name);
  const out = await cli('export', ['--checkpoint', checkpoint, '--out', folder]);
  expect(out.stderr).toBe('');
  return folder;
}

/** What train.py's PyTorch model predicts for these ids. */
async function torchLogProbs(folder: string, ids: number[]): Promise<number[]> {
  const { stdout } = await run(python ?? 'python3', [
    join(folder, 'train.py'),
    '--predict_ids',
    ids.join(','),
  ]);
  return (JSON.parse(stdout.trim()) as { logprobs: number[] }).logprobs;
}

beforeAll(() => {
  writeFileSync(text, readFileSync('public/corpora/moby-dick.txt', 'utf8').slice(0, 150_000));
});

describe.skipIf(python === null)(`exported folders in PyTorch${why}`, () => {
  it.each([
    ['causal, characters', 'char-causal', ['--tokenizer', 'char'], 'Call me Ishmael. Some years'],
    [
      'causal, BPE',
      'bpe-causal',
      ['--tokenizer', 'bpe', '--vocab-size', '320'],
      'It is a way I have',
    ],
    [
      'masked, bytes',
      'byte-masked',
      ['--tokenizer', 'byte', '--objective', 'masked'],
      'Call me [MASK]shmael.',
    ],
  ])('%s: train.py matches npm run predict within 1e-4', async (_label, name, extra, prompt) => {
    const folder = await exported(name, extra);
    const ours = await predict(folder, prompt);
    const theirs = await torchLogProbs(folder, ours.ids);
    expect(theirs).toHaveLength(ours.logprobs.length);
    expect(maxAbsDiff(ours.logprobs, theirs)).toBeLessThanOrEqual(1e-4);
  });

  it('torchrun --nproc_per_node=2 continues 20 steps; the result re-imports with the same val loss', async () => {
    const folder = await exported('ddp', ['--tokenizer', 'char']);
    // --redirects/--tee: torch 1.13's launcher cannot parse its own default ("0") on Python 3.11.
    await run(
      python ?? 'python3',
      [
        '-m',
        'torch.distributed.run',
        '--redirects',
        '1',
        '--tee',
        '1',
        '--nproc_per_node=2',
        join(folder, 'train.py'),
        '--max_iters',
        '30',
        '--eval_interval',
        '10',
        '--eval_iters',
        '4',
        '--learning_rate',
        '3e-3',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const log = JSON.parse(readFileSync(join(folder, 'log.json'), 'utf8')) as {
      world_size: number;
      iters: { iter: number; loss: number }[];
      fixed_val_loss: number;
    };
    expect(log.world_size).toBe(2);
    expect(log.iters.map((i) => i.iter)).toEqual(Array.from({ length: 20 }, (_, i) => 10 + i));
    const mean = (xs: { loss: number }[]): number => xs.reduce((s, x) => s + x.loss, 0) / xs.length;
    expect(mean(log.iters.slice(-5))).toBeLessThan(mean(log.iters.slice(0, 5)));

    const imported = await cli('predict', ['--checkpoint', folder, '--val-loss', '--json']);
    expect(imported.stderr).toBe('');
    const { valLoss } = JSON.parse(imported.stdout.trim()) as { valLoss: number };
    expect(Math.abs(valLoss - log.fixed_val_loss)).toBeLessThanOrEqual(1e-3);
    const playground = JSON.parse(readFileSync(join(folder, 'playground.json'), 'utf8'));
    expect(playground.step).toBe(30);
  });
});
