/**
 * Accuracy report: rolling-origin backtests of the default method against two baselines on the
 * real-data fixtures, printed as a Markdown table (docs/accuracy.md).
 *
 *   npx tsx bench/accuracy.ts        (or: npm run accuracy)
 *
 * Data: US states 1986–2011 (entry from state births where they reach back far enough, cohort
 * years 2003+ for K from 2008) and Connecticut districts 2007–2015 (entry as a share of the
 * state's births, area `CT`). Origins: every year from the third of the history to the one
 * before the last; horizons 1–5 (fewer origins at longer horizons). Cells: stage totals
 * (elementary K–5, middle 6–8, high 9–12) per area; percentage errors over cells with ≥ 20 pupils.
 */
import { loadCtDistricts, loadUsStates } from "../test/fixtures/load.js";
import { parseDataset, usK12SchoolSystem, type Dataset } from "../src/index.js";
import { backtest, persistence, plain, type BacktestResult } from "../src/evaluate/index.js";
import type { RatioErrorModel } from "../src/uncertainty/simulate/index.js";
import { ctEntryReport, oracleEntrants } from "./ct-entry.js";

const HORIZON = 5;
const DRAWS = 400;
const SEED = 20240501;

interface Run {
  readonly name: string;
  readonly origins: readonly number[];
  readonly results: Readonly<Record<"default" | "plain" | "persistence", BacktestResult>>;
  /** The intervals of each ratio error model (`SimulateOptions.ratioErrors`); "walk" is the default's. */
  readonly models: Readonly<Record<RatioErrorModel, BacktestResult>>;
}

/** The ratio error models compared (the first is the default). */
const MODELS: readonly RatioErrorModel[] = ["walk", "one-step"];

function run(name: string, ds: Dataset): Run {
  const origins: number[] = [];
  for (let y = ds.firstYear + 2; y < ds.baseYear; y++) origins.push(y);
  const plan = { origins, horizon: HORIZON };
  const def = backtest(ds, {}, { ...plan, simulation: { draws: DRAWS, seed: SEED } });
  const models = Object.fromEntries(MODELS.map((m) => [m, m === "walk" ? def : backtest(ds, {}, { ...plan, simulation: { draws: DRAWS, seed: SEED, ratioErrors: m } })])) as Record<RatioErrorModel, BacktestResult>;
  return {
    name,
    origins,
    models,
    results: {
      default: def,
      plain: backtest(ds, plain, plan),
      persistence: backtest(ds, persistence, plan),
    },
  };
}

const pct = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : "–");
const share = (x: number | undefined): string => (x === undefined ? "–" : `${(100 * x).toFixed(1)}%`);

function table(r: Run): string {
  const lines = [
    `**${r.name}** (origins ${r.origins[0]}–${r.origins[r.origins.length - 1]})`,
    "",
    "| h | cells | MAPE default | MAPE plain | MAPE persistence | MdAPE default | MdAPE plain | MdAPE persistence | bias default | bias plain | 80% interval holds | 95% interval holds |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (let h = 1; h <= HORIZON; h++) {
    const d = r.results.default.byHorizon[h - 1]!;
    const p = r.results.plain.byHorizon[h - 1]!;
    const n = r.results.persistence.byHorizon[h - 1]!;
    lines.push(
      `| ${h} | ${d.cells - d.small} | ${pct(d.mape)} | ${pct(p.mape)} | ${pct(n.mape)} | ${pct(d.mdape)} | ${pct(p.mdape)} | ${pct(n.mdape)} | ${pct(d.bias)} | ${pct(p.bias)} | ${share(d.coverage80)} | ${share(d.coverage95)} |`,
    );
  }
  const o = r.results.default.overall;
  lines.push("", `All horizons: the 80% interval holds ${share(o.coverage80)} of the actuals, the 95% interval ${share(o.coverage95)}.`);
  return lines.join("\n");
}

