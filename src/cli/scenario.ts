import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { closest, DatasetError, issue, show, type DataIssue } from "../data/issues.js";
import { note } from "../domain/notes.js";
import type { FileLocation, LocatedIssue } from "../io/sheets.js";

/** Accepted headers of a births scenario CSV, per field. */
const HEADERS = {
  area: ["area", "县区代码", "县区", "地区"],
  year: ["year", "年份", "出生年份"],
  births: ["births", "出生人口"],
} as const;

/** One future birth figure of a scenario (`ModelOptions.birthsScenario`). */
export interface ScenarioBirths {
  readonly area: string;
  readonly year: number;
  readonly births: number;
}

/**
 * Reads a births scenario (`--births-scenario`): a CSV with columns `area,year,births` (or
 * `县区代码,年份,出生人口`), one row per area and calendar year of birth. Area ids are checked
 * against the dataset's.
 *
 * @throws DatasetError (exit 1) listing every bad row with the file and row number
 * @example
 * ```text
 * area,year,births
 * qingshan,2026,4100
 * ```
 */
export async function readBirthsScenario(path: string, areaIds: ReadonlySet<string>): Promise<ScenarioBirths[]> {
  const text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (e) {
    throw new DatasetError([at1(issue("invalid_type", ["birthsScenario"], `${path}: is not valid CSV: ${e instanceof Error ? e.message : String(e)}`, "error", note("data.file-bad-csv", { reason: e instanceof Error ? e.message : String(e), quote: false })), { file: path })]);
  }
  const header = rows[0] ?? [];
  const col = (names: readonly string[]): number => header.findIndex((h) => names.includes(h));
  const at = { area: col(HEADERS.area), year: col(HEADERS.year), births: col(HEADERS.births) };
  const missing = (Object.keys(at) as (keyof typeof at)[]).filter((k) => at[k] < 0);
  if (missing.length) {
    throw new DatasetError([at1(issue("missing_record", ["birthsScenario"], `${path}: row 1: the header needs the columns area,year,births (or 县区代码,年份,出生人口); missing ${missing.join(", ")}`, "error", note("data.scenario-missing-columns", { fields: missing })), { file: path, row: 1 })]);
  }
  const issues: DataIssue[] = [];
  const out: ScenarioBirths[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((r, i) => {
    const where = `${path}: row ${i + 2}`;
    const loc = { file: path, row: i + 2 };
    const area = r[at.area] ?? "";
    const yearText = r[at.year] ?? "";
    const birthsText = (r[at.births] ?? "").replace(/,/g, "");
    const year = Number(yearText);
    const births = Number(birthsText);
    let ok = true;
    if (!areaIds.has(area)) {
      issues.push(at1(issue("unknown_area", ["birthsScenario", i, "area"], `${where}: area ${JSON.stringify(area)} is not in the dataset's areas`, "error", note("data.unknown-area", { area: show(area), near: nearest(area, areaIds) })), loc));
      ok = false;
    }
    if (!/^\d{4}$/.test(yearText)) {
      issues.push(at1(issue("invalid_value", ["birthsScenario", i, "year"], `${where}: year must be a calendar year like 2026, got ${JSON.stringify(yearText)}`, "error", note("data.scenario-bad-year", { got: show(yearText) })), loc));
      ok = false;
    }
    if (birthsText === "" || !Number.isFinite(births) || births < 0) {
      issues.push(at1(issue("invalid_value", ["birthsScenario", i, "births"], `${where}: births must be a number ≥ 0, got ${JSON.stringify(r[at.births] ?? "")}`, "error", note("data.scenario-bad-births", { got: show(r[at.births] ?? "") })), loc));
      ok = false;
    }
    const key = `${area}\u0000${year}`;
    if (ok && seen.has(key)) {
      issues.push(at1(issue("duplicate", ["birthsScenario", i], `${where}: area ${area}, year ${year} is given twice`, "error", note("data.scenario-duplicate", { area, year })), loc));
      ok = false;
    }
    seen.add(key);
    if (ok) out.push({ area, year, births });
  });
  if (issues.length) throw new DatasetError(issues);
  return out;
}

/** An issue of the scenario file with its location (the message already names the file and row). */
function at1(i: DataIssue, location: FileLocation): LocatedIssue {
  return { ...i, location };
}

/** The closest area id, quoted, for "did you mean", or null. */
function nearest(area: string, ids: ReadonlySet<string>): string | null {
  const c = closest(area, ids);
  return c === undefined ? null : show(c);
}
