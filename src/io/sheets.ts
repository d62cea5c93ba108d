import { safeParseDataset, type Dataset, type DatasetInput } from "../data/dataset.js";
import { clip, issue, show, type DataIssue, type IssueCode, type IssueSeverity } from "../data/issues.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import { cellToField, columnLetter, setPath, systemLabels, type CellValue, type SystemLabels } from "./cells.js";
import { columnForHeader, describeColumn, TABLE_COLUMNS, TABLE_NAMES, type ColumnSpec, type TableName } from "./columns.js";

/** Where in a file an issue was found. Rows and columns are as a spreadsheet shows them (1-based, A, B, …). */
export interface FileLocation {
  /** File name (the workbook, or the CSV file). */
  readonly file: string;
  /** Sheet of a workbook. */
  readonly sheet?: string;
  readonly row?: number;
  /** Column letter, e.g. `D`. */
  readonly column?: string;
  /** The column's header as written in the file. */
  readonly header?: string;
}

/** A data issue with the file, sheet, row and column it comes from; the message starts with the location. */
export interface LocatedIssue extends DataIssue {
  readonly location?: FileLocation;
}

/** The result of reading a dataset from files. */
export type ReadResult =
  | {
      readonly success: true;
      /** The validated dataset; its `warnings` are the located warnings. */
      readonly data: Dataset;
      /** The records as read from the files, before validation. */
      readonly input: DatasetInput;
      readonly warnings: readonly LocatedIssue[];
    }
  | { readonly success: false; readonly issues: readonly LocatedIssue[] };

/** One sheet (or CSV file) as rows of cells, with the spreadsheet row number of each row. */
export interface RawSheet {
  readonly file: string;
  readonly sheet?: string;
  /** The record type, found from the sheet or file name. */
  readonly table: TableName;
  readonly rows: readonly { readonly row: number; readonly cells: readonly CellValue[] }[];
}

/** Formats a location for a message: `data.xlsx, sheet 在校生, row 5, column D (人数)`. */
export function formatLocation(loc: FileLocation): string {
  let s = clip(loc.file);
  if (loc.sheet !== undefined) s += `, sheet ${clip(loc.sheet)}`;
  if (loc.row !== undefined) s += `, row ${loc.row}`;
  if (loc.column !== undefined) s += `, column ${loc.column}${loc.header !== undefined ? ` (${clip(loc.header)})` : ""}`;
  return s;
}

/** Builds a located issue whose message starts with its location. */
export function located(code: IssueCode, path: readonly (string | number)[], location: FileLocation, message: string, severity: IssueSeverity = "error"): LocatedIssue {
  return { ...issue(code, path, `${formatLocation(location)}: ${message}`, severity), location };
}

interface ParsedSheet {
  readonly raw: RawSheet;
  readonly records: Record<string, unknown>[];
  /** Spreadsheet row of each record. */
  readonly rowOf: number[];
  /** Column (letter and header) of each field path, keyed by the path joined with ".". */
  readonly columnOf: Map<string, { letter: string; header: string }>;
  readonly headerRow: number;
}

function isBlank(c: CellValue): boolean {
  return c === null || (typeof c === "string" && c.trim() === "");
}

function text(c: CellValue): string {
  return c === null ? "" : c instanceof Date ? c.toISOString().slice(0, 10) : String(c);
}

function columnList(table: TableName): string {
  return TABLE_COLUMNS[table].columns.map((c) => `${describeColumn(c)}${c.required ? "*" : ""}`).join(", ");
}

/**
 * Turns one sheet into records: finds the header row (the first non-empty row), matches every
 * header to a field (English, Chinese or an alias), and converts each later non-empty row's
 * cells. Problems with the sheet's shape (empty sheet, unknown, repeated or missing columns,
 * values without a header) are pushed as located issues; the sheet is then left unparsed.
 */
