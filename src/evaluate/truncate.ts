import type { Dataset } from "../data/dataset.js";
import { offeredGrades } from "../data/dataset.js";

/** Options of `truncateDataset`. */
export interface TruncateOptions {
  /**
   * Births known at the origin, as an offset from it: births of birth-cohort years
   * ≤ origin + `birthsKnownTo` are kept. A cohort of year y is born by the entry cut-off of year
   * y, so at the start of school year t every cohort up to t has been born; registration
   * statistics lag by about a year, but so does the publication of the base-year enrolment the
   * forecast starts from. `0` (the default) therefore matches what a planner holds when the
   * base-year census comes out. Use `-1` for a stricter test, or a large number to treat all
   * births as known (a births scenario that turns out exactly right).
   * @defaultValue 0
   */
  readonly birthsKnownTo?: number;
  /**
   * Housing known at the origin, as an offset from it: records first occupied in school years
   * ≤ origin + `housingKnownTo` are kept. `0` (the default) keeps the completions up to the
   * origin only; a pipeline of planned dwellings was known in part at best, and which part the
   * data do not say. A large number gives the housing component perfect knowledge of what got
   * built (its best case).
   * @defaultValue 0
   */
  readonly housingKnownTo?: number;
  /**
   * Planned changes of places known at the origin, as an offset from it: records from school years
   * ≤ origin + `plannedPlacesKnownTo` are kept (as for housing).
   * @defaultValue 0
   */
  readonly plannedPlacesKnownTo?: number;
}

/** A dataset cut back to an origin year, and the areas left out of it. */
export interface TruncatedDataset {
  readonly dataset: Dataset;
  /** Areas dropped because a taught grade's figure at the origin is missing (the forecast would start from it). */
  readonly excluded: readonly string[];
  /**
   * Grades an area lists but had not yet taught by the origin (no figure other than 0 in any year up
   * to it): left out of the area's grades at the origin, with their records.
   */
  readonly notYetTaught: readonly { readonly area: string; readonly grades: readonly string[] }[];
  /** Areas whose enrolment starts after the origin (and that contain no area kept): left out. */
  readonly notYetRecorded: readonly string[];
}

/**
 * The dataset as it stood at school year `origin`, built only from what was known then:
 * - enrolment of years ≤ origin; base year = origin. Areas with a missing (`null`) figure in a
 *   taught grade at the origin cannot start a forecast and are left out (`excluded`);
 * - each area's grades: the grades it lists that have a figure other than 0 (a count, or `null`
 *   for a figure that exists but is missing) in some year ≤ origin. A grade the area opens later
 *   (all 0 up to the origin) is left out with its records (`notYetTaught`), so the forecast at
 *   the origin does not know of it;
 * - areas: those with enrolment up to the origin and their ancestors (for births); an area whose
 *   enrolment starts later is left out (`notYetRecorded`), with its other records; areas without
 *   enrolment anywhere (births-only parents) stay;
 * - births of years ≤ origin + `birthsKnownTo`; housing first occupied ≤ origin +
 *   `housingKnownTo`; planned places from years ≤ origin + `plannedPlacesKnownTo`; capacity,
 *   population and staff of years ≤ origin.
 * The input is not changed; records are shared, not copied (area records with fewer grades are
 * new objects).
 *
 * @throws RangeError when `origin` is not an integer in [firstYear, baseYear] of the dataset, or
 *   an offset is not an integer
 * @example
 * ```ts
 * const { dataset: at2010 } = truncateDataset(ds, 2010);
 * at2010.baseYear // 2010
 * ```
 */
