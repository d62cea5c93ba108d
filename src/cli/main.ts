import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseDataset, type Dataset } from "../data/dataset.js";
import { DatasetError, escapeControls, formatIssues, show } from "../data/issues.js";
import { indexSystem } from "../domain/systemIndex.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import type { Lang } from "../domain/sourced.js";
import { chinaSchoolSystem } from "../domain/systems/china.js";
import { englandSchoolSystem } from "../domain/systems/england.js";
import { usK12SchoolSystem } from "../domain/systems/usK12.js";
import { safeReadDataset } from "../io/read.js";
import { backtestTables } from "../io/tables.js";
import { writeTemplates } from "../io/templates.js";
import { tablesToObjects, writeCsvTables, writeJson, writeWorkbook, type Table } from "../io/write.js";
import { yangjiangInput } from "../seeds/yangjiang.js";
import pkg from "../../package.json";
import { Progress, type TextSink } from "./progress.js";
import { runBacktest, runForecast } from "./run.js";
import { runAdvise } from "./advise.js";
import { readYieldsFile } from "./yields.js";

/** Exit codes of the `placecast` command. */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** The input data has errors (each printed with its file, sheet, row and column). */
  data: 1,
  /** Wrong command line: unknown command or option, missing or invalid value. */
  usage: 2,
  /** A file or folder could not be read or written. */
  io: 3,
  /** An unexpected failure (a bug: please report it with the command line). */
  internal: 4,
} as const;

/** Where the command writes; `process.stdout` and `process.stderr` by default. */
export interface CliIO {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
}

/**
 * Limits of one run of the command line. A run beyond them is refused as a usage error (exit 2)
 * before it starts, instead of running for minutes and failing out of memory.
 *
 * - `draws`, `horizon`: stated planning choices (estimates, not measured norms): 100,000 draws
 *   give quantiles to well under 1 % of a cell's spread; a horizon of 100 school years is far
 *   beyond any planning period.
 * - `memoryBytes`: the memory budget of a run, 2 GiB, checked against `estimateRunBytes`.
 * - `inputBytes`: bytes of the input (the CSV files together, or the workbook unpacked): 128 MiB.
 *   Reading an .xlsx takes about 11 times its unpacked size in memory (a 400 MB sheet took
 *   4.5 GB, issue 20), so 128 MiB stays within the budget.
 * - `inputRows`: rows of one sheet or CSV file: 1,048,576, the row limit of an Excel worksheet
 *   (Microsoft, "Excel specifications and limits").
 */
export const LIMITS = {
  draws: 100_000,
  horizon: 100,
  memoryBytes: 2 * 2 ** 30,
  inputBytes: 128 * 2 ** 20,
  inputRows: 1_048_576,
} as const;

/**
 * Estimated peak memory of a run, in bytes (for `LIMITS.memoryBytes`), from two measurements
 * (max RSS, Node 20, this machine, December 2026):
 * - 12 KiB per row of the per-grade pupils table (areas × grades × years): 300 areas × 15 grades
 *   × 101 years (454,500 rows) written as CSV, XLSX and JSON peaked at 4.96 GB (in 954 s)
 *   against 279 MB for 2 years (9,000 rows), 10.5 KB per row (the workbook writer dominates),
 *   rounded up;
 * - 24 bytes per stage × year × draw of one area (the simulation keeps pupils, places and
 *   classes of every draw, one area at a time): the Yangjiang demo (7 areas, 4 stages,
 *   16 years) peaked at 163 MB with 2,000 draws and 306 MB with 100,000, 1.5 KB per draw
 *   against 24 × 4 × 16 = 1.5 KB.
 *
 * @example
 * ```ts
 * estimateRunBytes({ areas: 300, grades: 15, stages: 4, years: 101 }) // 5584896000
 * ```
 */
