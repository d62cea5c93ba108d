import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { parse } from "csv-parse/sync";
import { DatasetError, issue, show, type DataIssue } from "../data/issues.js";
import { note, type Note } from "../domain/notes.js";
import type { FileLocation, LocatedIssue } from "../io/sheets.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import { defineYieldTable, type YieldTable } from "../housing/yield.js";

/** The columns of a yield table given as CSV (see `readYieldsFile`). */
export const YIELD_CSV_COLUMNS = ["kind", "key", "dwellingType", "value", "source"] as const;

/**
 * Reads the yield table named by `--yields` and checks it against the system with
 * `defineYieldTable`.
 *
 * - `.json`: one `YieldTable` (`id`, `source`, `perDwelling` by stage id, optional `byType` and
 *   `gradeShares`, and `phasing` with `weights` and `source`).
 * - `.csv`: one row per figure, columns `kind,key,dwellingType,value,source`: `yield` rows give
 *   the pupils per dwelling of stage `key` (of dwelling type `dwellingType` when given, else of
 *   every dwelling); `phasing` rows give the weight of year `key` after first occupation
 *   (0, 1, 2, … with none missing). Every row has a source. The table's id is the file name; its
 *   source lists the yield rows' sources, the phasing's the phasing rows'.
 *
 * @example
 * ```text
 * kind,key,dwellingType,value,source
 * yield,primary,,0.25,2019 survey of new estates
 * yield,primary,resettlement,0.4,2019 survey of new estates
 * phasing,0,,0.5,2019 survey of new estates
 * phasing,1,,0.5,2019 survey of new estates
 * ```
 * @throws DatasetError (exit 1) when the file is not a valid table, each issue naming the file
 *   (and the CSV row)
 * @throws the file system's error (exit 3) when the file cannot be read
 */
export async function readYieldsFile(path: string, system: SchoolSystem): Promise<YieldTable> {
  const text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
  const ext = extname(path).toLowerCase();
  let table: unknown;
  if (ext === ".csv") table = yieldsFromCsv(text, path, basename(path, extname(path)));
  else if (ext === ".json") {
    try {
      table = JSON.parse(text);
    } catch (e) {
      throw new DatasetError([issue("invalid_type", ["yields"], `${path}: --yields must be a JSON yield table (id, source, perDwelling, phasing); ${e instanceof Error ? e.message : String(e)}`)]);
    }
  } else {
    throw new DatasetError([issue("invalid_type", ["yields"], `${path}: --yields takes a .json yield table or a .csv with columns ${YIELD_CSV_COLUMNS.join(",")}`)]);
  }
  try {
    return defineYieldTable(table, system);
  } catch (e) {
    if (e instanceof DatasetError) throw new DatasetError(e.issues.map((i) => ({ ...i, message: `${path}: ${i.message}` })));
    throw e;
  }
}

function yieldsFromCsv(text: string, path: string, id: string): unknown {
  const issues: DataIssue[] = [];
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (e) {
    throw new DatasetError([at1(issue("invalid_type", ["yields"], `${path}: is not valid CSV: ${e instanceof Error ? e.message : String(e)}`, "error", note("data.file-bad-csv", { reason: e instanceof Error ? e.message : String(e), quote: false })), { file: path })]);
  }
  const header = rows[0] ?? [];
  const col = new Map(header.map((h, i) => [h, i]));
  const missing = YIELD_CSV_COLUMNS.filter((c) => !col.has(c));
  if (missing.length) throw new DatasetError([at1(issue("missing_record", ["yields"], `${path}: row 1: the header needs the columns ${YIELD_CSV_COLUMNS.join(",")}; missing ${missing.join(", ")}`, "error", note("data.yields-missing-columns", { columns: [...YIELD_CSV_COLUMNS], missing })), { file: path, row: 1 })]);
  const perDwelling: Record<string, number> = {};
  const byType: Record<string, Record<string, number>> = {};
  const phasing = new Map<number, number>();
  const yieldSources = new Set<string>();
  const phasingSources = new Set<string>();
  rows.slice(1).forEach((r, i) => {
    const at = `${path}: row ${i + 2}`;
    const loc: FileLocation = { file: path, row: i + 2 };
    const push = (code: Parameters<typeof issue>[0], where: (string | number)[], message: string, detail: Note): void => void issues.push(at1(issue(code, where, message, "error", detail), loc));
    const get = (c: (typeof YIELD_CSV_COLUMNS)[number]): string => r[col.get(c)!] ?? "";
    const kind = get("kind");
    const key = get("key");
    const type = get("dwellingType");
    const raw = get("value");
    const value = raw === "" ? NaN : Number(raw);
    const source = get("source");
    if (!Number.isFinite(value) || value < 0) push("invalid_value", ["yields", i, "value"], `${at}: value must be a number ≥ 0, got ${JSON.stringify(raw)}`, note("data.yields-bad-value", { got: show(raw) }));
    if (source === "") push("invalid_value", ["yields", i, "source"], `${at}: every row needs a source (a survey, a study, or the method of an estimate)`, note("data.yields-no-source"));
    if (kind === "yield") {
      if (key === "") push("invalid_value", ["yields", i, "key"], `${at}: a yield row needs the stage id in key`, note("data.yields-no-stage"));
      else if (type === "") perDwelling[key] = value;
      else (byType[type] ??= {})[key] = value;
      yieldSources.add(source);
    } else if (kind === "phasing") {
      const k = Number(key);
      if (!/^\d+$/.test(key)) push("invalid_value", ["yields", i, "key"], `${at}: a phasing row needs the year after first occupation (0, 1, 2, …) in key, got ${JSON.stringify(key)}`, note("data.yields-bad-phasing-year", { got: show(key) }));
      else if (phasing.has(k)) push("duplicate", ["yields", i, "key"], `${at}: phasing year ${k} is given twice`, note("data.yields-phasing-twice", { year: k }));
      else phasing.set(k, value);
      phasingSources.add(source);
    } else {
      push("invalid_value", ["yields", i, "kind"], `${at}: kind must be yield or phasing, got ${JSON.stringify(kind)}`, note("data.yields-bad-kind", { got: show(kind) }));
    }
  });
  const years = [...phasing.keys()].sort((a, b) => a - b);
  const file: FileLocation = { file: path };
  if (years.length === 0) issues.push(at1(issue("missing_record", ["yields", "phasing"], `${path}: no phasing rows; give the weight of each year after first occupation (kind phasing, key 0, 1, …)`, "error", note("data.yields-no-phasing")), file));
  else if (years[years.length - 1] !== years.length - 1) issues.push(at1(issue("missing_record", ["yields", "phasing"], `${path}: phasing years must run 0, 1, 2, … with none missing, got ${years.join(", ")}`, "error", note("data.yields-phasing-gap", { years })), file));
  if (yieldSources.size === 0) issues.push(at1(issue("missing_record", ["yields", "perDwelling"], `${path}: no yield rows; give the pupils per dwelling of each stage (kind yield, key the stage id)`, "error", note("data.yields-no-yield")), file));
  if (issues.length) throw new DatasetError(issues);
  return {
    id,
    source: [...yieldSources].join("; "),
    perDwelling,
    ...(Object.keys(byType).length ? { byType } : {}),
    phasing: { weights: years.map((y) => phasing.get(y)!), source: [...phasingSources].join("; ") },
  };
}

/** An issue of the yields file with its location (the message already names the file and row). */
function at1(i: DataIssue, location: FileLocation): LocatedIssue {
  return { ...i, location };
}
