import type { Label, Sourced } from "./sourced.js";
import type { YieldTable } from "./yieldTable.js";

/** One year group inside a stage (P1, K, Year 7, ...). */
export interface GradeDef {
  /** Stable id used in data records, e.g. `"P1"`. */
  readonly id: string;
  readonly label: Label;
  /**
   * Other names of the grade that the file readers accept as it (`一年级` for P1, `Grade 1` for
   * G1), matched like labels (ignoring case, width, spaces, `_`, `.`, `-`). A name given to two
   * grades or stages is refused as ambiguous by `systemLabelIndex`.
   */
  readonly aliases?: readonly string[];
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
  /** Other names of the stage that the file readers accept as it (`幼儿园` for preschool); see `GradeDef.aliases`. */
  readonly aliases?: readonly string[];
  /** Age in completed years at the start of the school year for the stage's first grade. */
  readonly entryAge: number;
  readonly entry: StageEntry;
  readonly grades: readonly GradeDef[];
  /** Standard class size (pupils per class) for planning. */
  readonly standardClassSize: Sourced<number>;
}

/**
 * Where a class-size band starts: a fixed class size, or `"above-standard"`, one pupil above the
 * standard class size of each stage it applies to (China's oversized band: 46 in primary, whose
 * standard is 45; 51 in junior and senior, whose standard is 50).
 */
export type BandStart = number | "above-standard";

/**
 * A class-size band as the system defines it: classes with `min` ≤ size (and size ≤ `max` when
 * given) are counted and flagged. `min` may be `"above-standard"`, so that the band follows each
 * stage's standard size; `bandsForStage` resolves it to a number per stage. China's bands:
 * oversized (standard + 1 to 55: primary 46–55, junior and senior 51–55, preschool 31–55),
 * 56–65 大班额, 66+ 超大班额.
 *
 * Band ids are unique in a system: one flag bit and one count per id.
 */
export interface ClassSizeBandDef {
  readonly id: string;
  /** The band's name without its range (ranges differ by stage): "oversized", "大班额". */
  readonly label: Label;
  readonly min: BandStart;
  readonly max?: number;
  /** The rule behind the band; for `"above-standard"` bands the stage standard's source is added when resolved. */
  readonly source: string;
  /** Stage ids the band applies to; all stages when absent. */
  readonly stages?: readonly string[];
}

/**
 * A class-size band resolved for one stage (`bandsForStage`): `min` is a class size. Its `source`
 * names the band's rule and, for a band above the standard, the standard's source.
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
  readonly classSizeBands: readonly ClassSizeBandDef[];
  /**
   * The band whose classes must be eliminated (classes of its minimum size or more), with the
   * rule that sets the target: China's `"large"` (56 or more, 大班额). Assessment counts the
   * classes and places needed to remove them, simulation gives the chance of such classes, and
   * the report's class-size chart shows them. Absent when the system sets no such target (the
   * England and US systems): then there is no elimination check and the report charts the
   * system's first band.
   */
  readonly eliminateBand?: Sourced<string>;
  /**
   * The pupil yield table housing forecasts use when none is given (`forecastWithHousing`'s
   * `yields`; the command line's `--yields`). China: `chinaDefaultYieldTable`, a planning
   * assumption from Yangjiang's 2020 figures. Absent when no default is known (England, US):
   * then housing records need a yield table, and without one `forecastWithHousing` throws a
   * `DatasetError` saying what to give.
   */
  readonly defaultYields?: YieldTable;
}
