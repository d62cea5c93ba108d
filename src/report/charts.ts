import type { PupilRecord, StageRecord } from "../cohort/records.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import { labelText, type Lang } from "../domain/sourced.js";
import { bandsForStage } from "../domain/systemIndex.js";
import { fillLabel, reportLabels, type ReportLabels } from "./labels.js";
import { VEGA_LITE_SCHEMA, type ChartRow, type ChartSpec, type JsonObject, type JsonValue } from "./spec.js";

/** An area id with its names (an `AreaRecord` fits). */
export interface AreaName {
  readonly id: string;
  readonly name?: { readonly zh?: string | undefined; readonly en?: string | undefined } | undefined;
}

/** Options shared by the chart builders. */
export interface ChartOptions {
  /** The school system: stage order and labels, class-size bands. */
  readonly system: SchoolSystem;
  /** Area names for labels; the id is shown for areas not listed. */
  readonly areas?: readonly AreaName[];
  /** Label language. @defaultValue "en" */
  readonly lang?: Lang;
  /** Width of one panel in pixels. @defaultValue 320 */
  readonly width?: number;
  /** Height of one panel in pixels. @defaultValue 200 */
  readonly height?: number;
}

/** Places of one stage of an area in one year (`Assessment` and `PlacesTotal` fit). */
export interface PlacesPoint {
  readonly area: string;
  readonly stage: string;
  readonly year: number;
  readonly places: number;
  readonly basis?: "reported" | "estimate";
}

/** Simulated quantiles of pupils (a `Simulation` fits). */
export interface SimulatedQuantiles {
  /** Probabilities of the quantiles, ascending. */
  readonly quantiles: readonly number[];
  readonly draws?: number;
  readonly seed?: number;
  readonly rows: readonly { readonly area: string; readonly stage: string; readonly year: number; readonly pupils: readonly number[] }[];
}

/** What `forecastChart` draws for one area. */
export interface ForecastChartData {
  readonly area: string;
  /** Stage totals from the base year on (`stageTotals`); rows of other areas are ignored. */
  readonly pupils: readonly StageRecord[];
  /** Earlier actual stage totals (`historyStageTotals`), drawn before the base year. */
  readonly history?: readonly StageRecord[];
  /** Places per stage and year, drawn as a stepped line. */
  readonly places?: readonly PlacesPoint[];
  /** Simulated quantiles: the band runs from the lowest to the highest quantile given. */
  readonly simulation?: SimulatedQuantiles;
  /** Stages to draw, in order; default every stage of the system with pupils. */
  readonly stages?: readonly string[];
}

/** Surplus (places − pupils) of one stage of an area in one year (`Assessment` fits). */
export interface SurplusPoint {
  readonly area: string;
  readonly stage: string;
  readonly year: number;
  readonly surplus: number;
  /** Places (or, for a proxy, the base-year pupils): when every row has places above zero, cells are coloured by surplus per place. */
  readonly places?: number;
  readonly basis?: "reported" | "estimate";
}

/** Options of `surplusHeatmap`. */
export interface HeatmapOptions extends ChartOptions {
  /** Title; default "Surplus (+) or shortfall (−) of places". */
  readonly title?: string;
  readonly subtitle?: string;
  /** Colour legend title; default "Places − pupils". */
  readonly legendTitle?: string;
}

/** Class sizes of one stage of an area in one year (`Assessment` fits). */
export interface ClassSizePoint {
  readonly area: string;
  readonly stage: string;
  readonly year: number;
  /** Largest class under an even spread; null when there are no classes. */
  readonly largestClassSize: number | null;
  /** Classes at or above each band's minimum, by band id. */
  readonly atOrAbove: Readonly<Record<string, number>>;
  readonly basis?: "reported" | "estimate";
}

/** Options of `classSizeChart`. */
export interface ClassSizeChartOptions extends ChartOptions {
  /**
   * Id of the band whose classes are counted.
   * @defaultValue `chartBand(system)`: the system's `eliminateBand` (China: `"large"`, 56+), else its first band
   */
  readonly band?: string;
}

/** Births of one area in one year, known or projected. A `BirthRecord` fits. */
export interface BirthPoint {
  readonly area: string;
  readonly year: number;
  readonly births: number;
  readonly provenance?: "reported" | "estimate" | undefined;
  /** `projected` for births beyond the known years. @defaultValue "known" */
  readonly status?: "known" | "projected";
}

/** Pupils of a grade in a year (a `PupilRecord` or an `EnrolmentRecord` fits). */
export interface GradePoint {
  readonly area: string;
  readonly year: number;
  readonly grade: string;
  readonly pupils: number | null;
  readonly kind?: "actual" | "forecast";
  readonly basis?: "reported" | "estimate";
  readonly provenance?: "reported" | "estimate" | undefined;
}

