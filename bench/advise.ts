/**
 * Benchmark of the advisor (issue 19): Yangjiang, 6 counties × 4 stages × 15 years (2021–2035),
 * 1,000 paths (seed 20210101), risk 0.1, `estimatedLevers`; target under 2 s. The simulation is
 * run once and not timed; HiGHS is loaded once (timed apart); then `advise` is timed `RUNS`
 * times (median), with the time of each cell's solve from the slowest run.
 *
 * Run by itself: npx tsx bench/advise.ts [runs] [maxBreakpoints]   (prints one JSON line; uses src/);
 * in `npm run bench` as the case `advise` (on dist/, its own process).
 */
import { fileURLToPath } from "node:url";
import type { Solver } from "../src/index.js";
import { loadAverage, machine, summarise, type Lib, type Timing } from "./measure.js";

/** The Yangjiang advice case: simulation untimed, HiGHS loaded once (timed apart), `advise` timed `RUNS` times. */
export async function adviseYangjiangCase(lib: Lib, RUNS: number, BREAKPOINTS?: number): Promise<Record<string, unknown> & { time: Timing }> {
const { advise, capacitySchedule, estimatedLevers, fitModel, forecastWithHousing, loadHighsSolver, simulate } = lib;
const ds = lib.yangjiangDataset();
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
return {
    case: "advise",
    cells: 24,
    years: 15,
    draws: 1000,
    runs: RUNS,
    maxBreakpoints: BREAKPOINTS ?? 48,
    advisedCost: cost,
    time: summarise(times),
    highsLoadMs: Math.round(loadMs),
    targetMs: 2000,
    slowestRunCells: cells.sort((a, b) => b.ms - a.ms).slice(0, 5),
    load: `${loadBefore} → ${loadAverage()}`,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const lib = { ...(await import("../src/index.js")), ...(await import("../src/seeds.js")) } as Lib;
  const out = await adviseYangjiangCase(lib, Number(process.argv[2] ?? 3), process.argv[3] === undefined ? undefined : Number(process.argv[3]));
  console.log(JSON.stringify({ ...out, machine: machine() }));
}
