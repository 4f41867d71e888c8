/**
 * Log-likelihood scoring: how probable the model finds some tokens in a context.
 * - Causal: Σ log p(continuationₜ | context, continuation<ₜ), one causal forward per row, the
 *   context cropped from the left so the row fits the context length (a continuation longer
 *   than the context length is scored in consecutive rows).
 * - Masked, span: every position of the span is replaced by [MASK] in one row and the row scores
 *   Σ log p(spanₜ at t). Candidates compared this way must have the same token length (the number
 *   of [MASK]s is visible to the model, and sums over different counts do not compare).
 * - Masked, pseudo-log-likelihood: one row per span position, that position alone masked; works
 *   for any lengths (even spans longer than the context), at the cost of one row per token.
 * Rows from many requests share forward passes (causal rows are right-padded, which a causal
 * model never sees; bidirectional rows are grouped by length, never padded), and the per-row
 * sums of all passes are read back in one transfer.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../config/config';
import { SPECIAL_IDS } from '../../tokenizer/tokenizer';
import type { AttentionKind } from '../model/attention';
import { forward } from '../model/gpt';
import { oneHotFloat } from '../model/layers';
import type { GptParams } from '../model/params';

/** One input row and the tokens it scores: at `positions[i]`, the log-probability of `targets[i]`. */
export interface ScoringRow {
  /** Token ids the model reads (length ≤ blockSize). */
  ids: Int32Array;
  /** Where the scored predictions are read (for causal rows: the position before the token). */
  positions: number[];
  /** The token scored at each position. */
  targets: number[];
}

/** Limits on the size of one forward pass. */
export interface ScoringOptions {
  /** At most this many tokens (rows × length) per forward pass. */
  maxTokensPerPass: number;
  /** At most this many logits (rows × length × vocabSize) per forward pass. */
  maxLogitsPerPass: number;
}

/** Defaults: a few training batches' worth of tokens, and logits up to 8 MB per pass. */
export const DEFAULT_SCORING: ScoringOptions = {
  maxTokensPerPass: 8192,
  maxLogitsPerPass: 1 << 21,
};

/**
 * Causal rows scoring `continuation` after `context`: context cropped from the left to fit the
 * context length; continuations longer than it take several rows. Without context, the first
 * continuation token cannot be predicted and is not scored.
 */
export function buildCausalRows(
  context: Int32Array,
  continuation: Int32Array,
  blockSize: number,
): ScoringRow[] {
  const full = new Int32Array(context.length + continuation.length);
  full.set(context);
  full.set(continuation, context.length);
  const rows: ScoringRow[] = [];
  // Target positions in `full`, in chunks of at most blockSize.
  for (let a = Math.max(1, context.length); a < full.length; a += blockSize) {
    const end = Math.min(full.length, a + blockSize);
    const start = Math.max(0, end - 1 - blockSize); // the row reads full[start … end−1)
    const positions: number[] = [];
    const targets: number[] = [];
    for (let p = a; p < end; p++) {
      positions.push(p - 1 - start); // the logits at p−1 predict token p
      targets.push(full[p] ?? 0);
    }
    rows.push({ ids: full.slice(start, end - 1), positions, targets });
  }
  return rows;
}

/** Crops left and right context around a span of `spanLength` to fit `blockSize`, evenly. */
function cropAround(
  left: Int32Array,
  spanLength: number,
  right: Int32Array,
  blockSize: number,
): { left: Int32Array; right: Int32Array } {
  if (spanLength > blockSize) {
    throw new Error(
      `A span of ${spanLength} tokens does not fit the model's context length ${blockSize}.`,
    );
  }
  const room = blockSize - spanLength;
  const rightKeep = Math.min(right.length, Math.max(Math.floor(room / 2), room - left.length));
  const leftKeep = Math.min(left.length, room - rightKeep);
  return { left: left.subarray(left.length - leftKeep), right: right.subarray(0, rightKeep) };
}

/** Joins left, middle and right into one row of ids. */
function joinIds(left: Int32Array, middle: Int32Array, right: Int32Array): Int32Array {
  const ids = new Int32Array(left.length + middle.length + right.length);
  ids.set(left);
  ids.set(middle, left.length);
  ids.set(right, left.length + middle.length);
  return ids;
}

/** One bidirectional row with every span position masked, scoring the span's tokens. */
export function buildMaskedSpanRow(
  left: Int32Array,
  span: Int32Array,
  right: Int32Array,
  blockSize: number,
): ScoringRow {
  const cropped = cropAround(left, span.length, right, blockSize);
  const masks = new Int32Array(span.length).fill(SPECIAL_IDS.mask);
  const offset = cropped.left.length;
  return {
    ids: joinIds(cropped.left, masks, cropped.right),
    positions: Array.from(span, (_, i) => offset + i),
    targets: Array.from(span),
  };
}

/**
 * One bidirectional row per span position, that position alone masked and the rest of the span
 * visible (pseudo-log-likelihood). Each row is cropped around its own masked position, so spans
 * of any length fit.
 */
export function buildPseudoRows(
  left: Int32Array,
  span: Int32Array,
  right: Int32Array,
  blockSize: number,
): ScoringRow[] {
  return Array.from(span, (token, i) => {
    const cropped = cropAround(
      joinIds(left, span.subarray(0, i), new Int32Array(0)),
      1,
      joinIds(span.subarray(i + 1), right, new Int32Array(0)),
      blockSize,
    );
    return {
      ids: joinIds(cropped.left, Int32Array.of(SPECIAL_IDS.mask), cropped.right),
      positions: [cropped.left.length],
      targets: [token],
    };
  });
}