export function estimateRunBytes(r: { readonly areas: number; readonly grades: number; readonly stages: number; readonly years: number; readonly draws?: number }): number {
  return 12 * 1024 * r.areas * r.grades * r.years + 24 * r.stages * r.years * (r.draws ?? 0);
}

function checkBudget(r: Parameters<typeof estimateRunBytes>[0]): void {
  const bytes = estimateRunBytes(r);
  if (bytes > LIMITS.memoryBytes) {
    throw new UsageError(`this run (${r.areas} areas, ${r.years} years${r.draws ? `, ${r.draws} draws` : ""}) needs about ${(bytes / 2 ** 30).toFixed(1)} GiB of memory, over the budget of ${LIMITS.memoryBytes / 2 ** 30} GiB; use fewer --draws or an earlier --to`);
  }
}

const SYSTEMS: Readonly<Record<string, SchoolSystem>> = { china: chinaSchoolSystem, england: englandSchoolSystem, "us-k12": usK12SchoolSystem };
const FORMATS = ["csv", "xlsx", "json"] as const;
type Format = (typeof FORMATS)[number];

export const HELP = `placecast — school place-supply forecasting

Usage:
  placecast forecast --data <dir|file.xlsx> --out <dir> [options]
  placecast backtest --data <dir|file.xlsx> [--origins <years>] [--horizon 5] [options]
  placecast templates --out <dir> [--lang en|zh-CN|both]
  placecast demo [--out <dir>] [options]
  placecast advise (--data <dir|file.xlsx> | --demo) [--risk 0.1] [--draws 1000] [--out <dir>]
  placecast --help | --version

Commands:
  forecast   Read a dataset, forecast pupils per area, stage and grade, and write the results.
             With capacity records: places against pupils (shortfall, surplus, class sizes).
             With housing records: pupils from new dwellings added (shown apart in housing.csv).
             With --draws: seeded simulation intervals and the probability of a shortfall.
  backtest   Rolling-origin backtest of the cohort model: forecast from past years and compare
             with what happened (MAPE, bias, WAPE per horizon, stage and area).
  templates  Write blank input templates (CSV files and an .xlsx workbook with a column guide).
  advise     Simulate the paths (default 1000 draws, seed 1) and advise, per area, stage and
             year, which planned projects to keep, defer or cancel and which new, temporary or
             closed places to add at P(shortfall) <= --risk (default 0.1), beside the plan;
             levers: estimatedLevers (estimates, docs/advise.md). --demo: the Yangjiang seed.
             --period <from-to>: the years whose new places are compared (default: the first
             five simulated years). Prints the comparison; with --out writes advice.csv,
             projects.csv, adviceNotes.csv.
  demo       Forecast and assess the Yangjiang seed (estimated per-county figures, with its
             estimated capacity, planned places and housing) and write the results.

Options:
  --data <path>      Folder of CSV files (areas.csv, enrolment.csv, births.csv, capacity.csv,
                     plannedPlaces.csv, housing.csv, or 地区.csv, 在校生.csv, 出生人口.csv, 学位.csv,
                     规划学位.csv, 住房.csv) or an .xlsx workbook with one sheet per record type.
                     Headers in English or Chinese (see the templates). Required by forecast and backtest.
  --out <dir>        Output folder (created). Required by forecast and templates; optional for
                     backtest (without it the summary is printed); demo default: placecast-demo.
  --to <year>        Last school year to forecast (2035 = 2035/36), at most 100 years after the
                     base year. Default: base year + 15.
  --draws <n>        Simulate n paths (forecast, demo: intervals and P(shortfall); backtest:
                     interval coverage), at most 100000. Default: no simulation.
  --seed <n>         Seed of the simulation (same seed, same numbers). Default: 1. Needs --draws.
  --origins <years>  Backtest origins: a list "2015,2016" or a range "2012-2018".
                     Default: every year from the third year of history to the year before the base year.
  --horizon <n>      Backtest years ahead, at most 100. Default: 5.
  --level <l>        Backtest cells: "stage" totals (default) or single "grade"s.
  --lang <lang>      Column headers and sheet names: "en" (default) or "zh-CN";
                     templates also take "both" (default there: en/ and zh-CN/ subfolders).
  --system <id>      School system of the grades: china (default), england, us-k12.
  --format <list>    Outputs, comma-separated: csv,xlsx,json (default: all three).
  --no-housing       Ignore housing records (forecast, demo).
  --yields <file>    Pupil yield table for the housing records (forecast, demo): a JSON file
                     {"id", "source", "perDwelling": {<stage>: pupils per dwelling},
                     "phasing": {"weights": [...], "source"}} (optional "byType", "gradeShares"),
                     or a CSV with columns kind,key,dwellingType,value,source: rows
                     "yield,<stage>,[<type>],<pupils per dwelling>,<source>" and
                     "phasing,<years after occupation 0,1,…>,,<weight>,<source>".
                     Default: the system's own (china: a planning assumption from Yangjiang 2020);
                     england and us-k12 have none, so housing records need --yields.
  --quiet            No progress bar. (The bar is drawn on stderr only when it is a terminal.)
  -h, --help         This help.
  --version          The version.

Outputs (forecast, demo): <out>/pupils.csv (per grade), stages.csv (per stage, with totals of
containing areas), assessment.csv (with capacity), housing.csv (with housing), simulation.csv
(with --draws), notes.csv; the same tables as sheets of <out>/placecast.xlsx and as
<out>/placecast.json. Numbers are not rounded.

Limits (a run beyond them stops before it starts, exit 2):
  --draws at most 100000; --to at most 100 years after the base year; --horizon at most 100;
  input (the CSV files together, or the workbook unpacked) at most 128 MiB and at most 1048576
  rows per sheet or file; a memory budget of 2 GiB per run, estimated (from measured runs) as
  12 KiB per output row (areas × grades × years) plus 24 bytes × stages × years × draws.

Messages a script can rely on:
  stdout  one line per file written, its path (backtest without --out: the summary table)
  stderr  "placecast: error: …" (usage, files), "placecast: N problems in the data:" followed by
          one line per problem, "✗ <file>, sheet <s>, row <r>, column <c> (<header>): <message>"
          (warnings start with "!"), and the progress bar on a terminal.

Exit codes:
  0  success
  1  the input data has errors (each is printed with its file, sheet, row and column)
  2  wrong command line (unknown command or option, missing or invalid value), or a run beyond
     the limits above
  3  a file or folder could not be read or written
  4  unexpected failure (a bug)
`;

