import type { Lang } from "../domain/sourced.js";
import { labelText } from "../domain/sourced.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import type { Cell, ColumnFormat, Table } from "../io/write.js";
import { SCHOOL_COUNTS, SCHOOL_HEADERS, SCHOOL_SHARES, SCHOOL_SHEETS, SCHOOL_VALUES_ZH } from "./schoolLabels.js";

/**
 * The command line's presentation of result tables: the library's tables (English column keys,
 * ids and codes as values, exact numbers) become what a planner reads in the chosen language —
 * every header and every coded value translated, the area's name beside its id, whole pupils,
 * shares as percentages with the unit in the header — and a years-across sheet is added.
 * Presentation only: the numbers stay exact in the cells (rounding happens in the CSV text and
 * in the workbook's number formats, see `ColumnFormat`).
 */

/** An area's id and names (the dataset's `areas` records). */
export interface NamedArea {
  readonly id: string;
  readonly name?: { readonly zh?: string | undefined; readonly en?: string | undefined } | undefined;
}

/** What the presentation needs to know. */
export interface PresentContext {
  readonly lang: Lang;
  readonly system: SchoolSystem;
  readonly areas: readonly NamedArea[];
  /** Schools, for their names beside their ids (`school` → `school_name`). @defaultValue none */
  readonly schools?: readonly NamedArea[] | undefined;
}

/** Headers of the result columns: English (with units) and Chinese. Keys are the library's column keys. */
const HEADERS: Readonly<Record<string, readonly [string, string]>> = {
  area: ["area", "县区代码"],
  area_name: ["area_name", "县区名称"],
  year: ["year", "学年"],
  stage: ["stage", "学段"],
  grade: ["grade", "年级"],
  pupils: ["pupils", "在校生（人）"],
  kind: ["kind", "类别"],
  basis: ["basis", "数据性质"],
  level: ["level", "层级"],
  method: ["method", "推算方法"],
  ratio: ["ratio", "比率"],
  from_grade: ["from_grade", "来源年级"],
  from_year: ["from_year", "来源学年"],
  from_pupils: ["from_pupils", "来源人数（人）"],
  birth_year: ["birth_year", "出生年份"],
  births: ["births", "出生人口（人）"],
  births_area: ["births_area", "出生人口地区代码"],
  births_area_name: ["births_area_name", "出生人口地区名称"],
  births_status: ["births_status", "出生人口状态"],
  component: ["component", "组成"],
  places: ["places", "学位（个）"],
  surplus: ["surplus", "学位余缺（个）"],
  utilisation: ["utilisation_pct", "学位使用率（%）"],
  headroom: ["headroom_pct", "学位余量（%）"],
  classes_available: ["classes_available", "班数（个）"],
  classes_derived: ["classes_derived", "班数为推算"],
  standard_class_size: ["standard_class_size", "标准班额（人）"],
  average_class_size: ["average_class_size", "平均班额（人）"],
  largest_class_size: ["largest_class_size", "最大班额（人）"],
  classes_needed: ["classes_needed", "所需班数（个）"],
  extra_classes_for_standard: ["extra_classes_for_standard", "达标需增班数（个）"],
  places_for_standard: ["places_for_standard", "达标需增学位（个）"],
  eliminate_from: ["eliminate_from", "大班额起点（人）"],
  classes_to_eliminate: ["classes_to_eliminate", "需消除班数（个）"],
  extra_classes_no_large: ["extra_classes_no_large", "消除大班额需增班数（个）"],
  places_no_large: ["places_no_large", "消除大班额需增学位（个）"],
  flags: ["flags", "预警"],
  forecast: ["forecast", "预测值（人）"],
  mean: ["mean", "模拟均值（人）"],
  p_shortfall: ["p_shortfall_pct", "学位不足概率（%）"],
  origin: ["origin", "预测起点学年"],
  horizon: ["horizon", "预测步长（年）"],
  actual: ["actual", "实际值（人）"],
  error: ["error", "误差（人）"],
  lower80: ["lower80", "80%区间下限（人）"],
  upper80: ["upper80", "80%区间上限（人）"],
  lower95: ["lower95", "95%区间下限（人）"],
  upper95: ["upper95", "95%区间上限（人）"],
  cells: ["cells", "单元数（个）"],
  small: ["small", "小值单元数（个）"],
  mape: ["mape_pct", "平均绝对百分比误差（%）"],
  mdape: ["mdape_pct", "绝对百分比误差中位数（%）"],
  bias: ["bias_pct", "偏差（%）"],
  wape: ["wape_pct", "加权绝对百分比误差（%）"],
  coverage80: ["coverage80_pct", "80%区间覆盖率（%）"],
  coverage95: ["coverage95_pct", "95%区间覆盖率（%）"],
  topic: ["topic", "主题"],
  code: ["code", "代码"],
  message: ["message", "说明"],
  areas: ["areas", "县区代码"],
  parameter: ["parameter", "参数"],
  value: ["value", "取值"],
  source: ["source", "来源"],
};

