import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseDataset, type Dataset } from "../data/dataset.js";
import { DatasetError, escapeControls, show } from "../data/issues.js";
import { formatIssuesIn, issueText } from "../io/issueText.js";
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
import type { AssessOptions } from "../capacity/assess.js";
import { defaultCapacityRules } from "../capacity/assess.js";
import type { ModelOptions } from "../cohort/model.js";
import { note, type Note } from "../domain/notes.js";
import { labelText, sourced } from "../domain/sourced.js";
import { buildReport } from "../report/report.js";
import { fillLabel, reportLabels } from "../report/labels.js";
import { renderNote } from "../report/notes/index.js";
import { fontSetup as defaultFontSetup } from "../render/png.js";
import { writeReport } from "../render/report.js";
import { BIRTHS_METHODS, ConfigError, RATIO_METHODS, readConfig, type PlacecastConfig } from "./config.js";
import { HELP, HELP_ZH } from "./help.js";
import { parametersTable, presentTable, yearsAcross, type RunParameter } from "./present.js";
import { readBirthsScenario } from "./scenario.js";
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
  /** The fonts the PNG charts would use (`fontSetup` of `placecast/node`); replaced in tests. */
  readonly fontSetup?: () => { readonly fontFiles: readonly string[]; readonly cjk: boolean };
}

export { HELP, HELP_ZH } from "./help.js";

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
    const gib = (bytes / 2 ** 30).toFixed(1);
    throw new UsageError(
      `this run (${r.areas} areas, ${r.years} years${r.draws ? `, ${r.draws} draws` : ""}) needs about ${gib} GiB of memory, over the budget of ${LIMITS.memoryBytes / 2 ** 30} GiB; use fewer --draws or an earlier --to`,
      `本次运行（${r.areas} 个地区，${r.years} 年${r.draws ? `，${r.draws} 次模拟` : ""}）约需 ${gib} GiB 内存，超过 ${LIMITS.memoryBytes / 2 ** 30} GiB 的预算；请减少 --draws 或提前 --to`,
    );
  }
}

const SYSTEMS: Readonly<Record<string, SchoolSystem>> = { china: chinaSchoolSystem, england: englandSchoolSystem, "us-k12": usK12SchoolSystem };
const FORMATS = ["csv", "xlsx", "json"] as const;
type Format = (typeof FORMATS)[number];

/** A wrong command line: its reason in English and in Chinese. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly zh: string = message,
  ) {
    super(message);
  }
}

function version(): string {
  return pkg.version;
}

function parseIntOption(name: string, value: string | undefined, min: number, max: number = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    const rangeZh = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `${min} 到 ${max}`;
    throw new UsageError(`--${name} must be an integer ${range}, got ${show(value)}`, `--${name} 须为 ${rangeZh} 的整数，实际为 ${show(value)}`);
  }
  return n;
}

function parseNumberOption(name: string, value: string | undefined, min: number, max: number, minOpen = false): number | undefined {
  if (value === undefined) return undefined;
  const t = value.trim().replace(/%$/, "");
  const n = Number(t);
  if (t === "" || !Number.isFinite(n) || n < min || n > max || (minOpen && n === min)) {
    throw new UsageError(`--${name} must be a number ${minOpen ? "above" : "from"} ${min} ${minOpen ? "and at most" : "to"} ${max}, got ${show(value)}`, `--${name} 须为${minOpen ? "大于" : ""} ${min} ${minOpen ? "且不超过" : "到"} ${max} 的数，实际为 ${show(value)}`);
  }
  return n;
}

/** Languages of `--lang`: `zh` and `zh-cn` are taken as zh-CN (documented); anything else is an error. */
function parseLang(value: string | undefined, allowBoth = false): Lang | "both" | undefined {
  if (value === undefined) return undefined;
  const v = value === "zh" || value.toLowerCase() === "zh-cn" ? "zh-CN" : value;
  if (v === "en" || v === "zh-CN" || (allowBoth && v === "both")) return v;
  throw new UsageError(`--lang must be en or zh-CN (zh is taken as zh-CN)${allowBoth ? " or both" : ""}, got ${show(value)}`, `--lang 须为 en 或 zh-CN（zh 视同 zh-CN）${allowBoth ? "或 both" : ""}，实际为 ${show(value)}`);
}

/** The language of messages, read from the arguments before they are parsed (English when absent or invalid). */
function messageLang(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = a === "--lang" ? argv[i + 1] : a.startsWith("--lang=") ? a.slice(7) : undefined;
    if (v !== undefined) return v === "zh" || v.toLowerCase() === "zh-cn" ? "zh-CN" : "en";
  }
  return "en";
}

