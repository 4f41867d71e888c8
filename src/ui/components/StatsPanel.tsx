/**
 * The numbers of the run on screen: step, tokens seen, speed, time, learning rate, gradient
 * norm and the latest losses.
 */
import type { RunRecord } from '../../app/runs';
import { lastEval, lastStep } from '../../app/runs';
import { formatCount, formatDuration, formatLoss, formatRate } from '../format';

interface StatsPanelProps {
  run: RunRecord | undefined;
}

/** A row of figures for one run. */
export function StatsPanel({ run }: StatsPanelProps) {
  const step = run === undefined ? undefined : lastStep(run);
  const evaluation = run === undefined ? undefined : lastEval(run);
  const maxIters = run?.config.training.maxIters;
  const stepCount = run?.step ?? 0;
  const progress = maxIters === undefined ? 0 : Math.min(1, stepCount / maxIters);
  return (
    <section className="stats" aria-label="Training statistics">
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
      <Stat label="Tokens seen" value={formatCount(step?.tokensSeen ?? 0)} />
      <Stat
        label="Tokens / s"
        value={run === undefined || run.tokensPerSec === 0 ? '–' : formatCount(run.tokensPerSec)}
      />
      <Stat label="Elapsed" value={formatDuration(run?.elapsedMs ?? 0)} />
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

function Stat(props: { label: string; value: string; note?: string; testId?: string }) {
  return (
    <div className="stat">
      <span className="stat-label">{props.label}</span>
      <span className="stat-value" data-testid={props.testId}>
        {props.value}
      </span>
      {props.note !== undefined ? <span className="stat-note">{props.note}</span> : null}
    </div>
  );
}
