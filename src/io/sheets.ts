import { safeParseDataset, type Dataset, type DatasetInput } from "../data/dataset.js";
import { note, type Note } from "../domain/notes.js";
import { clip, closest, didYouMean, issue, show, type DataIssue, type IssueCode, type IssueSeverity } from "../data/issues.js";
import { normalizeName, type LenientRule } from "../data/lenient.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import { cellToField, columnLetter, setPath, systemLabels, type CellValue, type SystemLabels } from "./cells.js";
import type { GradeSpan } from "../data/records/schools.js";
import { formatGradeSpans } from "./spans.js";
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
export function located(code: IssueCode, path: readonly (string | number)[], location: FileLocation, message: string, severity: IssueSeverity = "error", detail?: Note): LocatedIssue {
  return { ...issue(code, path, `${formatLocation(location)}: ${message}`, severity, detail), location };
}

interface ParsedSheet {
  readonly raw: RawSheet;
  readonly records: Record<string, unknown>[];
  /** Spreadsheet row of each record. */
  readonly rowOf: number[];
  /** Column (letter and header) of each field path, keyed by the path joined with ".". */
  readonly columnOf: Map<string, { letter: string; header: string }>;
  readonly headerRow: number;
  /** Wide sheets (one column per grade): the column of each record's figure. */
  readonly figureColumn?: { letter: string; header: string }[];
}

/** Cells read by a lenient rule, grouped by sheet, column, rule (and, for names, the text read). */
class ReadRules {
  private readonly groups = new Map<string, { at: FileLocation; rule: LenientRule; from: string; to: unknown; rows: number[] }>();

  add(at: FileLocation, rule: LenientRule, from: CellValue, to: unknown, row: number): void {
    const byValue = rule === "label" || rule === "area-name" || rule === "school-name" || rule === "missing-dash";
    const fromText = from instanceof Date ? from.toISOString().slice(0, 10) : String(from);
    const key = `${at.file}\u0000${at.sheet ?? ""}\u0000${at.column ?? ""}\u0000${rule}\u0000${byValue ? fromText : ""}`;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { at, rule, from: fromText, to, rows: [] }));
    // Cells come row by row; the grade cells of one row of a wide sheet count the row once.
    if (g.rows[g.rows.length - 1] !== row) g.rows.push(row);
  }

  /** One warning per group: what was read how, in how many rows, and the first rows. */
  flush(issues: LocatedIssue[]): void {
    for (const g of this.groups.values()) {
      const what = RULE_TEXT[g.rule](g.from, g.to);
      const to = g.to === undefined ? null : g.to;
      const detail = note(`data.read-as.${g.rule}`, { from: show(g.from), to: to === null ? null : show(to), missing: g.to === null, count: g.rows.length, rows: g.rows.slice(0, 3) });
      issues.push(located("read_as", [], { ...g.at, row: g.rows[0]! }, `${what} ${rowList(g.rows)}`, "warning", detail));
    }
  }
}

/** `in row 5`, `in 240 rows (rows 2, 3, 4 and 237 more)`. */
export function rowList(rows: readonly number[]): string {
  if (rows.length === 1) return `in row ${rows[0]}`;
  return `in ${rows.length} rows (rows ${rows.slice(0, 3).join(", ")}${rows.length > 3 ? ` and ${rows.length - 3} more` : ""})`;
}

