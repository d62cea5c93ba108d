import { ALL_GRADES } from "../cohort/records.js";
import { enrolmentCube } from "../data/cube.js";
import type { Dataset } from "../data/dataset.js";
import { indexSystem } from "../domain/systemIndex.js";
import { fitModel, forecast, type ModelOptions } from "../cohort/model.js";
import { simulate, type RatioErrorModel, type SimulationSources } from "../uncertainty/simulate/index.js";
import { errorSummary, type ErrorCell, type ErrorSummary } from "./metrics.js";
import { taughtGrades, truncateDataset, type TruncateOptions } from "./truncate.js";

/**
 * Pupils per area × grade × year from a base year to `to`, in the layout of `Forecast`:
 * `pupils[(a * grades.length + g) * (to − baseYear + 1) + h]`, h = 0 the base year. A `Forecast`
 * is one; a baseline can build one directly.
 */
export interface PupilPaths {
  readonly areas: readonly string[];
  readonly grades: readonly string[];
  readonly baseYear: number;
  readonly to: number;
  readonly pupils: Float64Array;
}

/** Any forecasting method: given the data known at an origin, pupils up to `to`. */
export type Forecaster = (train: Dataset, to: number) => PupilPaths;

/** Interval estimation inside a backtest (see `simulate`). */
export interface BacktestSimulation {
  readonly draws: number;
  readonly seed: number;
  /** Sources of uncertainty; all on when absent. */
  readonly sources?: SimulationSources;
  /** How ratio errors grow with the years ahead (`SimulateOptions.ratioErrors`). @defaultValue "walk" */
  readonly ratioErrors?: RatioErrorModel;
}

/** The rolling-origin plan of `backtest`. */
export interface BacktestPlan extends TruncateOptions {
  /** Origin (base) years; each must have at least one later year of actuals. */
  readonly origins: readonly number[];
  /** Years ahead to forecast from each origin (cells past the last actual year are skipped). */
  readonly horizon: number;
  /**
   * Floor on the actual for percentage errors (see `ErrorSummary`); 0 for no floor (actuals of 0
   * are then still left out of the percentage errors, and counted in `zeros`). @defaultValue 20
   */
  readonly minActual?: number;
  /**
   * What a cell compares: stage totals per area (`"stage"`), single grades (`"grade"`), or all the
   * grades of an area together (`"all"`, e.g. K–12; cells carry `stage: "all"`).
   * @defaultValue `"stage"`
   */
  readonly level?: BacktestLevel;
  /** Score only these areas (ids of the dataset's areas with enrolment); the fit still uses every area. @defaultValue every area */
  readonly areas?: readonly string[];
  /** With a model method, also simulate and score the 80% and 95% intervals. */
  readonly simulation?: BacktestSimulation;
}

/** What a backtest cell compares (see `BacktestPlan.level`). */
export type BacktestLevel = "stage" | "grade" | "all";

/** The `stage` of cells at `level: "all"`: the all-grades id of `stageTotals` and `simulate`. */
export { ALL_GRADES } from "../cohort/records.js";

/** One forecast cell against its actual. `grade` is present at `level: "grade"`; `stage` is `"all"` at `level: "all"`. */
export interface BacktestCell extends ErrorCell {
  readonly origin: number;
  readonly horizon: number;
  readonly year: number;
  readonly area: string;
  readonly stage: string;
  readonly grade?: string;
}

/** What `backtest` returns: every cell and its summaries. */
export interface BacktestResult {
  readonly cells: readonly BacktestCell[];
  /** All cells together. */
  readonly overall: ErrorSummary;
  /** Per horizon 1..H, over areas, stages and origins. */
  readonly byHorizon: readonly ({ readonly horizon: number } & ErrorSummary)[];
  /** Per horizon and stage (at `level: "all"`, the one stage `"all"`). */
  readonly byHorizonStage: readonly ({ readonly horizon: number; readonly stage: string } & ErrorSummary)[];
  /** Per area, over all horizons. */
  readonly byArea: readonly ({ readonly area: string } & ErrorSummary)[];
  /** Areas left out at an origin because a taught grade's figure was missing there. */
  readonly excluded: readonly { readonly origin: number; readonly areas: readonly string[] }[];
  /** Cells skipped because an actual figure was missing. */
  readonly missingActuals: number;
}

