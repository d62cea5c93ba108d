/**
 * `placecast advise`: the advisor on a dataset (or the Yangjiang seed): fit, forecast with
 * housing, simulate the paths, and advise which planned places to keep, defer or cancel and what
 * else to add, beside the plan.
 */
import { capacitySchedule } from "../capacity/schedule.js";
import { fitModel } from "../cohort/model.js";
import type { Dataset } from "../data/dataset.js";
import type { Lang } from "../domain/sourced.js";
import { forecastWithHousing } from "../housing/forecast.js";
import { simulate } from "../uncertainty/simulate/index.js";
import { advise, type Advice } from "../advise/advise.js";
import { estimatedLevers, estimatedMoves, siblingGroups, type Levers } from "../advise/levers.js";
import { sourced } from "../domain/sourced.js";
import { compareWithPlan, type StageComparison } from "../advise/summary.js";
import { adviceNoteText, adviceSummary, presentAdviceTable } from "./advisePresent.js";
import type { Table } from "../io/write.js";
import { presenter } from "./present.js";

/** Options of `runAdvise`. */
export interface AdviseRunOptions {
  readonly to: number;
  readonly draws: number;
  readonly seed: number;
  readonly risk: number;
  readonly housing: boolean;
  /** The period whose new places are compared (the plan's). */
  readonly period: { readonly from: number; readonly to: number };
  readonly lang: Lang;
  /**
   * Places may move between areas of the same parent (`siblingGroups`), at `estimatedMoves` or
   * the cost per place-year and cap share given here. @defaultValue no moves
   */
  readonly moves?: { readonly costPerPlaceYear?: number; readonly capShare?: number } | undefined;
}

/** What `runAdvise` returns: the advice, the comparison per stage, tables and the printed summary. */
export interface AdviseRun {
  readonly advice: Advice;
  readonly comparison: readonly StageComparison[];
  readonly tables: Table[];
  readonly summary: string;
}

/** Runs the advisor pipeline on a validated dataset. */
export async function runAdvise(ds: Dataset, o: AdviseRunOptions): Promise<AdviseRun> {
  const model = fitModel(ds);
  const withHousing = o.housing && (ds.housing?.length ?? 0) > 0;
  const hf = withHousing ? forecastWithHousing(model, { to: o.to }) : undefined;
  const sim = simulate(hf ? hf.baseline.model : model, { draws: o.draws, seed: o.seed, to: o.to, supply: ds, ...(hf ? { housing: hf } : {}), paths: true });
  const levers: Levers = o.moves
    ? {
        ...estimatedLevers,
        moves: {
          ...estimatedMoves,
          groups: sourced(siblingGroups(ds.areas), "siblingGroups: the areas of the dataset with the same parent"),
          ...(o.moves.costPerPlaceYear !== undefined ? { costPerPlaceYear: sourced(o.moves.costPerPlaceYear, "command line (--move-cost)") } : {}),
          ...(o.moves.capShare !== undefined ? { capShare: sourced(o.moves.capShare, "command line (--move-cap)") } : {}),
        },
      }
    : estimatedLevers;
  const advice = await advise(sim.paths!, capacitySchedule(ds), levers, { risk: o.risk });
  const comparison = compareWithPlan(advice, o.period);
  // The presentation (language, names, decisions): src/cli/advisePresent.ts.
  const ctx = { lang: o.lang, system: ds.system, areas: ds.areas };
  const areaName = presenter(ctx).areaName;
  const tables: Table[] = [
    {
      name: "advice",
      columns: ["area", "stage", "year", "planPlaces", "advisedPlaces", "base", "projects", "newPermanent", "temporary", "closed", "quantile", "planPShortfall", "advisedPShortfall", "planExpectedEmpty", "advisedExpectedEmpty", "planExpectedShortfall", "advisedExpectedShortfall"],
      rows: advice.rows.map((r) => [r.area, r.stage, r.year, r.planPlaces, r.advisedPlaces, r.base, r.projects, r.newPermanent, r.temporary, r.closed, r.quantile, r.plan.pShortfall, r.advised.pShortfall, r.plan.expectedEmpty, r.advised.expectedEmpty, r.plan.expectedShortfall, r.advised.expectedShortfall]),
    },
    {
      name: "projects",
      columns: ["area", "stage", "project", "places", "year", "decision", "advisedYear"],
      rows: advice.projects.map((p) => [p.area, p.stage, p.project, p.places, p.year, p.decision, p.advisedYear]),
    },
    // With --moves: the places one area lends another, per stage and year (names beside ids).
    ...(o.moves
      ? [{ name: "moves", columns: ["lender", "lender_name", "borrower", "borrower_name", "stage", "year", "places"], rows: advice.moves.map((m) => [m.from, areaName(m.from), m.to, areaName(m.to), m.stage, m.year, m.places]) }]
      : []),
    { name: "adviceNotes", columns: ["code", "note"], rows: advice.notes.map((n) => [n.code, adviceNoteText(n, ctx)]) },
  ].map((t) => presentAdviceTable(t, ctx));
  const summary = adviceSummary(comparison, { ...ctx, risk: o.risk, draws: o.draws, seed: o.seed, decisionYear: advice.decisionYear, period: o.period, ...(o.moves ? { moves: advice.moves } : {}) });
  return { advice, comparison, tables, summary };
}
