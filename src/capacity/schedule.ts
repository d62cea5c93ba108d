import type { CapacityRecord, PlannedPlacesRecord, Sector } from "../data/records/capacity.js";
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
  /** Planned changes with baseYear < year available ≤ year, summed. */
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

/** Places per area × stage × year, per sector and in total. */
export interface CapacitySchedule {
  readonly system: SchoolSystem;
  readonly from: number;
  readonly to: number;
  readonly sectors: readonly SectorKey[] | "all";
  readonly rows: readonly PlacesRow[];
  readonly totals: readonly PlacesTotal[];
  /** Records not scheduled or adjusted, in words (nothing is dropped silently). */
  readonly notes: readonly string[];
  readonly standardClassSizes?: StandardClassSizes;
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
 *   earlier ones are taken to be in the capacity record (and listed in `notes` when they come
 *   before every capacity record).
 * - Temporary places count like any other from their year on; their removal must be given as a
 *   negative planned change in the year they go (otherwise they stay).
 * - Places = base + Σ planned; when removals exceed the places, places are held at 0 and a note
 *   says so.
 * - Classes: when the capacity record gives classes, classes = max(0, classes + ⌊Σ planned /
 *   standard⌋) (planned places are organised in classes of the standard size; a removal of part
 *   of a class removes the whole class). Otherwise classes are derived: `derivedClasses(places,
 *   standard)` = ⌊places / standard⌋, at least 1 when there are places.
 * - Planned places for an area and stage with no capacity record are not scheduled (their base
 *   is unknown) and are listed in `notes`; give a capacity record with `places: 0` for a new
 *   provision.
 *
 * @param input - validated records, e.g. a `Dataset`
 * @throws RangeError when `from > to` or a year is not an integer
 * @example
 * ```ts
 * const s = capacitySchedule(dataset, { to: 2030 });
 * s.totals.find((t) => t.area === "jiangcheng" && t.stage === "senior" && t.year === 2025)?.places
 * ```
 */
export function capacitySchedule(input: CapacityInput, options: ScheduleOptions = {}): CapacitySchedule {
  const capacity = input.capacity ?? [];
  const planned = input.plannedPlaces ?? [];
  const notes: string[] = [];
  const key = (a: string, s: string): string => `${a}\u0000${s}`;

  const capBy = new Map<string, CapacityRecord[]>();
  for (const r of capacity) {
    const k = key(r.area, r.stage);
    const list = capBy.get(k);
    if (list) list.push(r);
    else capBy.set(k, [r]);
  }
  const planBy = new Map<string, PlannedPlacesRecord[]>();
  planned.forEach((r, i) => {
    const k = key(r.area, r.stage);
    if (!capBy.has(k)) {
      notes.push(`plannedPlaces[${i}] (area ${r.area}, stage ${r.stage}, year ${r.year}${r.project ? `, project ${r.project}` : ""}): no capacity record for this area and stage, so its places are not scheduled; give a capacity record (places: 0 for a new provision)`);
      return;
    }
    const list = planBy.get(k);
    if (list) list.push(r);
    else planBy.set(k, [r]);
  });

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

  const filter = options.sectors ? new Set<SectorKey>(options.sectors) : undefined;
  const rows: PlacesRow[] = [];
  const totals: PlacesTotal[] = [];
  for (const [k, caps] of capBy) {
    const first = caps[0]!;
    const std = stageStandard(input.system, first.stage, options.standardClassSizes).value;
    const plans = planBy.get(k) ?? [];
    const capYears = [...new Set(caps.map((r) => r.year))].sort((p, q) => p - q);
    const firstCap = capYears[0]!;
    plans.forEach((p) => {
      if (p.year <= firstCap) {
        notes.push(`planned places (area ${p.area}, stage ${p.stage}, year ${p.year}${p.project ? `, project ${p.project}` : ""}): not after the first capacity year ${firstCap}, so taken to be counted in the capacity record already`);
      }
    });
    const sectors = new Set<SectorKey>();
    for (const r of caps) sectors.add(r.sector ?? "unspecified");
    for (const p of plans) sectors.add(p.sector ?? "unspecified");
    const sectorList = [...sectors].sort();
    for (let y = from; y <= to; y++) {
      let b: number | undefined;
      for (const cy of capYears) if (cy <= y) b = cy;
      if (b === undefined) continue;
      const by: Partial<Record<SectorKey, number>> = {};
      let places = 0;
      let classes = 0;
      let derived = false;
      let est = false;
      for (const s of sectorList) {
        if (filter && !filter.has(s)) continue;
        const rec = caps.find((r) => r.year === b && (r.sector ?? "unspecified") === s);
        let cum = 0;
        let counted = false;
        let plannedEst = false;
        for (const p of plans) {
          if ((p.sector ?? "unspecified") !== s || p.year <= b || p.year > y) continue;
          cum += p.places;
          counted = true;
          plannedEst ||= p.provenance === "estimate";
        }
        if (!rec && !counted) continue;
        const base = rec?.places ?? 0;
        let sp = base + cum;
        if (sp < 0) {
          notes.push(`area ${first.area}, stage ${first.stage}, sector ${s}, year ${y}: planned removals (${cum}) exceed the ${base} places; places held at 0`);
          sp = 0;
        }
        const known = rec?.classes !== undefined;
        const cl = known ? Math.max(0, rec!.classes! + Math.floor(cum / std)) : derivedClasses(sp, std);
        const basis = rec?.provenance === "estimate" || plannedEst ? "estimate" : "reported";
        rows.push({ area: first.area, stage: first.stage, year: y, sector: s, places: sp, basePlaces: base, baseYear: b, planned: cum, classes: cl, classesKnown: known, basis });
        by[s] = sp;
        places += sp;
        classes += cl;
        derived ||= !known;
        est ||= basis === "estimate";
      }
      totals.push({ area: first.area, stage: first.stage, year: y, places, classes, classesDerived: derived, basis: est ? "estimate" : "reported", bySector: by });
    }
  }
  return {
    system: input.system,
    from,
    to,
    sectors: options.sectors ? [...options.sectors] : "all",
    rows,
    totals,
    notes,
    ...(options.standardClassSizes ? { standardClassSizes: options.standardClassSizes } : {}),
  };
}
