/**
 * Where the time of the Yangjiang `advise` case (bench/advise.ts) goes: per run, the LP text
 * (`lpText`), the HiGHS solve (`highs.solve` on that text, the same options as `loadHighsSolver`),
 * reading the solution back, and the rest (building each cell's program, evaluating the plans
 * over the draws, the summary). Optional HiGHS options as JSON replace nothing but are added to
 * the MIP's (to try one; compare the advice with scripts/advise-snapshot.ts before keeping it).
 *
 *   npx tsx bench/advise-phases.ts [runs] ['{"presolve":"off"}']
 */
import highsLoader from "highs";
import { advise, capacitySchedule, estimatedLevers, fitModel, forecastWithHousing, simulate } from "../src/index.js";
import { yangjiangDataset } from "../src/seeds.js";
import { lpText, type Solver } from "../src/advise/solver.js";

interface HighsRaw {
  solve(lp: string, o: Record<string, string | number | boolean>): { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal: number }> };
}
const runs = Number(process.argv[2] ?? 3);
const extra = JSON.parse(process.argv[3] ?? "{}") as Record<string, string | number | boolean>;
const ds = yangjiangDataset();
const hf = forecastWithHousing(fitModel(ds), { to: 2035 });
const sim = simulate(hf.baseline.model, { draws: 1000, seed: 20210101, to: 2035, supply: ds, housing: hf, paths: true });
const highs = (await highsLoader()) as unknown as HighsRaw;
const cells = sim.paths!.cells.filter((x) => x.stage !== "all");
for (let r = 0; r < runs; r++) {
  let text = 0;
  let solve = 0;
  let read = 0;
  let i = 0;
  const per: string[] = [];
  const solver: Solver = {
    name: "highs",
    solve(lp) {
      let t = performance.now();
      const s = lpText(lp);
      text += performance.now() - t;
      const mip = lp.variables.some((v) => v.kind === "integer" || v.kind === "binary");
      t = performance.now();
      const res = highs.solve(s, mip ? { mip_rel_gap: 1e-4, random_seed: 0, mip_heuristic_run_feasibility_jump: false, ...extra } : { random_seed: 0 });
      const ms = performance.now() - t;
      solve += ms;
      const c = cells[i++]!;
      per.push(`${c.area}/${c.stage} ${Math.round(ms)}`);
      t = performance.now();
      const values = new Map<string, number>();
      for (const v of lp.variables) values.set(v.name, res.Columns[v.name]?.Primal ?? 0);
      read += performance.now() - t;
      return { status: res.Status === "Optimal" ? "optimal" : "other", detail: res.Status, objective: res.ObjectiveValue, values };
    },
  };
  const t0 = performance.now();
  const a = await advise(sim.paths!, capacitySchedule(ds), estimatedLevers, { risk: 0.1, solver });
  const total = performance.now() - t0;
  const f = (x: number) => Math.round(x);
  console.log(JSON.stringify({ run: r + 1, totalMs: f(total), lpTextMs: f(text), highsSolveMs: f(solve), readBackMs: f(read), restMs: f(total - text - solve - read), cost: a.cells.reduce((s, c) => s + c.advised.cost, 0), slowest: per.sort((x, y) => Number(y.split(" ")[1]) - Number(x.split(" ")[1])).slice(0, 3) }));
}
