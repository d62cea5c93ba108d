import type { Forecast } from "../cohort/model.js";
import type { Dataset } from "../data/dataset.js";
import { note, type Note } from "../domain/notes.js";
import type { Sourced } from "../domain/sourced.js";
import { forecastSchools, schoolTotalRecords, type SchoolForecast } from "../schools/model.js";
import { assessSchools, type SchoolAssessmentResult } from "../schools/places.js";
import type { Cell, Table } from "../io/write.js";

/**
 * The command line's school step (issue 16): when the dataset holds schools, the forecast command
 * forecasts every school inside its area's forecast (`forecastSchools`), holds it against its
 * places (`assessSchools`) and writes three tables (English keys, exact numbers; `presentTable`
 * translates them and shows whole pupils):
 *
 * - `school_pupils`: per school and year, pupils (reconciled), the 80% interval, the forecast
 *   before reconciliation and the reconciliation adjustment (pupils − before);
 * - `school_places`: per school and year, places, surplus, utilisation, classes (reported 班数
 *   held, or the standard size), the largest class, classes per class-size band, pupils in
 *   classes over the standard, and the flags (`shortfall`, `surplus-risk`, the bands);
 * - `school_areas`: per area and year, from the schools and never netted: schools short and by
 *   how much, schools under the utilisation floor and their spare places, the net surplus an area
 *   total would show, the share of pupils in classes over the standard, and the sentence
 *   (`schools.mismatch`) where both kinds meet.
 */

/** What the school step gives the forecast command. */
export interface SchoolRun {
  /** `school_pupils`, `school_places`, `school_areas` (English keys, exact numbers). */
  readonly tables: Table[];
  /** The school layer's notes and the step's own (`cli.schools-…`). */
  readonly notes: Note[];
  /** `cli.schools-summary`, for the line on standard error. */
  readonly summary?: Note;
  readonly forecast?: SchoolForecast;
  readonly assessment?: SchoolAssessmentResult;
}

/** Options of `runSchools`. */
export interface SchoolRunOptions {
  /** Utilisation below which a school is under-used. @defaultValue `assessSchools`' default (0.8) */
  readonly utilisationFloor?: Sourced<number> | undefined;
  /** Renders a note in the run's language (the area flags' sentence column). */
  readonly render: (n: Note) => string;
}

const num = (x: number | null | undefined): Cell => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/**
 * Runs the school step on a dataset with schools against the area forecast the run reports
 * (with housing pupils when they were added). Schools whose area has no forecast (no enrolment of
 * its own) are left out with a note; a school forecast that cannot be made (e.g. a history too
 * short) is a note too, and the area tables stand.
 *
 * @param ds - the validated dataset (with `schools`)
 * @param fc - the area forecast (pupils per area, grade and year from the base year)
 * @example
 * ```ts
 * const run = runSchools(ds, forecast(fitModel(ds), { to: 2030 }), { render: (n) => renderNote(n, "en") });
 * run.tables.map((t) => t.name) // ["school_pupils", "school_places", "school_areas"]
 * ```
 */
