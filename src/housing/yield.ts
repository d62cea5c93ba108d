import * as z from "zod/mini";
import { zodEnglish } from "../data/zodEnglish.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import { indexSystem } from "../domain/systemIndex.js";
import type { YieldTable } from "../domain/yieldTable.js";
import { DatasetError, issue, isReservedId, show, type DataIssue } from "../data/issues.js";

export type { PhasingCurve, YieldTable } from "../domain/yieldTable.js";

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
 * Keys of a yield table's records that are reserved words (`__proto__`, `constructor`, …): from
 * JSON they are own keys, but a record copy would set the prototype instead and lose them.
 */
function reservedKeys(table: unknown): DataIssue[] {
  const out: DataIssue[] = [];
  if (!table || typeof table !== "object") return out;
  const check = (rec: unknown, path: readonly string[], depth: number): void => {
    if (!rec || typeof rec !== "object" || Array.isArray(rec)) return;
    for (const k of Object.keys(rec)) {
      if (isReservedId(k)) out.push(issue("reserved_id", ["yields", ...path, k], `yield table: ${[...path, k].join(".")}: the key ${show(k)} is a reserved word; use a stage id or another dwelling type`));
      else if (depth > 0) check((rec as Record<string, unknown>)[k], [...path, k], depth - 1);
    }
  };
  const t = table as Record<string, unknown>;
  check(t.perDwelling, ["perDwelling"], 0);
  check(t.byType, ["byType"], 1);
  check(t.gradeShares, ["gradeShares"], 0);
  return out;
}

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
  const issues: DataIssue[] = reservedKeys(table);
  if (issues.length) throw new DatasetError(issues);
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
      if (!ix.stageById.has(s)) issues.push(issue("unknown_stage", [...path, s], `yield table ${t.id}: ${[...path.slice(1), s].join(".")}: ${show(s)} is not a stage of the ${system.id} system (${stages})`));
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

/**
 * The default yield table for the China system (`chinaSchoolSystem.defaultYields`): a placecast
 * planning assumption from Yangjiang's 2020 figures, not a regulation; see
 * `chinaDefaultYieldTable` in `domain/systems/chinaYields.ts` for its derivation.
 *
 * @example
 * ```ts
 * chinaDefaultYieldTable.perDwelling.primary // ≈ 0.285
 * ```
 */
export { chinaDefaultYieldTable } from "../domain/systems/chinaYields.js";

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}
