import * as z from "zod/mini";
import { zodEnglish } from "../data/zodEnglish.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import { indexSystem } from "../domain/systemIndex.js";
import { DatasetError, issue, type DataIssue } from "../data/issues.js";

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

const nonNeg = z.number().check(z.nonnegative());
const stageYields = z.record(z.string().check(z.minLength(1)), nonNeg);
const yieldTableSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  source: z.string().check(z.trim(), z.minLength(1)),
  perDwelling: stageYields,
  byType: z.optional(z.record(z.string().check(z.minLength(1)), stageYields)),
  gradeShares: z.optional(z.record(z.string().check(z.minLength(1)), z.array(nonNeg))),
  phasing: z.strictObject({ weights: z.array(nonNeg).check(z.minLength(1)), source: z.string().check(z.trim(), z.minLength(1)) }),
});

/**
 * Checks a yield table against a school system and returns it frozen, with the phasing weights
 * and grade shares normalised to sum to 1 (grade shares filled in evenly where absent).
 *
 * Checks: every field's type; yields finite and ≥ 0; stage ids are stages of the system; grade
 * shares have one weight per grade of their stage; phasing weights ≥ 0 with a positive sum;
 * non-empty sources.
 *
 * @param table - the table, e.g. parsed from JSON
 * @param system - the school system whose stage ids the table uses
 * @returns a frozen, normalised copy; `table` is not changed
 * @throws DatasetError with one located issue (path `["yields", …]`) per problem
 * @example
 * ```ts
 * const mine = defineYieldTable({
 *   id: "my-yields", source: "2019 survey of new estates",
 *   perDwelling: { preschool: 0.12, primary: 0.3, junior: 0.15, senior: 0.06 },
 *   byType: { resettlement: { primary: 0.4 } },
 *   phasing: { weights: [2, 3, 2, 1], source: "same survey" },
 * }, chinaSchoolSystem);
 * mine.phasing.weights // [0.25, 0.375, 0.25, 0.125]
 * ```
 */
