import type { Forecast } from "../cohort/model.js";
import { Fill } from "../cohort/project.js";
import { bandsForStage, indexSystem } from "../domain/systemIndex.js";
import { defaultCapacityRules, type CapacityRules } from "./assess.js";
import { largestClass as largestOf, wholePupils } from "./classes.js";
import { bandBit, placeFlagBits } from "./flags.js";
import { stageStandard, type StandardClassSizes } from "./rules.js";
import type { CapacitySchedule } from "./schedule.js";

/** The axes of an area × stage × year cube: cell (a, s, y) is at index (a · S + s) · Y + y. */
export interface StageCubeAxes {
  readonly areas: readonly string[];
  readonly stages: readonly string[];
  readonly years: readonly number[];
}

/**
 * Places and classes per area × stage × year as dense arrays, `[(a * S + s) * Y + y]`, built
 * from a capacity schedule. `known` is 0 where the schedule has no places for the cell.
 */
export interface PlacesCube extends StageCubeAxes {
  readonly places: Float64Array;
  readonly classes: Float64Array;
  readonly known: Uint8Array;
}

/**
 * Lays a capacity schedule's totals out on the axes of a forecast (areas, the system's stages,
 * consecutive years). Build it once per schedule and reuse it for every forecast assessed.
 *
 * @example
 * ```ts
 * const cube = placesCube(capacitySchedule(ds, { from: 2020, to: 2035 }), fc.areas, fc.years);
 * ```
 */
export function placesCube(schedule: CapacitySchedule, areas: readonly string[], years: readonly number[]): PlacesCube {
  const stages = indexSystem(schedule.system).stageIds;
  const S = stages.length;
  const Y = years.length;
  const places = new Float64Array(areas.length * S * Y);
  const classes = new Float64Array(areas.length * S * Y);
  const known = new Uint8Array(areas.length * S * Y);
  const aIndex = new Map(areas.map((id, i) => [id, i]));
  const sIndex = new Map(stages.map((id, i) => [id, i]));
  const y0 = years[0] ?? 0;
  // Totals come grouped by area: one call per run of rows of one area (compiled once as a
  // function), each id looked up once per run.
  const totals = schedule.totals;
  const out: PlacesCube = { areas, stages, years, places, classes, known };
  for (let i = 0; i < totals.length; ) {
    const area = totals[i]!.area;
    let end = i + 1;
    while (end < totals.length && totals[end]!.area === area) end++;
    const a = aIndex.get(area);
    if (a !== undefined) placeRows(totals, i, end, a, sIndex, y0, out);
    i = end;
  }
  return out;
}

/** Rows start … end − 1 of the totals (all of area a) into the places cube. */
function placeRows(totals: CapacitySchedule["totals"], start: number, end: number, a: number, sIndex: ReadonlyMap<string, number>, y0: number, out: PlacesCube): void {
  const S = out.stages.length;
  const Y = out.years.length;
  let lastStage: string | undefined;
  let s: number | undefined;
  for (let i = start; i < end; i++) {
    const t = totals[i]!;
    if (t.stage !== lastStage) s = sIndex.get((lastStage = t.stage));
    const y = t.year - y0;
    if (s === undefined || y < 0 || y >= Y) continue;
    const k = (a * S + s) * Y + y;
    out.places[k] = t.places;
    out.classes[k] = t.classes;
    out.known[k] = 1;
  }

}

/**
 * The assessment of a forecast as dense arrays, `[(a * S + s) * Y + y]`: the numeric core of
 * `assessCapacity`, for national runs and simulations where row objects would cost more than the
 * arithmetic. `assessed` is 0 where the area does not teach the stage or no places are known; the
 * other arrays hold 0 there. `utilisation` is 0 where there are no places (check `places`).
 */
export interface AssessmentCube extends StageCubeAxes {
  /** Band ids of the system, in order; band i is flagged with `bandBit(i)`. */
  readonly bands: readonly string[];
  readonly pupils: Float64Array;
  readonly places: Float64Array;
  readonly surplus: Float64Array;
  readonly utilisation: Float64Array;
  readonly classes: Float64Array;
  /** ⌈n / c⌉ for n whole pupils in c classes; 0 without classes. */
  readonly largestClass: Float64Array;
  /** ⌈n / standard⌉. */
  readonly classesNeeded: Float64Array;
  readonly flags: Uint32Array;
  readonly assessed: Uint8Array;
}

