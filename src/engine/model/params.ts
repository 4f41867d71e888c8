/**
 * The GPT's parameters: creation with nanoGPT's initialisation (normal(0, 0.02), residual
 * projections scaled by 1/√(2·nLayer), zero biases, unit LayerNorm gains), and a flat,
 * named list for the optimiser and checkpoints. Names follow nanoGPT's state_dict.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../config/config';
import type { Rng } from '../../shared/rng';
import { randomNormal } from '../../shared/rng';

/** Parameters of one transformer block. */
export interface BlockParams {
  ln1Gain: tf.Variable; // [C]
  ln1Bias: tf.Variable; // [C]
  attnWeight: tf.Variable; // [C, 3C]  q, k, v side by side
  attnBias: tf.Variable; // [3C]
  attnProjWeight: tf.Variable; // [C, C]
  attnProjBias: tf.Variable; // [C]
  ln2Gain: tf.Variable; // [C]
  ln2Bias: tf.Variable; // [C]
  fcWeight: tf.Variable; // [C, 4C]
  fcBias: tf.Variable; // [4C]
  mlpProjWeight: tf.Variable; // [4C, C]
  mlpProjBias: tf.Variable; // [C]
}

/** All parameters of the model. */
export interface GptParams {
  /** Token embedding, tied to the output head. [vocabSize, C] */
  wte: tf.Variable;
  /** Learned position embedding. [blockSize, C] */
  wpe: tf.Variable;
  blocks: BlockParams[];
  lnFGain: tf.Variable; // [C]
  lnFBias: tf.Variable; // [C]
}

/** One parameter with its nanoGPT name and whether weight decay applies to it. */
export interface NamedParameter {
  name: string;
  variable: tf.Variable;
  /** Decay weight matrices only: not biases, LayerNorm parameters or embeddings. */
  decay: boolean;
}

function normal(rng: Rng, shape: number[], std: number): tf.Variable {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = randomNormal(rng) * std;
  return tf.variable(tf.tensor(values, shape));
}

function filled(shape: number[], value: number): tf.Variable {
  return tf.variable(tf.fill(shape, value));
}

/** Creates freshly initialised parameters. Same seed (rng state) ⇒ same values on every backend. */
export function initParams(config: ModelConfig, rng: Rng): GptParams {
  const { vocabSize, blockSize, nLayer, nEmbd: c } = config;
  const std = 0.02;
  const projStd = std / Math.sqrt(2 * nLayer);
  const wte = normal(rng, [vocabSize, c], std);
  const wpe = normal(rng, [blockSize, c], std);
  const blocks: BlockParams[] = [];
  for (let i = 0; i < nLayer; i++) {
    blocks.push({
      ln1Gain: filled([c], 1),
      ln1Bias: filled([c], 0),
      attnWeight: normal(rng, [c, 3 * c], std),
      attnBias: filled([3 * c], 0),
      attnProjWeight: normal(rng, [c, c], projStd),
      attnProjBias: filled([c], 0),
      ln2Gain: filled([c], 1),
      ln2Bias: filled([c], 0),
      fcWeight: normal(rng, [c, 4 * c], std),
      fcBias: filled([4 * c], 0),
      mlpProjWeight: normal(rng, [4 * c, c], projStd),
      mlpProjBias: filled([c], 0),
    });
  }
  return { wte, wpe, blocks, lnFGain: filled([c], 1), lnFBias: filled([c], 0) };
}

/** Lists every parameter in a fixed order with its name and decay flag. */
export function listParameters(params: GptParams): NamedParameter[] {
  const list: NamedParameter[] = [
    { name: 'transformer.wte.weight', variable: params.wte, decay: false },
    { name: 'transformer.wpe.weight', variable: params.wpe, decay: false },
  ];
  params.blocks.forEach((b, i) => {
    const p = `transformer.h.${i}`;
    list.push(
      { name: `${p}.ln_1.weight`, variable: b.ln1Gain, decay: false },
      { name: `${p}.ln_1.bias`, variable: b.ln1Bias, decay: false },
      { name: `${p}.attn.c_attn.weight`, variable: b.attnWeight, decay: true },
      { name: `${p}.attn.c_attn.bias`, variable: b.attnBias, decay: false },
      { name: `${p}.attn.c_proj.weight`, variable: b.attnProjWeight, decay: true },
      { name: `${p}.attn.c_proj.bias`, variable: b.attnProjBias, decay: false },
      { name: `${p}.ln_2.weight`, variable: b.ln2Gain, decay: false },
      { name: `${p}.ln_2.bias`, variable: b.ln2Bias, decay: false },
      { name: `${p}.mlp.c_fc.weight`, variable: b.fcWeight, decay: true },
      { name: `${p}.mlp.c_fc.bias`, variable: b.fcBias, decay: false },
      { name: `${p}.mlp.c_proj.weight`, variable: b.mlpProjWeight, decay: true },
      { name: `${p}.mlp.c_proj.bias`, variable: b.mlpProjBias, decay: false },
    );
  });
  list.push(
    { name: 'transformer.ln_f.weight', variable: params.lnFGain, decay: false },
    { name: 'transformer.ln_f.bias', variable: params.lnFBias, decay: false },
  );
  return list;
}

/** Releases the GPU/CPU memory of every parameter. */
export function disposeParams(params: GptParams): void {
  for (const p of listParameters(params)) p.variable.dispose();
}
