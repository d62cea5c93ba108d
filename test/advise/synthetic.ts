import { capacitySchedule, type CapacitySchedule } from "../../src/capacity/schedule.js";
import { chinaSchoolSystem } from "../../src/domain/systems/china.js";
import type { Levers } from "../../src/advise/levers.js";
import type { SimulatedPaths } from "../../src/uncertainty/simulate/paths.js";
// The benchmark's seeded generator (mulberry32, public domain): one copy serves both.
import { mulberry32 } from "../../bench/synthetic.js";

export interface SyntheticCell {
  readonly area: string;
  readonly stage: string;
  /** Mean pupils in the first year, growth per year (share), spread (share, uniform ±). */
  readonly pupils: number;
  readonly growth: number;
  readonly spread: number;
  /** Places of the 2020 capacity record. */
  readonly places: number;
  /** Planned openings: year and places. */
  readonly planned?: readonly { readonly year: number; readonly places: number; readonly project?: string }[];
}

/** Paths (draw-major, integer pupils) of cells over 2021 … 2020 + years, seeded. */
export function syntheticPaths(cells: readonly SyntheticCell[], draws: number, years: number, seed: number, scale = 1): SimulatedPaths {
  const ys = Array.from({ length: years }, (_, i) => 2021 + i);
  return {
    draws,
    cells: cells.map((c, ci) => {
      const r = mulberry32(seed * 31 + ci);
      const pupils = new Float64Array(draws * years);
      for (let d = 0; d < draws; d++) {
        const level = 1 + c.spread * (2 * r() - 1);
        for (let y = 0; y < years; y++) pupils[d * years + y] = scale * Math.round(c.pupils * level * (1 + c.growth) ** y);
      }
      return { area: c.area, stage: c.stage, years: ys, pupils, places: new Float64Array(draws * years) };
    }),
  };
}

/** The places schedule of the cells: a 2020 capacity record each and their planned openings. */
export function syntheticSupply(cells: readonly SyntheticCell[], scale = 1): CapacitySchedule {
  return capacitySchedule({
    system: chinaSchoolSystem,
    capacity: cells.map((c) => ({ area: c.area, stage: c.stage, year: 2020, places: scale * c.places })),
    plannedPlaces: cells.flatMap((c) => (c.planned ?? []).map((p) => ({ area: c.area, stage: c.stage, year: p.year, places: scale * p.places, ...(p.project ? { project: p.project } : {}) }))),
  });
}

const E = "test value";
/** Levers for tests: every lever on, small figures (test values, not estimates of anything). */
export function testLevers(over: Partial<{ shortfall: number; empty: number; build: number; block: number; temp: number; cap: number; close: number; lead: number; scaleCost: number }> = {}): Levers {
  const k = over.scaleCost ?? 1;
  return {
    shortfallWeight: { value: k * (over.shortfall ?? 5), source: E },
    emptyWeight: { value: k * (over.empty ?? 1), source: E },
    permanent: { costPerPlace: { value: k * (over.build ?? 4), source: E }, leadTime: { value: over.lead ?? 2, source: E }, block: { value: over.block ?? 30, source: E } },
    temporary: { costPerPlaceYear: { value: k * (over.temp ?? 2), source: E }, capShare: { value: over.cap ?? 0.1, source: E }, leadTime: { value: 1, source: E } },
    closure: { costPerPlace: { value: k * (over.close ?? 1.3), source: E }, leadTime: { value: 1, source: E } },
    projects: { maxDefer: { value: 3, source: E }, committedYears: { value: 1, source: E } },
  };
}
