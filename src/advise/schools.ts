/**
 * School-level advice: the school layer's simulated paths and places turned into the shapes
 * `advise` takes (one cell per school), and the groups of schools of one area that may share
 * places (the moves lever).
 */
import { capacitySchedule, type CapacitySchedule } from "../capacity/schedule.js";
import type { CapacityRecord, PlannedPlacesRecord } from "../data/records/capacity.js";
import type { SchoolPlacesRecord } from "../data/records/schools.js";
import { note, type Note } from "../domain/notes.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import { indexSystem } from "../domain/systemIndex.js";
import { teachesIn, type SchoolPanel } from "../schools/kernel.js";
import type { SchoolPaths } from "../schools/simulate.js";
import type { SimulatedPaths } from "../uncertainty/simulate/paths.js";

/** What `schoolAdviceInput` needs of a dataset: the system, school places and planned places. */
export interface SchoolSupplyInput {
  readonly system: SchoolSystem;
  readonly schoolPlaces?: readonly SchoolPlacesRecord[];
  readonly plannedPlaces?: readonly PlannedPlacesRecord[];
}

/** `advise`'s input at school level. */
export interface SchoolAdviceInput {
  /** One cell per school: `area` is the school id, `stage` the school's stage (`SchoolAdviceInput.stageOf`). */
  readonly paths: SimulatedPaths;
  /** The places schedule of the schools (a line per school with places or planned places naming it). */
  readonly supply: CapacitySchedule;
  /** The stage each school is advised in: the stage of most of the grades it teaches in the years of the panel. */
  readonly stageOf: ReadonlyMap<string, string>;
  /** The area of each school. */
  readonly areaOf: ReadonlyMap<string, string>;
  /** The schools of each area (two or more), for `MoveLever.groups`: moves between schools of one area. */
  readonly groups: readonly (readonly string[])[];
  /**
   * Coded notes: `advise.school-stages` per school teaching grades of more than one stage (its
   * total is advised in the stage of most of its grades, held against all its places);
   * `advise.school-no-places` per school without places or planned places (not advised);
   * `advise.school-closed` per school whose places were not counted in years it teaches no grade
   * (before it opens, from its closing), or whose planned places fall in such years (left out).
   */
  readonly notes: readonly Note[];
}

/**
 * Turns school paths (`simulateSchools`) and school places into `advise`'s input, one cell per
 * school (area = the school id):
 *
 * - demand: the school's simulated total, `pupils[d · H + h] = paths.totals[(d · S + s) · H + h]`
 *   (the same draw-major layout as `SimulatedCellPaths`);
 * - the school's stage: the stage of most of its grades over the panel's years (ties: the earlier
 *   stage), the standard class size of which sizes its blocks of new places;
 * - supply: its `schoolPlaces` records as capacity records (a later record replaces an earlier
 *   one, as in `assessSchools`) and the planned places naming it (`plannedPlaces[].school`) as
 *   its projects (kept, deferred or cancelled by `advise`); a school with planned places but no
 *   places record starts from 0 places in the panel's base year;
 * - a closed school has no places: in a year it teaches no grade (`panel.offered`: before it
 *   opens, from its closing year on, or no grade span) its places are 0 (as in `assessSchools`),
 *   back to its places record in force when it teaches again; planned places of such a year are
 *   left out (note `advise.school-closed`);
 * - groups: the schools with places of each area, for moves between schools of one area.
 *
 * @param paths - simulated school totals (`simulateSchools(sf, { draws, seed })`)
 * @param sf - the school forecast (its panel: schools, areas, grades offered)
 * @param ds - the dataset's system, school places and planned places
 * @example
 * ```ts
 * const sp = simulateSchools(sf, { draws: 1000, seed: 1 });
 * const input = schoolAdviceInput(sp, sf, ds);
 * const advice = await advise(input.paths, input.supply, { ...estimatedLevers, moves: { …, groups: { value: input.groups, source } } });
 * ```
 */