/** What `birthsChart` draws. */
export interface BirthsChartData {
  /** The births area; its births rows are drawn. */
  readonly area: string;
  /** Title label; default the area's name. */
  readonly label?: string;
  /** Births rows (other areas ignored), known and projected. */
  readonly births: readonly BirthPoint[];
  /** Pupils of the entry grades (summed over the rows given, per grade and year). */
  readonly entrants: readonly GradePoint[];
}

interface Ctx {
  readonly L: ReportLabels;
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
  readonly areaLabel: (id: string) => string;
  readonly stageLabel: (id: string) => string;
  readonly stageOrder: readonly string[];
}

function ctx(o: ChartOptions): Ctx {
  const lang = o.lang ?? "en";
  const names = new Map((o.areas ?? []).map((a) => [a.id, a.name]));
  const stages = new Map(o.system.stages.map((s) => [s.id, s]));
  const named = (id: string): string => {
    const n = names.get(id);
    return (lang === "zh-CN" ? n?.zh ?? n?.en : n?.en) ?? id;
  };
  // Charts group rows by label: areas that share a display name are told apart by their ids.
  const uses = new Map<string, number>();
  for (const id of names.keys()) uses.set(named(id), (uses.get(named(id)) ?? 0) + 1);
  return {
    L: reportLabels[lang],
    lang,
    width: o.width ?? 320,
    height: o.height ?? 200,
    areaLabel: (id) => {
      const label = named(id);
      return (uses.get(label) ?? 0) > 1 || (label !== id && names.has(label)) ? `${label} (${id})` : label;
    },
    stageLabel: (id) => {
      const s = stages.get(id);
      return s ? labelText(s.label, lang) : id;
    },
    stageOrder: o.system.stages.map((s) => s.id),
  };
}

function titled(text: string, estimate: boolean, L: ReportLabels, subtitle: readonly string[]): ChartSpec["title"] {
  const sub = estimate ? [...subtitle, L.estimateNote] : [...subtitle];
  // Vega describes a title in English ("Title text …"): not in a Chinese chart (see configFor).
  const aria = L === reportLabels["zh-CN"] ? { aria: false } : {};
  return { text: estimate ? `${text}${L.estimateSuffix}` : text, ...(sub.length ? { subtitle: sub } : {}), ...aria };
}

const pct = (p: number): string => String(Math.round(p * 1000) / 10);

/**
 * A Vega expression formatting a count `v` as the language writes large numbers: English with
 * thousands separators and, when `short`, SI-shortened above 1,000 (`12k`); Chinese with 万 from
 * 10,000 (`1.2万`, `35万`; never "k"), thousands separators below.
 */
export function countExpr(v: string, lang: Lang, short: boolean): string {
  if (lang === "zh-CN") return `abs(${v}) >= 10000 ? format(${v} / 10000, '${short ? ".2~r" : ".4~r"}') + '万' : format(${v}, ',.0f')`;
  return short ? `abs(${v}) >= 1000 ? format(${v}, '.2~s') : format(${v}, ',.0f')` : `format(${v}, ',.0f')`;
}

/** An axis that labels counts in the language's way (`countExpr`). */
function countAxis(lang: Lang): JsonObject {
  return lang === "zh-CN" ? { labelExpr: countExpr("datum.value", lang, false) } : { format: ",d" };
}

/** The surplus heat map's colour scale runs from −30 % to +30 % of places (beyond: full colour). A presentation choice. */
const SHARE_CLAMP = 0.3;

/**
 * Colours of the births chart, one meaning each in every chart: births by status (greys), and
 * the entrants of each stage by the stage's position in the system (Tableau 10 colours the
 * other charts do not use, so that no colour means "forecast" in one chart and "entrants" in
 * another).
 */
const BIRTH_COLOURS: Readonly<Record<"reported" | "estimate" | "projected", string>> = { reported: "#8c8c8c", estimate: "#cfc6b4", projected: "#ebe5d8" };
const ENTRANT_COLOURS = ["#f28e2b", "#59a14f", "#b07aa1", "#9c755f", "#edc948", "#76b7b2"] as const;

/** Colours (Tableau 10) fixed per series so charts agree with each other. */
const COLOURS = { actual: "#1f4e79", forecast: "#4e79a7", places: "#e15759", interval: "#a0cbe8" } as const;

/** Common configuration: readable sizes, no chart border. */
const CONFIG: JsonObject = {
  view: { stroke: null },
  title: { anchor: "start", fontSize: 14, subtitleFontSize: 11, subtitleColor: "#555" },
  axis: { labelFontSize: 10, titleFontSize: 11 },
  legend: { labelFontSize: 10, titleFontSize: 11, orient: "bottom", direction: "horizontal", columns: 2, labelLimit: 260 },
};

