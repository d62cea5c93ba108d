import type { Dataset } from "../data/dataset.js";
import { didYouMean, formatIssues, issue, show, type DataIssue, type IssuePath } from "../data/issues.js";
import { indexSystem } from "../domain/systemIndex.js";
import type { BirthsOptions } from "./births.js";
import { ratioMethods, type RatioOptions } from "./methods.js";
import type { ModelOptions, RatioChoice } from "./model.js";

/**
 * Thrown by `fitModel` (and other entry points taking options) when options are invalid: every
 * problem as a located `DataIssue` whose path starts with `"options"`
 * (`options.stages.primary.progression.clampMargin`). A `RangeError`, as before.
 */
export class OptionsError extends RangeError {
  readonly issues: readonly DataIssue[];
  constructor(issues: readonly DataIssue[]) {
    super(`${issues.length} problem${issues.length === 1 ? "" : "s"} in the options:\n${formatIssues(issues)}`);
    this.name = "OptionsError";
    this.issues = issues;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const dotted = (path: IssuePath): string => path.join(".");

/** Pushes an unknown_field issue per key of `o` not in `known`. */
function fields(issues: DataIssue[], path: IssuePath, o: Record<string, unknown>, known: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) issues.push(issue("unknown_field", [...path, k], `${dotted(path)}: unknown field ${show(k)}; the fields are ${known.join(", ")}${didYouMean(k, known)}`));
  }
}

const RATIO_FIELDS = ["method", "years", "alpha", "phi", "clampMargin"] as const;
const CHOICE_FIELDS = ["progression", "entry"] as const;
const MODEL_FIELDS = ["progression", "entry", "stages", "areas", "births", "birthsScenario"] as const;

/** Pushes an invalid_value issue when `ok` fails for a value that is given. */
function range(issues: DataIssue[], path: IssuePath, value: unknown, ok: (n: number) => boolean, rule: string): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !ok(value)) issues.push(issue("invalid_value", path, `${dotted(path)} must be ${rule}, got ${show(value)}`));
}

/**
 * Checks one `RatioOptions` (the ranges of `resolveRatioOptions`): `method` one of the ratio
 * methods, `years` an integer ≥ 1, `alpha` in (0, 1], `phi` in [0, 1], `clampMargin` in [0, 1]
 * (a margin above 1 would let the clamp's lower bound go below 0, and ratios with it).
 */
export function checkRatioOptions(o: unknown, path: IssuePath, issues: DataIssue[]): void {
  if (o === undefined) return;
  if (!isRecord(o)) {
    issues.push(issue("invalid_type", path, `${dotted(path)} must be ratio options { method, years, alpha, phi, clampMargin }, got ${show(o)}`));
    return;
  }
  fields(issues, path, o, RATIO_FIELDS);
  const r = o as RatioOptions;
  if (r.method !== undefined && !ratioMethods.includes(r.method)) {
    issues.push(issue("invalid_value", [...path, "method"], `${dotted([...path, "method"])} must be one of ${ratioMethods.join(", ")}, got ${show(r.method)}`));
  }
  range(issues, [...path, "years"], r.years, (n) => Number.isInteger(n) && n >= 1, "an integer ≥ 1");
  range(issues, [...path, "alpha"], r.alpha, (n) => n > 0 && n <= 1, "a number in (0, 1]");
  range(issues, [...path, "phi"], r.phi, (n) => n >= 0 && n <= 1, "a number in [0, 1]");
  range(issues, [...path, "clampMargin"], r.clampMargin, (n) => n >= 0 && n <= 1, "a number in [0, 1]");
}

function checkChoice(c: unknown, path: IssuePath, issues: DataIssue[], known: readonly string[] = CHOICE_FIELDS): void {
  if (c === undefined) return;
  if (!isRecord(c)) {
    issues.push(issue("invalid_type", path, `${dotted(path)} must be { progression?, entry? }, got ${show(c)}`));
    return;
  }
  fields(issues, path, c, known);
  const rc = c as RatioChoice;
  checkRatioOptions(rc.progression, [...path, "progression"], issues);
  checkRatioOptions(rc.entry, [...path, "entry"], issues);
}

function checkBirths(b: BirthsOptions | undefined, issues: DataIssue[]): void {
  if (b === undefined) return;
  const path = ["options", "births"];
  if (!isRecord(b)) {
    issues.push(issue("invalid_type", path, `options.births must be { method?, years? }, got ${show(b)}`));
    return;
  }
  fields(issues, path, b, ["method", "years"]);
  if (b.method !== undefined && !(["last", "mean", "trend"] as unknown[]).includes(b.method)) {
    issues.push(issue("invalid_value", [...path, "method"], `options.births.method must be one of last, mean, trend, got ${show(b.method)}`));
  }
  range(issues, [...path, "years"], b.years, (n) => Number.isInteger(n) && n >= 1, "an integer ≥ 1");
}

/**
 * Checks the options of `fitModel` against the dataset, like data: every value in range and
 * every key known, each problem a `DataIssue` located by its path (`options.areas.jc.stages…`).
 *
 * @returns the issues found (empty when the options are valid)
 * @example
 * ```ts
 * checkModelOptions({ progression: { clampMargin: 2 } }, ds)[0].message
 * // "options.progression.clampMargin must be a number in [0, 1], got 2"
 * ```
 */
export function checkModelOptions(options: ModelOptions, dataset: Dataset): DataIssue[] {
  const issues: DataIssue[] = [];
  const stageIds = indexSystem(dataset.system).stageIds;
  const areaIds = dataset.areas.map((a) => a.id);
  const stagesOf = (st: unknown, path: IssuePath): void => {
    if (st === undefined) return;
    if (!isRecord(st)) {
      issues.push(issue("invalid_type", path, `${dotted(path)} must be a record of stage ids, got ${show(st)}`));
      return;
    }
    for (const [s, c] of Object.entries(st)) {
      if (!stageIds.includes(s)) {
        issues.push(issue("unknown_stage", [...path, s], `${dotted(path)}: ${show(s)} is not a stage of the ${dataset.system.id} system (${stageIds.join(", ")})${didYouMean(s, stageIds)}`));
        continue;
      }
      checkChoice(c, [...path, s], issues);
    }
  };
  checkChoice(options, ["options"], issues, MODEL_FIELDS);
  stagesOf(options.stages, ["options", "stages"]);
  if (options.areas !== undefined && !isRecord(options.areas)) issues.push(issue("invalid_type", ["options", "areas"], `options.areas must be a record of area ids, got ${show(options.areas)}`));
  if (isRecord(options.areas)) {
    for (const [a, c] of Object.entries(options.areas)) {
      if (!areaIds.includes(a)) {
        issues.push(issue("unknown_area", ["options", "areas", a], `options.areas: ${show(a)} is not an area of the dataset${didYouMean(a, areaIds)}`));
        continue;
      }
      checkChoice(c, ["options", "areas", a], issues, [...CHOICE_FIELDS, "stages"]);
      stagesOf(isRecord(c) ? c.stages : undefined, ["options", "areas", a, "stages"]);
    }
  }
  checkBirths(options.births, issues);
  return issues;
}
