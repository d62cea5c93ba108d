/**
 * How the resampled ratio errors of `simulate` grow with the horizon: a ratio's log error h years
 * ahead as a level error, a random walk and a fresh error, with the share of each estimated from
 * the errors the model's own ratio methods made in the history, 1 to `WALK_FIT_HORIZONS` years
 * ahead (see `SimulationSources.ratios`).
 */
import { fitRatio, ratioAt } from "../../cohort/methods.js";
import type { CohortModel } from "../../cohort/model.js";
import { Fill } from "../../cohort/project.js";
import { log } from "../libm.js";

/** Horizons whose in-sample errors the growth of the ratio errors is fitted to (1 … this). */
export const WALK_FIT_HORIZONS = 5;

/** Fewest pairs of a one- and a two-year-ahead error (same ratio, same origin) a fill needs to fit the growth. */
export const MIN_WALK_PAIRS = 30;

/**
 * Multipliers of the three parts of a simulated ratio error: ln error at h =
 * λ e[u_P] + ρ (e[w₁] + … + e[w_h]) + ν e[u_h], each e drawn from the grade's one-step errors.
 */
export interface ErrorWeights {
  /** λ: the level error, drawn once per path. */
  readonly level: number;
  /** ρ: the random walk's steps, one drawn per year. */
  readonly walk: number;
  /** ν: the fresh error, drawn per year. */
  readonly fresh: number;
}

/** The model of before the growth was estimated (`ratioErrors: "one-step"`): e[u_P] + e[u_h], no walk. */
export const ONE_STEP_WEIGHTS: ErrorWeights = Object.freeze({ level: 1, walk: 0, fresh: 1 });

/**
 * The weights where the growth cannot be measured (fewer than `MIN_WALK_PAIRS` pairs of a one-
 * and a two-year-ahead error): no walk, and the one-step model's equal shares of level and fresh
 * error, λ = ν = √½, so that λ² + ρ² + ν² = 1 as for every fitted set (`weightsOf`): one year
 * ahead the simulated error has the spread of the one-year-ahead errors it resamples, the spread
 * they measure. `ONE_STEP_WEIGHTS` (λ = ν = 1) gives it twice their variance: a one-step error
 * already holds both parts, and counting it once as level and once as fresh doubles it.
 */
export const NO_GROWTH_WEIGHTS: ErrorWeights = Object.freeze({ level: Math.SQRT1_2, walk: 0, fresh: Math.SQRT1_2 });

/** Second moments of the in-sample h-step log errors: sum[(h − 1) K + k − 1] and count, k ≤ h ≤ K. */
export interface ErrorMoments {
  readonly K: number;
  readonly sum: Float64Array;
  readonly count: Float64Array;
}

/** Components fitted to the moments: level variance L, walk step variance q, fresh variance ε. */
export interface WalkFit {
  readonly L: number;
  readonly q: number;
  readonly eps: number;
}

/**
 * Adds the in-sample errors of one ratio series (oldest first, finite values) to `m`: for every
 * origin (the first p ratios, p ≥ 1) the grade's method forecasts h = 1 … K years ahead,
 * e_h = ln(r_{p+h−1} / r̂_h), and every pair e_h · e_k of one origin is added (k ≤ h).
 */
export function addSeriesMoments(series: readonly number[], o: Parameters<typeof fitRatio>[1], m: ErrorMoments): void {
  const { K, sum, count } = m;
  const R = series.length;
  const e = new Float64Array(K);
  const ok = new Uint8Array(K);
  let level = series[0]!;
  for (let p = 1; p < R; p++) {
    // ses: the forecast from the first p ratios is the smoothed level after them, at every h.
    if (p > 1 && o.method === "ses") level = o.alpha * series[p - 1]! + (1 - o.alpha) * level;
    const fit = o.method === "ses" ? undefined : fitRatio(series.slice(0, p), o);
    let any = false;
    for (let h = 1; h <= K; h++) {
      ok[h - 1] = 0;
      if (p + h - 1 >= R) continue;
      const f = fit ? ratioAt(fit, h) : level;
      const v = series[p + h - 1]!;
      if (!(f > 0 && v > 0)) continue;
      e[h - 1] = log(v / f);
      ok[h - 1] = 1;
      any = true;
    }
    if (!any) continue;
    for (let h = 1; h <= K; h++) {
      if (!ok[h - 1]) continue;
      for (let k = 1; k <= h; k++) {
        if (!ok[k - 1]) continue;
        const i = (h - 1) * K + k - 1;
        sum[i] = sum[i]! + e[h - 1]! * e[k - 1]!;
        count[i] = count[i]! + 1;
      }
    }
  }
}

