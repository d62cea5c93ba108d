import type { Assessment } from "../capacity/assess.js";
import type { Forecast } from "../cohort/model.js";
import { pupilRecords, type StageRecord } from "../cohort/records.js";
import type { BacktestResult } from "../evaluate/backtest.js";
import type { ErrorSummary } from "../evaluate/metrics.js";
import type { Simulation } from "../uncertainty/simulate/index.js";
import type { Lang } from "../domain/sourced.js";
import type { Cell, Table } from "./write.js";

/** Chinese headers of the result columns (English headers are the keys). */
const ZH: Readonly<Record<string, string>> = {
  area: "县区",
  year: "年份",
  stage: "学段",
  grade: "年级",
  pupils: "人数",
  kind: "类别",
  basis: "数据性质",
  level: "层级",
  method: "推算方法",
  ratio: "比率",
  from_grade: "来源年级",
  from_year: "来源年份",
  from_pupils: "来源人数",
  birth_year: "出生年份",
  births: "出生人口",
  births_area: "出生人口地区",
  births_status: "出生人口状态",
  places: "学位数",
  surplus: "学位余缺",
  utilisation: "学位使用率",
  headroom: "余量比例",
  classes_available: "班数",
  classes_derived: "班数为推算",
  standard_class_size: "标准班额",
  average_class_size: "平均班额",
  largest_class_size: "最大班额",
  classes_needed: "所需班数",
  extra_classes_for_standard: "达标需增班数",
  places_for_standard: "达标需增学位",
  eliminate_from: "大班额起点",
  classes_to_eliminate: "需消除班数",
  extra_classes_no_large: "消除大班额需增班数",
  places_no_large: "消除大班额需增学位",
  flags: "预警",
  forecast: "预测值",
  mean: "均值",
  p_shortfall: "学位不足概率",
  p_classes: "班额达到概率",
  origin: "预测起点",
  horizon: "预测步长",
  actual: "实际值",
  error: "误差",
  lower80: "80%下限",
  upper80: "80%上限",
  lower95: "95%下限",
  upper95: "95%上限",
  cells: "单元数",
  small: "小值单元数",
  mape: "平均绝对百分比误差",
  mdape: "绝对百分比误差中位数",
  bias: "偏差",
  wape: "加权绝对百分比误差",
  coverage80: "80%区间覆盖率",
  coverage95: "95%区间覆盖率",
  topic: "主题",
  message: "说明",
  areas: "县区",
};

/** Chinese sheet names of the result tables. */
const ZH_SHEETS: Readonly<Record<string, string>> = {
  pupils: "分年级人数",
  stages: "分学段人数",
  assessment: "学位评估",
  simulation: "模拟区间",
  backtest_cells: "回测明细",
  backtest_by_horizon: "回测按步长",
  backtest_by_horizon_stage: "回测按步长学段",
  backtest_by_area: "回测按县区",
  backtest_excluded: "回测排除",
  notes: "说明",
};

function header(key: string, lang: Lang): string {
  if (lang === "en") return key;
  const m = /^(pupils|surplus|classes|p_classes)_(.+)$/.exec(key);
  if (!ZH[key] && m) return `${ZH[m[1]!] ?? m[1]}_${m[2]}`;
  return ZH[key] ?? key;
}

function table(name: string, keys: readonly string[], rows: readonly (readonly Cell[])[], lang: Lang): Table {
  return { name, sheet: lang === "en" ? name : (ZH_SHEETS[name] ?? name), columns: keys.map((k) => header(k, lang)), rows };
}

/** A finite number, or an empty cell for NaN and ±Infinity. */
function num(x: number | null | undefined): Cell {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}

/** Options of the result tables. */
export interface TableOptions {
  /** Column headers and sheet names. @defaultValue `"en"` */
  readonly lang?: Lang;
}

/**
 * Pupils per area × grade × year (base year `actual`, later years `forecast`), unrounded, with
 * how each forecast value was made: `method` (progression, births, level), the `ratio`, and the
 * prior cohort or births it was applied to.
 */
