import type { SchoolSystem } from "../domain/schoolSystem.js";
import { indexSystem } from "../domain/systemIndex.js";
import { note, type Note } from "../domain/notes.js";
import { DatasetError, issue, show, type DataIssue } from "./issues.js";
import { isMissingMark, normalizeName, readNumber, readYear, systemLabelIndex } from "./lenient.js";
import type { AreaRecord } from "./records/areas.js";
import type { EnrolmentRecord } from "./records/enrolment.js";

/** A cell of a wide table: text (as read from CSV), a number, or empty. */
export type WideCell = string | number | null | undefined;

/** One row of a wide table, keyed by column header. */
export type WideRow = Readonly<Record<string, WideCell>>;

/** Options of `fromWide`: which columns are what, and the rules of the source. */
export interface WideOptions {
  /** The school system whose grades the columns hold. */
  readonly system: SchoolSystem;
  /** Column of the area id (`district_code`, `state`). */
  readonly area: string;
  /** Column of the school year (`2007`, `2007-08`, `2007年`: the year it starts). */
  readonly year: string;
  /**
   * Column of the area's name, carried into `areas[].name.en`; a row whose area or name is a total
   * word (`Total`, `合计`, `总计`) is a total row.
   * @defaultValue none
   */
  readonly name?: string;
  /**
   * Grade columns: header → grade id.
   * @defaultValue every column whose header is a grade id, label or alias of the system (`K`, `G1`, `一年级`)
   */
  readonly grades?: Readonly<Record<string, string>>;
  /**
   * Columns to leave out (a grade the system lacks such as `PK`, a `total`, a repeated label);
   * each is reported in a `wide.column-dropped` note. Any other column that is not the area,
   * year, name or a grade is an error, so that nothing is left out unsaid.
   * @defaultValue none
   */
  readonly drop?: readonly string[];
  /**
   * Texts that mark a missing figure besides an empty cell and a dash (`-`, `—`, `–`), e.g. `["*"]`
   * for suppressed small counts. A missing figure is `pupils: null`, never 0.
   * @defaultValue none
   */
  readonly missing?: readonly string[];
  /** Note written on every record whose figure is missing. @defaultValue none */
  readonly missingNote?: string;
  /**
   * Which grades an area teaches:
   * - `"all"`: every grade column, on every area (areas get no `grades` list);
   * - `"reported"`: the grades with a non-zero, non-missing figure in some year (a source that
   *   writes 0 for grades not taught, as CSDE does). Missing cells in other grades are dropped
   *   with a `wide.not-offered-missing` note; an area with no such grade is dropped
   *   (`wide.area-no-grades`).
   * @defaultValue "all"
   */
  readonly offered?: "all" | "reported";
  /**
   * Areas without a row for every year from the first to the last year of the table, or with a
   * year whose grades are all missing (did not report):
   * - `"keep"`: kept (the dataset check reports the gap);
   * - `"drop"`: dropped with a `wide.area-incomplete` note.
   * @defaultValue "keep"
   */
  readonly incomplete?: "keep" | "drop";
  /**
   * Parent area of every area read (births on a parent area: state births for districts). The
   * parent is added to `areas` (it holds no enrolment). @defaultValue none
   */
  readonly parent?: { readonly id: string; readonly name?: string };
}

/** What `fromWide` returns: tidy records for `parseDataset`, and coded notes of what it did. */
export interface WideResult {
  readonly areas: AreaRecord[];
  readonly enrolment: EnrolmentRecord[];
  /**
   * Coded notes (`wide.column-dropped`, `wide.total-rows`, `wide.missing-kept`,
   * `wide.not-offered-missing`, `wide.area-incomplete`, `wide.area-no-grades`,
   * `wide.grades-not-consecutive`, `wide.zero-in-offered`, `wide.read-as`): everything left out
   * or read by a rule.
   */
  readonly notes: readonly Note[];
}

const TOTAL_WORDS = new Set(["合计", "总计", "总数", "total", "totals", "grandtotal", "sum"]);

function blank(v: WideCell): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

function str(v: WideCell): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

