import type { Dataset } from "../data/dataset.js";
import { offeredGrades } from "../data/dataset.js";

/** Options of `truncateDataset`. */
export interface TruncateOptions {
  /**
   * Births known at the origin, as an offset from it: births of birth-cohort years
   * ≤ origin + `birthsKnownTo` are kept. A cohort of year y is born by the entry cut-off of year
   * y, so at the start of school year t every cohort up to t has been born; registration
   * statistics lag by about a year, but so does the publication of the base-year enrolment the
   * forecast starts from. `0` (the default) therefore matches what a planner holds when the
   * base-year census comes out. Use `-1` for a stricter test, or a large number to treat all
   * births as known (a births scenario that turns out exactly right).
   * @defaultValue 0
   */
  readonly birthsKnownTo?: number;
}

/** A dataset cut back to an origin year, and the areas left out of it. */
export interface TruncatedDataset {
  readonly dataset: Dataset;
  /** Areas dropped because a taught grade's figure at the origin is missing (the forecast would start from it). */
  readonly excluded: readonly string[];
}

/**
 * The dataset as it stood at school year `origin`: enrolment of years ≤ origin, births of years
 * ≤ origin + `birthsKnownTo`, base year = origin. Areas with a missing (`null`) figure in a
 * taught grade at the origin cannot start a forecast and are left out (listed in `excluded`);
 * parent areas and their births stay. The input is not changed; records are shared, not copied.
 *
 * @throws RangeError when `origin` is not an integer in [firstYear, baseYear] of the dataset
 * @example
 * ```ts
 * const { dataset: at2010 } = truncateDataset(ds, 2010);
 * at2010.baseYear // 2010
 * ```
 */
export function truncateDataset(dataset: Dataset, origin: number, options: TruncateOptions = {}): TruncatedDataset {
  if (!Number.isInteger(origin) || origin < dataset.firstYear || origin > dataset.baseYear) {
    throw new RangeError(`origin must be an integer school year in ${dataset.firstYear}–${dataset.baseYear}, got ${origin}`);
  }
  const lag = options.birthsKnownTo ?? 0;
  if (!Number.isInteger(lag)) throw new RangeError(`birthsKnownTo must be an integer, got ${lag}`);
  const missing = new Set<string>();
  for (const r of dataset.enrolment) if (r.year === origin && r.pupils === null) missing.add(r.area);
  const enrolment = dataset.enrolment.filter((r) => r.year <= origin && !missing.has(r.area));
  const births = dataset.births.filter((b) => b.year <= origin + lag);
  const truncated: Dataset = { ...dataset, enrolment, births, baseYear: origin };
  return { dataset: truncated, excluded: [...missing] };
}

/**
 * Grades each area of a dataset teaches, as a set of grade ids per area id.
 *
 * @throws never (the dataset is validated)
 * @example
 * ```ts
 * taughtGrades(ds).get("jiangcheng")?.has("P1") // true
 * ```
 */
export function taughtGrades(dataset: Dataset): Map<string, Set<string>> {
  return new Map(dataset.areas.map((a) => [a.id, new Set(offeredGrades(a, dataset.system))]));
}
