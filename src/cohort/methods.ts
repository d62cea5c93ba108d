import { linearRegression, mean, median } from "simple-statistics";

/**
 * How a series of historical ratios (oldest first) is turned into future ratios.
 *
 * - `mean`: arithmetic mean of the last `years` ratios.
 * - `weighted`: recency-weighted mean of the last `years` ratios, weights 1, 2, …, n (newest n).
 * - `median`: median of the last `years` ratios (robust to one odd year).
 * - `ses`: simple exponential smoothing with `alpha` over the whole series:
 *   ℓ₁ = r₁, ℓₜ = α rₜ + (1 − α) ℓₜ₋₁; the forecast is ℓₙ.
 * - `trend`: least-squares line through the last `years` ratios, extrapolated h years ahead and
 *   clamped to [min · (1 − clampMargin), max · (1 + clampMargin)] of those ratios.
 * - `damped`: the trend's slope damped by φ each year: r̂(h) = a + b·(φ + φ² + … + φʰ), clamped
 *   like `trend` (Gardner & McKenzie 1985, damped trend).
 */
export type RatioMethod = "mean" | "weighted" | "median" | "ses" | "trend" | "damped";

/** All ratio methods, for iterating (tests, method selection). */
export const ratioMethods: readonly RatioMethod[] = ["mean", "weighted", "median", "ses", "trend", "damped"];

/**
 * Options for fitting one kind of ratio (progression or entry).
 */
export interface RatioOptions {
  /**
   * Fitting method. The default, simple exponential smoothing with α = 0.5 (Brown 1956), weighs
   * each year half as much as the next one; in rolling-origin backtests on US states
   * (1986–2011) and Connecticut districts (2007–2015) it was never less accurate than the mean of
   * the last 3 ratios at horizons 1–5 (docs/accuracy.md; `npm run accuracy`).
   * @defaultValue `"ses"`
   */
  readonly method?: RatioMethod;
  /** Window: how many of the latest ratios are used (not used by `ses`). @defaultValue 3 */
  readonly years?: number;
  /** Smoothing weight for `ses`, in (0, 1]. @defaultValue 0.5 */
  readonly alpha?: number;
  /** Damping factor for `damped`, in [0, 1]. @defaultValue 0.8 */
  readonly phi?: number;
  /**
   * Relative margin of the clamp of `trend` and `damped` around the window's range, in [0, 1]
   * (above 1 the lower bound min · (1 − margin) would be negative). @defaultValue 0.05
   */
  readonly clampMargin?: number;
}

/** Fully resolved ratio options. */
export type ResolvedRatioOptions = Required<RatioOptions>;

/**
 * Resolves options with their defaults and checks them.
 *
 * @throws RangeError on a window below 1, alpha outside (0, 1], phi outside [0, 1], or a margin outside [0, 1]
 * @example
 * ```ts
 * resolveRatioOptions({ method: "median" }) // { method: "median", years: 3, alpha: 0.5, phi: 0.8, clampMargin: 0.05 }
 * resolveRatioOptions().method // "ses"
 * ```
 */
export function resolveRatioOptions(o: RatioOptions = {}): ResolvedRatioOptions {
  const r: ResolvedRatioOptions = {
    method: o.method ?? "ses",
    years: o.years ?? 3,
    alpha: o.alpha ?? 0.5,
    phi: o.phi ?? 0.8,
    clampMargin: o.clampMargin ?? 0.05,
  };
  if (!ratioMethods.includes(r.method)) throw new RangeError(`unknown ratio method ${JSON.stringify(r.method)}; use one of ${ratioMethods.join(", ")}`);
  if (!Number.isInteger(r.years) || r.years < 1) throw new RangeError(`years must be an integer ≥ 1, got ${r.years}`);
  if (!(r.alpha > 0 && r.alpha <= 1)) throw new RangeError(`alpha must be in (0, 1], got ${r.alpha}`);
  if (!(r.phi >= 0 && r.phi <= 1)) throw new RangeError(`phi must be in [0, 1], got ${r.phi}`);
  if (!(r.clampMargin >= 0 && r.clampMargin <= 1)) throw new RangeError(`clampMargin must be in [0, 1], got ${r.clampMargin}`);
  return r;
}

/**
 * A fitted ratio in closed form: `constant`, or a (damped) line with its clamp. Evaluate with
 * `ratioAt`.
 */
export type RatioFit =
  | { readonly kind: "constant"; readonly value: number; readonly n: number }
  | {
      readonly kind: "trend";
      /** Fitted value at the last observation (h = 0). */
      readonly level: number;
      readonly slope: number;
      /** 1 for an undamped trend. */
      readonly phi: number;
      readonly lo: number;
      readonly hi: number;
      readonly n: number;
    };