/**
 * Turns a wide table (one row per area and year, one column per grade, as statistical tables,
 * NCES, CSDE and Georgia files publish them) into tidy records: one enrolment record per area,
 * year and grade, and one area per distinct area id. The rules of the source are options (see
 * `WideOptions`): columns to drop, missing markers, which grades an area teaches, incomplete
 * series, a parent area holding births. Figures are read by `readNumber` (`1,234`, `1234人`);
 * years by `readYear`.
 *
 * Nothing is lost silently: every dropped column, total row, missing cell and area is a coded note.
 *
 * @param rows - the table's rows, keyed by header (as `csv-parse` with `columns: true` gives them)
 * @param options - the columns and rules
 * @returns tidy `areas` and `enrolment` for `parseDataset`, and notes
 * @throws DatasetError listing every problem: a column that is neither the area, year, name, a
 *   grade nor dropped; an unreadable figure or year; an area and year given twice
 * @example
 * ```ts
 * const r = fromWide(
 *   [{ state: "Vermont", year: "2010", PK: "1,200", K: "6,000", G1: "6,100" }],
 *   { system: usK12SchoolSystem, area: "state", year: "year", drop: ["PK"] },
 * );
 * r.enrolment[0] // { area: "Vermont", year: 2010, grade: "K", pupils: 6000 }
 * ```
 */