const RULE_TEXT: Readonly<Record<LenientRule, (from: string, to: unknown) => string>> = {
  thousands: (f, t) => `numbers with thousands separators read without them (${show(f)} as ${show(t)})`,
  unit: (f, t) => `a unit after the number dropped (${show(f)} read as ${show(t)})`,
  "full-width": (f, t) => `full-width digits read as digits (${show(f)} as ${show(t)})`,
  "missing-dash": (f, t) => (t === null ? `${show(f)} read as a missing figure (not zero)` : `${show(f)} read as no value (the field is left out)`),
  "year-suffix": (f, t) => `a year with 年/学年 after it read as the year (${show(f)} as ${show(t)})`,
  "school-year-range": (f, t) => `a school year written as a range read as the year it starts (${show(f)} as ${show(t)})`,
  "date-slash": (f, t) => `a date read as an ISO date (${show(f)} as ${show(t)})`,
  "date-chinese": (f, t) => `a date read as an ISO date (${show(f)} as ${show(t)})`,
  "month-end": (f, t) => `a month without a day read as the month's last day (${show(f)} as ${show(t)})`,
  label: (f, t) => `${show(f)} read as ${show(t)} (a name of it in the school system)`,
  "area-name": (f, t) => `${show(f)} read as area ${show(t)} (the area of that name)`,
  "school-name": (f, t) => `${show(f)} read as school ${show(t)} (the school of that name)`,
};

/** Texts of a row that marks a total (not a record): 合计, 总计, Total, … (matched like headers). */
const TOTAL_WORDS = new Set(["合计", "总计", "总数", "合计数", "总合计", "全部合计", "total", "totals", "grandtotal", "sum", "alltotal"]);

