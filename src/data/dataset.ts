import type { SchoolSystem } from "../domain/schoolSystem.js";
import { parseISO } from "date-fns";
import { firstSchoolYearOccupied } from "../domain/schoolYear.js";
import { indexSystem } from "../domain/systemIndex.js";
import { clip, closest, DatasetError, didYouMean, issue, isReservedId, show, type DataIssue, type IssueCode, type IssuePath, type Result } from "./issues.js";
import { areasTable, type AreaRecord } from "./records/areas.js";
import { birthsTable, type BirthRecord } from "./records/births.js";
import { capacityTable, plannedPlacesTable, type CapacityRecord, type PlannedPlacesRecord } from "./records/capacity.js";
import { enrolmentTable, type EnrolmentRecord } from "./records/enrolment.js";
import { housingTable, type HousingInput, type HousingRecord } from "./records/housing.js";
import { populationTable, type PopulationRecord } from "./records/population.js";
import { staffTable, type StaffRecord } from "./records/staff.js";
import { locate, parseTable, recordAt, recordNote, type Row } from "./records/table.js";
import { note, type Note } from "../domain/notes.js";
import { feedersTable, schoolEnrolmentTable, schoolPlacesTable, schoolsTable, type FeederRecord, type SchoolEnrolmentRecord, type SchoolPlacesRecord, type SchoolRecord } from "./records/schools.js";
import { checkFeeders, checkSchools } from "./schools.js";

/**
 * Input to `parseDataset`: tidy records, one row per area, year and grade. Field names are
 * English; `placecast/node` readers also accept Chinese column headers.
 */
export interface DatasetInput {
  readonly areas: readonly unknown[];
  readonly enrolment: readonly unknown[];
  readonly births?: readonly unknown[];
  /** Existing places per area, stage and base year (optionally per sector); see `CapacityRecord`. */
  readonly capacity?: readonly unknown[];
  /** Planned changes of places from a year on; see `PlannedPlacesRecord`. */
  readonly plannedPlaces?: readonly unknown[];
  /** Dwellings completed per area, past and planned; see `HousingInput`. */
  readonly housing?: readonly unknown[];
  /** Persons by single year of age per area and year (optional; for enrolment rates); see `PopulationRecord`. */
  readonly population?: readonly unknown[];
  /** Staff in post per area, stage and year (optional; for staff demand); see `StaffRecord`. */
  readonly staff?: readonly unknown[];
  /** Schools with their area, grades by year, sector, opening and closing years; see `SchoolRecord`. */
  readonly schools?: readonly unknown[];
  /** Pupils (and classes, 班数) per school, grade and year; see `SchoolEnrolmentRecord`. */
  readonly schoolEnrolment?: readonly unknown[];
  /** Places per school from a year on; see `SchoolPlacesRecord`. */
  readonly schoolPlaces?: readonly unknown[];
  /** Feeder links between schools (whose leavers go on to whose entry grade); see `FeederRecord`. */
  readonly feeders?: readonly unknown[];
}

/** A validated dataset: every record checked, cross-referenced and ordered. */
export interface Dataset {
  readonly system: SchoolSystem;
  readonly areas: readonly AreaRecord[];
  readonly enrolment: readonly EnrolmentRecord[];
  readonly births: readonly BirthRecord[];
  /** Existing places (empty list when the input gave none). */
  readonly capacity?: readonly CapacityRecord[];
  /** Planned changes of places (empty list when the input gave none). */
  readonly plannedPlaces?: readonly PlannedPlacesRecord[];
  /** Completed and planned dwellings, each with its first school year occupied (empty list when the input gave none). */
  readonly housing?: readonly HousingRecord[];
  /** Persons by single year of age (empty list when the input gave none). */
  readonly population?: readonly PopulationRecord[];
  /** Staff in post (empty list when the input gave none). */
  readonly staff?: readonly StaffRecord[];
  /** Schools (empty list when the input gave none). */
  readonly schools?: readonly SchoolRecord[];
  /** Pupils per school, grade and year (empty list when the input gave none). */
  readonly schoolEnrolment?: readonly SchoolEnrolmentRecord[];
  /** Places per school from a year on (empty list when the input gave none). */
  readonly schoolPlaces?: readonly SchoolPlacesRecord[];
  /** Feeder links between schools (empty list when the input gave none). */
  readonly feeders?: readonly FeederRecord[];
  /** First and last school year of enrolment history (the base year of forecasts). */
  readonly firstYear: number;
  readonly baseYear: number;
  /** Non-fatal issues found while parsing. */
  readonly warnings: readonly DataIssue[];
}

