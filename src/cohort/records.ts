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
  /** `estimate` when the area's history or the births it uses contain estimated figures. */
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
  const est = estimatedAreas(fc);
  const out: PupilRecord[] = [];
  fc.areas.forEach((area, a) => {
    if (!forecastHas(fc, a)) return;
    const basis = est[a] ? "estimate" : "reported";
    for (let g = 0; g < G; g++) {
      const f = fill[a * G + g];
      if (f === Fill.none) continue;
      const info = ix.grades[g]!;
      for (let h = 0; h <= H; h++) {
        const pupils = fc.pupils[(a * G + g) * W + h]!;
        const year = fc.baseYear + h;
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
 * Pupils per area × stage × year (sums of the stage's taught grades). Areas left out of a
 * forecast of some areas (`ForecastOptions.areas`) have no rows.
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
  const est = estimatedAreas(fc);
  const out: StageRecord[] = [];
  fc.areas.forEach((area, a) => {
    if (!forecastHas(fc, a)) return;
    for (const stage of ix.system.stages) {
      const gs = (ix.gradesOfStage.get(stage.id) ?? []).filter((g) => fc.model.fill[a * G + g] !== Fill.none);
      if (gs.length === 0) continue;
      for (let h = 0; h < W; h++) {
        let s = 0;
        for (const g of gs) s += fc.pupils[(a * G + g) * W + h]!;
        out.push({ area, year: fc.baseYear + h, stage: stage.id, pupils: s, kind: h === 0 ? "actual" : "forecast", basis: est[a] ? "estimate" : "reported" });
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