function isTotalWord(v: unknown): boolean {
  return typeof v === "string" && TOTAL_WORDS.has(normalizeName(v));
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
function parseSheet(raw: RawSheet, labels: SystemLabels, issues: LocatedIssue[], rules: ReadRules): ParsedSheet | undefined {
  const base: FileLocation = raw.sheet === undefined ? { file: raw.file } : { file: raw.file, sheet: raw.sheet };
  const spec = TABLE_COLUMNS[raw.table];
  const nonEmpty = raw.rows.filter((r) => r.cells.some((c) => !isBlank(c)));
  const head = nonEmpty[0];
  if (!head) {
    issues.push(located("invalid_type", [raw.table], base, `is empty; give a header row and one row per record. Columns of ${raw.table} (* required): ${columnList(raw.table)}`, "error", note("data.sheet-empty", { table: raw.table })));
    return undefined;
  }
  const before = issues.length;
  const columns: (ColumnSpec | undefined)[] = [];
  const columnOf = new Map<string, { letter: string; header: string }>();
  // A wide enrolment sheet: one column per grade (headers that are grade ids or names), no grade column.
  // A wide school enrolment sheet too (学校, 年份, 一年级, 二年级, …): one record per school, year and grade.
  const gradeHeaders = raw.table === "enrolment" || raw.table === "schoolEnrolment" ? head.cells.map((c) => labels.grades.get(normalizeName(text(c)))) : [];
  const wide = gradeHeaders.filter((g) => g !== undefined).length >= 2 && !head.cells.some((c) => columnForHeader(raw.table, text(c))?.path[0] === "grade");
  const gradeOfColumn: (string | undefined)[] = [];
  const totalColumns: number[] = [];
  head.cells.forEach((cell, i) => {
    const header = text(cell).replace(/^\uFEFF/, "").trim();
    const at: FileLocation = { ...base, row: head.row, column: columnLetter(i + 1), header };
    if (header === "") {
      columns.push(undefined);
      return;
    }
    if (wide && gradeHeaders[i] !== undefined) {
      if (gradeOfColumn.includes(gradeHeaders[i])) {
        issues.push(located("duplicate", [raw.table], at, `column ${show(header)} gives grade ${gradeHeaders[i]} again; keep one column per grade`, "error", note("data.grade-column-twice", { header: show(header), grade: gradeHeaders[i]! })));
      } else if (labels.aliases.has(normalizeName(header))) rules.add(at, "label", header, gradeHeaders[i], head.row);
      gradeOfColumn[i] = gradeHeaders[i];
      columns.push(undefined);
      return;
    }
    if (wide && isTotalWord(header)) {
      totalColumns.push(i);
      columns.push(undefined);
      return;
    }
    const col = columnForHeader(raw.table, header);
    if (!col) {
      issues.push(located("unknown_field", [raw.table], at, `unknown column ${show(header)}; the columns of ${raw.table} are ${columnList(raw.table)} (* required)`, "error", unknownColumn(raw.table, header)));
      columns.push(undefined);
      return;
    }
    const key = col.path.join(".");
    const prev = columnOf.get(key);
    if (prev) {
      issues.push(located("duplicate", [raw.table], at, `column ${show(header)} gives ${describeColumn(col)} again (already in column ${prev.letter}); keep one of them`, "error", note("data.column-twice", { table: raw.table, header: show(header), field: key, prev: prev.letter })));
      columns.push(undefined);
      return;
    }
    columnOf.set(key, { letter: columnLetter(i + 1), header });
    columns.push(col);
  });
  const missing = spec.columns.filter((c) => c.required && !columnOf.has(c.path.join(".")) && !(wide && (c.path[0] === "grade" || c.path[0] === "pupils")));
  const classes = wide ? columnOf.get("classes") : undefined;
  if (classes) {
    // One 班数 cell per row cannot belong to every grade column of the row.
    issues.push(located("invalid_type", [raw.table], { ...base, row: head.row, column: classes.letter, header: classes.header }, "a classes column cannot go with one column per grade (a row's classes would be given to every grade); give the classes in the long layout, one row per grade, or leave the column out"));
  }
  if (missing.length > 0) {
    issues.push(located("invalid_type", [raw.table], { ...base, row: head.row }, `no column for ${missing.map(describeColumn).join(", ")}; the header row must name the required columns (* required): ${columnList(raw.table)}`, "error", note("data.missing-columns", { table: raw.table, fields: missing.map((c) => c.path.join(".")) })));
  }
  const records: Record<string, unknown>[] = [];
  const rowOf: number[] = [];
  const figureColumn: { letter: string; header: string }[] = [];
  const pupilsSpec = spec.columns.find((c) => c.path[0] === "pupils")!;
  const totalMismatch: string[] = [];
  const mismatchFigures: number[] = [];
  const totalRows: number[] = [];
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
        if (f.rule) rules.add({ ...base, column: columnLetter(i + 1), header: text(head.cells[i] ?? null) }, f.rule, cell, f.set ? (col.kind === "grade-spans" ? formatGradeSpans(f.value as GradeSpan[]) : f.value) : undefined, r.row);
        if (!f.set && f.error !== undefined) {
          issues.push(located("invalid_value", [raw.table], { ...base, row: r.row, column: columnLetter(i + 1), header: text(head.cells[i] ?? null) }, `${describeColumn(col)} ${show(text(cell))}: ${f.error}`));
        }
      } else if (!isBlank(cell) && (i >= head.cells.length || isBlank(head.cells[i] ?? null))) {
        issues.push(located("unknown_field", [raw.table], { ...base, row: r.row, column: columnLetter(i + 1) }, `value ${show(cell instanceof Date ? text(cell) : cell)} has no column header; add a header or remove the value`, "error", note("data.value-without-header", { value: show(cell instanceof Date ? text(cell) : cell) })));
      }
    }
    if (!wide) {
      records.push(rec);
      rowOf.push(r.row);
      continue;
    }
    // Wide: one record per grade column, the figure read like a pupils cell.
    let sum = 0;
    let complete = true;
    // A reading of the grade cells is one warning for all of them (the columns as a range, C–Q), not one per grade; a missing figure keeps its cell.
    const gradeCols = gradeOfColumn.flatMap((g, i) => (g === undefined ? [] : [i]));
    const gradeRange = gradeCols.length ? `${columnLetter(gradeCols[0]! + 1)}–${columnLetter(gradeCols[gradeCols.length - 1]! + 1)}` : "";
    for (let i = 0; i < gradeOfColumn.length; i++) {
      const grade = gradeOfColumn[i];
      if (grade === undefined) continue;
      const cell = r.cells[i] ?? null;
      const at = { letter: columnLetter(i + 1), header: text(head.cells[i] ?? null) };
      const f = cellToField(cell, pupilsSpec, labels);
      // A missing figure keeps its own cell: which figure is missing matters.
      if (f.rule) rules.add(f.rule === "missing-dash" ? { ...base, column: at.letter, header: at.header } : { ...base, column: gradeRange }, f.rule, cell, f.set ? f.value : undefined, r.row);
      const pupils = f.set ? f.value : null;
      if (typeof pupils === "number") sum += pupils;
      else complete = false;
      records.push({ ...rec, grade, pupils });
      rowOf.push(r.row);
      figureColumn.push(at);
    }
    for (const i of totalColumns) {
      const f = cellToField(r.cells[i] ?? null, pupilsSpec, labels);
      if (complete && f.set && typeof f.value === "number" && Math.abs(f.value - sum) > 1e-9) {
        totalMismatch.push(`row ${r.row}: ${f.value} against ${sum}`);
        mismatchFigures.push(r.row, f.value, sum);
      }
    }
    totalRows.push(r.row);
  }
  for (const i of totalColumns) {
    const at: FileLocation = { ...base, row: head.row, column: columnLetter(i + 1), header: text(head.cells[i] ?? null) };
    issues.push(
      located("total_row", [raw.table], at, `is a total column and was not read (the grades are read one by one)${totalMismatch.length ? `; it differs from the sum of the grades ${rowList(totalMismatch.map((m) => Number(/\d+/.exec(m)![0])))}: ${totalMismatch.slice(0, 3).join("; ")}` : totalRows.length ? "; it equals the sum of the grades in every complete row" : ""}`, "warning", note("data.total-column", { differ: mismatchFigures.slice(0, 9), differCount: totalMismatch.length, equal: totalMismatch.length === 0 && totalRows.length > 0 })),
    );
  }
  if (issues.some((x, k) => k >= before && x.severity === "error")) return undefined;
  const kept = dropTotalRows(raw, base, records, rowOf, figureColumn, columnOf, issues);
  return { raw, records: kept.records, rowOf: kept.rowOf, columnOf, headerRow: head.row, ...(wide ? { figureColumn: kept.figureColumn } : {}) };
}

