import type { CapacityRecord, PlannedPlacesRecord, Sector } from "../data/records/capacity.js";
import { note, type Note } from "../domain/notes.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import { derivedClasses } from "./classes.js";
import { stageStandard, type StandardClassSizes } from "./rules.js";

/** A sector, or `unspecified` for records that give none. */
export type SectorKey = Sector | "unspecified";

/** What a capacity schedule is built from: validated records (a `Dataset` fits). */
export interface CapacityInput {
  readonly system: SchoolSystem;
  readonly capacity?: readonly CapacityRecord[];
  readonly plannedPlaces?: readonly PlannedPlacesRecord[];
}

/** Options of `capacitySchedule`. */
export interface ScheduleOptions {
  /** First school year. @defaultValue the earliest capacity year */
  readonly from?: number;
  /** Last school year. @defaultValue the latest capacity or planned year */
  readonly to?: number;
  /** Standard class sizes per stage, overriding the system's (used to count classes). */
  readonly standardClassSizes?: StandardClassSizes;
  /** Sectors to count; all when absent. `["public"]` gives public places only. */
  readonly sectors?: readonly SectorKey[];
}

/** Places of one sector in one stage of one area in one school year. */
export interface PlacesRow {
  readonly area: string;
  readonly stage: string;
  readonly year: number;
  readonly sector: SectorKey;
  /** basePlaces + planned (never below 0; see the notes when removals exceed places). */
  readonly places: number;
  /** Places of the capacity record in force (0 when the sector had none that year). */
  readonly basePlaces: number;
  /** School year of the capacity record in force. */
  readonly baseYear: number;
  /** Planned changes with baseYear < year available ≤ year, summed (moves into the sector count +, out of it −). */
  readonly planned: number;
  /** Classes (teaching groups): known ones adjusted by planned places, or derived from places. */
  readonly classes: number;
  /** True when classes come from the capacity record; false when derived from places. */
  readonly classesKnown: boolean;
  /** `estimate` when the capacity record or any planned change counted is an estimate. */
  readonly basis: "reported" | "estimate";
}

/** Places of one stage of one area in one school year, summed over the sectors counted. */
export interface PlacesTotal {
  readonly area: string;
  readonly stage: string;
  readonly year: number;
  readonly places: number;
  readonly classes: number;
  /** True when any sector's classes were derived from places (⌊places / standard⌋). */
  readonly classesDerived: boolean;
  readonly basis: "reported" | "estimate";
  /** Places per sector counted. */
  readonly bySector: Readonly<Partial<Record<SectorKey, number>>>;
}

/**
 * One planned change as the schedule reads it: a project, kept as a project so that a simulated
 * delay can move its year (`simulate`), the schedule's rules then applying to the moved year.
 */
export interface PlannedChange {
  /** Index of the record in `plannedPlaces`. */
  readonly index: number;
  readonly year: number;
  readonly places: number;
  /** Index in `SupplyLine.sectors` of the sector that gains `places` (loses, when negative); −1 when that sector is not counted. */
  readonly to: number;
  /** Index of the sector the places move from (`purchased` / `converted` with `fromSector`); −1 for none or not counted. */
  readonly from: number;
  /** Rows of one project move together: the record's `project`, or a key of its own. */
  readonly project: string;
  readonly estimate: boolean;
  /**
   * True when a simulated delay may move it: an opening (places > 0) after every capacity record
   * of its line. Closures and removals happen on time; changes in or before a capacity year are
   * in that record (observed, not planned).
   */
  readonly mayDelay: boolean;
}

/**
 * The supply of one stage of one area: its capacity records by year and sector, and its planned
 * changes, as `capacitySchedule` reads them. `linePlaces` turns it into places and classes for any
 * year, with or without delays; the schedule's rows and totals and `simulate`'s places are that
 * function's values.
 */