export function defineYieldTable(table: unknown, system: SchoolSystem): YieldTable {
  const issues: DataIssue[] = [];
  const r = yieldTableSchema.safeParse(table, { error: zodEnglish });
  if (!r.success) {
    for (const zi of r.error.issues) {
      const path = ["yields", ...zi.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
      issues.push(issue(zi.code === "unrecognized_keys" ? "unknown_field" : "invalid_value", path, `yield table: ${zi.path.join(".") || "(table)"}: ${zi.message}`));
    }
    throw new DatasetError(issues);
  }
  const t = r.data;
  const ix = indexSystem(system);
  const stages = ix.stageIds.join(", ");
  const checkStages = (rec: Readonly<Record<string, unknown>>, path: readonly (string | number)[]): void => {
    for (const s of Object.keys(rec)) {
      if (!ix.stageById.has(s)) issues.push(issue("unknown_stage", [...path, s], `yield table ${t.id}: ${[...path.slice(1), s].join(".")}: ${JSON.stringify(s)} is not a stage of the ${system.id} system (${stages})`));
    }
  };
  checkStages(t.perDwelling, ["yields", "perDwelling"]);
  for (const [type, rec] of Object.entries(t.byType ?? {})) checkStages(rec, ["yields", "byType", type]);
  checkStages(t.gradeShares ?? {}, ["yields", "gradeShares"]);
  const shares: Record<string, number[]> = {};
  for (const stage of system.stages) {
    const given = t.gradeShares?.[stage.id];
    const n = stage.grades.length;
    if (given === undefined) {
      shares[stage.id] = new Array<number>(n).fill(1 / n);
      continue;
    }
    const sum = given.reduce((a, b) => a + b, 0);
    if (given.length !== n) {
      issues.push(issue("invalid_value", ["yields", "gradeShares", stage.id], `yield table ${t.id}: gradeShares.${stage.id} needs ${n} weights (${stage.grades.map((g) => g.id).join(", ")}), got ${given.length}`));
    } else if (!(sum > 0)) {
      issues.push(issue("invalid_value", ["yields", "gradeShares", stage.id], `yield table ${t.id}: gradeShares.${stage.id} must have a positive sum`));
    } else shares[stage.id] = given.map((w) => w / sum);
  }
  const wsum = t.phasing.weights.reduce((a, b) => a + b, 0);
  if (!(wsum > 0)) issues.push(issue("invalid_value", ["yields", "phasing", "weights"], `yield table ${t.id}: the phasing weights must have a positive sum (they say how the lifetime pupils are spread over the years after occupation)`));
  if (issues.length) throw new DatasetError(issues);
  return deepFreeze({
    id: t.id,
    source: t.source,
    perDwelling: { ...t.perDwelling },
    ...(t.byType ? { byType: Object.fromEntries(Object.entries(t.byType).map(([k, v]) => [k, { ...v }])) } : {}),
    gradeShares: shares,
    phasing: { weights: t.phasing.weights.map((w) => w / wsum), source: t.phasing.source },
  });
}

/**
 * Converts the Chinese planning form "school places per 1,000 residents" (千人指标) into pupils
 * per dwelling.
 *
 * Formula: yield[s] = perThousand[s] / 1000 × personsPerHousehold.
 *
 * @param perThousand - places (pupils) per 1,000 residents, by stage id
 * @param personsPerHousehold - residents per occupied dwelling (e.g. census persons per family household)
 * @returns pupils per dwelling by stage id (a new object)
 * @throws RangeError when a figure is negative or not finite, or persons per household is not positive
 * @example
 * ```ts
 * yieldFromPerThousand({ primary: 80, junior: 40 }, 3) // { primary: 0.24, junior: 0.12 }
 * ```
 */
export function yieldFromPerThousand(perThousand: Readonly<Record<string, number>>, personsPerHousehold: number): Record<string, number> {
  if (!(Number.isFinite(personsPerHousehold) && personsPerHousehold > 0)) {
    throw new RangeError(`yieldFromPerThousand: persons per household must be a positive number, got ${personsPerHousehold}`);
  }
  const out: Record<string, number> = {};
  for (const [stage, v] of Object.entries(perThousand)) {
    if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`yieldFromPerThousand: ${stage}: places per 1,000 residents must be a finite number ≥ 0, got ${v}`);
    out[stage] = (v / 1000) * personsPerHousehold;
  }
  return out;
}

/**
 * Lifetime pupils per dwelling for each grade of the system (length = number of grades), for a
 * dwelling type: the stage's yield (the type's, else `perDwelling`, else 0) × the grade's share.
 *
 * Formula: y[g] = yield[type][stage(g)] × share[stage(g)][g].
 *
 * @param table - a table returned by `defineYieldTable` (normalised shares)
 * @example
 * ```ts
 * gradeYields(defineYieldTable(t, chinaSchoolSystem), chinaSchoolSystem)[3] // P1: primary yield / 6
 * ```
 */
export function gradeYields(table: YieldTable, system: SchoolSystem, dwellingType?: string): Float64Array {
  const ix = indexSystem(system);
  const own = (rec: Readonly<Record<string, number>> | undefined, key: string): number | undefined =>
    rec && Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
  const typed = dwellingType !== undefined && table.byType && Object.prototype.hasOwnProperty.call(table.byType, dwellingType) ? table.byType[dwellingType] : undefined;
  const out = new Float64Array(ix.grades.length);
  for (const g of ix.grades) {
    const y = own(typed, g.stage.id) ?? own(table.perDwelling, g.stage.id) ?? 0;
    const shares = table.gradeShares?.[g.stage.id];
    const share = shares?.[g.indexInStage] ?? 1 / g.stage.grades.length;
    out[g.index] = y * share;
  }
  return out;
}

/**
 * Lifetime pupils per dwelling over all stages for a dwelling type: Σ over stages of the yield.
 *
 * @example
 * ```ts
 * lifetimeYield(chinaDefaultYieldTable, chinaSchoolSystem) // ≈ 0.611
 * ```
 */