/** Fields whose figures a total row sums (counts), by record type. */
const SUMMED: Partial<Record<TableName, readonly string[]>> = {
  enrolment: ["pupils"],
  births: ["births"],
  capacity: ["places", "classes"],
  plannedPlaces: ["places"],
  housing: ["dwellings"],
  population: ["persons"],
  staff: ["staff"],
  schoolEnrolment: ["pupils", "classes"],
  schoolPlaces: ["places", "classes"],
};

/**
 * Drops total rows (`合计`, `总计`, `Total` in a key column) with a warning, after comparing each
 * total with the sum of the other rows that share its other keys.
 */
function dropTotalRows(
  raw: RawSheet,
  base: FileLocation,
  records: Record<string, unknown>[],
  rowOf: number[],
  figureColumn: { letter: string; header: string }[],
  columnOf: Map<string, { letter: string; header: string }>,
  issues: LocatedIssue[],
): { records: Record<string, unknown>[]; rowOf: number[]; figureColumn: { letter: string; header: string }[] } {
  const summed = SUMMED[raw.table];
  if (!summed) return { records, rowOf, figureColumn };
  const keyFields = TABLE_COLUMNS[raw.table].columns.filter((c) => ["id", "grade", "stage", "integer"].includes(c.kind) && !summed.includes(c.path[0]!)).map((c) => c.path[0]!);
  const totalIdx = records.map((r) => keyFields.find((k) => isTotalWord(r[k])));
  if (totalIdx.every((t) => t === undefined)) return { records, rowOf, figureColumn };
  const out = { records: [] as Record<string, unknown>[], rowOf: [] as number[], figureColumn: [] as { letter: string; header: string }[] };
  records.forEach((r, i) => {
    if (totalIdx[i] !== undefined) return;
    out.records.push(r);
    out.rowOf.push(rowOf[i]!);
    if (figureColumn[i]) out.figureColumn.push(figureColumn[i]!);
  });
  const checked: number[] = [];
  const differ: string[] = [];
  const differFigures: (string | number)[] = [];
  const unchecked: number[] = [];
  records.forEach((t, i) => {
    const field = totalIdx[i];
    if (field === undefined) return;
    const others = keyFields.filter((k) => k !== field);
    const members = out.records.filter((r) => others.every((k) => r[k] === t[k]));
    for (const f of summed) {
      const v = t[f];
      if (typeof v !== "number") continue;
      const parts = members.map((m) => m[f]);
      if (members.length === 0 || parts.some((p) => typeof p !== "number")) {
        unchecked.push(rowOf[i]!);
        continue;
      }
      const sum = (parts as number[]).reduce((a, b) => a + b, 0);
      if (Math.abs(sum - v) > 1e-9) {
        differ.push(`row ${rowOf[i]} ${f} ${v} against a sum of ${sum}`);
        differFigures.push(rowOf[i]!, f, v, sum);
      }
      else checked.push(rowOf[i]!);
    }
  });
  const rows = [...new Set(records.flatMap((_, i) => (totalIdx[i] !== undefined ? [rowOf[i]!] : [])))];
  const field = totalIdx.find((t) => t !== undefined)!;
  const col = columnOf.get(field);
  const at: FileLocation = { ...base, row: rows[0]!, ...(col ? { column: col.letter, header: col.header } : {}) };
  const verdict = [
    checked.length ? `${checked.length} figure${checked.length === 1 ? " equals" : "s equal"} the sum of the rows totalled` : "",
    differ.length ? `${differ.length} ${differ.length === 1 ? "differs" : "differ"} from it (${differ.slice(0, 3).join("; ")}${differ.length > 3 ? "; …" : ""}): check the rows` : "",
    unchecked.length ? `${unchecked.length} could not be checked (a figure totalled is missing)` : "",
  ].filter((x) => x !== "");
  const words = [...new Set(records.flatMap((r, i) => (totalIdx[i] !== undefined ? [String(r[totalIdx[i]!])] : [])))];
  const detail = note("data.total-rows", { words, count: rows.length, rows: rows.slice(0, 3), checked: checked.length, differ: differFigures.slice(0, 12), differCount: differ.length, unchecked: unchecked.length });
  issues.push(located("total_row", [raw.table], at, `total row${rows.length === 1 ? "" : "s"} (${words.join(", ")}) dropped ${rowList(rows)}: a sum, not a record${verdict.length ? `; ${verdict.join("; ")}` : ""}`, "warning", detail));
  return out;
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
    const wideCol = ps.figureColumn && (fields[0] === "pupils" || fields[0] === "grade") ? ps.figureColumn[index] : undefined;
    const col = wideCol ?? (fields.length >= 2 ? ps.columnOf.get(fields.slice(0, 2).join(".")) : undefined) ?? (fields[0] !== undefined ? ps.columnOf.get(fields[0]) : undefined);
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
  return { ...i, message: `${formatLocation(loc)}: ${message}`, location: loc, ...(i.detail ? { detail: rowsOfDetail(i.detail, String(table), ps) } : {}) };
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
  const rules = new ReadRules();
  const parsed = new Map<string, ParsedSheet>();
  const seen = new Map<TableName, RawSheet>();
  for (const s of sheets) {
    const prev = seen.get(s.table);
    const at: FileLocation = s.sheet === undefined ? { file: s.file } : { file: s.file, sheet: s.sheet };
    if (prev) {
      issues.push(located("duplicate", [s.table], at, `gives ${s.table} again (already in ${formatLocation(prev.sheet === undefined ? { file: prev.file } : { file: prev.file, sheet: prev.sheet })}); give each record type once`, "error", note("data.table-twice", { table: s.table, prevFile: clip(prev.file), prevSheet: prev.sheet === undefined ? null : clip(prev.sheet) })));
      continue;
    }
    seen.set(s.table, s);
    const p = parseSheet(s, labels, issues, rules);
    if (p) parsed.set(s.table, p);
  }
  const areaNames = resolveAreaNames(parsed, rules);
  const schoolNames = resolveSchoolNames(parsed, rules);
  for (const t of TABLE_NAMES) {
    const spec = TABLE_COLUMNS[t];
    if (spec.required && !seen.has(t)) {
      issues.push(located("invalid_type", [t], context, `has no ${t} (${context.sheet === undefined && /\.xlsx$/i.test(context.file) ? `a sheet named ${spec.sheet.en} or ${spec.sheet.zh}` : `a file ${spec.sheet.en}.csv or ${spec.sheet.zh}.csv`}); it is required`, "error", note("data.missing-table", { table: t, workbook: context.sheet === undefined && /\.xlsx$/i.test(context.file) })));
    }
  }
  rules.flush(issues);
  if (issues.some((i) => i.severity === "error")) return { success: false, issues: errorsFirst(groupRepeated(issues)) };
  const input: Record<string, unknown[]> = {};
  for (const t of TABLE_NAMES) {
    const p = parsed.get(t);
    if (p) input[t] = p.records;
  }
  const datasetInput = input as unknown as DatasetInput;
  const r = safeParseDataset(datasetInput, system);
  if (!r.success) return { success: false, issues: errorsFirst(groupRepeated([...issues, ...r.issues.map((i) => withNameHint(locateIssue(i, parsed), parsed, areaNames, schoolNames))])) };
  const warnings = [...issues, ...r.warnings.map((i) => locateIssue(i, parsed))];
  return { success: true, data: { ...r.data, warnings }, input: datasetInput, warnings };
}