class UsageError extends Error {}

function version(): string {
  return pkg.version;
}

function parseIntOption(name: string, value: string | undefined, min: number, max: number = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`}, got ${show(value)}`);
  }
  return n;
}

function parseLang(value: string | undefined, allowBoth = false): Lang | "both" | undefined {
  if (value === undefined) return undefined;
  const v = value === "zh" || value === "zh-cn" ? "zh-CN" : value;
  if (v === "en" || v === "zh-CN" || (allowBoth && v === "both")) return v;
  throw new UsageError(`--lang must be en or zh-CN${allowBoth ? " or both" : ""}, got ${show(value)}`);
}

function parseFormats(value: string | undefined): Set<Format> {
  if (value === undefined) return new Set(FORMATS);
  const out = new Set<Format>();
  for (const f of value.split(",").map((s) => s.trim().toLowerCase())) {
    if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format takes csv, xlsx, json (comma-separated), got ${show(f)}`);
    out.add(f as Format);
  }
  return out;
}

function parseOrigins(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const range = /^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$/.exec(value);
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    if (a > b) throw new UsageError(`--origins range must go up, got ${show(value)}`);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const list = value.split(",").map((s) => s.trim());
  if (list.some((s) => !/^\d{4}$/.test(s))) throw new UsageError(`--origins must be years "2015,2016" or a range "2012-2018", got ${show(value)}`);
  return list.map(Number);
}

const COMMON = {
  help: { type: "boolean", short: "h" },
  quiet: { type: "boolean" },
  lang: { type: "string" },
} as const;
const DATA = { data: { type: "string" }, system: { type: "string" } } as const;
const SIM = { draws: { type: "string" }, seed: { type: "string" } } as const;
const WRITE = { out: { type: "string" }, format: { type: "string" } } as const;

const OPTIONS = {
  forecast: { ...COMMON, ...DATA, ...SIM, ...WRITE, to: { type: "string" }, "no-housing": { type: "boolean" }, yields: { type: "string" } },
  backtest: { ...COMMON, ...DATA, ...SIM, ...WRITE, origins: { type: "string" }, horizon: { type: "string" }, level: { type: "string" } },
  templates: { ...COMMON, out: { type: "string" } },
  demo: { ...COMMON, ...SIM, ...WRITE, to: { type: "string" }, "no-housing": { type: "boolean" }, yields: { type: "string" } },
  advise: { ...COMMON, ...DATA, ...SIM, out: { type: "string" }, to: { type: "string" }, "no-housing": { type: "boolean" }, demo: { type: "boolean" }, risk: { type: "string" }, period: { type: "string" } },
} as const;
type Command = keyof typeof OPTIONS;

/** Values of every option; absent ones undefined. */
interface Values {
  help?: boolean;
  quiet?: boolean;
  lang?: string;
  data?: string;
  system?: string;
  draws?: string;
  seed?: string;
  out?: string;
  format?: string;
  to?: string;
  "no-housing"?: boolean;
  yields?: string;
  origins?: string;
  horizon?: string;
  level?: string;
  demo?: boolean;
  risk?: string;
  period?: string;
}

/** Plain reasons of the file-system errors a run meets, followed by the path. */
const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or folder",
  EISDIR: "a folder, not a file",
  ENOTDIR: "not a folder",
  EEXIST: "already exists",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  EMFILE: "too many open files",
};

function isFsError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string" && /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!);
}

/**
 * Runs the `placecast` command line with the given arguments (without `node` and the script)
 * and returns the exit code (see `EXIT`); never calls `process.exit`.
 *
 * @example
 * ```ts
 * const code = await main(["forecast", "--data", "data/", "--out", "out/"]);
 * ```
 */
export async function main(argv: readonly string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  // Lines may carry user text (values, paths): control characters are escaped, line breaks kept.
  const safe = (line: string): string => line.split("\n").map(escapeControls).join("\n");
  const err = (line: string): void => void io.stderr.write(`${safe(line)}\n`);
  const out = (line: string): void => void io.stdout.write(`${safe(line)}\n`);
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "-h" || command === "--help" || command === "help") {
      out(HELP);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === "--version" || command === "-v") {
      out(version());
      return EXIT.ok;
    }
    if (!Object.prototype.hasOwnProperty.call(OPTIONS, command)) throw new UsageError(`unknown command ${show(command)}; commands are forecast, backtest, templates, demo, advise`);
    const cmd = command as Command;
    let values: Values;
    try {
      const parsed = parseArgs({ args: [...rest], options: OPTIONS[cmd], strict: true, allowPositionals: false });
      values = parsed.values as Values;
    } catch (e) {
      throw new UsageError((e instanceof Error ? e.message : String(e)).replace(/\. To specify a positional argument.*$/s, "").replace(/\s*\n\s*/g, " "));
    }
    if (values.help) {
      out(HELP);
      return EXIT.ok;
    }
    for (const k of ["data", "out"] as const) if (values[k]?.includes("\0")) throw new UsageError(`--${k} must be a path without NUL characters, got ${show(values[k])}`);
    const progress = new Progress(io.stderr, !values.quiet);
    if (cmd === "templates") return await templates(values, out);
    if (cmd === "demo") return await forecastCommand(values, io, progress, true);
    if (cmd === "forecast") return await forecastCommand(values, io, progress, false);
    if (cmd === "advise") return await adviseCommand(values, io);
    return await backtestCommand(values, io, progress);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`placecast: error: ${e.message}`);
      err("Run placecast --help for the commands and options.");
      return EXIT.usage;
    }
    if (e instanceof DatasetError) {
      err(`placecast: ${e.issues.length} problem${e.issues.length === 1 ? "" : "s"} in the data:`);
      err(formatIssues(e.issues, { limit: 200 }));
      return EXIT.data;
    }
    if (isFsError(e)) {
      const reason = FS_REASONS[e.code ?? ""];
      const path = e.path ?? (e as { dest?: string }).dest;
      err(`placecast: error: ${reason && path !== undefined ? `${reason}: ${path}` : e.message}`);
      return EXIT.io;
    }
    err(`placecast: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT.internal;
  }
}