const TOP_LEVEL = new Set(["areas", "enrolment", "births", "capacity", "plannedPlaces", "housing", "population", "staff", "schools", "schoolEnrolment", "schoolPlaces", "feeders"]);

/**
 * Validates tidy records against a school system and returns a result instead of throwing.
 *
 * Checks, each reported as a located `DataIssue` (all of them, not just the first):
 * - every field's type and range (counts are non-negative integers; numbers given as text,
 *   NaN and Infinity are refused; unknown fields are reported, never dropped);
 * - area ids are unique and not reserved words (`__proto__`, `constructor`, …); parents exist and
 *   form no cycle; offered grades are grades of the system;
 * - enrolment and births name known areas and grades; a grade the area does not teach is refused;
 *   no duplicate (area, year, grade) or (area, year);
 * - capacity and planned places name known areas and stages; one capacity record per (area,
 *   stage, year, sector); places in 0 classes and closures that add places are refused;
 * - population records name known areas; no duplicate (area, year, age);
 * - staff records name known areas and stages; no duplicate (area, stage, year);
 * - housing names known areas and gives exactly one of `year` and `completionDate` (a date is
 *   mapped to the first school year occupied with the system's cut-off); housing in an area
 *   without enrolment is reported as a warning (it is not forecast);
 * - schools, school enrolment and school places (`checkSchools`): known areas and schools, grade
 *   spans of the system, enrolment only in grades a school teaches that year, no duplicates;
 *   planned places naming a school name one of the same area;
 * - years have no gaps; every offered grade has a record in every year of the area's history
 *   (`pupils: null` states a missing figure); every area's history reaches the base year.
 *
 * Missing data policy: missing (`null`), zero (`0`) and not offered (grade absent from the area's
 * `grades`) are three different things and stay distinct.
 *
 * @param input - tidy records, e.g. from JSON or a CSV reader
 * @param system - the school system the grades belong to
 * @example
 * ```ts
 * const r = safeParseDataset({ areas: [{ id: "a" }], enrolment: [] }, chinaSchoolSystem);
 * if (!r.success) console.log(formatIssues(r.issues));
 * ```
 */