/**
 * Reads an area or parent given by its name (名称 or English name) as the area's id, when exactly
 * one area has that name and no area has it as id; each such reading is a grouped warning. Returns
 * the names (for "did you mean" hints on references that match neither an id nor a name).
 */
function resolveAreaNames(parsed: ReadonlyMap<string, ParsedSheet>, rules: ReadRules): Map<string, string | null> {
  const names = new Map<string, string | null>();
  const areas = parsed.get("areas");
  if (!areas) return names;
  const ids = new Set(areas.records.map((a) => a.id).filter((v): v is string => typeof v === "string"));
  for (const a of areas.records) {
    if (typeof a.id !== "string") continue;
    const nm = a.name as Record<string, unknown> | undefined;
    for (const n of [nm?.zh, nm?.en]) {
      if (typeof n !== "string" || n.trim() === "" || ids.has(n)) continue;
      const k = n.trim();
      const prev = names.get(k);
      names.set(k, prev === undefined || prev === a.id ? a.id : null);
    }
  }
  const resolve = (ps: ParsedSheet, field: "area" | "parent"): void => {
    const col = ps.columnOf.get(field);
    ps.records.forEach((r, i) => {
      const v = r[field];
      if (typeof v !== "string" || ids.has(v)) return;
      const id = names.get(v.trim());
      if (typeof id !== "string") return;
      r[field] = id;
      const base: FileLocation = ps.raw.sheet === undefined ? { file: ps.raw.file } : { file: ps.raw.file, sheet: ps.raw.sheet };
      rules.add(col ? { ...base, column: col.letter, header: col.header } : base, "area-name", v, id, ps.rowOf[i]!);
    });
  };
  for (const ps of parsed.values()) resolve(ps, ps.raw.table === "areas" ? "parent" : "area");
  return names;
}

