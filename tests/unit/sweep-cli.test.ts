/**
 * The sweep CLI run as a process (`npm run sweep`): a small seeded sweep whose JSON report
 * has the runs, their N, D and C, and a rising-compute fit; the data mixture on two different
 * texts; and a one-line refusal of bad input.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countParameters } from '../../src/config/size';
import type { SweepReport } from '../../src/scaling/report';
import { createRng, randomInt } from '../../src/shared/rng';
import { cli } from './cli-helpers';
import { randomText } from './corpus-fixtures';

/** Runs the sweep CLI; resolves with its exit code and output. */
function sweep(args: string[]): ReturnType<typeof cli> {
  return cli('sweep', args);
}

/** The report on the last line of stdout. */
function lastJson(stdout: string): SweepReport {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '') as SweepReport;
}

const dir = mkdtempSync(join(tmpdir(), 'sweep-cli-'));

/** Seeded pseudo-English paragraphs, about `paragraphs` × 300 characters. */
function english(seed: number, paragraphs: number): string {
  const rng = createRng(seed);
  return Array.from({ length: paragraphs }, () => `${randomText(rng, 50)}.`).join('\n\n');
}

/** Text nothing like English: upper-case letters and digits in short groups. */
function codes(seed: number, groups: number): string {
  const rng = createRng(seed);
  const alphabet = 'QXZJKV0123456789';
  return Array.from({ length: groups }, () =>
    Array.from({ length: 4 }, () => alphabet[randomInt(rng, alphabet.length)]).join(''),
  ).join(' ');
}

describe('sweep CLI', () => {
  it('trains a 4 × 2 sweep and prints its report as the last JSON line', async () => {
    const file = join(dir, 'text.txt');
    writeFileSync(file, english(11, 50));
    const csv = join(dir, 'runs.csv');
    const result = await sweep([
      '--text',
      file,
      '--sizes',
      '16,24,32,48',
      '--tokens',
      '8000,24000',
      '--block-size',
      '32',
      '--batch-size',
      '8',
      '--csv',
      csv,
      '--json',
    ]);
    expect(result.stderr).not.toMatch(/^sweep: /m);
    expect(result.code).toBe(0);
    const report = lastJson(result.stdout);
    expect(report.runs).toHaveLength(8);
    // One progress line per finished run, on stderr.
    expect(result.stderr.match(/^\[\d\/8\] .*val loss \d+\.\d+, \d+ tokens\/s$/gm)).toHaveLength(8);
    for (const r of report.runs) {
      expect(Number.isFinite(r.valLoss)).toBe(true);
      expect(r.tokensPerSec).toBeGreaterThan(0);
      expect(r.compute).toBe(6 * r.params * r.tokens);
      const model = {
        vocabSize: report.vocabSize,
        blockSize: 32,
        nEmbd: r.width,
        nLayer: r.nLayer,
        nHead: 1,
        dropout: 0,
      };
      expect(r.params).toBe(countParameters(model) - (report.vocabSize + 32) * r.width);
    }
    const largestBudget = Math.max(...report.runs.map((r) => r.tokens));
    const atLargest = report.runs.filter((r) => r.tokens === largestBudget);
    const smallest = atLargest.find((r) => r.width === 16);
    const largest = atLargest.find((r) => r.width === 48);
    expect(largest?.valLoss).toBeLessThan(smallest?.valLoss ?? -Infinity);
    expect(report.fit).not.toBeNull();
    expect(report.fit?.alpha).toBeGreaterThan(0);
    expect(result.stderr).toMatch(/fit on the compute frontier: L\(C\) = .*, R² -?\d/);

    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe(
      'id,label,width,layers,params,tokens,compute,valLoss,trainLoss,tokensPerSec,trainingMs,share,lossA,lossB',
    );
    expect(rows).toHaveLength(9);
  });

  it('runs the 5-share mixture: loss on A falls and loss on B rises with the share of A', async () => {
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    writeFileSync(a, english(21, 30));
    writeFileSync(b, codes(22, 2000));
    const result = await sweep([
      '--mixture',
      `${a},${b}`,
      '--mixture-width',
      '16',
      '--mixture-tokens',
      '8000',
      '--block-size',
      '32',
      '--batch-size',
      '8',
      '--json',
    ]);
    expect(result.stderr).not.toMatch(/^sweep: /m);
    expect(result.code).toBe(0);
    const report = lastJson(result.stdout);
    expect(report.runs).toEqual([]);
    const points = report.mixture?.points ?? [];
    expect(points.map((p) => p.share)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const [first, last] = [points[0], points[points.length - 1]];
    expect(last?.lossA).toBeLessThan(first?.lossA ?? -Infinity);
    expect(last?.lossB).toBeGreaterThan(first?.lossB ?? Infinity);
  });

  it('leaves the fits null with a note when too few runs finish', async () => {
    const file = join(dir, 'one.txt');
    writeFileSync(file, english(31, 10));
    const result = await sweep([
      '--text',
      file,
      '--sizes',
      '16',
      '--tokens',
      '2000',
      '--block-size',
      '16',
      '--batch-size',
      '4',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const report = lastJson(result.stdout);
    expect(report.runs).toHaveLength(1);
    expect(report.fit).toBeNull();
    expect(report.chinchilla).toBeNull();
    expect(result.stderr).toMatch(
      /note: no fits \(they need at least 3 fitted runs; 1 fitted run\)/,
    );
  });

  it('exits non-zero with one line for a size that is not a sweep width', async () => {
    const result = await sweep(['--text', 'x.txt', '--sizes', '17']);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/17 is not a sweep size/);
  });

  it('exits non-zero with one line for a missing file and a bad number', async () => {
    for (const [args, reason] of [
      [['--text', join(dir, 'missing.txt')], /no such file/],
      [['--text', 'x.txt', '--tokens', '8000,lots'], /--tokens must be comma-separated numbers/],
    ] as const) {
      const result = await sweep([...args]);
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(reason);
    }
  });
});