export function schoolAdviceInput(paths: SchoolPaths, sf: { readonly panel: Pick<SchoolPanel, "schools" | "areas" | "areaOf" | "grades" | "offered" | "firstYear" | "baseYear" | "to"> }, ds: SchoolSupplyInput): SchoolAdviceInput {
  const { panel } = sf;
  const S = panel.schools.length;
  if (paths.schools.length !== S || paths.schools.some((s, i) => s !== panel.schools[i])) throw new RangeError("schoolAdviceInput: the paths' schools differ from the forecast's (simulate the same forecast)");
  const H = paths.years.length;
  if (paths.totals.length !== paths.draws * S * H) throw new RangeError(`schoolAdviceInput: ${paths.totals.length} path values for ${paths.draws} draws × ${S} schools × ${H} years`);
  const ix = indexSystem(ds.system);
  const G = panel.grades.length;
  const T = panel.to - panel.firstYear + 1;
  const stageIndex = panel.grades.map((g) => {
    const info = ix.gradeById.get(g);
    if (!info) throw new RangeError(`schoolAdviceInput: grade ${g} of the panel is not a grade of the school system`);
    return ix.stageIds.indexOf(info.stage.id);
  });
  const notes: Note[] = [];
  const stageOf = new Map<string, string>();
  const areaOf = new Map<string, string>();
  const count = new Float64Array(ix.stageIds.length);
  panel.schools.forEach((id, s) => {
    count.fill(0);
    for (let g = 0; g < G; g++) for (let t = 0; t < T; t++) if (panel.offered[(s * G + g) * T + t]) count[stageIndex[g]!]!++;
    let best = 0;
    for (let k = 1; k < count.length; k++) if (count[k]! > count[best]!) best = k;
    const taught = ix.stageIds.filter((_, k) => count[k]! > 0);
    if (taught.length > 1) notes.push(note("advise.school-stages", { school: id, stage: ix.stageIds[best]!, stages: taught }));
    stageOf.set(id, ix.stageIds[best]!);
    areaOf.set(id, panel.areas[panel.areaOf[s]!]!);
  });

  // Whether school s teaches any grade in a year (years past the panel: as in its last year).
  const teaches = (s: number, year: number): boolean => {
    return teachesIn(panel, s, Math.min(Math.max(year, panel.firstYear), panel.to) - panel.firstYear);
  };
  const schoolIndex = new Map(panel.schools.map((id, s) => [id, s]));
  let to = panel.to;
  for (const r of ds.plannedPlaces ?? []) if (r.school !== undefined && stageOf.has(r.school) && r.year > to) to = r.year;

  const recsBy = new Map<string, SchoolPlacesRecord[]>();
  for (const r of ds.schoolPlaces ?? []) {
    if (!stageOf.has(r.school)) continue;
    const l = recsBy.get(r.school);
    if (l) l.push(r);
    else recsBy.set(r.school, [r]);
  }
  const capacity: CapacityRecord[] = [];
  const hasPlaces = new Set<string>();
  const closedYears = new Map<string, number[]>();
  for (const [id, recs] of recsBy) {
    const s = schoolIndex.get(id)!;
    const stage = stageOf.get(id)!;
    hasPlaces.add(id);
    // A record of a year the school teaches no grade is replaced by 0 places (as in assessSchools).
    for (const r of recs) if (teaches(s, r.year)) capacity.push({ area: id, stage, year: r.year, places: r.places, ...(r.classes !== undefined ? { classes: r.classes } : {}) });
    const sorted = [...recs].sort((a, b) => a.year - b.year);
    const carried = (year: number): SchoolPlacesRecord | undefined => {
      let c: SchoolPlacesRecord | undefined;
      for (const r of sorted) if (r.year <= year) c = r;
      return c;
    };
    const first = Math.min(panel.baseYear, sorted[0]!.year);
    const closed: number[] = [];
    for (let y = first; y <= to; y++) {
      const now = teaches(s, y);
      const before = y > first && teaches(s, y - 1);
      const c = carried(y);
      if (!now && c && c.places > 0 && y >= panel.baseYear) closed.push(y);
      // Closing (or not yet open): 0 places from this year; opening again: its places record in force.
      if (!now && (y === first || before)) capacity.push({ area: id, stage, year: y, places: 0 });
      else if (now && y > first && !before && c && c.year !== y) capacity.push({ area: id, stage, year: y, places: c.places, ...(c.classes !== undefined ? { classes: c.classes } : {}) });
    }
    if (closed.length) closedYears.set(id, closed);
  }
  const planned: PlannedPlacesRecord[] = [];
  const hasPlanned = new Set<string>();
  const leftOut = new Map<string, { year: number; places: number; project: string | null }[]>();
  for (const r of ds.plannedPlaces ?? []) {
    if (r.school === undefined) continue;
    const stage = stageOf.get(r.school);
    if (stage === undefined) continue;
    const { school, area: _area, stage: _stage, ...rest } = r;
    if (!teaches(schoolIndex.get(school)!, r.year)) {
      // Planned places of a year the school teaches no grade: not counted, said in a note.
      const l = leftOut.get(school) ?? [];
      l.push({ year: r.year, places: r.places, project: r.project ?? null });
      leftOut.set(school, l);
      continue;
    }
    planned.push({ ...rest, area: school, stage });
    hasPlanned.add(school);
  }
  for (const id of panel.schools) {
    const yrs = closedYears.get(id);
    const lo = leftOut.get(id);
    if (yrs || lo) notes.push(note("advise.school-closed", { school: id, years: yrs ?? [], plannedYears: (lo ?? []).map((x) => x.year), plannedPlaces: (lo ?? []).reduce((a, x) => a + x.places, 0) }));
  }
  for (const id of hasPlanned) if (!hasPlaces.has(id)) capacity.push({ area: id, stage: stageOf.get(id)!, year: panel.baseYear, places: 0 });
  const advised = (id: string) => hasPlaces.has(id) || hasPlanned.has(id);
  for (const id of panel.schools) if (!advised(id)) notes.push(note("advise.school-no-places", { school: id }));

  const D = paths.draws;
  const cells = panel.schools.map((id, s) => {
    const pupils = new Float64Array(D * H);
    for (let d = 0; d < D; d++) pupils.set(paths.totals.subarray((d * S + s) * H, (d * S + s + 1) * H), d * H);
    return { area: id, stage: stageOf.get(id)!, years: paths.years, pupils, places: new Float64Array(0) };
  });
  const byArea = new Map<string, string[]>();
  for (const id of panel.schools) {
    if (!advised(id)) continue;
    const a = areaOf.get(id)!;
    const l = byArea.get(a);
    if (l) l.push(id);
    else byArea.set(a, [id]);
  }
  return {
    paths: { draws: D, cells: cells.filter((c) => advised(c.area)) },
    supply: capacitySchedule({ system: ds.system, capacity, plannedPlaces: planned }, { from: panel.baseYear, to }),
    stageOf,
    areaOf,
    groups: [...byArea.values()].filter((g) => g.length > 1),
    notes,
  };
}
