import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type ExcelJS from "exceljs";
import { loadPeer } from "../domain/peers.js";
import type { Dataset, DatasetInput } from "../data/dataset.js";
import { getPath } from "./cells.js";
import type { GradeSpan } from "../data/records/schools.js";
import { formatGradeSpans } from "./spans.js";
import { headerOf, sheetOf, TABLE_COLUMNS, TABLE_NAMES, type TableName } from "./columns.js";
import type { Lang } from "../domain/sourced.js";

/** A cell of an output table: numbers stay numbers; `null` is an empty cell. */
export type Cell = string | number | boolean | null;

/**
 * How a numeric column is presented (presentation only: the values themselves stay exact).
 *
 * - `decimals`: CSV cells are rounded to this many decimals (0: whole pupils); workbook cells keep
 *   the exact value and show it with this many decimals (number format `0`, `0.0`, …).
 * - `percent`: the values are fractions (0.953); CSV cells hold percent (95.3, rounded to
 *   `decimals`), workbook cells the fraction shown in a percent format (`0.0%`). The column's
 *   header should say so (`utilisation_pct`, `学位使用率（%）`).
 *
 * @example
 * ```ts
 * const t: Table = { name: "t", columns: ["pupils", "utilisation_pct"], formats: [{ decimals: 0 }, { decimals: 1, percent: true }], rows: [[4829.3257, 0.9534]] };
 * csvText(t) // "pupils,utilisation_pct\n4829,95.3\n"
 * ```
 */
export interface ColumnFormat {
  readonly decimals?: number;
  readonly percent?: boolean;
}

/** A tidy table: named columns, one row per record. */
export interface Table {
  /** File stem (`pupils` → `pupils.csv`) and English sheet name. */
  readonly name: string;
  /** Sheet name in the workbook; `name` when absent. */
  readonly sheet?: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Presentation of each column, by position (`undefined`: as it is). @defaultValue none: every value written as it is */
  readonly formats?: readonly (ColumnFormat | undefined)[];
}

/**
 * A number as a presentation table shows it (see `ColumnFormat`): percent when the column is a
 * share, rounded to the column's decimals; never `-0`.
 *
 * @example
 * ```ts
 * presentNumber(4829.325737228829, { decimals: 0 }) // 4829
 * presentNumber(0.95349, { decimals: 1, percent: true }) // 95.3
 * ```
 */
export function presentNumber(x: number, format: ColumnFormat | undefined): number {
  if (!format || !Number.isFinite(x)) return x;
  const v = format.percent ? x * 100 : x;
  if (format.decimals === undefined) return v;
  const f = 10 ** format.decimals;
  return Math.round(v * f) / f || 0;
}

/** The Excel number format of a column format: `0`, `0.0`, `0.0%`, … */
function numFmt(format: ColumnFormat): string | undefined {
  const d = format.decimals;
  if (d === undefined && !format.percent) return undefined;
  const body = d === undefined || d === 0 ? "0" : `0.${"0".repeat(d)}`;
  return format.percent ? `${body}%` : body;
}

/** Options of the CSV writers. */
export interface CsvOptions {
  /**
   * Start each file with a UTF-8 byte order mark, so that Excel opens Chinese text correctly.
   * @defaultValue false
   */
  readonly bom?: boolean;
}

/** Text cells that a spreadsheet would run as a formula: a leading =, +, -, @, tab or CR (after any apostrophes). */
const FORMULA_LEAD = /^'*[=+\-@\t\r]/;

/**
 * Escapes a text cell for a CSV file that a spreadsheet may open: a cell that starts with `=`,
 * `+`, `-`, `@`, tab or CR (optionally after apostrophes) gets a leading apostrophe, the
 * convention spreadsheets show as text (OWASP, "CSV Injection"). Numbers are never escaped
 * (they are not text). `unescapeFormulaCell` reverses it exactly.
 *
 * @example
 * ```ts
 * escapeFormulaCell("=1+1") // "'=1+1"
 * escapeFormulaCell("'=1") // "''=1"
 * escapeFormulaCell("-north") // "'-north"
 * ```
 */
export function escapeFormulaCell(text: string): string {
  return FORMULA_LEAD.test(text) ? `'${text}` : text;
}