/** Sheet names (and, in Chinese, CSV file stems) of the result tables. */
const SHEETS: Readonly<Record<string, string>> = {
  pupils: "分年级在校生",
  stages: "分学段在校生",
  stages_by_year: "分学段在校生（按年）",
  assessment: "学位评估",
  housing: "住房学生",
  simulation: "模拟区间",
  backtest_cells: "回测明细",
  backtest_by_horizon: "回测按步长",
  backtest_by_horizon_stage: "回测按步长学段",
  backtest_by_area: "回测按县区",
  backtest_excluded: "回测排除",
  notes: "说明",
  parameters: "参数",
};

/** Coded values of the result columns, in Chinese (English keeps the codes). */
const VALUES_ZH: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  kind: { actual: "实际", forecast: "预测" },
  basis: { reported: "公布", estimate: "估算" },
  level: { total: "合计", area: "县区" },
  method: { progression: "升级比", births: "出生人口×入学比", level: "沿用水平" },
  births_status: { known: "已知", projected: "推算", scenario: "情景" },
  component: { baseline: "现有人口", housing: "新建住房", total: "合计" },
  topic: { fit: "模型拟合", housing: "新建住房", flags: "学位评估", schedule: "学位计划", simulate: "随机模拟", cli: "运行", data: "数据", plan: "规划", report: "报告" },
};

/** Flag codes of the assessment (besides the class-size bands, named by the system). */
const FLAGS: Readonly<Record<string, readonly [string, string]>> = {
  shortfall: ["shortfall", "学位不足"],
  "low-headroom": ["low-headroom", "学位余量偏紧"],
  "surplus-risk": ["surplus-risk", "学位可能闲置"],
};

/** Columns of whole pupils, places or classes (shown with no decimals). */
const COUNTS = new Set([
  "pupils", "from_pupils", "births", "places", "surplus", "places_for_standard", "places_no_large", "forecast", "mean",
  "actual", "error", "lower80", "upper80", "lower95", "upper95", "classes_to_eliminate", "extra_classes_no_large", "largest_class_size",
]);
/** Columns of shares held as fractions (shown as percent). */
const SHARES = new Set(["utilisation", "headroom", "p_shortfall", "coverage80", "coverage95"]);
/** Columns already in percent (the backtest's error summaries). */
const PERCENTS = new Set(["mape", "mdape", "bias", "wape"]);

function formatOf(key: string): ColumnFormat | undefined {
  if (COUNTS.has(key) || SCHOOL_COUNTS.has(key) || /^(pupils|surplus)_q/.test(key)) return { decimals: 0 };
  if (SHARES.has(key) || SCHOOL_SHARES.has(key) || key.startsWith("p_classes_")) return { decimals: 1, percent: true };
  if (PERCENTS.has(key)) return { decimals: 1 };
  if (key === "ratio") return { decimals: 4 };
  if (key === "average_class_size") return { decimals: 1 };
  return undefined;
}

/** A quantile suffix `q10`, `q97_5` as a percentile in words. */
function quantileText(q: string, lang: Lang): string {
  const p = q.slice(1).replace("_", ".");
  return lang === "en" ? `q${q.slice(1)}` : `第${p}百分位`;
}

/**
 * The presenter of one context: headers and values in its language, area names by id.
 *
 * @example
 * ```ts
 * const p = presenter({ lang: "zh-CN", system: chinaSchoolSystem, areas: [{ id: "qingshan", name: { zh: "青山县" } }] });
 * p.header("utilisation") // "学位使用率（%）"
 * p.value("flags", "shortfall large") // "学位不足、大班额"
 * p.areaName("qingshan") // "青山县"
 * ```
 */