async function templates(values: Values, out: (line: string) => void): Promise<number> {
  if (!values.out) throw new UsageError("templates needs --out <dir>");
  const lang = parseLang(values.lang, true) ?? "both";
  const langs: Lang[] = lang === "both" ? ["en", "zh-CN"] : [lang];
  for (const l of langs) {
    const dir = lang === "both" ? join(values.out, l) : values.out;
    for (const p of await writeTemplates(dir, { lang: l })) out(p);
  }
  return EXIT.ok;
}

function systemOf(values: Values): SchoolSystem {
  const id = values.system ?? "china";
  const s = SYSTEMS[id];
  if (!s) throw new UsageError(`--system must be one of ${Object.keys(SYSTEMS).join(", ")}, got ${show(id)}`);
  return s;
}

/** Reads the dataset named by --data, printing warnings; throws DatasetError on data errors. */
async function loadData(values: Values, io: CliIO): Promise<Dataset> {
  if (!values.data) throw new UsageError("--data <dir|file.xlsx> is required");
  const r = await safeReadDataset(values.data, systemOf(values), { maxBytes: LIMITS.inputBytes, maxRows: LIMITS.inputRows });
  if (!r.success) {
    const big = r.issues.find((i) => i.code === "too_large");
    if (big) throw new UsageError(`${big.message} (the input limit of a run; see placecast --help)`);
    throw new DatasetError(r.issues);
  }
  if (r.warnings.length) io.stderr.write(`${formatIssues(r.warnings, { limit: 50 })}\n`);
  return r.data;
}