/**
 * Reads a school given by its name (学校名称 or English name) in the school column of school
 * enrolment, school places and planned places, and in both school columns of the feeder map
 * (接收学校, 生源学校), as the school's id, when exactly one school has
 * that name and no school has it as id; each such reading is a grouped warning. Returns the
 * names and ids (for "did you mean" hints on references that match neither).
 */
function resolveSchoolNames(parsed: ReadonlyMap<string, ParsedSheet>, rules: ReadRules): Map<string, string | null> {
  const names = new Map<string, string | null>();
  const schools = parsed.get("schools");
  if (!schools) return names;
  const ids = new Set(schools.records.map((a) => a.id).filter((v): v is string => typeof v === "string"));
  for (const a of schools.records) {
    if (typeof a.id !== "string") continue;
    const nm = a.name as Record<string, unknown> | undefined;
    for (const n of [nm?.zh, nm?.en]) {
      if (typeof n !== "string" || n.trim() === "" || ids.has(n)) continue;
      const k = n.trim();
      const prev = names.get(k);
      names.set(k, prev === undefined || prev === a.id ? a.id : null);
    }
  }
  for (const [t, field] of [["schoolEnrolment", "school"], ["schoolPlaces", "school"], ["plannedPlaces", "school"], ["feeders", "school"], ["feeders", "from"]] as const) {
    const ps = parsed.get(t);
    if (!ps) continue;
    const col = ps.columnOf.get(field);
    ps.records.forEach((r, i) => {
      const v = r[field];
      if (typeof v !== "string" || ids.has(v)) return;
      const id = names.get(v.trim());
      if (typeof id !== "string") return;
      r[field] = id;
      const base: FileLocation = ps.raw.sheet === undefined ? { file: ps.raw.file } : { file: ps.raw.file, sheet: ps.raw.sheet };
      rules.add(col ? { ...base, column: col.letter, header: col.header } : base, "school-name", v, id, ps.rowOf[i]!);
    });
  }
  for (const id of ids) names.set(id, id);
  return names;
}

