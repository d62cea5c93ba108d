/**
 * The benchmark suite (issue 7): `npm run bench` builds the library and runs every case on the
 * built package (`dist/`), each case in its own process, and prints a Markdown table of medians
 * against the targets, the scaling runs and the machine.
 *
 * Options: `--quick` (fewer runs, for a smoke run), `--only=<case,…>` (a subset of: parse,
 * yangjiang, national, naive, simulate, threads, contention, backtest, schools, scaling, advise,
 * advise-schools).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DRAWS, MODEL_OPTIONS, NATIONAL_AREAS } from "./config.js";
import { loadAverage, loadLib, machine, type Timing } from "./measure.js";

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const only = argv.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const want = (c: string): boolean => !only || only.includes(c);
const caseFile = fileURLToPath(new URL("./case.ts", import.meta.url));

interface CaseResult {
  readonly case: string;
  readonly time: Timing;
  readonly load: string;
  readonly [k: string]: unknown;
}

function run(name: string, ...args: number[]): CaseResult {
  return runWith([], name, ...args);
}

/** A case in its own process, with extra node/V8 flags. */
function runWith(flags: readonly string[], name: string, ...args: number[]): CaseResult {
  const load = loadAverage();
  const r = spawnSync(process.execPath, [...process.execArgv, "--expose-gc", ...flags, caseFile, name, ...args.map(String)], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`case ${name} ${args.join(" ")} failed:\n${r.stderr}`);
  const line = r.stdout.trim().split("\n").at(-1)!;
  const res: CaseResult = { ...(JSON.parse(line) as { case: string; time: Timing }), load };
  process.stderr.write(`  ${[...flags, name].join(" ")} ${args.join(" ")}: median ${fmtMs(res.time.median)} (n ${res.time.n}, load ${load})\n`);
  return res;
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;
}
const cell = (t: Timing): string => `${fmtMs(t.median)} (n ${t.n}, min ${fmtMs(t.min)}, max ${fmtMs(t.max)})`;

// The model options of every case (and of the naive reference), against the library's defaults.
const lib = await loadLib();
const same = (o: Parameters<typeof lib.resolveRatioOptions>[0]): boolean => JSON.stringify(lib.resolveRatioOptions(o)) === JSON.stringify(lib.resolveRatioOptions());
const defaults = same(MODEL_OPTIONS.progression) && same(MODEL_OPTIONS.entry) && JSON.stringify(lib.resolveBirthsOptions(MODEL_OPTIONS.births)) === JSON.stringify(lib.resolveBirthsOptions());
const m = machine();
const start = loadAverage();
const n = (full: number, q: number): number => (quick ? q : full);
process.stderr.write(`placecast benchmarks (${quick ? "quick" : "full"}); load average at start ${start}\n`);

const rows: string[][] = [];
const notes: string[] = [];
const target = (label: string, t: Timing, limitMs: number, what: string): void => {
  rows.push([label, cell(t), `< ${fmtMs(limitMs)}`, t.median < limitMs ? "yes" : "**no**", what]);
};