/** Options of `assessForecast`. */
export interface AssessCubeOptions extends CapacityRules {
  /** Standard class sizes per stage, overriding the system's. */
  readonly standardClassSizes?: StandardClassSizes;
  /**
   * Pupils to assess, in the layout of `Forecast.pupils` (e.g. `HousingForecast.total`).
   * @defaultValue the forecast's own pupils
   */
  readonly pupils?: Float64Array;
}

interface AssessArrays {
  readonly pupils: Float64Array;
  readonly surplus: Float64Array;
  readonly utilisation: Float64Array;
  readonly largestClass: Float64Array;
  readonly classesNeeded: Float64Array;
  readonly flags: Uint32Array;
  readonly assessed: Uint8Array;
}

interface AssessRule {
  readonly G: number;
  readonly W: number;
  readonly S: number;
  readonly B: number;
  readonly margin: number;
  readonly floor: number;
  readonly bandMin: Float64Array;
  readonly standard: Float64Array;
  readonly stageGrades: readonly (readonly number[])[];
  readonly fill: Uint8Array;
}

/** `assessForecast` for area a: every taught stage and year with known places, into out. */
function assessArea(rule: AssessRule, source: Float64Array, places: PlacesCube, a: number, out: AssessArrays): void {
  const { G, W, S, B, margin, floor, bandMin, standard, stageGrades, fill } = rule;
  const { pupils, surplus, utilisation, largestClass, classesNeeded, flags, assessed } = out;
  for (let s = 0; s < S; s++) {
    const gs = stageGrades[s]!;
    let taught = false;
    for (const g of gs) if (fill[a * G + g] !== Fill.none) taught = true;
    if (!taught) continue;
    for (let h = 0; h < W; h++) {
      const k = (a * S + s) * W + h;
      if (!places.known[k]) continue;
      let n = 0;
      for (const g of gs) n += source[(a * G + g) * W + h]!;
      const P = places.places[k]!;
      const c = places.classes[k]!;
      const whole = wholePupils(n);
      // The class rule of classes.ts: some class has min or more ⟺ largestClass ≥ min.
      const largest = largestOf(n, c);
      let f = placeFlagBits(n, P, margin, floor);
      const sp = P - n;
      for (let b = 0; b < B; b++) {
        const min = bandMin[s * B + b]!;
        if (min !== Infinity && largest >= min) f |= bandBit(b);
      }
      pupils[k] = n;
      surplus[k] = sp;
      utilisation[k] = P > 0 ? n / P : 0;
      largestClass[k] = c > 0 ? largest : 0;
      classesNeeded[k] = Math.ceil(whole / standard[s]!);
      flags[k] = f;
      assessed[k] = 1;
    }
  }
}

/**
 * Holds a forecast's pupils against places, cell by cell, on typed arrays. The same rules as
 * `assessCapacity` (n pupils, P places, c classes, s standard size):
 * - surplus = P − n; utilisation = n / P;
 * - `shortfall` when n > P; `low-headroom` when 0 ≤ (P − n) / P < margin; `surplus-risk` when
 *   P > 0 and n / P < floor;
 * - a band's flag when some class has the band's minimum or more under the even spread, i.e.
 *   ⌈round(n) / c⌉ ≥ min, or when round(n) > 0 pupils have no class (c = 0);
 * - classes needed ⌈round(n) / s⌉. Pupils are rounded to whole pupils for class counts only.
 * Row objects with reasons in words come from `assessCapacity`; the two agree (tested).
 *
 * @param fc - the forecast (its model gives the system and which stages each area teaches)
 * @param places - `placesCube` on the forecast's areas and years
 * @throws RangeError when the places cube is not on the forecast's axes, or on invalid rules
 * @example
 * ```ts
 * const fc = forecast(fitModel(ds), { to: 2035 });
 * const cube = assessForecast(fc, placesCube(capacitySchedule(ds, { from: fc.baseYear, to: 2035 }), fc.areas, fc.years));
 * flaggedCells(cube, AssessBit.shortfall) // [{ area, stage, year }, …]
 * ```
 */
