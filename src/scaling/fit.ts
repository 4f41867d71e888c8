/**
 * Fitting scaling laws by least squares in log space (pure math, no tfjs): the compute law
 * L(C) = E + a·C^(−α) (Kaplan et al. 2020) and the Chinchilla form L(N, D) = E + A/N^α + B/D^β
 * (Hoffmann et al. 2022), each minimising Σ (log L − log L̂)² with Levenberg–Marquardt from
 * several starting points; the compute-optimal N and D a fit implies; the frontier of points.
 */

/** L(C) = E + a·C^(−α); `r2` and `residualStd` are of log L. */
export interface PowerFit {
  E: number;
  a: number;
  alpha: number;
  r2: number;
  residualStd: number;
  points: number;
}

/** L(N, D) = E + A/N^α + B/D^β; `r2` and `residualStd` are of log L. */
export interface ChinchillaFit {
  E: number;
  A: number;
  alpha: number;
  B: number;
  beta: number;
  r2: number;
  residualStd: number;
  points: number;
}

/** Residuals of parameters `p`. */
type Residuals = (p: readonly number[]) => number[];

const sumSquares = (r: readonly number[]): number => r.reduce((s, v) => s + v * v, 0);

/** Solves A·x = b (A square) by Gaussian elimination with partial pivoting; null if singular. */
function solve(matrix: number[][], rhs: number[]): number[] | null {
  const n = rhs.length;
  const m = matrix.map((row, i) => [...row, rhs[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    }
    const rowP = m[pivot];
    const rowC = m[col];
    if (!rowP || !rowC || Math.abs(rowP[col] ?? 0) < 1e-300) return null;
    m[pivot] = rowC;
    m[col] = rowP;
    for (let r = 0; r < n; r++) {
      const row = m[r];
      if (r === col || !row) continue;
      const factor = (row[col] ?? 0) / (rowP[col] ?? 1);
      for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - factor * (rowP[c] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

/** Levenberg–Marquardt with a central-difference Jacobian; returns the best parameters found. */
function levenbergMarquardt(residuals: Residuals, start: readonly number[], iterations = 200) {
  let p = [...start];
  let r = residuals(p);
  let sse = sumSquares(r);
  let lambda = 1e-3;
  for (let it = 0; it < iterations && Number.isFinite(sse); it++) {
    const jac: number[][] = r.map(() => []);
    p.forEach((value, k) => {
      const h = 1e-6 * Math.max(1, Math.abs(value));
      const up = residuals(p.map((v, i) => (i === k ? v + h : v)));
      const down = residuals(p.map((v, i) => (i === k ? v - h : v)));
      up.forEach((u, i) => jac[i]?.push((u - (down[i] ?? 0)) / (2 * h)));
    });
    const k = p.length;
    const jtj = Array.from({ length: k }, (_, a) =>
      Array.from({ length: k }, (_, b) =>
        jac.reduce((s, row) => s + (row[a] ?? 0) * (row[b] ?? 0), 0),
      ),
    );
    const jtr = Array.from({ length: k }, (_, a) =>
      jac.reduce((s, row, i) => s + (row[a] ?? 0) * (r[i] ?? 0), 0),
    );
    let improved = false;
    for (let tries = 0; tries < 12; tries++) {
      const damped = jtj.map((row, a) =>
        row.map((v, b) => (a === b ? v + lambda * (v || 1e-12) : v)),
      );
      const step = solve(
        damped,
        jtr.map((v) => -v),
      );
      if (step) {
        const candidate = p.map((v, i) => v + (step[i] ?? 0));
        const rc = residuals(candidate);
        const sc = sumSquares(rc);
        if (Number.isFinite(sc) && sc < sse) {
          const gain = sse - sc;
          p = candidate;
          r = rc;
          sse = sc;
          lambda = Math.max(lambda / 3, 1e-12);
          improved = true;
          if (gain < 1e-15 * Math.max(1, sse)) return { p, sse };
          break;
        }
      }
      lambda *= 4;
    }
    if (!improved) break;
  }
  return { p, sse };
}

/** R² of log L and the residuals' standard deviation with `k` parameters. */
function quality(
  logL: readonly number[],
  sse: number,
  k: number,
): { r2: number; residualStd: number } {
  const mean = logL.reduce((s, v) => s + v, 0) / logL.length;
  const total = logL.reduce((s, v) => s + (v - mean) ** 2, 0);
  return {
    r2: total > 0 ? 1 - sse / total : 0,
    residualStd: logL.length > k ? Math.sqrt(sse / (logL.length - k)) : 0,
  };
}

/** A residual for a model value that is not a positive number. */
const BAD = 1e3;

/**
 * Fits L(C) = E + a·C^(−α) by least squares on log L, with 0 ≤ E < min L, a > 0, α > 0: a grid
 * over E (each point's a and α from a line fit of log(L − E) on log C) gives the start, then
 * Levenberg–Marquardt polishes all three. Null with fewer than 3 points or non-positive values.
 */
export function fitPowerLaw(points: readonly { x: number; loss: number }[]): PowerFit | null {
  if (points.length < 3 || points.some((p) => !(p.x > 0) || !(p.loss > 0))) return null;
  const logX = points.map((p) => Math.log(p.x));
  const logL = points.map((p) => Math.log(p.loss));
  const minLoss = Math.min(...points.map((p) => p.loss));
  const residuals: Residuals = ([E = 0, logA = 0, alpha = 0]) =>
    points.map((_, i) => {
      const value = E + Math.exp(logA - alpha * (logX[i] ?? 0));
      return value > 0 && E >= 0 ? Math.log(value) - (logL[i] ?? 0) : BAD;
    });
  let best: { p: number[]; sse: number } | null = null;
  for (let g = 0; g < 200; g++) {
    const E = (0.999 * minLoss * g) / 199;
    const ys = points.map((p) => Math.log(p.loss - E));
    const line = lineFit(logX, ys);
    if (line === null || !(line.slope < 0)) continue;
    const start = [E, line.intercept, -line.slope];
    const sse = sumSquares(residuals(start));
    if (best === null || sse < best.sse) best = { p: start, sse };
  }
  if (best === null) return null;
  const polished = levenbergMarquardt(residuals, best.p);
  const [E = NaN, logA = NaN, alpha = NaN] = polished.p;
  if (![E, logA, alpha, polished.sse].every(Number.isFinite) || alpha <= 0) return null;
  return { E, a: Math.exp(logA), alpha, ...quality(logL, polished.sse, 3), points: points.length };
}

/** Ordinary least squares y = intercept + slope·x; null when x does not vary. */
function lineFit(
  xs: readonly number[],
  ys: readonly number[],
): { slope: number; intercept: number } | null {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += ((xs[i] ?? 0) - mx) ** 2;
    sxy += ((xs[i] ?? 0) - mx) * ((ys[i] ?? 0) - my);
  }
  if (sxx === 0 || !ys.every(Number.isFinite)) return null;
  return { slope: sxy / sxx, intercept: my - (sxy / sxx) * mx };
}

/** log(e^a + e^b + e^c), computed without overflow. */
function logSumExp(a: number, b: number, c: number): number {
  const m = Math.max(a, b, c);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m));
}

/**
 * Fits L(N, D) = E + A/N^α + B/D^β as Hoffmann et al. do, on log L with parameters
 * (log E, log A, log B, α, β) and log L̂ = LSE(log A − α log N, log B − β log D, log E), from a
 * grid of starts, each polished by Levenberg–Marquardt (squared error rather than their Huber
 * loss). Null with fewer than 5 points, or when N or D takes a single value.
 */
export function fitChinchilla(
  points: readonly { n: number; d: number; loss: number }[],
): ChinchillaFit | null {
  if (points.length < 5 || points.some((p) => !(p.n > 0) || !(p.d > 0) || !(p.loss > 0)))
    return null;
  if (new Set(points.map((p) => p.n)).size < 2 || new Set(points.map((p) => p.d)).size < 2)
    return null;
  const logN = points.map((p) => Math.log(p.n));
  const logD = points.map((p) => Math.log(p.d));
  const logL = points.map((p) => Math.log(p.loss));
  const residuals: Residuals = ([e = 0, a = 0, b = 0, alpha = 0, beta = 0]) =>
    points.map((_, i) =>
      alpha > 0 && beta > 0 && alpha < 5 && beta < 5
        ? logSumExp(a - alpha * (logN[i] ?? 0), b - beta * (logD[i] ?? 0), e) - (logL[i] ?? 0)
        : BAD,
    );
  const minLog = Math.log(Math.min(...points.map((p) => p.loss)));
  let best: { p: number[]; sse: number } | null = null;
  for (const alpha of [0.1, 0.3, 0.6]) {
    for (const beta of [0.1, 0.3, 0.6]) {
      for (const e of [minLog - 2, minLog - 0.3]) {
        for (const a of [0, 4, 8]) {
          for (const b of [0, 4, 8]) {
            const fit = levenbergMarquardt(residuals, [e, a, b, alpha, beta], 60);
            if (Number.isFinite(fit.sse) && (best === null || fit.sse < best.sse)) best = fit;
          }
        }
      }
    }
  }
  if (best === null) return null;
  const polished = levenbergMarquardt(residuals, best.p, 300);
  const [e = NaN, a = NaN, b = NaN, alpha = NaN, beta = NaN] = polished.p;
  if (![e, a, b, alpha, beta, polished.sse].every(Number.isFinite)) return null;
  return {
    E: Math.exp(e),
    A: Math.exp(a),
    alpha,
    B: Math.exp(b),
    beta,
    ...quality(logL, polished.sse, 5),
    points: points.length,
  };
}

/** L(C) of a fit. */
export function predictPower(fit: PowerFit, x: number): number {
  return fit.E + fit.a * x ** -fit.alpha;
}

/** L(N, D) of a fit. */
export function predictChinchilla(fit: ChinchillaFit, n: number, d: number): number {
  return fit.E + fit.A * n ** -fit.alpha + fit.B * d ** -fit.beta;
}

/** A ±2σ band around a prediction, σ being the fit's residual spread in log L. */
export function predictionSpread(
  prediction: number,
  residualStd: number,
): { low: number; high: number } {
  return {
    low: prediction * Math.exp(-2 * residualStd),
    high: prediction * Math.exp(2 * residualStd),
  };
}

/**
 * The compute-optimal model for C = 6·N·D under a Chinchilla fit: N = G·(C/6)^(β/(α+β)),
 * D = (C/6)^(α/(α+β)) / G, with G = (αA / βB)^(1/(α+β)).
 */
export function computeOptimal(
  fit: ChinchillaFit,
  compute: number,
): { n: number; d: number; tokensPerParameter: number; loss: number } {
  const { A, B, alpha, beta } = fit;
  const g = ((alpha * A) / (beta * B)) ** (1 / (alpha + beta));
  const n = g * (compute / 6) ** (beta / (alpha + beta));
  const d = (compute / 6) ** (alpha / (alpha + beta)) / g;
  return { n, d, tokensPerParameter: d / n, loss: predictChinchilla(fit, n, d) };
}

/** The compute-efficient frontier: by compute, each point lower than every cheaper one. */
export function frontier<T extends { compute: number; loss: number }>(points: readonly T[]): T[] {
  const sorted = [...points].sort((p, q) => p.compute - q.compute || p.loss - q.loss);
  const kept: T[] = [];
  let lowest = Infinity;
  for (const p of sorted) {
    if (p.loss < lowest) {
      kept.push(p);
      lowest = p.loss;
    }
  }
  return kept;
}

/** 3 significant digits. */
const sig = (value: number): string =>
  Math.abs(value) >= 1e5
    ? value.toExponential(2).replace('e+', 'e')
    : String(+value.toPrecision(3));

/** `L(C) = 1.52 + 48.3·C^−0.081`. */
export function formatPowerFit(fit: PowerFit): string {
  return `L(C) = ${sig(fit.E)} + ${sig(fit.a)}·C^−${sig(fit.alpha)}`;
}

/** `L(N, D) = 1.69 + 406/N^0.34 + 411/D^0.28`. */
export function formatChinchillaFit(fit: ChinchillaFit): string {
  return `L(N, D) = ${sig(fit.E)} + ${sig(fit.A)}/N^${sig(fit.alpha)} + ${sig(fit.B)}/D^${sig(fit.beta)}`;
}
