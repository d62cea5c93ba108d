import { indexSystem } from "../domain/systemIndex.js";
import type { Forecast } from "./model.js";
import { Fill } from "./project.js";

/** Where a forecast value came from. */
export type PupilTrace =
  | { readonly from: "progression"; readonly ratio: number; readonly fromGrade: string; readonly fromYear: number; readonly fromPupils: number }
  | {
      readonly from: "births";
      readonly ratio: number;
      readonly births: number;
      readonly birthYear: number;
      /** The area whose births were used (the area itself or an ancestor). */
      readonly birthsArea: string;
      /** Whether those births were known, projected by the births method, or from the user's scenario. */
      readonly birthsStatus: "known" | "projected" | "scenario";
    }
  | { readonly from: "level"; readonly level: number };

/** Pupils in one grade of one area in one year: the base year's actual or a forecast. */
export interface PupilRecord {
  readonly area: string;
  readonly year: number;
  readonly grade: string;
  readonly stage: string;
  /** Not rounded. */
  readonly pupils: number;
  readonly kind: "actual" | "forecast";
  /** `estimate` when the value rests on estimated figures (see `valueBasis`); a reported actual stays `reported`. */
  readonly basis: "reported" | "estimate";
  /** How a forecast value was produced; absent for actuals. */
  readonly via?: PupilTrace;
}

/** Pupils in one stage of one area in one year. */
export interface StageRecord {
  readonly area: string;
  readonly year: number;
  readonly stage: string;
  readonly pupils: number;
  readonly kind: "actual" | "forecast";
  /** `estimate` when one of the stage's grade values is (see `valueBasis`). */
  readonly basis: "reported" | "estimate";
}

/**
 * Whether each forecast area rests on estimated figures (its own enrolment history, or the
 * births that drive its entry).
 */
export function estimatedAreas(fc: Forecast): boolean[] {
  const { cube, births, birthSource } = fc.model;
  const G = cube.grades.length;
  const Y = cube.years.length;
  return cube.areas.map((_, a) => {
    for (let k = a * G * Y; k < (a + 1) * G * Y; k++) if (cube.estimated[k]) return true;
    const bi = birthSource[a]!;
    if (bi >= 0) for (let y = 0; y < births.years; y++) if (births.estimated[bi * births.years + y]) return true;
    return false;
  });
}

/**
 * Which values of a forecast rest on estimated figures: `out[(a * G + g) * W + h]` is 1 when the
 * value of area a, grade g, year base + h is an estimate, from what that value rests on:
 * - the base year (h = 0, the actual): the figure's own provenance (`estimate`), or a missing
 *   figure the fit imputed; a reported figure stays reported;
 * - a forecast value (h ≥ 1): its input or its ratio rests on an estimate. The input is, by the
 *   grade's fill: progression → the grade below a year earlier (its own basis, so an estimate
 *   travels up with its cohort); births → the births of year t − age (their provenance; projected
 *   births are estimates when one of the known births the projection uses, the last one or the
 *   last `years` of them, is; scenario births are the user's and not estimates); level → none.
 *   The ratio (or level) rests on an estimate when a figure it was fitted from is one: the
 *   numerator or denominator cells (counts or births) of the grade's historical ratios in the
 *   fitting window (the last `years` history years; the whole history for `ses`), in every area
 *   of the same fill for a ratio pooled over areas.
 * So a provisional births year marks the entry grade from the year those births enter, and the
 * cohort after it, not the area's other values.
 *
 * @example
 * ```ts
 * const fc = forecast(fitModel(ds), { to: 2030 });
 * const est = valueBasis(fc);
 * est[(0 * fc.grades.length + 9) * fc.years.length + 3] // 1 when that value is an estimate
 * ```
 */