export function safeParseDataset(input: unknown, system: SchoolSystem): Result<Dataset> {
  const issues: DataIssue[] = [];
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    return { success: false, issues: [issue("invalid_type", [], `the dataset must be an object with areas and enrolment, got ${show(input)}`, "error", note("data.not-a-dataset", { got: show(input) }))] };
  }
  const obj = input as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!TOP_LEVEL.has(key)) {
      issues.push(issue("unknown_field", [key], `unknown part of the dataset ${show(key)}; known parts are ${[...TOP_LEVEL].join(", ")}`, "error", note("data.unknown-part", { part: show(key), known: [...TOP_LEVEL] })));
    }
  }
  const areaRows = parseTable(areasTable, obj.areas, issues);
  const enrolRows = parseTable(enrolmentTable, obj.enrolment, issues);
  const birthRows = obj.births === undefined ? [] : parseTable(birthsTable, obj.births, issues);
  const capacityRows = obj.capacity === undefined ? [] : parseTable(capacityTable, obj.capacity, issues);
  const plannedRows = obj.plannedPlaces === undefined ? [] : parseTable(plannedPlacesTable, obj.plannedPlaces, issues);
  const housingRows = obj.housing === undefined ? [] : parseTable(housingTable, obj.housing, issues);
  const populationRows = obj.population === undefined ? [] : parseTable(populationTable, obj.population, issues);
  const staffRows = obj.staff === undefined ? [] : parseTable(staffTable, obj.staff, issues);
  const schoolRows = obj.schools === undefined ? [] : parseTable(schoolsTable, obj.schools, issues);
  const schoolEnrolRows = obj.schoolEnrolment === undefined ? [] : parseTable(schoolEnrolmentTable, obj.schoolEnrolment, issues);
  const schoolPlacesRows = obj.schoolPlaces === undefined ? [] : parseTable(schoolPlacesTable, obj.schoolPlaces, issues);
  const feederRows = obj.feeders === undefined ? [] : parseTable(feedersTable, obj.feeders, issues);

  const areaIds = checkAreas(areaRows, system, issues);
  const refs = new References();
  const span = checkEnrolment(enrolRows, areaRows, areaIds, system, issues, failedKeys(obj.enrolment, enrolRows), refs);
  checkBirths(birthRows, areaIds, issues, refs);
  checkPopulation(populationRows, areaIds, issues);
  checkStaff(staffRows, areaIds, system, issues);
  checkCapacity(capacityRows, plannedRows, areaIds, system, issues, refs);
  const housing = checkHousing(housingRows, areaIds, new Set(enrolRows.map((r) => r.value.area)), system, issues, refs);
  checkSchools(schoolRows, schoolEnrolRows, schoolPlacesRows, plannedRows, areaIds, system, issues);
  checkFeeders(feederRows, schoolRows, issues);
  refs.flush(issues, failedAreas(obj.areas, areaRows));

  if (!span) issues.push(issue("no_enrolment", ["enrolment"], "the dataset has no usable enrolment records; give at least one year of pupils by area and grade", "error", note("data.no-usable-enrolment")));
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length > 0 || !span) {
    return { success: false, issues: errors.concat(issues.filter((i) => i.severity === "warning")) };
  }
  const warnings = issues.filter((i) => i.severity === "warning");
  return {
    success: true,
    warnings,
    data: {
      system,
      areas: areaRows.map((r) => r.value),
      enrolment: enrolRows.map((r) => r.value),
      births: birthRows.map((r) => r.value),
      capacity: capacityRows.map((r) => r.value),
      plannedPlaces: plannedRows.map((r) => r.value),
      housing,
      population: populationRows.map((r) => r.value),
      staff: staffRows.map((r) => r.value),
      schools: schoolRows.map((r) => r.value),
      schoolEnrolment: schoolEnrolRows.map((r) => r.value),
      schoolPlaces: schoolPlacesRows.map((r) => r.value),
      feeders: feederRows.map((r) => r.value),
      firstYear: span.first,
      baseYear: span.last,
      warnings,
    },
  };
}

/**
 * Like `safeParseDataset`, but throws.
 *
 * @throws DatasetError holding every issue found, each with a code, a path and a message
 * @example
 * ```ts
 * const ds = parseDataset(yangjiangInput, chinaSchoolSystem);
 * ds.baseYear // 2020
 * ```
 */
export function parseDataset(input: unknown, system: SchoolSystem): Dataset {
  const r = safeParseDataset(input, system);
  if (!r.success) throw new DatasetError(r.issues);
  return r.data;
}

/**
 * References to areas, grades or stages that do not exist, grouped by the missing value: one
 * issue per value (at its first row, with the count and the first few other rows), not one per
 * row. When the area exists but its record failed its own checks, the issue is one line at that
 * record: the rows that refer to it were not checked.
 */
class References {
  private readonly groups = new Map<string, { code: IssueCode; value: string; path: IssuePath; message: string; detail: Note; rows: Map<string, number[]> }>();

  add(code: IssueCode, value: string, table: string, index: number, path: IssuePath, message: () => string, detail: () => Note): void {
    const key = `${code}\u0000${value}`;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { code, value, path, message: message(), detail: detail(), rows: new Map() }));
    let l = g.rows.get(table);
    if (!l) g.rows.set(table, (l = []));
    l.push(index);
  }

  flush(issues: DataIssue[], failed: ReadonlyMap<string, { index: number; where: string; at: ReturnType<typeof recordAt> }>): void {
    for (const g of this.groups.values()) {
      const rows = [...g.rows].flatMap(([t, l]) => l.map((i) => `${t}[${i}]`));
      const bad = g.code === "unknown_area" ? failed.get(g.value) : undefined;
      if (bad) {
        const counts = [...g.rows].map(([t, l]) => `${t} ${l.length}`).join(", ");
        const detail = note("data.area-failed", { ...bad.at, area: show(g.value), count: rows.length, counts: [...g.rows].flatMap(([t, l]) => [t, l.length]) });
        issues.push(issue("unknown_area", ["areas", bad.index], `${bad.where}: has errors (above), so the ${rows.length} row${rows.length === 1 ? "" : "s"} that refer to area ${show(g.value)} were not checked (${counts})`, "error", detail));
        continue;
      }
      const others = rows.slice(1);
      const tables = [...g.rows.keys()];
      const more = others.length === 0 ? "" : `; so ${others.length === 1 ? "is 1 more" : `are ${others.length} more`} ${tables.length === 1 ? `${tables[0]} ` : ""}row${others.length === 1 ? "" : "s"} (${others.slice(0, 3).join(", ")}${others.length > 3 ? ` and ${others.length - 3} more` : ""})`;
      const firstTable = tables[0]!;
      const detail = others.length === 0 ? g.detail : note(g.detail.code, { ...g.detail.params, more: others.length, moreTable: tables.length === 1 ? firstTable : null, moreIndex: tables.length === 1 ? g.rows.get(firstTable)!.slice(1) : [] });
      issues.push(issue(g.code, g.path, `${g.message}${more}`, "error", detail));
    }
  }
}