/**
 * The configuration of a chart in a language. Vega writes its accessibility descriptions
 * (`aria-label`: "X-axis titled … for a discrete scale", field names) in English only; in Chinese
 * they are switched off (`aria: false`) rather than mixing English into a Chinese document, and
 * the chart's title and subtitle carry its description.
 */
function configFor(lang: Lang): JsonObject {
  return lang === "zh-CN" ? { ...CONFIG, aria: false, title: { ...(CONFIG.title as JsonObject), aria: false } } : CONFIG;
}

function wrapFacet(stages: readonly string[], c: Ctx, layered: JsonObject, rest: JsonObject, columns = 2): JsonObject {
  if (stages.length <= 1) return { ...layered, ...rest };
  return {
    facet: { field: "stageLabel", type: "nominal", title: null, sort: stages.map(c.stageLabel) },
    columns,
    spec: layered,
    ...rest,
  };
}

function stagesOf(rows: readonly { readonly stage: string }[], c: Ctx, only?: readonly string[]): string[] {
  const present = new Set(rows.map((r) => r.stage));
  const order = only ?? c.stageOrder;
  return order.filter((s) => present.has(s));
}

/**
 * Forecast against places for one area: per stage, the actual pupils (solid), the forecast
 * (dashed, joined to the last actual), places as a stepped line when given, and the simulated
 * band (lowest to highest quantile) when a simulation is given. Several stages are drawn as
 * small multiples with their own y scales. The title says "estimate" when any figure drawn
 * rests on estimates.
 *
 * Data rows: `{ stage, stageLabel, year, series, seriesLabel, value, lower, upper, estimate }` with
 * `series` one of `actual`, `forecast`, `places`, `interval`.
 *
 * @example
 * ```ts
 * const spec = forecastChart({ area: "jiangcheng", pupils: stageTotals(fc) }, { system: ds.system, areas: ds.areas, lang: "zh-CN" });
 * ```
 */
