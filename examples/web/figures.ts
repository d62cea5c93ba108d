/**
 * The planning page's computation, the same as the main job's (examples/yangjiang.ts, `npm start`):
 * the cohort model fitted on the data, pupils to 2035 with new housing (`forecastWithHousing`,
 * the "total" component), and places assessed against them. `keyFigures` picks the figures the
 * page shows in its `<pre id="key-figures">` for the browser test (test/web.test.ts).
 */
import { assessCapacity, componentStageTotals, fitModel, forecastWithHousing, sumOverAreas, type Assessment, type Dataset, type StageRecord } from "../../src/index.js";

/** The forecast horizon of the main job. */
export const TO = 2035;
/** The years the page's table and key figures show. */
export const YEARS = [2020, 2025, 2030, 2035] as const;
/** Flags whose first year the page lists. */
export const FLAG_CODES = ["shortfall", "large"] as const;

/** The forecast of a dataset as the main job makes it. */
export interface PlanResult {
  readonly dataset: Dataset;
  /** Pupils per area, stage and year: history to the base year, then cohort baseline plus new housing. */
  readonly pupils: readonly StageRecord[];
  /** Areas without pupils of their own (the city above its counties): the sum of their child areas, as the main job's city table. */
  readonly sums: readonly StageRecord[];
  readonly assessment: readonly Assessment[];
}

/** Fits, forecasts with housing to `TO` and assesses places (as examples/yangjiang.ts does). */
export function planResult(dataset: Dataset): PlanResult {
  const hf = forecastWithHousing(fitModel(dataset), { to: TO });
  const pupils = componentStageTotals(hf).filter((r) => r.component === "total");
  const own = new Set(pupils.map((p) => p.area));
  const sums = dataset.areas.flatMap((a) => {
    const children = new Set(dataset.areas.filter((c) => c.parent === a.id && own.has(c.id)).map((c) => c.id));
    return own.has(a.id) || children.size === 0 ? [] : sumOverAreas(pupils.filter((p) => children.has(p.area)), a.id);
  });
  return { dataset, pupils, sums, assessment: assessCapacity(pupils, dataset) };
}

/** The figures the page publishes: pupils per area/stage/year for `YEARS`, and the first year of each flag per area/stage. */
export interface KeyFigures {
  readonly baseYear: number;
  readonly to: number;
  /** `"area/stage/year"` → pupils (not rounded). */
  readonly pupils: Readonly<Record<string, number>>;
  /** `"area/stage/code"` → the first year the flag is raised. */
  readonly firstFlag: Readonly<Record<string, number>>;
}

/** The key figures of a result. */
export function keyFigures(r: PlanResult): KeyFigures {
  const pupils: Record<string, number> = {};
  for (const p of [...r.pupils, ...r.sums]) if ((YEARS as readonly number[]).includes(p.year)) pupils[`${p.area}/${p.stage}/${p.year}`] = p.pupils;
  const firstFlag: Record<string, number> = {};
  for (const a of [...r.assessment].sort((x, y) => x.year - y.year)) {
    for (const f of a.flags) {
      const k = `${a.area}/${a.stage}/${f.code}`;
      if ((FLAG_CODES as readonly string[]).includes(f.code) && !(k in firstFlag)) firstFlag[k] = a.year;
    }
  }
  return { baseYear: r.dataset.baseYear, to: TO, pupils, firstFlag };
}