function parseFormats(value: string | readonly string[] | undefined): Set<Format> {
  if (value === undefined) return new Set(FORMATS);
  const out = new Set<Format>();
  for (const f of (typeof value === "string" ? value.split(",") : value).map((s) => s.trim().toLowerCase())) {
    if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format takes csv, xlsx, json (comma-separated), got ${show(f)}`, `--format 可用 csv、xlsx、json（逗号分隔），实际为 ${show(f)}`);
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
    if (a > b) throw new UsageError(`--origins range must go up, got ${show(value)}`, `--origins 的范围须从小到大，实际为 ${show(value)}`);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const list = value.split(",").map((s) => s.trim());
  if (list.some((s) => !/^\d{4}$/.test(s))) throw new UsageError(`--origins must be years "2015,2016" or a range "2012-2018", got ${show(value)}`, `--origins 须为年份列表 "2015,2016" 或范围 "2012-2018"，实际为 ${show(value)}`);
  return list.map(Number);
}

const COMMON = {
  help: { type: "boolean", short: "h" },
  quiet: { type: "boolean" },
  lang: { type: "string" },
  config: { type: "string" },
} as const;
const DATA = { data: { type: "string" }, system: { type: "string" } } as const;
const SIM = { draws: { type: "string" }, seed: { type: "string" } } as const;
const WRITE = { out: { type: "string" }, format: { type: "string" } } as const;
const MODEL = {
  method: { type: "string" },
  "ratio-years": { type: "string" },
  alpha: { type: "string" },
  births: { type: "string" },
  "births-years": { type: "string" },
} as const;
const PLAN = {
  ...MODEL,
  to: { type: "string" },
  "no-housing": { type: "boolean" },
  yields: { type: "string" },
  "births-scenario": { type: "string" },
  headroom: { type: "string" },
  "surplus-risk": { type: "string" },
  "class-size": { type: "string" },
  source: { type: "string" },
} as const;

const OPTIONS = {
  forecast: { ...COMMON, ...DATA, ...SIM, ...WRITE, ...PLAN },
  report: { ...COMMON, ...DATA, ...SIM, out: { type: "string" }, ...PLAN, "no-png": { type: "boolean" } },
  backtest: { ...COMMON, ...DATA, ...SIM, ...WRITE, ...MODEL, origins: { type: "string" }, horizon: { type: "string" }, level: { type: "string" } },
  templates: { ...COMMON, out: { type: "string" }, system: { type: "string" } },
  demo: { ...COMMON, ...SIM, ...WRITE, ...PLAN },
  advise: { ...COMMON, ...DATA, ...SIM, out: { type: "string" }, to: { type: "string" }, "no-housing": { type: "boolean" }, demo: { type: "boolean" }, risk: { type: "string" }, period: { type: "string" }, moves: { type: "boolean" }, "move-cost": { type: "string" }, "move-cap": { type: "string" } },
} as const;
type Command = keyof typeof OPTIONS;
const COMMAND_ZH: Readonly<Record<Command, string>> = { forecast: "预测", report: "报告", backtest: "回测", templates: "模板", demo: "示例", advise: "建议" };

/** Values of every option; absent ones undefined. */
interface Values {
  help?: boolean;
  quiet?: boolean;
  lang?: string;
  config?: string;
  data?: string;
  system?: string;
  draws?: string;
  seed?: string;
  out?: string;
  format?: string;
  to?: string;
  "no-housing"?: boolean;
  "no-png"?: boolean;
  yields?: string;
  origins?: string;
  horizon?: string;
  level?: string;
  demo?: boolean;
  risk?: string;
  period?: string;
  moves?: boolean;
  "move-cost"?: string;
  "move-cap"?: string;
  method?: string;
  "ratio-years"?: string;
  alpha?: string;
  births?: string;
  "births-years"?: string;
  "births-scenario"?: string;
  headroom?: string;
  "surplus-risk"?: string;
  "class-size"?: string;
  source?: string;
}

/** Plain reasons of the file-system errors a run meets, followed by the path. */
const FS_REASONS: Readonly<Record<string, readonly [string, string]>> = {
  ENOENT: ["no such file or folder", "文件或文件夹不存在"],
  EISDIR: ["a folder, not a file", "这是文件夹，不是文件"],
  ENOTDIR: ["not a folder", "不是文件夹"],
  EEXIST: ["already exists", "已经存在"],
  EACCES: ["permission denied", "没有权限"],
  EPERM: ["operation not permitted", "不允许此操作"],
  EROFS: ["read-only file system", "只读文件系统"],
  ENOSPC: ["no space left on the device", "磁盘空间不足"],
  EMFILE: ["too many open files", "打开的文件过多"],
};

function isFsError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string" && /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!);
}

/** What a run was told: each setting from the command line, else the settings file, else absent. */
interface Settings {
  readonly values: Values;
  readonly config: PlacecastConfig;
  readonly configFile?: string;
  /** Where a setting came from: "option" or "config"; undefined when absent (the default applies). */
  readonly from: (option: keyof Values, key: keyof PlacecastConfig) => "option" | "config" | undefined;
}

/** The settings file: --config, else placecast.json in the current folder when there is one. */
async function loadSettings(values: Values): Promise<Settings> {
  const file = values.config ?? (existsSync("placecast.json") ? "placecast.json" : undefined);
  let config: PlacecastConfig = {};
  if (file !== undefined) {
    try {
      config = await readConfig(file);
    } catch (e) {
      if (e instanceof ConfigError) throw new UsageError(`settings file ${e.message}`, `配置文件 ${e.message}`);
      throw e;
    }
  }
  // Paths in the file are relative to the file's folder.
  const base = file !== undefined ? dirname(resolve(file)) : ".";
  const rel = (p: string | undefined): string | undefined => (p === undefined ? undefined : resolve(base, p));
  const fromConfig: Values = {
    ...(config.data !== undefined ? { data: rel(config.data) } : {}),
    ...(config.out !== undefined ? { out: rel(config.out) } : {}),
    ...(config.lang !== undefined ? { lang: config.lang } : {}),
    ...(config.system !== undefined ? { system: config.system } : {}),
    ...(config.to !== undefined ? { to: String(config.to) } : {}),
    ...(config.format !== undefined ? { format: config.format.join(",") } : {}),
    ...(config.method !== undefined ? { method: config.method } : {}),
    ...(config.ratioYears !== undefined ? { "ratio-years": String(config.ratioYears) } : {}),
    ...(config.alpha !== undefined ? { alpha: String(config.alpha) } : {}),
    ...(config.births !== undefined ? { births: config.births } : {}),
    ...(config.birthsYears !== undefined ? { "births-years": String(config.birthsYears) } : {}),
    ...(config.birthsScenario !== undefined ? { "births-scenario": rel(config.birthsScenario) } : {}),
    ...(config.yields !== undefined ? { yields: rel(config.yields) } : {}),
    ...(config.housing === false ? { "no-housing": true } : {}),
    ...(config.headroom !== undefined ? { headroom: String(config.headroom) } : {}),
    ...(config.surplusRisk !== undefined ? { "surplus-risk": String(config.surplusRisk) } : {}),
    ...(config.classSize !== undefined
      ? { "class-size": typeof config.classSize === "number" ? String(config.classSize) : Object.entries(config.classSize).map(([k, v]) => `${k}=${v}`).join(",") }
      : {}),
    ...(config.source !== undefined ? { source: config.source } : {}),
    ...(config.draws !== undefined ? { draws: String(config.draws) } : {}),
    ...(config.seed !== undefined ? { seed: String(config.seed) } : {}),
  };
  const merged: Values = { ...fromConfig };
  for (const [k, v] of Object.entries(values)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
  return {
    values: merged,
    config,
    ...(file !== undefined ? { configFile: file } : {}),
    from: (option, key) => (values[option] !== undefined ? "option" : config[key] !== undefined ? "config" : undefined),
  };
}

/**
 * Runs the `placecast` command line with the given arguments (without `node` and the script)
 * and returns the exit code (see `EXIT`); never calls `process.exit`. Messages are in the
 * language of `--lang` (English or Chinese).
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
  let lang: Lang = messageLang(argv);
  const zh = (): boolean => lang === "zh-CN";
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "-h" || command === "--help" || command === "help") {
      out(zh() ? HELP_ZH : HELP);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === "--version" || command === "-v") {
      out(version());
      return EXIT.ok;
    }
    if (!Object.prototype.hasOwnProperty.call(OPTIONS, command)) {
      throw new UsageError(`unknown command ${show(command)}; commands are forecast, report, backtest, templates, demo, advise`, `未知命令 ${show(command)}；可用命令为 forecast、report、backtest、templates、demo、advise`);
    }
    const cmd = command as Command;
    let values: Values;
    try {
      const parsed = parseArgs({ args: [...rest], options: OPTIONS[cmd], strict: true, allowPositionals: false });
      values = parsed.values as Values;
    } catch (e) {
      const m = (e instanceof Error ? e.message : String(e)).replace(/\. To specify a positional argument.*$/s, "").replace(/\s*\n\s*/g, " ");
      throw new UsageError(m, `命令行有误：${m}`);
    }
    if (values.help) {
      out(zh() ? HELP_ZH : HELP);
      return EXIT.ok;
    }
    const settings = cmd === "templates" ? undefined : await loadSettings(values);
    if (settings) values = settings.values;
    lang = (parseLang(values.lang, cmd === "templates") === "zh-CN" ? "zh-CN" : "en") as Lang;
    for (const k of ["data", "out"] as const) if (values[k]?.includes("\0")) throw new UsageError(`--${k} must be a path without NUL characters, got ${show(values[k])}`, `--${k} 的路径不能含 NUL 字符，实际为 ${show(values[k])}`);
    const progress = new Progress(io.stderr, !values.quiet);
    if (cmd === "templates") return await templates(values, out);
    if (cmd === "advise") return await adviseCommand(values, io);
    if (cmd === "backtest") return await backtestCommand(values, settings!, io, progress, lang);
    return await forecastCommand(cmd, values, settings!, io, progress, lang);
  } catch (e) {
    if (e instanceof UsageError) {
      if (zh()) {
        err(`placecast：错误：${e.zh}`);
        err("运行 placecast --help --lang zh-CN 查看命令和选项。");
      } else {
        err(`placecast: error: ${e.message}`);
        err("Run placecast --help for the commands and options.");
      }
      return EXIT.usage;
    }
    if (e instanceof DatasetError) {
      const n = e.issues.length;
      err(zh() ? `placecast：数据中有 ${n} 个问题：` : `placecast: ${n} problem${n === 1 ? "" : "s"} in the data:`);
      err(formatIssuesIn(e.issues, lang, { limit: 200 }));
      return EXIT.data;
    }
    if (isFsError(e)) {
      const reason = FS_REASONS[e.code ?? ""];
      const path = e.path ?? (e as { dest?: string }).dest;
      const text = reason && path !== undefined ? `${reason[zh() ? 1 : 0]}: ${path}` : e.message;
      err(zh() ? `placecast：错误：${text}` : `placecast: error: ${text}`);
      return EXIT.io;
    }
    err(`placecast: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT.internal;
  }
}