export function forecastChart(data: ForecastChartData, options: ChartOptions): ChartSpec {
  const c = ctx(options);
  const { L } = c;
  const area = data.area;
  const pupils = data.pupils.filter((r) => r.area === area);
  const history = (data.history ?? []).filter((r) => r.area === area);
  const places = (data.places ?? []).filter((r) => r.area === area);
  const stages = stagesOf([...pupils, ...history], c, data.stages);
  const sim = data.simulation;
  const qlo = sim?.quantiles[0];
  const qhi = sim?.quantiles[sim.quantiles.length - 1];
  const hasBand = sim !== undefined && sim.quantiles.length >= 2;
  const labels = {
    actual: L.pupilsActual,
    forecast: L.pupilsForecast,
    places: L.places,
    interval: fillLabel(L.interval, { lo: pct(qlo ?? 0), hi: pct(qhi ?? 1) }),
  };
  const values: ChartRow[] = [];
  const row = (stage: string, year: number, series: keyof typeof labels, value: number | null, estimate: boolean, lower: number | null = null, upper: number | null = null): void => {
    values.push({ stage, stageLabel: c.stageLabel(stage), year, series, seriesLabel: labels[series], value, lower, upper, estimate });
  };
  let estimate = false;
  for (const stage of stages) {
    const ps = pupils.filter((r) => r.stage === stage).sort((a, b) => a.year - b.year);
    const hs = history.filter((r) => r.stage === stage && !ps.some((p) => p.year === r.year)).sort((a, b) => a.year - b.year);
    for (const r of hs) row(stage, r.year, "actual", r.pupils, r.basis === "estimate");
    for (const r of ps) if (r.kind === "actual") row(stage, r.year, "actual", r.pupils, r.basis === "estimate");
    const lastActual = ps.filter((r) => r.kind === "actual").at(-1);
    if (lastActual && ps.some((r) => r.kind === "forecast")) row(stage, lastActual.year, "forecast", lastActual.pupils, lastActual.basis === "estimate");
    for (const r of ps) if (r.kind === "forecast") row(stage, r.year, "forecast", r.pupils, r.basis === "estimate");
    estimate ||= [...hs, ...ps].some((r) => r.basis === "estimate");
    const pl = places.filter((r) => r.stage === stage).sort((a, b) => a.year - b.year);
    for (const r of pl) row(stage, r.year, "places", r.places, r.basis === "estimate");
    estimate ||= pl.some((r) => r.basis === "estimate");
    if (hasBand) {
      const srows = sim.rows.filter((r) => r.area === area && r.stage === stage).sort((a, b) => a.year - b.year);
      if (srows.length && lastActual) row(stage, lastActual.year, "interval", null, lastActual.basis === "estimate", lastActual.pupils, lastActual.pupils);
      for (const r of srows) {
        const lo = r.pupils[0];
        const hi = r.pupils[r.pupils.length - 1];
        if (lo !== undefined && hi !== undefined) row(stage, r.year, "interval", null, estimate, lo, hi);
      }
    }
  }
  const present = (Object.keys(labels) as (keyof typeof labels)[]).filter((k) => values.some((v) => v.series === k));
  const colour: JsonObject = {
    field: "seriesLabel",
    type: "nominal",
    title: null,
    scale: { domain: present.map((k) => labels[k]), range: present.map((k) => COLOURS[k]) },
    legend: { symbolType: "stroke", symbolStrokeWidth: 3, symbolOpacity: 1 },
  };
  const layers: JsonValue[] = [];
  if (present.includes("interval")) {
    layers.push({
      transform: [{ filter: "datum.series === 'interval'" }],
      mark: { type: "area", opacity: 0.35 },
      encoding: { y: { field: "lower", type: "quantitative", title: L.pupils }, y2: { field: "upper" }, color: colour },
    });
  }
  if (present.includes("places")) {
    layers.push({
      transform: [{ filter: "datum.series === 'places'" }],
      mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
      encoding: { y: { field: "value", type: "quantitative", title: L.pupils }, color: colour },
    });
  }
  for (const k of ["actual", "forecast"] as const) {
    if (!present.includes(k)) continue;
    layers.push({
      transform: [{ filter: `datum.series === '${k}'` }],
      mark: { type: "line", point: { size: 18 }, strokeWidth: 2, ...(k === "forecast" ? { strokeDash: [6, 3] } : {}) },
      encoding: { y: { field: "value", type: "quantitative", title: L.pupils, axis: countAxis(c.lang) }, color: colour },
    });
  }
  const layered: JsonObject = {
    width: c.width,
    height: c.height,
    encoding: { x: { field: "year", type: "quantitative", title: L.schoolYear, axis: { format: "d", tickMinStep: 1 }, scale: { zero: false, nice: false } } },
    layer: layers,
  };
  const subtitle = [L.forecastSubtitle];
  if (hasBand) subtitle.push(fillLabel(L.intervalSubtitle, { lo: pct(qlo!), hi: pct(qhi!), draws: sim.draws ?? "?", seed: sim.seed ?? "?" }));
  const name = c.areaLabel(area);
  const title = fillLabel(places.length ? L.forecastTitle : L.forecastTitleNoPlaces, { area: name });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titled(title, estimate, L, subtitle),
    data: { values },
    ...wrapFacet(stages, c, layered, stages.length > 1 ? { resolve: { scale: { y: "independent" } } } : {}),
    config: configFor(c.lang),
  };
}

/** Cell sizes and the year × area encoding shared by the heat maps (areas in the order of the rows). */
function areaYearGrid(c: Ctx, rows: readonly { readonly area: string }[]): JsonObject {
  const areaOrder: string[] = [];
  for (const r of rows) if (!areaOrder.includes(r.area)) areaOrder.push(r.area);
  return {
    width: { step: 26 },
    height: { step: 18 },
    encoding: {
      x: { field: "year", type: "ordinal", title: c.L.schoolYear, axis: { labelAngle: -90 } },
      y: { field: "areaLabel", type: "nominal", title: c.L.area, axis: { title: null }, sort: areaOrder.map(c.areaLabel) },
    },
  };
}

/**
 * A county × year heat map of surplus (places − pupils): red for a shortfall, blue for places
 * standing empty, centred on zero, with the value in each cell; one panel per stage. The title
 * says "estimate" when any row rests on estimates.
 *
 * Data rows: `{ area, areaLabel, stage, stageLabel, year, surplus, estimate }`.
 *
 * @example
 * ```ts
 * surplusHeatmap(assessCapacity(stageTotals(fc), ds), { system: ds.system, areas: ds.areas })
 * ```
 */