/**
 * Reverses `escapeFormulaCell`: an apostrophe before (apostrophes and) a formula-leading
 * character is dropped; every other text is returned as it is.
 *
 * @example
 * ```ts
 * unescapeFormulaCell("'=1+1") // "=1+1"
 * unescapeFormulaCell("'plain") // "'plain"
 * ```
 */
export function unescapeFormulaCell(text: string): string {
  return text.startsWith("'") && FORMULA_LEAD.test(text.slice(1)) ? text.slice(1) : text;
}

function csvField(c: Cell): string {
  if (c === null) return "";
  if (typeof c === "number" || typeof c === "boolean") return String(c);
  const t = escapeFormulaCell(c);
  return t === "" || /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/**
 * One table as CSV text: a header row, then one line per row, `\n` line ends; cells with commas,
 * quotes or line breaks are quoted; numbers in full precision (shortest round-trip form), or as
 * the table's `formats` present them (rounded; shares as percent);
 * `null` as an empty cell, an empty text as `""` (so that the two read back apart). Text cells
 * that a spreadsheet would run as a formula are escaped with a leading apostrophe
 * (`escapeFormulaCell`); the readers of `placecast/node` drop it again.
 *
 * @example
 * ```ts
 * csvText({ name: "t", columns: ["a", "b"], rows: [[1, "x,y"]] }) // 'a,b\n1,"x,y"\n'
 * csvText({ name: "t", columns: ["a"], rows: [["=1+1"]] }) // "a\n'=1+1\n"
 * ```
 */
export function csvText(table: Table, options: CsvOptions = {}): string {
  const fm = table.formats;
  const rows = fm ? table.rows.map((r) => r.map((c, i) => (typeof c === "number" ? presentNumber(c, fm[i]) : c))) : table.rows;
  const lines = [table.columns, ...rows].map((r) => r.map(csvField).join(","));
  return (options.bom ? "\uFEFF" : "") + lines.map((l) => `${l}\n`).join("");
}

/**
 * Writes each table to `<dir>/<name>.csv` (creating the folder).
 *
 * @returns the paths written, in table order
 */
export async function writeCsvTables(tables: readonly Table[], dir: string, options: CsvOptions = {}): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const t of tables) {
    const p = join(dir, `${t.name}.csv`);
    await writeFile(p, csvText(t, options), "utf8");
    paths.push(p);
  }
  return paths;
}

/**
 * A text as an .xlsx cell stores it exactly (the `_xHHHH_` escape of OOXML, ECMA-376 Part 1,
 * 22.9.2.19 ST_Xstring): a literal `_xHHHH_` gets its underscore escaped (`_x005F_`), and
 * carriage returns and the other control characters XML cannot hold or keep (XML normalises
 * `\r\n` to `\n`) become `_x000D_` etc.; readers (Excel, exceljs) decode them.
 */
function xlsxText(text: string): string {
  return text.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1").replace(/[\u0000-\u0008\u000b-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/** A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`. */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, "_").slice(0, 31);
}

/**
 * The tables as an .xlsx workbook, one sheet per table: a bold, frozen header row with an
 * autofilter, numbers as numeric cells (exact values, shown in the number format of the table's
 * `formats`: whole pupils, percentages), text as text (ids that look like numbers stay text),
 * `null` as an empty cell. The workbook's dates are fixed so that the same tables give the same
 * content.
 */
export async function tablesWorkbook(tables: readonly Table[]): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await loadPeer("exceljs", () => import("exceljs"));
  const wb = new Excel.Workbook();
  wb.creator = "placecast";
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = wb.created;
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.sheet ?? t.name), { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow([...t.columns]);
    ws.getRow(1).font = { bold: true };
    for (const r of t.rows) ws.addRow(r.map((c) => (typeof c === "string" ? xlsxText(c) : c)));
    const wide = (x: string): number => [...x].reduce((w, ch) => w + (/[^\x00-\x7F]/.test(ch) ? 2 : 1), 0);
    t.columns.forEach((c, i) => {
      const f = t.formats?.[i];
      const shown = (v: Cell | undefined): string => (typeof v === "number" && f ? String(presentNumber(v, f)) + (f.percent ? "%" : "") : String(v ?? ""));
      const widest = Math.max(wide(c), ...t.rows.slice(0, 200).map((r) => wide(shown(r[i]))));
      const col = ws.getColumn(i + 1);
      col.width = Math.min(60, Math.max(8, widest + 2));
      const fmt = f ? numFmt(f) : undefined;
      if (fmt) col.eachCell({ includeEmpty: false }, (cell, row) => void (row > 1 && (cell.numFmt = fmt)));
    });
    if (t.columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, t.rows.length + 1), column: t.columns.length } };
  }
  return wb;
}