export function pupilsTable(fc: Forecast, options: TableOptions = {}): Table {
  const keys = ["area", "year", "stage", "grade", "pupils", "kind", "basis", "method", "ratio", "from_grade", "from_year", "from_pupils", "birth_year", "births", "births_area", "births_status"];
  const rows = pupilRecords(fc).map((r): Cell[] => {
    const v = r.via;
    const base: Cell[] = [r.area, r.year, r.stage, r.grade, num(r.pupils), r.kind, r.basis];
    if (!v) return [...base, null, null, null, null, null, null, null, null, null];
    if (v.from === "progression") return [...base, v.from, num(v.ratio), v.fromGrade, v.fromYear, num(v.fromPupils), null, null, null, null];
    if (v.from === "births") return [...base, v.from, num(v.ratio), null, null, null, v.birthYear, num(v.births), v.birthsArea, v.birthsStatus];
    return [...base, v.from, num(v.level), null, null, null, null, null, null, null];
  });
  return table("pupils", keys, rows, options.lang ?? "en");
}

/**
 * Pupils per area × stage × year. Rows of `totals` (sums over areas, e.g. a city) are marked
 * `level: total`; the others `level: area`.
 */
export function stagesTable(rows: readonly StageRecord[], totals: readonly StageRecord[] = [], options: TableOptions = {}): Table {
  const keys = ["area", "level", "year", "stage", "pupils", "kind", "basis"];
  const out = [
    ...totals.map((r): Cell[] => [r.area, "total", r.year, r.stage, num(r.pupils), r.kind, r.basis]),
    ...rows.map((r): Cell[] => [r.area, "area", r.year, r.stage, num(r.pupils), r.kind, r.basis]),
  ];
  return table("stages", keys, out, options.lang ?? "en");
}

/**
 * Places against pupils per area × stage × year (`assessCapacity`): surplus (negative: a
 * shortfall), utilisation, class counts under an even spread, classes per class-size band
 * (`classes_<band>`: classes in the band's range), what it takes to reach the standard size and
 * to have no class of the eliminated band, and the flags (codes separated by spaces). `bands`
 * orders the band columns (e.g. the system's `classSizeBands` ids).
 */
export function assessmentTable(rows: readonly Assessment[], options: TableOptions & { readonly bands?: readonly string[] } = {}): Table {
  const found = new Set(rows.flatMap((r) => Object.keys(r.bandCounts)));
  const bands = [...(options.bands ?? []).filter((b) => found.has(b)), ...[...found].filter((b) => !(options.bands ?? []).includes(b))];
  const keys = [
    "area", "year", "stage", "pupils", "kind", "basis", "places", "surplus", "utilisation", "headroom",
    "classes_available", "classes_derived", "standard_class_size", "average_class_size", "largest_class_size",
    ...bands.map((b) => `classes_${b}`),
    "classes_needed", "extra_classes_for_standard", "places_for_standard", "eliminate_from", "classes_to_eliminate",
    "extra_classes_no_large", "places_no_large", "flags",
  ];
  const out = rows.map((r): Cell[] => [
    r.area, r.year, r.stage, num(r.pupils), r.kind, r.basis, num(r.places), num(r.surplus), num(r.utilisation), num(r.headroom),
    r.classesAvailable, r.classesDerived, r.standardClassSize, num(r.averageClassSize), num(r.largestClassSize),
    ...bands.map((b) => num(r.bandCounts[b])),
    r.classesNeeded, r.extraClassesForStandard, num(r.placesForStandard), num(r.eliminateFrom), num(r.classesToEliminate),
    num(r.extraClassesNoLarge), num(r.placesNoLarge), r.flags.map((f) => f.code).join(" "),
  ]);
  return table("assessment", keys, out, options.lang ?? "en");
}

