import { note } from "../domain/notes.js";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { parse } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import { DatasetError } from "../data/issues.js";
import type { Dataset } from "../data/dataset.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import { columnLetter, type CellValue } from "./cells.js";
import { TABLE_COLUMNS, tableForName } from "./columns.js";
import { unescapeFormulaCell } from "./write.js";
import { loadPeer } from "../domain/peers.js";
import { located, parseSheets, type FileLocation, type LocatedIssue, type RawSheet, type ReadResult } from "./sheets.js";

/** Sheets a workbook may hold besides the record types, ignored without a warning. */
const NOTE_SHEETS = new Set(["readme", "about", "说明", "填写说明", "columns", "列说明"]);

/**
 * Decodes a CSV file: UTF-8 (with or without BOM); UTF-16 with a byte order mark (Excel's
 * "Unicode Text"), with a warning; when the bytes are not UTF-8, GB18030 (the encoding Excel uses
 * for "CSV" on Chinese Windows), with a warning. Text that looks like UTF-16 without a byte order
 * mark (many NUL bytes) is refused with a hint: read as GB18030 it would be garbage.
 */
function decode(bytes: Uint8Array, at: FileLocation, issues: LocatedIssue[]): string | undefined {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (le || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    issues.push(located("invalid_value", [], at, `is UTF-16 (${le ? "little" : "big"}-endian, as Excel saves "Unicode Text"); read as UTF-16. Save as "CSV UTF-8" to avoid this warning`, "warning", note("data.file-utf16")));
    return new TextDecoder(le ? "utf-16le" : "utf-16be").decode(bytes);
  }
  let nul = 0;
  for (let i = 0; i < Math.min(bytes.length, 4096); i++) if (bytes[i] === 0) nul++;
  if (nul > 0 && nul >= Math.min(bytes.length, 4096) / 8) {
    issues.push(located("invalid_value", [], at, 'looks like UTF-16 without a byte order mark (many NUL bytes); save it as "CSV UTF-8"', "error", note("data.file-utf16-no-bom")));
    return undefined;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    issues.push(located("invalid_value", [], at, "is not UTF-8; read as GB18030 (Chinese Windows). Save as \"CSV UTF-8\" to avoid this warning", "warning", note("data.file-gb18030")));
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** Reads a file; a file-system error carries the path (Node leaves it out of EISDIR on read). */
async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    if (e instanceof Error && (e as NodeJS.ErrnoException).path === undefined) (e as NodeJS.ErrnoException).path = path;
    throw e;
  }
}

/** Picks the delimiter from the header line: comma, unless the line has none and has semicolons or tabs. */
function delimiterOf(text: string): string {
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  if (first.includes(",")) return ",";
  if (first.includes("\t")) return "\t";
  if (first.includes(";")) return ";";
  return ",";
}

/**
 * Splits CSV text into rows of cells with their spreadsheet row numbers. Handles a BOM, CRLF or
 * LF line ends, quoted cells with commas and line breaks; a malformed quote is a located issue.
 */
export function csvRows(text: string, at: FileLocation, issues: LocatedIssue[]): { row: number; cells: (string | null)[] }[] | undefined {
  try {
    const records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
      // An unquoted empty cell is empty (null); a quoted one ("") is an empty text. The
      // apostrophe that escapes a formula-leading cell (escapeFormulaCell) is dropped.
      cast: (value: string, context: { quoting: boolean }) => (!context.quoting && value === "" ? null : unescapeFormulaCell(value)),
    }) as unknown as { record: (string | null)[]; info: { records: number } }[];
    return records.map((r) => ({ row: r.info.records, cells: r.record }));
  } catch (e) {
    const err = e as { message?: string; lines?: number; code?: string };
    const where = typeof err.lines === "number" ? { ...at, row: err.lines } : at;
    issues.push(located("invalid_type", [], where, `is not valid CSV: ${err.message ?? String(e)}${err.code === "CSV_QUOTE_NOT_CLOSED" ? " (a quote \" opens a cell that never closes)" : ""}`, "error", note("data.file-bad-csv", { reason: err.message ?? String(e), quote: err.code === "CSV_QUOTE_NOT_CLOSED" })));
    return undefined;
  }
}

/**
 * Reads the sheets of a folder of CSV files, one per record type: `areas.csv`, `enrolment.csv`,
 * `births.csv`, `capacity.csv`, `plannedPlaces.csv`, `housing.csv`, `schools.csv`, … (or their
 * Chinese names, `地区.csv`, `在校生.csv`, `学校.csv`, …). Other CSV files are reported as warnings and not read.
 */
