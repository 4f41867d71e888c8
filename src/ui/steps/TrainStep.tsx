/**
 * Step 5, Train: run controls and stats, the loss chart and the live predictions, laid out to
 * fit one 1280×720 screen while a run goes on (attention follows below).
 */
import { useCallback, useDeferredValue } from 'react';
import type { PipelineState } from '../../app/pipeline';
import type { RunRecord } from '../../app/runs';
import type { PlaygroundState, PlaygroundStore } from '../../app/store';
import { LossChart } from '../charts/LossChart';
import { exportRun } from '../class/exportRun';
import { RunControls } from '../components/RunControls';
import { StatsPanel } from '../components/StatsPanel';
import { formatExact } from '../format';
import { useThrottledValue } from '../hooks/useThrottledValue';
import { PredictionsArea } from '../predictions/PredictionsArea';

/** Minimum time between two redraws of the loss chart (the stats update every 200 ms). */
const PLOT_INTERVAL_MS = 400;

interface TrainStepProps {
  store: PlaygroundStore;
  state: PlaygroundState;
  pipeline: PipelineState;
  activeRun: RunRecord | undefined;
  blockers: readonly string[];
  stale: string | null;
  /** The presenter view: the run controls, the chart and the predictions fill the screen. */
  present?: boolean;
}

/** The live view. */
export function TrainStep(props: TrainStepProps) {
  const { store, state, pipeline, activeRun, blockers, stale, present = false } = props;
  const displayRun = activeRun ?? state.runs[state.runs.length - 1];
  // The chart is the costliest part to redraw (recharts re-lays out every line): it follows
  // the runs at most every PLOT_INTERVAL_MS, in a background (interruptible) render.
  const chartRuns = useDeferredValue(useThrottledValue(state.runs, PLOT_INTERVAL_MS));
  const model = activeRun?.config.model ?? state.config.model;
  const tokens = pipeline.tokens.latest;
  const onExportRun = useCallback((runId: string) => exportRun(store, runId), [store]);
  return (
    <div className={`train-step${present ? ' is-present' : ''}`}>
      <section className="panel run-panel" aria-label="Training">
        <RunControls
          state={state}
          activeRun={activeRun}
          blockers={blockers}
          sameSettings={activeRun !== undefined && stale === null}
          stale={stale}
          onStart={() => store.start()}
          onPause={() => store.pause()}
          onResume={() => store.resume()}
          onStep={() => store.stepOnce()}
          onReset={() => store.reset()}
          onDismiss={() => store.dismissMessages()}
        />
        <p className="train-data" data-testid="train-data">
          Trains on <strong>{pipeline.dataset?.name ?? '—'}</strong>
          {tokens !== null ? (
            <>
              {' '}
              · {tokens.kind} tokenizer · vocabulary{' '}
              <span data-testid="train-vocab">{formatExact(tokens.vocabSize)}</span> ·{' '}
              <span data-testid="train-tokens">{formatExact(tokens.trainTokens)}</span> training
              tokens
            </>
          ) : null}
        </p>
        {present ? null : (
          <StatsPanel run={displayRun} matmulGflops={state.backend?.matmul?.gflops ?? null} />
        )}
      </section>
      <LossChart
        runs={state.runs}
        plotRuns={chartRuns}
        onToggleRun={(runId) => store.toggleRunVisible(runId)}
        onExportRun={onExportRun}
      />
      <PredictionsArea
        store={store}
        runId={activeRun?.runId ?? null}
        runLabel={activeRun?.label ?? ''}
        objective={activeRun?.objective ?? state.config.training.objective}
        nLayer={model.nLayer}
        nHead={model.nHead}
        blockSize={model.blockSize}
        text={tokens?.sampleText ?? ''}
        prompt={state.prompt}
        fill={state.fill}
      />
    </div>
  );
}
