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

/**
 * Pupils per area × stage × year (sums of the stage's taught grades).
 *
 * @example
 * ```ts
 * stageTotals(fc).filter((r) => r.area === "jiangcheng" && r.stage === "primary")
 * ```
 */
export function stageTotals(fc: Forecast): StageRecord[] {
  const ix = indexSystem(fc.model.dataset.system);
  const G = fc.grades.length;
  const W = fc.to - fc.baseYear + 1;
  const est = valueBasis(fc);
  const out: StageRecord[] = [];
  fc.areas.forEach((area, a) => {
    for (const stage of ix.system.stages) {
      const gs = (ix.gradesOfStage.get(stage.id) ?? []).filter((g) => fc.model.fill[a * G + g] !== Fill.none);
      if (gs.length === 0) continue;
      for (let h = 0; h < W; h++) {
        let s = 0;
        let e = 0;
        for (const g of gs) {
          s += fc.pupils[(a * G + g) * W + h]!;
          e |= est[(a * G + g) * W + h]!;
        }
        out.push({ area, year: fc.baseYear + h, stage: stage.id, pupils: s, kind: h === 0 ? "actual" : "forecast", basis: e ? "estimate" : "reported" });
      }
    }
  });
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
