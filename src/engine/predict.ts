/**
 * What a model predicts: the next-token distribution and a sampled continuation (causal), the
 * candidates for each [MASK] (masked), and one head's attention map for the input. Numbers are
 * read back asynchronously, once per forward pass.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../config/config';
import type { Rng } from '../shared/rng';
import type { Tokenizer } from '../tokenizer/tokenizer';
import { FIRST_REGULAR_ID, SPECIAL_IDS } from '../tokenizer/tokenizer';
import type { AttentionKind } from './model/attention';
import { forward } from './model/gpt';
import type { GptParams } from './model/params';

/** A candidate token and its probability. */
export interface Candidate {
  id: number;
  text: string;
  probability: number;
}

/** One layer/head attention map over the input tokens (row = query). */
export interface AttentionPattern {
  layer: number;
  head: number;
  tokens: string[];
  /** Row-major [tokens.length²]. */
  weights: number[];
}

/** A model and the tokenizer it reads. */
export interface Predictor {
  params: GptParams;
  config: ModelConfig;
  tokenizer: Tokenizer;
}

interface ForwardReadout {
  /** Probabilities [T, vocabSize], row-major. */
  probabilities: Float32Array;
  attention: AttentionPattern;
}

/** Runs one forward pass on `ids` and reads back the probabilities and one attention map. */
async function readForward(
  predictor: Predictor,
  ids: Int32Array,
  attention: AttentionKind,
  layer: number,
  head: number,
): Promise<ForwardReadout> {
  const { params, config, tokenizer } = predictor;
  const t = ids.length;
  const safeLayer = Math.min(Math.max(0, layer), config.nLayer - 1);
  const safeHead = Math.min(Math.max(0, head), config.nHead - 1);
  const [probs, map] = tf.tidy(() => {
    const input = tf.tensor2d(ids, [1, t], 'int32');
    const out = forward(params, config, input, {
      attention,
      dropoutSeed: null,
      keepAttention: true,
    });
    const layerAttention = out.attention[safeLayer];
    if (!layerAttention) throw new Error('No attention map for that layer.');
    const headMap = tf.slice(layerAttention, [0, safeHead, 0, 0], [1, 1, t, t]); // [1, 1, T, T]
    return [tf.softmax(out.logits), headMap];
  });
  const [probabilities, weights] = await Promise.all([probs.data(), map.data()]);
  probs.dispose();
  map.dispose();
  return {
    probabilities: probabilities as Float32Array,
    attention: {
      layer: safeLayer,
      head: safeHead,
      tokens: Array.from(ids, (id) => tokenizer.tokenText(id)),
      weights: Array.from(weights),
    },
  };
}

/** The probabilities at the last of `t` positions. [T, V] → [V] */
function lastRow(probabilities: Float32Array, t: number, vocabSize: number): Float32Array {
  return probabilities.subarray((t - 1) * vocabSize, t * vocabSize);
}

/** The `k` most probable ordinary tokens in one row of probabilities (specials excluded). */
export function topCandidates(
  row: ArrayLike<number>,
  k: number,
  tokenizer: Tokenizer,
): Candidate[] {
  const ids: number[] = [];
  for (let id = FIRST_REGULAR_ID; id < row.length; id++) ids.push(id);
  ids.sort((a, b) => (row[b] ?? 0) - (row[a] ?? 0));
  return ids
    .slice(0, k)
    .map((id) => ({ id, text: tokenizer.tokenText(id), probability: row[id] ?? 0 }));
}

/**
 * Draws a token from probabilities at a temperature, among the `topK` most likely ordinary
 * tokens (0 = all). Sampled in JavaScript: tf.multinomial's first draw is always 0 (tfjs #8057).
 */
export function sampleToken(
  row: ArrayLike<number>,
  temperature: number,
  topK: number,
  rng: Rng,
): number {
  const candidates: { id: number; weight: number }[] = [];
  for (let id = FIRST_REGULAR_ID; id < row.length; id++) {
    const p = row[id] ?? 0;
    // p^(1/T) renormalised = softmax(logits / T).
    if (p > 0) candidates.push({ id, weight: Math.exp(Math.log(p) / Math.max(temperature, 1e-3)) });
  }
  candidates.sort((a, b) => b.weight - a.weight);
  const kept = topK > 0 ? candidates.slice(0, topK) : candidates;
  const total = kept.reduce((s, c) => s + c.weight, 0);
  let r = rng.next() * total;
  for (const c of kept) {
    r -= c.weight;
    if (r <= 0) return c.id;
  }
  return kept[kept.length - 1]?.id ?? SPECIAL_IDS.unk;
}