/**
 * Fits a ratio series (oldest first, finite values only) with the given options.
 * Returns `undefined` for an empty series.
 *
 * @example
 * ```ts
 * fitRatio([0.98, 1.0, 1.02], resolveRatioOptions({ method: "mean" })) // { kind: "constant", value: 1, n: 3 }
 * fitRatio([0.98, 1.0, 1.02], resolveRatioOptions())                    // ses: { kind: "constant", value: 1.005, n: 3 }
 * ratioAt(fitRatio([1, 1.1, 1.2], resolveRatioOptions({ method: "trend" }))!, 1) // 1.26 (the line gives 1.3, clamped at 1.2 × 1.05)
 * ```
 */
export function fitRatio(series: readonly number[], o: ResolvedRatioOptions): RatioFit | undefined {
  const n = series.length;
  if (n === 0) return undefined;
  const win = series.slice(Math.max(0, n - o.years));
  switch (o.method) {
    case "mean":
      return { kind: "constant", value: mean(win), n: win.length };
    case "median":
      return { kind: "constant", value: median(win), n: win.length };
    case "weighted": {
      let s = 0;
      let w = 0;
      win.forEach((v, i) => {
        s += (i + 1) * v;
        w += i + 1;
      });
      return { kind: "constant", value: s / w, n: win.length };
    }
    case "ses": {
      let level = series[0]!;
      for (let i = 1; i < n; i++) level = o.alpha * series[i]! + (1 - o.alpha) * level;
      return { kind: "constant", value: level, n };
    }
    case "trend":
    case "damped": {
      if (win.length < 2) return { kind: "constant", value: win[0]!, n: win.length };
      const { m, b } = linearRegression(win.map((v, i) => [i, v]));
      const lo = Math.min(...win) * (1 - o.clampMargin);
      const hi = Math.max(...win) * (1 + o.clampMargin);
      return { kind: "trend", level: b + m * (win.length - 1), slope: m, phi: o.method === "damped" ? o.phi : 1, lo, hi, n: win.length };
    }
  }
}

/**
 * One-step-ahead errors of a ratio method over a series (oldest first): for each i ≥ 1, the
 * method fitted to the first i ratios forecasts the next one, and the error is
 * eᵢ = ln(rᵢ / r̂ᵢ), r̂ᵢ = `ratioAt(fitRatio(r₀ … rᵢ₋₁), 1)`; pairs where either is not positive
 * are skipped. These are the errors `simulate` resamples.
 *
 * For `ses` the forecast from the first i ratios is the smoothed level after them, so the
 * errors come from one pass over the series, with the same arithmetic as refitting each prefix
 * (equal to the last bit; a property test compares both); the other methods refit each prefix.
 *
 * @param log - the natural logarithm to use (`simulate` passes its engine-independent one)
 * @example
 * ```ts
 * oneStepErrors([1, 1.1, 1.1], resolveRatioOptions({ method: "ses", alpha: 0.5 }))
 * // [ln(1.1 / 1), ln(1.1 / 1.05)] ≈ [0.0953, 0.0465]
 * ```
 */
export function oneStepErrors(series: readonly number[], o: ResolvedRatioOptions, log: (x: number) => number = Math.log): number[] {
  const e: number[] = [];
  if (o.method === "ses") {
    let level = series[0]!;
    for (let i = 1; i < series.length; i++) {
      const v = series[i]!;
      if (level > 0 && v > 0) e.push(log(v / level));
      level = o.alpha * v + (1 - o.alpha) * level;
    }
    return e;
  }
  for (let i = 1; i < series.length; i++) {
    const fit = fitRatio(series.slice(0, i), o);
    if (!fit) continue;
    const p = ratioAt(fit, 1);
    const v = series[i]!;
    if (p > 0 && v > 0) e.push(log(v / p));
  }
  return e;
}

/**
 * The fitted ratio h ≥ 1 years after the last observation.
 *
 * Formula: constant → value; trend → clamp(level + slope · Σₖ₌₁ʰ φᵏ, lo, hi).
 *
 * @example
 * ```ts
 * ratioAt({ kind: "constant", value: 0.97, n: 3 }, 5) // 0.97
 * ```
 */
export function ratioAt(fit: RatioFit, h: number): number {
  if (fit.kind === "constant") return fit.value;
  // φʰ of whole years by repeated multiplication, not `**` (whose last bit may differ between engines).
  let phiH = 1;
  if (Number.isInteger(h) && h >= 0) for (let k = 0; k < h; k++) phiH *= fit.phi;
  else phiH = fit.phi ** h;
  const steps = fit.phi === 1 ? h : (fit.phi * (1 - phiH)) / (1 - fit.phi);
  const v = fit.level + fit.slope * steps;
  return Math.min(fit.hi, Math.max(fit.lo, v));
}