export function truncateDataset(dataset: Dataset, origin: number, options: TruncateOptions = {}): TruncatedDataset {
  if (!Number.isInteger(origin) || origin < dataset.firstYear || origin > dataset.baseYear) {
    throw new RangeError(`origin must be an integer school year in ${dataset.firstYear}–${dataset.baseYear}, got ${origin}`);
  }
  const offset = (name: "birthsKnownTo" | "housingKnownTo" | "plannedPlacesKnownTo"): number => {
    const v = options[name] ?? 0;
    if (!Number.isInteger(v)) throw new RangeError(`${name} must be an integer, got ${v}`);
    return v;
  };
  const birthsLag = offset("birthsKnownTo");
  const housingLag = offset("housingKnownTo");
  const plannedLag = offset("plannedPlacesKnownTo");
  const missing = new Set<string>();
  const recorded = new Set<string>();
  const laterOnly = new Set<string>();
  // area → grades with a figure other than 0 up to the origin
  const taughtBy = new Map<string, Set<string>>();
  for (const r of dataset.enrolment) {
    if (r.year > origin) {
      laterOnly.add(r.area);
      continue;
    }
    recorded.add(r.area);
    if (r.year === origin && r.pupils === null) missing.add(r.area);
    if (r.pupils !== 0) {
      let s = taughtBy.get(r.area);
      if (!s) taughtBy.set(r.area, (s = new Set()));
      s.add(r.grade);
    }
  }
  const notYetRecorded = [...laterOnly].filter((a) => !recorded.has(a));
  const parentOf = new Map(dataset.areas.map((a) => [a.id, a.parent]));
  const keepAncestors = new Set<string>();
  for (const id of recorded) {
    if (missing.has(id)) continue;
    for (let p = parentOf.get(id); p !== undefined && !keepAncestors.has(p); p = parentOf.get(p)) keepAncestors.add(p);
  }
  const dropped = new Set(notYetRecorded.filter((a) => !keepAncestors.has(a)));
  const notYetTaught: { area: string; grades: string[] }[] = [];
  const areas = dataset.areas.flatMap((a) => {
    if (dropped.has(a.id)) return [];
    if (!recorded.has(a.id) || missing.has(a.id)) return [a];
    const had = taughtBy.get(a.id) ?? new Set<string>();
    const listed = offeredGrades(a, dataset.system);
    const later = listed.filter((g) => !had.has(g));
    if (later.length === 0) return [a];
    notYetTaught.push({ area: a.id, grades: later });
    return [{ ...a, grades: listed.filter((g) => had.has(g)) }];
  });
  const later = new Map(notYetTaught.map((n) => [n.area, new Set(n.grades)]));
  const enrolment = dataset.enrolment.filter((r) => r.year <= origin && !missing.has(r.area) && !later.get(r.area)?.has(r.grade));
  const known = (r: { readonly area: string; readonly year: number }, lag: number): boolean => r.year <= origin + lag && !dropped.has(r.area);
  const truncated: Dataset = {
    ...dataset,
    areas: dropped.size || notYetTaught.length ? areas : dataset.areas,
    enrolment,
    births: dataset.births.filter((b) => known(b, birthsLag)),
    ...(dataset.capacity ? { capacity: dataset.capacity.filter((r) => known(r, 0)) } : {}),
    ...(dataset.plannedPlaces ? { plannedPlaces: dataset.plannedPlaces.filter((r) => known(r, plannedLag)) } : {}),
    ...(dataset.housing ? { housing: dataset.housing.filter((r) => known(r, housingLag)) } : {}),
    ...(dataset.population ? { population: dataset.population.filter((r) => known(r, 0)) } : {}),
    ...(dataset.staff ? { staff: dataset.staff.filter((r) => known(r, 0)) } : {}),
    baseYear: origin,
  };
  return { dataset: truncated, excluded: [...missing], notYetTaught, notYetRecorded: [...dropped] };
}

/**
 * Grades each area of a dataset teaches, as a set of grade ids per area id.
 *
 * @throws never (the dataset is validated)
 * @example
 * ```ts
 * taughtGrades(ds).get("jiangcheng")?.has("P1") // true
 * ```
 */
export function taughtGrades(dataset: Dataset): Map<string, Set<string>> {
  return new Map(dataset.areas.map((a) => [a.id, new Set(offeredGrades(a, dataset.system))]));
}
