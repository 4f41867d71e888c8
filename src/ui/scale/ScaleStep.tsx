/**
 * The Scale step: a sweep of model sizes × token budgets on the prepared corpus, run as a queue
 * in the training worker; loss against compute on log-log axes with the frontier and the fitted
 * law, loss against N and against D, the fits, predict-then-check, and the data mixture. The
 * sweep is kept across reloads and can be exported and re-opened as a file.
 */
import { useSyncExternalStore } from 'react';
import type { PlaygroundStore } from '../../app/store';
import { CHINCHILLA_TOKENS_PER_PARAMETER, shortCount } from '../../scaling/plan';
import { fittedRuns } from '../../scaling/report';
import { downloadBytes } from '../checkpoints/download';
import { formatExact, formatLoss } from '../format';
import { StepNumber } from '../shell/StepNumber';
import { FitsPanel } from './FitsPanel';
import { formatFlops, LabChart } from './LabChart';
import { MixturePanel } from './MixturePanel';
import { QueueBar } from './QueueBar';
import { computeSeries, paramsSeries, tokensSeries } from './scaleSeries';
import { SweepSettings } from './SweepSettings';
import './scale.css';

/** The Scale step. */
export function ScaleStep({ store }: { store: PlaygroundStore }) {
  const lab = store.scaling;
  const state = useSyncExternalStore(lab.subscribe, lab.getSnapshot);
  const pipeline = useSyncExternalStore(store.subscribe, store.pipeline.getSnapshot);
  const tokens = pipeline.tokens.latest;
  const { report, status } = state;
  const busy = status !== 'idle';
  const planned = lab.plannedRuns();
  const corpora = pipeline.list.status === 'loaded' ? pipeline.list.corpora : [];
  const runs = report ? fittedRuns(report.runs) : [];
  const largestD = Math.max(0, ...runs.map((r) => r.tokens));
  const exportSweep = () => {
    const text = lab.exportText();
    if (text === null) return;
    downloadBytes(
      new TextEncoder().encode(text),
      `sweep-${new Date().toISOString().slice(0, 10)}.json`,
    );
  };
  return (
    <div className="scale-step">
      <header className="panel scale-head">
        <h2 className="panel-title">
          <StepNumber step="scale" />
          Scale: does loss fall predictably with compute?
        </h2>
        <p className="hint scale-intro">
          Train several model sizes on several token budgets, plot validation loss against the
          compute each used, and fit a power law: Kaplan et al. (2020) and Hoffmann et al. (2022,
          “Chinchilla”) found such laws, and that a compute-optimal model reads about{' '}
          {CHINCHILLA_TOKENS_PER_PARAMETER} tokens per parameter.
        </p>
      </header>
      {state.message ? (
        <p className="scale-message" role="status" data-testid="scale-message">
          {state.message}{' '}
          <button type="button" className="button is-small" onClick={() => lab.dismissMessage()}>
            Dismiss
          </button>
        </p>
      ) : null}
      <div className="scale-top">
        <section className="panel lab-sweep" aria-label="Sweep">
          <SweepSettings
            spec={state.spec}
            vocabSize={tokens?.vocabSize ?? null}
            disabled={busy}
            onChange={(spec) => lab.setSpec(spec)}
          />
          <div className="lab-run-row">
            <button
              type="button"
              className="button is-primary"
              disabled={busy || planned.length === 0 || pipeline.preparedKey === null}
              onClick={() => void lab.startSweep()}
              data-testid="scale-run-sweep"
            >
              Run {planned.length} runs
            </button>
            <span className="hint">
              on {pipeline.dataset?.name ?? '…'} (
              {tokens ? `${tokens.kind} tokenizer` : 'preparing'}
              ), {formatFlops(planned.reduce((sum, r) => sum + r.compute, 0))} FLOPs in all
            </span>
          </div>
          <QueueBar
            state={state}
            onPause={() => lab.pause()}
            onResume={() => lab.resume()}
            onCancel={() => lab.cancel()}
          />
        </section>
        <LabChart
          title="Validation loss against compute (log-log)"
          series={report ? computeSeries(report) : []}
          xLabel="compute C = 6·N·D (FLOPs)"
          yLabel="val loss"
          xLog
          yLog
          formatX={formatFlops}
          testId="scale-chart-compute"
          empty="Run a sweep: each run’s curve, the frontier and the fitted law appear here."
          height={340}
        />
      </div>
      {report ? (
        <>
          <FitsPanel
            report={report}
            checkPlan={lab.checkPlan()}
            checkMultiple={state.checkMultiple}
            busy={busy}
            onCheckMultiple={(m) => lab.setCheckMultiple(m)}
            onCheck={() => void lab.startCheck()}
          />
          <div className="scale-pair">
            <LabChart
              title="Loss against model size N, at each token budget D"
              series={paramsSeries(report)}
              xLabel="non-embedding parameters N"
              yLabel="val loss"
              xLog
              yLog
              markers={
                largestD > 0
                  ? [
                      {
                        x: largestD / CHINCHILLA_TOKENS_PER_PARAMETER,
                        label: `${CHINCHILLA_TOKENS_PER_PARAMETER} tokens/param at D = ${shortCount(largestD)}`,
                      },
                    ]
                  : []
              }
              testId="scale-chart-params"
              empty="No runs yet."
              height={240}
            />
            <LabChart
              title="Loss against tokens D, at each model size N"
              series={tokensSeries(report)}
              xLabel="tokens D"
              yLabel="val loss"
              xLog
              yLog
              testId="scale-chart-tokens"
              empty="No runs yet."
              height={240}
            />
          </div>
        </>
      ) : null}
      <MixturePanel
        state={state}
        corpora={corpora}
        report={report}
        vocabSize={tokens?.vocabSize ?? 0}
        busy={busy}
        onChange={(mixture) => lab.setMixture(mixture)}
        onRun={() => void lab.startMixture()}
      />
      <section className="panel lab-runs" aria-label="Runs">
        <div className="panel-head">
          <h3 className="panel-title">Runs{report ? ` on ${report.corpus}` : ''}</h3>
          <div className="lab-file-actions">
            <button
              type="button"
              className="button"
              disabled={report === null}
              onClick={exportSweep}
              data-testid="scale-export"
            >
              Export sweep
            </button>
            <label className="button">
              Open sweep…
              <input
                type="file"
                accept=".json,application/json"
                className="visually-hidden"
                data-testid="scale-open"
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = '';
                  if (file) void file.text().then((text) => lab.open(text, file.name));
                }}
              />
            </label>
          </div>
        </div>
        {report && report.runs.length > 0 ? (
          <table className="lab-table" data-testid="scale-runs">
            <thead>
              <tr>
                <th scope="col">run</th>
                <th scope="col">N</th>
                <th scope="col">D</th>
                <th scope="col">D/N</th>
                <th scope="col">C</th>
                <th scope="col">val loss</th>
                <th scope="col">tokens/s</th>
              </tr>
            </thead>
            <tbody>
              {report.runs.map((r) => (
                <tr key={r.id} data-kind={r.kind}>
                  <td>{r.label}</td>
                  <td>{formatExact(r.params)}</td>
                  <td>{formatExact(r.tokens)}</td>
                  <td>{(r.tokens / r.params).toFixed(1)}</td>
                  <td>{formatFlops(r.compute)}</td>
                  <td>{r.diverged ? 'diverged' : formatLoss(r.valLoss)}</td>
                  <td>{formatExact(r.tokensPerSec)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="hint">
            No runs yet. Finished runs stay here after a reload and if a sweep is cancelled.
          </p>
        )}
      </section>
    </div>
  );
}