export interface SupplyLine {
  readonly area: string;
  readonly stage: string;
  /** Standard class size of the stage (places per class for planned places and derived classes). */
  readonly standard: number;
  /** Sectors of the line (counted ones only, with `ScheduleOptions.sectors`), sorted. */
  readonly sectors: readonly SectorKey[];
  /** School years with capacity records, ascending. */
  readonly capacityYears: readonly number[];
  /** Places of capacity year c and sector s at [c · S + s] (S = sectors); NaN where the sector has no record that year. */
  readonly basePlaces: Float64Array;
  /** Known classes at [c · S + s]; NaN where unknown or no record. */
  readonly baseClasses: Float64Array;
  /** 1 where that record is an estimate. */
  readonly baseEstimate: Uint8Array;
  readonly changes: readonly PlannedChange[];
}

/** Places per area × stage × year, per sector and in total. */
export interface CapacitySchedule {
  readonly system: SchoolSystem;
  readonly from: number;
  readonly to: number;
  readonly sectors: readonly SectorKey[] | "all";
  readonly rows: readonly PlacesRow[];
  readonly totals: readonly PlacesTotal[];
  /** The supply lines the rows come from, one per area × stage with a capacity record. */
  readonly lines: readonly SupplyLine[];
  /**
   * Records not scheduled or adjusted, as coded notes (nothing is dropped silently); texts in
   * `report/notes/supply.ts`. Codes: `schedule.planned-without-capacity`,
   * `schedule.planned-already-counted`, `schedule.removals-exceed-places`,
   * `schedule.move-without-source`.
   */
  readonly notes: readonly Note[];
  readonly standardClassSizes?: StandardClassSizes;
}

/** Scratch of `linePlaces`: per sector of the line. */
export interface LineScratch {
  /** Σ planned places counted, per sector. */
  readonly cum: Float64Array;
  /** 1 where some planned change counted for the sector. */
  readonly counted: Uint8Array;
  /** 1 where a counted planned change is an estimate. */
  readonly estimate: Uint8Array;
}

/** A scratch for `linePlaces` on a line. */
export function lineScratch(line: SupplyLine): LineScratch {
  const S = line.sectors.length;
  return { cum: new Float64Array(S), counted: new Uint8Array(S), estimate: new Uint8Array(S) };
}

/**
 * The planned changes of a line that count in school year `year`, per sector, into `scratch`;
 * returns the index of the capacity year in force (−1: before the first capacity record, no
 * places known). A change counts when b < year' ≤ `year`, with b the capacity year in force and
 * year' the change's year moved by `delay(i)` (i its index in `line.changes`; no delay when
 * absent); a purchase or conversion counts +places in its sector and −places in `fromSector`.
 */
export function linePlanned(line: SupplyLine, year: number, scratch: LineScratch, delay?: (i: number) => number): number {
  const ys = line.capacityYears;
  let c = -1;
  for (let i = 0; i < ys.length && ys[i]! <= year; i++) c = i;
  if (c < 0) return -1;
  const b = ys[c]!;
  const { cum, counted, estimate } = scratch;
  cum.fill(0);
  counted.fill(0);
  estimate.fill(0);
  const ch = line.changes;
  for (let i = 0; i < ch.length; i++) {
    const p = ch[i]!;
    const y = delay && p.mayDelay ? p.year + delay(i) : p.year;
    if (y <= b || y > year) continue;
    if (p.to >= 0) {
      cum[p.to] = cum[p.to]! + p.places;
      counted[p.to] = 1;
      if (p.estimate) estimate[p.to] = 1;
    }
    if (p.from >= 0) {
      cum[p.from] = cum[p.from]! - p.places;
      counted[p.from] = 1;
      if (p.estimate) estimate[p.from] = 1;
    }
  }
  return c;
}

/**
 * Places of sector s of a line after `linePlanned` (capacity year index c): base + Σ planned,
 * held at 0 when removals exceed the places; NaN when the sector has neither a record that year
 * nor a planned change counted (no row).
 */
export function sectorPlaces(line: SupplyLine, c: number, s: number, scratch: LineScratch): number {
  const S = line.sectors.length;
  const base = line.basePlaces[c * S + s]!;
  const has = base === base;
  if (!has && !scratch.counted[s]) return NaN;
  const sp = (has ? base : 0) + scratch.cum[s]!;
  return sp < 0 ? 0 : sp;
}

/**
 * Classes of sector s with `places` places (`sectorPlaces`): known classes adjusted by whole
 * standard classes, max(0, classes + ⌊Σ planned / standard⌋) (a removal of part of a class removes
 * the whole class), or `derivedClasses(places, standard)` when the record gives none.
 */