/** Area records that failed their own checks (schema or reserved id), by the id they give. */
function failedAreas(raw: unknown, rows: Row<AreaRecord>[]): Map<string, { index: number; where: string; at: ReturnType<typeof recordAt> }> {
  const out = new Map<string, { index: number; where: string; at: ReturnType<typeof recordAt> }>();
  for (const { index, value } of rows) if (isReservedId(value.id)) out.set(value.id, { index, where: locate("areas", index, value, ["id"]), at: recordAt("areas", index, value, ["id"]) });
  if (!Array.isArray(raw)) return out;
  const ok = new Set(rows.map((r) => r.index));
  raw.forEach((rec: unknown, index) => {
    if (ok.has(index) || !rec || typeof rec !== "object") return;
    const id = (rec as Record<string, unknown>).id;
    if (typeof id === "string" && !out.has(id)) out.set(id, { index, where: locate("areas", index, rec, ["id"]), at: recordAt("areas", index, rec, ["id"]) });
  });
  return out;
}

/** The detail of an unknown area: the area and the closest known id. */
function unknownArea(at: ReturnType<typeof recordAt>, area: string, areaIds: Iterable<string>): Note {
  const near = closest(area, areaIds);
  return recordNote("data.unknown-area", at, { area: show(area), near: near === undefined ? null : show(near) });
}

/** Grades an area teaches, in system order. */
export function offeredGrades(area: AreaRecord, system: SchoolSystem): readonly string[] {
  const all = indexSystem(system).gradeIds;
  if (!area.grades) return all;
  const set = new Set(area.grades);
  return all.filter((g) => set.has(g));
}

function checkAreas(rows: Row<AreaRecord>[], system: SchoolSystem, issues: DataIssue[]): Set<string> {
  const ids = new Set<string>();
  const ix = indexSystem(system);
  const byId = new Map<string, AreaRecord>();
  for (const { index, value: a } of rows) {
    const where = locate("areas", index, a, ["id"]);
    const at = recordAt("areas", index, a, ["id"]);
    if (isReservedId(a.id)) {
      issues.push(issue("reserved_id", ["areas", index, "id"], `${where}: the id ${show(a.id)} is a reserved word; choose another id`, "error", recordNote("data.reserved-id", at, { id: show(a.id) })));
      continue;
    }
    if (ids.has(a.id)) {
      issues.push(issue("duplicate", ["areas", index, "id"], `${where}: area id ${show(a.id)} is given twice; ids must be unique`, "error", recordNote("data.duplicate-id", at, { id: show(a.id) })));
      continue;
    }
    ids.add(a.id);
    byId.set(a.id, a);
    const seen = new Set<string>();
    a.grades?.forEach((g, gi) => {
      if (!ix.gradeById.has(g)) {
        issues.push(issue("unknown_grade", ["areas", index, "grades", gi], `${where}: grade ${show(g)} is not a grade of the ${system.id} system (${ix.gradeIds.join(", ")})`, "error", recordNote("data.unknown-grade", at, { grade: show(g), system: system.id, grades: ix.gradeIds })));
      } else if (seen.has(g)) {
        issues.push(issue("duplicate", ["areas", index, "grades", gi], `${where}: grade ${clip(g)} is listed twice`, "error", recordNote("data.grade-listed-twice", at, { grade: clip(g) })));
      }
      seen.add(g);
    });
  }
  for (const { index, value: a } of rows) {
    if (a.parent === undefined || !byId.has(a.id)) continue;
    const where = locate("areas", index, a, ["id"]);
    const at = recordAt("areas", index, a, ["id"]);
    if (!byId.has(a.parent)) {
      const near = closest(a.parent, byId.keys());
      issues.push(issue("unknown_parent", ["areas", index, "parent"], `${where}: parent ${show(a.parent)} is not an area of the dataset; add it to areas (births may be given for it alone)${didYouMean(a.parent, byId.keys())}`, "error", recordNote("data.unknown-parent", at, { parent: show(a.parent), near: near === undefined ? null : show(near) })));
      continue;
    }
    const chain = new Set([a.id]);
    let p: string | undefined = a.parent;
    while (p !== undefined) {
      if (chain.has(p)) {
        issues.push(issue("parent_cycle", ["areas", index, "parent"], `${where}: parents form a cycle (${[...chain, p].join(" → ")})`, "error", recordNote("data.parent-cycle", at, { chain: [...chain, p] })));
        break;
      }
      chain.add(p);
      p = byId.get(p)?.parent;
    }
  }
  return ids;
}