export function surplusHeatmap(rows: readonly SurplusPoint[], options: HeatmapOptions): ChartSpec {
  const c = ctx(options);
  const { L } = c;
  const stages = stagesOf(rows, c);
  const shown = rows.filter((r) => stages.includes(r.stage));
  // Relative colour when every cell has places: a shortfall of 50 in an area of 500 places shows
  // as strongly as one of 500 in an area of 5,000.
  const relative = shown.length > 0 && shown.every((r) => typeof r.places === "number" && r.places > 0);
  const values: ChartRow[] = shown.map((r) => ({
    area: r.area,
    areaLabel: c.areaLabel(r.area),
    stage: r.stage,
    stageLabel: c.stageLabel(r.stage),
    year: r.year,
    surplus: r.surplus,
    ...(relative ? { share: Math.max(-SHARE_CLAMP, Math.min(SHARE_CLAMP, r.surplus / r.places!)) } : {}),
    estimate: r.basis === "estimate",
  }));
  const estimate = rows.some((r) => r.basis === "estimate");
  const colour: JsonObject = relative
    ? {
        field: "share",
        type: "quantitative",
        title: options.legendTitle ?? L.heatmapShareLegend,
        scale: { scheme: "redblue", domain: [-SHARE_CLAMP, 0, SHARE_CLAMP] },
        legend: { format: ".0%", direction: "vertical", orient: "right", gradientLength: 96, tickCount: 4 },
      }
    : {
        field: "surplus",
        type: "quantitative",
        title: options.legendTitle ?? L.heatmapLegend,
        scale: { scheme: "redblue", domainMid: 0 },
        legend: { ...(c.lang === "zh-CN" ? { labelExpr: countExpr("datum.value", c.lang, true) } : { format: ",d" }), direction: "vertical", orient: "right", gradientLength: 96, tickCount: 4 },
      };
  const layered: JsonObject = {
    ...areaYearGrid(c, rows),
    layer: [
      { mark: { type: "rect" }, encoding: { color: colour } },
      {
        transform: [{ calculate: countExpr("datum.surplus", c.lang, true), as: "surplusText" }],
        mark: { type: "text", fontSize: 7 },
        encoding: { text: { field: "surplusText", type: "nominal", title: L.surplus } },
      },
    ],
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titled(options.title ?? L.heatmapTitle, estimate, L, [options.subtitle ?? (relative ? L.heatmapShareSubtitle : L.heatmapSubtitle)]),
    data: { values },
    ...wrapFacet(stages, c, layered, stages.length > 1 && !relative ? { resolve: { scale: { color: "independent" } } } : {}, 1),
    config: configFor(c.lang),
  };
}

/**
 * Where classes of the band's minimum or more appear (China: the system's `eliminateBand`, 56+,
 * 大班额): an area × year grid per stage, coloured by the highest class-size band the largest
 * class reaches under an even spread (bands resolved per stage, so China's oversized band starts
 * at 46 in primary and 51 in junior and senior) and labelled with the number of classes at or
 * above the band's minimum. The subtitle states the even-spread assumption.
 *
 * Data rows: `{ area, areaLabel, stage, stageLabel, year, largest, level, count, estimate }`,
 * `level` being the label of the highest band reached (or "within the standard").
 *
 * @throws RangeError when the band is not a class-size band of the system, or the system has none
 * @example
 * ```ts
 * classSizeChart(assessment, { system: ds.system, areas: ds.areas, lang: "zh-CN" })
 * ```
 */
export function classSizeChart(rows: readonly ClassSizePoint[], options: ClassSizeChartOptions): ChartSpec {
  const c = ctx(options);
  const { L } = c;
  const system = options.system;
  const ids = system.classSizeBands.map((b) => b.id);
  const bandId = options.band ?? chartBand(system);
  if (bandId === undefined || !ids.includes(bandId)) {
    throw new RangeError(`classSizeChart: band ${JSON.stringify(bandId ?? null)} is not a class-size band of the ${system.id} system (${ids.join(", ") || "it has none"})`);
  }
  const stages = stagesOf(rows, c);
  const bandsOf = new Map(stages.map((s) => [s, bandsForStage(system, s)]));
  const within = L.withinStandard;
  const levels = [within, ...system.classSizeBands.map((b) => labelText(b.label, c.lang))];
  const levelOf = (stage: string, largest: number | null): string | null => {
    if (largest === null) return null;
    let level = within;
    for (const b of bandsOf.get(stage) ?? []) if (largest >= b.min) level = labelText(b.label, c.lang);
    return level;
  };
  const values: ChartRow[] = rows
    .filter((r) => stages.includes(r.stage))
    .map((r) => ({
      area: r.area,
      areaLabel: c.areaLabel(r.area),
      stage: r.stage,
      stageLabel: c.stageLabel(r.stage),
      year: r.year,
      largest: r.largestClassSize,
      level: levelOf(r.stage, r.largestClassSize),
      count: r.atOrAbove[bandId] ?? 0,
      estimate: r.basis === "estimate",
    }));
  const palette = ["#e8f1e4", "#fde9a9", "#f4a259", "#d62728", "#7b0d0d", "#3d0606"];
  const layered: JsonObject = {
    ...areaYearGrid(c, rows),
    layer: [
      {
        transform: [{ filter: "datum.largest !== null" }],
        mark: { type: "rect" },
        encoding: {
          color: {
            field: "level",
            type: "ordinal",
            title: L.largestClass,
            scale: { domain: levels, range: palette.slice(0, levels.length) },
            legend: { direction: "horizontal", orient: "bottom" },
          },
          tooltip: [{ field: "largest", type: "quantitative", title: L.largestClass }],
        },
      },
      {
        transform: [{ filter: "datum.count > 0" }],
        mark: { type: "text", fontSize: 8 },
        encoding: { text: { field: "count", type: "quantitative" } },
      },
    ],
  };
  const estimate = rows.some((r) => r.basis === "estimate");
  const min = bandMinText(system, bandId, stages, c.lang);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titled(fillLabel(L.classTitle, { min }), estimate, L, [fillLabel(L.classSubtitle, { min })]),
    data: { values },
    ...wrapFacet(stages, c, layered, {}, 1),
    config: configFor(c.lang),
  };
}