/**
 * Orders rows into forward passes: longest first, within the size limits; bidirectional passes
 * hold rows of one length only (padding would be visible to them).
 */
function planPasses(
  rows: readonly ScoringRow[],
  attention: AttentionKind,
  vocabSize: number,
  options: ScoringOptions,
): number[][] {
  const order = rows.map((_, i) => i).filter((i) => (rows[i]?.ids.length ?? 0) > 0);
  order.sort((a, b) => (rows[b]?.ids.length ?? 0) - (rows[a]?.ids.length ?? 0) || a - b);
  const passes: number[][] = [];
  let pass: number[] = [];
  let width = 0;
  for (const i of order) {
    const length = rows[i]?.ids.length ?? 0;
    const tokens = (pass.length + 1) * width;
    const full = tokens > options.maxTokensPerPass || tokens * vocabSize > options.maxLogitsPerPass;
    if (pass.length > 0 && (full || (attention === 'bidirectional' && length !== width))) {
      passes.push(pass);
      pass = [];
    }
    if (pass.length === 0) width = length;
    pass.push(i);
  }
  if (pass.length > 0) passes.push(pass);
  return passes;
}

/** Dispatches one pass; returns each row's summed log-probability as a device tensor [R]. */
function dispatchPass(
  params: GptParams,
  config: ModelConfig,
  attention: AttentionKind,
  rows: readonly ScoringRow[],
): tf.Tensor1D {
  const r = rows.length;
  const t = Math.max(...rows.map((row) => row.ids.length));
  const ids = new Int32Array(r * t).fill(SPECIAL_IDS.pad);
  const targets = new Int32Array(r * t);
  const weights = new Float32Array(r * t);
  rows.forEach((row, i) => {
    ids.set(row.ids, i * t);
    row.positions.forEach((p, k) => {
      targets[i * t + p] = row.targets[k] ?? 0;
      weights[i * t + p] = 1;
    });
  });
  return tf.tidy(() => {
    const { logits } = forward(params, config, tf.tensor2d(ids, [r, t], 'int32'), {
      attention,
      dropoutSeed: null,
    }); // [R·T, V]
    const picked = tf.sum(
      tf.mul(tf.logSoftmax(logits), oneHotFloat(tf.tensor1d(targets, 'int32'), config.vocabSize)),
      1,
    ); // [R·T]
    const weighted = tf.mul(picked, tf.tensor1d(weights, 'float32'));
    return tf.sum(tf.reshape(weighted, [r, t]), 1) as tf.Tensor1D; // [R]
  });
}

/** Σ log p(target) of every row (nats), in a few forward passes and one read-back. */
export async function scoreRows(
  params: GptParams,
  config: ModelConfig,
  attention: AttentionKind,
  rows: readonly ScoringRow[],
  options: ScoringOptions = DEFAULT_SCORING,
): Promise<Float64Array> {
  for (const row of rows) {
    if (row.ids.length > config.blockSize) {
      throw new Error(`A row of ${row.ids.length} tokens exceeds the context length.`);
    }
  }
  const scores = new Float64Array(rows.length);
  const passes = planPasses(rows, attention, config.vocabSize, options);
  if (passes.length === 0) return scores;
  const sums: tf.Tensor1D[] = [];
  try {
    for (const pass of passes) {
      const passRows = pass.map((i) => rows[i] as ScoringRow);
      sums.push(dispatchPass(params, config, attention, passRows));
    }
  } catch (error) {
    tf.dispose(sums);
    throw error;
  }
  const packed = tf.tidy(() => tf.concat(sums)); // [rows scored]
  tf.dispose(sums);
  try {
    const values = await packed.data();
    let k = 0;
    for (const pass of passes) for (const i of pass) scores[i] = values[k++] ?? NaN;
  } finally {
    packed.dispose();
  }
  return scores;
}

/** Scores requests made of several rows each: per request, the sum over its rows. */
export async function scoreRequests(
  params: GptParams,
  config: ModelConfig,
  attention: AttentionKind,
  requests: readonly (readonly ScoringRow[])[],
  options: ScoringOptions = DEFAULT_SCORING,
): Promise<number[]> {
  const rows = requests.flat();
  const scores = await scoreRows(params, config, attention, rows, options);
  let k = 0;
  return requests.map((request) => {
    let sum = 0;
    for (let i = 0; i < request.length; i++) sum += scores[k++] ?? NaN;
    return sum;
  });
}

/** Causal log-likelihood Σ log p(continuation | context) of each pair (nats). */
export async function causalLogLikelihoods(
  params: GptParams,
  config: ModelConfig,
  pairs: readonly { context: Int32Array; continuation: Int32Array }[],
  options: ScoringOptions = DEFAULT_SCORING,
): Promise<number[]> {
  const requests = pairs.map((p) => buildCausalRows(p.context, p.continuation, config.blockSize));
  return scoreRequests(params, config, 'causal', requests, options);
}

/**
 * Masked log-likelihood of each span between its left and right context (nats): `span` masks
 * the whole span in one row (compare only spans of equal length), `pseudo` masks one position
 * per row (any lengths).
 */
export async function maskedLogLikelihoods(
  params: GptParams,
  config: ModelConfig,
  spans: readonly { left: Int32Array; span: Int32Array; right: Int32Array }[],
  method: 'span' | 'pseudo',
  options: ScoringOptions = DEFAULT_SCORING,
): Promise<number[]> {
  const requests = spans.map((s) =>
    method === 'span'
      ? [buildMaskedSpanRow(s.left, s.span, s.right, config.blockSize)]
      : buildPseudoRows(s.left, s.span, s.right, config.blockSize),
  );
  return scoreRequests(params, config, 'bidirectional', requests, options);
}