/** How to sample a continuation. */
export interface SamplingOptions {
  temperature: number;
  /** Sample among the k most likely tokens (0 = all). */
  sampleTopK: number;
  /** Tokens to generate. */
  sampleLength: number;
}

/**
 * Samples `sampleLength` tokens after `promptIds`, given the distribution for the first one;
 * each further token costs a forward pass over the last blockSize tokens.
 */
async function continueSampling(
  predictor: Predictor,
  promptIds: number[],
  firstRow: Float32Array,
  options: SamplingOptions,
  rng: Rng,
): Promise<number[]> {
  const { blockSize, vocabSize } = predictor.config;
  const generated: number[] = [];
  let row = firstRow;
  for (let i = 0; i < options.sampleLength; i++) {
    generated.push(sampleToken(row, options.temperature, options.sampleTopK, rng));
    if (i === options.sampleLength - 1) break;
    const ids = Int32Array.from([...promptIds, ...generated].slice(-blockSize));
    const readout = await readForward(predictor, ids, 'causal', 0, 0);
    row = lastRow(readout.probabilities, ids.length, vocabSize);
  }
  return generated;
}

/** Generates a continuation of `prompt` (ids of the prompt and of the generated tokens). */
export async function generateText(
  predictor: Predictor,
  prompt: string,
  options: SamplingOptions,
  rng: Rng,
): Promise<{ promptIds: number[]; generated: number[] }> {
  const { blockSize, vocabSize } = predictor.config;
  const promptIds = Array.from(predictor.tokenizer.encode(prompt));
  if (promptIds.length === 0) throw new Error('Type a prompt of at least one character.');
  const ids = Int32Array.from(promptIds.slice(-blockSize));
  const first = await readForward(predictor, ids, 'causal', 0, 0);
  const row = lastRow(first.probabilities, ids.length, vocabSize);
  return { promptIds, generated: await continueSampling(predictor, promptIds, row, options, rng) };
}

/** Options for `predictNextToken`. */
export interface NextTokenOptions extends SamplingOptions {
  topK: number;
  attentionLayer: number;
  attentionHead: number;
}

/** Next-token candidates for a prompt, a sampled continuation, and an attention map. */
export async function predictNextToken(
  predictor: Predictor,
  prompt: string,
  options: NextTokenOptions,
  rng: Rng,
): Promise<{ top: Candidate[]; sample: string; attention: AttentionPattern }> {
  const { config, tokenizer } = predictor;
  const promptIds = Array.from(tokenizer.encode(prompt));
  if (promptIds.length === 0) throw new Error('Type a prompt of at least one character.');
  const ids = Int32Array.from(promptIds.slice(-config.blockSize));
  const first = await readForward(
    predictor,
    ids,
    'causal',
    options.attentionLayer,
    options.attentionHead,
  );
  const row = lastRow(first.probabilities, ids.length, config.vocabSize);
  const top = topCandidates(row, options.topK, tokenizer);
  const generated = await continueSampling(predictor, promptIds, row, options, rng);
  return { top, sample: tokenizer.decode(generated), attention: first.attention };
}

/** Candidates for every [MASK] in `text`, and an attention map over the text. */
export async function predictFillIn(
  predictor: Predictor,
  text: string,
  options: { topK: number; attentionLayer: number; attentionHead: number },
): Promise<{ masks: { position: number; top: Candidate[] }[]; attention: AttentionPattern }> {
  const { config, tokenizer } = predictor;
  const ids = tokenizer.encode(text, { allowSpecial: true });
  const positions = Array.from(ids.keys()).filter((i) => ids[i] === SPECIAL_IDS.mask);
  if (positions.length === 0) throw new Error('Mark at least one position with [MASK].');
  if (ids.length > config.blockSize) {
    throw new Error(
      `The sentence has ${ids.length} tokens; the model reads at most ${config.blockSize} (its context length).`,
    );
  }
  const readout = await readForward(
    predictor,
    ids,
    'bidirectional',
    options.attentionLayer,
    options.attentionHead,
  );
  const v = config.vocabSize;
  const masks = positions.map((position) => ({
    position,
    top: topCandidates(
      readout.probabilities.subarray(position * v, (position + 1) * v),
      options.topK,
      tokenizer,
    ),
  }));
  return { masks, attention: readout.attention };
}
