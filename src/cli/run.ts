import { assessCapacity, sumAssessments, type AssessOptions, type Assessment } from "../capacity/assess.js";
import { fitModel, forecast, type Forecast, type ModelOptions } from "../cohort/model.js";
import { stageTotals, sumOverAreas, type StageRecord } from "../cohort/records.js";
import type { Dataset } from "../data/dataset.js";
import { backtest, type BacktestPlan, type BacktestResult } from "../evaluate/backtest.js";
import { errorSummary } from "../evaluate/metrics.js";
import { indexSystem } from "../domain/systemIndex.js";
import { note, type Note } from "../domain/notes.js";
import { forecastWithHousing, type HousingForecast } from "../housing/forecast.js";
import type { YieldTable } from "../housing/yield.js";
import { componentStageTotals } from "../housing/records.js";
import type { Lang } from "../domain/sourced.js";
import { simulate, type Simulation } from "../uncertainty/simulate/index.js";
import { assessmentTable, pupilsTable, simulationTable, stagesTable } from "../io/tables.js";
import type { Cell, Table } from "../io/write.js";
import type { Progress } from "./progress.js";
import { renderNote } from "../report/notes/index.js";
import { runSchools, type SchoolRun } from "./schools.js";
import { issueText } from "../io/issueText.js";

/** A note of a run: its code (`fit.…`, `schedule.…`, `cli.…`, or a data issue's code), and its text in the run's language. */
export interface RunNote {
  /** The note's code (kept as `topic` too, for the notes table's first column). */
  readonly topic: string;
  readonly code: string;
  readonly message: string;
}

/** What the forecast command computes. */
export interface ForecastRun {
  /** Result tables with English column keys, ids and codes as values, exact numbers (`presentTable` translates them). */
  readonly tables: Table[];
  readonly to: number;
  readonly areas: number;
  readonly assessment: readonly Assessment[];
  readonly simulation?: Simulation;
  readonly notes: readonly RunNote[];
  /** The forecast (baseline: without housing pupils). */
  readonly forecast: Forecast;
  /** Pupils per area, stage and year reported (with housing pupils when housing was added), without totals. */
  readonly stages: readonly StageRecord[];
  /** The notes of building the places schedule. */
  readonly capacityNotes: readonly Note[];
  /** The school tables and notes, when the dataset has schools (`runSchools`). */
  readonly schools?: SchoolRun;
}

/** Options of `runForecast`. */
export interface ForecastRunOptions {
  readonly to: number;
  readonly draws?: number;
  readonly seed?: number;
  readonly lang: Lang;
  /** Add housing pupils when the dataset has housing records. */
  readonly housing: boolean;
  readonly model?: ModelOptions;
  /** Yield table of the housing records. @defaultValue the system's `defaultYields` */
  readonly yields?: YieldTable;
  /** Thresholds and standard class sizes of the assessment. @defaultValue the defaults of `assessCapacity` */
  readonly assess?: Pick<AssessOptions, "headroomMargin" | "utilisationFloor" | "standardClassSizes">;
}

/** Areas that contain forecast areas but are not forecast themselves (a city over its counties), with their forecast descendants. */
function parentTotals(ds: Dataset, forecastAreas: ReadonlySet<string>): Map<string, Set<string>> {
  const parentOf = new Map(ds.areas.map((a) => [a.id, a.parent]));
  const out = new Map<string, Set<string>>();
  for (const id of forecastAreas) {
    const seen = new Set<string>();
    for (let p = parentOf.get(id); p !== undefined && !seen.has(p); p = parentOf.get(p)) {
      seen.add(p);
      if (forecastAreas.has(p)) continue;
      let set = out.get(p);
      if (!set) out.set(p, (set = new Set()));
      set.add(id);
    }
  }
  return out;
}

/**
 * The forecast pipeline of the command line: fit, forecast (with housing pupils when the dataset
 * has housing records), stage totals with totals for containing areas, the capacity assessment
 * when the dataset has capacity records, a seeded simulation when `draws` is given, and the
 * school tables when the dataset has schools (`runSchools`).
 */
