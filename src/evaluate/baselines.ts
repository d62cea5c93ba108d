import { enrolmentCube } from "../data/cube.js";
import type { Dataset } from "../data/dataset.js";
import { fitModel, forecast, type ModelOptions } from "../cohort/model.js";
import type { Forecaster, PupilPaths } from "./backtest.js";

/**
 * The persistence baseline (the "naive" forecast): every grade keeps its base-year figure,
 * P̂[g][t + h] = P[g][t].
 *
 * @throws RangeError when `to` is before the dataset's base year
 * @example
 * ```ts
 * backtest(ds, persistence, { origins: [2010], horizon: 3 })
 * ```
 */
export const persistence: Forecaster = (train: Dataset, to: number): PupilPaths => {
  if (!Number.isInteger(to) || to < train.baseYear) throw new RangeError(`persistence: to must be an integer ≥ the base year ${train.baseYear}, got ${to}`);
  const cube = enrolmentCube(train);
  const G = cube.grades.length;
  const Y = cube.years.length;
  const W = to - train.baseYear + 1;
  const pupils = new Float64Array(cube.areas.length * G * W);
  for (let a = 0; a < cube.areas.length; a++) {
    for (let g = 0; g < G; g++) {
      const v = cube.offered[a * G + g] ? cube.data[(a * G + g) * Y + Y - 1]! : 0;
      pupils.fill(v, (a * G + g) * W, (a * G + g + 1) * W);
    }
  }
  return { areas: cube.areas, grades: cube.grades, baseYear: train.baseYear, to, pupils };
};

/**
 * Model options of the plain method: the mean of the last 3 ratios, and of the last 3 entry counts
 * (with `withoutBirths`; see `plain`).
 *
 * @example
 * ```ts
 * fitModel(withoutBirths(ds), plainOptions)
 * ```
 */
export const plainOptions: ModelOptions = {
  progression: { method: "mean", years: 3 },
  entry: { method: "mean", years: 3 },
};

/**
 * The plain cohort-survival baseline: progression ratios are the mean of the last 3 observed
 * ratios; entrants to every entry grade are the mean of the last 3 entry counts (a `level`, births
 * ignored): P̂[g][t + h] = mean(P[g][t−2..t]) for entry grades, r̄ · P̂[g−1][t + h − 1] otherwise.
 *
 * @throws DatasetError from `fitModel` (a missing base-year figure)
 * @example
 * ```ts
 * backtest(ds, plain, { origins: [2010], horizon: 3 })
 * ```
 */
export const plain: Forecaster = (train: Dataset, to: number): PupilPaths => forecast(fitModel(withoutBirths(train), plainOptions), { to });

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
