import type { Advice } from "./advise.js";

/** One side (the plan, or the advice) of a stage summed over its areas. */
export interface StageSide {
  /** Permanent places first serving in the period: planned projects (and, advised, new blocks). */
  readonly newPlaces: number;
  /** Σ over areas and years of the expected empty places (place-years). */
  readonly emptyPlaceYears: number;
  /** Σ over areas and years of the expected pupils short (pupil-years). */
  readonly shortfallPupilYears: number;
  /** Σ of the cells' costs (levers' unit). */
  readonly cost: number;
  /** The largest P(shortfall) of any area and year. */
  readonly maxPShortfall: number;
  /** Area-years with P(shortfall) above the risk target. */
  readonly cellYearsOverRisk: number;
}

/** A stage, the plan beside the advice. */
export interface StageComparison {
  readonly stage: string;
  readonly areas: number;
  readonly plan: StageSide;
  readonly advised: StageSide;
  /** Advised temporary place-years and places closed, over the areas. */
  readonly temporaryPlaceYears: number;
  readonly placesClosed: number;
  /** Place-years of neighbours' places used by the stage's pupils (the moves lever; 0 without it). */
  readonly movedPlaceYears: number;
}

/**
 * The plan beside the advice per stage, summed over the areas: new permanent places first
 * serving in [from, to] (the plan's projects on time; the advice's kept, deferred and committed
 * projects in their advised year plus new blocks), expected empty place-years and shortfall
 * pupil-years over all the years advised, cost, and the largest P(shortfall) of any area-year.
 *
 * @param advice - `advise`'s result
 * @param period - the plan period (2021–2025 for the Yangjiang plan)
 * @example
 * ```ts
 * compareWithPlan(advice, { from: 2021, to: 2025 }).map((s) => [s.stage, s.plan.newPlaces, s.advised.newPlaces])
 * ```
 */
export function compareWithPlan(advice: Advice, period: { readonly from: number; readonly to: number }): StageComparison[] {
  const inP = (y: number | null) => y !== null && y >= period.from && y <= period.to;
  const by = new Map<string, { areas: number; plan: { -readonly [K in keyof StageSide]: number }; advised: { -readonly [K in keyof StageSide]: number }; temp: number; closed: number; moved: number }>();
  const side = () => ({ newPlaces: 0, emptyPlaceYears: 0, shortfallPupilYears: 0, cost: 0, maxPShortfall: 0, cellYearsOverRisk: 0 });
  for (const c of advice.cells) {
    let s = by.get(c.stage);
    if (!s) by.set(c.stage, (s = { areas: 0, plan: side(), advised: side(), temp: 0, closed: 0, moved: 0 }));
    s.areas++;
    for (const p of c.projects) {
      if (inP(p.year)) s.plan.newPlaces += p.places;
      if (inP(p.advisedYear)) s.advised.newPlaces += p.places;
    }
    let prev = 0;
    for (const r of c.rows) {
      if (inP(r.year)) s.advised.newPlaces += r.newPermanent - prev;
      prev = r.newPermanent;
    }
    for (const [k, cost] of [["plan", c.plan], ["advised", c.advised]] as const) {
      const t = s[k];
      t.emptyPlaceYears += cost.emptyPlaceYears;
      t.shortfallPupilYears += cost.shortfallPupilYears;
      t.cost += cost.cost;
      t.maxPShortfall = Math.max(t.maxPShortfall, cost.maxPShortfall);
      t.cellYearsOverRisk += cost.yearsOverRisk.length;
    }
    s.temp += c.advised.temporaryPlaceYears;
    s.closed += c.advised.placesClosed;
    s.moved += c.advised.movedPlaceYears;
  }
  return [...by].map(([stage, s]) => ({ stage, areas: s.areas, plan: s.plan, advised: s.advised, temporaryPlaceYears: s.temp, placesClosed: s.closed, movedPlaceYears: s.moved }));
}