export function fromWide(rows: readonly WideRow[], options: WideOptions): WideResult {
  const ix = indexSystem(options.system);
  const labels = systemLabelIndex(options.system);
  const issues: DataIssue[] = [];
  const notes: Note[] = [];
  const headers: string[] = [];
  for (const r of rows) for (const h of Object.keys(r)) if (!headers.includes(h)) headers.push(h);
  const drop = new Set(options.drop ?? []);
  const missing = new Set((options.missing ?? []).map((m) => m.trim()));
  // Grade columns, in system order.
  const gradeOf = new Map<string, string>();
  if (options.grades) {
    for (const [h, g] of Object.entries(options.grades)) {
      if (!ix.gradeById.has(g)) issues.push(issue("unknown_grade", ["options", "grades", h], `options.grades: ${show(g)} (column ${show(h)}) is not a grade of the ${options.system.id} system (${ix.gradeIds.join(", ")})`));
      else gradeOf.set(h, g);
    }
  } else {
    for (const h of headers) {
      if (drop.has(h) || h === options.area || h === options.year || h === options.name) continue;
      const g = labels.grades.get(normalizeName(h));
      if (g !== undefined) gradeOf.set(h, g);
    }
  }
  for (const key of ["area", "year"] as const) {
    if (!headers.includes(options[key])) issues.push(issue("invalid_type", ["options", key], `options.${key}: no column ${show(options[key])} in the rows (columns: ${headers.map((h) => show(h)).join(", ")})`));
  }
  for (const h of headers) {
    if (h === options.area || h === options.year || h === options.name || drop.has(h) || gradeOf.has(h)) continue;
    issues.push(issue("unknown_field", ["columns", h], `column ${show(h)} is not the area, the year, the name or a grade of the ${options.system.id} system; list it in options.drop to leave it out, or in options.grades to read it as a grade`));
  }
  const gradeCols = [...gradeOf].sort((p, q) => ix.gradeIds.indexOf(p[1]) - ix.gradeIds.indexOf(q[1]));
  if (gradeCols.length === 0 && issues.length === 0) issues.push(issue("invalid_type", ["columns"], `no grade column: no header is a grade of the ${options.system.id} system (${ix.gradeIds.join(", ")}); name them in options.grades`));
  const seenGrade = new Map<string, string>();
  for (const [h, g] of gradeCols) {
    const prev = seenGrade.get(g);
    if (prev !== undefined) issues.push(issue("duplicate", ["columns", h], `columns ${show(prev)} and ${show(h)} both give grade ${g}; drop one`));
    seenGrade.set(g, h);
  }
  if (issues.length) throw new DatasetError(issues);

  // Read every row: area, year, figures (number, null = missing).
  interface Line {
    readonly index: number;
    readonly year: number;
    readonly figures: (number | null)[];
  }
  const byArea = new Map<string, { name?: string; lines: Map<number, Line> }>();
  const totalRows: string[] = [];
  const totalLines: { index: number; row: WideRow }[] = [];
  const readRules = new Map<string, number>();
  let missingKept = 0;
  rows.forEach((r, index) => {
    const area = str(r[options.area]);
    const name = options.name === undefined ? "" : str(r[options.name]);
    if (TOTAL_WORDS.has(normalizeName(area)) || (name !== "" && TOTAL_WORDS.has(normalizeName(name)))) {
      totalRows.push(area !== "" ? area : name);
      totalLines.push({ index, row: r });
      return;
    }
    if (area === "") {
      issues.push(issue("invalid_value", ["rows", index, options.area], `rows[${index}]: column ${show(options.area)} is empty; every row needs an area id`));
      return;
    }
    const yv = r[options.year];
    const y = typeof yv === "number" ? { value: yv } : readYear(str(yv));
    if (!y || !Number.isInteger(y.value)) {
      issues.push(issue("invalid_value", ["rows", index, options.year], `rows[${index}] (area ${area}): year ${show(yv)} is not a school year (2016, 2016年, 2016-17)`));
      return;
    }
    if (y.rule) readRules.set(`year ${y.rule}`, (readRules.get(`year ${y.rule}`) ?? 0) + 1);
    const figures = gradeCols.map(([h]) => {
      const v = r[h];
      if (typeof v === "number") return v;
      if (blank(v) || missing.has(str(v)) || isMissingMark(str(v))) return null;
      const n = readNumber(str(v));
      if (!n || !Number.isFinite(n.value) || n.value < 0 || !Number.isInteger(n.value)) {
        issues.push(issue("invalid_value", ["rows", index, h], `rows[${index}] (area ${area}, year ${y.value}): column ${show(h)}: ${show(v)} is not a count of pupils; give a whole number, or a missing marker${missing.size ? ` (${[...missing].map((m) => show(m)).join(", ")})` : ""}`));
        return null;
      }
      if (n.rule) readRules.set(`figure ${n.rule}`, (readRules.get(`figure ${n.rule}`) ?? 0) + 1);
      return n.value;
    });
    let a = byArea.get(area);
    if (!a) byArea.set(area, (a = { ...(name !== "" ? { name } : {}), lines: new Map() }));
    else if (name !== "" && a.name !== undefined && a.name !== name) issues.push(issue("inconsistent", ["rows", index, options.name!], `rows[${index}]: area ${area} is named ${show(a.name)} and ${show(name)}; give one name per area`));
    if (a.lines.has(y.value)) issues.push(issue("duplicate", ["rows", index], `rows[${index}]: area ${area}, year ${y.value} is given twice (rows[${a.lines.get(y.value)!.index}])`));
    else a.lines.set(y.value, { index, year: y.value, figures });
  });
  if (issues.length) throw new DatasetError(issues);

  for (const h of options.drop ?? []) {
    if (!headers.includes(h)) continue;
    const values = rows.filter((r) => !blank(r[h])).length;
    notes.push(note("wide.column-dropped", { column: h, values }));
  }
  if (totalRows.length) notes.push(note("wide.total-rows", { rows: totalRows.length, labels: [...new Set(totalRows)], ...checkTotals(totalLines, byArea, gradeCols, options, missing) }));
  for (const [k, n] of readRules) notes.push(note("wide.read-as", { what: k.split(" ")[0]!, rule: k.split(" ")[1]!, cells: n }));

  const years = [...byArea.values()].flatMap((a) => [...a.lines.keys()]);
  const first = Math.min(...years);
  const last = Math.max(...years);
  const areas: AreaRecord[] = options.parent ? [{ id: options.parent.id, ...(options.parent.name !== undefined ? { name: { en: options.parent.name } } : {}) }] : [];
  const enrolment: EnrolmentRecord[] = [];
  let zeros = 0;
  const zeroAreas = new Set<string>();
  for (const [area, a] of byArea) {
    const lines = [...a.lines.values()].sort((p, q) => p.year - q.year);
    if (options.incomplete === "drop") {
      const absent: number[] = [];
      for (let y = first; y <= last; y++) if (!a.lines.has(y)) absent.push(y);
      const blankYears = lines.filter((l) => l.figures.every((f) => f === null)).map((l) => l.year);
      if (absent.length || blankYears.length) {
        notes.push(note("wide.area-incomplete", { area, from: first, to: last, absent, blank: blankYears }));
        continue;
      }
    }
    let cols = gradeCols.map((_, k) => k);
    if (options.offered === "reported") {
      cols = cols.filter((k) => lines.some((l) => l.figures[k] !== null && l.figures[k] !== 0));
      if (cols.length === 0) {
        notes.push(note("wide.area-no-grades", { area, from: first, to: last }));
        continue;
      }
      const dropped: string[] = [];
      let cells = 0;
      for (let k = 0; k < gradeCols.length; k++) {
        if (cols.includes(k)) continue;
        const n = lines.filter((l) => l.figures[k] === null && !blank(rows[l.index]![gradeCols[k]![0]])).length;
        if (n) {
          dropped.push(gradeCols[k]![1]);
          cells += n;
        }
      }
      if (cells) notes.push(note("wide.not-offered-missing", { area, grades: dropped, cells }));
      if (cols[cols.length - 1]! - cols[0]! + 1 !== cols.length) notes.push(note("wide.grades-not-consecutive", { area, grades: cols.map((k) => gradeCols[k]![1]) }));
    }
    const grades = cols.map((k) => gradeCols[k]![1]);
    areas.push({
      id: area,
      ...(a.name !== undefined ? { name: { en: a.name } } : {}),
      ...(options.parent ? { parent: options.parent.id } : {}),
      ...(options.offered === "reported" ? { grades } : {}),
    });
    for (const l of lines) {
      for (const k of cols) {
        const pupils = l.figures[k]!;
        if (pupils === null) {
          missingKept++;
          enrolment.push({ area, year: l.year, grade: gradeCols[k]![1], pupils: null, ...(options.missingNote !== undefined ? { note: options.missingNote } : {}) });
        } else {
          if (pupils === 0 && options.offered === "reported") {
            zeros++;
            zeroAreas.add(area);
          }
          enrolment.push({ area, year: l.year, grade: gradeCols[k]![1], pupils });
        }
      }
    }
  }
  if (missingKept) notes.push(note("wide.missing-kept", { cells: missingKept }));
  if (zeros) notes.push(note("wide.zero-in-offered", { cells: zeros, areas: zeroAreas.size }));
  return { areas, enrolment, notes };
}

