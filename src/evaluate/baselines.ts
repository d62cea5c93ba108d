import type { Dataset } from "../data/dataset.js";
import { fitModel, forecast, type CohortModel, type Forecast, type ModelOptions } from "../cohort/model.js";
import { resolveRatioOptions, type RatioFit, type ResolvedRatioOptions } from "../cohort/methods.js";
import { Fill } from "../cohort/project.js";
import type { PupilPaths } from "./backtest.js";

/** A baseline forecaster: like `Forecaster`, but what it returns is a full `Forecast`. */
export type Baseline = (train: Dataset, to: number) => Forecast;

const LAST_VALUE: ResolvedRatioOptions = resolveRatioOptions({ method: "mean", years: 1 });

/**
 * The persistence model (the "naive" forecast) as a cohort model: every taught grade is a level
 * (`Fill.level`) whose fitted value is its base-year figure, and whose history is its own counts
 * (so `simulate` resamples the year-to-year changes of each grade). `forecast` of it gives
 * P̂[g][t + h] = P[g][t].
 *
 * @throws DatasetError from `fitModel` (e.g. a dataset with no enrolment)
 * @example
 * ```ts
 * simulate(persistenceModel(ds), { to: 2030, draws: 500, seed: 1 })
 * ```
 */
export function persistenceModel(train: Dataset): CohortModel {
  const m = fitModel(withoutBirths(train), { progression: { method: "mean", years: 1 }, entry: { method: "mean", years: 1 } });
  const { cube } = m;
  const Y = cube.years.length;
  const fill = new Uint8Array(m.fill.length);
  const ratioHistory = new Float64Array(m.ratioHistory.length).fill(NaN);
  const fits: (RatioFit | undefined)[] = [];
  const methods: (ResolvedRatioOptions | undefined)[] = [];
  for (let k = 0; k < m.fill.length; k++) {
    if (m.fill[k] === Fill.none) {
      fits.push(undefined);
      methods.push(undefined);
      continue;
    }
    fill[k] = Fill.level;
    let n = 0;
    for (let y = 0; y < Y; y++) {
      const v = cube.data[k * Y + y]!;
      ratioHistory[k * Y + y] = v;
      if (Number.isFinite(v)) n++;
    }
    fits.push({ kind: "constant", value: m.base[k]!, n });
    methods.push(LAST_VALUE);
  }
  return { ...m, fill, ratioHistory, fits, methods };
}

/**
 * The persistence baseline (the "naive" forecast): every grade keeps its base-year figure,
 * P̂[g][t + h] = P[g][t] (a missing base-year figure is imputed as `fitModel` does, see
 * `CohortModel.base`). Returns a `Forecast` of `persistenceModel`, so `stageTotals`,
 * `pupilRecords`, `forecastFor` and `simulate` (on `fc.model`) accept it.
 *
 * @throws RangeError when `to` is before the dataset's base year
 * @example
 * ```ts
 * backtest(ds, persistence, { origins: [2010], horizon: 3 })
 * stageTotals(persistence(ds, 2030))
 * ```
 */
export const persistence: Baseline = (train: Dataset, to: number): Forecast => {
  if (!Number.isInteger(to) || to < train.baseYear) throw new RangeError(`persistence: to must be an integer ≥ the base year ${train.baseYear}, got ${to}`);
  return forecast(persistenceModel(train), { to });
};

/**
 * Model options of the plain method: the mean of the last 3 ratios for progression and for entry.
 * With births, entry is the mean of the last 3 entry ratios (entrants / births); without births
 * (`withoutBirths`), the mean of the last 3 entry counts. See `plain` and `plainWithBirths`.
 *
 * @example
 * ```ts
 * fitModel(ds, plainOptions) // = plainWithBirths(ds, to).model
 * ```
 */
export const plainOptions: ModelOptions = {
  progression: { method: "mean", years: 3 },
  entry: { method: "mean", years: 3 },
};

/** Options of `plain`. */
export interface PlainOptions {
  /**
   * Whether entry grades follow births (entrants = mean of the last 3 entry ratios × births) or
   * are levels (the mean of the last 3 entry counts, births ignored).
   * @defaultValue false
   */
  readonly births?: boolean;
}

