/**
 * The train CLI's arguments and data preparation, without running it: nanoGPT's flags and the
 * data flags parsed (or refused with a reason), and the 90/10 cut or split by document.
 * tests/unit/cli.test.ts runs the CLI itself.
 */
import { describe, expect, it } from 'vitest';
import { parseTrainArgs } from '../../src/cli/args';
import { prepareData } from '../../src/cli/data';
import { bitsPerChar } from '../../src/engine/evaluate/metrics';
import { createRng } from '../../src/shared/rng';
import { randomText } from './corpus-fixtures';

describe('train CLI arguments and data', () => {
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
    [['--n-layer', '2'], /--text FILE \(or --resume FILE\) is required/],
    [['--resume', 'run.ptpg', '--text', 'a.txt'], /leave out --text/],
    [['--resume', 'run.ptpg', '--n-embd', '64'], /--n-embd cannot change when resuming/],
    [['--resume', 'run.ptpg', '--objective', 'masked'], /--objective cannot change/],
  ])('refuses %j with a reason', (args, reason) => {
    const parsed = parseTrainArgs(args);
    expect(parsed).toEqual({ error: expect.stringMatching(reason) });
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
});
