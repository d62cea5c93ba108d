import { indexSystem } from "../domain/systemIndex.js";
import { Fill } from "../cohort/project.js";
import { valueBasis } from "../cohort/records.js";
import type { HousingForecast } from "./forecast.js";

/** Which part of a forecast a row holds. */
export type PupilComponent = "baseline" | "housing" | "total";

/** Pupils of one component in one grade of one area in one year. */
export interface ComponentRecord {
  readonly area: string;
  readonly year: number;
  readonly grade: string;
  readonly stage: string;
  readonly component: PupilComponent;
  /** Not rounded. */
  readonly pupils: number;
  readonly kind: "actual" | "forecast";
  /** `estimate` when the value rests on estimated figures (baseline: `valueBasis`), or (housing) on estimated dwellings of the area. */
  readonly basis: "reported" | "estimate";
}

/** Pupils of one component in one stage of one area in one year. */
export interface ComponentStageRecord {
  readonly area: string;
  readonly year: number;
  readonly stage: string;
  readonly component: PupilComponent;
  readonly pupils: number;
  readonly kind: "actual" | "forecast";
  readonly basis: "reported" | "estimate";
}

/** Housing pupils of one development in one stage in one year. */
export interface DevelopmentStageRecord {
  readonly area: string;
  /** `null`: the area's rows without a development id. */
  readonly development: string | null;
  readonly name?: string;
  readonly year: number;
  readonly stage: string;
  readonly pupils: number;
}

const COMPONENTS: readonly PupilComponent[] = ["baseline", "housing", "total"];

function bases(hf: HousingForecast): { baseline: Uint8Array; housing: boolean[] } {
  const baseline = valueBasis(hf.baseline);
  const aIndex = new Map(hf.areas.map((id, i) => [id, i]));
  const housing = hf.areas.map(() => false);
  const recs = hf.baseline.model.dataset.housing ?? [];
  for (const c of hf.counted) {
    const a = aIndex.get(c.area);
    if (a !== undefined && c.counted > 0 && recs[c.index]?.provenance === "estimate") housing[a] = true;
  }
  return { baseline, housing };
}

/**
 * Basis of a component value over grades `gs` of area a in year h: baseline per value
 * (`valueBasis`), housing per area (estimated dwellings counted), total either.
 */
function basisOf(component: PupilComponent, a: number, gs: readonly number[], h: number, W: number, G: number, b: { baseline: Uint8Array; housing: boolean[] }): "reported" | "estimate" {
  let base = false;
  if (component !== "housing") for (const g of gs) if (b.baseline[(a * G + g) * W + h]) base = true;
  const est = component === "baseline" ? base : component === "housing" ? b.housing[a] : base || b.housing[a];
  return est ? "estimate" : "reported";
}

function pick(hf: HousingForecast, c: PupilComponent): Float64Array {
  return c === "baseline" ? hf.baseline.pupils : c === "housing" ? hf.housing : hf.total;
}

/**
 * The forecast as tidy records with a `component` column: for every area, taught grade and year
 * (base year included as `actual`), one row each for `baseline`, `housing` and `total`
 * (total = baseline + housing).
 *
 * @example
 * ```ts
 * componentRecords(forecastWithHousing(model, { to: 2030 }))
 *   .filter((r) => r.area === "jiangcheng" && r.grade === "P1" && r.year === 2026)
 * // three rows: baseline, housing, total
 * ```
 */
export function componentRecords(hf: HousingForecast): ComponentRecord[] {
  const ix = indexSystem(hf.baseline.model.dataset.system);
  const G = hf.grades.length;
  const W = hf.years.length;
  const b = bases(hf);
  const fill = hf.baseline.model.fill;
  const out: ComponentRecord[] = [];
  hf.areas.forEach((area, a) => {
    for (let g = 0; g < G; g++) {
      if (fill[a * G + g] === Fill.none) continue;
      const info = ix.grades[g]!;
      for (let h = 0; h < W; h++) {
        for (const component of COMPONENTS) {
          out.push({
            area,
            year: hf.baseYear + h,
            grade: info.id,
            stage: info.stage.id,
            component,
            pupils: pick(hf, component)[(a * G + g) * W + h]!,
            kind: h === 0 ? "actual" : "forecast",
            basis: basisOf(component, a, [g], h, W, G, b),
          });
        }
      }
    }
  });
  return out;
}

/**
 * Pupils per area × stage × year × component (sums of the stage's taught grades).
 *
 * @example
 * ```ts
 * componentStageTotals(hf).filter((r) => r.stage === "primary" && r.component === "housing")
 * ```
 */
export function componentStageTotals(hf: HousingForecast): ComponentStageRecord[] {
  const ix = indexSystem(hf.baseline.model.dataset.system);
  const G = hf.grades.length;
  const W = hf.years.length;
  const b = bases(hf);
  const fill = hf.baseline.model.fill;
  const out: ComponentStageRecord[] = [];
  hf.areas.forEach((area, a) => {
    for (const stage of ix.system.stages) {
      const gs = (ix.gradesOfStage.get(stage.id) ?? []).filter((g) => fill[a * G + g] !== Fill.none);
      if (gs.length === 0) continue;
      for (let h = 0; h < W; h++) {
        for (const component of COMPONENTS) {
          const data = pick(hf, component);
          let s = 0;
          for (const g of gs) s += data[(a * G + g) * W + h]!;
          out.push({ area, year: hf.baseYear + h, stage: stage.id, component, pupils: s, kind: h === 0 ? "actual" : "forecast", basis: basisOf(component, a, gs, h, W, G, b) });
        }
      }
    }
  });
  return out;
}

/**
 * Housing pupils per development × stage × year, so that a planner can see what each development
 * adds. Rows of an area without a development id are grouped as `development: null`.
 *
 * @example
 * ```ts
 * developmentStageTotals(hf).filter((r) => r.development === "riverside-phase-2")
 * ```
 */
export function developmentStageTotals(hf: HousingForecast): DevelopmentStageRecord[] {
  const ix = indexSystem(hf.baseline.model.dataset.system);
  const W = hf.years.length;
  const out: DevelopmentStageRecord[] = [];
  for (const d of hf.developments) {
    for (const stage of ix.system.stages) {
      const gs = ix.gradesOfStage.get(stage.id) ?? [];
      for (let h = 0; h < W; h++) {
        let s = 0;
        for (const g of gs) s += d.pupils[g * W + h]!;
        out.push({ area: d.area, development: d.development, ...(d.name !== undefined ? { name: d.name } : {}), year: hf.baseYear + h, stage: stage.id, pupils: s });
      }
    }
  }
  return out;
}
