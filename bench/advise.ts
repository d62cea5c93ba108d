/**
 * Benchmark of the advisor (issue 19): Yangjiang, 6 counties × 4 stages × 15 years (2021–2035),
 * 1,000 paths (seed 20210101), risk 0.1, `estimatedLevers`; target under 2 s. The simulation is
 * run once and not timed; HiGHS is loaded once (timed apart); then `advise` is timed `RUNS`
 * times (median), with the time of each cell's solve from the slowest run.
 *
 * Run by itself: npx tsx bench/advise.ts [runs] [maxBreakpoints]   (prints one JSON line)
 */
import { advise, capacitySchedule, estimatedLevers, fitModel, forecastWithHousing, loadHighsSolver, simulate, type Solver } from "../src/index.js";
import { yangjiangDataset } from "../src/seeds.js";
import { loadAverage, machine, median } from "./measure.js";

const RUNS = Number(process.argv[2] ?? 3);
const BREAKPOINTS = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const ds = yangjiangDataset();
const hf = forecastWithHousing(fitModel(ds), { to: 2035 });
const sim = simulate(hf.baseline.model, { draws: 1000, seed: 20210101, to: 2035, supply: ds, housing: hf, paths: true });
const schedule = capacitySchedule(ds);
let t0 = performance.now();
const highs = await loadHighsSolver();
const loadMs = performance.now() - t0;
const times: number[] = [];
let cells: { cell: string; ms: number }[] = [];
let slowest = 0;
let cost = 0;
const loadBefore = loadAverage();
for (let r = 0; r < RUNS; r++) {
  const these: { cell: string; ms: number }[] = [];
  let i = 0;
  const timed: Solver = {
    name: highs.name,
    solve(lp) {
      const s = performance.now();
      const out = highs.solve(lp);
      const c = sim.paths!.cells.filter((x) => x.stage !== "all")[i++]!;
      these.push({ cell: `${c.area}/${c.stage}`, ms: Math.round(performance.now() - s) });
      return out;
    },
  };
  t0 = performance.now();
  const a = await advise(sim.paths!, schedule, estimatedLevers, { risk: 0.1, solver: timed, ...(BREAKPOINTS ? { maxBreakpoints: BREAKPOINTS } : {}) });
  const ms = performance.now() - t0;
  times.push(ms);
  cost = a.cells.reduce((s, c) => s + c.advised.cost, 0);
  if (ms > slowest) {
    slowest = ms;
    cells = these;
  }
  if (a.cells.length !== 24) throw new Error(`expected 24 cells, got ${a.cells.length}`);
}
console.log(
  JSON.stringify({
    case: "advise-yangjiang",
    cells: 24,
    years: 15,
    draws: 1000,
    runs: RUNS,
    maxBreakpoints: BREAKPOINTS ?? 48,
    advisedCost: cost,
    medianMs: Math.round(median(times)),
    timesMs: times.map(Math.round),
    highsLoadMs: Math.round(loadMs),
    targetMs: 2000,
    slowestRunCells: cells.sort((a, b) => b.ms - a.ms),
    load: `${loadBefore} → ${loadAverage()}`,
    machine: machine(),
  }),
);
