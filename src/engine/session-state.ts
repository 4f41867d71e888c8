/**
 * A training session's saved state: what it holds (weights, Adam's moments, step, random
 * streams), reading it back from the device, checking it against its model shape, and writing
 * it into a new session. Checkpoints store it; `TrainingSession.restore` continues from it.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig, TrainingConfig } from '../config/config';
import type { Rng } from '../shared/rng';
import type { Freeze } from './freeze';
import type { NamedParameter } from './model/params';
import { parameterShapes } from './model/params';
import type { AdamW } from './optim/adamw';

/** Everything needed to continue training exactly where a session stopped. */
export interface SessionState {
  model: ModelConfig;
  training: TrainingConfig;
  /** Steps taken. */
  step: number;
  /** Positions of the batch, masking and dropout random streams. */
  rngStates: { batches: number[]; masking: number[]; dropout: number[] };
  /** Parameters kept fixed (fine-tuning). */
  freeze: Freeze;
  /** Parameters (nanoGPT names), then Adam's first (`adam.m.` + name) and second (`adam.v.` + name) moments. */
  tensors: { name: string; shape: number[]; values: Float32Array }[];
}

/** The parts of a session its state is read from and written to. */
export interface SessionParts {
  named: readonly NamedParameter[];
  optimizer: AdamW;
  rngs: { batches: Rng; masking: Rng; dropout: Rng };
}

/** Reads the parameters, Adam's moments and the random streams back, in one batch of transfers. */
export async function readSessionState(
  parts: SessionParts,
  header: Pick<SessionState, 'model' | 'training' | 'step' | 'freeze'>,
): Promise<SessionState> {
  const { named, optimizer, rngs } = parts;
  const { firstMoments, secondMoments } = optimizer.getState();
  const entries = [
    ...named.map((p) => ({ name: p.name, tensor: p.variable as tf.Tensor })),
    ...named.map((p, i) => ({ name: `adam.m.${p.name}`, tensor: firstMoments[i] as tf.Tensor })),
    ...named.map((p, i) => ({ name: `adam.v.${p.name}`, tensor: secondMoments[i] as tf.Tensor })),
  ];
  const values = await Promise.all(entries.map((e) => e.tensor.data() as Promise<Float32Array>));
  return {
    ...header,
    rngStates: {
      batches: rngs.batches.getState(),
      masking: rngs.masking.getState(),
      dropout: rngs.dropout.getState(),
    },
    tensors: entries.map((e, i) => ({
      name: e.name,
      shape: e.tensor.shape,
      values: values[i] ?? new Float32Array(),
    })),
  };
}

/** Checks the saved tensor names and shapes against the saved model config; throws if they differ. */
export function checkStateFits(state: SessionState): void {
  const expected = parameterShapes(state.model);
  const names = [
    ...expected,
    ...expected.map((p) => ({ ...p, name: `adam.m.${p.name}` })),
    ...expected.map((p) => ({ ...p, name: `adam.v.${p.name}` })),
  ];
  const mismatch = names.find((e, i) => {
    const t = state.tensors[i];
    return !t || t.name !== e.name || t.shape.join('x') !== e.shape.join('x');
  });
  if (mismatch || state.tensors.length !== names.length) {
    throw new Error(
      `The saved weights do not fit the saved model shape${mismatch ? ` (at ${mismatch.name})` : ''}.`,
    );
  }
}

/** Writes a saved state (checked with `checkStateFits`) into a session's parts. */
export function writeSessionState(parts: SessionParts, state: SessionState): void {
  const { named, optimizer, rngs } = parts;
  const count = named.length;
  tf.tidy(() => {
    named.forEach((p, i) =>
      p.variable.assign(tf.tensor(state.tensors[i]?.values ?? [], p.variable.shape)),
    );
  });
  const moments = (from: number): tf.Tensor[] =>
    named.map((p, i) => tf.tensor(state.tensors[from + i]?.values ?? [], p.variable.shape));
  const firstMoments = moments(count);
  const secondMoments = moments(2 * count);
  optimizer.setState({ step: state.step, firstMoments, secondMoments });
  tf.dispose([...firstMoments, ...secondMoments]);
  rngs.batches.setState(state.rngStates.batches);
  rngs.masking.setState(state.rngStates.masking);
  rngs.dropout.setState(state.rngStates.dropout);
}