/**
 * Compares each total row's grade figures with the sums of the area rows of its year: `equal`
 * figures, `differ` (the first three as `year grade: total against sum`), and `unchecked` (a
 * figure of the total or of an area missing).
 */
function checkTotals(
  totals: readonly { index: number; row: WideRow }[],
  byArea: ReadonlyMap<string, { lines: ReadonlyMap<number, { figures: readonly (number | null)[] }> }>,
  gradeCols: readonly (readonly [string, string])[],
  options: WideOptions,
  missing: ReadonlySet<string>,
): { equal: number; differ: string[]; unchecked: number } {
  let equal = 0;
  let unchecked = 0;
  let differing = 0;
  const differ: string[] = [];
  for (const { row } of totals) {
    const yv = row[options.year];
    const y = typeof yv === "number" ? yv : readYear(str(yv))?.value;
    gradeCols.forEach(([h, g], k) => {
      const v = row[h];
      const total = typeof v === "number" ? v : blank(v) || missing.has(str(v)) || isMissingMark(str(v)) ? undefined : readNumber(str(v))?.value;
      const parts = y === undefined ? [] : [...byArea.values()].flatMap((a) => { const l = a.lines.get(y); return l ? [l.figures[k]] : []; });
      if (total === undefined || parts.length === 0 || parts.some((p) => p === null || p === undefined)) {
        unchecked++;
        return;
      }
      const sum = (parts as number[]).reduce((a, b) => a + b, 0);
      if (Math.abs(sum - total) <= 1e-9 * Math.max(1, Math.abs(total))) equal++;
      else if (++differing <= 3) differ.push(`${y} ${g}: ${total} against ${sum}`);
    });
  }
  if (differing > 3) differ.push(`and ${differing - 3} more`);
  return { equal, differ, unchecked };
}
