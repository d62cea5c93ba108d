/**
 * The school-level backtest on Atlanta Public Schools (test/fixtures/atlanta-schools): per
 * horizon, MAPE, MdAPE and bias of school totals for the default school model against the plain
 * per-school method and persistence, and the coverage of the default's 80% intervals.
 * Called by bench/accuracy.ts; run alone with `npx tsx bench/schools-accuracy.ts`.
 */
import { loadAtlantaSchools } from "../test/fixtures/atlanta-schools/load.js";
import { parseDataset, usK12SchoolSystem } from "../src/index.js";
import { backtestSchools, type SchoolBacktestResult } from "../src/schools/backtest.js";

/** Origins of the Atlanta backtest: 3 transitions of history at the first, h = 1 at the last. */
export const ATLANTA_ORIGINS: readonly number[] = [2010, 2011, 2012, 2013, 2014, 2015, 2016];

/** Paths simulated at each origin (area paths, school paths reconciled to them) for the path coverage column. */
export const ATLANTA_PATHS = { draws: 1000, seed: 16 } as const;

/** Runs the Atlanta school backtest. */
export function atlantaSchoolBacktest(options: Parameters<typeof backtestSchools>[1]["schools"] = {}): SchoolBacktestResult {
  const ds = parseDataset(loadAtlantaSchools().input, usK12SchoolSystem);
  return backtestSchools(ds, { origins: ATLANTA_ORIGINS, maxHorizon: 5, schools: options, paths: ATLANTA_PATHS });
}

/** The backtest as a Markdown table with the goal checks. */
export function schoolAccuracyTable(r: SchoolBacktestResult = atlantaSchoolBacktest()): string {
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : "–");
  const lines = [
    "Atlanta Public Schools, school totals, rolling origins 2010–2016 (default vs plain per-school vs persistence)",
    "",
    "| h | n | MAPE default | MAPE plain | MAPE persistence | MdAPE default | MdAPE plain | MdAPE persistence | bias default | bias plain | bias persistence | 80% coverage |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  const checks: string[] = [];
  const paths: string[] = [];
  for (let h = 1; h <= 5; h++) {
    const d = r.rows.find((x) => x.horizon === h && x.method === "default");
    const p = r.rows.find((x) => x.horizon === h && x.method === "plain");
    const q = r.rows.find((x) => x.horizon === h && x.method === "persistence");
    if (!d || !p || !q) continue;
    lines.push(`| ${h} | ${d.n} | ${f(d.mape)} | ${f(p.mape)} | ${f(q.mape)} | ${f(d.mdape)} | ${f(p.mdape)} | ${f(q.mdape)} | ${f(d.bias)} | ${f(p.bias)} | ${f(q.bias)} | ${f(d.coverage * 100)}% |`);
    paths.push(`${f(d.pathCoverage * 100)}%`);
    const best = Math.min(p.mape, q.mape);
    const gain = (1 - d.mape / best) * 100;
    checks.push(h <= 3 ? `h=${h}: ${f(gain)}% below the better baseline (goal ≥ 20%): ${gain >= 20 ? "met" : "NOT met"}` : `h=${h}: ${d.mape <= best ? "not worse than both baselines: met" : "worse than a baseline: NOT met"}`);
  }
  lines.push("", "80% coverage of the simulated paths reconciled to the district's (same scored schools):", "", `| h | ${paths.map((_, i) => i + 1).join(" | ")} |`, `|---|${paths.map(() => "---|").join("")}`, `| paths | ${paths.join(" | ")} |`);
  lines.push("", `Excluded (school × origin × horizon): ${Object.entries(r.excluded).map(([k, v]) => `${k} ${v}`).join(", ")}`, ...checks);
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(schoolAccuracyTable());
