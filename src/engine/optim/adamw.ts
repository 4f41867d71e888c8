/**
 * AdamW (Loshchilov & Hutter): Adam with decoupled weight decay, applied only to parameters
 * flagged `decay` (weight matrices). The update matches PyTorch's `torch.optim.AdamW`:
 *   p ← p · (1 − lr·wd);  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;
 *   p ← p − lr · m̂ / (√v̂ + ε),  with bias-corrected m̂, v̂.
 */
import * as tf from '@tensorflow/tfjs';
import { ADAMW_UPDATE, type AdamWUpdateAttrs } from '../kernels/optimizer';
import type { NamedParameter } from '../model/params';

/** Optimiser hyperparameters (the learning rate is passed per step). */
export interface AdamWSettings {
  beta1: number;
  beta2: number;
  weightDecay: number;
  epsilon: number;
}

/** The optimiser's per-parameter state, for checkpoints. */
export interface AdamWState {
  step: number;
  firstMoments: tf.Tensor[];
  secondMoments: tf.Tensor[];
}

/** AdamW over a fixed list of parameters. */
export class AdamW {
  private step = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  /** Creates zeroed moments for every parameter. */
  constructor(
    private readonly params: NamedParameter[],
    private readonly settings: AdamWSettings,
  ) {
    // tf.variable keeps its initial tensor alive; tidy frees that handle, the variable keeps the data.
    const zeros = (p: NamedParameter): tf.Variable =>
      tf.tidy(() => tf.variable(tf.zerosLike(p.variable), false));
    this.m = params.map(zeros);
    this.v = params.map(zeros);
  }

  /**
   * Applies one update. `grads[i]` is the gradient of `params[i]`, or null for a frozen parameter
   * (left as it is, moments included); `gradScale` (clipping) multiplies every gradient.
   * Disposes nothing it was given.
   */
  applyGradients(grads: (tf.Tensor | null)[], learningRate: number, gradScale: tf.Scalar): void {
    this.step++;
    const { beta1, beta2, weightDecay, epsilon } = this.settings;
    const correction1 = 1 - beta1 ** this.step;
    const correction2 = 1 - beta2 ** this.step;
    const fused = tf.getBackend() === 'wasm';
    tf.tidy(() => {
      this.params.forEach((param, i) => {
        const grad = grads[i];
        const m = this.m[i];
        const v = this.v[i];
        if (grad === null) return;
        if (!grad || !m || !v) throw new Error(`AdamW: missing gradient for ${param.name}.`);
        const decayFactor = param.decay && weightDecay > 0 ? 1 - learningRate * weightDecay : 1;
        if (fused) {
          // One pass over the values (kernels/optimizer.ts) instead of a dozen kernels.
          const attrs: AdamWUpdateAttrs = {
            learningRate,
            beta1,
            beta2,
            epsilon,
            decayFactor,
            correction1,
            correction2,
          };
          const [nextParam, nextM, nextV] = tf
            .engine()
            .runKernel(
              ADAMW_UPDATE,
              { param: param.variable, grad, m, v, scale: gradScale },
              attrs as unknown as tf.NamedAttrMap,
            ) as tf.Tensor[];
          if (!nextParam || !nextM || !nextV) throw new Error('AdamW: the update kernel failed.');
          param.variable.assign(nextParam);
          m.assign(nextM);
          v.assign(nextV);
          return;
        }
        const g = tf.mul(grad, gradScale);
        const nextM = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
        const nextV = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
        const update = tf.div(
          tf.div(nextM, correction1),
          tf.add(tf.sqrt(tf.div(nextV, correction2)), epsilon),
        );
        const p = decayFactor === 1 ? param.variable : tf.mul(param.variable, decayFactor);
        param.variable.assign(tf.sub(p, tf.mul(update, learningRate)));
        m.assign(nextM);
        v.assign(nextV);
      });
    });
  }

  /** A copy-free view of the state (the tensors stay owned by the optimiser). */
  getState(): AdamWState {
    return { step: this.step, firstMoments: this.m, secondMoments: this.v };
  }

  /** Replaces the state (shapes must match the parameters). */
  setState(state: AdamWState): void {
    this.step = state.step;
    state.firstMoments.forEach((t, i) => this.m[i]?.assign(t));
    state.secondMoments.forEach((t, i) => this.v[i]?.assign(t));
  }

  /** Releases the moment buffers. */
  dispose(): void {
    for (const t of [...this.m, ...this.v]) t.dispose();
  }
}