async function csvFolderSheets(dir: string, issues: LocatedIssue[], limits: Limits): Promise<RawSheet[] | undefined> {
  const names = (await readdir(dir)).filter((n) => extname(n).toLowerCase() === ".csv").sort();
  let total = 0;
  for (const name of names) if (tableForName(basename(name, extname(name)))) total += (await stat(join(dir, name))).size;
  if (total > limits.maxBytes) {
    issues.push(located("too_large", [], { file: basename(dir) || dir }, `holds ${mib(total)} of CSV files, more than the limit of ${mib(limits.maxBytes)}; split the data or raise the limit`, "error", note("data.input-too-large", { size: mib(total), limit: mib(limits.maxBytes) })));
    return undefined;
  }
  const sheets: RawSheet[] = [];
  for (const name of names) {
    const at: FileLocation = { file: name };
    const table = tableForName(basename(name, extname(name)));
    if (!table) {
      issues.push(located("unknown_field", [], at, `is not a record type and was not read; name the files ${Object.values(TABLE_COLUMNS).map((c) => `${c.sheet.en}.csv`).join(", ")} (or in Chinese)`, "warning", note("data.not-a-table", { workbook: false })));
      continue;
    }
    const text = decode(await readBytes(join(dir, name)), at, issues);
    if (text === undefined) continue;
    const rows = csvRows(text, at, issues);
    if (rows && rows.length > limits.maxRows) {
      issues.push(located("too_large", [], at, `has ${rows.length} rows, more than ${limits.maxRows} rows (the limit of one file)`, "error", note("data.too-many-rows", { rows: rows.length, limit: limits.maxRows })));
      return undefined;
    }
    if (rows) sheets.push({ file: name, table, rows });
  }
  return sheets;
}

/** A workbook cell as a plain value: formulas give their cached result, rich text its text. */
export function workbookCell(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("error" in v) return String(v.error);
    if ("formula" in v || "sharedFormula" in v) {
      const r = (v as { result?: unknown }).result;
      if (r === undefined || r === null) return `=${(v as { formula?: string }).formula ?? ""} (formula without a saved result)`;
      return workbookCell(r as ExcelJS.CellValue);
    }
    if ("text" in v) return String((v as { text: unknown }).text);
  }
  return String(v);
}

/** Limits of one read (see `ReadOptions`). */
interface Limits {
  readonly maxBytes: number;
  readonly maxRows: number;
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 3 : 0)} MiB`;
}

/**
 * The total uncompressed size of the entries of a zip file (an .xlsx), from its central
 * directory, without inflating anything (PKWARE APPNOTE 4.3.12 and 4.3.16). Infinity when the
 * directory cannot be found or an entry needs ZIP64 (4 GiB or more).
 */
export function zipUnpackedSize(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (i: number): number => view.getUint32(i, true);
  const u16 = (i: number): number => view.getUint16(i, true);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (u32(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return Infinity;
  const entries = u16(eocd + 10);
  let p = u32(eocd + 16);
  let total = 0;
  for (let e = 0; e < entries; e++) {
    if (p + 46 > bytes.length || u32(p) !== 0x02014b50) return Infinity;
    const size = u32(p + 24);
    if (size === 0xffffffff) return Infinity;
    total += size;
    p += 46 + u16(p + 28) + u16(p + 30) + u16(p + 32);
  }
  return total;
}

async function workbookSheets(file: string, issues: LocatedIssue[], limits: Limits): Promise<RawSheet[] | undefined> {
  const name = basename(file);
  const { default: Excel } = await loadPeer("exceljs", () => import("exceljs"));
  const wb = new Excel.Workbook();
  const bytes = await readBytes(file);
  const unpacked = zipUnpackedSize(bytes);
  if (bytes.length > limits.maxBytes || (unpacked > limits.maxBytes && Number.isFinite(unpacked))) {
    issues.push(located("too_large", [], { file: name }, `unpacks to more than ${mib(limits.maxBytes)} (${bytes.length > limits.maxBytes ? `the file alone is ${mib(bytes.length)}` : `${mib(unpacked)}`}), the limit of an input; split the workbook or raise the limit`, "error", note("data.input-too-large", { size: mib(bytes.length > limits.maxBytes ? bytes.length : unpacked), limit: mib(limits.maxBytes) })));
    return undefined;
  }
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    issues.push(located("invalid_type", [], { file: name }, `cannot be read as an .xlsx workbook (${e instanceof Error ? e.message : String(e)}); save it from Excel as .xlsx`, "error", note("data.file-bad-xlsx", { reason: e instanceof Error ? e.message : String(e) })));
    return undefined;
  }
  const sheets: RawSheet[] = [];
  let tooLong = false;
  wb.eachSheet((ws) => {
    const table = tableForName(ws.name);
    if (ws.rowCount > limits.maxRows) {
      issues.push(located("too_large", [], { file: name, sheet: ws.name }, `has ${ws.rowCount} rows, more than ${limits.maxRows} rows (the limit of one sheet)`, "error", note("data.too-many-rows", { rows: ws.rowCount, limit: limits.maxRows })));
      tooLong = true;
      return;
    }
    if (!table) {
      if (!NOTE_SHEETS.has(ws.name.trim().toLowerCase())) {
        issues.push(located("unknown_field", [], { file: name, sheet: ws.name }, `is not a record type and was not read; name the sheets ${Object.values(TABLE_COLUMNS).map((c) => `${c.sheet.en} (${c.sheet.zh})`).join(", ")}`, "warning", note("data.not-a-table", { workbook: true })));
      }
      return;
    }
    const rows: { row: number; cells: CellValue[] }[] = [];
    const merges = (ws.model as { merges?: string[] }).merges ?? [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: CellValue[] = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.getCell(c);
        // A cell covered by a merge shows its master's value in exceljs; Excel kept only the
        // master's value when merging, so the covered cell is read as empty, with a warning.
        if (cell.isMerged && cell.master.address !== cell.address) {
          cells.push(null);
          if (workbookCell(cell.master.value) !== null) {
            const range = merges.find((m) => m.split(":")[0] === cell.master.address) ?? `${cell.master.address}:…`;
            issues.push(located("invalid_value", [table], { file: name, sheet: ws.name, row: rowNumber, column: columnLetter(c) }, `is merged into ${cell.master.address} (cells ${range} are merged); it is read as empty, not as ${cell.master.address}'s value. Unmerge the cells and give each its own value`, "warning", note("data.merged-cell", { master: cell.master.address, range })));
          }
          continue;
        }
        cells.push(workbookCell(cell.value));
      }
      rows.push({ row: rowNumber, cells });
    });
    sheets.push({ file: name, sheet: ws.name, table, rows });
  });
  return tooLong ? undefined : sheets;
}

