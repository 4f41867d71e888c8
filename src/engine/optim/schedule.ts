/**
 * nanoGPT's learning-rate schedule: linear warm-up to `learningRate`, then cosine decay to
 * `minLr` at `maxIters` (and `minLr` after).
 */
import type { TrainingConfig } from '../../config/config';

/** Learning rate at step `iter` (0-based). */
export function learningRateAt(
  iter: number,
  config: Pick<TrainingConfig, 'learningRate' | 'minLr' | 'warmupIters' | 'maxIters'>,
): number {
  const { learningRate, minLr, warmupIters, maxIters } = config;
  if (iter < warmupIters) return (learningRate * (iter + 1)) / (warmupIters + 1);
  if (iter >= maxIters) return minLr;
  const span = maxIters - warmupIters;
  const ratio = span > 0 ? (iter - warmupIters) / span : 1;
  const coeff = 0.5 * (1 + Math.cos(Math.PI * ratio)); // 1 → 0
  return minLr + coeff * (learningRate - minLr);
}