export function presenter(ctx: PresentContext): {
  header: (key: string) => string;
  value: (key: string, v: Cell) => Cell;
  areaName: (id: string) => string;
  schoolName: (id: string) => string;
  stageName: (id: string) => string;
  gradeName: (id: string) => string;
} {
  const { lang, system } = ctx;
  const zh = lang === "zh-CN";
  const named = (a: NamedArea): [string, string] => [a.id, (zh ? (a.name?.zh ?? a.name?.en) : (a.name?.en ?? a.name?.zh)) ?? ""];
  const names = new Map(ctx.areas.map(named));
  const schoolNames = new Map((ctx.schools ?? []).map(named));
  const stages = new Map(system.stages.map((s) => [s.id, labelText(s.label, lang)]));
  const grades = new Map(system.stages.flatMap((s) => s.grades.map((g) => [g.id, labelText(g.label, lang)] as const)));
  const bands = new Map(system.classSizeBands.map((b) => [b.id, labelText(b.label, lang)]));
  const flagName = (code: string): string => (zh ? (FLAGS[code]?.[1] ?? bands.get(code) ?? code) : code);
  const header = (key: string): string => {
    const h = HEADERS[key] ?? SCHOOL_HEADERS[key];
    if (h) return zh ? h[1] : h[0];
    let m = /^(pupils|surplus)_(q\d+(?:_\d+)?)$/.exec(key);
    if (m) return zh ? `${m[1] === "pupils" ? "在校生" : "学位余缺"}${quantileText(m[2]!, lang)}（${m[1] === "pupils" ? "人" : "个"}）` : key;
    m = /^classes_(.+)$/.exec(key);
    if (m) return zh ? `${bands.get(m[1]!) ?? m[1]}班数（个）` : key;
    m = /^p_classes_(.+)$/.exec(key);
    if (m) return zh ? `出现${bands.get(m[1]!) ?? m[1]}的概率（%）` : `${key}_pct`;
    return key;
  };
  const value = (key: string, v: Cell): Cell => {
    if (typeof v === "boolean") return zh ? (v ? "是" : "否") : v;
    if (typeof v !== "string" || !zh) return v;
    if (key === "stage") return stages.get(v) ?? v;
    if (key === "grade" || key === "from_grade") return grades.get(v) ?? v;
    if (key === "flags") return v === "" ? "" : v.split(" ").map(flagName).join("、");
    return VALUES_ZH[key]?.[v] ?? SCHOOL_VALUES_ZH[key]?.[v] ?? v;
  };
  return {
    header,
    value,
    areaName: (id) => names.get(id) ?? "",
    schoolName: (id) => schoolNames.get(id) ?? "",
    stageName: (id) => stages.get(id) ?? id,
    gradeName: (id) => grades.get(id) ?? id,
  };
}

/**
 * A result table (English keys from `pupilsTable`, `assessmentTable`, …) as the planner reads
 * it: an area-name column after each area id column (`area` → `area_name`, `births_area` →
 * `births_area_name`) and a school-name column after a school id column (`school` →
 * `school_name`), headers and coded values in the context's language, number formats (whole pupils,
 * percent shares), and the sheet name and file stem in the language.
 *
 * @example
 * ```ts
 * presentTable(stagesTable(rows), { lang: "zh-CN", system: chinaSchoolSystem, areas: ds.areas })
 * // columns: 县区代码, 县区名称, 层级, 学年, 学段, 在校生（人）, 类别, 数据性质
 * ```
 */
export function presentTable(t: Table, ctx: PresentContext): Table {
  const p = presenter(ctx);
  const keys: string[] = [];
  const pick: ((r: readonly Cell[]) => Cell)[] = [];
  t.columns.forEach((k, i) => {
    keys.push(k);
    pick.push((r) => p.value(k, r[i] ?? null));
    if (k === "area" || k === "births_area") {
      keys.push(`${k}_name`);
      pick.push((r) => (typeof r[i] === "string" ? p.areaName(r[i] as string) : null));
    }
    if (k === "school") {
      keys.push("school_name");
      pick.push((r) => (typeof r[i] === "string" ? p.schoolName(r[i] as string) : null));
    }
  });
  const zh = ctx.lang === "zh-CN";
  return {
    name: zh ? (SHEETS[t.name] ?? SCHOOL_SHEETS[t.name] ?? t.name) : t.name,
    sheet: zh ? (SHEETS[t.name] ?? SCHOOL_SHEETS[t.name] ?? t.name) : t.name,
    columns: keys.map(p.header),
    rows: t.rows.map((r) => pick.map((f) => f(r))),
    formats: keys.map(formatOf),
  };
}

/**
 * Pupils per area and stage with the years across (one column per school year), from the stage
 * table's English keys (`area`, `level`, `year`, `stage`, `pupils`): the sheet a planner reads
 * first. Years of actuals are marked in the header (`2020（实际）`).
 *
 * @example
 * ```ts
 * yearsAcross(stagesTable(rows), ctx).columns // ["县区代码", "县区名称", "层级", "学段", "2020（实际）", "2021", …]
 * ```
 */