/**
 * Adds "did you mean" to an unknown area or parent that is near an area name (ids are suggested
 * by the dataset check; for a school's area, ids too), and to an unknown school that is near a
 * school's id or name.
 */
function withNameHint(i: LocatedIssue, parsed: ReadonlyMap<string, ParsedSheet>, areaNames: ReadonlyMap<string, string | null>, schoolNames: ReadonlyMap<string, string | null>): LocatedIssue {
  const [table, index, field] = i.path;
  const school = i.code === "unknown_reference" && (field === "school" || (table === "feeders" && field === "from"));
  if ((i.code !== "unknown_area" && i.code !== "unknown_parent" && !school) || i.message.includes("did you mean")) return i;
  const rec = typeof table === "string" && typeof index === "number" ? parsed.get(table)?.records[index] : undefined;
  const v = rec && typeof field === "string" ? rec[field] : undefined;
  if (typeof v !== "string") return i;
  let names = school ? schoolNames : areaNames;
  if (table === "schools") {
    const ids = (parsed.get("areas")?.records ?? []).map((a) => a.id).filter((x): x is string => typeof x === "string");
    names = new Map([...areaNames, ...ids.map((id) => [id, id] as const)]);
  }
  if (names.size === 0) return i;
  const hint = didYouMean(v, [...names].filter(([, id]) => id !== null).map(([n]) => n));
  if (hint === "") return i;
  const near = hint.slice(hint.indexOf('"') + 1, hint.lastIndexOf('"'));
  const id = names.get(near);
  const name = closest(v, [...names].filter(([, x]) => x !== null).map(([n]) => n))!;
  const detail = i.detail ? { detail: note(i.detail.code, { ...i.detail.params, near: show(name), nearId: typeof id === "string" && id !== near ? show(id) : null }) } : {};
  return { ...i, message: `${i.message}${hint}${typeof id === "string" && id !== near ? ` (${school ? "school" : "area"} ${show(id)})` : ""}`, ...detail };
}

/**
 * Groups errors that say the same thing about the same column (the same code and message once
 * values and row numbers are set aside; for a coded issue, the same detail once the record's keys
 * and the value given are set aside): the first is kept, with the count and first rows of the
 * others, so that one mistake on 240 rows is one message, not 240.
 */
