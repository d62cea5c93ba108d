import { indexSystem } from "../domain/systemIndex.js";
import type { Dataset } from "./dataset.js";
import type { BirthRecord } from "./records/births.js";
import type { EnrolmentRecord } from "./records/enrolment.js";
import { offeredGrades } from "./dataset.js";

/**
 * A dense cube of values indexed `[area][grade][year]`, stored in one `Float64Array`:
 * `data[(a * grades.length + g) * years.length + y]`. Years are consecutive.
 * `NaN` marks a missing figure inside the library's kernels only; it never reaches an output.
 */
export interface Cube {
  readonly areas: readonly string[];
  readonly grades: readonly string[];
  readonly years: readonly number[];
  readonly data: Float64Array;
}

/** An enrolment cube with the grade span of each area and the estimate flag of each cell. */
export interface EnrolmentCube extends Cube {
  /** `offered[a * G + g]` is 1 when area a teaches grade g. */
  readonly offered: Uint8Array;
  /** `estimated[(a * G + g) * Y + y]` is 1 when the figure is an estimate. */
  readonly estimated: Uint8Array;
}

/**
 * Flat index of cell (a, g, y) in a cube with G grades and Y years.
 *
 * @example
 * ```ts
 * cubeIndex(2, 15, 7, 1, 3, 4) // (1 * 15 + 3) * 7 + 4 = 130
 * ```
 */
export function cubeIndex(_areas: number, grades: number, years: number, a: number, g: number, y: number): number {
  return (a * grades + g) * years + y;
}

/**
 * Builds the enrolment cube of a dataset: areas with enrolment (in dataset order), all grades of
 * the system, years `firstYear..baseYear`. Cells before an area's first year, missing figures
 * (`pupils: null`) and grades not taught are `NaN` / not offered. Built once per dataset and
 * cached: treat the returned arrays as read-only.
 *
 * @example
 * ```ts
 * const cube = enrolmentCube(ds);
 * cube.years.at(-1) === ds.baseYear // true
 * ```
 */
export function enrolmentCube(ds: Dataset): EnrolmentCube {
  const hit = cubeCache.get(ds.enrolment);
  if (hit && hit.areas === ds.areas && hit.system === ds.system) return hit.cube;
  const ix = indexSystem(ds.system);
  const withData = new Set(ds.enrolment.map((r) => r.area));
  const areaRecs = ds.areas.filter((a) => withData.has(a.id));
  const areas = areaRecs.map((a) => a.id);
  const years: number[] = [];
  for (let y = ds.firstYear; y <= ds.baseYear; y++) years.push(y);
  const A = areas.length;
  const G = ix.gradeIds.length;
  const Y = years.length;
  const data = new Float64Array(A * G * Y).fill(NaN);
  const estimated = new Uint8Array(A * G * Y);
  const offered = new Uint8Array(A * G);
  const aIndex = new Map(areas.map((id, i) => [id, i]));
  areaRecs.forEach((a, ai) => {
    for (const g of offeredGrades(a, ds.system)) offered[ai * G + ix.gradeById.get(g)!.index] = 1;
  });
  let lastArea = "";
  let a = -1;
  for (const r of ds.enrolment) {
    if (r.area !== lastArea) {
      lastArea = r.area;
      a = aIndex.get(r.area)!;
    }
    const g = ix.gradeById.get(r.grade)!.index;
    const k = (a * G + g) * Y + (r.year - ds.firstYear);
    data[k] = r.pupils === null ? NaN : r.pupils;
    if (r.provenance === "estimate") estimated[k] = 1;
  }
  const cube: EnrolmentCube = { areas, grades: ix.gradeIds, years, data, offered, estimated };
  cubeCache.set(ds.enrolment, { areas: ds.areas, system: ds.system, cube });
  return cube;
}

// A dataset is immutable by contract, so its cube is built once per (areas, enrolment, system)
// and shared, read-only, by every dataset object that holds those same records (a copy made with
// `{ ...ds, births: … }`, a backtest's truncated dataset with the same enrolment, …).
const cubeCache = new WeakMap<readonly EnrolmentRecord[], { areas: Dataset["areas"]; system: Dataset["system"]; cube: EnrolmentCube }>();

/** Births per area over consecutive years; `NaN` where unknown. */
export interface BirthTable {
  readonly areas: readonly string[];
  readonly firstYear: number;
  readonly years: number;
  /** `data[a * years + (year - firstYear)]` */
  readonly data: Float64Array;
  readonly estimated: Uint8Array;
}

/**
 * Births of every area of a dataset (all areas, including parents without enrolment) on one year
 * axis. Areas without births are all `NaN`.
 *
 * @example
 * ```ts
 * const b = birthTable(ds);
 * b.data[0 * b.years + (2020 - b.firstYear)] // births of the first area in 2020
 * ```
 */
export function birthTable(ds: Dataset): BirthTable {
  const hit = birthCache.get(ds.births);
  if (hit && hit.areas === ds.areas) return hit.table;
  const areas = ds.areas.map((a) => a.id);
  let first = Infinity;
  let last = -Infinity;
  for (const b of ds.births) {
    first = Math.min(first, b.year);
    last = Math.max(last, b.year);
  }
  if (!Number.isFinite(first)) {
    first = ds.firstYear;
    last = ds.firstYear - 1;
  }
  const years = last - first + 1;
  const data = new Float64Array(areas.length * years).fill(NaN);
  const estimated = new Uint8Array(areas.length * years);
  const aIndex = new Map(areas.map((id, i) => [id, i]));
  for (const b of ds.births) {
    const k = aIndex.get(b.area)! * years + (b.year - first);
    data[k] = b.births;
    if (b.provenance === "estimate") estimated[k] = 1;
  }
  const table: BirthTable = { areas, firstYear: first, years, data, estimated };
  birthCache.set(ds.births, { areas: ds.areas, table });
  return table;
}

// Built once per (areas, births) records, as the enrolment cube is: the table is read-only.
const birthCache = new WeakMap<readonly BirthRecord[], { areas: Dataset["areas"]; table: BirthTable }>();
