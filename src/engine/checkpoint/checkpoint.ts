/**
 * A training session saved as a checkpoint file and read back: the session state (weights,
 * optimiser moments, step, random streams, config) plus the tokenizer and whatever the caller
 * wants kept with it (curves, a name). See format.ts for the bytes.
 */
import type { ModelConfig, RunConfig } from '../../config/config';
import { validateConfig } from '../../config/validate';
import type { Freeze, SessionState } from '../session';
import { NO_FREEZE } from '../session';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint } from './format';

/** What is stored besides the tensors. */
interface CheckpointPayload {
  app: 'pretraining-playground';
  name: string;
  createdAt: string;
  model: ModelConfig;
  training: RunConfig['training'];
  step: number;
  freeze: SessionState['freeze'];
  rngStates: SessionState['rngStates'];
  tokenizer: unknown;
  extra: unknown;
}

/** A checkpoint as the app uses it. */
export interface SavedRun {
  name: string;
  createdAt: string;
  state: SessionState;
  /** The serialised tokenizer (validated by the tokenizer registry when loaded). */
  tokenizer: unknown;
  /** Caller data kept with the weights (e.g. the loss curves). */
  extra: unknown;
}

/** Writes a saved run to checkpoint bytes. */
export function writeCheckpoint(run: SavedRun): Uint8Array {
  const { state } = run;
  const payload: CheckpointPayload = {
    app: 'pretraining-playground',
    name: run.name,
    createdAt: run.createdAt,
    model: state.model,
    training: state.training,
    step: state.step,
    freeze: state.freeze,
    rngStates: state.rngStates,
    tokenizer: run.tokenizer,
    extra: run.extra,
  };
  return encodeCheckpoint({
    header: { tensors: state.tensors.map(({ name, shape }) => ({ name, shape })), payload },
    values: state.tensors.map((t) => t.values),
  });
}

function isRngState(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    value.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff)
  );
}

function readFreeze(value: unknown): Freeze {
  if (typeof value !== 'object' || value === null) return NO_FREEZE;
  const { embeddings, blocks } = value as Record<string, unknown>;
  if (typeof embeddings !== 'boolean' || !Number.isInteger(blocks) || (blocks as number) < 0) {
    throw new CheckpointError('This checkpoint has an invalid list of frozen parameters.');
  }
  return { embeddings, blocks: blocks as number };
}

/** Reads checkpoint bytes; throws `CheckpointError` with a message for people if they are not a valid run. */
export function readCheckpoint(bytes: Uint8Array): SavedRun {
  const { header, values } = decodeCheckpoint(bytes);
  const payload = header.payload as Partial<CheckpointPayload> | null;
  if (!payload || payload.app !== 'pretraining-playground') {
    throw new CheckpointError('This checkpoint was not written by the Pre-training Playground.');
  }
  const { model, training, step, rngStates } = payload;
  if (!model || !training || typeof model !== 'object' || typeof training !== 'object') {
    throw new CheckpointError('This checkpoint has no model configuration.');
  }
  const { vocabSize, ...settings } = model;
  const issues = validateConfig({ model: settings, training });
  if (issues.length > 0 || !Number.isInteger(vocabSize) || vocabSize < 4) {
    throw new CheckpointError(
      `This checkpoint's configuration is invalid: ${issues.map((i) => i.message).join(' ') || 'bad vocabulary size.'}`,
    );
  }
  if (!Number.isInteger(step) || (step ?? -1) < 0)
    throw new CheckpointError('This checkpoint has an invalid step count.');
  if (
    !rngStates ||
    !isRngState(rngStates.batches) ||
    !isRngState(rngStates.masking) ||
    !isRngState(rngStates.dropout)
  ) {
    throw new CheckpointError('This checkpoint has invalid random-generator states.');
  }
  return {
    name: typeof payload.name === 'string' ? payload.name : 'checkpoint',
    createdAt: typeof payload.createdAt === 'string' ? payload.createdAt : '',
    tokenizer: payload.tokenizer ?? null,
    extra: payload.extra ?? null,
    state: {
      model,
      training,
      step: step ?? 0,
      freeze: readFreeze(payload.freeze),
      rngStates,
      tensors: header.tensors.map((t, i) => ({ ...t, values: values[i] ?? new Float32Array() })),
    },
  };
}
