import type { Dataset } from "../data/dataset.js";
import { formatIssues, issue, show, type DataIssue, type IssuePath } from "../data/issues.js";
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
  const r = o as RatioOptions;
  if (r.method !== undefined && !ratioMethods.includes(r.method)) {
    issues.push(issue("invalid_value", [...path, "method"], `${dotted([...path, "method"])} must be one of ${ratioMethods.join(", ")}, got ${show(r.method)}`));
  }
  range(issues, [...path, "years"], r.years, (n) => Number.isInteger(n) && n >= 1, "an integer ≥ 1");
  range(issues, [...path, "alpha"], r.alpha, (n) => n > 0 && n <= 1, "a number in (0, 1]");
  range(issues, [...path, "phi"], r.phi, (n) => n >= 0 && n <= 1, "a number in [0, 1]");
  range(issues, [...path, "clampMargin"], r.clampMargin, (n) => n >= 0 && n <= 1, "a number in [0, 1]");
}

function checkChoice(c: unknown, path: IssuePath, issues: DataIssue[]): void {
  if (c === undefined) return;
  if (!isRecord(c)) {
    issues.push(issue("invalid_type", path, `${dotted(path)} must be { progression?, entry? }, got ${show(c)}`));
    return;
  }
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
  void dataset;
  const issues: DataIssue[] = [];
  checkChoice(options, ["options"], issues);
  if (isRecord(options.stages)) for (const [s, c] of Object.entries(options.stages)) checkChoice(c, ["options", "stages", s], issues);
  if (isRecord(options.areas)) {
    for (const [a, c] of Object.entries(options.areas)) {
      checkChoice(c, ["options", "areas", a], issues);
      const st = isRecord(c) ? c.stages : undefined;
      if (isRecord(st)) for (const [s, sc] of Object.entries(st)) checkChoice(sc, ["options", "areas", a, "stages", s], issues);
    }
  }
  checkBirths(options.births, issues);
  return issues;
}
