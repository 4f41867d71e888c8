import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseTrainArgs } from '../../src/cli/args';

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
  it('parses the nanoGPT flags into a config', () => {
    const parsed = parseTrainArgs([
      '--text',
      'a.txt',
      '--objective',
      'masked',
      '--n-layer',
      '2',
      '--lr',
      '3e-4',
      '--steps',
      '500',
      '--json',
    ]);
    expect(parsed).toEqual({
      options: expect.objectContaining({ textFile: 'a.txt', json: true, backend: 'wasm' }),
    });
    if (!('options' in parsed)) throw new Error('not parsed');
    expect(parsed.options.config.model.nLayer).toBe(2);
    expect(parsed.options.config.training).toEqual(
      expect.objectContaining({ objective: 'masked', learningRate: 3e-4, maxIters: 500 }),
    );
  });

  it.each([
    [['--text', 'a.txt', '--n-head', '3'], /nHead \(3\) must divide nEmbd/],
    [['--text', 'a.txt', '--lr', 'fast'], /--lr must be a number/],
    [['--text', 'a.txt', '--objective', 'span'], /--objective must be one of/],
    [['--text', 'a.txt', '--bogus', '1'], /Unknown option '--bogus'/],
    [['--n-layer', '2'], /--text FILE is required/],
  ])('refuses %j with a reason', (args, reason) => {
    const parsed = parseTrainArgs(args);
    expect(parsed).toEqual({ error: expect.stringMatching(reason) });
  });

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
      expect(Object.keys(line).sort()).toEqual(['step', 'tokensPerSec', 'trainLoss', 'valLoss']);
    expect(lines[2]?.valLoss).toBeLessThan(lines[0]?.valLoss as number);
  });
});
