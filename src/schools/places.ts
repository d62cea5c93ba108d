import { defaultCapacityRules } from "../capacity/assess.js";
import { classesInRange, evenSpread, largestClass, wholePupils } from "../capacity/classes.js";
import type { Dataset } from "../data/dataset.js";
import { note, type Note } from "../domain/notes.js";
import type { Sourced } from "../domain/sourced.js";
import { bandsForStage } from "../domain/systemIndex.js";
import { indexSystem } from "../domain/systemIndex.js";
import { teachesIn } from "./kernel.js";
import type { SchoolForecast } from "./model.js";

/** Options of `assessSchools`. */
export interface SchoolAssessOptions {
  /**
   * Utilisation (pupils / places) below which a school counts as under-used in the area flags.
   * @defaultValue `defaultCapacityRules.utilisationFloor` (0.8, with its source)
   */
  readonly utilisationFloor?: Sourced<number>;
}

/** One school in one year: pupils against places, classes, bands. */
export interface SchoolAssessment {
  readonly school: string;
  readonly area: string;
  readonly year: number;
  readonly pupils: number;
  /**
   * Places from `schoolPlaces` and planned places naming the school; null when none is given;
   * 0 in a year the school teaches no grade (before `opens`, from `closes` on): its places are not
   * counted then (note `schools.closed-places`).
   */
  readonly places: number | null;
  /** places − pupils; null without places. */
  readonly surplus: number | null;
  readonly utilisation: number | null;
  /** Classes over all grades: the base year's reported 班数 per grade where given, else ⌈pupils / standard⌉. */
  readonly classes: number;
  /** Grades whose classes are the reported ones (the others use the standard size). */
  readonly reportedGrades: readonly string[];
  /** The largest class of any grade (even spread inside a grade). */
  readonly largestClass: number;
  /** Classes per class-size band id (`oversized`, `large`, …), summed over grades. */
  readonly bands: Readonly<Record<string, number>>;
  /** Pupils in classes larger than their grade's standard size. */
  readonly pupilsOverStandard: number;
}

/** An area's schools in one year, flagged without netting shortfalls against surpluses. */
export interface AreaSchoolFlags {
  readonly area: string;
  readonly year: number;
  readonly schools: number;
  /** Schools with more pupils than places, and the places they lack in all. */
  readonly schoolsShort: number;
  readonly shortBy: number;
  /** Schools used below the utilisation floor, and their spare places. */
  readonly schoolsUnderUsed: number;
  readonly spareInUnderUsed: number;
  /** The net surplus of the area's schools with places (what an area total would show). */
  readonly netSurplus: number;
  readonly pupils: number;
  readonly pupilsOverStandard: number;
  /** pupilsOverStandard / pupils (0 without pupils). */
  readonly shareOverStandard: number;
}

/** What `assessSchools` returns. */
export interface SchoolAssessmentResult {
  readonly rows: readonly SchoolAssessment[];
  readonly areas: readonly AreaSchoolFlags[];
  /** `schools.mismatch` per area and year with both short and under-used schools; `schools.no-places` per school without places; `schools.closed-places` per school whose places were not counted in the years it teaches no grade. */
  readonly notes: readonly Note[];
  readonly utilisationFloor: Sourced<number>;
}

/**
 * Holds each school's forecast against its places and organises its pupils into classes.
 *
 * Per school s, year t:
 * - places = the latest `schoolPlaces` record of s with year ≤ t, plus planned places naming s
 *   (`plannedPlaces[].school`) with year ≤ t; surplus = places − pupils, utilisation = pupils / places;
 *   in a year s teaches no grade (before `opens`, from `closes` on, or no grade span that year) it
 *   has no places: places = 0, surplus 0, utilisation null, so a closed school is neither short nor
 *   under-used and adds nothing to the area's spare places or net surplus (note
 *   `schools.closed-places` with the years whose places were not counted);
 * - per grade g with n = `wholePupils(P[s,g,t])`: classes c = the 班数 the school reported for g in
 *   the base year when given (held), else ⌈n / standard⌉ (the standard size of g, so no class is
 *   over it); the even spread (`evenSpread`) gives the largest class (`largestClass`), the classes
 *   per band (`classesInRange` for the bands of g's stage) and the pupils in classes over the
 *   standard;
 * Per area and year, from the schools, never netted: schools short (surplus < 0) and by how many
 * places; schools under the utilisation floor and their spare places; the share of pupils in
 * classes over the standard. Both kinds in one area raise the note `schools.mismatch`
 * ("3 schools short by 1,200 places while 14 are under 80% used").
 *
 * @param sf - a school forecast
 * @param ds - its dataset (schools, school enrolment classes, school places, planned places)
 * @param options - the utilisation floor
 * @example
 * ```ts
 * const a = assessSchools(forecastSchools(ds, fc), ds);
 * a.areas.filter((x) => x.schoolsShort > 0 && x.schoolsUnderUsed > 0);
 * ```
 */
