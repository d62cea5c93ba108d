import type { Label, Sourced } from "./sourced.js";

/** One year group inside a stage (P1, K, Year 7, ...). */
export interface GradeDef {
  /** Stable id used in data records, e.g. `"P1"`. */
  readonly id: string;
  readonly label: Label;
  /** Standard (norm) class size for this grade, where it differs from its stage's. */
  readonly standardClassSize?: Sourced<number>;
}

/**
 * How a stage's first grade is filled.
 * - `"births"`: entrants = entry ratio × births `entryAge` years earlier (preschool and primary
 *   in China, kindergarten in the US, Reception in England).
 * - `"previous-grade"`: entrants = transition ratio × the previous stage's last grade a year
 *   earlier (P6 → J1, J3 → S1), exactly like any other progression.
 */
export type StageEntry = "births" | "previous-grade";

/** A stage of schooling (preschool, primary, ...): ordered grades sharing class-size rules. */
export interface StageDef {
  readonly id: string;
  readonly label: Label;
  /** Age in completed years at the start of the school year for the stage's first grade. */
  readonly entryAge: number;
  readonly entry: StageEntry;
  readonly grades: readonly GradeDef[];
  /** Standard class size (pupils per class) for planning. */
  readonly standardClassSize: Sourced<number>;
}

/**
 * A class-size band: classes with `min` ≤ size (and size ≤ `max` when given) are counted and
 * flagged. China's bands are 46–55 (oversized), 56–65 (大班额) and 66+ (超大班额).
 */
export interface ClassSizeBand {
  readonly id: string;
  readonly label: Label;
  readonly min: number;
  readonly max?: number;
  readonly source: string;
  /** Stage ids the band applies to; all stages when absent. */
  readonly stages?: readonly string[];
}

/** Month (1–12) and day of the school-entry cut-off. */
export interface MonthDay {
  readonly month: number;
  readonly day: number;
}

/**
 * A school system as data: ordered stages and grades, entry ages, the entry cut-off date,
 * standard class sizes and class-size bands, each with its source. placecast serves any school
 * system through a value of this type; nothing in the library names a grade by hand.
 */
export interface SchoolSystem {
  readonly id: string;
  readonly label: Label;
  readonly stages: readonly StageDef[];
  /**
   * Children born on or before this day of year y (and after it in year y−1) form the cohort
   * of birth year y; a dwelling completed on or before it is occupied in school year y.
   */
  readonly cutoff: Sourced<MonthDay>;
  readonly classSizeBands: readonly ClassSizeBand[];
}
