import { mean, median } from "simple-statistics";

/** One forecast compared with what happened. */
export interface ErrorCell {
  readonly forecast: number;
  readonly actual: number;
  /** Bounds of the central 80% and 95% intervals, when the backtest simulated. */
  readonly lower80?: number;
  readonly upper80?: number;
  readonly lower95?: number;
  readonly upper95?: number;
}

/**
 * Error metrics of a set of forecasts, in percent.
 *
 * With eᵢ = Fᵢ − Aᵢ over the cells whose actual Aᵢ ≥ `minActual` and Aᵢ > 0 (n of them):
 * - `mape` = (100 / n) Σ |eᵢ| / Aᵢ, the mean absolute percentage error;
 * - `mdape` = median of 100 |eᵢ| / Aᵢ;
 * - `bias` = (100 / n) Σ eᵢ / Aᵢ, the mean signed percentage error (positive: forecasts too high);
 * - `wape` = 100 Σ |eᵢ| / Σ Aᵢ over all cells (weighted by size; needs no floor);
 * - `coverage80`, `coverage95`: share of all cells (in [0, 1]) whose actual lies inside the
 *   interval, when intervals are given.
 * Percentage errors of tiny actuals are noise (a charter school of 3 pupils that gains 3 is
 * +100%), so cells below the floor are left out of mape, mdape and bias and counted in `small`.
 * A floor of 0 means no floor; an actual of 0 still has no percentage error (it is always left
 * out, and counted in `small` and in `zeros`). Metrics with no cell to average are `NaN`.
 */
export interface ErrorSummary {
  /** Cells compared (all, including those below the floor). */
  readonly cells: number;
  /** Cells left out of the percentage errors: below `minActual`, or with an actual of 0. */
  readonly small: number;
  /** Cells whose actual is 0 (part of `small`). */
  readonly zeros: number;
  readonly mape: number;
  readonly mdape: number;
  readonly bias: number;
  readonly wape: number;
  readonly coverage80?: number;
  readonly coverage95?: number;
}

/**
 * Summarises forecast errors (see `ErrorSummary` for the formulas).
 *
 * @param cells - forecasts with their actuals; all finite
 * @param minActual - floor on the actual for percentage errors; 0 for none @defaultValue 20
 * @throws RangeError when `minActual` is not a finite number ≥ 0
 * @example
 * ```ts
 * errorSummary([{ forecast: 110, actual: 100 }, { forecast: 90, actual: 100 }])
 * // { cells: 2, small: 0, zeros: 0, mape: 10, mdape: 10, bias: 0, wape: 10 }
 * ```
 */
export function errorSummary(cells: readonly ErrorCell[], minActual = 20): ErrorSummary {
  if (!(minActual >= 0 && Number.isFinite(minActual))) throw new RangeError(`minActual must be a finite number ≥ 0 (0 for no floor), got ${minActual}`);
  const ape: number[] = [];
  const spe: number[] = [];
  let absSum = 0;
  let actSum = 0;
  let n80 = 0;
  let in80 = 0;
  let n95 = 0;
  let in95 = 0;
  let zeros = 0;
  for (const c of cells) {
    const e = c.forecast - c.actual;
    absSum += Math.abs(e);
    actSum += c.actual;
    if (c.actual === 0) zeros++;
    else if (c.actual >= minActual) {
      ape.push((100 * Math.abs(e)) / c.actual);
      spe.push((100 * e) / c.actual);
    }
    if (c.lower80 !== undefined && c.upper80 !== undefined) {
      n80++;
      if (c.actual >= c.lower80 && c.actual <= c.upper80) in80++;
    }
    if (c.lower95 !== undefined && c.upper95 !== undefined) {
      n95++;
      if (c.actual >= c.lower95 && c.actual <= c.upper95) in95++;
    }
  }
  const s: ErrorSummary = {
    cells: cells.length,
    small: cells.length - ape.length,
    zeros,
    mape: ape.length ? mean(ape) : NaN,
    mdape: ape.length ? median(ape) : NaN,
    bias: spe.length ? mean(spe) : NaN,
    wape: actSum > 0 ? (100 * absSum) / actSum : NaN,
  };
  return {
    ...s,
    ...(n80 ? { coverage80: in80 / n80 } : {}),
    ...(n95 ? { coverage95: in95 / n95 } : {}),
  };
}
