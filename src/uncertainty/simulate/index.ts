import { lineNotes, supplyLines, type SupplyLine } from "../../capacity/schedule.js";
import { areaIndex, areaMask } from "../../cohort/areaMask.js";
import { forecast, type CohortModel } from "../../cohort/model.js";
import { note, type Note } from "../../domain/notes.js";
import { indexSystem } from "../../domain/systemIndex.js";
import { RankSelector } from "../select.js";
import { Xoshiro128 } from "../xoshiro.js";
import { BufferPool, simulateArea, type Run } from "./area.js";
import { SharedErrors } from "./inputs.js";
import { resolveOptions, slipNotes, type SimulateOptions, type Simulation, type SimulationRow } from "./options.js";
import { CellSummariser } from "./summary.js";
import { containersByPart, containingAreas, containingRows } from "./parents.js";
import type { SimulatedCellPaths } from "./paths.js";
import { resolveTotals } from "./totals.js";

export type { SimulateOptions, Simulation, SimulationRow, SimulationSources, SlipOptions } from "./options.js";
export type { SimulatedCellPaths, SimulatedPaths } from "./paths.js";
export type { SimulateTotals } from "./totals.js";

/**
 * Seeded Monte Carlo simulation of a fitted cohort model: `draws` paths of pupils per area,
 * grade and year, with each source of uncertainty (`SimulationSources`) switchable; summarised
 * per area × stage × year as quantiles of pupils and of surplus, the probability of a shortfall
 * and, per class-size band of the stage, of a class of the band's size or more.
 *
 * Demand and supply are the assessment's: pupils from the model (plus a `HousingForecast`'s
 * housing pupils, each development slipping as a whole), places from the places schedule
 * (`capacitySchedule`, the same rules as `assessCapacity`: with every source off, each row's
 * places equal the schedule's total and `pShortfall` is 1 exactly where `assessCapacity` flags a
 * shortfall). Planned openings stay projects: a draw delays a project's year, and the schedule's
 * rules apply to the moved year.
 *
 * Every path does the arithmetic of `forecast`'s kernel (`projectArea`: ratio × the grade below
 * a year earlier, × births, or a level), in the same order, on perturbed ratios and births, so
 * with every source off each draw, and hence every quantile, equals the deterministic forecast.
 * The draws of an area run in blocks of 128 (one loop over the draws per kernel step); a draw's
 * numbers do not depend on the block it falls in. Quantiles are exact (R's type 7, as
 * `quantiles`). Areas are simulated one at a time (memory grows with draws × stages × years of
 * one area, not with the number of areas), and each area's and births area's random stream is
 * keyed by its id and the draw (`rng(seed, key)`), so an area's result does not depend on the
 * others. The same seed gives the same numbers on every engine and machine: the generator uses
 * 32-bit integer operations only, and exp and log (resampled errors, births paths, the
 * ziggurat's tables) are computed in JavaScript arithmetic by fdlibm's algorithms rather than by
 * `Math.exp` and `Math.log`, whose last bit may differ between engines. In worker threads, post
 * results by copy rather than by transferring buffers: a detached `ArrayBuffer` makes V8 check
 * every later typed-array access in that thread (the benchmark measured the next simulations
 * about 20% slower).
 *
 * An area with places that the model does not forecast but whose parts it does (a city without
 * enrolment of its own over its counties) is simulated as the sum of its parts, draw by draw,
 * against its own places; its rows follow the forecast areas' rows, and come only in a run that
 * includes all its parts (`simulate.parts-left-out` otherwise). Places of an area with no part
 * forecast are noted (`simulate.area-not-forecast`).
 *
 * Sources: Efron & Tibshirani (1993), *An Introduction to the Bootstrap*, ch. 8 (resampling
 * whole time points); births error as a random walk on the log scale (Lee & Tuljapurkar 1994),
 * its normal steps by the ziggurat method (Marsaglia & Tsang 2000; Doornik 2005).
 *
 * @throws RangeError on draws not an integer ≥ 1, a `to` before the base year, quantiles outside
 *   [0, 1], slip options out of range, an `areas` id not in the model, a housing forecast of
 *   another base year or ending before `to`, or supply records naming a stage not in the system
 * @example
 * ```ts
 * const hf = forecastWithHousing(fitModel(ds), { to: 2025 });
 * const sim = simulate(hf.baseline.model, { draws: 1000, seed: 7, to: 2025, supply: ds, housing: hf });
 * sim.rows.find((r) => r.area === "jiangcheng" && r.stage === "primary" && r.year === 2025)?.pShortfall
 * ```
 */