function groupRepeated(issues: readonly LocatedIssue[]): LocatedIssue[] {
  const groups = new Map<string, { first: LocatedIssue; rows: number[]; seen: Set<number> }>();
  const out: (LocatedIssue | string)[] = [];
  for (const i of issues) {
    const loc = i.location;
    if (i.severity !== "error" || !loc || loc.row === undefined) {
      out.push(i);
      continue;
    }
    // A coded issue groups by its detail without the record's keys and the value given (the same rule broken in rows of different grades is one mistake).
    const d = i.detail;
    const tail = d
      ? `${d.code}\u0000${JSON.stringify(Object.entries(d.params).filter(([k]) => k !== "keys" && k !== "index" && k !== "got"))}`
      : i.message.slice(formatLocation(loc).length).replace(/"(?:[^"\\]|\\.)*"/g, "\u0001").replace(/-?\d+(\.\d+)?/g, "\u0002");
    const key = `${i.code}\u0000${loc.file}\u0000${loc.sheet ?? ""}\u0000${loc.column ?? ""}\u0000${tail}`;
    const g = groups.get(key);
    // The records of one row of a wide sheet (one per grade) repeat a mistake of the row: the row counts once.
    if (g) {
      if (!g.seen.has(loc.row)) g.rows.push(loc.row);
      g.seen.add(loc.row);
    } else {
      groups.set(key, { first: i, rows: [], seen: new Set([loc.row]) });
      out.push(key);
    }
  }
  return out.map((x) => {
    if (typeof x !== "string") return x;
    const g = groups.get(x)!;
    if (g.rows.length === 0) return g.first;
    const n = g.rows.length;
    const detail = g.first.detail ? { detail: note(g.first.detail.code, { ...g.first.detail.params, same: n, sameRows: g.rows.slice(0, 3) }) } : {};
    return { ...g.first, message: `${g.first.message}; the same in ${n} more row${n === 1 ? "" : "s"} (rows ${g.rows.slice(0, 3).join(", ")}${n > 3 ? ` and ${n - 3} more` : ""})`, ...detail };
  });
}

/**
 * A dataset issue's detail with record indices of the same table turned into spreadsheet rows:
 * `prev` (a duplicate's first record) becomes `prevRow`, `moreIndex` (other records with the
 * same unknown reference) becomes `moreRows` (the first three other rows) and `moreRowCount`.
 */
function rowsOfDetail(detail: Note, table: string, ps: ParsedSheet): Note {
  const p = detail.params;
  const extra: Record<string, number | number[]> = {};
  if (p.moreIndex === undefined && typeof p.prev !== "number") return detail;
  if (typeof p.prev === "number" && ps.rowOf[p.prev] !== undefined) extra.prevRow = ps.rowOf[p.prev]!;
  if (Array.isArray(p.moreIndex) && p.moreTable === table) {
    // Rows, not records: the records of one row of a wide sheet (one per grade) share its row.
    const own = typeof p.index === "number" ? ps.rowOf[p.index] : undefined;
    const rows = [...new Set(p.moreIndex.flatMap((k) => (typeof k === "number" && ps.rowOf[k] !== undefined ? [ps.rowOf[k]!] : [])))].filter((r) => r !== own);
    extra.moreRows = rows.slice(0, 3);
    extra.moreRowCount = rows.length;
  }
  return Object.keys(extra).length ? note(detail.code, { ...p, ...extra }) : detail;
}

/** The detail of an unknown column: the header and the closest known header (either language). */
function unknownColumn(table: TableName, header: string): Note {
  const headers = TABLE_COLUMNS[table].columns.flatMap((c) => [c.header.zh, c.header.en]);
  const near = closest(header, headers);
  return note("data.unknown-column", { table, header: show(header), near: near === undefined ? null : near });
}

function errorsFirst(issues: readonly LocatedIssue[]): LocatedIssue[] {
  return [...issues.filter((i) => i.severity === "error"), ...issues.filter((i) => i.severity !== "error")];
}