export function sectorClasses(line: SupplyLine, c: number, s: number, places: number, scratch: LineScratch): number {
  const known = line.baseClasses[c * line.sectors.length + s]!;
  if (known === known) return Math.max(0, known + Math.floor(scratch.cum[s]! / line.standard));
  return derivedClasses(places, line.standard);
}

/**
 * Places and classes of a line in school year `year`, summed over its sectors, each planned
 * change's year moved by `delay(i)`; false when no places are known that year (before the first
 * capacity record). The schedule's totals are its values with no delay.
 *
 * @example
 * ```ts
 * const line = capacitySchedule(ds).lines[0]!;
 * const out = { places: 0, classes: 0 };
 * linePlaces(line, 2025, lineScratch(line), out) && out.places
 * ```
 */
export function linePlaces(line: SupplyLine, year: number, scratch: LineScratch, out: { places: number; classes: number }, delay?: (i: number) => number): boolean {
  const c = linePlanned(line, year, scratch, delay);
  if (c < 0) return false;
  let places = 0;
  let classes = 0;
  for (let s = 0; s < line.sectors.length; s++) {
    const sp = sectorPlaces(line, c, s, scratch);
    if (sp !== sp) continue;
    places += sp;
    classes += sectorClasses(line, c, s, sp, scratch);
  }
  out.places = places;
  out.classes = classes;
  return true;
}

/**
 * The supply lines of validated records: one per area × stage with a capacity record, and the
 * notes on planned records that no line takes.
 *
 * @throws RangeError when a record's stage is not a stage of the system
 */
export function supplyLines(input: CapacityInput, options: Pick<ScheduleOptions, "standardClassSizes" | "sectors"> = {}): { lines: SupplyLine[]; notes: Note[] } {
  const capacity = input.capacity ?? [];
  const planned = input.plannedPlaces ?? [];
  const notes: Note[] = [];
  const filter = options.sectors ? new Set<SectorKey>(options.sectors) : undefined;
  // Grouped by area, then stage, in nested maps: no string key built per record.
  const capBy = new Map<string, Map<string, CapacityRecord[]>>();
  for (const r of capacity) {
    let a = capBy.get(r.area);
    if (!a) capBy.set(r.area, (a = new Map()));
    const list = a.get(r.stage);
    if (list) list.push(r);
    else a.set(r.stage, [r]);
  }
  const planBy = new Map<string, Map<string, number[]>>();
  planned.forEach((r, i) => {
    if (!capBy.get(r.area)?.has(r.stage)) {
      notes.push(note("schedule.planned-without-capacity", { index: i, area: r.area, stage: r.stage, year: r.year, project: r.project ?? null, places: r.places }));
      return;
    }
    let a = planBy.get(r.area);
    if (!a) planBy.set(r.area, (a = new Map()));
    const list = a.get(r.stage);
    if (list) list.push(i);
    else a.set(r.stage, [i]);
  });

  const lines: SupplyLine[] = [];
  for (const [area, stages] of capBy) {
    for (const [stage, caps] of stages) {
      const std = stageStandard(input.system, stage, options.standardClassSizes).value;
      const plans = planBy.get(area)?.get(stage) ?? [];
      const capYears = [...new Set(caps.map((r) => r.year))].sort((p, q) => p - q);
      const firstCap = capYears[0]!;
      const lastCap = capYears[capYears.length - 1]!;
      const all = new Set<SectorKey>();
      for (const r of caps) all.add(r.sector ?? "unspecified");
      for (const i of plans) {
        const p = planned[i]!;
        all.add(p.sector ?? "unspecified");
        if (isMove(p) && p.fromSector) all.add(p.fromSector);
      }
      const sectors = [...all].filter((s) => !filter || filter.has(s)).sort();
      const S = sectors.length;
      const sIndex = new Map(sectors.map((s, i) => [s, i]));
      const basePlaces = new Float64Array(capYears.length * S).fill(NaN);
      const baseClasses = new Float64Array(capYears.length * S).fill(NaN);
      const baseEstimate = new Uint8Array(capYears.length * S);
      for (const r of caps) {
        const s = sIndex.get(r.sector ?? "unspecified");
        if (s === undefined) continue;
        const k = capYears.indexOf(r.year) * S + s;
        // Two records of one year and sector add up (validation keys them by sector, so this is
        // rare: records of one sector split by school, say).
        basePlaces[k] = (basePlaces[k]! === basePlaces[k]! ? basePlaces[k]! : 0) + r.places;
        if (r.classes !== undefined) baseClasses[k] = (baseClasses[k]! === baseClasses[k]! ? baseClasses[k]! : 0) + r.classes;
        if (r.provenance === "estimate") baseEstimate[k] = 1;
      }
      const changes: PlannedChange[] = [];
      for (const i of plans) {
        const p = planned[i]!;
        if (p.year <= firstCap) {
          notes.push(note("schedule.planned-already-counted", { index: i, area, stage, year: p.year, project: p.project ?? null, capacityYear: firstCap }));
        }
        const move = isMove(p);
        if (move && !p.fromSector) notes.push(note("schedule.move-without-source", { index: i, area, stage, year: p.year, kind: p.kind ?? null, places: p.places }));
        changes.push({
          index: i,
          year: p.year,
          places: p.places,
          to: sIndex.get(p.sector ?? "unspecified") ?? -1,
          from: move && p.fromSector ? (sIndex.get(p.fromSector) ?? -1) : -1,
          project: p.project !== undefined ? `p\u0000${p.project}` : `r\u0000${i}`,
          estimate: p.provenance === "estimate",
          mayDelay: p.places > 0 && p.year > lastCap,
        });
      }
      lines.push({ area, stage, standard: std, sectors, capacityYears: capYears, basePlaces, baseClasses, baseEstimate, changes });
    }
  }
  return { lines, notes };
}