function quantileKey(prefix: string, p: number): string {
  return `${prefix}_q${String(Math.round(p * 1000) / 10).replace(".", "_")}`;
}

/**
 * Simulated pupils per area × stage × forecast year: the deterministic forecast, the mean, the
 * quantiles (`pupils_q10`, `pupils_q50`, …), and, with places, surplus quantiles, the
 * probability of a shortfall and, per class-size band, of a class of the band's size or more
 * (`p_classes_<band>`).
 */
export function simulationTable(sim: Simulation, options: TableOptions = {}): Table {
  const withPlaces = sim.rows.some((r) => r.places !== undefined);
  // One column per class-size band met in the rows (the system's bands, in their order).
  const bands: string[] = [];
  for (const r of sim.rows) for (const b of Object.keys(r.pBands ?? {})) if (!bands.includes(b)) bands.push(b);
  const keys = [
    "area", "year", "stage", "forecast", "mean", ...sim.quantiles.map((p) => quantileKey("pupils", p)),
    ...(withPlaces ? ["places", ...sim.quantiles.map((p) => quantileKey("surplus", p)), "p_shortfall", ...bands.map((b) => `p_classes_${b}`)] : []),
  ];
  const out = sim.rows.map((r): Cell[] => [
    r.area, r.year, r.stage, num(r.forecast), num(r.mean), ...sim.quantiles.map((_, i) => num(r.pupils[i])),
    ...(withPlaces ? [num(r.places), ...sim.quantiles.map((_, i) => num(r.surplus?.[i])), num(r.pShortfall), ...bands.map((b) => num(r.pBands?.[b]))] : []),
  ]);
  return table("simulation", keys, out, options.lang ?? "en");
}

const SUMMARY_KEYS = ["cells", "small", "mape", "mdape", "bias", "wape", "coverage80", "coverage95"] as const;

function summaryCells(s: ErrorSummary): Cell[] {
  return SUMMARY_KEYS.map((k) => num(s[k]));
}

/**
 * A backtest as tables: every cell (forecast against actual), and the error summaries per
 * horizon, per horizon and stage, and per area (percentages; see `ErrorSummary`).
 */
export function backtestTables(bt: BacktestResult, options: TableOptions = {}): Table[] {
  const lang = options.lang ?? "en";
  const grade = bt.cells.some((c) => c.grade !== undefined);
  const cells = table(
    "backtest_cells",
    ["origin", "horizon", "year", "area", "stage", ...(grade ? ["grade"] : []), "forecast", "actual", "error", "lower80", "upper80", "lower95", "upper95"],
    bt.cells.map((c): Cell[] => [
      c.origin, c.horizon, c.year, c.area, c.stage, ...(grade ? [c.grade ?? null] : []), num(c.forecast), num(c.actual), num(c.forecast - c.actual),
      num(c.lower80), num(c.upper80), num(c.lower95), num(c.upper95),
    ]),
    lang,
  );
  return [
    cells,
    table("backtest_by_horizon", ["horizon", ...SUMMARY_KEYS], bt.byHorizon.map((r) => [r.horizon, ...summaryCells(r)]), lang),
    table("backtest_by_horizon_stage", ["horizon", "stage", ...SUMMARY_KEYS], bt.byHorizonStage.map((r) => [r.horizon, r.stage, ...summaryCells(r)]), lang),
    table("backtest_by_area", ["area", ...SUMMARY_KEYS], bt.byArea.map((r) => [r.area, ...summaryCells(r)]), lang),
    table("backtest_excluded", ["origin", "areas"], bt.excluded.map((e) => [e.origin, e.areas.join(" ")]), lang),
  ];
}

/** Notes (fitting fallbacks, assumptions, warnings) as a table of topic and message. */
export function notesTable(notes: readonly { readonly topic: string; readonly message: string }[], options: TableOptions = {}): Table {
  return table("notes", ["topic", "message"], notes.map((n) => [n.topic, n.message]), options.lang ?? "en");
}
