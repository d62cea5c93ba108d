import type { SchoolSystem } from "../domain/schoolSystem.js";
import { indexSystem } from "../domain/systemIndex.js";
import { clip, issue, show, type DataIssue } from "./issues.js";
import type { PlannedPlacesRecord } from "./records/capacity.js";
import { feedersTable, schoolEnrolmentTable, schoolPlacesTable, schoolsTable, type FeederRecord, type GradeSpan, type SchoolEnrolmentRecord, type SchoolPlacesRecord, type SchoolRecord } from "./records/schools.js";
import { locate, type Row } from "./records/table.js";

/**
 * The grade ids (in system order) a school teaches in school year `year`: the union of its grade
 * spans that cover `year`, and none before `opens` or from `closes` on.
 *
 * @param school - a validated school record
 * @param year - a school year
 * @param gradeIds - the system's grade ids in order
 * @example
 * ```ts
 * schoolGradesIn({ id: "s", area: "a", grades: [{ first: "G1", last: "G2" }], closes: 2020 }, 2019, ["K", "G1", "G2", "G3"]) // ["G1", "G2"]
 * ```
 */
export function schoolGradesIn(school: SchoolRecord, year: number, gradeIds: readonly string[]): string[] {
  if (school.opens !== undefined && year < school.opens) return [];
  if (school.closes !== undefined && year >= school.closes) return [];
  const on = new Set<string>();
  for (const span of school.grades) {
    if ((span.from !== undefined && year < span.from) || (span.to !== undefined && year > span.to)) continue;
    for (const g of spanGrades(span, gradeIds)) on.add(g);
  }
  return gradeIds.filter((g) => on.has(g));
}

function spanGrades(span: GradeSpan, gradeIds: readonly string[]): string[] {
  if (span.list) return span.list.filter((g) => gradeIds.includes(g));
  const i = span.first === undefined ? -1 : gradeIds.indexOf(span.first);
  const j = span.last === undefined ? -1 : gradeIds.indexOf(span.last);
  return i < 0 || j < i ? [] : gradeIds.slice(i, j + 1);
}

/**
 * Checks schools, school enrolment and school places against the areas and the school system,
 * pushing one located issue per problem:
 * - school ids unique and areas known; each grade span gives `first` and `last` (in system order)
 *   or a `list`, of grades of the system, with `from` ≤ `to`; `opens` < `closes`;
 * - school enrolment names a known school and a grade the school teaches that year (outside its
 *   opening years or span the row is refused, never dropped in silence); one record per (school,
 *   year, grade); `classes: 0` with pupils is refused;
 * - school places name a known school, one record per (school, year);
 * - planned places that name a `school` name a known school of the same area.
 */