/** Options of `safeReadDataset`. */
export interface ReadOptions {
  /**
   * Record types not to read even if their file or sheet is there (e.g. `["housing"]`).
   * @defaultValue none
   */
  readonly skip?: readonly string[];
  /**
   * Most bytes of input: the CSV files together, or the workbook file and its unpacked content
   * (read from the zip directory before anything is inflated). Beyond it, a `too_large` issue.
   * @defaultValue 128 MiB
   */
  readonly maxBytes?: number;
  /**
   * Most rows of one CSV file or sheet (Excel's own limit is 1,048,576). Beyond it, a
   * `too_large` issue.
   * @defaultValue 1,048,576
   */
  readonly maxRows?: number;
}

/**
 * Reads a dataset from a folder of CSV files (one per record type) or from an .xlsx workbook
 * (one sheet per record type), with English or Chinese column headers (see `TABLE_COLUMNS`), and
 * validates it with `safeParseDataset`. Every issue names the file, the sheet, the row (as a
 * spreadsheet shows it, the header being row 1) and the column.
 *
 * Cells: numbers from numeric cells or from text such as `1234` or `1,234`; an empty pupils cell
 * is a missing figure (`null`), other empty cells leave the field out; `name_zh` / `name_en`
 * (名称 / 英文名称) fill `name.zh` / `name.en`; grades in the areas file are separated by spaces
 * or commas; grade and stage cells take ids (`P1`, `primary`) or the system's labels (`小学一年级`,
 * `小学`); a school's grades (年级范围) are spans such as `P1-P6 (2012-)` (`readGradeSpans`), and
 * schools and areas may be named by their unique names. CSV files may start with a BOM and use
 * CRLF or LF line ends.
 *
 * @param path - a folder of CSV files, or an .xlsx file
 * @param system - the school system of the grades and stages
 * @returns the validated dataset, or every issue found (no exception for bad content)
 * @throws Error from the file system when the path cannot be read (missing, no permission)
 * @example
 * ```ts
 * const r = await safeReadDataset("data/", chinaSchoolSystem);
 * if (!r.success) console.error(formatIssues(r.issues));
 * ```
 */
export async function safeReadDataset(path: string, system: SchoolSystem, options: ReadOptions = {}): Promise<ReadResult> {
  const issues: LocatedIssue[] = [];
  const limits: Limits = { maxBytes: options.maxBytes ?? 128 * 2 ** 20, maxRows: options.maxRows ?? 1_048_576 };
  const info = await stat(path);
  let sheets: RawSheet[] | undefined;
  let context: FileLocation;
  if (info.isDirectory()) {
    context = { file: basename(path) || path };
    sheets = await csvFolderSheets(path, issues, limits);
  } else if (extname(path).toLowerCase() === ".xlsx") {
    context = { file: basename(path) };
    sheets = await workbookSheets(path, issues, limits);
  } else {
    context = { file: basename(path) };
    issues.push(located("invalid_type", [], context, "is neither a folder of CSV files nor an .xlsx workbook", "error", note("data.not-a-dataset-file")));
  }
  if (!sheets) return { success: false, issues };
  const skip = new Set(options.skip ?? []);
  return parseSheets(sheets.filter((s) => !skip.has(s.table)), system, context, issues);
}

/**
 * Like `safeReadDataset`, but throws.
 *
 * @throws DatasetError with every located issue
 * @throws Error from the file system when the path cannot be read
 * @example
 * ```ts
 * const ds = await readDataset("data.xlsx", chinaSchoolSystem);
 * ```
 */
export async function readDataset(path: string, system: SchoolSystem, options: ReadOptions = {}): Promise<Dataset> {
  const r = await safeReadDataset(path, system, options);
  if (!r.success) throw new DatasetError(r.issues);
  return r.data;
}
