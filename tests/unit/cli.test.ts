/**
 * The train CLI run as a process (`npm run train`): exit codes and one-line reasons for bad
 * input, and the JSON lines it prints. tests/unit/cli-args.test.ts covers its arguments.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/shared/rng';
import { randomText } from './corpus-fixtures';

const run = promisify(execFile);

/** Runs the CLI; resolves with its exit code and output. */
async function train(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [
      '--import',
      'tsx',
      'src/cli/train.ts',
      ...args,
    ]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const dir = mkdtempSync(join(tmpdir(), 'train-cli-'));

describe('train CLI', () => {
  it('exits non-zero with one line for bad arguments', async () => {
    const result = await train(['--text', 'x.txt', '--n-head', '5']);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/nHead \(5\) must divide nEmbd/);
  });

  it('exits non-zero for an empty file, a missing file and a binary file', async () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '  \n');
    const binary = join(dir, 'blob.bin');
    writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x00]));
    for (const [file, reason] of [
      [empty, /is empty/],
      [join(dir, 'missing.txt'), /no such file/],
      [binary, /not UTF-8 text|not text/],
    ] as const) {
      const result = await train(['--text', file]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(reason);
    }
  });

  it('exits non-zero when the text is shorter than the context', async () => {
    const short = join(dir, 'short.txt');
    writeFileSync(short, 'just a few words of text here');
    const result = await train(['--text', short]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/needs at least 65/);
  });

  it('trains and prints one JSON line per evaluation', async () => {
    const file = join(dir, 'text.txt');
    writeFileSync(file, 'abcdefgh '.repeat(200));
    const result = await train([
      '--text',
      file,
      '--json',
      '--n-layer',
      '1',
      '--n-embd',
      '16',
      '--n-head',
      '2',
      '--block-size',
      '8',
      '--batch-size',
      '4',
      '--steps',
      '20',
      '--warmup',
      '2',
      '--eval-every',
      '10',
      '--eval-iters',
      '2',
    ]);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.step)).toEqual([0, 10, 20]);
    for (const line of lines)
      expect(Object.keys(line).sort()).toEqual([
        'step',
        'tokensPerSec',
        'trainLoss',
        'valLoss',
        'workers',
      ]);
    expect(lines[2]?.valLoss).toBeLessThan(lines[0]?.valLoss as number);
  });

  it('curates, trains BPE and prints the data line, then evaluations with bits per character', async () => {
    const rng = createRng(4);
    const paragraphs = Array.from({ length: 40 }, () => randomText(rng, 40));
    const messy = [...paragraphs, paragraphs[0] ?? '', `<p>${paragraphs[1] ?? ''}</p>`, 'tiny'];
    const file = join(dir, 'docs.txt');
    writeFileSync(file, messy.join('\n\n'));
    const result = await train([
      '--text',
      file,
      '--tokenizer',
      'bpe',
      '--vocab-size',
      '300',
      '--curate',
      '--json',
      '--n-layer',
      '1',
      '--n-embd',
      '16',
      '--n-head',
      '2',
      '--block-size',
      '8',
      '--batch-size',
      '4',
      '--steps',
      '10',
      '--warmup',
      '2',
      '--eval-every',
      '5',
      '--eval-iters',
      '2',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [data, ...evaluations] = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(data ?? {}).sort()).toEqual(
      [
        'documentsBefore',
        'documentsAfter',
        'exactDuplicates',
        'nearDuplicates',
        'tokenizer',
        'vocabSize',
        'charsPerToken',
        'trainTokens',
        'valTokens',
      ].sort(),
    );
    expect(data).toEqual(
      expect.objectContaining({
        documentsBefore: 43,
        documentsAfter: 40,
        exactDuplicates: 2,
        tokenizer: 'bpe',
        vocabSize: 303,
      }),
    );
    expect(data?.charsPerToken).toBeGreaterThan(1);
    expect(evaluations.map((l) => l.step)).toEqual([0, 5, 10]);
    for (const line of evaluations) {
      expect(Object.keys(line).sort()).toEqual([
        'step',
        'tokensPerSec',
        'trainLoss',
        'valBitsPerChar',
        'valLoss',
        'workers',
      ]);
      // bits/char = loss / ln 2 × tokens per character of the validation text.
      const tokensPerChar = (line.valBitsPerChar as number) / ((line.valLoss as number) / Math.LN2);
      expect(tokensPerChar).toBeGreaterThan(0.7 / (data?.charsPerToken as number));
      expect(tokensPerChar).toBeLessThan(1.3 / (data?.charsPerToken as number));
    }
  });

  it('splits several files by document and stops when curation leaves too little', async () => {
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    writeFileSync(a, 'short');
    writeFileSync(b, 'tiny');
    const result = await train(['--text', a, '--text', b, '--curate']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/curation kept 0 document\(s\)/);
  });

  it('with --workers 2 shares each batch with a helper thread and takes the same steps as one worker', async () => {
    const file = join(dir, 'workers.txt');
    writeFileSync(file, randomText(createRng(7), 4000));
    const lines = async (workers: string): Promise<Record<string, number>[]> => {
      const result = await train([
        ...['--text', file, '--json', '--workers', workers, '--seed', '5'],
        ...['--n-layer', '2', '--n-embd', '32', '--n-head', '2', '--block-size', '16'],
        ...['--batch-size', '6', '--steps', '5', '--warmup', '1'],
        ...['--eval-every', '5', '--eval-iters', '3'],
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      return result.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, number>);
    };
    const one = await lines('1');
    const two = await lines('2');
    expect(one.map((l) => l.workers)).toEqual([1, 1]);
    expect(two.map((l) => l.workers)).toEqual([2, 2]);
    const [start, end] = [one[0], one[1]];
    expect(end?.step).toBe(5);
    expect(end?.trainLoss).toBeLessThan((start?.trainLoss ?? 0) - 0.1);
    for (const key of ['trainLoss', 'valLoss']) {
      expect(Math.abs((two[1]?.[key] ?? NaN) - (end?.[key] ?? NaN))).toBeLessThan(1e-4);
    }
  });

  it('refuses --workers outside 1-4, and above 1 off the WASM backend', async () => {
    for (const [args, reason] of [
      [['--workers', '0'], /--workers must be a whole number from 1 to 4, got '0'/],
      [['--workers', 'two'], /--workers must be a whole number/],
      [['--workers', '2', '--backend', 'cpu'], /--workers above 1 needs --backend wasm/],
    ] as const) {
      const result = await train(['--text', 'x.txt', ...args]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(reason);
    }
  });

  it('adds the evaluation metrics to every line with --eval', async () => {
    const file = join(dir, 'eval.txt');
    writeFileSync(file, 'the cat sat on the mat. the dog sat on the log.\n'.repeat(60));
    const result = await train([
      '--text',
      file,
      '--json',
      '--eval',
      '--n-layer',
      '1',
      '--n-embd',
      '16',
      '--n-head',
      '2',
      '--block-size',
      '16',
      '--batch-size',
      '4',
      '--steps',
      '10',
      '--warmup',
      '2',
      '--eval-every',
      '10',
      '--eval-iters',
      '2',
    ]);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, number>);
    expect(lines.map((l) => l.step)).toEqual([0, 10]);
    for (const line of lines) {
      expect(line.valPerplexity).toBeCloseTo(Math.exp(line.valLoss ?? NaN), 3);
      expect(line.valBitsPerChar).toBeCloseTo((line.valLoss ?? NaN) / Math.LN2, 3);
      for (const key of ['valTop1', 'valTop5', 'multipleChoiceAccuracy', 'clozeAccuracy']) {
        expect(line[key]).toBeGreaterThanOrEqual(0);
        expect(line[key]).toBeLessThanOrEqual(1);
      }
      expect(line.multipleChoiceChance).toBeCloseTo(0.25, 5);
    }
  });
});