export function checkSchools(
  schools: readonly Row<SchoolRecord>[],
  enrolment: readonly Row<SchoolEnrolmentRecord>[],
  places: readonly Row<SchoolPlacesRecord>[],
  planned: readonly Row<PlannedPlacesRecord>[],
  areaIds: ReadonlySet<string>,
  system: SchoolSystem,
  issues: DataIssue[],
): void {
  const ix = indexSystem(system);
  const gradeIds = ix.gradeIds;
  const byId = new Map<string, SchoolRecord>();
  for (const { index, value: s } of schools) {
    const where = locate("schools", index, s, schoolsTable.keyFields);
    if (byId.has(s.id)) {
      issues.push(issue("duplicate", ["schools", index, "id"], `${where}: school id ${show(s.id)} is given twice; ids must be unique`));
      continue;
    }
    let ok = true;
    if (!areaIds.has(s.area)) {
      issues.push(issue("unknown_area", ["schools", index, "area"], `${where}: area ${show(s.area)} is not in areas; add it there or correct the id`));
      ok = false;
    }
    if (s.opens !== undefined && s.closes !== undefined && s.closes <= s.opens) {
      issues.push(issue("inconsistent", ["schools", index, "closes"], `${where}: closes ${s.closes} is not after opens ${s.opens}; closes is the first school year without pupils`));
      ok = false;
    }
    s.grades.forEach((span, si) => {
      const path = ["schools", index, "grades", si];
      if (span.from !== undefined && span.to !== undefined && span.to < span.from) {
        issues.push(issue("inconsistent", [...path, "to"], `${where}: grades[${si}] runs from ${span.from} to ${span.to}; to must not be before from`));
        ok = false;
      }
      const hasRange = span.first !== undefined || span.last !== undefined;
      if (hasRange === (span.list !== undefined) || (hasRange && (span.first === undefined || span.last === undefined))) {
        issues.push(issue("invalid_value", path, `${where}: grades[${si}] must give either first and last, or list (e.g. { "first": "P1", "last": "P6" })`));
        ok = false;
        return;
      }
      for (const [k, g] of [["first", span.first], ["last", span.last]] as const) {
        if (g !== undefined && !ix.gradeById.has(g)) {
          issues.push(issue("unknown_grade", [...path, k], `${where}: grades[${si}].${k} ${show(g)} is not a grade of the ${system.id} system (${gradeIds.join(", ")})`));
          ok = false;
        }
      }
      span.list?.forEach((g, gi) => {
        if (!ix.gradeById.has(g)) {
          issues.push(issue("unknown_grade", [...path, "list", gi], `${where}: grades[${si}].list: ${show(g)} is not a grade of the ${system.id} system (${gradeIds.join(", ")})`));
          ok = false;
        }
      });
      if (span.first !== undefined && span.last !== undefined && ix.gradeById.has(span.first) && ix.gradeById.has(span.last) && gradeIds.indexOf(span.last) < gradeIds.indexOf(span.first)) {
        issues.push(issue("inconsistent", [...path, "last"], `${where}: grades[${si}] runs from ${clip(span.first)} to ${clip(span.last)}; last must not come before first in the ${system.id} system`));
        ok = false;
      }
    });
    byId.set(s.id, s);
    if (!ok) byId.set(s.id, { ...s, grades: [] });
  }
  const seen = new Map<string, number>();
  for (const { index, value: r } of enrolment) {
    const where = locate("schoolEnrolment", index, r, schoolEnrolmentTable.keyFields);
    const s = byId.get(r.school);
    if (!s) {
      issues.push(issue("unknown_reference", ["schoolEnrolment", index, "school"], `${where}: school ${show(r.school)} is not in schools; add it there or correct the id`));
      continue;
    }
    if (!ix.gradeById.has(r.grade)) {
      issues.push(issue("unknown_grade", ["schoolEnrolment", index, "grade"], `${where}: grade ${show(r.grade)} is not a grade of the ${system.id} system (${gradeIds.join(", ")})`));
      continue;
    }
    if (s.grades.length > 0 && !schoolGradesIn(s, r.year, gradeIds).includes(r.grade)) {
      issues.push(issue("grade_not_offered", ["schoolEnrolment", index, "grade"], `${where}: school ${clip(r.school)} does not teach ${clip(r.grade)} in ${r.year} (by its grades, opens and closes); correct the school's grade spans or drop the record`));
      continue;
    }
    const key = `${r.school}\u0000${r.year}\u0000${r.grade}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      issues.push(issue("duplicate", ["schoolEnrolment", index], `${where}: duplicates schoolEnrolment[${prev}]; give one record per school, year and grade`));
      continue;
    }
    seen.set(key, index);
    if (r.classes === 0 && r.pupils !== null && r.pupils > 0) {
      issues.push(issue("inconsistent", ["schoolEnrolment", index, "classes"], `${where}: ${r.pupils} pupils in 0 classes; give the number of classes, or leave classes out when unknown`));
    }
  }
  const seenPlaces = new Map<string, number>();
  for (const { index, value: r } of places) {
    const where = locate("schoolPlaces", index, r, schoolPlacesTable.keyFields);
    if (!byId.has(r.school)) {
      issues.push(issue("unknown_reference", ["schoolPlaces", index, "school"], `${where}: school ${show(r.school)} is not in schools; add it there or correct the id`));
      continue;
    }
    const key = `${r.school}\u0000${r.year}`;
    const prev = seenPlaces.get(key);
    if (prev !== undefined) {
      issues.push(issue("duplicate", ["schoolPlaces", index], `${where}: duplicates schoolPlaces[${prev}]; give one record per school and year`));
      continue;
    }
    seenPlaces.set(key, index);
    if (r.classes === 0 && r.places > 0) {
      issues.push(issue("inconsistent", ["schoolPlaces", index, "classes"], `${where}: ${r.places} places in 0 classes; give the number of classes, or leave classes out when unknown`));
    }
  }
  for (const { index, value: r } of planned) {
    if (r.school === undefined) continue;
    const where = locate("plannedPlaces", index, r, ["area", "stage", "year", "school"]);
    const s = byId.get(r.school);
    if (!s) issues.push(issue("unknown_reference", ["plannedPlaces", index, "school"], `${where}: school ${show(r.school)} is not in schools; add it there or correct the id`));
    else if (s.area !== r.area) issues.push(issue("inconsistent", ["plannedPlaces", index, "school"], `${where}: school ${clip(r.school)} stands in area ${clip(s.area)}, not ${clip(r.area)}`));
  }
}

/**
 * Checks feeder links against the schools, pushing one located issue per problem: both schools
 * known, a school does not feed itself, one record per (school, from), and the shares given for
 * one sending school add up to at most 1 (its leavers cannot go on more than once).
 */
export function checkFeeders(feeders: readonly Row<FeederRecord>[], schools: readonly Row<SchoolRecord>[], issues: DataIssue[]): void {
  const ids = new Set(schools.map((r) => r.value.id));
  const seen = new Map<string, number>();
  const shares = new Map<string, { sum: number; index: number }>();
  for (const { index, value: r } of feeders) {
    const where = locate("feeders", index, r, feedersTable.keyFields);
    let ok = true;
    for (const k of ["school", "from"] as const) {
      if (!ids.has(r[k])) {
        issues.push(issue("unknown_reference", ["feeders", index, k], `${where}: school ${show(r[k])} is not in schools; add it there or correct the id`));
        ok = false;
      }
    }
    if (!ok) continue;
    if (r.school === r.from) {
      issues.push(issue("inconsistent", ["feeders", index, "from"], `${where}: school ${clip(r.school)} cannot feed itself; from must be another school`));
      continue;
    }
    const key = `${r.school}\u0000${r.from}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      issues.push(issue("duplicate", ["feeders", index], `${where}: duplicates feeders[${prev}]; give one record per receiving and sending school`));
      continue;
    }
    seen.set(key, index);
    if (r.share !== undefined) {
      const s = shares.get(r.from) ?? { sum: 0, index };
      s.sum += r.share;
      shares.set(r.from, s);
      if (s.sum > 1 + 1e-9) issues.push(issue("inconsistent", ["feeders", index, "share"], `${where}: the shares of school ${clip(r.from)}'s leavers add up to ${s.sum.toFixed(3)}, more than 1; correct the shares`));
    }
  }
}