/**
 * The band the report's class-size chart shows: the system's `eliminateBand` (China: `"large"`,
 * 56+), else its first band (England: over 30; US: over the state cap); undefined when the
 * system has no bands.
 *
 * @example
 * ```ts
 * chartBand(chinaSchoolSystem)   // "large"
 * chartBand(englandSchoolSystem) // "over-30"
 * ```
 */
export function chartBand(system: SchoolSystem): string | undefined {
  return system.eliminateBand?.value ?? system.classSizeBands[0]?.id;
}

/**
 * A band's minimum over some stages as text: `"56"` when it is the same in all of them, else
 * each stage's (`"46 (Primary); 51 (Junior secondary, Senior secondary)"`).
 *
 * @example
 * ```ts
 * bandMinText(chinaSchoolSystem, "large", ["primary", "junior"], "en") // "56"
 * bandMinText(chinaSchoolSystem, "oversized", ["primary", "junior", "senior"], "en") // "46 (Primary); 51 (Junior secondary, Senior secondary)"
 * ```
 */
export function bandMinText(system: SchoolSystem, bandId: string, stages: readonly string[], lang: Lang): string {
  const byMin = new Map<number, string[]>();
  const names = new Map(system.stages.map((s) => [s.id, labelText(s.label, lang)]));
  for (const s of stages) {
    const b = bandsForStage(system, s).find((x) => x.id === bandId);
    if (!b) continue;
    const list = byMin.get(b.min) ?? [];
    list.push(names.get(s) ?? s);
    byMin.set(b.min, list);
  }
  if (byMin.size <= 1) return String([...byMin.keys()][0] ?? "");
  const sep = lang === "zh-CN" ? "、" : ", ";
  return [...byMin].map(([m, ss]) => (lang === "zh-CN" ? `${ss.join(sep)} ${m}` : `${m} (${ss.join(sep)})`)).join(lang === "zh-CN" ? "；" : "; ");
}

/**
 * Births and entry cohorts: births per year as bars (reported, estimated and projected in their
 * own shades) and the entrants to each grade that enters from births (China: K1 at 3, P1 at 6)
 * as lines plotted at their birth year (school year − entry age), so the fall or rise in births
 * can be followed into school. Entrants are summed over the rows given per grade and year; a
 * row repeating an area, grade and year already counted (the base year given both as history
 * and as the forecast's first year) is counted once.
 *
 * Data rows: `{ layer: "births" | "entrants", birthYear, value, seriesLabel, estimate, kind }`.
 *
 * @example
 * ```ts
 * birthsChart({ area: "yangjiang", births: ds.births, entrants: [...ds.enrolment, ...pupilRecords(fc)] }, { system: ds.system, areas: ds.areas })
 * ```
 */