async function templates(values: Values, out: (line: string) => void): Promise<number> {
  if (!values.out) throw new UsageError("templates needs --out <dir>", "templates 须指定 --out <文件夹>");
  const lang = parseLang(values.lang, true) ?? "both";
  const langs: Lang[] = lang === "both" ? ["en", "zh-CN"] : [lang];
  for (const l of langs) {
    const dir = lang === "both" ? join(values.out, l) : values.out;
    for (const p of await writeTemplates(dir, { lang: l, system: systemOf(values) })) out(p);
  }
  return EXIT.ok;
}

function systemOf(values: Values): SchoolSystem {
  const id = values.system ?? "china";
  const s = SYSTEMS[id];
  if (!s) throw new UsageError(`--system must be one of ${Object.keys(SYSTEMS).join(", ")}, got ${show(id)}`, `--system 须为 ${Object.keys(SYSTEMS).join("、")} 之一，实际为 ${show(id)}`);
  return s;
}

/** Reads the dataset named by --data, printing warnings; throws DatasetError on data errors. */
async function loadData(values: Values, io: CliIO, lang: Lang = "en"): Promise<Dataset> {
  if (!values.data) throw new UsageError("--data <dir|file.xlsx> is required", "须指定 --data <文件夹|文件.xlsx>");
  const r = await safeReadDataset(values.data, systemOf(values), { maxBytes: LIMITS.inputBytes, maxRows: LIMITS.inputRows });
  if (!r.success) {
    const big = r.issues.find((i) => i.code === "too_large");
    if (big) throw new UsageError(`${big.message} (the input limit of a run; see placecast --help)`, `${issueText(big, "zh-CN")}（每次运行的输入上限，见 placecast --help）`);
    throw new DatasetError(r.issues);
  }
  if (r.warnings.length) io.stderr.write(`${formatIssuesIn(r.warnings, lang, { limit: 50 })}\n`);
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
  const moveCost = parseNumberOption("move-cost", values["move-cost"], 0, 1e6);
  const moveCap = parseNumberOption("move-cap", values["move-cap"], 0, 1);
  if (!values.moves && (moveCost !== undefined || moveCap !== undefined)) throw new UsageError("--move-cost and --move-cap need --moves", "--move-cost 和 --move-cap 须与 --moves 同用");
  const moves = values.moves ? { ...(moveCost !== undefined ? { costPerPlaceYear: moveCost } : {}), ...(moveCap !== undefined ? { capShare: moveCap } : {}) } : undefined;
  const ds = values.demo ? parseDataset(yangjiangInput, chinaSchoolSystem) : await loadData(values, io, lang);
  const to = parseIntOption("to", values.to, ds.baseYear + 1, ds.baseYear + LIMITS.horizon) ?? (values.demo ? 2035 : ds.baseYear + 15);
  const period = parseOrigins(values.period);
  const ix = indexSystem(ds.system);
  checkBudget({ areas: ds.areas.length, grades: ix.grades.length, stages: ix.stageIds.length, years: to - ds.baseYear + 1, draws });
  const run = await runAdvise(ds, { to, draws, seed, risk, housing: !values["no-housing"], lang, moves, period: period ? { from: period[0]!, to: period[period.length - 1]! } : { from: ds.baseYear + 1, to: Math.min(to, ds.baseYear + 5) } });
  for (const line of run.summary.split("\n")) io.stdout.write(`${escapeControls(line)}\n`);
  if (values.out !== undefined) for (const p of await writeCsvTables(run.tables, values.out, { bom: lang === "zh-CN" })) io.stdout.write(`${escapeControls(p)}\n`);
  return EXIT.ok;
}