export function simulate(model: CohortModel, options: SimulateOptions): Simulation {
  const opts = resolveOptions(model, options);
  const totals = resolveTotals(model.dataset.system, options.totals);
  const include = areaMask(model.cube.areas, options.areas, "simulate");
  const fc = forecast(model, options.areas ? { to: opts.to, areas: options.areas } : { to: opts.to });
  const notes: Note[] = [];
  const others = new Map<string, SupplyLine[]>();
  const lines = linesByArea(model, options, opts.to, include, notes, others);
  const anyOpening = [...lines.values()].some((m) => [...m.values()].some((l) => l.changes.some((c) => c.mayDelay))) || [...others.values()].some((ls) => ls.some((l) => l.changes.some((c) => c.mayDelay)));
  const anyHousing = (options.housing?.developments.length ?? 0) > 0;
  notes.unshift(...slipNotes(options, opts, anyHousing, anyOpening));
  const run: Run = {
    model,
    fc,
    ix: indexSystem(model.dataset.system),
    opts,
    errors: new SharedErrors(model),
    summariser: new CellSummariser(opts.draws, opts.quantiles, new RankSelector(opts.draws)),
    lines,
    housing: options.housing,
    housingProjects: options.housingProjects ?? "development",
    pool: new BufferPool(),
    gen: new Xoshiro128(0),
    genB: new Xoshiro128(0),
    containers: [],
    containersOf: [],
    totals,
    keep: options.paths ? ([] as SimulatedCellPaths[]) : undefined,
    years: Array.from({ length: opts.horizon }, (_, h) => model.baseYear + 1 + h),
  };
  const containers = containingAreas(run, others, include, totals.containingAreas, (area, stages, reason) => notes.push(note(reason === "no-parts" ? "simulate.area-not-forecast" : "simulate.parts-left-out", { area, stages })));
  const withContainers: Run = { ...run, containers, containersOf: containersByPart(model.cube.areas.length, containers) };
  const rows: SimulationRow[] = [];
  for (let a = 0; a < model.cube.areas.length; a++) if (!include || include[a]) simulateArea(withContainers, a, rows);
  for (const c of containers) containingRows(withContainers, c, rows);
  const base = { draws: opts.draws, seed: opts.seed, to: opts.to, quantiles: opts.quantiles, sources: opts.sources, rows, notes };
  return run.keep ? { ...base, paths: { draws: opts.draws, cells: run.keep } } : base;
}

/**
 * The supply lines of the simulated areas by area and stage, and (`others`) the lines of areas the
 * model does not forecast; the schedule's own notes when it is built here from records.
 */
function linesByArea(model: CohortModel, options: SimulateOptions, to: number, include: Uint8Array | undefined, notes: Note[], others: Map<string, SupplyLine[]>): Map<string, Map<string, SupplyLine>> {
  const out = new Map<string, Map<string, SupplyLine>>();
  const supply = options.supply;
  if (!supply) return out;
  let lines: readonly SupplyLine[];
  if ("lines" in supply) lines = supply.lines;
  else {
    // Built here: the schedule's notes (records not scheduled, removals held at 0 in the years
    // simulated) are this run's to report.
    const built = supplyLines(supply);
    lines = built.lines;
    notes.push(...built.notes, ...lineNotes(lines, model.baseYear + 1, Math.max(to, model.baseYear + 1)));
  }
  const index = areaIndex(model.cube.areas);
  for (const line of lines) {
    const a = index.get(line.area);
    if (a === undefined) {
      const list = others.get(line.area);
      if (list) list.push(line);
      else others.set(line.area, [line]);
      continue;
    }
    if (include && !include[a]) continue;
    let m = out.get(line.area);
    if (!m) out.set(line.area, (m = new Map()));
    m.set(line.stage, line);
  }
  return out;
}