/**
 * Fits E[e_h e_k] = L + q · min(h, k) + ε · [h = k] (a level error L, a random walk of step
 * variance q, a fresh error ε) to the mean products of `m` by least squares weighted by their
 * counts, with L, q, ε ≥ 0 (every subset of the three tried; the best fit whose values are all
 * non-negative is kept). `undefined` when fewer than `MIN_WALK_PAIRS` pairs of a one- and a
 * two-year-ahead error were seen (the walk cannot be told from the level) or nothing is positive.
 */
export function fitWalk(m: ErrorMoments): WalkFit | undefined {
  const { K, sum, count } = m;
  if (K < 2 || count[K]! < MIN_WALK_PAIRS) return undefined; // cell (h = 2, k = 1)
  const rows: { x: [number, number, number]; y: number; w: number }[] = [];
  for (let h = 1; h <= K; h++) {
    for (let k = 1; k <= h; k++) {
      const i = (h - 1) * K + k - 1;
      const n = count[i]!;
      if (n > 0) rows.push({ x: [1, k, h === k ? 1 : 0], y: sum[i]! / n, w: n });
    }
  }
  let best: { fit: WalkFit; sse: number } | undefined;
  for (let mask = 1; mask < 8; mask++) {
    const idx = [0, 1, 2].filter((j) => mask & (1 << j));
    const sol = wls(rows, idx);
    if (!sol || sol.some((v) => v < 0)) continue;
    const beta = [0, 0, 0];
    idx.forEach((j, t) => (beta[j] = sol[t]!));
    let sse = 0;
    for (const r of rows) {
      const d = r.y - (beta[0]! * r.x[0] + beta[1]! * r.x[1] + beta[2]! * r.x[2]);
      sse += r.w * d * d;
    }
    if (!best || sse < best.sse) best = { fit: { L: beta[0]!, q: beta[1]!, eps: beta[2]! }, sse };
  }
  if (!best || !(best.fit.L + best.fit.q + best.fit.eps > 0)) return undefined;
  return best.fit;
}

/** Weighted least squares on the columns `idx` of x (normal equations, Gaussian elimination); undefined when singular. */
function wls(rows: readonly { x: readonly number[]; y: number; w: number }[], idx: readonly number[]): number[] | undefined {
  const p = idx.length;
  const A = Array.from({ length: p }, () => new Array<number>(p + 1).fill(0));
  for (const r of rows) {
    for (let i = 0; i < p; i++) {
      const xi = r.x[idx[i]!]!;
      for (let j = 0; j < p; j++) A[i]![j] = A[i]![j]! + r.w * xi * r.x[idx[j]!]!;
      A[i]![p] = A[i]![p]! + r.w * xi * r.y;
    }
  }
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let i = c + 1; i < p; i++) if (Math.abs(A[i]![c]!) > Math.abs(A[piv]![c]!)) piv = i;
    if (!(Math.abs(A[piv]![c]!) > 1e-300)) return undefined;
    [A[c], A[piv]] = [A[piv]!, A[c]!];
    for (let i = 0; i < p; i++) {
      if (i === c) continue;
      const f = A[i]![c]! / A[c]![c]!;
      for (let j = c; j <= p; j++) A[i]![j] = A[i]![j]! - f * A[c]![j]!;
    }
  }
  return A.map((row, i) => row[p]! / row[i]!);
}