function simOptions(values: Values): { draws?: number; seed?: number } {
  const draws = parseIntOption("draws", values.draws, 1, LIMITS.draws);
  const seed = parseIntOption("seed", values.seed, 0);
  if (seed !== undefined && draws === undefined) throw new UsageError("--seed needs --draws <n>", "--seed 须与 --draws <n> 同用");
  return { ...(draws !== undefined ? { draws, seed: seed ?? 1 } : {}) };
}

/** The model options of --method, --ratio-years, --alpha, --births, --births-years. */
function modelOptions(values: Values): ModelOptions {
  const method = values.method;
  if (method !== undefined && !(RATIO_METHODS as readonly string[]).includes(method)) {
    throw new UsageError(`--method must be one of ${RATIO_METHODS.join(", ")}, got ${show(method)}`, `--method 须为 ${RATIO_METHODS.join("、")} 之一，实际为 ${show(method)}`);
  }
  const years = parseIntOption("ratio-years", values["ratio-years"], 1, 50);
  const alpha = parseNumberOption("alpha", values.alpha, 0, 1, true);
  const births = values.births;
  if (births !== undefined && !(BIRTHS_METHODS as readonly string[]).includes(births)) {
    throw new UsageError(`--births must be one of ${BIRTHS_METHODS.join(", ")}, got ${show(births)}`, `--births 须为 ${BIRTHS_METHODS.join("、")} 之一，实际为 ${show(births)}`);
  }
  const birthsYears = parseIntOption("births-years", values["births-years"], 1, 50);
  const ratio = {
    ...(method !== undefined ? { method: method as (typeof RATIO_METHODS)[number] } : {}),
    ...(years !== undefined ? { years } : {}),
    ...(alpha !== undefined ? { alpha } : {}),
  };
  const hasRatio = Object.keys(ratio).length > 0;
  return {
    ...(hasRatio ? { progression: ratio, entry: ratio } : {}),
    ...(births !== undefined || birthsYears !== undefined ? { births: { ...(births !== undefined ? { method: births as (typeof BIRTHS_METHODS)[number] } : {}), ...(birthsYears !== undefined ? { years: birthsYears } : {}) } } : {}),
  };
}

