/**
 * The numbers of the run on screen: step, tokens seen (and training time), speed (and the
 * arithmetic rate it means), memory, learning rate, gradient norm and the latest losses. The section also carries the raw figures as
 * data attributes (step, tokens/s, training time, tensors, bytes…) for tests and the
 * benchmark (scripts/bench.ts), so they need not parse the formatted text.
 */
import type { RunRecord } from '../../app/runs';
import { lastEval, lastStep } from '../../app/runs';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatGflops,
  formatLoss,
  formatRate,
} from '../format';

interface StatsPanelProps {
  run: RunRecord | undefined;
  /** The backend's measured matrix-product throughput, to compare the training's with. */
  matmulGflops: number | null;
}

/** Training throughput in GFLOP/s (tokens/s × FLOPs per token), or null before it is known. */
export function achievedGflops(run: RunRecord | undefined): number | null {
  if (run === undefined || run.summary === null || run.tokensPerSec <= 0) return null;
  return (run.tokensPerSec * run.summary.flopsPerToken) / 1e9;
}

/** A row of figures for one run. */
export function StatsPanel({ run, matmulGflops }: StatsPanelProps) {
  const step = run === undefined ? undefined : lastStep(run);
  const evaluation = run === undefined ? undefined : lastEval(run);
  const maxIters = run?.config.training.maxIters;
  const stepCount = run?.step ?? 0;
  const progress = maxIters === undefined ? 0 : Math.min(1, stepCount / maxIters);
  const achieved = achievedGflops(run);
  const memory = run?.memory ?? null;
  const workers = run?.workers ?? 1;
  const share =
    achieved !== null && matmulGflops !== null && matmulGflops > 0 ? achieved / matmulGflops : null;
  return (
    <section
      className="stats"
      aria-label="Training statistics"
      data-testid="stats-panel"
      data-run-id={run?.runId ?? ''}
      data-step={stepCount}
      data-tokens-per-sec={run === undefined ? '' : run.tokensPerSec}
      data-elapsed-ms={run === undefined ? '' : run.elapsedMs}
      data-tokens-per-step={run?.summary?.tokensPerStep ?? ''}
      data-flops-per-token={run?.summary?.flopsPerToken ?? ''}
      data-tensors={memory?.numTensors ?? ''}
      data-tfjs-bytes={memory?.numBytes ?? ''}
      data-workers={run?.workers ?? ''}
    >
      <div className="stat stat-step">
        <span className="stat-label">Step</span>
        <span className="stat-value">
          <span data-testid="step-count">{stepCount}</span>
          <span className="stat-unit"> / {maxIters?.toLocaleString('en') ?? '–'}</span>
        </span>
        <span
          className="progress"
          role="progressbar"
          aria-label="Training progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(progress * 100)}
        >
          <span style={{ transform: `scaleX(${progress})` }} />
        </span>
      </div>
      <Stat
        label="Tokens seen"
        value={formatCount(step?.tokensSeen ?? 0)}
        note={run === undefined ? undefined : `in ${formatDuration(run.elapsedMs)} of training`}
        testId="tokens-seen"
      />
      <Stat
        label="Tokens / s"
        value={run === undefined || run.tokensPerSec === 0 ? '–' : formatCount(run.tokensPerSec)}
        note={
          achieved === null
            ? undefined
            : `${formatGflops(achieved)} GFLOP/s${share === null ? '' : ` · ${formatShare(share)} of peak`}${workers > 1 ? ` · ${workers} workers` : ''}`
        }
        title="Training speed. Below it, the arithmetic training does per second (tokens per second × FLOPs per token: 6 per parameter, plus attention), and its share of this backend's peak, measured on one large matrix product on one core. With several workers, each computes part of every batch on its own core, so the share can pass 100%."
        testId="tokens-per-sec"
      />
      <Stat
        label="Memory"
        value={memory === null ? '–' : formatBytes(memory.numBytes)}
        note={memory === null ? undefined : `${formatCount(memory.numTensors)} tensors`}
        title="What TensorFlow.js holds in the worker: live tensors (weights, optimiser moments, data) and their bytes. It should stay flat while training."
        testId="memory"
      />
      <Stat label="Learning rate" value={formatRate(step?.learningRate)} />
      <Stat label="Gradient norm" value={step === undefined ? '–' : formatLoss(step.gradNorm)} />
      <Stat label="Train loss" value={formatLoss(step?.loss)} testId="train-loss" />
      <Stat
        label="Validation loss"
        value={formatLoss(evaluation?.valLoss)}
        note={
          evaluation !== undefined && Number.isFinite(evaluation.valLoss)
            ? `perplexity ${formatCount(Math.exp(evaluation.valLoss))}`
            : undefined
        }
        testId="val-loss"
      />
    </section>
  );
}

/** A share as a whole percentage, or "<1%". */
function formatShare(share: number): string {
  const percent = share * 100;
  return percent < 1 ? '<1%' : `${Math.round(percent)}%`;
}

function Stat(props: {
  label: string;
  value: string;
  note?: string | undefined;
  title?: string;
  testId?: string;
}) {
  return (
    <div className="stat" title={props.title}>
      <span className="stat-label">{props.label}</span>
      <span className="stat-value" data-testid={props.testId}>
        {props.value}
      </span>
      {props.note !== undefined ? <span className="stat-note">{props.note}</span> : null}
    </div>
  );
}