export function runForecast(ds: Dataset, o: ForecastRunOptions, progress: Progress): ForecastRun {
  const withHousing = o.housing && (ds.housing?.length ?? 0) > 0;
  const withCapacity = (ds.capacity?.length ?? 0) > 0;
  const steps = 2 + (withCapacity ? 1 : 0) + (o.draws ? 1 : 0) + ((ds.schools?.length ?? 0) > 0 ? 1 : 0);
  const lang = o.lang;
  const notes: RunNote[] = [];
  const add = (n: Note): void => void notes.push(codedNote(n, lang));
  const step = (code: string, params: Note["params"] = {}): string => renderNote(note(code, params), lang);
  progress.start(steps, step("cli.step-fit"));
  const model = fitModel(ds, o.model ?? {});
  for (const n of model.notes) add(n);
  progress.tick(step(withHousing ? "cli.step-forecast-housing" : "cli.step-forecast"));

  const tables: Table[] = [];
  let stages: StageRecord[];
  let hf: HousingForecast | undefined;
  let fc: Forecast;
  if (withHousing) {
    hf = forecastWithHousing(model, { to: o.to, ...(o.yields ? { yields: o.yields } : {}) });
    for (const n of hf.notes) add(n);
    fc = hf.baseline;
    tables.push(pupilsTable(hf.baseline));
    const comp = componentStageTotals(hf);
    stages = comp.filter((r) => r.component === "total").map(({ component: _c, ...r }) => r);
    tables.push({
      name: "housing",
      columns: ["area", "year", "stage", "component", "pupils", "kind", "basis"],
      rows: comp.map((r): Cell[] => [r.area, r.year, r.stage, r.component, r.pupils, r.kind, r.basis]),
    });
  } else {
    fc = forecast(model, { to: o.to });
    tables.push(pupilsTable(fc));
    stages = stageTotals(fc);
  }
  const groups = parentTotals(ds, new Set(stages.map((r) => r.area)));
  const totals = [...groups].flatMap(([p, kids]) => sumOverAreas(stages.filter((r) => kids.has(r.area)), p));
  tables.splice(1, 0, stagesTable(stages, totals));

  let assessment: Assessment[] = [];
  let capacityNotes: readonly Note[] = [];
  if (withCapacity) {
    progress.tick(step("cli.step-assess"));
    const rows = assessCapacity(stages, ds, { ...o.assess, missingPlaces: "skip" });
    capacityNotes = rows.notes;
    for (const n of rows.notes) add(n);
    const sums = [...groups].flatMap(([p, kids]) => {
      const part = rows.filter((r) => kids.has(r.area));
      return part.length ? sumAssessments(part, p) : [];
    });
    assessment = [...sums, ...rows];
    const covered = new Set(rows.map((r) => `${r.area}\u0000${r.stage}`));
    const missing = [...new Set(stages.map((r) => `${r.area}\u0000${r.stage}`))].filter((k) => !covered.has(k));
    if (missing.length) add(note("cli.no-places", { cells: missing.map((k) => k.replace("\u0000", " ")) }));
    tables.push(assessmentTable(assessment, { bands: ds.system.classSizeBands.map((b) => b.id) }));
    const first = rows[0];
    if (first) add(first.assumption);
  }

  let simulation: Simulation | undefined;
  if (o.draws) {
    progress.tick(step("cli.step-simulate", { draws: o.draws }));
    simulation = simulate(model, {
      draws: o.draws,
      seed: o.seed ?? 1,
      to: o.to,
      ...(withCapacity ? { supply: ds } : {}),
      ...(hf ? { housing: hf } : {}),
      // Containing areas (a city over its counties) get rows too: quantiles of the summed paths.
      totals: { containingAreas: true },
    });
    // The schedule's notes are already among the assessment's; the simulation's own are added.
    for (const n of simulation.notes) if (!(withCapacity && n.code.startsWith("schedule."))) add(n);
    add(note("cli.simulation", { draws: o.draws, seed: o.seed ?? 1 }));
    tables.push(simulationTable(simulation));
  }
  // Schools (issue 16): every school inside the area forecast the run reports (with housing pupils).
  let schools: SchoolRun | undefined;
  if ((ds.schools?.length ?? 0) > 0) {
    progress.tick(step("cli.schools-step", { schools: ds.schools!.length }));
    const areaForecast = hf && sameLayout(hf, fc) ? { ...fc, pupils: hf.total } : fc;
    schools = runSchools(ds, areaForecast, { utilisationFloor: o.assess?.utilisationFloor, render: (n) => renderNote(n, lang) });
    for (const n of schools.notes) add(n);
    tables.push(...schools.tables);
  }
  // The readers' warnings: their coded detail (`data.…`) and its text in the run's language.
  for (const w of ds.warnings) notes.push({ topic: w.code, code: w.detail?.code ?? w.code, message: issueText(w, lang) });
  tables.push(runNotesTable(notes));
  progress.tick(step("cli.step-done"));
  progress.end();
  return { tables, to: o.to, areas: new Set(stages.map((r) => r.area)).size, assessment, ...(simulation ? { simulation } : {}), notes, forecast: fc, stages, capacityNotes, ...(schools ? { schools } : {}) };
}

