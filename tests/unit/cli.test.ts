import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseTrainArgs } from '../../src/cli/args';
import { prepareData } from '../../src/cli/data';
import { bitsPerChar } from '../../src/engine/evaluate/metrics';
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

  it('parses the data flags: several --text, --tokenizer, --vocab-size, --curate', () => {
    const parsed = parseTrainArgs([
      '--text',
      'a.txt',
      '--text',
      'b.txt',
      '--tokenizer',
      'bpe',
      '--vocab-size',
      '512',
      '--curate',
    ]);
    expect(parsed).toEqual({
      options: expect.objectContaining({
        textFile: 'a.txt',
        textFiles: ['a.txt', 'b.txt'],
        tokenizer: 'bpe',
        vocabSize: 512,
        curate: true,
        describeData: true,
      }),
    });
    expect(parseTrainArgs(['--text', 'a.txt'])).toEqual({
      options: expect.objectContaining({ tokenizer: 'char', curate: false, describeData: false }),
    });
  });

  it.each([
    [['--text', 'a.txt', '--tokenizer', 'word'], /--tokenizer must be one of char, byte, bpe/],
    [
      ['--text', 'a.txt', '--tokenizer', 'bpe', '--vocab-size', '100'],
      /--vocab-size must be a whole number from 256 to 4096/,
    ],
    [['--text', 'a.txt', '--tokenizer', 'bpe', '--vocab-size', '1e9'], /--vocab-size must be/],
    [['--text', 'a.txt', '--vocab-size', '512'], /--vocab-size applies to --tokenizer bpe only/],
  ])('refuses data flags %j with a reason', (args, reason) => {
    expect(parseTrainArgs(args)).toEqual({ error: expect.stringMatching(reason) });
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

  it('prepares data: a 90/10 cut of one file, or a split by document of several', () => {
    const rng = createRng(8);
    const docs = Array.from({ length: 30 }, () => randomText(rng, 30));
    const options = (args: string[]) => {
      const parsed = parseTrainArgs(['--text', 'x', ...args]);
      if (!('options' in parsed)) throw new Error('not parsed');
      return parsed.options;
    };
    const one = prepareData([{ file: 'a', text: docs.join('\n\n') }], options([]));
    const total = one.split.train.length + one.split.val.length;
    expect(one.split.val.length).toBe(total - Math.floor(total * 0.9));
    expect(one.description).toEqual(
      expect.objectContaining({ documentsBefore: 30, documentsAfter: 30, tokenizer: 'char' }),
    );
    const sources = [
      { file: 'a', text: docs.slice(0, 15).join('\n\n') },
      { file: 'b', text: docs.slice(15).join('\n\n') },
    ];
    const several = prepareData(sources, options(['--tokenizer', 'byte']));
    const valText = several.tokenizer.decode(several.split.val);
    expect(valText.split('\n\n').every((doc) => docs.includes(doc))).toBe(true);
    expect(several.valChars).toBe(valText.length);
    expect(several.description.vocabSize).toBe(259);
    expect(bitsPerChar(Math.LN2, 10, 20)).toBeCloseTo(0.5);
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