/** A purchase or conversion: places that change sector. */
function isMove(p: PlannedPlacesRecord): boolean {
  return p.kind === "purchased" || p.kind === "converted";
}

/**
 * Places per area × stage × year (and per sector) from capacity records and planned changes.
 *
 * Rules:
 * - A capacity record counts the places that exist in its school year. For year y the record in
 *   force is the latest one with year ≤ y (per area and stage); years before an area's first
 *   capacity record have no places known and no row.
 * - Planned changes are cumulative: a change of year t adds its `places` (negative for closures
 *   and removals) to every year from t on. Only changes after the capacity year in force count;
 *   earlier ones are taken to be in the capacity record (and noted,
 *   `schedule.planned-already-counted`, when they come before every capacity record).
 * - `purchased` and `converted` places with a `fromSector` move places: +places in `sector`,
 *   −places in `fromSector`, the total unchanged (with `sectors` given, only the counted side
 *   shows). Without a `fromSector` they are added like new places, with a note
 *   (`schedule.move-without-source`).
 * - Temporary places count like any other from their year on; their removal must be given as a
 *   negative planned change in the year they go (otherwise they stay).
 * - Places = base + Σ planned per sector; when removals exceed a sector's places, its places are
 *   held at 0 and a note says so (`schedule.removals-exceed-places`, once per area, stage and
 *   sector, with the years).
 * - Classes: when the capacity record gives classes, classes = max(0, classes + ⌊Σ planned /
 *   standard⌋) (planned places are organised in classes of the standard size; a removal of part
 *   of a class removes the whole class). Otherwise classes are derived: `derivedClasses(places,
 *   standard)` = ⌊places / standard⌋, at least 1 when there are places.
 * - Planned places for an area and stage with no capacity record are not scheduled (their base
 *   is unknown) and are noted (`schedule.planned-without-capacity`); give a capacity record with
 *   `places: 0` for a new provision.
 * The same rules, with planned years moved by simulated delays, give `simulate`'s places
 * (`linePlaces` on `lines`).
 *
 * @param input - validated records, e.g. a `Dataset`
 * @throws RangeError when `from > to`, a year is not an integer, or a record's stage is not a stage of the system
 * @example
 * ```ts
 * const s = capacitySchedule(dataset, { to: 2030 });
 * s.totals.find((t) => t.area === "jiangcheng" && t.stage === "senior" && t.year === 2025)?.places
 * ```
 */