async function writeOutputs(tables: readonly Table[], dir: string, formats: ReadonlySet<Format>, lang: Lang, meta: Record<string, unknown>, out: (line: string) => void): Promise<void> {
  if (formats.has("csv")) for (const p of await writeCsvTables(tables, dir, { bom: lang === "zh-CN" })) out(p);
  if (formats.has("xlsx")) out(await writeWorkbook(tables, join(dir, "placecast.xlsx")));
  if (formats.has("json")) out(await writeJson({ meta, tables: tablesToObjects(tables) }, join(dir, "placecast.json")));
}

async function adviseCommand(values: Values, io: CliIO): Promise<number> {
  const lang = (parseLang(values.lang) ?? "en") as Lang;
  const risk = values.risk === undefined ? 0.1 : Number(values.risk.trim());
  if (values.risk !== undefined && (!/^(0(\.\d+)?|1(\.0*)?|\.\d+)$/.test(values.risk.trim()) || !(risk >= 0 && risk <= 1))) throw new UsageError(`--risk must be a share from 0 to 1, got ${show(values.risk)}`);
  if (values.demo && values.data !== undefined) throw new UsageError("advise takes --data or --demo, not both");
  const draws = parseIntOption("draws", values.draws, 1, LIMITS.draws) ?? 1000;
  const seed = parseIntOption("seed", values.seed, 0) ?? 1;
  const ds = values.demo ? parseDataset(yangjiangInput, chinaSchoolSystem) : await loadData(values, io);
  const to = parseIntOption("to", values.to, ds.baseYear + 1, ds.baseYear + LIMITS.horizon) ?? (values.demo ? 2035 : ds.baseYear + 15);
  const period = parseOrigins(values.period);
  const ix = indexSystem(ds.system);
  checkBudget({ areas: ds.areas.length, grades: ix.grades.length, stages: ix.stageIds.length, years: to - ds.baseYear + 1, draws });
  const run = await runAdvise(ds, { to, draws, seed, risk, housing: !values["no-housing"], lang, period: period ? { from: period[0]!, to: period[period.length - 1]! } : { from: ds.baseYear + 1, to: Math.min(to, ds.baseYear + 5) } });
  for (const line of run.summary.split("\n")) io.stdout.write(`${escapeControls(line)}\n`);
  if (values.out !== undefined) for (const p of await writeCsvTables(run.tables, values.out, { bom: lang === "zh-CN" })) io.stdout.write(`${escapeControls(p)}\n`);
  return EXIT.ok;
}

