/**
 * What the playground's settings controls show: a label, a help sentence, and the range and
 * step of every numeric field a learner may change. The ranges are the playground's (what
 * trains in a browser tab), narrower than what `validateConfig` accepts.
 */
import type { ModelSettings, RunConfig, TrainingConfig } from './config';
import type { ConfigIssue } from './validate';

/** A numeric field of the model settings. */
export type ModelField = `model.${keyof ModelSettings}`;

/** A numeric field of the training settings. */
export type TrainingField = `training.${Exclude<keyof TrainingConfig, 'objective'>}`;

/** Any numeric field of a run configuration. */
export type NumericField = ModelField | TrainingField;

/** Metadata for one numeric control. */
export interface NumericControl {
  field: NumericField;
  /** Its name in a link's query string, e.g. `lr` for `training.learningRate`. */
  param: string;
  /** A friendly name, e.g. "Context length" for `blockSize`. */
  label: string;
  /** One or two sentences on what it does. */
  help: string;
  min: number;
  max: number;
  step: number;
  /** Only whole numbers make sense. */
  integer: boolean;
  /** Shown only for this objective (e.g. the mask ratio for masked models). */
  objective?: TrainingConfig['objective'];
}

/** Every numeric control, in the order the Advanced section shows them. */
export const CONTROLS: readonly NumericControl[] = [
  {
    field: 'model.nLayer',
    param: 'layers',
    label: 'Layers',
    help: 'Transformer blocks stacked on top of each other. More layers can learn more abstract patterns.',
    min: 1,
    max: 12,
    step: 1,
    integer: true,
  },
  {
    field: 'model.nHead',
    param: 'heads',
    label: 'Heads',
    help: 'Attention heads per layer; each looks for a different kind of relation. Must divide the width.',
    min: 1,
    max: 16,
    step: 1,
    integer: true,
  },
  {
    field: 'model.nEmbd',
    param: 'width',
    label: 'Width',
    help: 'Numbers per token inside the model (embedding size). Cost grows with its square.',
    min: 8,
    max: 512,
    step: 8,
    integer: true,
  },
  {
    field: 'model.blockSize',
    param: 'ctx',
    label: 'Context length',
    help: 'How many tokens the model sees at once: the longest prompt it can use.',
    min: 4,
    max: 256,
    step: 1,
    integer: true,
  },
  {
    field: 'training.batchSize',
    param: 'batch',
    label: 'Batch size',
    help: 'Text windows averaged in each step. Larger batches give smoother, slower steps.',
    min: 1,
    max: 128,
    step: 1,
    integer: true,
  },
  {
    field: 'training.learningRate',
    param: 'lr',
    label: 'Learning rate',
    help: 'Peak size of each update. Too high and the loss explodes; too low and it barely moves.',
    min: 1e-5,
    max: 0.1,
    step: 1e-4,
    integer: false,
  },
  {
    field: 'training.minLr',
    param: 'minlr',
    label: 'Final learning rate',
    help: 'The cosine schedule lowers the learning rate to this value by the last step.',
    min: 0,
    max: 0.1,
    step: 1e-5,
    integer: false,
  },
  {
    field: 'training.maxIters',
    param: 'steps',
    label: 'Steps',
    help: 'How many updates to make before the run stops.',
    min: 1,
    max: 100_000,
    step: 100,
    integer: true,
  },
  {
    field: 'training.warmupIters',
    param: 'warmup',
    label: 'Warm-up steps',
    help: 'The learning rate rises from zero over these first steps, which keeps early training stable.',
    min: 0,
    max: 10_000,
    step: 10,
    integer: true,
  },
  {
    field: 'model.dropout',
    param: 'dropout',
    label: 'Dropout',
    help: 'Fraction of activations zeroed at random while training, against overfitting a small text.',
    min: 0,
    max: 0.5,
    step: 0.05,
    integer: false,
  },
  {
    field: 'training.maskRatio',
    param: 'mask',
    label: 'Mask ratio',
    help: 'Fraction of the tokens hidden as [MASK] for the model to fill in (BERT uses 15%).',
    min: 0.05,
    max: 0.5,
    step: 0.05,
    integer: false,
    objective: 'masked',
  },
  {
    field: 'training.evalInterval',
    param: 'eval',
    label: 'Evaluate every',
    help: 'Steps between two measurements of the validation loss.',
    min: 10,
    max: 10_000,
    step: 10,
    integer: true,
  },
  {
    field: 'training.seed',
    param: 'seed',
    label: 'Seed',
    help: 'Drives the initial weights, the batches and the masking: the same seed gives the same curve.',
    min: 0,
    max: 2 ** 31 - 1,
    step: 1,
    integer: true,
  },
];

/** Returns the control of a field. */
export function controlFor(field: NumericField): NumericControl {
  const control = CONTROLS.find((c) => c.field === field);
  if (control === undefined) throw new Error(`No control for ${field}`);
  return control;
}

function splitField(field: NumericField): ['model', keyof ModelSettings] | ['training', string] {
  const [group, key] = field.split('.') as ['model' | 'training', string];
  return group === 'model' ? ['model', key as keyof ModelSettings] : ['training', key];
}

/** Reads a numeric field of a configuration. */
export function readField(config: RunConfig, field: NumericField): number {
  const [group, key] = splitField(field);
  if (group === 'model') return config.model[key];
  const value: unknown = config.training[key as keyof TrainingConfig];
  return typeof value === 'number' ? value : NaN;
}

/** Returns a copy of `config` with one numeric field changed. */
export function writeField(config: RunConfig, field: NumericField, value: number): RunConfig {
  const [group, key] = splitField(field);
  if (group === 'model') return { ...config, model: { ...config.model, [key]: value } };
  return { ...config, training: { ...config.training, [key]: value } };
}

/** Explains a value outside a control's range, or returns null when it is fine. */
export function checkControl(control: NumericControl, value: number): string | null {
  if (!Number.isFinite(value)) return `${control.label} must be a number.`;
  if (control.integer && !Number.isInteger(value))
    return `${control.label} must be a whole number.`;
  if (value < control.min || value > control.max) {
    return `${control.label} must be between ${control.min} and ${control.max} in the playground.`;
  }
  return null;
}

/** Lists the values outside the playground's ranges (for the controls in use). */
export function checkControls(config: RunConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const control of CONTROLS) {
    if (control.objective !== undefined && control.objective !== config.training.objective) {
      continue;
    }
    const message = checkControl(control, readField(config, control.field));
    if (message !== null) issues.push({ field: control.field, message });
  }
  return issues;
}
