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
import { estimatedLevers } from "../advise/levers.js";
import { compareWithPlan, type StageComparison } from "../advise/summary.js";
import { adviseNoteTexts } from "../report/notes/advise.js";
import { textTable } from "../report/textTable.js";
import type { Table } from "../io/write.js";

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
}

/** What `runAdvise` returns: the advice, the comparison per stage, tables and the printed summary. */
export interface AdviseRun {
  readonly advice: Advice;
  readonly comparison: readonly StageComparison[];
  readonly tables: Table[];
  readonly summary: string;
}

const r0 = (x: number): number => Math.round(x);

/** Runs the advisor pipeline on a validated dataset. */
export async function runAdvise(ds: Dataset, o: AdviseRunOptions): Promise<AdviseRun> {
  const model = fitModel(ds);
  const withHousing = o.housing && (ds.housing?.length ?? 0) > 0;
  const hf = withHousing ? forecastWithHousing(model, { to: o.to }) : undefined;
  const sim = simulate(hf ? hf.baseline.model : model, { draws: o.draws, seed: o.seed, to: o.to, supply: ds, ...(hf ? { housing: hf } : {}), paths: true });
  const advice = await advise(sim.paths!, capacitySchedule(ds), estimatedLevers, { risk: o.risk });
  const comparison = compareWithPlan(advice, o.period);
  const render = (code: string, p: Parameters<(typeof adviseNoteTexts)[string]["en"]>[0]) => {
    const t = adviseNoteTexts[code];
    return t ? (o.lang === "zh-CN" ? t.zh(p) : t.en(p)) : code;
  };
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
    { name: "adviceNotes", columns: ["code", "note"], rows: advice.notes.map((n) => [n.code, render(n.code, n.params)]) },
  ];
  const summary = [
    `Advice at P(shortfall) ≤ ${o.risk} per area-stage-year, ${o.draws} paths (seed ${o.seed}), decided in ${advice.decisionYear}; costs in empty place-years (estimatedLevers: estimates)`,
    textTable(
      ["stage", `new places ${o.period.from}–${o.period.to} plan`, "advised", "empty place-yrs plan", "advised", "short pupil-yrs plan", "advised", "max P(short) plan", "advised", "cost plan", "advised"],
      comparison.map((c) => [c.stage, r0(c.plan.newPlaces), r0(c.advised.newPlaces), r0(c.plan.emptyPlaceYears), r0(c.advised.emptyPlaceYears), r0(c.plan.shortfallPupilYears), r0(c.advised.shortfallPupilYears), c.plan.maxPShortfall.toFixed(3), c.advised.maxPShortfall.toFixed(3), r0(c.plan.cost), r0(c.advised.cost)].map(String)),
      ["left"],
    ),
  ].join("\n");
  return { advice, comparison, tables, summary };
}