type Thresholds = Pick<AssessOptions, "headroomMargin" | "utilisationFloor" | "standardClassSizes">;

/** The thresholds and class sizes of --headroom, --surplus-risk, --class-size, with the source of --source. */
function thresholds(values: Values, settings: Settings, system: SchoolSystem): Thresholds {
  const headroom = parseNumberOption("headroom", values.headroom, 0, 100);
  const surplus = parseNumberOption("surplus-risk", values["surplus-risk"], 0, 100);
  const where = (o: keyof Values, k: keyof PlacecastConfig): string => values.source ?? (settings.from(o, k) === "config" ? `placecast.json (${settings.configFile})` : "command line");
  const out: { -readonly [K in keyof Thresholds]: Thresholds[K] } = {};
  if (headroom !== undefined) out.headroomMargin = sourced(headroom / 100, where("headroom", "headroom"));
  if (surplus !== undefined) out.utilisationFloor = sourced(surplus / 100, where("surplus-risk", "surplusRisk"));
  const cs = values["class-size"];
  if (cs !== undefined) {
    const src = where("class-size", "classSize");
    const stages = system.stages.map((s) => s.id);
    const sizes: Record<string, ReturnType<typeof sourced<number>>> = {};
    const bad = (): never => {
      throw new UsageError(`--class-size must be a whole number (45) or stage=size pairs (primary=45,junior=50) with stages ${stages.join(", ")}, got ${show(cs)}`, `--class-size 须为整数（45）或 学段=班额 列表（primary=45,junior=50），学段为 ${stages.join("、")}，实际为 ${show(cs)}`);
    };
    if (/^\s*\d+\s*$/.test(cs)) {
      const n = Number(cs);
      if (n < 1) bad();
      for (const s of stages) sizes[s] = sourced(n, src);
    } else {
      for (const part of cs.split(",")) {
        const m = /^\s*([\w-]+)\s*=\s*(\d+)\s*$/.exec(part);
        if (!m || !stages.includes(m[1]!) || Number(m[2]) < 1) bad();
        sizes[m![1]!] = sourced(Number(m![2]), src);
      }
    }
    out.standardClassSizes = sizes;
  }
  return out;
}

function describeRatio(model: ModelOptions, lang: Lang): string {
  const o = model.progression ?? {};
  const method = o.method ?? "ses";
  return fillLabel(reportLabels[lang].ratioMethod[method], { years: o.years ?? 3, alpha: o.alpha ?? 0.5, phi: o.phi ?? 0.8 });
}

function describeBirths(model: ModelOptions, lang: Lang): string {
  const b = model.births ?? {};
  return fillLabel(reportLabels[lang].birthsMethod[b.method ?? "last"], { years: b.years ?? 3 });
}

/** The yield table's description: the Chinese default in Chinese, a user's table by its id and source. */
function describeYields(id: string | undefined, source: string | undefined, lang: Lang): string {
  if (id === undefined) return lang === "zh-CN" ? "无（学制没有默认值）" : "none (the system has no default)";
  if (id === "placecast-china-default") {
    return lang === "zh-CN" ? "placecast 默认：阳江 2020 年千人指标（规划指标表，2020 年人口普查）× 每户 3.05 人（规划假设，估算）" : `${id}: ${source ?? ""}`;
  }
  return `${id}: ${source ?? ""}`;
}

interface PlanParameters {
  readonly command: Command;
  readonly data: string;
  readonly system: SchoolSystem;
  readonly baseYear: number;
  readonly to: number;
  readonly model: ModelOptions;
  readonly yields?: { readonly id: string; readonly source: string } | undefined;
  readonly housing: boolean;
  readonly thresholds: Thresholds;
  readonly sim: { draws?: number; seed?: number };
  readonly scenario?: string | undefined;
}