if (want("yangjiang")) {
  const r = run("yangjiang", 6, 0, n(25, 5));
  target("Yangjiang (6 counties): fit + forecast to 2035 + assessment", r.time, 5, `load ${r.load}`);
}
if (want("national")) {
  const r = run("national", NATIONAL_AREAS, 0, n(7, 3));
  const parts = r.parts as Record<string, number>;
  const warm = r.warm as Timing;
  const cube = r.cube as Timing;
  const schedule = r.schedule as Timing;
  target(
    `National (${NATIONAL_AREAS} areas): fit + forecast to +15 + assessment (typed: \`assessForecast\`)`,
    r.time,
    50,
    `load ${r.load}; 5 untimed runs first, then a full GC before each timed run; without the GC (warm heap, as in a loop) median ${fmtMs(warm.median)} (n ${warm.n}); once per dataset and not timed here: enrolment cube ${fmtMs(cube.median)}, places schedule ${fmtMs(schedule.median)}`,
  );
  rows.push([
    `National (${NATIONAL_AREAS} areas): the same with housing (\`forecastWithHousing\`), stage rows and \`assessCapacity\` rows`,
    cell(r.rows as Timing),
    "–",
    "–",
    `medians of the parts: ${Object.entries(parts).map(([k, v]) => `${k} ${fmtMs(v)}`).join(", ")}`,
  ]);
}
let sim1: CaseResult | undefined;
if (want("simulate")) {
  sim1 = run("simulate", NATIONAL_AREAS, DRAWS, n(5, 1));
  target(`National simulation, ${DRAWS} draws to +15, one thread`, sim1.time, 5000, `load ${sim1.load}; one untimed run first; CPU ${fmtMs(sim1.time.cpu ?? NaN)}`);
  const peak = sim1.peakRssMiB as number;
  rows.push(["  peak memory of that process (max RSS)", `${peak.toFixed(0)} MiB (before the simulation: ${(sim1.rssBeforeMiB as number).toFixed(0)} MiB)`, "< 1024 MiB", peak < 1024 ? "yes" : "**no**", "process.resourceUsage().maxRSS; includes generating, parsing and fitting the data"]);
}
if (want("threads")) {
  const r = run("simulate-threads", NATIONAL_AREAS, DRAWS, n(5, 1));
  const speedup = sim1 ? sim1.time.median / r.time.median : NaN;
  const parts = r.parts as { workers: { simulate: number; pack: number }[]; unpack: number } | undefined;
  const split = parts ? `; last run: workers' simulate ${parts.workers.map((w) => fmtMs(w.simulate)).join(" and ")}, packing ${parts.workers.map((w) => fmtMs(w.pack)).join(" and ")}, unpacking ${fmtMs(parts.unpack)}` : "";
  rows.push([`National simulation, ${DRAWS} draws, 2 worker threads (areas split)`, cell(r.time), "≈ 2× faster than one thread (read as ≥ 1.8×)", sim1 ? (speedup >= 1.8 ? "yes" : "**no**") : "–", `${Number.isFinite(speedup) ? `${speedup.toFixed(2)}× ` : ""}(load ${r.load}; one untimed run first; pool start ${fmtMs(r.poolStartMs as number)}, untimed; peak RSS ${(r.peakRssMiB as number).toFixed(0)} MiB main thread + workers${split})`]);
  // The same two cases with V8's optimising compiler on the calling thread instead of a
  // background thread (which has no core of its own when the workers take both).
  const flag = "--no-concurrent-recompilation";
  const one = runWith([flag], "simulate", NATIONAL_AREAS, DRAWS, n(5, 1));
  const two = runWith([flag], "simulate-threads", NATIONAL_AREAS, DRAWS, n(5, 1));
  const ratio = one.time.median / two.time.median;
  rows.push([`  the same two cases with node ${flag}`, `one thread ${cell(one.time)}; 2 threads ${cell(two.time)}`, "≈ 2× (≥ 1.8×)", ratio >= 1.8 ? "yes" : "**no**", `${ratio.toFixed(2)}× (load ${one.load} and ${two.load})`]);
}
if (want("contention")) {
  // The machine's own ceiling for a two-way split: the same work as two separate processes.
  const load = loadAverage();
  const file = fileURLToPath(new URL("./contention.ts", import.meta.url));
  const r = spawnSync(process.execPath, [...process.execArgv, "--expose-gc", file, String(n(3, 1))], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`contention failed:\n${r.stderr}`);
  const c = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as Record<"alu" | "cache" | "half", { alone: number; together: number; slowdown: number }> & { runs: number };
  process.stderr.write(`  contention: slowdown alu ${c.alu.slowdown.toFixed(2)}, cache ${c.cache.slowdown.toFixed(2)}, half ${c.half.slowdown.toFixed(2)} (load ${load})\n`);
  const ceiling = 2 / c.half.slowdown;
  const what = (k: "alu" | "cache" | "half"): string => `${fmtMs(c[k].alone)} alone, ${fmtMs(c[k].together)} together (${c[k].slowdown.toFixed(2)}×)`;
  rows.push([
    "  two separate processes, started together (no threads): this machine's ceiling for a two-way split",
    `simulation of half the areas: ${what("half")}, so at most ${ceiling.toFixed(2)}× from 2 cores`,
    "–",
    "–",
    `${c.runs} rounds (each process alone in turn, then both), medians; a loop on registers only: ${what("alu")}; random reads and writes in 8 MiB: ${what("cache")} (load ${load}; \`bench/contention.ts\`)`,
  ]);
}
if (want("backtest")) {
  const r = run("backtest", NATIONAL_AREAS, 0, n(5, 1));
  target(`National rolling-origin backtest (${r.origins} origins, horizons 1–5)`, r.time, 2000, `load ${r.load}`);
}
if (want("schools")) {
  const nat = run("schools-national", 200000, 0, n(5, 1));
  target("200,000 synthetic schools (2,500 areas of 80, P1–J3, 5 + 5 years): school fit (κ given) + projection with reconciliation and combination + places per school", nat.time, 3000, `load ${nat.load}; peak RSS ${(nat.peakRssMiB as number).toFixed(0)} MiB (target < 2,048 MiB: ${(nat.peakRssMiB as number) < 2048 ? "met" : "**not met**"})`);
  const county = run("schools-county", 300, 1000, n(5, 1));
  target("A county of 300 schools: fitModel + forecast + forecastSchools + simulate (1,000 draws, paths) + simulateSchools reconciled to the county's paths", county.time, 1000, `load ${county.load}; peak RSS ${(county.peakRssMiB as number).toFixed(0)} MiB`);
}
if (want("parse")) {
  const r = run("parse", NATIONAL_AREAS, 0, n(7, 3));
  target(`Validating the national dataset (${(r.records as number).toLocaleString("en")} tidy records)`, r.time, 1000, `load ${r.load}`);
}
if (want("naive")) {
  const r = run("naive", NATIONAL_AREAS, 0, n(5, 1));
  const naive = r.naive as Timing;
  const typed = r.typed as Timing;
  const check = r.check as { compared: number; maxRel: number };
  rows.push(["Naive record-by-record forecast (national, +15)", cell(naive), "–", "–", `load ${r.load}`]);
  rows.push(["Typed kernels: fitModel + forecast (same forecast)", cell(typed), "–", "–", `speed-up ${(naive.median / typed.median).toFixed(1)}×; ${check.compared.toLocaleString("en")} sampled values equal (max relative difference ${check.maxRel.toExponential(1)})`]);
}
if (want("advise")) {
  const r = run("advise", 6, 0, n(3, 1));
  const cells = (r.slowestRunCells as { cell: string; ms: number }[]).map((c) => `${c.cell} ${fmtMs(c.ms)}`).join(", ");
  target("Advice for Yangjiang (24 area-stage cells × 15 years, 1,000 paths): `advise`, HiGHS", r.time, 2000, `load ${r.load}; HiGHS loaded once before, ${fmtMs(r.highsLoadMs as number)}; slowest cells of the slowest run: ${cells}`);
}
if (want("advise-schools")) {
  const r = run("advise-schools", 300, 0, n(3, 1));
  target("Advice for 300 schools of one county (20 学区, 15 years, 1,000 paths), moves within a 学区, new places in any amount: `schoolAdviceInput` + `advise`", r.time, 10000, `load ${r.load}; ${r.moves as number} moves; planned extensions ${JSON.stringify(r.projects)}`);
}