export function runSchools(ds: Dataset, fc: Forecast, options: SchoolRunOptions): SchoolRun {
  const notes: Note[] = [];
  const all = ds.schools ?? [];
  const forecastAreas = new Set(fc.areas);
  const kept = all.filter((s) => forecastAreas.has(s.area));
  const left = all.filter((s) => !forecastAreas.has(s.area));
  if (left.length) notes.push(note("cli.schools-no-forecast", { schools: left.map((s) => s.id), areas: [...new Set(left.map((s) => s.area))] }));
  if (kept.length === 0) return { tables: [], notes };
  const keptIds = new Set(kept.map((s) => s.id));
  const sub: Dataset = left.length
    ? {
        ...ds,
        schools: kept,
        schoolEnrolment: (ds.schoolEnrolment ?? []).filter((r) => keptIds.has(r.school)),
        schoolPlaces: (ds.schoolPlaces ?? []).filter((r) => keptIds.has(r.school)),
        plannedPlaces: (ds.plannedPlaces ?? []).filter((r) => r.school === undefined || keptIds.has(r.school)),
      }
    : ds;
  let sf: SchoolForecast;
  try {
    sf = forecastSchools(sub, fc);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    notes.push(note("cli.schools-failed", { reason: e.message }));
    return { tables: [], notes };
  }
  const a = assessSchools(sf, sub, options.utilisationFloor ? { utilisationFloor: options.utilisationFloor } : {});
  notes.push(...collapseUnallocated(sf.notes), ...a.notes);

  const base = sf.years[0]!;
  const kind = (y: number): string => (y === base ? "actual" : "forecast");
  const totals = schoolTotalRecords(sf);
  const pupils: Table = {
    name: "school_pupils",
    columns: ["school", "area", "year", "pupils", "lower80", "upper80", "raw", "adjustment", "kind"],
    rows: totals.map((r): Cell[] => [r.school, r.area, r.year, num(r.pupils), num(r.lower), num(r.upper), num(r.raw), num(r.adjustment), kind(r.year)]),
  };
  const bandIds = ds.system.classSizeBands.map((b) => b.id);
  const floor = a.utilisationFloor.value;
  const places: Table = {
    name: "school_places",
    columns: ["school", "area", "year", "pupils", "kind", "places", "surplus", "utilisation", "classes", "classes_basis", "largest_class_size", ...bandIds.map((b) => `classes_${b}`), "pupils_over_standard", "flags"],
    rows: a.rows.map((r): Cell[] => {
      const taught = taughtGrades(sf, r.school, r.year);
      const basis = r.reportedGrades.length === 0 ? "standard" : r.reportedGrades.length >= taught ? "reported" : "mixed";
      const flags = [
        ...(r.surplus !== null && r.surplus < 0 ? ["shortfall"] : []),
        ...(r.surplus !== null && r.surplus >= 0 && r.utilisation !== null && r.utilisation < floor ? ["surplus-risk"] : []),
        ...bandIds.filter((b) => (r.bands[b] ?? 0) > 0),
      ];
      return [
        r.school, r.area, r.year, num(r.pupils), kind(r.year), num(r.places), num(r.surplus), num(r.utilisation), r.classes, basis, num(r.largestClass),
        ...bandIds.map((b) => r.bands[b] ?? 0), num(r.pupilsOverStandard), flags.join(" "),
      ];
    }),
  };
  const mismatch = new Map(a.notes.filter((n) => n.code === "schools.mismatch").map((n) => [`${String(n.params.area)}\u0000${String(n.params.year)}`, n]));
  const areas: Table = {
    name: "school_areas",
    columns: ["area", "year", "kind", "schools", "schools_short", "short_by", "schools_under_used", "spare_in_under_used", "net_surplus", "pupils", "pupils_over_standard", "share_over_standard", "summary"],
    rows: a.areas.map((r): Cell[] => {
      const m = mismatch.get(`${r.area}\u0000${r.year}`);
      return [r.area, r.year, kind(r.year), r.schools, r.schoolsShort, num(r.shortBy), r.schoolsUnderUsed, num(r.spareInUnderUsed), num(r.netSurplus), num(r.pupils), num(r.pupilsOverStandard), num(r.shareOverStandard), m ? options.render(m) : ""];
    }),
  };
  // The headline: the forecast year with the most places short over all areas (the last year when none is short).
  const withPlaces = (ds.schoolPlaces?.length ?? 0) > 0 || (ds.plannedPlaces ?? []).some((p) => p.school !== undefined);
  let summary: Note;
  if (withPlaces) {
    let best = { year: sf.years[sf.years.length - 1]!, shortBy: 0 };
    for (const y of sf.years.slice(1)) {
      const s = a.areas.filter((r) => r.year === y).reduce((t, r) => t + r.shortBy, 0);
      if (s > best.shortBy) best = { year: y, shortBy: s };
    }
    const at = a.areas.filter((r) => r.year === best.year);
    const sum = (f: (r: (typeof at)[number]) => number): number => at.reduce((t, r) => t + f(r), 0);
    summary = note("cli.schools-summary", { schools: kept.length, to: fc.to, year: best.year, short: sum((r) => r.schoolsShort), shortBy: sum((r) => r.shortBy), underUsed: sum((r) => r.schoolsUnderUsed), spare: sum((r) => r.spareInUnderUsed), floor });
  } else summary = note("cli.schools-summary", { schools: kept.length, to: fc.to });
  return { tables: [pupils, places, areas], notes, summary, forecast: sf, assessment: a };
}

/** How many grades a school teaches in a year of the forecast (the panel's offered grades). */
function taughtGrades(sf: SchoolForecast, school: string, year: number): number {
  const { panel } = sf;
  const s = panel.schools.indexOf(school);
  const G = panel.grades.length;
  const Y = panel.baseYear - panel.firstYear + 1;
  const T = Y + sf.years.length - 1;
  let k = 0;
  for (let g = 0; g < G; g++) if (panel.offered[(s * G + g) * T + Y - 1 + year - panel.baseYear]) k++;
  return k;
}

/**
 * The school layer's `schools.unallocated` notes (one per area, grade and year) as one note per
 * area (`cli.schools-unallocated`): the grades, the years and the largest yearly sum; the
 * other notes as they are.
 */
function collapseUnallocated(notes: readonly Note[]): Note[] {
  const out: Note[] = [];
  const byArea = new Map<string, { grades: string[]; from: number; to: number; byYear: Map<number, number> }>();
  for (const n of notes) {
    if (n.code !== "schools.unallocated") {
      out.push(n);
      continue;
    }
    const area = String(n.params.area);
    const year = Number(n.params.year);
    const g = String(n.params.grade);
    let e = byArea.get(area);
    if (!e) byArea.set(area, (e = { grades: [], from: year, to: year, byYear: new Map() }));
    if (!e.grades.includes(g)) e.grades.push(g);
    e.from = Math.min(e.from, year);
    e.to = Math.max(e.to, year);
    e.byYear.set(year, (e.byYear.get(year) ?? 0) + Number(n.params.pupils));
  }
  for (const [area, e] of byArea) out.push(note("cli.schools-unallocated", { area, grades: e.grades, from: e.from, to: e.to, pupils: Math.max(...e.byYear.values()) }));
  return out;
}