export function valueBasis(fc: Forecast): Uint8Array {
  const m = fc.model;
  const { cube, births, birthSource, fill, fits, methods, birthsOptions } = m;
  const ix = indexSystem(m.dataset.system);
  const A = fc.areas.length;
  const G = fc.grades.length;
  const Y = cube.years.length;
  const H = fc.to - fc.baseYear;
  const W = H + 1;
  const BY = births.years;
  const birthEst = (bi: number, year: number): boolean => {
    const y = year - births.firstYear;
    return bi >= 0 && y >= 0 && y < BY && births.estimated[bi * BY + y] === 1;
  };
  // The ratio of (a, g) rests on an estimate: any estimated figure behind its history in the window.
  const seriesEst = (a: number, g: number, from: number): boolean => {
    const f = fill[a * G + g];
    const bi = birthSource[a]!;
    for (let y = from; y < Y; y++) {
      const k = (a * G + g) * Y + y;
      if (!Number.isFinite(m.ratioHistory[k]!)) continue;
      if (cube.estimated[k]) return true;
      if (f === Fill.progression && y > 0 && cube.estimated[(a * G + g - 1) * Y + y - 1]) return true;
      if (f === Fill.births && birthEst(bi, cube.years[y]! - ix.grades[g]!.age)) return true;
    }
    return false;
  };
  const ratioEst = new Uint8Array(A * G);
  for (let a = 0; a < A; a++) {
    for (let g = 0; g < G; g++) {
      const k = a * G + g;
      if (fill[k] === Fill.none) continue;
      const o = methods[k];
      const from = !o || o.method === "ses" ? 0 : Math.max(0, Y - o.years);
      const fit = fits[k];
      let own = 0;
      for (let y = 0; y < Y; y++) if (Number.isFinite(m.ratioHistory[k * Y + y]!)) own++;
      if (own > 0 || !fit) ratioEst[k] = seriesEst(a, g, from) ? 1 : 0;
      else {
        // pooled over the areas of the same fill (or an assumption with no data: not an estimate of data)
        for (let b = 0; b < A && !ratioEst[k]; b++) if (fill[b * G + g] === fill[k] && seriesEst(b, g, from)) ratioEst[k] = 1;
      }
    }
  }
  // Projected births: estimate when a known figure the projection uses is.
  const projEst = new Map<number, boolean>();
  const projectedEst = (bi: number): boolean => {
    let v = projEst.get(bi);
    if (v !== undefined) return v;
    const n = birthsOptions.method === "last" ? 1 : birthsOptions.years;
    v = false;
    let seen = 0;
    for (let y = BY - 1; y >= 0 && seen < n; y--) {
      if (!Number.isFinite(births.data[bi * BY + y]!)) continue;
      seen++;
      if (births.estimated[bi * BY + y]) v = true;
    }
    projEst.set(bi, v);
    return v;
  };
  const out = new Uint8Array(A * G * W);
  for (let a = 0; a < A; a++) {
    for (let g = 0; g < G; g++) {
      const k = a * G + g;
      const f = fill[k];
      if (f === Fill.none) continue;
      const baseCell = k * Y + Y - 1;
      out[k * W] = cube.estimated[baseCell] || !Number.isFinite(cube.data[baseCell]!) ? 1 : 0;
      for (let h = 1; h <= H; h++) {
        let e = ratioEst[k] === 1;
        if (f === Fill.progression) e ||= out[(k - 1) * W + h - 1] === 1;
        else if (f === Fill.births) {
          const p = fc.driverProjected[k * H + h - 1];
          const bi = birthSource[a]!;
          e ||= p === 0 ? birthEst(bi, fc.baseYear + h - ix.grades[g]!.age) : p === 1 ? projectedEst(bi) : false;
        }
        out[k * W + h] = e ? 1 : 0;
      }
    }
  }
  return out;
}

/**
 * The forecast as tidy records, one per area × taught grade × year (base year included as
 * `actual`), each forecast value with its trace: which ratio and which prior cohort (or births)
 * produced it.
 *
 * @example
 * ```ts
 * const rows = pupilRecords(forecast(fitModel(ds), { to: 2025 }));
 * rows.find((r) => r.grade === "J1" && r.year === 2021)?.via
 * // { from: "progression", ratio: 0.99, fromGrade: "P6", fromYear: 2020, fromPupils: 41234 }
 * ```
 */
