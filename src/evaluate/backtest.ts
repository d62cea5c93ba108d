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
  /** Floor on the actual for percentage errors (see `ErrorSummary`). @defaultValue 20 */
  readonly minActual?: number;
  /** Compare stage totals per area (`"stage"`) or single grades (`"grade"`). @defaultValue `"stage"` */
  readonly level?: "stage" | "grade";
  /** With a model method, also simulate and score the 80% and 95% intervals. */
  readonly simulation?: BacktestSimulation;
}

/** One forecast cell against its actual. `grade` is present at `level: "grade"`. */
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
  /** Per horizon and stage. */
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
 * Cells are stage totals per area (sum of the area's taught grades of the stage) or, with
 * `level: "grade"`, single grades. A cell whose actual has a missing grade figure is skipped and
 * counted in `missingActuals`. Errors follow `ErrorSummary` (percentage errors only for actuals
 * ≥ `minActual`; WAPE over all). With `simulation`, the 80% and 95% intervals are the 10–90% and
 * 2.5–97.5% quantiles of `simulate` on the stage totals, and their coverage is reported.
 *
 * @throws RangeError on an origin outside [firstYear, baseYear − 1], a horizon below 1, no
 *   origins, or `simulation` with a custom forecaster
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
  const ix = indexSystem(dataset.system);
  const full = enrolmentCube(dataset);
  const G = full.grades.length;
  const Y = full.years.length;
  const fullIndex = new Map(full.areas.map((id, i) => [id, i]));
  const taught = taughtGrades(dataset);

  const cells: BacktestCell[] = [];
  const excluded: { origin: number; areas: string[] }[] = [];
  let missingActuals = 0;
  for (const origin of [...origins].sort((p, q) => p - q)) {
    const to = Math.min(origin + horizon, dataset.baseYear);
    const cut = truncateDataset(dataset, origin, plan);
    if (cut.excluded.length) excluded.push({ origin, areas: [...cut.excluded] });
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
    paths.areas.forEach((area, a) => {
      const fa = fullIndex.get(area);
      const grades = taught.get(area);
      if (fa === undefined || !grades) return;
      for (const stage of ix.system.stages) {
        const gs = (ix.gradesOfStage.get(stage.id) ?? []).filter((g) => grades.has(ix.gradeIds[g]!));
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
              cells.push({ origin, horizon: h, year, area, stage: stage.id, grade: ix.gradeIds[g]!, forecast: paths.pupils[(a * G + g) * W + h]!, actual });
            }
            continue;
          }
          let f = 0;
          let act = 0;
          for (const g of gs) {
            f += paths.pupils[(a * G + g) * W + h]!;
            act += full.data[(fa * G + g) * Y + yi]!;
          }
          if (!Number.isFinite(act)) {
            missingActuals++;
            continue;
          }
          const q = intervals?.get(`${area}\u0000${stage.id}\u0000${year}`);
          cells.push({
            origin,
            horizon: h,
            year,
            area,
            stage: stage.id,
            forecast: f,
            actual: act,
            ...(q ? { lower95: q[0]!, lower80: q[1]!, upper80: q[2]!, upper95: q[3]! } : {}),
          });
        }
      }
    });
  }
  const minActual = plan.minActual ?? 20;
  const byHorizon = [];
  const byHorizonStage = [];
  for (let h = 1; h <= horizon; h++) {
    const hc = cells.filter((c) => c.horizon === h);
    byHorizon.push({ horizon: h, ...errorSummary(hc, minActual) });
    for (const stage of ix.stageIds) {
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
