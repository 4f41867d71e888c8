/**
 * The data-mixture experiment: two built-in corpora, the same small model trained on the same
 * number of tokens from mixtures of 0–100% of the first, each evaluated on both corpora.
 */
import type { ScalingState } from '../../app/scaling-lab';
import type { CorpusInfo } from '../data/corpora';
import { nonEmbeddingParameters, shapeForWidth, shortCount } from '../../scaling/plan';
import type { SweepReport } from '../../scaling/report';
import { formatExact, formatLoss } from '../format';
import { LabChart } from './LabChart';
import { mixtureSeries } from './scaleSeries';

interface MixturePanelProps {
  state: ScalingState;
  corpora: readonly CorpusInfo[];
  report: SweepReport | null;
  vocabSize: number;
  busy: boolean;
  onChange: (mixture: ScalingState['mixture']) => void;
  onRun: () => void;
}

const formatShare = (value: number): string => `${Math.round(value)}%`;

/** The mixture's settings, chart and table. */
export function MixturePanel({
  state,
  corpora,
  report,
  vocabSize,
  busy,
  onChange,
  onRun,
}: MixturePanelProps) {
  const { mixture } = state;
  const params = nonEmbeddingParameters({
    ...shapeForWidth(mixture.width, state.spec.blockSize),
    vocabSize,
  });
  const result = report?.mixture ?? null;
  const select = (key: 'a' | 'b', label: string) => (
    <label>
      {label}{' '}
      <select
        value={mixture[key]}
        onChange={(event) => onChange({ ...mixture, [key]: event.target.value })}
        data-testid={`scale-mixture-${key}`}
        disabled={busy}
      >
        {corpora.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="panel lab-mixture" aria-label="Data mixture">
      <h3 className="panel-title">Data mixture: what a mixture trades</h3>
      <div className="lab-mixture-settings">
        {select('a', 'Corpus A')}
        {select('b', 'Corpus B')}
        <span className="hint">
          {mixture.width} wide (N = {formatExact(params)}), {shortCount(mixture.budget)} tokens per
          run, at {mixture.shares.map((s) => `${Math.round(100 * s)}%`).join(' / ')} of A; one
          tokenizer of the Tokenize step’s kind, learned on both.
        </span>
        <button
          type="button"
          className="button"
          onClick={onRun}
          disabled={busy || mixture.a === mixture.b}
          data-testid="scale-mixture-run"
        >
          Run the mixture
        </button>
      </div>
      <div className="lab-mixture-body">
        <LabChart
          title="Validation loss on each corpus against the share of A"
          series={report ? mixtureSeries(report) : []}
          xLabel={`share of ${result?.a ?? 'A'} in the training text`}
          yLabel="val loss"
          xLog={false}
          yLog={false}
          formatX={formatShare}
          testId="scale-chart-mixture"
          empty="Run the mixture: two curves, one per corpus, appear here."
          height={240}
        />
        {result && result.points.length > 0 ? (
          <table className="lab-table" data-testid="scale-mixture-table">
            <thead>
              <tr>
                <th scope="col">share of A</th>
                <th scope="col">loss on {result.a}</th>
                <th scope="col">loss on {result.b}</th>
              </tr>
            </thead>
            <tbody>
              {result.points.map((p) => (
                <tr key={p.share}>
                  <td>{formatShare(100 * p.share)}</td>
                  <td>{formatLoss(p.lossA)}</td>
                  <td>{formatLoss(p.lossB)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </section>
  );
}
