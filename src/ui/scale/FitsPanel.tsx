/**
 * The fitted laws with their formulas and R², the compute-optimal model for a budget the
 * learner types in, and "predict, then check": a bigger budget, the fit's prediction with its
 * spread, and the run that checks it.
 */
import { useState } from 'react';
import type { CheckPlan } from '../../scaling/check';
import { computeOptimal, formatChinchillaFit, formatPowerFit } from '../../scaling/fit';
import type { SweepReport } from '../../scaling/report';
import { formatCount, formatLoss } from '../format';
import { formatFlops } from './LabChart';

interface FitsPanelProps {
  report: SweepReport;
  checkPlan: CheckPlan | null;
  checkMultiple: number;
  busy: boolean;
  onCheckMultiple: (multiple: number) => void;
  onCheck: () => void;
}

/** Reads "1e13", "3.2e12" or "5000000000". */
function parseCompute(text: string): number | null {
  const value = Number(text.trim());
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** Fits, compute-optimal sizes and the check run. */
export function FitsPanel({
  report,
  checkPlan,
  checkMultiple,
  busy,
  onCheckMultiple,
  onCheck,
}: FitsPanelProps) {
  const { fit, chinchilla } = report;
  const largest = Math.max(
    0,
    ...report.runs.filter((r) => r.kind === 'sweep').map((r) => r.compute),
  );
  const [budgetText, setBudgetText] = useState('');
  const budget = parseCompute(budgetText) ?? (largest > 0 ? 10 * largest : null);
  const optimal = chinchilla && budget !== null ? computeOptimal(chinchilla, budget) : null;
  const check = report.runs.find((r) => r.kind === 'check');
  return (
    <section className="panel lab-fits" aria-label="Fits">
      <h3 className="panel-title">Fitted laws (least squares in log space)</h3>
      <p data-testid="scale-fit" data-alpha={fit?.alpha ?? ''} data-r2={fit?.r2 ?? ''}>
        {fit ? (
          <>
            <span className="lab-formula">{formatPowerFit(fit)}</span> · R² = {fit.r2.toFixed(3)} on
            the frontier
          </>
        ) : (
          'L(C) = E + a·C^−α: needs 3 points on the frontier.'
        )}
      </p>
      <p data-testid="scale-chinchilla" data-r2={chinchilla?.r2 ?? ''}>
        {chinchilla ? (
          <>
            <span className="lab-formula">{formatChinchillaFit(chinchilla)}</span> · R² ={' '}
            {chinchilla.r2.toFixed(3)}
          </>
        ) : (
          'L(N, D) = E + A/N^α + B/D^β: needs 5 runs over 2 sizes and 2 budgets or more.'
        )}
      </p>
      <div className="lab-optimal">
        <label>
          Compute budget C (FLOPs){' '}
          <input
            type="text"
            value={budgetText}
            placeholder={budget === null ? '1e13' : formatFlops(budget)}
            onChange={(event) => setBudgetText(event.target.value)}
            data-testid="scale-optimal-budget"
          />
        </label>
        <span data-testid="scale-optimal-result">
          {optimal
            ? `compute-optimal: N ≈ ${formatCount(optimal.n)}, D ≈ ${formatCount(optimal.d)} tokens, ${optimal.tokensPerParameter.toFixed(1)} tokens per parameter (Chinchilla: about 20), loss ≈ ${formatLoss(optimal.loss)}`
            : 'The Chinchilla fit gives the compute-optimal N and D for a budget.'}
        </span>
      </div>
      <div className="lab-check">
        <h4>Predict, then check</h4>
        <label>
          Budget{' '}
          <select
            value={checkMultiple}
            onChange={(event) => onCheckMultiple(Number(event.target.value))}
            data-testid="scale-check-multiple"
          >
            {[2, 4, 8].map((m) => (
              <option key={m} value={m}>
                {m}× the largest sweep run
              </option>
            ))}
          </select>
        </label>
        {checkPlan ? (
          <p>
            {checkPlan.run.label}: C = {formatFlops(checkPlan.compute)}. Predicted by{' '}
            {checkPlan.basis}: <strong>{formatLoss(checkPlan.predicted.loss)}</strong> (
            {formatLoss(checkPlan.predicted.low)}–{formatLoss(checkPlan.predicted.high)}).
          </p>
        ) : (
          <p className="hint">A sweep with a fit comes first.</p>
        )}
        <button
          type="button"
          className="button"
          disabled={busy || checkPlan === null}
          onClick={onCheck}
          data-testid="scale-check-run"
        >
          Run the check
        </button>
        {check ? (
          <p
            data-testid="scale-check-result"
            data-predicted={check.predicted?.loss ?? ''}
            data-measured={Number.isFinite(check.valLoss) ? check.valLoss : ''}
          >
            {check.label}: predicted {formatLoss(check.predicted?.loss)}, measured{' '}
            <strong>{formatLoss(check.valLoss)}</strong>
            {check.predicted && Number.isFinite(check.valLoss)
              ? check.valLoss >= check.predicted.low && check.valLoss <= check.predicted.high
                ? ' — inside the predicted range.'
                : ' — outside the predicted range.'
              : ''}
          </p>
        ) : null}
      </div>
    </section>
  );
}