export function pupilRecords(fc: Forecast): PupilRecord[] {
  const ix = indexSystem(fc.model.dataset.system);
  const { fill, births, birthSource } = fc.model;
  const G = fc.grades.length;
  const H = fc.to - fc.baseYear;
  const W = H + 1;
  const est = valueBasis(fc);
  const out: PupilRecord[] = [];
  fc.areas.forEach((area, a) => {
    if (!forecastHas(fc, a)) return;
    for (let g = 0; g < G; g++) {
      const f = fill[a * G + g];
      if (f === Fill.none) continue;
      const info = ix.grades[g]!;
      for (let h = 0; h <= H; h++) {
        const pupils = fc.pupils[(a * G + g) * W + h]!;
        const year = fc.baseYear + h;
        const basis = est[(a * G + g) * W + h] ? "estimate" : "reported";
        if (h === 0) {
          out.push({ area, year, grade: info.id, stage: info.stage.id, pupils, kind: "actual", basis });
          continue;
        }
        const k = (a * G + g) * H + h - 1;
        const ratio = fc.ratios[k]!;
        let via: PupilTrace;
        if (f === Fill.progression) {
          via = { from: "progression", ratio, fromGrade: fc.grades[g - 1]!, fromYear: year - 1, fromPupils: fc.pupils[(a * G + g - 1) * W + h - 1]! };
        } else if (f === Fill.births) {
          const p = fc.driverProjected[k];
          via = {
            from: "births",
            ratio,
            births: fc.drivers[k]!,
            birthYear: year - info.age,
            birthsArea: births.areas[birthSource[a]!]!,
            birthsStatus: p === 0 ? "known" : p === 1 ? "projected" : "scenario",
          };
        } else {
          via = { from: "level", level: ratio };
        }
        out.push({ area, year, grade: info.id, stage: info.stage.id, pupils, kind: "forecast", basis, via });
      }
    }
  });
  return out;
}

/** The id of the all-grades total in `stageTotals` and `simulate` rows. */
export const ALL_GRADES = "all";

/**
 * Totals beside the stage rows (`stageTotals`; `simulate`'s `SimulateTotals` has the same fields).
 * Every sum is of stage sums, in the system's stage order.
 */
export interface StageTotalsOptions {
  /**
   * Rows of stage `"all"`: every taught grade of the area (K–12 in a US system), after its stage
   * rows. @defaultValue false
   */
  readonly allGrades?: boolean;
  /**
   * Stage groups by id, e.g. `{ compulsory: ["primary", "junior"] }`: one row per area and year
   * over the group's taught stages, after the `"all"` row. An id must not be a stage id or
   * `"all"`. @defaultValue none
   */
  readonly groups?: Readonly<Record<string, readonly string[]>>;
  /**
   * Rows of every containing area of the forecast areas (by `parent` in the dataset's areas, at
   * any depth, itself not forecast): the sum of its forecast descendants, after the forecast
   * areas, in the dataset's order; `estimate` when any part is. @defaultValue false
   */
  readonly containingAreas?: boolean;
}

/** A stage group checked against the system: its id and membership by stage index. */
export interface StageGroup {
  readonly id: string;
  /** 1 for each stage of the system (by index) in the group. */
  readonly member: Uint8Array;
}

/**
 * The all-grades total (when asked) and the stage groups of `StageTotalsOptions`, checked
 * against the system's stage ids.
 *
 * @param fn - the calling function's name, for the error message
 * @throws RangeError on a group id that is a stage id or `"all"`, an empty group, or a stage not in the system
 * @example
 * ```ts
 * stageGroups(["preschool", "primary", "junior", "senior"], { groups: { compulsory: ["primary", "junior"] } }, "stageTotals")
 * // [{ id: "compulsory", member: Uint8Array [0, 1, 1, 0] }]
 * ```
 */