export function lifetimeYield(table: YieldTable, system: SchoolSystem, dwellingType?: string): number {
  return gradeYields(table, system, dwellingType).reduce((a, b) => a + b, 0);
}

// Yangjiang 2020 figures (seeds/yangjiang/sources): plan indicator table, lines 258, 261, 266
// (在园幼儿 10.7万, 九年义务教育在校生 36.5万, 高中阶段教育在校生 4.9万, all 2020) and the 2020 census
// (resident population 2,602,959; family-household population 2,454,459 in 804,747 family
// households).
const YJ_RESIDENTS = 2_602_959;
const YJ_PERSONS_PER_HOUSEHOLD = 2_454_459 / 804_747;
const YJ_PER_THOUSAND = {
  preschool: (107_000 / YJ_RESIDENTS) * 1000,
  primary: ((365_000 * 6) / 9 / YJ_RESIDENTS) * 1000,
  junior: ((365_000 * 3) / 9 / YJ_RESIDENTS) * 1000,
  senior: (49_000 / YJ_RESIDENTS) * 1000,
};

/**
 * The default yield table for the China system: a placecast planning assumption, not a
 * regulation. Replace it with the local 千人指标 and a local phasing survey where they exist.
 *
 * Yields (lifetime pupils per dwelling) = places per 1,000 residents × persons per household / 1000
 * (`yieldFromPerThousand`), with both taken from Yangjiang's 2020 figures, the first user's own:
 * - per 1,000 residents: preschool 41.1 (10.7万 in kindergarten), primary 93.5 and junior 46.7
 *   (36.5万 compulsory-school pupils split 6 : 3 by the number of grades), senior 18.8 (4.9万 in
 *   高中阶段, which includes secondary vocational schools, so it is an upper bound for general
 *   senior high), each over the 2020 census resident population 2,602,959;
 * - 3.05 persons per household (2020 census: 2,454,459 persons in 804,747 family households).
 * Giving 0.125 preschool, 0.285 primary, 0.143 junior, 0.057 senior pupils per dwelling
 * (0.611 over all stages). These are city-wide stock ratios: new estates with younger families
 * usually yield more, resettlement housing often more again.
 *
 * GB 50180-2018《城市居住区规划设计标准》 sizes kindergartens, primary and junior schools by the
 * population of the 5-, 10- and 15-minute life circles; its per-1,000 figures could not be
 * confirmed here, so they are not used.
 *
 * Phasing (placecast planning assumption): 30 % of the pupils arrive in the first school year
 * occupied, 30 % in the second (fit-out and staggered moving in), then 20 %, 10 %, 5 %, 5 %.
 * Grades: evenly within each stage.
 *
 * @example
 * ```ts
 * chinaDefaultYieldTable.perDwelling.primary // ≈ 0.285
 * ```
 */
export const chinaDefaultYieldTable: YieldTable = deepFreeze({
  id: "placecast-china-default",
  source:
    "placecast planning assumption: Yangjiang 2020 pupils per 1,000 residents (plan indicator table, 2020 census population 2,602,959) × 3.05 persons per household (2020 census family households); see chinaDefaultYieldTable",
  perDwelling: yieldFromPerThousand(YJ_PER_THOUSAND, YJ_PERSONS_PER_HOUSEHOLD),
  gradeShares: {
    preschool: [1 / 3, 1 / 3, 1 / 3],
    primary: [1, 1, 1, 1, 1, 1].map((w) => w / 6),
    junior: [1 / 3, 1 / 3, 1 / 3],
    senior: [1 / 3, 1 / 3, 1 / 3],
  },
  phasing: {
    weights: [0.3, 0.3, 0.2, 0.1, 0.05, 0.05],
    source: "placecast planning assumption: occupancy ramp over the first two school years occupied, then tailing arrivals over four more",
  },
});

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}
