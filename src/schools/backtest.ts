import { fitModel, forecast, type ModelOptions } from "../cohort/model.js";
import type { Dataset } from "../data/dataset.js";
import { sortedQuantile, totalAt } from "./intervals.js";
import { forecastSchools, type SchoolForecastOptions } from "./model.js";
import { plainProject } from "./plain.js";
import { simulateSchools } from "./simulate.js";
import { simulate } from "../uncertainty/simulate/index.js";

/** Options of `backtestSchools`. */
export interface SchoolBacktestPlan {
  /** Origins (base years of the cut datasets). */
  readonly origins: readonly number[];
  /** Largest horizon. @defaultValue 5 */
  readonly maxHorizon?: number;
  /** The school model's options and interval level. @defaultValue the defaults (level 0.8) */
  readonly schools?: SchoolForecastOptions;
  /** Options of the area model the schools reconcile to. @defaultValue the cohort model's defaults */
  readonly area?: ModelOptions;
  /** Schools whose actual total is below this are not scored (as `errorSummary`'s `minActual`). @defaultValue 20 */
  readonly minActual?: number;
  /**
   * Also simulate paths at each origin (the area model's `simulate` with its paths kept, and
   * `simulateSchools` reconciled to them) and score the coverage of each school's path interval
   * (`SchoolErrorRow.pathCoverage`, at the level of `schools.level`, default 0.8).
   * @defaultValue no paths
   */
  readonly paths?: { readonly draws: number; readonly seed: number };
  /** Score only these schools (ids), e.g. the schools whose entry grade is above the first. @defaultValue every school */
  readonly scored?: readonly string[];
}

/** Errors of one method at one horizon over schools and origins (percentages). */
export interface SchoolErrorRow {
  readonly horizon: number;
  readonly method: "default" | "plain" | "persistence";
  readonly n: number;
  /** Mean of |F − A| / A · 100. */
  readonly mape: number;
  /** Median of |F − A| / A · 100. */
  readonly mdape: number;
  /** Mean of (F − A) / A · 100 (positive: over-forecast). */
  readonly bias: number;
  /** Share of actual totals inside the default's interval (default method only; NaN otherwise). */
  readonly coverage: number;
  /** Share of actual totals inside the quantiles of the school's simulated paths reconciled to the area's (`SchoolBacktestPlan.paths`; default method only; NaN otherwise). */
  readonly pathCoverage: number;
}

/** What `backtestSchools` returns: the rows and the schools left out of scoring, with reasons. */
export interface SchoolBacktestResult {
  readonly rows: readonly SchoolErrorRow[];
  /** Scored (school, origin, horizon) triples left out, by reason: `span-changed`, `not-open`, `small`, `missing`. */
  readonly excluded: Readonly<Record<string, number>>;
}

/**
 * Rolling-origin backtest of school totals: for each origin o the dataset is cut at o (area and
 * school enrolment after o removed), the area model is fitted and forecast to o + maxHorizon, and
 * three methods forecast every school:
 * - **default**: `forecastSchools` (pooled ratios, intake shares with damped trends, reconciled to the area forecast);
 * - **plain**: `plainProject` per school (its own mean of 3 progression ratios, its first grade at the mean of its last 3 counts);
 * - **persistence**: the school's total at o.
 * With `paths`, the area model is also simulated at each origin (`simulate`, paths kept) and the
 * schools' paths reconciled to it (`simulateSchools`); each scored school's interval from its
 * paths is checked against the actual total (`pathCoverage`).
 * School calendars (grade spans, openings, closings) are taken as known plans. Scored: schools
 * teaching at o and o + h with the same grade span (so persistence is not penalised for a span
 * change), all grades' figures known, and an actual total ≥ `minActual`.
 *
 * @param ds - a dataset with schools, school enrolment and area enrolment
 * @param plan - origins, horizons, options
 * @throws RangeError when an origin leaves fewer than 2 history years or is not before the base year
 * @example
 * ```ts
 * const bt = backtestSchools(ds, { origins: [2010, 2011, 2012] });
 * ```
 */