export function birthsChart(data: BirthsChartData, options: ChartOptions): ChartSpec {
  const c = ctx(options);
  const { L } = c;
  const values: ChartRow[] = [];
  let estimate = false;
  const births = data.births.filter((b) => b.area === data.area).sort((a, b) => a.year - b.year);
  const seenYears = new Set<number>();
  for (const b of births) {
    if (seenYears.has(b.year)) continue;
    seenYears.add(b.year);
    const projected = b.status === "projected";
    const est = b.provenance === "estimate";
    estimate ||= est;
    values.push({ layer: "births", birthYear: b.year, value: b.births, seriesLabel: projected ? L.birthsProjected : est ? L.birthsEstimate : L.birthsReported, estimate: est, kind: projected ? "forecast" : "actual" });
  }
  const entryGrades = options.system.stages
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.entry === "births" && s.grades.length > 0)
    .map(({ s, i }) => ({ id: s.grades[0]!.id, label: labelText(s.grades[0]!.label, c.lang), age: s.entryAge, colour: ENTRANT_COLOURS[i % ENTRANT_COLOURS.length]! }));
  for (const g of entryGrades) {
    const sums = new Map<number, { pupils: number; kind: "actual" | "forecast"; est: boolean; missing: boolean }>();
    const counted = new Set<string>();
    for (const r of data.entrants) {
      if (r.grade !== g.id) continue;
      // The base year is both in the enrolment history and in the forecast's records: count it once.
      const key = `${r.area}\u0000${r.year}`;
      if (counted.has(key)) continue;
      counted.add(key);
      const kind = r.kind ?? "actual";
      const cur = sums.get(r.year) ?? { pupils: 0, kind, est: false, missing: false };
      if (r.pupils === null) cur.missing = true;
      else cur.pupils += r.pupils;
      if (kind === "forecast") cur.kind = "forecast";
      cur.est ||= r.basis === "estimate" || r.provenance === "estimate";
      sums.set(r.year, cur);
    }
    const years = [...sums.keys()].sort((a, b) => a - b);
    const label = fillLabel(L.entrants, { grade: g.label, age: g.age });
    const lastActual = years.filter((y) => sums.get(y)!.kind === "actual").at(-1);
    for (const y of years) {
      const s = sums.get(y)!;
      if (s.missing) continue;
      estimate ||= s.est;
      values.push({ layer: "entrants", birthYear: y - g.age, value: s.pupils, seriesLabel: label, estimate: s.est, kind: s.kind });
      if (y === lastActual && years.some((z) => z > y)) values.push({ layer: "entrants", birthYear: y - g.age, value: s.pupils, seriesLabel: label, estimate: s.est, kind: "forecast" });
    }
  }
  const birthSeries = (
    [
      [L.birthsReported, BIRTH_COLOURS.reported],
      [L.birthsEstimate, BIRTH_COLOURS.estimate],
      [L.birthsProjected, BIRTH_COLOURS.projected],
    ] as const
  ).filter(([l]) => values.some((v) => v.seriesLabel === l));
  const entrantSeries = entryGrades.map((g) => [fillLabel(L.entrants, { grade: g.label, age: g.age }), g.colour] as const).filter(([l]) => values.some((v) => v.layer === "entrants" && v.seriesLabel === l));
  const allYears = values.map((v) => Number(v.birthYear));
  const domain: number[] = [];
  if (allYears.length) for (let y = Math.min(...allYears); y <= Math.max(...allYears); y++) domain.push(y);
  const x: JsonObject = { field: "birthYear", type: "ordinal", title: L.birthYear, scale: { domain }, axis: { labelAngle: 0, labelExpr: "datum.value % 5 === 0 ? datum.label : ''" } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titled(fillLabel(L.birthsTitle, { area: data.label ?? c.areaLabel(data.area) }), estimate, L, [L.birthsSubtitle]),
    data: { values },
    width: Math.max(c.width, 14 * domain.length),
    height: c.height,
    layer: [
      {
        transform: [{ filter: "datum.layer === 'births'" }],
        mark: { type: "bar", opacity: 0.85 },
        encoding: {
          x,
          y: { field: "value", type: "quantitative", title: L.count, axis: countAxis(c.lang) },
          color: { field: "seriesLabel", type: "nominal", title: null, scale: { domain: birthSeries.map(([l]) => l), range: birthSeries.map(([, col]) => col) } },
        },
      },
      {
        transform: [{ filter: "datum.layer === 'entrants'" }],
        mark: { type: "line", point: { size: 14 }, strokeWidth: 2 },
        encoding: {
          x,
          y: { field: "value", type: "quantitative", title: L.count },
          color: { field: "seriesLabel", type: "nominal", title: null, scale: { domain: entrantSeries.map(([l]) => l), range: entrantSeries.map(([, col]) => col) } },
          strokeDash: { field: "kind", type: "nominal", legend: null, scale: { domain: ["actual", "forecast"], range: [[1, 0], [6, 3]] } },
          detail: { field: "kind", type: "nominal" },
        },
      },
    ],
    resolve: { scale: { color: "independent" } },
    config: configFor(c.lang),
  };
}

/**
 * Births the forecast used beyond the known years, read from the pupil records' traces: one
 * row per births area and birth year with `status: "projected"` (scenario births count as
 * projected). Known births are left out (take them from the dataset).
 *
 * @example
 * ```ts
 * const births = [...ds.births, ...tracedBirths(pupilRecords(fc))];
 * ```
 */
export function tracedBirths(pupils: readonly PupilRecord[]): BirthPoint[] {
  const seen = new Map<string, BirthPoint>();
  for (const r of pupils) {
    const v = r.via;
    if (!v || v.from !== "births" || v.birthsStatus === "known") continue;
    const k = `${v.birthsArea}\u0000${v.birthYear}`;
    if (!seen.has(k)) seen.set(k, { area: v.birthsArea, year: v.birthYear, births: v.births, provenance: r.basis === "estimate" ? "estimate" : "reported", status: "projected" });
  }
  return [...seen.values()].sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : a.year - b.year));
}