export function stageGroups(stageIds: readonly string[], t: Pick<StageTotalsOptions, "allGrades" | "groups"> | undefined, fn: string): StageGroup[] {
  const groups: StageGroup[] = [];
  if (t?.allGrades) groups.push({ id: ALL_GRADES, member: new Uint8Array(stageIds.length).fill(1) });
  for (const [id, stages] of Object.entries(t?.groups ?? {})) {
    if (id === ALL_GRADES || stageIds.includes(id)) throw new RangeError(`${fn}: totals.groups: the group id "${id}" is ${id === ALL_GRADES ? "the all-grades total's" : "a stage id"}; choose another id`);
    if (!Array.isArray(stages) || stages.length === 0) throw new RangeError(`${fn}: totals.groups.${id} must list at least one stage id`);
    const member = new Uint8Array(stageIds.length);
    for (const st of stages) {
      const i = stageIds.indexOf(st);
      if (i < 0) throw new RangeError(`${fn}: totals.groups.${id}: "${st}" is not a stage of the school system (${stageIds.join(", ")})`);
      member[i] = 1;
    }
    groups.push({ id, member });
  }
  return groups;
}

/**
 * Whether the forecast covers area a: a forecast of some areas (`ForecastOptions.areas`) holds
 * NaN for every grade of the others, which have no rows (a base year is never NaN for an area
 * forecast: missing figures are imputed).
 */
function forecastHas(fc: Forecast, a: number): boolean {
  const G = fc.grades.length;
  const W = fc.to - fc.baseYear + 1;
  for (let g = 0; g < G; g++) if (!Number.isNaN(fc.pupils[(a * G + g) * W]!)) return true;
  return false;
}

/**
 * The containing areas of a forecast's areas: each ancestor (by `parent`, any depth) that is not
 * itself forecast, in the dataset's order, with the indices of its forecast descendants.
 *
 * @example
 * ```ts
 * containingAreaParts(fc) // [{ area: "yangjiang", parts: [0, 1, …, 7] }]
 * ```
 */
export function containingAreaParts(fc: Forecast): { area: string; parts: number[] }[] {
  const parentOf = new Map(fc.model.dataset.areas.map((a) => [a.id, a.parent]));
  const forecastIds = new Set(fc.areas);
  const partsOf = new Map<string, number[]>();
  fc.areas.forEach((id, a) => {
    const seen = new Set<string>();
    for (let p = parentOf.get(id); p !== undefined && !seen.has(p); p = parentOf.get(p)) {
      seen.add(p);
      if (forecastIds.has(p)) continue;
      const list = partsOf.get(p);
      if (list) list.push(a);
      else partsOf.set(p, [a]);
    }
  });
  return fc.model.dataset.areas.flatMap((a) => {
    const parts = partsOf.get(a.id);
    return parts ? [{ area: a.id, parts }] : [];
  });
}

/**
 * Pupils per area × stage × year (sums of the stage's taught grades), base year included as
 * `actual`; with `options`, totals beside them: all grades (stage `"all"`), stage groups, and
 * containing areas (a city = Σ its counties).
 *
 * Formula: stage s of area a in year t = Σ_{g in s, taught} pupils[a][g][t]; a group (or
 * `"all"`) = Σ of its stages' sums in the system's order; a containing area = Σ of its forecast
 * descendants' rows, in the forecast's area order.
 *
 * @throws RangeError on a stage group that reuses a stage id or `"all"`, is empty, or names a stage not in the system
 * @example
 * ```ts
 * stageTotals(fc).filter((r) => r.area === "jiangcheng" && r.stage === "primary")
 * // K-12 of every area and of the state over its districts (US system):
 * stageTotals(fc, { allGrades: true, containingAreas: true }).filter((r) => r.stage === "all")
 * ```
 */