export function assessSchools(sf: SchoolForecast, ds: Dataset, options: SchoolAssessOptions = {}): SchoolAssessmentResult {
  const floor = options.utilisationFloor ?? defaultCapacityRules.utilisationFloor;
  if (!(floor.value >= 0 && floor.value <= 1)) throw new RangeError(`assessSchools: utilisationFloor must be a share in [0, 1], got ${floor.value}`);
  const { panel } = sf;
  const ix = indexSystem(ds.system);
  const G = panel.grades.length;
  const W = sf.years.length;
  const Y = panel.baseYear - panel.firstYear + 1;
  const T = Y + W - 1;
  const sIndex = new Map(panel.schools.map((id, i) => [id, i]));
  const gIndex = new Map(panel.grades.map((g, i) => [g, i]));
  const reported = new Float64Array(panel.schools.length * G).fill(NaN);
  for (const r of ds.schoolEnrolment ?? []) {
    if (r.year !== panel.baseYear || r.classes === undefined) continue;
    const s = sIndex.get(r.school);
    const g = gIndex.get(r.grade);
    if (s !== undefined && g !== undefined) reported[s * G + g] = r.classes;
  }
  const placeRecs = new Map<string, { year: number; places: number }[]>();
  for (const r of ds.schoolPlaces ?? []) {
    const l = placeRecs.get(r.school) ?? [];
    l.push({ year: r.year, places: r.places });
    placeRecs.set(r.school, l);
  }
  for (const l of placeRecs.values()) l.sort((a, b) => a.year - b.year);
  const plannedBySchool = new Map<string, { year: number; places: number }[]>();
  for (const r of ds.plannedPlaces ?? []) {
    if (r.school === undefined) continue;
    const l = plannedBySchool.get(r.school) ?? [];
    l.push({ year: r.year, places: r.places });
    plannedBySchool.set(r.school, l);
  }
  const stageBands = new Map(ix.stageIds.map((st) => [st, bandsForStage(ds.system, st)]));
  const bandIds = [...new Set([...stageBands.values()].flatMap((bs) => bs.map((b) => b.id)))];
  const rows: SchoolAssessment[] = [];
  const notes: Note[] = [];
  panel.schools.forEach((id, s) => {
    const area = panel.areas[panel.areaOf[s]!]!;
    const recs = placeRecs.get(id);
    const planned = plannedBySchool.get(id);
    if (!recs && !planned) notes.push(note("schools.no-places", { school: id }));
    const closedYears: number[] = [];
    for (let h = 0; h < W; h++) {
      const year = sf.years[h]!;
      let places: number | null = null;
      if (recs) for (const r of recs) if (r.year <= year) places = r.places;
      if (planned) for (const r of planned) if (r.year <= year) places = Math.max(0, (places ?? 0) + r.places);
      if (!teachesIn(panel, s, Y - 1 + h) && places !== null) {
        if (places > 0) closedYears.push(year);
        places = 0;
      }
      let pupils = 0;
      let classes = 0;
      let largest = 0;
      let over = 0;
      const bands: Record<string, number> = Object.fromEntries(bandIds.map((b) => [b, 0]));
      const rep: string[] = [];
      for (let g = 0; g < G; g++) {
        if (!panel.offered[(s * G + g) * T + Y - 1 + h]) continue;
        const v = sf.pupils[(s * G + g) * W + h]!;
        if (!(v === v)) continue;
        pupils += v;
        const info = ix.grades[g]!;
        const std = info.standardClassSize.value;
        const n = wholePupils(v);
        const rc = reported[s * G + g]!;
        const c = rc === rc ? rc : Math.ceil(n / std);
        if (rc === rc) rep.push(panel.grades[g]!);
        classes += c;
        if (n === 0) continue;
        largest = Math.max(largest, largestClass(v, c));
        if (c === 0) continue;
        const sp = evenSpread(n, c);
        for (const b of stageBands.get(info.stage.id) ?? []) bands[b.id] = bands[b.id]! + classesInRange(sp, b.min, b.max);
        if (sp.largeClasses > 0 && sp.largeSize > std) over += sp.largeClasses * sp.largeSize;
        if (sp.smallClasses > 0 && sp.smallSize > std) over += sp.smallClasses * sp.smallSize;
      }
      rows.push({
        school: id,
        area,
        year,
        pupils,
        places,
        surplus: places === null ? null : places - pupils,
        utilisation: places === null || places === 0 ? null : pupils / places,
        classes,
        reportedGrades: rep,
        largestClass: largest,
        bands,
        pupilsOverStandard: over,
      });
    }
    if (closedYears.length) notes.push(note("schools.closed-places", { school: id, years: closedYears }));
  });
  const areas: AreaSchoolFlags[] = [];
  const byKey = new Map<string, SchoolAssessment[]>();
  for (const r of rows) {
    const k = `${r.area}\u0000${r.year}`;
    const l = byKey.get(k) ?? [];
    l.push(r);
    byKey.set(k, l);
  }
  for (const list of byKey.values()) {
    const { area, year } = list[0]!;
    let short = 0;
    let shortBy = 0;
    let under = 0;
    let spare = 0;
    let net = 0;
    let pupils = 0;
    let over = 0;
    let open = 0;
    for (const r of list) {
      if (r.pupils > 0 || (r.places ?? 0) > 0) open++;
      pupils += r.pupils;
      over += r.pupilsOverStandard;
      if (r.surplus === null) continue;
      net += r.surplus;
      if (r.surplus < 0) {
        short++;
        shortBy -= r.surplus;
      } else if (r.utilisation !== null && r.utilisation < floor.value) {
        under++;
        spare += r.surplus;
      }
    }
    areas.push({ area, year, schools: open, schoolsShort: short, shortBy, schoolsUnderUsed: under, spareInUnderUsed: spare, netSurplus: net, pupils, pupilsOverStandard: over, shareOverStandard: pupils > 0 ? over / pupils : 0 });
    if (short > 0 && under > 0) notes.push(note("schools.mismatch", { area, year, short, shortBy, underUsed: under, spare, floor: floor.value, net }));
  }
  return { rows, areas, notes, utilisationFloor: floor };
}