function simOptions(values: Values): { draws?: number; seed?: number } {
  const draws = parseIntOption("draws", values.draws, 1, LIMITS.draws);
  const seed = parseIntOption("seed", values.seed, 0);
  if (seed !== undefined && draws === undefined) throw new UsageError("--seed needs --draws <n>");
  return { ...(draws !== undefined ? { draws, seed: seed ?? 1 } : {}) };
}

async function forecastCommand(values: Values, io: CliIO, progress: Progress, demo: boolean): Promise<number> {
  const lang = (parseLang(values.lang) ?? "en") as Lang;
  const formats = parseFormats(values.format);
  const sim = simOptions(values);
  const outDir = values.out ?? (demo ? "placecast-demo" : undefined);
  if (!outDir) throw new UsageError("forecast needs --out <dir>");
  const toOpt = parseIntOption("to", values.to, 1800);
  const ds = demo ? parseDataset(yangjiangInput, chinaSchoolSystem) : await loadData(values, io);
  const to = toOpt ?? (demo ? 2035 : ds.baseYear + 15);
  if (to <= ds.baseYear) throw new UsageError(`--to must be after the base year ${ds.baseYear}, got ${to}`);
  if (to > ds.baseYear + LIMITS.horizon) throw new UsageError(`--to must be at most ${LIMITS.horizon} years after the base year ${ds.baseYear} (${ds.baseYear + LIMITS.horizon}), got ${to}`);
  const ix = indexSystem(ds.system);
  checkBudget({ areas: ds.areas.length, grades: ix.grades.length, stages: ix.stageIds.length, years: to - ds.baseYear + 1, ...(sim.draws ? { draws: sim.draws } : {}) });
  const yields = values.yields !== undefined ? await readYieldsFile(values.yields, ds.system) : undefined;
  const run = runForecast(ds, { to, lang, housing: !values["no-housing"], ...sim, ...(yields ? { yields } : {}) }, progress);
  const meta = {
    placecast: version(),
    command: demo ? "demo" : "forecast",
    data: demo ? "Yangjiang seed (estimates)" : resolve(values.data ?? ""),
    system: ds.system.id,
    baseYear: ds.baseYear,
    to,
    ...(sim.draws ? { draws: sim.draws, seed: sim.seed } : {}),
    lang,
  };
  await writeOutputs(run.tables, outDir, formats, lang, meta, (l) => void io.stdout.write(`${escapeControls(l)}\n`));
  const shortfalls = run.assessment.filter((r) => r.kind === "forecast" && r.surplus < 0 && !r.parts).length;
  const large = run.assessment.filter((r) => r.kind === "forecast" && (r.classesToEliminate ?? 0) > 0 && !r.parts).length;
  io.stderr.write(
    `placecast: forecast ${ds.baseYear}→${to} for ${run.areas} area${run.areas === 1 ? "" : "s"}` +
      (run.assessment.length
        ? `; ${shortfalls} area-stage-years short of places${ds.system.eliminateBand ? `, ${large} with classes to eliminate (band ${ds.system.eliminateBand.value})` : ""}`
        : "; no capacity records, places not assessed") +
      (run.simulation ? `; ${run.simulation.draws} draws, seed ${run.simulation.seed}` : "") +
      (demo ? " (Yangjiang seed: per-county figures are estimates)" : "") +
      "\n",
  );
  return EXIT.ok;
}