/** The parameters of a run, for the parameters table and the JSON's meta. */
function runParameters(p: PlanParameters, settings: Settings, values: Values, lang: Lang): RunParameter[] {
  const zh = lang === "zh-CN";
  const from = (o: keyof Values, k: keyof PlacecastConfig): string => settings.from(o, k) ?? "default";
  const yes = (b: boolean): string => (zh ? (b ? "是" : "否") : b ? "yes" : "no");
  const rules = { ...defaultCapacityRules, ...p.thresholds };
  const ix = indexSystem(p.system);
  const sizes = ix.stageIds.map((s) => {
    const v = p.thresholds.standardClassSizes?.[s]?.value ?? p.system.stages.find((x) => x.id === s)!.standardClassSize.value;
    return `${labelText(p.system.stages.find((x) => x.id === s)!.label, lang)} ${v}`;
  });
  const sizeSource = p.thresholds.standardClassSizes ? (values.source ?? from("class-size", "classSize")) : zh ? "学制默认（GB 50099-2011 等，见报告“规则与阈值”）" : "the system's (see the report's rules)";
  const thresholdSource = (o: keyof Values, k: keyof PlacecastConfig, own: boolean, en: string): string => (own ? (values.source ?? from(o, k)) : zh ? "placecast 默认值（规划惯例，非法规）" : en);
  return [
    { key: "placecast", value: version(), source: zh ? "程序" : "program" },
    { key: "command", value: zh ? COMMAND_ZH[p.command] : p.command, source: "option" },
    { key: "data", value: p.data, source: from("data", "data") },
    { key: "system", value: labelText(p.system.label, lang), source: from("system", "system") },
    { key: "baseYear", value: p.baseYear, source: zh ? "数据" : "data" },
    { key: "to", value: p.to, source: from("to", "to") },
    { key: "method", value: describeRatio(p.model, lang), source: from("method", "method") },
    { key: "births", value: describeBirths(p.model, lang), source: from("births", "births") },
    ...(p.scenario !== undefined ? [{ key: "birthsScenario", value: p.scenario, source: from("births-scenario", "birthsScenario") }] : []),
    { key: "housing", value: yes(p.housing), source: from("no-housing", "housing") },
    ...(p.housing ? [{ key: "yields", value: describeYields(p.yields?.id, p.yields?.source, lang), source: from("yields", "yields") }] : []),
    { key: "headroom", value: Math.round(rules.headroomMargin.value * 1000) / 10, source: thresholdSource("headroom", "headroom", p.thresholds.headroomMargin !== undefined, rules.headroomMargin.source) },
    { key: "surplusRisk", value: Math.round(rules.utilisationFloor.value * 1000) / 10, source: thresholdSource("surplus-risk", "surplusRisk", p.thresholds.utilisationFloor !== undefined, rules.utilisationFloor.source) },
    { key: "classSize", value: sizes.join(zh ? "，" : ", "), source: sizeSource },
    ...(p.sim.draws !== undefined ? [{ key: "draws", value: p.sim.draws, source: from("draws", "draws") }, { key: "seed", value: p.sim.seed ?? 1, source: from("seed", "seed") }] : []),
    { key: "lang", value: lang, source: from("lang", "lang") },
    ...(settings.configFile !== undefined ? [{ key: "config", value: resolve(settings.configFile), source: "option" }] : []),
  ];
}

