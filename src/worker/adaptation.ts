/**
 * Adapting a pre-trained base to a small task: task text split into examples (one per line,
 * the last tenth held out), fine-tuning with frozen parts, and the comparison that makes the
 * point — fine-tuning versus training from scratch on the same data and step budget, at
 * several amounts of task data, with the base corpus's loss before and after (forgetting).
 */
import type { TrainingConfig } from '../config/config';
import type { TokenSplit } from '../data/batcher';
import { TrainingDriver, yieldToEvents } from '../engine/driver';
import type { Freeze, SessionState } from '../engine/session';
import { NO_FREEZE, TrainingSession } from '../engine/session';
import type { Tokenizer } from '../tokenizer/tokenizer';
import { SPECIAL_IDS } from '../tokenizer/tokenizer';
import type { ComparisonCurve, ComparisonResult } from './protocol';

/** Task examples split for training and held-out evaluation. */
export interface TaskSplit {
  train: string[];
  val: string[];
}

/** Splits task text into examples, one per non-empty line; the last tenth (at least one) is held out. */
export function splitTaskExamples(taskText: string): TaskSplit {
  const examples = taskText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (examples.length < 2) throw new Error('The task needs at least two examples (one per line).');
  const held = Math.max(1, Math.round(examples.length / 10));
  return {
    train: examples.slice(0, examples.length - held),
    val: examples.slice(examples.length - held),
  };
}

/** Encodes examples (one per line), repeated until a training window fits: little data stays little. */
function encodeExamples(tokenizer: Tokenizer, examples: string[], minTokens: number): Int32Array {
  const once = tokenizer.encode(`${examples.join('\n')}\n`);
  if (once.length === 0) return once;
  const copies = Math.ceil(minTokens / once.length);
  const out = new Int32Array(once.length * copies);
  for (let i = 0; i < copies; i++) out.set(once, i * once.length);
  return out;
}

/** Task tokens with the base tokenizer, and what it could not represent. */
export function encodeTask(
  tokenizer: Tokenizer,
  split: TaskSplit,
  blockSize: number,
  fraction = 1,
): { data: TokenSplit; unknownCharacters: string[]; unknownTokens: number } {
  const count = Math.max(1, Math.round(split.train.length * fraction));
  const data = {
    train: encodeExamples(tokenizer, split.train.slice(0, count), blockSize + 1),
    val: encodeExamples(tokenizer, split.val, blockSize + 1),
  };
  const unknown = new Set<string>();
  for (const ch of new Set([...split.train, ...split.val].join(''))) {
    if (tokenizer.encode(ch).includes(SPECIAL_IDS.unk)) unknown.add(ch);
  }
  const unknownTokens = [data.train, data.val].reduce(
    (n, tokens) => n + tokens.reduce((m, id) => m + (id === SPECIAL_IDS.unk ? 1 : 0), 0),
    0,
  );
  return { data, unknownCharacters: [...unknown], unknownTokens };
}

/** Trains a session for its full budget, evaluating on schedule; returns the curve. */
async function trainCurve(
  session: TrainingSession,
  onPoint: (points: { step: number; valLoss: number }[]) => void,
): Promise<{ points: { step: number; valLoss: number }[]; accuracy: number }> {
  const points: { step: number; valLoss: number }[] = [];
  let accuracy = 0;
  // A diverging curve is trained to the end: its points show the divergence.
  const driver = new TrainingDriver(session, { maxSteps: 10, stopWhenDiverged: false });
  const evaluate = async (): Promise<void> => {
    const evaluation = await session.evaluate();
    points.push({ step: evaluation.step, valLoss: evaluation.valLoss });
    accuracy = evaluation.valTop1;
    if (evaluation.step > 0) onPoint(points);
  };
  await driver.run({ evaluate, between: yieldToEvents }, 'before');
  return { points, accuracy };
}

/** Everything the comparison needs from the base checkpoint. */
export interface ComparisonBase {
  state: SessionState;
  tokenizer: Tokenizer;
  /** The base corpus, encoded, to measure forgetting. */
  baseData: TokenSplit;
}

/** Runs fine-tune and scratch for each fraction; reports each curve as it grows. */
export async function compareWithScratch(
  base: ComparisonBase,
  taskText: string,
  fractions: number[],
  training: TrainingConfig,
  freeze: Freeze,
  onCurve: (curve: ComparisonCurve) => void,
): Promise<ComparisonResult> {
  const split = splitTaskExamples(taskText);
  const { model } = base.state;
  const baseSession = TrainingSession.restore(base.state, base.baseData);
  const before = (await baseSession.evaluate()).valLoss;
  baseSession.dispose();
  const curves: ComparisonCurve[] = [];
  const forgetting: ComparisonResult['forgetting'] = [];
  for (const fraction of fractions) {
    const { data } = encodeTask(base.tokenizer, split, model.blockSize, fraction);
    for (const kind of ['finetune', 'scratch'] as const) {
      const session =
        kind === 'finetune'
          ? TrainingSession.fromBase(base.state, training, data, freeze)
          : new TrainingSession(model, training, data);
      const report = (
        points: { step: number; valLoss: number }[],
        taskAccuracy: number | null,
      ): ComparisonCurve => {
        const curve = { kind, fraction, points: [...points], taskAccuracy };
        onCurve(curve);
        return curve;
      };
      const { points, accuracy } = await trainCurve(session, (p) => report(p, null));
      curves.push(report(points, accuracy));
      if (kind === 'finetune') {
        const tuned = TrainingSession.fromBase(
          await session.saveState(),
          training,
          base.baseData,
          NO_FREEZE,
        );
        forgetting.push({ fraction, before, after: (await tuned.evaluate()).valLoss });
        tuned.dispose();
      }
      session.dispose();
    }
  }
  return { curves, forgetting, trainExamples: split.train.length, valExamples: split.val.length };
}
