/**
 * Export and import through the CLI, as a learner runs them: `npm run train -- --save`, then
 * `npm run export`, then `npm run predict` on the checkpoint and on the folder (identical
 * log-probabilities), the folder's files in their formats, `--resume` from the folder, and bad
 * folders (no config, wrong shapes, truncated safetensors, a header that lies) refused in words.
 */
import {
  copyFileSync,
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from '../../src/interop/safetensors';
import { cli, maxAbsDiff, predict } from './cli-helpers';

const dir = mkdtempSync(join(tmpdir(), 'export-cli-'));
const text = join(dir, 'text.txt');
const checkpoint = join(dir, 'run.ptpg');
const folder = join(dir, 'folder');
const TINY = ['--n-layer', '2', '--n-head', '2', '--n-embd', '32', '--block-size', '32'];

beforeAll(async () => {
  writeFileSync(text, readFileSync('public/corpora/moby-dick.txt', 'utf8').slice(0, 120_000));
  const trained = await cli('train', [
    '--text',
    text,
    '--tokenizer',
    'bpe',
    '--vocab-size',
    '320',
    ...TINY,
    '--steps',
    '8',
    '--warmup',
    '2',
    '--eval-every',
    '8',
    '--eval-iters',
    '2',
    '--save',
    checkpoint,
  ]);
  expect(trained.stderr).toBe('');
  const exported = await cli('export', ['--checkpoint', checkpoint, '--out', folder, '--zip']);
  expect(exported.stderr).toBe('');
  expect(exported.code).toBe(0);
}, 120_000);

describe('export and import in the CLI', () => {
  it('writes every file of the folder, in its format', () => {
    for (const file of [
      'model.safetensors',
      'optimizer.safetensors',
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'special_tokens_map.json',
      'vocab.json',
      'merges.txt',
      'playground-tokenizer.json',
      'train.bin',
      'val.bin',
      'meta.json',
      'playground.json',
      'train.py',
      'README.md',
    ]) {
      expect(existsSync(join(folder, file)), file).toBe(true);
    }
    const config = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8'));
    expect(config).toMatchObject({
      model_type: 'gpt2',
      n_layer: 2,
      n_head: 2,
      n_embd: 32,
      n_positions: 32,
      activation_function: 'gelu_new',
      layer_norm_epsilon: 1e-5,
      tie_word_embeddings: true,
      is_causal: true,
    });
    const weights = decodeSafetensors(
      new Uint8Array(readFileSync(join(folder, 'model.safetensors'))),
    );
    expect(weights.metadata.format).toBe('pt');
    expect(weights.tensors.get('transformer.h.0.attn.c_attn.weight')?.shape).toEqual([32, 96]);
    expect(weights.tensors.get('transformer.h.1.mlp.c_proj.weight')?.shape).toEqual([128, 32]);
    expect(weights.tensors.get('lm_head.weight')?.shape).toEqual([config.vocab_size, 32]);
    const meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({
      dtype: 'uint16',
      tokenizer: 'bpe',
      vocab_size: config.vocab_size,
    });
    const trainBytes = readFileSync(join(folder, 'train.bin')).length;
    expect(trainBytes).toBe(meta.split.train_tokens * 2);
    expect(existsSync(`${folder}.zip`)).toBe(true);
  });

  it('gives identical log-probabilities from the checkpoint, the folder and the zip', async () => {
    const prompt = 'Call me Ishmael. Some years ago';
    const original = await predict(checkpoint, prompt);
    const fromFolder = await predict(folder, prompt);
    const fromZip = await predict(`${folder}.zip`, prompt);
    expect(fromFolder.ids).toEqual(original.ids);
    expect(maxAbsDiff(original.logprobs, fromFolder.logprobs)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(original.logprobs, fromZip.logprobs)).toBeLessThanOrEqual(1e-5);
    const total = original.logprobs.reduce((s, lp) => s + Math.exp(lp), 0);
    expect(total).toBeCloseTo(1, 4);
  });

  it('continues training from the folder with --resume', async () => {
    const resumed = await cli('train', [
      '--resume',
      folder,
      '--steps',
      '12',
      '--eval-every',
      '4',
      '--json',
    ]);
    expect(resumed.stderr).toBe('');
    const steps = resumed.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { step: number }).step);
    expect(steps).toEqual([8, 12]);
  });

  it('refuses bad folders in words', async () => {
    /** A copy of the folder to spoil; without its checksums (which would name any change first). */
    const bad = (name: string, keepChecksums = false): string => {
      const copy = join(dir, name);
      rmSync(copy, { recursive: true, force: true });
      cpSync(folder, copy, { recursive: true });
      if (!keepChecksums) rmSync(join(copy, 'playground-checksums.json'));
      return copy;
    };
    const refusal = async (path: string): Promise<string> => {
      const out = await cli('predict', ['--checkpoint', path, '--prompt', 'a']);
      expect(out.code).toBe(1);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
      return out.stderr;
    };

    const noConfig = bad('no-config');
    rmSync(join(noConfig, 'config.json'));
    expect(await refusal(noConfig)).toMatch(/no config\.json/u);

    const wrongShape = bad('wrong-shape', true);
    const config = JSON.parse(readFileSync(join(wrongShape, 'config.json'), 'utf8'));
    writeFileSync(join(wrongShape, 'config.json'), JSON.stringify({ ...config, n_embd: 64 }));
    // The folder's checksums name the changed file first; without them, the shapes are checked.
    expect(await refusal(wrongShape)).toMatch(
      /config\.json is damaged or was changed after export/u,
    );
    rmSync(join(wrongShape, 'playground-checksums.json'));
    expect(await refusal(wrongShape)).toMatch(/has shape \[.*\] but config\.json needs/u);

    const truncated = bad('truncated');
    const weights = readFileSync(join(truncated, 'model.safetensors'));
    writeFileSync(join(truncated, 'model.safetensors'), weights.subarray(0, weights.length - 1000));
    expect(await refusal(truncated)).toMatch(/model\.safetensors: .*(truncated|outside the file)/u);

    const lying = bad('lying');
    const file = decodeSafetensors(new Uint8Array(weights));
    const good = encodeSafetensors(
      [...file.tensors].map(([name, t]) => ({ name, shape: t.shape, values: t.values })),
      file.metadata,
    );
    const headerLength = Number(new DataView(good.buffer).getBigUint64(0, true));
    const header = new TextDecoder().decode(good.subarray(8, 8 + headerLength));
    // Move one tensor's offsets by 4 bytes: the header now lies about where the data is.
    const lie = header.replace(/"data_offsets":\[0,(\d+)\]/u, (_, end: string) => {
      return `"data_offsets":[4,${Number(end) + 4}]`.padEnd(`"data_offsets":[0,${end}]`.length);
    });
    expect(lie).not.toBe(header);
    const lied = good.slice();
    lied.set(new TextEncoder().encode(lie.padEnd(headerLength)), 8);
    writeFileSync(join(lying, 'model.safetensors'), lied);
    expect(await refusal(lying)).toMatch(
      /model\.safetensors: tensor .* (overlaps|outside|starts at)/u,
    );

    const noTokenizer = bad('no-tokenizer');
    rmSync(join(noTokenizer, 'tokenizer.json'));
    rmSync(join(noTokenizer, 'playground-tokenizer.json'));
    expect(await refusal(noTokenizer)).toMatch(/no tokenizer/u);

    const notZip = join(dir, 'not-a-model.zip');
    copyFileSync(text, notZip);
    expect(await refusal(notZip)).toMatch(/not a Pre-training Playground checkpoint/u);
  });
});