export function assessForecast(fc: Forecast, places: PlacesCube, options: AssessCubeOptions = {}): AssessmentCube {
  const system = fc.model.dataset.system;
  const ix = indexSystem(system);
  const A = fc.areas.length;
  const G = fc.grades.length;
  const W = fc.years.length;
  const S = ix.stageIds.length;
  if (places.areas.length !== A || places.years.length !== W || places.years[0] !== fc.years[0] || places.stages.length !== S) {
    throw new RangeError("assessForecast: the places cube must be built on the forecast's areas and years (placesCube(schedule, fc.areas, fc.years))");
  }
  const margin = (options.headroomMargin ?? defaultCapacityRules.headroomMargin).value;
  const floor = (options.utilisationFloor ?? defaultCapacityRules.utilisationFloor).value;
  if (!(margin >= 0 && margin < 1)) throw new RangeError(`headroomMargin must be a share in [0, 1), got ${margin}`);
  if (!(floor >= 0 && floor <= 1)) throw new RangeError(`utilisationFloor must be a share in [0, 1], got ${floor}`);
  const source = options.pupils ?? fc.pupils;
  if (source.length !== fc.pupils.length) throw new RangeError("assessForecast: pupils must have the layout of Forecast.pupils");

  const bands = system.classSizeBands.map((b) => b.id);
  const standard = new Float64Array(S);
  // bandMin[s * B + b]: the band's minimum where it applies to the stage, else Infinity.
  const B = system.classSizeBands.length;
  const bandMin = new Float64Array(S * B).fill(Infinity);
  ix.stageIds.forEach((stage, s) => {
    standard[s] = stageStandard(system, stage, options.standardClassSizes).value;
    // The stage's bands resolved to class sizes (an "above-standard" band starts at its standard + 1).
    const own = bandsForStage(system, stage);
    system.classSizeBands.forEach((b, bi) => {
      const r = own.find((x) => x.id === b.id);
      if (r) bandMin[s * B + bi] = r.min;
    });
  });
  const stageGrades = ix.stageIds.map((id) => ix.gradesOfStage.get(id) ?? []);

  const N = A * S * W;
  const pupils = new Float64Array(N);
  const surplus = new Float64Array(N);
  const utilisation = new Float64Array(N);
  const largestClass = new Float64Array(N);
  const classesNeeded = new Float64Array(N);
  const flags = new Uint32Array(N);
  const assessed = new Uint8Array(N);
  const fill = fc.model.fill;
  const out: AssessArrays = { pupils, surplus, utilisation, largestClass, classesNeeded, flags, assessed };
  const rule: AssessRule = { G, W, S, B, margin, floor, bandMin, standard, stageGrades, fill };
  // One call per area: compiled once as a function and kept, not on-stack in a function run once.
  for (let a = 0; a < A; a++) assessArea(rule, source, places, a, out);
  return {
    areas: fc.areas,
    stages: ix.stageIds,
    years: fc.years,
    bands,
    pupils,
    places: places.places,
    surplus,
    utilisation,
    classes: places.classes,
    largestClass,
    classesNeeded,
    flags,
    assessed,
  };
}

/**
 * The assessed cells that carry a flag bit (`AssessBit.shortfall`, `bandBit(i)`, …), in cube order.
 *
 * @example
 * ```ts
 * flaggedCells(cube, bandBit(cube.bands.indexOf("large"))) // cells with classes of 56+
 * ```
 */
export function flaggedCells(cube: AssessmentCube, bit: number): { area: string; stage: string; year: number }[] {
  const S = cube.stages.length;
  const Y = cube.years.length;
  const out: { area: string; stage: string; year: number }[] = [];
  for (let k = 0; k < cube.flags.length; k++) {
    if (!cube.assessed[k] || !(cube.flags[k]! & bit)) continue;
    const y = k % Y;
    const s = Math.floor(k / Y) % S;
    const a = Math.floor(k / (Y * S));
    out.push({ area: cube.areas[a]!, stage: cube.stages[s]!, year: cube.years[y]! });
  }
  return out;
}
