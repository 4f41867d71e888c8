/**
 * The loss chart: training loss (smoothed) and validation loss of every run, against steps or
 * tokens seen, with a legend that shows, hides and describes each run.
 */
import { memo, useId, useState } from 'react';
import type { RunRecord } from '../../app/runs';
import { LossLegend } from './LossLegend';
import { LossPlot } from './LossPlot';
import { plottedCounts } from './lossSeries';
import type { XAxisKind } from './series';
import { XAxisChoice } from './XAxisChoice';

interface LossChartProps {
  /** Every run, up to date (for the legend). */
  runs: readonly RunRecord[];
  /** The same runs, possibly a render behind (for the drawing, which renders in the background). */
  plotRuns: readonly RunRecord[];
  onToggleRun: (runId: string) => void;
  /** Saves a run as a run file (the Export button by each run in the legend). */
  onExportRun?: (runId: string) => void;
}

/** The chart, its options and the legend of runs. */
export const LossChart = memo(function LossChart(props: LossChartProps) {
  const { runs, plotRuns, onToggleRun, onExportRun } = props;
  const [xAxis, setXAxis] = useState<XAxisKind>('step');
  const [smoothing, setSmoothing] = useState(0.6);
  const [logScale, setLogScale] = useState(false);
  const id = useId();
  // What the drawing shows (it draws `plotRuns`), for tests and the benchmark probe.
  const plotted = plottedCounts(plotRuns, xAxis, smoothing);

  return (
    <section
      className="panel chart-panel"
      aria-labelledby={`${id}-title`}
      data-testid="loss-chart"
      data-visible-runs={plotted.visibleRuns}
      data-plotted-train-points={plotted.trainPoints}
      data-log-scale={logScale}
    >
      <div className="panel-head">
        <h2 id={`${id}-title`} className="panel-title">
          Loss
        </h2>
        <div className="chart-options">
          <XAxisChoice id={id} value={xAxis} onChange={setXAxis} order={['step', 'tokens']} />
          <label className="inline-field slider-field">
            <span>Smoothing</span>
            <input
              type="range"
              min={0}
              max={0.99}
              step={0.01}
              value={smoothing}
              onChange={(event) => setSmoothing(Number(event.target.value))}
            />
            <output>{smoothing.toFixed(2)}</output>
          </label>
          <label className="inline-field checkbox-field">
            <input
              type="checkbox"
              checked={logScale}
              onChange={(event) => setLogScale(event.target.checked)}
            />
            <span>Log scale</span>
          </label>
        </div>
      </div>
      <div className={`chart-body${runs.length > 0 ? ' has-legend' : ''}`}>
        <LossPlot runs={plotRuns} xAxis={xAxis} smoothing={smoothing} logScale={logScale} />
        <LossLegend
          runs={runs}
          xAxis={xAxis}
          smoothing={smoothing}
          onToggleRun={onToggleRun}
          onExportRun={onExportRun}
        />
      </div>
    </section>
  );
});