/**
 * The weights of a fit: shares of the one-year-ahead variance, λ = √(L / V), ρ = √(q / V),
 * ν = √(ε / V), V = L + q + ε, so that one year ahead a simulated error has the variance of the
 * resampled errors and h years ahead (1 + (h − 1) ρ²) times it. No fit: `NO_GROWTH_WEIGHTS`.
 */
export function weightsOf(fit: WalkFit | undefined): ErrorWeights {
  if (!fit) return NO_GROWTH_WEIGHTS;
  const V = fit.L + fit.q + fit.eps;
  return { level: Math.sqrt(fit.L / V), walk: Math.sqrt(fit.q / V), fresh: Math.sqrt(fit.eps / V) };
}

/**
 * The in-sample error moments of every ratio series of fill `fill` of the model (all areas, all
 * grades), horizons 1 … K.
 */
export function fillMoments(model: CohortModel, fill: number, K: number): ErrorMoments {
  const m: ErrorMoments = { K, sum: new Float64Array(K * K), count: new Float64Array(K * K) };
  const G = model.cube.grades.length;
  const Y = model.cube.years.length;
  const series: number[] = [];
  for (let a = 0; a < model.cube.areas.length; a++) {
    for (let g = 0; g < G; g++) {
      if (model.fill[a * G + g] !== fill) continue;
      const o = model.methods[a * G + g];
      if (!o) continue;
      series.length = 0;
      for (let y = 0; y < Y; y++) {
        const r = model.ratioHistory[(a * G + g) * Y + y]!;
        if (Number.isFinite(r)) series.push(r);
      }
      if (series.length >= 2) addSeriesMoments(series, o, m);
    }
  }
  return m;
}

/**
 * The error weights of each fill of the model (index: the `Fill` value): fitted from the pooled
 * in-sample errors of that fill's ratios (`fitWalk`), or `NO_GROWTH_WEIGHTS` where they cannot be
 * (and for `Fill.none`, whose grades have no ratios).
 */
export function estimateWeights(model: CohortModel): ErrorWeights[] {
  const out: ErrorWeights[] = [];
  for (const f of [Fill.none, Fill.progression, Fill.births, Fill.level]) {
    out[f] = f === Fill.none ? NO_GROWTH_WEIGHTS : weightsOf(fitWalk(fillMoments(model, f, WALK_FIT_HORIZONS)));
  }
  return out;
}

/**
 * The spread the walk model resamples: the errors centred on their mean (so that the central
 * forecast stays the deterministic one) and scaled by k = √(Σ eᵢ² / Σ (eᵢ − ē)²), so that their
 * mean square is that of the raw errors, (1/n) Σ eᵢ²: the mean squared one-year-ahead error of
 * the method, bias included. The forecast does not remove its in-sample bias ē, so its error
 * spread about the truth is √(s² + ē²), not s; and the shares of `fitWalk` are fitted to the raw
 * (uncentred) products E[e_h e_k], of which this mean square is the (h = k = 1) cell. (1/n) Σ eᵢ²
 * estimates E[e²] without bias, so no n / (n − 1) correction is applied. Order is kept (a
 * centred list scaled by k > 0), so lists covering the same years stay aligned.
 *
 * Lists of fewer than 2 errors, or whose errors are all equal (no spread to scale), are returned
 * centred. Does not mutate `raw`.
 *
 * @example
 * ```ts
 * meanSquareScaled([0.01, 0.03])[1]! // 0.0223606797749979 (√0.0005: centred ±0.01, mean square (0.01² + 0.03²) / 2 = 0.0005)
 * ```
 */
export function meanSquareScaled(raw: ArrayLike<number>): Float64Array {
  const n = raw.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += raw[i]!;
  mean = n > 0 ? mean / n : 0;
  let ss = 0;
  let cs = 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = raw[i]!;
    out[i] = v - mean;
    ss += v * v;
    cs += out[i]! * out[i]!;
  }
  if (n < 2 || !(cs > 0)) return out;
  const k = Math.sqrt(ss / cs);
  for (let i = 0; i < n; i++) out[i] = out[i]! * k;
  return out;
}