export function stageTotals(fc: Forecast, options: StageTotalsOptions = {}): StageRecord[] {
  const ix = indexSystem(fc.model.dataset.system);
  const groups = stageGroups(ix.stageIds, options, "stageTotals");
  const G = fc.grades.length;
  const S = ix.stageIds.length;
  const W = fc.to - fc.baseYear + 1;
  const est = valueBasis(fc);
  const out: StageRecord[] = [];
  const sums = options.containingAreas ? fc.areas.map(() => new Float64Array(S * W)) : undefined;
  const estOf = options.containingAreas ? fc.areas.map(() => new Uint8Array(S * W)) : undefined;
  const taughtOf = fc.areas.map(() => new Uint8Array(S));
  // `estimate` marks per stage and year: a total is an estimate when one of its values is.
  const emit = (area: string, sum: Float64Array, mark: Uint8Array, taught: Uint8Array): void => {
    const kind = (h: number): StageRecord["kind"] => (h === 0 ? "actual" : "forecast");
    for (let s = 0; s < S; s++) {
      if (!taught[s]) continue;
      for (let h = 0; h < W; h++) out.push({ area, year: fc.baseYear + h, stage: ix.stageIds[s]!, pupils: sum[s * W + h]!, kind: kind(h), basis: mark[s * W + h] ? "estimate" : "reported" });
    }
    for (const g of groups) {
      if (!taught.some((t, s) => t === 1 && g.member[s] === 1)) continue;
      for (let h = 0; h < W; h++) {
        let v = 0;
        let e = 0;
        for (let s = 0; s < S; s++) {
          if (!taught[s] || !g.member[s]) continue;
          v += sum[s * W + h]!;
          e |= mark[s * W + h]!;
        }
        out.push({ area, year: fc.baseYear + h, stage: g.id, pupils: v, kind: kind(h), basis: e ? "estimate" : "reported" });
      }
    }
  };
  fc.areas.forEach((area, a) => {
    if (!forecastHas(fc, a)) return;
    const sum = sums?.[a] ?? new Float64Array(S * W);
    const mark = estOf?.[a] ?? new Uint8Array(S * W);
    ix.system.stages.forEach((stage, s) => {
      const gs = (ix.gradesOfStage.get(stage.id) ?? []).filter((g) => fc.model.fill[a * G + g] !== Fill.none);
      if (gs.length === 0) return;
      taughtOf[a]![s] = 1;
      for (let h = 0; h < W; h++) {
        let v = 0;
        let e = 0;
        for (const g of gs) {
          v += fc.pupils[(a * G + g) * W + h]!;
          e |= est[(a * G + g) * W + h]!;
        }
        sum[s * W + h] = v;
        mark[s * W + h] = e;
      }
    });
    emit(area, sum, mark, taughtOf[a]!);
  });
  if (sums && estOf) {
    for (const { area, parts } of containingAreaParts(fc)) {
      const sum = new Float64Array(S * W);
      const mark = new Uint8Array(S * W);
      const taught = new Uint8Array(S);
      for (const a of parts) {
        for (let s = 0; s < S; s++) if (taughtOf[a]![s]) taught[s] = 1;
        for (let k = 0; k < S * W; k++) {
          sum[k] = sum[k]! + sums[a]![k]!;
          mark[k] = mark[k]! | estOf[a]![k]!;
        }
      }
      emit(area, sum, mark, taught);
    }
  }
  return out;
}

/**
 * Sums stage records over areas into one total per stage and year, labelled with `area`.
 * The basis is `estimate` if any part is.
 *
 * @example
 * ```ts
 * sumOverAreas(stageTotals(fc), "yangjiang")
 * ```
 */
export function sumOverAreas(rows: readonly StageRecord[], area: string): StageRecord[] {
  const m = new Map<string, { year: number; stage: string; pupils: number; kind: StageRecord["kind"]; est: boolean }>();
  for (const r of rows) {
    const key = `${r.stage}\u0000${r.year}`;
    const cur = m.get(key);
    if (cur) {
      cur.pupils += r.pupils;
      cur.est ||= r.basis === "estimate";
    } else m.set(key, { year: r.year, stage: r.stage, pupils: r.pupils, kind: r.kind, est: r.basis === "estimate" });
  }
  return [...m.values()].map((v) => ({ area, year: v.year, stage: v.stage, pupils: v.pupils, kind: v.kind, basis: v.est ? "estimate" : "reported" }));
}