/** One school's pupils against its places in a year (`SchoolAssessment` with its interval). */
export interface SchoolUtilisationPoint {
  readonly school: string;
  /** Display name; default the id. */
  readonly label?: string;
  readonly pupils: number;
  /** Places, above zero. */
  readonly places: number;
  /** Interval of the school's pupils; null for none. */
  readonly lower?: number | null;
  readonly upper?: number | null;
  /** short (pupils > places), under-used (below the floor), surplus, or ok (exactly full). */
  readonly status: "short" | "under-used" | "surplus" | "ok";
}

/** Options of `schoolUtilisationChart`. */
export interface SchoolUtilisationOptions extends ChartOptions {
  readonly title: string;
  /** The utilisation floor (a share) drawn as a rule. */
  readonly floor: number;
  /** Level of the intervals (a share), for the subtitle; null without intervals. */
  readonly level: number | null;
  /** The figures rest on estimates: the title says so. @defaultValue false */
  readonly estimate?: boolean;
}

/**
 * Utilisation per school (pupils / places) as horizontal bars, most used first, coloured by the
 * school's status (short, under-used, surplus), with the interval of its pupils over its places as
 * a whisker and rules at the utilisation floor and at 100%.
 *
 * Data rows: `{ school, label, utilisation, lo, hi, status, statusLabel }` (lo, hi null without an interval).
 *
 * @example
 * ```ts
 * schoolUtilisationChart([{ school: "a", pupils: 540, places: 450, status: "short" }], { system: chinaSchoolSystem, title: "Utilisation", floor: 0.8, level: null })
 * ```
 */
export function schoolUtilisationChart(points: readonly SchoolUtilisationPoint[], options: SchoolUtilisationOptions): ChartSpec {
  const c = ctx(options);
  const S = c.L.schools;
  const names: Record<SchoolUtilisationPoint["status"], string> = { short: S.statusShort, "under-used": S.statusUnderUsed, surplus: S.statusSurplus, ok: S.statusOk };
  const sorted = [...points].sort((a, b) => b.pupils / b.places - a.pupils / a.places);
  // Labels told apart by id when two schools share a name.
  const uses = new Map<string, number>();
  for (const p of sorted) uses.set(p.label ?? p.school, (uses.get(p.label ?? p.school) ?? 0) + 1);
  const label = (p: SchoolUtilisationPoint): string => ((uses.get(p.label ?? p.school) ?? 0) > 1 ? `${p.label ?? p.school} (${p.school})` : p.label ?? p.school);
  const values: ChartRow[] = sorted.map((p) => ({
    school: p.school,
    label: label(p),
    utilisation: p.pupils / p.places,
    lo: typeof p.lower === "number" ? p.lower / p.places : null,
    hi: typeof p.upper === "number" ? p.upper / p.places : null,
    status: p.status,
    statusLabel: names[p.status],
  }));
  const y: JsonObject = { field: "label", type: "nominal", title: null, sort: values.map((v) => v.label as string), axis: { labelLimit: 260 } };
  const subtitle = fillLabel(S.chartSubtitle, { floor: pct(options.floor) + "%", level: options.level === null ? "–" : `${pct(options.level)}%` });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titled(options.title, options.estimate ?? false, c.L, [subtitle]),
    data: { values },
    width: options.width ?? 320,
    height: { step: 14 },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          y,
          x: { field: "utilisation", type: "quantitative", title: S.chartUtilisation, axis: { format: ".0%" } },
          color: {
            field: "statusLabel",
            type: "nominal",
            title: S.chartStatus,
            scale: { domain: [S.statusShort, S.statusUnderUsed, S.statusSurplus, S.statusOk], range: ["#d62728", "#1f77b4", "#9ecae1", "#999999"] },
            legend: { orient: "bottom", direction: "horizontal" },
          },
          tooltip: [
            { field: "label", type: "nominal", title: S.school },
            { field: "utilisation", type: "quantitative", title: S.chartUtilisation, format: ".0%" },
          ],
        },
      },
      {
        transform: [{ filter: "datum.lo !== null && datum.hi !== null" }],
        mark: { type: "rule", color: "#333333" },
        encoding: { y, x: { field: "lo", type: "quantitative" }, x2: { field: "hi" } },
      },
      { data: { values: [{ at: options.floor }, { at: 1 }] }, mark: { type: "rule", strokeDash: [4, 3], color: "#555555" }, encoding: { x: { field: "at", type: "quantitative" } } },
    ],
    config: configFor(c.lang),
  };
}