async function backtestCommand(values: Values, io: CliIO, progress: Progress): Promise<number> {
  const lang = (parseLang(values.lang) ?? "en") as Lang;
  const formats = parseFormats(values.format);
  const sim = simOptions(values);
  const horizon = parseIntOption("horizon", values.horizon, 1, LIMITS.horizon) ?? 5;
  const level = values.level ?? "stage";
  if (level !== "stage" && level !== "grade") throw new UsageError(`--level must be stage or grade, got ${show(level)}`);
  if (level === "grade" && sim.draws) throw new UsageError("--draws scores intervals of stage totals; use it with --level stage");
  let origins = parseOrigins(values.origins);
  const ds = await loadData(values, io);
  if (!origins) {
    origins = [];
    for (let y = ds.firstYear + 2; y < ds.baseYear; y++) origins.push(y);
    if (origins.length === 0) throw new DatasetError([{ code: "insufficient_history", severity: "error", path: ["enrolment"], message: `enrolment covers ${ds.firstYear}–${ds.baseYear}; a backtest needs at least 4 years (or give --origins)` }]);
  }
  const bad = origins.filter((o) => o < ds.firstYear || o >= ds.baseYear);
  if (bad.length) throw new UsageError(`--origins must lie in ${ds.firstYear}–${ds.baseYear - 1} (each needs a later year of actuals), got ${bad.join(", ")}`);
  const ix = indexSystem(ds.system);
  checkBudget({ areas: ds.areas.length, grades: ix.grades.length, stages: ix.stageIds.length, years: horizon + 1, ...(sim.draws ? { draws: sim.draws } : {}) });
  const bt = runBacktest(ds, { origins, horizon, level, ...(sim.draws ? { simulation: { draws: sim.draws, seed: sim.seed ?? 1 } } : {}) }, progress);
  const tables = backtestTables(bt, { lang });
  if (values.out) {
    const meta = { placecast: version(), command: "backtest", data: resolve(values.data ?? ""), system: ds.system.id, origins, horizon, level, ...(sim.draws ? sim : {}), lang };
    await writeOutputs(tables, values.out, formats, lang, meta, (l) => void io.stdout.write(`${escapeControls(l)}\n`));
  } else {
    const fmt = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? "" : x.toFixed(1));
    const lines = ["horizon\tcells\tMAPE %\tMdAPE %\tbias %\tWAPE %" + (sim.draws ? "\tcover80\tcover95" : "")];
    for (const r of bt.byHorizon) {
      lines.push([r.horizon, r.cells, fmt(r.mape), fmt(r.mdape), fmt(r.bias), fmt(r.wape), ...(sim.draws ? [fmt((r.coverage80 ?? NaN) * 100), fmt((r.coverage95 ?? NaN) * 100)] : [])].join("\t"));
    }
    io.stdout.write(`${lines.join("\n")}\n`);
  }
  const mape = Number.isFinite(bt.overall.mape) ? `MAPE ${bt.overall.mape.toFixed(1)}%` : "MAPE: no actual above the floor (20 pupils)";
  io.stderr.write(`placecast: backtest of ${origins.length} origin${origins.length === 1 ? "" : "s"} (${origins[0]}–${origins[origins.length - 1]}), horizon ${horizon}: ${bt.cells.length} cells, ${mape}\n`);
  return EXIT.ok;
}