function checkEnrolment(
  rows: Row<EnrolmentRecord>[],
  areaRows: Row<AreaRecord>[],
  areaIds: Set<string>,
  system: SchoolSystem,
  issues: DataIssue[],
  failed: ReadonlySet<string>,
  refs: References,
): { first: number; last: number } | undefined {
  const ix = indexSystem(system);
  const offered = new Map<string, Set<string>>();
  for (const { value: a } of areaRows) if (areaIds.has(a.id)) offered.set(a.id, new Set(offeredGrades(a, system)));
  // area → year → grade → row index, in nested maps: no string key is built per record, and the
  // location text only for records with an issue.
  const yearsByArea = new Map<string, Map<number, Map<string, number>>>();
  for (const { index, value: r } of rows) {
    const where = (): string => locate("enrolment", index, r, enrolmentTable.keyFields);
    const at = (): ReturnType<typeof recordAt> => recordAt("enrolment", index, r, enrolmentTable.keyFields);
    const grades = offered.get(r.area);
    if (!grades) {
      refs.add("unknown_area", r.area, "enrolment", index, ["enrolment", index, "area"], () => `${where()}: area ${show(r.area)} is not in areas; add it there or correct the id${didYouMean(r.area, areaIds)}`, () => unknownArea(at(), r.area, areaIds));
      continue;
    }
    if (!ix.gradeById.has(r.grade)) {
      refs.add("unknown_grade", r.grade, "enrolment", index, ["enrolment", index, "grade"], () => `${where()}: grade ${show(r.grade)} is not a grade of the ${system.id} system (${ix.gradeIds.join(", ")})`, () => recordNote("data.unknown-grade", at(), { grade: show(r.grade), system: system.id, grades: ix.gradeIds }));
      continue;
    }
    if (!grades.has(r.grade)) {
      issues.push(issue("grade_not_offered", ["enrolment", index, "grade"], `${where()}: area ${clip(r.area)} does not teach ${clip(r.grade)} (its grades are ${[...grades].join(", ")}); add ${clip(r.grade)} to the area's grades or drop the record`, "error", recordNote("data.grade-not-offered", at(), { area: clip(r.area), grade: clip(r.grade), grades: [...grades] })));
      continue;
    }
    let years = yearsByArea.get(r.area);
    if (!years) yearsByArea.set(r.area, (years = new Map()));
    let gs = years.get(r.year);
    if (!gs) years.set(r.year, (gs = new Map()));
    const prev = gs.get(r.grade);
    if (prev !== undefined) {
      issues.push(issue("duplicate", ["enrolment", index], `${where()}: duplicates enrolment[${prev}]; give one record per area, year and grade`, "error", recordNote("data.duplicate-record", at(), { prev, by: ["area", "year", "grade"] })));
      continue;
    }
    gs.set(r.grade, index);
  }
  if (yearsByArea.size === 0) return undefined;
  let first = Infinity;
  let last = -Infinity;
  for (const years of yearsByArea.values()) {
    for (const y of years.keys()) {
      first = Math.min(first, y);
      last = Math.max(last, y);
    }
  }
  const parents = new Set(areaRows.map((r) => r.value.parent).filter((p): p is string => p !== undefined));
  for (const { index, value: a } of areaRows) {
    if (!areaIds.has(a.id)) continue;
    const years = yearsByArea.get(a.id);
    if (!years) {
      if (!parents.has(a.id)) {
        issues.push(issue("no_enrolment", ["areas", index], `area ${clip(a.id)} has no enrolment records and contains no other area; it will not be forecast`, "warning", note("data.area-without-enrolment", { area: clip(a.id) })));
      }
      continue;
    }
    const ys = [...years.keys()].sort((p, q) => p - q);
    const y0 = ys[0]!;
    const y1 = ys[ys.length - 1]!;
    for (let y = y0; y <= y1; y++) {
      const gs = years.get(y);
      if (!gs && failed.has(`${a.id}\u0000${y}`)) continue;
      if (!gs) {
        issues.push(issue("year_gap", ["enrolment"], `area ${clip(a.id)}: no enrolment for ${y}, between ${y0} and ${y1}; give the year's records (pupils: null where a figure is missing)`, "error", note("data.enrolment-year-gap", { area: clip(a.id), year: y, first: y0, last: y1 })));
        continue;
      }
      for (const g of offered.get(a.id) ?? []) {
        if (!gs.has(g) && !failed.has(`${a.id}\u0000${y}\u0000${g}`)) {
          issues.push(issue("missing_record", ["enrolment"], `area ${clip(a.id)}, grade ${g}, year ${y}: no record; give pupils (null if the figure is missing), or leave ${g} out of the area's grades if it is not taught`, "error", note("data.missing-record", { area: clip(a.id), grade: g, year: y })));
        }
      }
    }
    if (y1 < last) {
      issues.push(issue("history_ends_early", ["enrolment"], `area ${clip(a.id)}: enrolment ends in ${y1} but the dataset's base year is ${last}; give ${clip(a.id)}'s records up to ${last}`, "error", note("data.history-ends-early", { area: clip(a.id), last: y1, base: last })));
    }
  }
  return { first, last };
}

