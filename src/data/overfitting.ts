/**
 * Overfitting, made visible: the validation loss rising while the training loss keeps falling.
 * Trends are least-squares slopes over the last few evaluations (robust to one noisy point); the
 * overfitting is said to begin at the evaluation with the lowest validation loss before the rise,
 * the step an early-stopping rule would keep. Plain data, so the UI can run it on its points.
 */

/** One evaluation: losses on the training and validation splits at a step. */
export interface LossPair {
  step: number;
  trainLoss: number;
  valLoss: number;
}

/** Settings for `detectOverfitting`. */
export interface OverfittingOptions {
  /** Number of latest evaluations whose trend is measured (at least 3). */
  window: number;
  /** Minimum validation rise across the window, and above its best value, in nats. */
  tolerance: number;
}

/** Defaults: the last 4 evaluations, a rise of at least 0.02 nats. */
export const DEFAULT_OVERFITTING: OverfittingOptions = { window: 4, tolerance: 0.02 };

/** The verdict on a loss history. */
export interface OverfittingReport {
  overfitting: boolean;
  /** Step of the lowest validation loss before the rise (null when not overfitting). */
  startStep: number | null;
  /** Change of the validation loss across the window, along its trend line (nats). */
  valChange: number;
  /** Change of the training loss across the window, along its trend line (nats). */
  trainChange: number;
}

/** Least-squares slope of y against x. */
function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - meanX;
    num += dx * ((ys[i] ?? 0) - meanY);
    den += dx * dx;
  }
  return den > 0 ? num / den : 0;
}

/**
 * Says whether the latest evaluations show overfitting (validation trend up by more than the
 * tolerance while the training trend is down) and where it began. Points must be in step order.
 */
export function detectOverfitting(
  points: readonly LossPair[],
  options: Partial<OverfittingOptions> = {},
): OverfittingReport {
  const { window, tolerance } = { ...DEFAULT_OVERFITTING, ...options };
  const finite = points.filter((p) => Number.isFinite(p.trainLoss) && Number.isFinite(p.valLoss));
  const recent = finite.slice(-Math.max(3, window));
  const none: OverfittingReport = {
    overfitting: false,
    startStep: null,
    valChange: 0,
    trainChange: 0,
  };
  if (recent.length < Math.max(3, window)) return none;
  const steps = recent.map((p) => p.step);
  const span = (steps[steps.length - 1] ?? 0) - (steps[0] ?? 0);
  const valChange =
    slope(
      steps,
      recent.map((p) => p.valLoss),
    ) * span;
  const trainChange =
    slope(
      steps,
      recent.map((p) => p.trainLoss),
    ) * span;
  // The best validation point before the latest one.
  let best = finite[0];
  for (const p of finite.slice(0, -1)) if (best && p.valLoss < best.valLoss) best = p;
  const last = finite[finite.length - 1];
  const overfitting =
    valChange > tolerance &&
    trainChange < 0 &&
    best !== undefined &&
    last !== undefined &&
    last.valLoss - best.valLoss > tolerance;
  return { overfitting, startStep: overfitting && best ? best.step : null, valChange, trainChange };
}