function parseSheet(raw: RawSheet, labels: SystemLabels, issues: LocatedIssue[]): ParsedSheet | undefined {
  const base: FileLocation = raw.sheet === undefined ? { file: raw.file } : { file: raw.file, sheet: raw.sheet };
  const spec = TABLE_COLUMNS[raw.table];
  const nonEmpty = raw.rows.filter((r) => r.cells.some((c) => !isBlank(c)));
  const head = nonEmpty[0];
  if (!head) {
    issues.push(located("invalid_type", [raw.table], base, `is empty; give a header row and one row per record. Columns of ${raw.table} (* required): ${columnList(raw.table)}`));
    return undefined;
  }
  const before = issues.length;
  const columns: (ColumnSpec | undefined)[] = [];
  const columnOf = new Map<string, { letter: string; header: string }>();
  head.cells.forEach((cell, i) => {
    const header = text(cell).replace(/^\uFEFF/, "").trim();
    const at: FileLocation = { ...base, row: head.row, column: columnLetter(i + 1), header };
    if (header === "") {
      columns.push(undefined);
      return;
    }
    const col = columnForHeader(raw.table, header);
    if (!col) {
      issues.push(located("unknown_field", [raw.table], at, `unknown column ${show(header)}; the columns of ${raw.table} are ${columnList(raw.table)} (* required)`));
      columns.push(undefined);
      return;
    }
    const key = col.path.join(".");
    const prev = columnOf.get(key);
    if (prev) {
      issues.push(located("duplicate", [raw.table], at, `column ${show(header)} gives ${describeColumn(col)} again (already in column ${prev.letter}); keep one of them`));
      columns.push(undefined);
      return;
    }
    columnOf.set(key, { letter: columnLetter(i + 1), header });
    columns.push(col);
  });
  const missing = spec.columns.filter((c) => c.required && !columnOf.has(c.path.join(".")));
  if (missing.length > 0) {
    issues.push(located("invalid_type", [raw.table], { ...base, row: head.row }, `no column for ${missing.map(describeColumn).join(", ")}; the header row must name the required columns (* required): ${columnList(raw.table)}`));
  }
  const records: Record<string, unknown>[] = [];
  const rowOf: number[] = [];
  for (const r of nonEmpty.slice(1)) {
    const rec: Record<string, unknown> = {};
    const width = Math.max(columns.length, r.cells.length);
    for (let i = 0; i < width; i++) {
      // Cells past the end of a row are empty (spreadsheets drop trailing empty cells).
      const cell = r.cells[i] ?? null;
      const col = columns[i];
      if (col) {
        const f = cellToField(cell, col, labels);
        if (f.set) setPath(rec, col.path, f.value);
      } else if (!isBlank(cell) && (i >= head.cells.length || isBlank(head.cells[i] ?? null))) {
        issues.push(located("unknown_field", [raw.table], { ...base, row: r.row, column: columnLetter(i + 1) }, `value ${show(cell instanceof Date ? text(cell) : cell)} has no column header; add a header or remove the value`));
      }
    }
    records.push(rec);
    rowOf.push(r.row);
  }
  if (issues.length > before) return undefined;
  return { raw, records, rowOf, columnOf, headerRow: head.row };
}