/**
 * Rolling-origin backtest (Tashman 2000, "Out-of-sample tests of forecasting accuracy"; the
 * `cross_validation` of statsforecast). For each origin t: cut the dataset back to t
 * (`truncateDataset`: enrolment ≤ t, births ≤ t + `birthsKnownTo`), fit with `method` (model
 * options, or any `Forecaster`), forecast t + 1 … t + `horizon`, and compare with the actuals.
 *
 * No look-ahead: the forecast at an origin sees only `truncateDataset`'s dataset (grade lists,
 * areas, births, housing, capacity as known then). Cells are stage totals per area (sum of the
 * area's taught grades of the stage), single grades (`level: "grade"`) or all grades of an area
 * (`level: "all"`), for the areas in `areas` (all by default). The actual sums the grades the area
 * teaches in the whole dataset; a grade it had not yet taught at the origin has forecast 0 (what
 * was known then). A cell whose actual has a missing grade figure is skipped and counted in
 * `missingActuals`. Errors follow `ErrorSummary` (percentage errors only for actuals ≥
 * `minActual` and > 0; WAPE over all). With `simulation` at `level: "stage"`, the 80% and 95%
 * intervals are the 10–90% and 2.5–97.5% quantiles of `simulate` on the stage totals, and their
 * coverage is reported.
 *
 * @throws RangeError on an origin outside [firstYear, baseYear − 1], a horizon below 1, no
 *   origins, `simulation` with a custom forecaster, an unknown level, a negative `minActual`, or
 *   an id in `areas` that is not an area with enrolment
 * @throws OptionsError (a RangeError) from `fitModel` when the method's options are invalid for the data
 * @example
 * ```ts
 * const bt = backtest(ds, {}, { origins: [2010, 2011, 2012], horizon: 3 });
 * bt.byHorizon.map((r) => r.mape) // e.g. [1.2, 2.0, 2.9]
 * ```
 */