async function forecastCommand(cmd: "forecast" | "report" | "demo", values: Values, settings: Settings, io: CliIO, progress: Progress, lang: Lang): Promise<number> {
  const demo = cmd === "demo";
  const formats = parseFormats(values.format);
  const sim = simOptions(values);
  const outDir = values.out ?? (demo ? "placecast-demo" : undefined);
  if (!outDir) throw new UsageError(`${cmd} needs --out <dir>`, `${cmd} 须指定 --out <文件夹>`);
  const toOpt = parseIntOption("to", values.to, 1800);
  const model0 = modelOptions(values);
  const ds = demo ? parseDataset(yangjiangInput, chinaSchoolSystem) : await loadData(values, io, lang);
  const to = toOpt ?? (demo ? 2035 : ds.baseYear + 15);
  if (to <= ds.baseYear) throw new UsageError(`--to must be after the base year ${ds.baseYear}, got ${to}`, `--to 须晚于基年 ${ds.baseYear}，实际为 ${to}`);
  if (to > ds.baseYear + LIMITS.horizon) {
    throw new UsageError(`--to must be at most ${LIMITS.horizon} years after the base year ${ds.baseYear} (${ds.baseYear + LIMITS.horizon}), got ${to}`, `--to 最多为基年 ${ds.baseYear} 后 ${LIMITS.horizon} 年（${ds.baseYear + LIMITS.horizon}），实际为 ${to}`);
  }
  const ix = indexSystem(ds.system);
  checkBudget({ areas: ds.areas.length, grades: ix.grades.length, stages: ix.stageIds.length, years: to - ds.baseYear + 1, ...(sim.draws ? { draws: sim.draws } : {}) });
  const th = thresholds(values, settings, ds.system);
  const yields = values.yields !== undefined ? await readYieldsFile(values.yields, ds.system) : undefined;
  const scenario = values["births-scenario"] !== undefined ? await readBirthsScenario(values["births-scenario"], new Set(ds.areas.map((a) => a.id))) : undefined;
  const model: ModelOptions = { ...model0, ...(scenario ? { birthsScenario: scenario } : {}) };
  const housing = !values["no-housing"] && (ds.housing?.length ?? 0) > 0;
  const run = runForecast(ds, { to, lang, housing: !values["no-housing"], model, assess: th, ...sim, ...(yields ? { yields } : {}) }, progress);
  const usedYields = yields ?? ds.system.defaultYields;
  const params = runParameters(
    {
      command: cmd,
      data: demo ? (lang === "zh-CN" ? "阳江示例（估算）" : "Yangjiang seed (estimates)") : resolve(values.data ?? ""),
      system: ds.system,
      baseYear: ds.baseYear,
      to,
      model,
      yields: usedYields ? { id: usedYields.id, source: usedYields.source } : undefined,
      housing,
      thresholds: th,
      sim,
      scenario: values["births-scenario"] !== undefined ? resolve(values["births-scenario"]) : undefined,
    },
    settings,
    values,
    lang,
  );
  const print = (l: string): void => void io.stdout.write(`${escapeControls(l)}\n`);
  if (cmd === "report") {
    await writeReportFiles(run, ds, th, values, outDir, lang, io, print);
    // The report's method section names the ratio and births methods and the rules; the full
    // parameters (yields, seed, version, settings) go beside it.
    for (const p of await writeCsvTables([parametersTable(params, lang)], outDir, { bom: lang === "zh-CN" })) print(p);
    // The school tables beside the report (issue 16), presented as in the forecast command.
    const schoolTables = (run.schools?.tables ?? []).map((t) => presentTable(t, { lang, system: ds.system, areas: ds.areas, schools: ds.schools }));
    for (const p of await writeCsvTables(schoolTables, outDir, { bom: lang === "zh-CN" })) print(p);
  } else {
    const meta = { placecast: version(), command: cmd, data: demo ? "Yangjiang seed (estimates)" : resolve(values.data ?? ""), system: ds.system.id, baseYear: ds.baseYear, to, ...(sim.draws ? { draws: sim.draws, seed: sim.seed } : {}), lang, parameters: params };
    await writeOutputs(presentRun(run.tables, ds, lang, params), outDir, formats, lang, meta, print);
  }
  const shortfalls = run.assessment.filter((r) => r.kind === "forecast" && r.surplus < 0 && !r.parts).length;
  const large = run.assessment.filter((r) => r.kind === "forecast" && (r.classesToEliminate ?? 0) > 0 && !r.parts).length;
  const band = ds.system.eliminateBand ? ds.system.classSizeBands.find((b) => b.id === ds.system.eliminateBand!.value)?.min : undefined;
  const summary = note("cli.summary-forecast", {
    base: ds.baseYear,
    to,
    areas: run.areas,
    assessed: run.assessment.length > 0,
    short: shortfalls,
    large,
    ...(ds.system.eliminateBand ? { band: typeof band === "number" ? band : ds.system.eliminateBand.value } : {}),
    ...(run.simulation ? { draws: run.simulation.draws, seed: run.simulation.seed } : {}),
    demo,
  });
  io.stderr.write(`${lang === "zh-CN" ? "placecast：" : "placecast: "}${renderNote(summary, lang)}\n`);
  if (run.schools?.summary) io.stderr.write(`${lang === "zh-CN" ? "placecast：" : "placecast: "}${renderNote(run.schools.summary, lang)}\n`);
  return EXIT.ok;
}

/** The run's tables as the planner reads them: years across first, then each table presented, then the parameters. */
function presentRun(tables: readonly Table[], ds: Dataset, lang: Lang, params: readonly RunParameter[]): Table[] {
  const ctx = { lang, system: ds.system, areas: ds.areas, schools: ds.schools };
  const stages = tables.find((t) => t.name === "stages");
  return [...(stages ? [yearsAcross(stages, ctx)] : []), ...tables.map((t) => presentTable(t, ctx)), parametersTable(params, lang)];
}

/** How to install a CJK font for the PNG charts (Debian and Ubuntu package names; `fontSetup` looks for their files). */
const FONT_FIX = "apt install fonts-wqy-microhei (or fonts-noto-cjk)";

async function writeReportFiles(run: ReturnType<typeof runForecast>, ds: Dataset, th: Thresholds, values: Values, outDir: string, lang: Lang, io: CliIO, print: (l: string) => void): Promise<void> {
  const png = !values["no-png"];
  if (png) {
    const setup = (io.fontSetup ?? defaultFontSetup)();
    if (!setup.cjk && lang === "zh-CN") {
      io.stderr.write(`${lang === "zh-CN" ? "placecast：" : "placecast: "}${renderNote(note("cli.font-missing", { looked: [...setup.fontFiles], fix: FONT_FIX }), lang)}\n`);
    }
  }
  const doc = buildReport(
    {
      dataset: ds,
      forecast: run.forecast,
      pupils: run.stages,
      ...(run.assessment.length ? { assessment: run.assessment.filter((r) => !r.parts), rules: { ...defaultCapacityRules, ...th } } : {}),
      ...(run.simulation ? { simulation: run.simulation } : {}),
      ...(run.capacityNotes.length ? { capacityNotes: run.capacityNotes } : {}),
    },
    { lang },
  );
  const w = await writeReport(doc, outDir, { png });
  print(w.html);
  print(w.markdown);
  for (const c of w.charts) print(c);
}