export function capacitySchedule(input: CapacityInput, options: ScheduleOptions = {}): CapacitySchedule {
  const capacity = input.capacity ?? [];
  const planned = input.plannedPlaces ?? [];
  let from = options.from;
  let to = options.to;
  // Loops, not Math.min(...list): national inputs exceed the argument limit of a spread call.
  if (from === undefined) {
    from = capacity.length ? Infinity : 0;
    for (const r of capacity) if (r.year < from) from = r.year;
  }
  if (to === undefined) {
    to = from;
    for (const r of capacity) if (r.year > to) to = r.year;
    for (const r of planned) if (r.year > to) to = r.year;
  }
  if (!Number.isInteger(from) || !Number.isInteger(to)) throw new RangeError(`capacitySchedule: from and to must be integer school years, got ${from} and ${to}`);
  if (from > to) throw new RangeError(`capacitySchedule: from (${from}) is after to (${to})`);

  const { lines, notes } = supplyLines(input, options);
  const rows: PlacesRow[] = [];
  const totals: PlacesTotal[] = [];
  for (const line of lines) scheduleLine(line, from, to, rows, totals, notes);
  return {
    system: input.system,
    from,
    to,
    sectors: options.sectors ? [...options.sectors] : "all",
    rows,
    totals,
    lines,
    notes,
    ...(options.standardClassSizes ? { standardClassSizes: options.standardClassSizes } : {}),
  };
}

/**
 * The notes of the years from … to that the lines' rules give (`schedule.removals-exceed-places`),
 * without building rows: what `simulate` reports for the lines it reads.
 */
export function lineNotes(lines: readonly SupplyLine[], from: number, to: number): Note[] {
  const notes: Note[] = [];
  for (const line of lines) scheduleLine(line, from, to, undefined, undefined, notes);
  return notes;
}

/** The rows and totals of one line for the years from … to (when asked for), and its notes. */
function scheduleLine(line: SupplyLine, from: number, to: number, rows: PlacesRow[] | undefined, totals: PlacesTotal[] | undefined, notes: Note[]): void {
  const { area, stage, sectors } = line;
  const S = sectors.length;
  const scratch = lineScratch(line);
  // Years a sector's removals exceeded its places, per sector: one note each.
  const clamped: { years: number[]; removed: number; places: number }[] = sectors.map(() => ({ years: [], removed: 0, places: 0 }));
  for (let y = from; y <= to; y++) {
    const c = linePlanned(line, y, scratch);
    if (c < 0) continue;
    const by: Partial<Record<SectorKey, number>> = {};
    let places = 0;
    let classes = 0;
    let derived = false;
    let est = false;
    for (let s = 0; s < S; s++) {
      const sp = sectorPlaces(line, c, s, scratch);
      if (sp !== sp) continue;
      const k = c * S + s;
      const base = line.basePlaces[k]! === line.basePlaces[k]! ? line.basePlaces[k]! : 0;
      const cum = scratch.cum[s]!;
      if (base + cum < 0) {
        const cl = clamped[s]!;
        if (cl.years.length === 0) {
          cl.removed = cum;
          cl.places = base;
        }
        cl.years.push(y);
      }
      if (!rows) continue;
      const known = line.baseClasses[k]! === line.baseClasses[k]!;
      const cl = sectorClasses(line, c, s, sp, scratch);
      const basis = line.baseEstimate[k] === 1 || scratch.estimate[s] === 1 ? "estimate" : "reported";
      const sector = sectors[s]!;
      rows.push({ area, stage, year: y, sector, places: sp, basePlaces: base, baseYear: line.capacityYears[c]!, planned: cum, classes: cl, classesKnown: known, basis });
      by[sector] = sp;
      places += sp;
      classes += cl;
      derived ||= !known;
      est ||= basis === "estimate";
    }
    totals?.push({ area, stage, year: y, places, classes, classesDerived: derived, basis: est ? "estimate" : "reported", bySector: by });
  }
  clamped.forEach((cl, s) => {
    if (cl.years.length) notes.push(note("schedule.removals-exceed-places", { area, stage, sector: sectors[s]!, year: cl.years[0]!, years: cl.years, removed: cl.removed, places: cl.places }));
  });
}