export function backtestSchools(ds: Dataset, plan: SchoolBacktestPlan): SchoolBacktestResult {
  const Hmax = plan.maxHorizon ?? 5;
  const minActual = plan.minActual ?? 20;
  const scored = plan.scored ? new Set(plan.scored) : undefined;
  const errs: Record<string, { ape: number[]; pe: number[]; hit: number; n: number; pathHit: number; pathN: number }> = {};
  const excluded: Record<string, number> = { "span-changed": 0, "not-open": 0, small: 0, missing: 0 };
  const add = (h: number, m: string, f: number, a: number, inside?: boolean, insidePaths?: boolean): void => {
    const k = `${h}\u0000${m}`;
    const e = (errs[k] ??= { ape: [], pe: [], hit: 0, n: 0, pathHit: 0, pathN: 0 });
    if (insidePaths !== undefined) {
      e.pathN++;
      if (insidePaths) e.pathHit++;
    }
    e.ape.push((Math.abs(f - a) / a) * 100);
    e.pe.push(((f - a) / a) * 100);
    if (inside !== undefined) {
      e.n++;
      if (inside) e.hit++;
    }
  };
  // The full-history panel gives the actuals (the panel only: no forecast years, no intervals).
  const fp = forecastSchools(ds, forecast(fitModel(ds, plan.area ?? {}), { to: ds.baseYear }), { level: null, shrinkage: 0 }).panel;
  for (const o of plan.origins) {
    if (!(o >= ds.firstYear + 2 && o < ds.baseYear)) throw new RangeError(`backtestSchools: origin ${o} must leave 2 history years and be before the base year ${ds.baseYear}`);
    const H = Math.min(Hmax, ds.baseYear - o);
    const cut: Dataset = {
      ...ds,
      enrolment: ds.enrolment.filter((r) => r.year <= o),
      schoolEnrolment: (ds.schoolEnrolment ?? []).filter((r) => r.year <= o),
      births: ds.births.filter((b) => b.year <= o),
      baseYear: o,
    };
    const model = fitModel(cut, plan.area ?? {});
    const fc = forecast(model, { to: o + H });
    const sf = forecastSchools(cut, fc, plan.schools ?? {});
    const level = plan.schools?.level ?? 0.8;
    const paths = plan.paths ? simulateSchools(sf, { seed: plan.paths.seed, area: { simulation: simulate(model, { draws: plan.paths.draws, seed: plan.paths.seed, to: o + H, paths: true }), system: ds.system } }) : undefined;
    const pathBounds = (s: number, h: number): [number, number] => {
      const D = paths!.draws;
      const xs = new Float64Array(D);
      for (let d = 0; d < D; d++) xs[d] = paths!.totals[(d * S + s) * H + h - 1]!;
      xs.sort();
      const sorted = Array.from(xs);
      return [sortedQuantile(sorted, (1 - level) / 2), sortedQuantile(sorted, (1 + level) / 2)];
    };
    const p = sf.panel;
    const S = p.schools.length;
    const G = p.grades.length;
    const Y = o - p.firstYear + 1;
    const T = Y + H;
    const W = H + 1;
    const plainOut = plainProject(p.pupils, p.offered, S, G, Y, H, 3);
    const FY = ds.baseYear - ds.firstYear + 1;
    for (let s = 0; s < S; s++) {
      if (scored && !scored.has(p.schools[s]!)) continue;
      const base = totalAt(p.pupils, p.offered, s, G, Y, T, Y - 1);
      for (let h = 1; h <= H; h++) {
        const t = Y - 1 + h;
        let taughtBase = false;
        let taughtT = false;
        let same = true;
        for (let g = 0; g < G; g++) {
          const b = p.offered[(s * G + g) * T + Y - 1]!;
          const x = p.offered[(s * G + g) * T + t]!;
          if (b) taughtBase = true;
          if (x) taughtT = true;
          if (b !== x) same = false;
        }
        if (!taughtBase || !taughtT) {
          excluded["not-open"]!++;
          continue;
        }
        if (!same) {
          excluded["span-changed"]!++;
          continue;
        }
        const actual = totalAt(fp.pupils, fp.offered, s, G, FY, FY, t);
        if (!(actual === actual) || !(base === base)) {
          excluded.missing!++;
          continue;
        }
        if (actual < minActual) {
          excluded.small!++;
          continue;
        }
        let fd = 0;
        let fpl = 0;
        for (let g = 0; g < G; g++) {
          fd += sf.pupils[(s * G + g) * W + h]!;
          fpl += plainOut[(s * G + g) * W + h]!;
        }
        const lo = sf.lower[s * W + h]!;
        const hi = sf.upper[s * W + h]!;
        const pb = paths ? pathBounds(s, h) : undefined;
        add(h, "default", fd, actual, lo === lo ? actual >= lo && actual <= hi : undefined, pb ? actual >= pb[0] && actual <= pb[1] : undefined);
        add(h, "plain", fpl, actual);
        add(h, "persistence", base, actual);
      }
    }
  }
  const rows: SchoolErrorRow[] = [];
  for (let h = 1; h <= Hmax; h++) {
    for (const m of ["default", "plain", "persistence"] as const) {
      const e = errs[`${h}\u0000${m}`];
      if (!e) continue;
      const sorted = [...e.ape].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      rows.push({
        horizon: h,
        method: m,
        n: e.ape.length,
        mape: mean(e.ape),
        mdape: sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2,
        bias: mean(e.pe),
        coverage: e.n > 0 ? e.hit / e.n : NaN,
        pathCoverage: e.pathN > 0 ? e.pathHit / e.pathN : NaN,
      });
    }
  }
  return { rows, excluded };
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}