async function backtestCommand(values: Values, settings: Settings, io: CliIO, progress: Progress, lang: Lang): Promise<number> {
  const zh = lang === "zh-CN";
  const formats = parseFormats(values.format);
  const sim = simOptions(values);
  const model = modelOptions(values);
  const horizon = parseIntOption("horizon", values.horizon, 1, LIMITS.horizon) ?? 5;
  const level = values.level ?? "stage";
  if (level !== "stage" && level !== "grade") throw new UsageError(`--level must be stage or grade, got ${show(level)}`, `--level 须为 stage 或 grade，实际为 ${show(level)}`);
  if (level === "grade" && sim.draws) throw new UsageError("--draws scores intervals of stage totals; use it with --level stage", "--draws 评估的是学段合计的区间；请与 --level stage 同用");
  let origins = parseOrigins(values.origins);
  const ds = await loadData(values, io, lang);
  if (!origins) {
    origins = [];
    for (let y = ds.firstYear + 2; y < ds.baseYear; y++) origins.push(y);
    if (origins.length === 0) throw new DatasetError([{ code: "insufficient_history", severity: "error", path: ["enrolment"], message: `enrolment covers ${ds.firstYear}–${ds.baseYear}; a backtest needs at least 4 years (or give --origins)` }]);
  }
  const bad = origins.filter((o) => o < ds.firstYear || o >= ds.baseYear);
  if (bad.length) throw new UsageError(`--origins must lie in ${ds.firstYear}–${ds.baseYear - 1} (each needs a later year of actuals), got ${bad.join(", ")}`, `--origins 须在 ${ds.firstYear}–${ds.baseYear - 1} 之间（每个起点之后须有实际值），实际为 ${bad.join("、")}`);
  const ix = indexSystem(ds.system);
  checkBudget({ areas: ds.areas.length, grades: ix.grades.length, stages: ix.stageIds.length, years: horizon + 1, ...(sim.draws ? { draws: sim.draws } : {}) });
  const bt = runBacktest(ds, { origins, horizon, level, ...(sim.draws ? { simulation: { draws: sim.draws, seed: sim.seed ?? 1 } } : {}) }, progress, lang, model);
  const tables = backtestTables(bt);
  if (values.out) {
    const from = (o: keyof Values, k: keyof PlacecastConfig): string => settings.from(o, k) ?? "default";
    const params: RunParameter[] = [
      { key: "placecast", value: version(), source: zh ? "程序" : "program" },
      { key: "command", value: zh ? COMMAND_ZH.backtest : "backtest", source: "option" },
      { key: "data", value: resolve(values.data ?? ""), source: from("data", "data") },
      { key: "system", value: labelText(ds.system.label, lang), source: from("system", "system") },
      { key: "method", value: describeRatio(model, lang), source: from("method", "method") },
      { key: "origins", value: origins.join(zh ? "、" : ", "), source: values.origins !== undefined ? "option" : "default" },
      { key: "horizon", value: horizon, source: values.horizon !== undefined ? "option" : "default" },
      { key: "level", value: zh ? (level === "stage" ? "学段合计" : "年级") : level, source: values.level !== undefined ? "option" : "default" },
      ...(sim.draws !== undefined ? [{ key: "draws", value: sim.draws, source: from("draws", "draws") }, { key: "seed", value: sim.seed ?? 1, source: from("seed", "seed") }] : []),
      { key: "lang", value: lang, source: from("lang", "lang") },
    ];
    const meta = { placecast: version(), command: "backtest", data: resolve(values.data ?? ""), system: ds.system.id, origins, horizon, level, ...(sim.draws ? sim : {}), lang, parameters: params, units: { mape: "percent", mdape: "percent", bias: "percent", wape: "percent", coverage80: "percent", coverage95: "percent" } };
    const ctx = { lang, system: ds.system, areas: ds.areas };
    await writeOutputs([...tables.map((t) => presentTable(t, ctx)), parametersTable(params, lang)], values.out, formats, lang, meta, (l) => void io.stdout.write(`${escapeControls(l)}\n`));
  } else {
    const fmt = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? "" : x.toFixed(1));
    const head = zh ? ["步长", "单元数", "平均绝对百分比误差%", "绝对百分比误差中位数%", "偏差%", "加权绝对百分比误差%", ...(sim.draws ? ["80%覆盖率%", "95%覆盖率%"] : [])] : ["horizon", "cells", "MAPE %", "MdAPE %", "bias %", "WAPE %", ...(sim.draws ? ["cover80", "cover95"] : [])];
    const lines = [head.join("\t")];
    for (const r of bt.byHorizon) {
      lines.push([r.horizon, r.cells, fmt(r.mape), fmt(r.mdape), fmt(r.bias), fmt(r.wape), ...(sim.draws ? [fmt((r.coverage80 ?? NaN) * 100), fmt((r.coverage95 ?? NaN) * 100)] : [])].join("\t"));
    }
    io.stdout.write(`${lines.join("\n")}\n`);
  }
  const summary = note("cli.summary-backtest", { origins: origins.length, from: origins[0]!, to: origins[origins.length - 1]!, horizon, cells: bt.cells.length, mape: bt.overall.mape, floor: 20 });
  io.stderr.write(`${zh ? "placecast：" : "placecast: "}${renderNote(summary, lang)}\n`);
  return EXIT.ok;
}
