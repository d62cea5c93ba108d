import type { StageRecord } from "../cohort/records.js";
import type { Dataset } from "../data/dataset.js";
import { indexSystem } from "../domain/systemIndex.js";

/**
 * Actual pupils per area × stage × year from the dataset's enrolment history (all years up to
 * the base year), for drawing history before a forecast. A stage total is given only when every
 * grade row the dataset has for that area, stage and year has a figure (a missing figure leaves
 * the year out rather than understating it). `basis` is `estimate` when any part is.
 *
 * @example
 * ```ts
 * historyStageTotals(ds).filter((r) => r.area === "jiangcheng" && r.stage === "primary")
 * ```
 */
export function historyStageTotals(dataset: Dataset): StageRecord[] {
  const ix = indexSystem(dataset.system);
  const m = new Map<string, { area: string; stage: string; year: number; pupils: number; missing: boolean; est: boolean }>();
  for (const r of dataset.enrolment) {
    const g = ix.gradeById.get(r.grade);
    if (!g) continue;
    const k = `${r.area}\u0000${g.stage.id}\u0000${r.year}`;
    const cur = m.get(k) ?? { area: r.area, stage: g.stage.id, year: r.year, pupils: 0, missing: false, est: false };
    if (r.pupils === null) cur.missing = true;
    else cur.pupils += r.pupils;
    cur.est ||= r.provenance === "estimate";
    m.set(k, cur);
  }
  const order = new Map(ix.stageIds.map((s, i) => [s, i]));
  return [...m.values()]
    .filter((v) => !v.missing)
    .sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : (order.get(a.stage)! - order.get(b.stage)!) || a.year - b.year))
    .map((v) => ({ area: v.area, year: v.year, stage: v.stage, pupils: v.pupils, kind: "actual", basis: v.est ? "estimate" : "reported" }));
}