/**
 * The plain cohort-survival baseline: progression ratios are the mean of the last 3 observed
 * ratios; entrants to every entry grade are, by default, the mean of the last 3 entry counts (a
 * `level`, births ignored): P̂[g][t + h] = mean(P[g][t−2..t]) for entry grades, r̄ · P̂[g−1][t + h − 1]
 * otherwise. With `{ births: true }` entry grades follow births with the mean of the last 3 entry
 * ratios, i.e. `forecast(fitModel(train, plainOptions), { to })`, also available as
 * `plainWithBirths`. Returns a `Forecast`.
 *
 * | reference | call |
 * |---|---|
 * | plain without births (the default) | `plain(ds, to)`, or `plain` as a backtest method |
 * | plain with births | `plain(ds, to, { births: true })`, or `plainWithBirths` as a backtest method |
 *
 * @throws DatasetError from `fitModel` (a missing base-year figure)
 * @example
 * ```ts
 * backtest(ds, plain, { origins: [2010], horizon: 3 })
 * backtest(ds, plainWithBirths, { origins: [2010], horizon: 3 })
 * ```
 */
export function plain(train: Dataset, to: number, options: PlainOptions = {}): Forecast {
  return forecast(fitModel(options.births ? train : withoutBirths(train), plainOptions), { to });
}

/**
 * The plain baseline with entry from births: `plain(train, to, { births: true })`.
 *
 * @throws DatasetError from `fitModel`
 * @example
 * ```ts
 * backtest(ds, plainWithBirths, { origins: [2010], horizon: 3 })
 * ```
 */
export const plainWithBirths: Baseline = (train: Dataset, to: number): Forecast => plain(train, to, { births: true });

/**
 * The dataset with its births removed (entry grades then fit as levels).
 *
 * @throws never
 * @example
 * ```ts
 * withoutBirths(ds).births.length // 0
 * ```
 */
export function withoutBirths(dataset: Dataset): Dataset {
  return { ...dataset, births: [] };
}

/** One area's part of a forecast (see `forecastFor`). */
export interface AreaForecast {
  readonly area: string;
  /** Position of the area in the forecast's `areas`. */
  readonly index: number;
  readonly baseYear: number;
  readonly to: number;
  readonly grades: readonly string[];
  /** `pupils[g * W + h]`, W = to − baseYear + 1, h = 0 the base year; a copy. */
  readonly pupils: Float64Array;
  /**
   * Pupils of one grade (or the sum of several) in one year.
   * @throws RangeError on an unknown grade or a year outside baseYear..to
   */
  readonly get: (grades: string | readonly string[], year: number) => number;
}

/**
 * Looks up one area of a forecast (or of any `PupilPaths`: a baseline, a backtest method's
 * output) by its id.
 *
 * @throws RangeError when the forecast has no area of that id (the message lists a few)
 * @example
 * ```ts
 * const j = forecastFor(forecast(model, { to: 2030 }), "jiangcheng");
 * j.get("P1", 2025)             // P1 pupils in 2025
 * j.get(["P1", "P2"], 2025)     // their sum
 * ```
 */
export function forecastFor(fc: PupilPaths, area: string): AreaForecast {
  const a = fc.areas.indexOf(area);
  if (a < 0) throw new RangeError(`forecastFor: no area ${JSON.stringify(area)} in the forecast; its areas are ${fc.areas.slice(0, 8).join(", ")}${fc.areas.length > 8 ? `, … (${fc.areas.length})` : ""}`);
  const G = fc.grades.length;
  const W = fc.to - fc.baseYear + 1;
  const pupils = fc.pupils.slice(a * G * W, (a + 1) * G * W);
  const gIndex = new Map(fc.grades.map((g, i) => [g, i]));
  const get = (grades: string | readonly string[], year: number): number => {
    if (!Number.isInteger(year) || year < fc.baseYear || year > fc.to) throw new RangeError(`forecastFor(${area}).get: year ${year} is outside ${fc.baseYear}–${fc.to}`);
    let s = 0;
    for (const id of typeof grades === "string" ? [grades] : grades) {
      const g = gIndex.get(id);
      if (g === undefined) throw new RangeError(`forecastFor(${area}).get: unknown grade ${JSON.stringify(id)}; grades are ${fc.grades.join(", ")}`);
      s += pupils[g * W + year - fc.baseYear]!;
    }
    return s;
  };
  return { area, index: a, baseYear: fc.baseYear, to: fc.to, grades: fc.grades, pupils, get };
}