/**
 * Keys (area, year, grade) and (area, year) of rows that failed their schema: they are already
 * reported, so the completeness checks do not report them again as missing.
 */
function failedKeys(raw: unknown, rows: Row<EnrolmentRecord>[]): Set<string> {
  const keys = new Set<string>();
  if (!Array.isArray(raw)) return keys;
  const ok = new Uint8Array(raw.length);
  for (const r of rows) ok[r.index] = 1;
  raw.forEach((rec: unknown, i) => {
    if (ok[i] || !rec || typeof rec !== "object") return;
    const { area, year, grade } = rec as Record<string, unknown>;
    if (typeof area === "string" && typeof year === "number") {
      keys.add(`${area}\u0000${year}`);
      if (typeof grade === "string") keys.add(`${area}\u0000${year}\u0000${grade}`);
    }
  });
  return keys;
}

function checkBirths(rows: Row<BirthRecord>[], areaIds: Set<string>, issues: DataIssue[], refs: References): void {
  // area → year → row index (nested maps, no string key per record).
  const seen = new Map<string, Map<number, number>>();
  const years = new Map<string, number[]>();
  for (const { index, value: r } of rows) {
    const where = (): string => locate("births", index, r, birthsTable.keyFields);
    const at = (): ReturnType<typeof recordAt> => recordAt("births", index, r, birthsTable.keyFields);
    if (!areaIds.has(r.area)) {
      refs.add("unknown_area", r.area, "births", index, ["births", index, "area"], () => `${where()}: area ${show(r.area)} is not in areas; add it there or correct the id${didYouMean(r.area, areaIds)}`, () => unknownArea(at(), r.area, areaIds));
      continue;
    }
    let byYear = seen.get(r.area);
    if (!byYear) seen.set(r.area, (byYear = new Map()));
    const prev = byYear.get(r.year);
    if (prev !== undefined) {
      issues.push(issue("duplicate", ["births", index], `${where()}: duplicates births[${prev}]; give one record per area and year`, "error", recordNote("data.duplicate-record", at(), { prev, by: ["area", "year"] })));
      continue;
    }
    byYear.set(r.year, index);
    const list = years.get(r.area) ?? [];
    list.push(r.year);
    years.set(r.area, list);
  }
  for (const [area, ys] of years) {
    ys.sort((p, q) => p - q);
    for (let i = 1; i < ys.length; i++) {
      if (ys[i]! !== ys[i - 1]! + 1) {
        issues.push(issue("year_gap", ["births"], `area ${clip(area)}: births jump from ${ys[i - 1]} to ${ys[i]}; births must cover consecutive years (estimate the gap and mark it provenance: "estimate")`, "error", note("data.births-year-gap", { area: clip(area), from: ys[i - 1]!, to: ys[i]! })));
      }
    }
  }
}

