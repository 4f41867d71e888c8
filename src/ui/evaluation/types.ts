/**
 * What the evaluation panel needs to know about a run: its name, colour and objective, and
 * what the worker reported at its evaluations and checkpoints. Plain data, mapped from the
 * app's run records.
 */
import type { Objective } from '../../config/config';
import type { EvalPoint, SamplePoint } from '../../worker/protocol';

/** One run, as the evaluation panel shows it. */
export interface EvaluationRun {
  runId: string;
  /** "Run 1", "Run 2", … */
  label: string;
  objective: Objective;
  /** The colour of its curves (the same as on the loss chart). */
  color: string;
  /** Shown in the tables and charts (samples are shown for the current run whatever this says). */
  visible: boolean;
  /**
   * Evaluations in step order. The array may grow in place (the store appends to it): the
   * panel notices through its length, so never remove or replace points in it.
   */
  evals: readonly EvalPoint[];
  /** Checkpoint samples in step order (causal runs; empty for masked ones). Append-only too. */
  samples: readonly SamplePoint[];
}

/** What the benchmark charts plot along x. */
export type EvaluationXAxis = 'step' | 'tokens';