const scaling: string[][] = [];
if (want("scaling")) {
  const small = Math.round(NATIONAL_AREAS / 10);
  const pair = (what: string, a: CaseResult, b: CaseResult, factor: string): void => {
    scaling.push([what, fmtMs(a.time.median), fmtMs(b.time.median), factor, `${(b.time.median / a.time.median).toFixed(1)}×`]);
  };
  pair(`Parsing, ${small} → ${NATIONAL_AREAS} areas`, run("parse", small, 0, n(7, 3)), run("parse", NATIONAL_AREAS, 0, n(7, 3)), "10× areas");
  pair(`Deterministic pipeline, ${small} → ${NATIONAL_AREAS} areas`, run("national", small, 0, n(7, 3)), run("national", NATIONAL_AREAS, 0, n(7, 3)), "10× areas");
  pair(`Simulation 100 draws, ${small} → ${NATIONAL_AREAS} areas`, run("simulate", small, 100, n(3, 1)), run("simulate", NATIONAL_AREAS, 100, n(3, 1)), "10× areas");
  pair(`Simulation ${small} areas, 100 → 1,000 draws`, run("simulate", small, 100, n(3, 1)), run("simulate", small, 1000, n(3, 1)), "10× draws");
  if (sim1) pair(`Simulation ${NATIONAL_AREAS} areas, 100 → 1,000 draws`, run("simulate", NATIONAL_AREAS, 100, n(3, 1)), sim1, "10× draws");
}

const end = loadAverage();
const out: string[] = [];
out.push(`| case | median (n, min, max) | target | met? | notes |`, `|---|---|---|---|---|`);
for (const r of rows) out.push(`| ${r.join(" | ")} |`);
if (scaling.length) {
  out.push("", "Scaling (medians):", "", "| what | 1× | 10× | grows by | measured |", "|---|---|---|---|---|");
  for (const r of scaling) out.push(`| ${r.join(" | ")} |`);
}
out.push(
  "",
  `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory}, ${m.os}; Node ${m.node}. Load average (1, 5, 15 min) at start ${start}, at end ${end}.`,
  `Command: \`npm run bench${argv.length ? ` -- ${argv.join(" ")}` : ""}\` (builds dist/, then \`tsx bench/run.ts\`; each case runs in its own process with --expose-gc, a full GC before each timed run).`,
  `Model options: ${JSON.stringify(MODEL_OPTIONS)} (${defaults ? "the library's defaults" : "not the library's current defaults"}).`,
  ...notes,
);
console.log(out.join("\n"));