/**
 * Writes the tables as one .xlsx workbook (creating the folder).
 *
 * @returns the path written
 */
export async function writeWorkbook(tables: readonly Table[], file: string): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  const buf = await (await tablesWorkbook(tables)).xlsx.writeBuffer();
  await writeFile(file, new Uint8Array(buf as ArrayBuffer));
  return file;
}

/**
 * Writes a value as JSON (two-space indent, final newline). Typed arrays become plain arrays;
 * NaN and ±Infinity become `null` (as `JSON.stringify` does).
 *
 * @returns the path written
 */
export async function writeJson(value: unknown, file: string): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  const text = JSON.stringify(value, (_k, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v), 2);
  await writeFile(file, `${text}\n`, "utf8");
  return file;
}

/**
 * Tables as JSON-ready objects: `{ pupils: [{ area: …, year: … }, …], … }`. Numbers are exact
 * (not rounded); a percent column (`ColumnFormat.percent`) holds percent, as its header says.
 */
export function tablesToObjects(tables: readonly Table[]): Record<string, Record<string, Cell>[]> {
  const out: Record<string, Record<string, Cell>[]> = {};
  const exact = (c: Cell | undefined, f: ColumnFormat | undefined): Cell => (typeof c === "number" && f?.percent ? presentNumber(c, { percent: true }) : (c ?? null));
  for (const t of tables) out[t.name] = t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, exact(r[i], t.formats?.[i])])));
  return out;
}

function cellOf(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.join(" ");
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}

/** Options of the dataset writers. */
export interface DatasetFileOptions {
  /** Headers and sheet names in English or Chinese. @defaultValue `"en"` */
  readonly lang?: Lang;
}

/**
 * A dataset (validated, or tidy input records) as one table per record type, with the headers of
 * `TABLE_COLUMNS` in the chosen language. Areas and enrolment are always given; the other record
 * types when they have records. A validated housing record that came with a `completionDate`
 * is written with the date only (its `year` is derived from it again when read); a school's grade
 * spans in their cell form (`formatGradeSpans`: `P1-P6 (2012-)`).
 *
 * Reading the tables back (`safeReadDataset`) gives the same dataset.
 */
export function datasetTables(data: Dataset | DatasetInput, options: DatasetFileOptions = {}): Table[] {
  const lang = options.lang ?? "en";
  const tables: Table[] = [];
  for (const t of TABLE_NAMES) {
    const spec = TABLE_COLUMNS[t];
    const records = ((data as unknown as Record<TableName, readonly unknown[] | undefined>)[t] ?? []) as readonly unknown[];
    if (!spec.required && records.length === 0) continue;
    const rows = records.map((rec) =>
      spec.columns.map((c) => {
        if (t === "housing" && c.path[0] === "year" && getPath(rec, ["completionDate"]) !== undefined) return null;
        if (c.kind === "grade-spans") {
          const spans = getPath(rec, c.path);
          return Array.isArray(spans) ? formatGradeSpans(spans as GradeSpan[]) : cellOf(spans);
        }
        return cellOf(getPath(rec, c.path));
      }),
    );
    const name = sheetOf(t, lang);
    tables.push({ name: lang === "en" ? t : name, sheet: name, columns: spec.columns.map((c) => headerOf(c, lang)), rows });
  }
  return tables;
}

/**
 * Writes a dataset as files a planner can edit and `safeReadDataset` reads back: a folder of CSV
 * files (one per record type), or one .xlsx workbook (one sheet per record type).
 *
 * @param target - a folder for `"csv"`, a file name ending in .xlsx for `"xlsx"`
 * @returns the paths written
 * @example
 * ```ts
 * await writeDatasetFiles(yangjiangDataset(), "out/yangjiang-data", "csv", { lang: "zh-CN" });
 * ```
 */
export async function writeDatasetFiles(data: Dataset | DatasetInput, target: string, format: "csv" | "xlsx", options: DatasetFileOptions = {}): Promise<string[]> {
  const tables = datasetTables(data, options);
  if (format === "xlsx") return [await writeWorkbook(tables, target)];
  return writeCsvTables(tables, target, { bom: options.lang === "zh-CN" });
}