export function yearsAcross(stages: Table, ctx: PresentContext): Table {
  const col = (k: string): number => stages.columns.indexOf(k);
  const [ia, il, iy, is, ip, ik] = ["area", "level", "year", "stage", "pupils", "kind"].map(col) as [number, number, number, number, number, number];
  const p = presenter(ctx);
  const years = [...new Set(stages.rows.map((r) => r[iy] as number))].sort((a, b) => a - b);
  const actualYears = new Set(stages.rows.filter((r) => r[ik] === "actual").map((r) => r[iy] as number));
  const stageOrder = ctx.system.stages.map((s) => s.id);
  const byKey = new Map<string, { area: string; level: Cell; stage: string; values: Map<number, Cell> }>();
  for (const r of stages.rows) {
    const key = `${r[ia]}\u0000${r[il]}\u0000${r[is]}`;
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { area: String(r[ia]), level: r[il] ?? null, stage: String(r[is]), values: new Map() }));
    e.values.set(r[iy] as number, r[ip] ?? null);
  }
  const entries = [...byKey.values()];
  const zh = ctx.lang === "zh-CN";
  const yearHeader = (y: number): string => (actualYears.has(y) ? (zh ? `${y}（实际）` : `${y} (actual)`) : String(y));
  const name = zh ? SHEETS.stages_by_year! : "stages_by_year";
  return sortRows(
    {
      name,
      sheet: name,
      columns: [p.header("area"), p.header("area_name"), p.header("level"), p.header("stage"), ...years.map(yearHeader)],
      rows: entries.map((e) => [e.area, p.areaName(e.area), p.value("level", e.level), p.value("stage", e.stage), ...years.map((y) => e.values.get(y) ?? null)]),
      formats: [undefined, undefined, undefined, undefined, ...years.map(() => ({ decimals: 0 }))],
    },
    entries.map((e) => [e.level === "total" ? 0 : 1, e.area, stageOrder.indexOf(e.stage)] as const),
  );
}

function sortRows(t: Table, keys: readonly (readonly [number, string, number])[]): Table {
  const order = t.rows.map((_, i) => i).sort((a, b) => {
    const [x, y] = [keys[a]!, keys[b]!];
    return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) || x[2] - y[2];
  });
  return { ...t, rows: order.map((i) => t.rows[i]!) };
}

/** A parameter of a run: its key, its value and where the value came from. */
export interface RunParameter {
  readonly key: string;
  readonly value: string | number;
  /** `default`, `option` (command line), `config` (placecast.json), or a source text. */
  readonly source: string;
}

const PARAM_ZH: Readonly<Record<string, string>> = {
  placecast: "placecast 版本",
  command: "命令",
  data: "数据",
  system: "学制",
  baseYear: "基年",
  to: "预测至学年",
  method: "升级比推算方法",
  methodYears: "升级比窗口（年）",
  alpha: "平滑系数 α",
  births: "未来出生人口",
  birthsYears: "出生人口窗口（年）",
  birthsScenario: "出生人口情景",
  yields: "住房学生产生率（千人指标）",
  housing: "计入新建住房",
  headroom: "学位余量下限（%）",
  surplusRisk: "学位使用率下限（%）",
  classSize: "标准班额（人）",
  draws: "模拟次数",
  seed: "随机种子",
  lang: "语言",
  config: "配置文件",
  origins: "回测起点",
  horizon: "回测步长（年）",
  level: "回测层级",
};

const SOURCE_ZH: Readonly<Record<string, string>> = {
  default: "默认值",
  option: "命令行参数",
  config: "配置文件",
};

/**
 * The parameters of a run as a table (`parameters.csv`, sheet parameters / 参数): what was
 * computed how, so that an output can be reproduced and read on its own.
 *
 * @example
 * ```ts
 * parametersTable([{ key: "seed", value: 1, source: "default" }], "zh-CN").rows // [["随机种子", 1, "默认值"]]
 * ```
 */
export function parametersTable(params: readonly RunParameter[], lang: Lang): Table {
  const zh = lang === "zh-CN";
  return {
    name: zh ? SHEETS.parameters! : "parameters",
    sheet: zh ? SHEETS.parameters! : "parameters",
    columns: zh ? ["参数", "取值", "来源"] : ["parameter", "value", "source"],
    rows: params.map((p) => [zh ? (PARAM_ZH[p.key] ?? p.key) : p.key, p.value, zh ? (SOURCE_ZH[p.source] ?? p.source) : p.source]),
  };
}