function goals(us: Run, ct: Run): string {
  const out: string[] = [];
  for (const r of [us, ct]) {
    const worse = r.results.default.byHorizon.filter((d, i) => {
      const p = r.results.plain.byHorizon[i]!;
      return d.mape > p.mape || d.mdape > p.mdape;
    });
    out.push(`- ${r.name}: default never worse than plain (MAPE and MdAPE, h = 1–${HORIZON}): ${worse.length === 0 ? "met" : `not met at h = ${worse.map((w) => w.horizon).join(", ")}`}`);
  }
  const gains = [3, 4, 5].map((h) => 100 * (1 - ct.results.default.byHorizon[h - 1]!.mdape / ct.results.plain.byHorizon[h - 1]!.mdape));
  out.push(`- ${ct.name}: MdAPE at h = 3, 4, 5 lower than plain by ${gains.map((g) => `${g.toFixed(1)}%`).join(", ")} (goal ≥ 15%): ${gains.every((g) => g >= 15) ? "met" : "not met"}`);
  for (const r of [us, ct]) {
    const out80 = r.results.default.byHorizon.filter((d) => !(d.coverage80! >= 0.75 && d.coverage80! <= 0.85)).map((d) => d.horizon);
    const out95 = r.results.default.byHorizon.filter((d) => !(d.coverage95! >= 0.9 && d.coverage95! <= 0.97)).map((d) => d.horizon);
    const miss = [...(out80.length ? [`80% outside 75–85% at h = ${out80.join(", ")}`] : []), ...(out95.length ? [`95% outside 90–97% at h = ${out95.join(", ")}`] : [])];
    out.push(`- ${r.name}: the 80% interval holds 75–85% and the 95% interval 90–97% of the actuals at every horizon: ${miss.length ? `not met (${miss.join("; ")})` : "met"}`);
  }
  const bias = us.results.default.byHorizon.map((d) => d.bias);
  out.push(`- ${us.name}: |bias| < 1% at every horizon (largest ${Math.max(...bias.map(Math.abs)).toFixed(2)}%): ${bias.every((b) => Math.abs(b) < 1) ? "met" : "not met"}`);
  return out.join("\n");
}

const us = run("US states, 1986–2011", parseDataset(loadUsStates().input, usK12SchoolSystem));
const ctData = parseDataset(loadCtDistricts().input, usK12SchoolSystem);
const ct = run("Connecticut districts, 2007–2015", ctData);

/** Coverage of the 80% and 95% intervals per horizon under each ratio error model. */
function modelsTable(r: Run): string {
  const lines = [
    `**${r.name}**: interval coverage by ratio error model (\`ratioErrors\`)`,
    "",
    `| model | ${Array.from({ length: HORIZON }, (_, i) => `80% h = ${i + 1}`).join(" | ")} | ${Array.from({ length: HORIZON }, (_, i) => `95% h = ${i + 1}`).join(" | ")} |`,
    `|---|${"---|".repeat(2 * HORIZON)}`,
  ];
  for (const m of MODELS) {
    const b = r.models[m].byHorizon;
    lines.push(`| ${m}${m === "walk" ? " (default)" : ""} | ${b.map((d) => share(d.coverage80)).join(" | ")} | ${b.map((d) => share(d.coverage95)).join(" | ")} |`);
  }
  return lines.join("\n");
}

/** How far the plain method gets on the Connecticut districts with entrants known exactly (`oracleEntrants`). */
function oracleLine(): string {
  const o = backtest(ctData, oracleEntrants(ctData), { origins: ct.origins, horizon: HORIZON });
  const at = [3, 4, 5].map((h) => ({ o: o.byHorizon[h - 1]!.mdape, p: ct.results.plain.byHorizon[h - 1]!.mdape }));
  return `Oracle (plain progression, every entry grade's pupils after the origin as they happened; \`oracleEntrants\` in \`bench/ct-entry.ts\`): MdAPE at h = 3, 4, 5 of ${at.map((a) => pct(a.o)).join(", ")}%, lower than plain by ${at.map((a) => `${(100 * (1 - a.o / a.p)).toFixed(1)}%`).join(", ")}.`;
}

console.log(
  [
    "Rolling-origin backtest: fit on the years up to each origin (births known up to the origin), forecast 1–5 years, compare stage totals per area with what happened.",
    `MAPE / MdAPE: mean / median absolute % error; bias: mean signed % error (forecast − actual); cells with an actual of 20 pupils or more. Default: \`fitModel(ds)\`; plain: mean of the last 3 progression ratios, entry as the mean of the last 3 entry counts; persistence: every grade stays at its base-year figure. Intervals: \`simulate\`, ${DRAWS} draws, seed ${SEED}.`,
    "",
    table(us),
    "",
    table(ct),
    "",
    modelsTable(us),
    "",
    modelsTable(ct),
    "",
    "Goals:",
    "",
    goals(us, ct),
    "",
    oracleLine(),
    "",
    ...ctEntryReport(),
  ].join("\n"),
);
console.log(`\n${(await import("./schools-accuracy.js")).schoolAccuracyTable()}`);