/** Population: known areas, one record per (area, year, age). Gaps in ages or years are allowed. */
function checkPopulation(rows: Row<PopulationRecord>[], areaIds: Set<string>, issues: DataIssue[]): void {
  const seen = new Map<string, number>();
  for (const { index, value: r } of rows) {
    const where = locate("population", index, r, populationTable.keyFields);
    const at = recordAt("population", index, r, populationTable.keyFields);
    if (!areaIds.has(r.area)) {
      issues.push(issue("unknown_area", ["population", index, "area"], `${where}: area ${JSON.stringify(r.area)} is not in areas; add it there or correct the id${didYouMean(r.area, areaIds)}`, "error", unknownArea(at, r.area, areaIds)));
      continue;
    }
    const key = `${r.area}\u0000${r.year}\u0000${r.age}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      issues.push(issue("duplicate", ["population", index], `${where}: duplicates population[${prev}]; give one record per area, year and age`, "error", recordNote("data.duplicate-record", at, { prev, by: ["area", "year", "age"] })));
      continue;
    }
    seen.set(key, index);
  }
}

/** Staff: known areas and stages, one record per (area, stage, year). */
function checkStaff(rows: Row<StaffRecord>[], areaIds: Set<string>, system: SchoolSystem, issues: DataIssue[]): void {
  const stages = indexSystem(system).stageById;
  const seen = new Map<string, number>();
  for (const { index, value: r } of rows) {
    const where = locate("staff", index, r, staffTable.keyFields);
    const at = recordAt("staff", index, r, staffTable.keyFields);
    if (!areaIds.has(r.area)) {
      issues.push(issue("unknown_area", ["staff", index, "area"], `${where}: area ${JSON.stringify(r.area)} is not in areas; add it there or correct the id${didYouMean(r.area, areaIds)}`, "error", unknownArea(at, r.area, areaIds)));
      continue;
    }
    if (!stages.has(r.stage)) {
      issues.push(issue("unknown_stage", ["staff", index, "stage"], `${where}: stage ${JSON.stringify(r.stage)} is not a stage of the ${system.id} system (${[...stages.keys()].join(", ")})`, "error", recordNote("data.unknown-stage", at, { stage: show(r.stage), system: system.id, stages: [...stages.keys()] })));
      continue;
    }
    const key = `${r.area}\u0000${r.stage}\u0000${r.year}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      issues.push(issue("duplicate", ["staff", index], `${where}: duplicates staff[${prev}]; give one record per area, stage and year`, "error", recordNote("data.duplicate-record", at, { prev, by: ["area", "stage", "year"] })));
      continue;
    }
    seen.set(key, index);
  }
}

/**
 * Capacity and planned places: known areas and stages; one capacity record per (area, stage,
 * year, sector); classes consistent with places; closures carry negative places.
 */