/** Maps an issue of `safeParseDataset` (path: record type, index, field, …) back to its file, row and column. */
function locateIssue(i: DataIssue, sheets: ReadonlyMap<string, ParsedSheet>): LocatedIssue {
  const table = i.path[0];
  const ps = typeof table === "string" ? sheets.get(table) : undefined;
  if (!ps) return i;
  const base: FileLocation = ps.raw.sheet === undefined ? { file: ps.raw.file } : { file: ps.raw.file, sheet: ps.raw.sheet };
  const index = i.path[1];
  let loc: FileLocation = base;
  let message = i.message;
  if (typeof index === "number" && ps.rowOf[index] !== undefined) {
    loc = { ...loc, row: ps.rowOf[index] };
    const fields = i.path.slice(2).filter((p): p is string => typeof p === "string");
    const col = (fields.length >= 2 ? ps.columnOf.get(fields.slice(0, 2).join(".")) : undefined) ?? (fields[0] !== undefined ? ps.columnOf.get(fields[0]) : undefined);
    if (col) loc = { ...loc, column: col.letter, header: col.header };
    const prefix = `${table}[${index}]`;
    if (message.startsWith(prefix)) {
      const rest = message.slice(prefix.length);
      const m = /^ \(([^)]*)\): /.exec(rest);
      message = m ? `${m[1]}: ${rest.slice(m[0].length)}` : rest.replace(/^:\s*/, "");
    }
  }
  // References to other records of the same table become spreadsheet rows.
  message = message.replace(new RegExp(`\\b${table}\\[(\\d+)\\]`, "g"), (all, n: string) => {
    const row = ps.rowOf[Number(n)];
    return row === undefined ? all : `row ${row}`;
  });
  return { ...i, message: `${formatLocation(loc)}: ${message}`, location: loc };
}

/**
 * Reads a dataset from sheets already split into cells (the common part of the CSV and workbook
 * readers): headers matched (English or Chinese), cells converted, records validated with
 * `safeParseDataset`, and every issue mapped back to its file, sheet, row and column.
 *
 * @param sheets - one sheet per record type (a record type given twice is an error)
 * @param system - the school system of the grades and stages
 * @param context - the file set, for issues that belong to no sheet (a missing record type)
 * @param found - issues already found while reading the files (unreadable files, unknown sheets)
 */
export function parseSheets(sheets: readonly RawSheet[], system: SchoolSystem, context: FileLocation, found: readonly LocatedIssue[] = []): ReadResult {
  const issues: LocatedIssue[] = [...found];
  const labels = systemLabels(system);
  const parsed = new Map<string, ParsedSheet>();
  const seen = new Map<TableName, RawSheet>();
  for (const s of sheets) {
    const prev = seen.get(s.table);
    const at: FileLocation = s.sheet === undefined ? { file: s.file } : { file: s.file, sheet: s.sheet };
    if (prev) {
      issues.push(located("duplicate", [s.table], at, `gives ${s.table} again (already in ${formatLocation(prev.sheet === undefined ? { file: prev.file } : { file: prev.file, sheet: prev.sheet })}); give each record type once`));
      continue;
    }
    seen.set(s.table, s);
    const p = parseSheet(s, labels, issues);
    if (p) parsed.set(s.table, p);
  }
  for (const t of TABLE_NAMES) {
    const spec = TABLE_COLUMNS[t];
    if (spec.required && !seen.has(t)) {
      issues.push(located("invalid_type", [t], context, `has no ${t} (${context.sheet === undefined && /\.xlsx$/i.test(context.file) ? `a sheet named ${spec.sheet.en} or ${spec.sheet.zh}` : `a file ${spec.sheet.en}.csv or ${spec.sheet.zh}.csv`}); it is required`));
    }
  }
  if (issues.some((i) => i.severity === "error")) return { success: false, issues: errorsFirst(issues) };
  const input: Record<string, unknown[]> = {};
  for (const t of TABLE_NAMES) {
    const p = parsed.get(t);
    if (p) input[t] = p.records;
  }
  const datasetInput = input as unknown as DatasetInput;
  const r = safeParseDataset(datasetInput, system);
  if (!r.success) return { success: false, issues: errorsFirst([...issues, ...r.issues.map((i) => locateIssue(i, parsed))]) };
  const warnings = [...issues, ...r.warnings.map((i) => locateIssue(i, parsed))];
  return { success: true, data: { ...r.data, warnings }, input: datasetInput, warnings };
}

function errorsFirst(issues: readonly LocatedIssue[]): LocatedIssue[] {
  return [...issues.filter((i) => i.severity === "error"), ...issues.filter((i) => i.severity !== "error")];
}
