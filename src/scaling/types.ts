/**
 * The scaling lab's run records as the worker reports them and the page and the CLI keep them:
 * a planned run's results, its evaluations, the queue's progress and how it ended.
 */
import type { PlannedRun } from './plan';

/** One evaluation of a run: validation loss after `tokens` tokens. */
export interface SweepPoint {
  tokens: number;
  /** 6·N·tokens. */
  compute: number;
  /** Loss on the first validation set (nats per token). */
  valLoss: number;
}

/** A finished run. */
export interface SweepRunResult {
  id: string;
  label: string;
  width: number;
  nLayer: number;
  /** Non-embedding parameters N. */
  params: number;
  /** Tokens D read. */
  tokens: number;
  /** C = 6·N·D. */
  compute: number;
  /** Final validation loss on the first set. */
  valLoss: number;
  /** Final loss on every validation set, by name (the mixture evaluates on two). */
  losses: Record<string, number>;
  /** Mean training loss of the last burst. */
  trainLoss: number;
  /** Training rate (bursts only, evaluations excluded). */
  tokensPerSec: number;
  /** Training time (ms). */
  trainingMs: number;
  /** Every evaluation, the starting model's included. */
  points: SweepPoint[];
  /** Set when the loss stopped being a number; such runs are left out of fits. */
  diverged?: boolean;
}

/** One job of the queue: a planned run and the training tokens it reads. */
export interface QueueJob {
  run: PlannedRun;
  train: Int32Array;
}

/** Where the queue is. */
export interface QueueProgress {
  /** Index of the run in progress (0-based). */
  index: number;
  total: number;
  runId: string;
  label: string;
  step: number;
  steps: number;
  /** Rate of the run in progress. */
  tokensPerSec: number;
  /** Time left for the whole queue, from the measured rate of arithmetic (ms; null before a rate). */
  etaMs: number | null;
  /** Share of the queue's training FLOPs done. */
  fraction: number;
  paused: boolean;
}

/** Why the queue ended. */
export type QueueOutcome = 'finished' | 'cancelled';