export function backtest(dataset: Dataset, method: ModelOptions | Forecaster, plan: BacktestPlan): BacktestResult {
  const { origins, horizon } = plan;
  if (origins.length === 0) throw new RangeError("backtest: give at least one origin");
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`backtest: horizon must be an integer ≥ 1, got ${horizon}`);
  for (const o of origins) {
    if (!Number.isInteger(o) || o < dataset.firstYear || o >= dataset.baseYear) {
      throw new RangeError(`backtest: origin ${o} must be an integer school year in ${dataset.firstYear}–${dataset.baseYear - 1} (a later year of actuals is needed)`);
    }
  }
  const custom = typeof method === "function";
  if (custom && plan.simulation) throw new RangeError("backtest: simulation needs model options, not a custom forecaster");
  const level = plan.level ?? "stage";
  if (!["stage", "grade", "all"].includes(level)) throw new RangeError(`backtest: level must be "stage", "grade" or "all", got ${JSON.stringify(level)}`);
  const minActual = plan.minActual ?? 20;
  if (!(minActual >= 0 && Number.isFinite(minActual))) throw new RangeError(`backtest: minActual must be a finite number ≥ 0, got ${minActual}`);
  const ix = indexSystem(dataset.system);
  const full = enrolmentCube(dataset);
  const G = full.grades.length;
  const Y = full.years.length;
  const fullIndex = new Map(full.areas.map((id, i) => [id, i]));
  let scored: Set<string> | undefined;
  if (plan.areas) {
    const unknown = plan.areas.filter((a) => !fullIndex.has(a));
    if (unknown.length) throw new RangeError(`backtest: areas ${unknown.slice(0, 5).map((a) => JSON.stringify(a)).join(", ")}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ""} have no enrolment in the dataset; give ids of areas with enrolment (${full.areas.slice(0, 5).join(", ")}${full.areas.length > 5 ? ", …" : ""})`);
    scored = new Set(plan.areas);
  }
  // The actuals: every grade an area teaches in the whole dataset (a grade it opened after an
  // origin counts in the actual total; the forecast made at the origin has 0 for it).
  const taught = taughtGrades(dataset);
  const groups: { stage: string; grades: readonly number[] }[] =
    level === "all" ? [{ stage: ALL_GRADES, grades: ix.gradeIds.map((_, g) => g) }] : ix.system.stages.map((st) => ({ stage: st.id, grades: ix.gradesOfStage.get(st.id) ?? [] }));

  const cells: BacktestCell[] = [];
  const excluded: { origin: number; areas: string[] }[] = [];
  let missingActuals = 0;
  for (const origin of [...origins].sort((p, q) => p - q)) {
    const to = Math.min(origin + horizon, dataset.baseYear);
    const cut = truncateDataset(dataset, origin, plan);
    if (cut.excluded.length) excluded.push({ origin, areas: [...cut.excluded] });
    // What the forecast at the origin knows: the grades each area taught up to it.
    const known = taughtGrades(cut.dataset);
    let paths: PupilPaths;
    let intervals: Map<string, readonly number[]> | undefined;
    if (custom) paths = method(cut.dataset, to);
    else {
      const model = fitModel(cut.dataset, method);
      paths = forecast(model, { to });
      if (plan.simulation && level === "stage") {
        const sim = simulate(model, { to, draws: plan.simulation.draws, seed: plan.simulation.seed, sources: plan.simulation.sources ?? {}, ...(plan.simulation.ratioErrors ? { ratioErrors: plan.simulation.ratioErrors } : {}), quantiles: [0.025, 0.1, 0.9, 0.975] });
        intervals = new Map(sim.rows.map((r) => [`${r.area}\u0000${r.stage}\u0000${r.year}`, r.pupils]));
      }
    }
    const W = paths.to - paths.baseYear + 1;
    const pIndex = new Map(paths.grades.map((id, i) => [id, i]));
    paths.areas.forEach((area, a) => {
      const fa = fullIndex.get(area);
      const grades = taught.get(area);
      const atOrigin = known.get(area);
      if (fa === undefined || !grades || !atOrigin || (scored && !scored.has(area))) return;
      const fcOf = (g: number, h: number): number => {
        const id = ix.gradeIds[g]!;
        const pg = pIndex.get(id);
        return atOrigin.has(id) && pg !== undefined ? paths.pupils[(a * paths.grades.length + pg) * W + h]! : 0;
      };
      for (const group of groups) {
        const gs = group.grades.filter((g) => grades.has(ix.gradeIds[g]!));
        if (gs.length === 0) continue;
        for (let h = 1; h < W; h++) {
          const year = origin + h;
          const yi = year - full.years[0]!;
          if (level === "grade") {
            for (const g of gs) {
              const actual = full.data[(fa * G + g) * Y + yi]!;
              if (!Number.isFinite(actual)) {
                missingActuals++;
                continue;
              }
              cells.push({ origin, horizon: h, year, area, stage: group.stage, grade: ix.gradeIds[g]!, forecast: fcOf(g, h), actual });
            }
            continue;
          }
          let f = 0;
          let act = 0;
          for (const g of gs) {
            f += fcOf(g, h);
            act += full.data[(fa * G + g) * Y + yi]!;
          }
          if (!Number.isFinite(act)) {
            missingActuals++;
            continue;
          }
          const q = intervals?.get(`${area}\u0000${group.stage}\u0000${year}`);
          cells.push({
            origin,
            horizon: h,
            year,
            area,
            stage: group.stage,
            forecast: f,
            actual: act,
            ...(q ? { lower95: q[0]!, lower80: q[1]!, upper80: q[2]!, upper95: q[3]! } : {}),
          });
        }
      }
    });
  }
  const stageIds = level === "all" ? [ALL_GRADES] : ix.stageIds;
  const byHorizon = [];
  const byHorizonStage = [];
  for (let h = 1; h <= horizon; h++) {
    const hc = cells.filter((c) => c.horizon === h);
    byHorizon.push({ horizon: h, ...errorSummary(hc, minActual) });
    for (const stage of stageIds) {
      const sc = hc.filter((c) => c.stage === stage);
      if (sc.length) byHorizonStage.push({ horizon: h, stage, ...errorSummary(sc, minActual) });
    }
  }
  const byAreaCells = new Map<string, BacktestCell[]>();
  for (const c of cells) {
    let l = byAreaCells.get(c.area);
    if (!l) byAreaCells.set(c.area, (l = []));
    l.push(c);
  }
  const byArea = [...byAreaCells].map(([area, l]) => ({ area, ...errorSummary(l, minActual) }));
  return { cells, overall: errorSummary(cells, minActual), byHorizon, byHorizonStage, byArea, excluded, missingActuals };
}
