/**
 * The shape of a pupil yield table, as data. It lives with the school systems because a system
 * may carry a default table (`SchoolSystem.defaultYields`); `defineYieldTable` (housing) checks
 * one against a system, and `forecastWithHousing` uses it.
 */

/**
 * How the pupils a dwelling brings arrive over time: weight `weights[k]` for the k-th school year
 * after the dwelling is first occupied (k = 0 is the first school year occupied).
 *
 * The weights define how the lifetime total is spread: housing pupils arriving in year k of a
 * dwelling = its lifetime pupils × weights[k] / Σ weights. Only the shape matters (the weights are
 * normalised to sum to 1 by `defineYieldTable`), so the arrivals over all years always add up to
 * the lifetime total. A typical curve rises while dwellings are fitted out and occupied
 * (occupancy ramp), then tails off as later arrivals (late movers-in, children born in the
 * estate) thin out; once the arrivals have stopped, the estate's children age through the grades
 * and leave (see `ageHousing`).
 */
export interface PhasingCurve {
  /** Non-negative weights by years since first occupied; at least one positive. */
  readonly weights: readonly number[];
  /** Where the curve comes from (a study, a local survey, or a stated planning assumption). */
  readonly source: string;
}

/**
 * A pupil yield table as data: lifetime pupils per dwelling by stage (optionally by dwelling
 * type), how a stage's pupils spread over its grades, and the phasing curve.
 *
 * Lifetime pupils per dwelling of a stage = the children of that stage's ages a dwelling brings
 * into the area's schools, over the phasing curve. With the Chinese planning form "places per
 * 1,000 residents", it is places per 1,000 × persons per household / 1,000
 * (`yieldFromPerThousand`).
 */
export interface YieldTable {
  readonly id: string;
  /** Citation or method of the yields. */
  readonly source: string;
  /** Lifetime pupils per dwelling by stage id. Stages not listed have yield 0. */
  readonly perDwelling: Readonly<Record<string, number>>;
  /**
   * Yields per dwelling type (the housing record's `dwellingType`), stage by stage: a type's entry
   * replaces `perDwelling` for the stages it lists; other stages keep `perDwelling`. Rows of a
   * type not listed here (or without a type) use `perDwelling`.
   */
  readonly byType?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /**
   * How a stage's yield spreads over its grades: weights per grade of the stage, in grade order.
   * @defaultValue evenly: each of a stage's n grades gets 1/n of the stage's yield
   */
  readonly gradeShares?: Readonly<Record<string, readonly number[]>>;
  readonly phasing: PhasingCurve;
}