/** Output of `schoolPlaceFlags`. */
export interface SchoolPlaceFlags {
  /** `surplus[s * W + h]` = places − pupils (NaN where places are unknown). */
  readonly surplus: Float64Array;
  /** Per area and year `[a * W + h]`: schools short, places they lack, schools under the floor, their spare places. */
  readonly short: Int32Array;
  readonly shortBy: Float64Array;
  readonly underUsed: Int32Array;
  readonly spare: Float64Array;
}

/**
 * The typed path of `assessSchools`' places part, for many schools: surplus per school and year
 * and the area counts without netting (schools short and by how much; schools with utilisation
 * below `floor` and their spare places).
 *
 * @param pupils - `pupils[(s * G + g) * W + h]` (a `SchoolProjection`'s)
 * @param places - `places[s * W + h]`, NaN where unknown
 * @example
 * ```ts
 * schoolPlaceFlags(new Float64Array([110, 50]), new Float64Array([100, 100]), new Int32Array([0, 0]), 1, 1, 1, 0.8).short[0] // 1
 * ```
 */
export function schoolPlaceFlags(pupils: Float64Array, places: Float64Array, areaOf: Int32Array, A: number, G: number, W: number, floor: number): SchoolPlaceFlags {
  const S = areaOf.length;
  const surplus = new Float64Array(S * W);
  const short = new Int32Array(A * W);
  const shortBy = new Float64Array(A * W);
  const underUsed = new Int32Array(A * W);
  const spare = new Float64Array(A * W);
  for (let s = 0; s < S; s++) {
    const a = areaOf[s]!;
    for (let h = 0; h < W; h++) {
      let p = 0;
      for (let g = 0; g < G; g++) {
        const v = pupils[(s * G + g) * W + h]!;
        if (v === v) p += v;
      }
      const pl = places[s * W + h]!;
      const sur = pl - p;
      surplus[s * W + h] = sur;
      if (sur < 0) {
        short[a * W + h]!++;
        shortBy[a * W + h]! -= sur;
      } else if (pl > 0 && p / pl < floor) {
        underUsed[a * W + h]!++;
        spare[a * W + h]! += sur;
      }
    }
  }
  return { surplus, short, shortBy, underUsed, spare };
}