/** Whether the housing forecast's cube has the baseline's areas, grades and years in the same order (its `total` then lines up with `pupils`). */
function sameLayout(hf: HousingForecast, fc: Forecast): boolean {
  const same = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
  return same(hf.areas, fc.areas) && same(hf.grades, fc.grades) && same(hf.years, fc.years) && hf.total.length === fc.pupils.length;
}

/**
 * The notes as a table: the layer of each note's code as the topic (`fit`, `housing`, `flags`,
 * `schedule`, `simulate`, `cli`, or `data` for the readers' warnings), the code, and the text.
 *
 * @example
 * ```ts
 * runNotesTable([{ topic: "cli.simulation", code: "cli.simulation", message: "100 draws, seed 1" }]).rows // [["cli", "cli.simulation", "100 draws, seed 1"]]
 * ```
 */
export function runNotesTable(notes: readonly RunNote[]): Table {
  const layer = (code: string): string => (code.includes(".") ? code.slice(0, code.indexOf(".")) : "data");
  return { name: "notes", columns: ["topic", "code", "message"], rows: notes.map((n): Cell[] => [layer(n.code), n.code, n.message]) };
}

/** A coded note as a notes row: its code as the topic, its text in the output's language. */
function codedNote(n: Note, lang: Lang): RunNote {
  return { topic: n.code, code: n.code, message: renderNote(n, lang) };
}

/**
 * Runs a backtest one origin at a time (so that progress can be shown) and combines the parts
 * exactly as `backtest` does for all origins at once: cells in origin order, summaries per
 * horizon, per horizon and stage, and per area over all cells.
 */
export function runBacktest(ds: Dataset, plan: BacktestPlan, progress: Progress, lang: Lang = "en", model: ModelOptions = {}): BacktestResult {
  const origins = [...plan.origins].sort((p, q) => p - q);
  const step = (code: string, params: Note["params"] = {}): string => renderNote(note(code, params), lang);
  progress.start(origins.length, step("cli.step-origin", { origin: origins[0]! }));
  const parts: BacktestResult[] = [];
  origins.forEach((origin, i) => {
    parts.push(backtest(ds, model, { ...plan, origins: [origin] }));
    progress.tick(i + 1 < origins.length ? step("cli.step-origin", { origin: origins[i + 1]! }) : step("cli.step-summarise"));
  });
  progress.end();
  return combineBacktests(parts, ds, plan);
}

/** Combines per-origin backtests into one result (see `runBacktest`). */
export function combineBacktests(parts: readonly BacktestResult[], ds: Dataset, plan: BacktestPlan): BacktestResult {
  const minActual = plan.minActual ?? 20;
  const cells = parts.flatMap((p) => p.cells);
  const byHorizon = [];
  const byHorizonStage = [];
  for (let h = 1; h <= plan.horizon; h++) {
    const hc = cells.filter((c) => c.horizon === h);
    byHorizon.push({ horizon: h, ...errorSummary(hc, minActual) });
    for (const stage of indexSystem(ds.system).stageIds) {
      const sc = hc.filter((c) => c.stage === stage);
      if (sc.length) byHorizonStage.push({ horizon: h, stage, ...errorSummary(sc, minActual) });
    }
  }
  const byAreaCells = new Map<string, (typeof cells)[number][]>();
  for (const c of cells) {
    let l = byAreaCells.get(c.area);
    if (!l) byAreaCells.set(c.area, (l = []));
    l.push(c);
  }
  return {
    cells,
    overall: errorSummary(cells, minActual),
    byHorizon,
    byHorizonStage,
    byArea: [...byAreaCells].map(([area, l]) => ({ area, ...errorSummary(l, minActual) })),
    excluded: parts.flatMap((p) => p.excluded),
    missingActuals: parts.reduce((s, p) => s + p.missingActuals, 0),
  };
}