function checkCapacity(
  rows: Row<CapacityRecord>[],
  planned: Row<PlannedPlacesRecord>[],
  areaIds: Set<string>,
  system: SchoolSystem,
  issues: DataIssue[],
  refs: References,
): void {
  const stages = indexSystem(system).stageById;
  const stageList = [...stages.keys()].join(", ");
  const known = (table: string, index: number, where: string, r: { area: string; stage: string }, at: ReturnType<typeof recordAt>): boolean => {
    if (!areaIds.has(r.area)) {
      refs.add("unknown_area", r.area, table, index, [table, index, "area"], () => `${where}: area ${show(r.area)} is not in areas; add it there or correct the id${didYouMean(r.area, areaIds)}`, () => unknownArea(at, r.area, areaIds));
      return false;
    }
    if (!stages.has(r.stage)) {
      refs.add("unknown_stage", r.stage, table, index, [table, index, "stage"], () => `${where}: stage ${show(r.stage)} is not a stage of the ${system.id} system (${stageList})`, () => recordNote("data.unknown-stage", at, { stage: show(r.stage), system: system.id, stages: [...stages.keys()] }));
      return false;
    }
    return true;
  };
  const seen = new Map<string, number>();
  for (const { index, value: r } of rows) {
    const where = locate("capacity", index, r, capacityTable.keyFields);
    const at = recordAt("capacity", index, r, capacityTable.keyFields);
    if (!known("capacity", index, where, r, at)) continue;
    const key = `${r.area}\u0000${r.stage}\u0000${r.year}\u0000${r.sector ?? ""}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      issues.push(issue("duplicate", ["capacity", index], `${where}: duplicates capacity[${prev}]; give one record per area, stage, year and sector (add the places together)`, "error", recordNote("data.duplicate-record", at, { prev, by: ["area", "stage", "year", "sector"] })));
      continue;
    }
    seen.set(key, index);
    if (r.classes === 0 && r.places > 0) {
      issues.push(issue("inconsistent", ["capacity", index, "classes"], `${where}: ${r.places} places in 0 classes; give the number of classes, or leave classes out when unknown`, "error", recordNote("data.places-in-no-classes", at, { places: r.places })));
    }
  }
  for (const { index, value: r } of planned) {
    const where = locate("plannedPlaces", index, r, plannedPlacesTable.keyFields);
    const at = recordAt("plannedPlaces", index, r, plannedPlacesTable.keyFields);
    if (!known("plannedPlaces", index, where, r, at)) continue;
    if (r.kind === "closure" && r.places > 0) {
      issues.push(issue("inconsistent", ["plannedPlaces", index, "places"], `${where}: a closure removes places, so places must be negative or zero, got ${r.places}`, "error", recordNote("data.closure-adds-places", at, { places: r.places })));
    }
  }
}

/**
 * Housing: known areas, exactly one of `year` and `completionDate`; a date becomes the first
 * school year occupied (`firstSchoolYearOccupied` with the system's cut-off). Returns the records
 * with `year` set, in input order.
 */
function checkHousing(
  rows: Row<HousingInput>[],
  areaIds: Set<string>,
  withEnrolment: ReadonlySet<string>,
  system: SchoolSystem,
  issues: DataIssue[],
  refs: References,
): HousingRecord[] {
  const out: HousingRecord[] = [];
  const warned = new Set<string>();
  for (const { index, value: r } of rows) {
    const where = locate("housing", index, r, housingTable.keyFields);
    const at = recordAt("housing", index, r, housingTable.keyFields);
    if (!areaIds.has(r.area)) {
      refs.add("unknown_area", r.area, "housing", index, ["housing", index, "area"], () => `${where}: area ${show(r.area)} is not in areas; add it there or correct the id${didYouMean(r.area, areaIds)}`, () => unknownArea(at, r.area, areaIds));
      continue;
    }
    if ((r.year === undefined) === (r.completionDate === undefined)) {
      const both = r.year !== undefined;
      issues.push(issue(both ? "inconsistent" : "invalid_value", ["housing", index, both ? "completionDate" : "year"], both
        ? `${where}: gives both year and completionDate; give one of them (year is the first school year occupied)`
        : `${where}: gives neither year nor completionDate; give the first school year occupied (year) or the completion date (completionDate, yyyy-mm-dd)`, "error", recordNote(both ? "data.housing-year-and-date" : "data.housing-no-year", at)));
      continue;
    }
    let year = r.year;
    if (year === undefined) {
      try {
        year = firstSchoolYearOccupied(parseISO(r.completionDate!), system.cutoff.value);
      } catch {
        issues.push(issue("invalid_value", ["housing", index, "completionDate"], `${where}: completionDate ${show(r.completionDate)} does not give a school year between 1800 and 2300`, "error", recordNote("data.housing-bad-date", at, { date: show(r.completionDate) })));
        continue;
      }
    }
    if (!withEnrolment.has(r.area) && !warned.has(r.area)) {
      warned.add(r.area);
      issues.push(issue("no_enrolment", ["housing", index, "area"], `${where}: area ${clip(r.area)} has no enrolment, so it is not forecast and its housing adds no pupils; give the housing of the areas it contains instead`, "warning", recordNote("data.housing-without-enrolment", at, { area: clip(r.area) })));
    }
    out.push({ ...r, year });
  }
  return out;
}
