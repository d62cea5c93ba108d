import { defaultCapacityRules, sumAssessments, type Assessment, type CapacityRules } from "../capacity/assess.js";
import type { Forecast } from "../cohort/model.js";
import { estimatedAreas, pupilRecords, stageTotals, sumOverAreas, type StageRecord } from "../cohort/records.js";
import type { Dataset } from "../data/dataset.js";
import { labelText, type Lang } from "../domain/sourced.js";
import { bandRange, bandsForStage } from "../domain/systemIndex.js";
import type { Simulation } from "../uncertainty/simulate/index.js";
import { simulationSourcesNote } from "../uncertainty/simulate/totals.js";
import { birthsChart, chartBand, classSizeChart, forecastChart, surplusHeatmap, tracedBirths, type BirthPoint, type ChartOptions, type SurplusPoint } from "./charts.js";
import type { ReportBlock, ReportDocument } from "./document.js";
import { historyStageTotals } from "./history.js";
import { fillLabel, reportLabels, type ReportLabels } from "./labels.js";
import { formatCount } from "./textTable.js";
import { note, type Note } from "../domain/notes.js";
import { noteText, renderNote } from "./notes/index.js";
// Schools section (issue 16).
import { forecastSchools, type SchoolForecast } from "../schools/model.js";
import { assessSchools, type SchoolAssessmentResult } from "../schools/places.js";
import { defaultSchoolYear, schoolSectionBlocks } from "./schools.js";

/** What a report is built from. */
export interface ReportInput {
  readonly dataset: Dataset;
  readonly forecast: Forecast;
  /**
   * Pupils per area, stage and year to report, when they are not the forecast's own: e.g. the
   * total with new housing (`componentStageTotals(forecastWithHousing(…))` rows of component
   * `"total"`). Births and entry cohorts still come from `forecast`. @defaultValue `stageTotals(forecast)`
   */
  readonly pupils?: readonly StageRecord[];
  /**
   * The capacity assessment of the forecast's areas (`assessCapacity(stageTotals(fc), ds)`).
   * Without it the flags compare the forecast with the base-year enrolment, and the report says so.
   */
  readonly assessment?: readonly Assessment[];
  /** Thresholds the assessment used (for the rules table). @defaultValue `defaultCapacityRules` */
  readonly rules?: CapacityRules;
  /**
   * A simulation of the same model (`simulate`): interval bands and ranges in the tables. The
   * total's (a city over its counties) come from the simulation's rows of that area, the
   * quantiles of the summed paths: simulate with `totals: { containingAreas: true }` (or with
   * places of the total's own) to have them; without such rows the total has no band.
   */
  readonly simulation?: Simulation;
  /**
   * The advisor's comparison with the plan (`compareWithPlan(await advise(…), period)`), shown as
   * its own section before the method: per stage, the plan's and the advised new places, expected
   * empty place-years, pupil-years short and largest P(shortfall).
   */
  readonly advice?: ReportAdvice;
  /** Notes from building the places schedule (`CapacitySchedule.notes`, `AssessmentRows.notes`), rendered in the report's language. */
  readonly capacityNotes?: readonly Note[];
  /**
   * The school forecast (`forecastSchools(dataset, fc)`) for the schools section, shown after the
   * areas: per area, schools short and under-used without netting, classes of the system's
   * eliminate band and up per school, the schools with the largest shortfall and surplus with
   * their intervals. `null` for no section. @defaultValue when the dataset holds schools,
   * `forecastSchools(dataset, forecast)` (the schools reconciled to the forecast's own pupils);
   * no section otherwise
   */
  readonly schools?: SchoolForecast | null;
  /** The assessment of `schools`. @defaultValue `assessSchools(schools, dataset, { utilisationFloor: rules.utilisationFloor })` */
  readonly schoolAssessment?: SchoolAssessmentResult;
}

/** Options of `buildReport`. */
export interface ReportOptions {
  /** @defaultValue "en" */
  readonly lang?: Lang;
  /** Years shown in the tables. @defaultValue the base year, base + 3, base + 5, base + 10 and the last year (those in range) */
  readonly years?: readonly number[];
  /** Title; default "<place>: school places forecast <base>–<to>". */
  readonly title?: string;
  /**
   * Id of the area the forecast areas sum to (a city over its counties), reported first and in
   * the title; `null` for none. @defaultValue the common parent of the forecast areas, when the
   * dataset names one
   */
  readonly total?: string | null;
  /** Draw the births chart per area as well as for the total. @defaultValue true */
  readonly birthsPerArea?: boolean;
  /** Year of the schools section's school table and chart. @defaultValue the base year + 5 when forecast, else the last year */
  readonly schoolYear?: number;
  /** Schools listed as the largest shortfalls, and as many as the largest surpluses, in the schools section. @defaultValue 5 */
  readonly schoolsListed?: number;
}

interface Ctx {
  readonly L: ReportLabels;
  readonly lang: Lang;
  readonly ds: Dataset;
  readonly chart: ChartOptions;
  readonly areaName: (id: string) => string;
  readonly stageName: (id: string) => string;
}

const signed = (x: number): string => (Math.round(x) > 0 ? `+${formatCount(x)}` : formatCount(x));
const percent = (x: number): string => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
const pctLabel = (p: number): string => String(Math.round(p * 1000) / 10);

/**
 * Years as ranges of consecutive years (duplicates and order do not matter).
 *
 * @example
 * ```ts
 * yearRanges([2021, 2022, 2023, 2024, 2027]) // "2021–2024, 2027"
 * ```
 */
export function yearRanges(years: readonly number[]): string {
  const ys = [...new Set(years)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < ys.length) {
    let j = i;
    while (j + 1 < ys.length && ys[j + 1] === ys[j]! + 1) j++;
    parts.push(j === i ? String(ys[i]) : `${ys[i]}–${ys[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}

function defaultYears(base: number, to: number): number[] {
  return [...new Set([base, base + 3, base + 5, base + 10, to].filter((y) => y >= base && y <= to))].sort((a, b) => a - b);
}

function totalArea(ds: Dataset, areas: readonly string[]): string | undefined {
  const parent = new Map(ds.areas.map((a) => [a.id, a.parent]));
  const ps = new Set(areas.map((a) => parent.get(a)));
  if (ps.size !== 1) return undefined;
  const p = [...ps][0];
  return p !== undefined && parent.has(p) ? p : undefined;
}

/**
 * Builds the planner's report from a forecast (and, when given, the capacity assessment and a
 * simulation) as a `ReportDocument`: render it with `reportMarkdown` or `reportHtml` (or
 * `writeReport` from `placecast/node`, which also renders the charts).
 *
 * Order: (1) a summary of flags — where and when places run short or stand empty and where
 * classes fall in the system's class-size bands (resolved per stage: China's oversized band is
 * 46–55 in primary, 51–55 in junior and senior), from the assessment; without one, the forecast
 * against the base-year enrolment, saying that places were not assessed; with the surplus heat
 * map and the class-size chart of the system's `eliminateBand` (China: 56+, 大班额), else of its
 * first band (`chartBand`); (2) per area (the total first): a table of the chosen years and the
 * forecast-against-places chart, and births with entry cohorts; then, when the dataset holds
 * schools or `input.schools` is given, the schools section (per area, from the schools and never
 * netted: schools short and by how many places, schools under-used, the net surplus the area total
 * shows, classes of the `eliminateBand` and up per school — China 56+ 大班额, 66+ 超大班额 —
 * beside the area's even-spread count, and the schools with the largest shortfall and surplus
 * with their intervals, and a utilisation chart); then the advice, when given; last, method (ratio and births
 * methods, fitting notes, simulation, rules with their sources; notes are coded and rendered in
 * the report's language by `renderNote`, and placecast's default thresholds cite their source in
 * that language too) and data provenance (records per
 * table reported or estimated, how the estimates were made, which areas rest on them).
 * Everything resting on an estimate is marked in titles and captions. Pure: reads its inputs
 * only.
 *
 * @example
 * ```ts
 * const doc = buildReport({ dataset: ds, forecast: fc, assessment: assessCapacity(stageTotals(fc), ds) }, { lang: "zh-CN" });
 * reportMarkdown(doc)
 * ```
 */
export function buildReport(input: ReportInput, options: ReportOptions = {}): ReportDocument {
  const { dataset: ds, forecast: fc } = input;
  const lang = options.lang ?? "en";
  const L = reportLabels[lang];
  const names = new Map(ds.areas.map((a) => [a.id, a.name]));
  const areaName = (id: string): string => {
    const n = names.get(id);
    return (lang === "zh-CN" ? n?.zh ?? n?.en : n?.en) ?? id;
  };
  const stages = new Map(ds.system.stages.map((s) => [s.id, s]));
  const stageName = (id: string): string => {
    const s = stages.get(id);
    return s ? labelText(s.label, lang) : id;
  };
  const c: Ctx = { L, lang, ds, chart: { system: ds.system, areas: ds.areas, lang }, areaName, stageName };
  const years = (options.years ?? defaultYears(fc.baseYear, fc.to)).filter((y) => y >= fc.baseYear && y <= fc.to);
  const total = options.total === null ? undefined : options.total ?? totalArea(ds, fc.areas);

  const byStage = input.pupils ?? stageTotals(fc);
  const pupils = pupilRecords(fc);
  const history = historyStageTotals(ds);
  const est = estimatedAreas(fc);
  const anyEstimate = est.some(Boolean) || ds.enrolment.some((r) => r.provenance === "estimate") || ds.births.some((r) => r.provenance === "estimate");
  const assessment = input.assessment;
  const areaRows = assessment?.filter((r) => fc.areas.includes(r.area));
  const totalAssess = total !== undefined && areaRows?.length ? sumAssessments(areaRows, total, input.rules ?? {}) : undefined;

  const blocks: ReportBlock[] = [];
  // Chart ids become file names: letters, digits, "-" and "_" only, unique within the report.
  const usedIds = new Set<string>();
  const chartId = (raw: string): string => {
    const base = raw.replace(/[^\p{L}\p{N}_-]+/gu, "-");
    let id = base;
    for (let k = 2; usedIds.has(id); k++) id = `${base}-${k}`;
    usedIds.add(id);
    return id;
  };
  const place = total !== undefined ? areaName(total) : fc.areas.length <= 3 ? fc.areas.map(areaName).join(lang === "zh-CN" ? "、" : ", ") : fillLabel(L.areasCount, { n: fc.areas.length });
  const title = options.title ?? `${fillLabel(L.reportTitle, { place, from: fc.baseYear, to: fc.to })}${anyEstimate ? L.estimateSuffix : ""}`;
  blocks.push({ kind: "heading", level: 1, text: title });
  blocks.push({ kind: "paragraph", text: fillLabel(L.reportIntro, { base: fc.baseYear, to: fc.to, areas: place }) });
  if (anyEstimate) blocks.push({ kind: "paragraph", text: L.reportEstimateIntro });

  // 1. Summary of flags.
  blocks.push({ kind: "heading", level: 2, text: `1. ${L.summaryHeading}` });
  if (areaRows && areaRows.length) {
    blocks.push({ kind: "paragraph", text: L.summaryWithPlaces });
    blocks.push(...flagTable(c, areaRows));
    const surplus: SurplusPoint[] = areaRows;
    blocks.push({ kind: "chart", id: "surplus-heatmap", title: L.heatmapTitle, spec: surplusHeatmap(surplus, { ...c.chart }) });
    const band = chartBand(ds.system);
    if (band !== undefined) {
      const spec = classSizeChart(areaRows, { ...c.chart, band });
      blocks.push({ kind: "chart", id: "class-sizes", title: spec.title.text, spec });
    }
  } else {
    blocks.push({ kind: "paragraph", text: fillLabel(L.summaryNoPlaces, { base: fc.baseYear }) });
    blocks.push(proxyFlagTable(c, byStage, fc.baseYear));
    blocks.push({ kind: "paragraph", text: L.classNotAssessed });
    const proxy = proxySurplus(byStage, fc.baseYear);
    blocks.push({
      kind: "chart",
      id: "surplus-heatmap",
      title: fillLabel(L.heatmapProxyTitle, { year: fc.baseYear }),
      spec: surplusHeatmap(proxy, { ...c.chart, title: fillLabel(L.heatmapProxyTitle, { year: fc.baseYear }), subtitle: fillLabel(L.heatmapProxySubtitle, { year: fc.baseYear }) }),
    });
  }

  // 2. By area, the total first.
  blocks.push({ kind: "heading", level: 2, text: `2. ${L.countiesHeading}` });
  const sim = input.simulation;
  const allBirths: BirthPoint[] = [...ds.births, ...tracedBirths(pupils)];
  const sections: { id: string; label: string; rows: StageRecord[]; hist: StageRecord[]; assess?: readonly Assessment[]; simRows?: Simulation["rows"] }[] = [];
  if (total !== undefined) {
    sections.push({
      id: total,
      label: `${areaName(total)}${L.totalSuffix}`,
      rows: sumOverAreas(byStage, total),
      hist: sumHistory(history.filter((r) => fc.areas.includes(r.area)), total, fc.baseYear),
      ...(totalAssess ? { assess: totalAssess } : {}),
      // The total's bands and P(shortfall): quantiles of the summed paths, when the simulation has
      // the total's rows (`simulate(…, { totals: { containingAreas: true } })`).
      ...(sim?.rows.some((r) => r.area === total) ? { simRows: sim.rows.filter((r) => r.area === total) } : {}),
    });
  }
  for (const a of fc.areas) {
    sections.push({
      id: a,
      label: areaName(a),
      rows: byStage.filter((r) => r.area === a),
      hist: history.filter((r) => r.area === a && r.year < fc.baseYear),
      ...(areaRows ? { assess: areaRows.filter((r) => r.area === a) } : {}),
      ...(sim ? { simRows: sim.rows.filter((r) => r.area === a) } : {}),
    });
  }
  for (const s of sections) {
    blocks.push({ kind: "heading", level: 3, text: s.label });
    blocks.push(areaTable(c, s.rows, years, s.assess, s.simRows, sim));
    const places = s.assess?.map((r) => ({ area: s.id, stage: r.stage, year: r.year, places: r.places, basis: r.basis }));
    blocks.push({
      kind: "chart",
      id: chartId(`forecast-${s.id}`),
      title: s.label,
      spec: forecastChart(
        { area: s.id, pupils: s.rows, history: s.hist, ...(places?.length ? { places } : {}), ...(sim && s.simRows?.length ? { simulation: { quantiles: sim.quantiles, draws: sim.draws, seed: sim.seed, rows: s.simRows } } : {}) },
        c.chart,
      ),
    });
    const isTotal = s.id === total;
    if (isTotal || options.birthsPerArea !== false) {
      const entrants = isTotal ? [...ds.enrolment.filter((r) => fc.areas.includes(r.area)), ...pupils] : [...ds.enrolment.filter((r) => r.area === s.id), ...pupils.filter((r) => r.area === s.id)];
      const births = isTotal ? totalBirths(allBirths, s.id, fc.areas, ds) : allBirths;
      if (births.some((b) => b.area === s.id)) {
        blocks.push({ kind: "chart", id: chartId(`births-${s.id}`), title: fillLabel(L.birthsTitle, { area: s.label }), spec: birthsChart({ area: s.id, label: s.label, births, entrants }, c.chart) });
      }
    }
  }

  // 3. Schools, when the dataset holds them or a school forecast is given.
  let next = 3;
  const schoolBlocks = schoolSection(c, input, fc, years, options, chartId, next);
  if (schoolBlocks.length) {
    blocks.push(...schoolBlocks);
    next++;
  }

  // The advice beside the plan, when given.
  if (input.advice) {
    const adv = input.advice;
    blocks.push({ kind: "heading", level: 2, text: `${next++}. ${L.adviceHeading}` });
    blocks.push({ kind: "paragraph", text: fillLabel(L.adviceIntro, { risk: percent(adv.risk), from: adv.period.from, to: adv.period.to, seed: adv.seed }) });
    const rows = adv.stages.flatMap((st) =>
      ([[L.advicePlan, st.plan], [L.adviceAdvised, st.advised]] as const).map(([side, v]) => [
        stageName(st.stage),
        side,
        formatCount(Math.round(v.newPlaces)),
        formatCount(Math.round(v.emptyPlaceYears)),
        formatCount(Math.round(v.shortfallPupilYears)),
        formatCount(Math.round(v.cost)),
        percent(v.maxPShortfall),
      ]),
    );
    blocks.push({ kind: "table", header: [...L.adviceColumns], rows, align: ["left", "left"] });
  }

  // Method and data provenance.
  blocks.push({ kind: "heading", level: 2, text: `${next}. ${L.methodHeading}` });
  blocks.push(...methodBlocks(c, fc, input));
  blocks.push({ kind: "heading", level: 3, text: L.provenanceHeading });
  blocks.push(...provenanceBlocks(c, fc, est));
  return { lang, title, blocks };
}

/** The schools section's blocks (empty without schools); a note instead when the dataset's schools stand outside the forecast. */
function schoolSection(c: Ctx, input: ReportInput, fc: Forecast, years: readonly number[], options: ReportOptions, chartId: (raw: string) => string, n: number): ReportBlock[] {
  const { ds, L } = c;
  let sf = input.schools;
  if (sf === null) return [];
  if (sf === undefined) {
    if (!ds.schools?.length) return [];
    // Areas left out of the forecast (`forecast(…, { areas })`) have no pupils: they have no stage totals.
    const covered = new Set(stageTotals(fc).map((r) => r.area));
    const missing = [...new Set(ds.schools.map((s) => s.area))].filter((a) => !covered.has(a));
    if (missing.length) {
      return [
        { kind: "heading", level: 2, text: `${n}. ${L.schools.heading}` },
        { kind: "paragraph", text: renderNote(note("schools.areas-not-forecast", { areas: missing }), c.lang) },
      ];
    }
    sf = forecastSchools(ds, fc);
  }
  const sa = input.schoolAssessment ?? assessSchools(sf, ds, input.rules?.utilisationFloor ? { utilisationFloor: input.rules.utilisationFloor } : {});
  const listed = options.schoolsListed ?? 5;
  if (!(Number.isInteger(listed) && listed >= 1)) throw new RangeError(`buildReport: schoolsListed must be a whole number of 1 or more, got ${listed}`);
  return schoolSectionBlocks(c, sf, sa, {
    heading: `${n}. ${L.schools.heading}`,
    years,
    year: options.schoolYear ?? defaultSchoolYear(sf.years),
    listed,
    ...(input.assessment ? { assessment: input.assessment } : {}),
    chartId,
  });
}

/** One side (plan or advice) of a stage in `ReportAdvice` (the shape of the advisor's `StageSide`). */
export interface ReportAdviceSide {
  readonly newPlaces: number;
  readonly emptyPlaceYears: number;
  readonly shortfallPupilYears: number;
  /** Expected cost in the levers' unit. */
  readonly cost: number;
  readonly maxPShortfall: number;
}

/**
 * The advice section's input: the advisor's per-stage comparison (`compareWithPlan`), the risk
 * target, the plan period and the simulation seed it rests on.
 */
export interface ReportAdvice {
  readonly stages: readonly { readonly stage: string; readonly plan: ReportAdviceSide; readonly advised: ReportAdviceSide }[];
  readonly risk: number;
  readonly period: { readonly from: number; readonly to: number };
  readonly seed: number;
}

/** History totals of the areas summed into `area` (years before the base year). */
function sumHistory(rows: readonly StageRecord[], area: string, base: number): StageRecord[] {
  return sumOverAreas(rows.filter((r) => r.year < base), area);
}

/** Known births of the total area, and projected births summed over the areas (when all project). */
function totalBirths(births: readonly BirthPoint[], total: string, areas: readonly string[], ds: Dataset): BirthPoint[] {
  const own = births.filter((b) => b.area === total && b.status !== "projected");
  const last = Math.max(...own.map((b) => b.year));
  const projected = new Map<number, { births: number; n: number; est: boolean }>();
  for (const b of births) {
    if (b.status !== "projected" || !areas.includes(b.area) || b.year <= last) continue;
    const cur = projected.get(b.year) ?? { births: 0, n: 0, est: false };
    cur.births += b.births;
    cur.n += 1;
    cur.est ||= b.provenance === "estimate";
    projected.set(b.year, cur);
  }
  const withBirths = new Set(ds.births.filter((b) => areas.includes(b.area)).map((b) => b.area));
  const out: BirthPoint[] = [...own];
  for (const [year, v] of projected) {
    if (v.n === withBirths.size) out.push({ area: total, year, births: v.births, provenance: v.est ? "estimate" : "reported", status: "projected" });
  }
  return out;
}

function proxySurplus(rows: readonly StageRecord[], base: number): SurplusPoint[] {
  const baseOf = new Map(rows.filter((r) => r.year === base).map((r) => [`${r.area}\u0000${r.stage}`, r.pupils]));
  return rows.flatMap((r) => {
    const b = baseOf.get(`${r.area}\u0000${r.stage}`);
    return b === undefined ? [] : [{ area: r.area, stage: r.stage, year: r.year, surplus: b - r.pupils, places: b, basis: r.basis }];
  });
}

/**
 * Order of the flags in the summary: shortfall, then the system's class-size bands from the
 * highest (China: 超大班额, 大班额, oversized), then low headroom and surplus risk.
 */
function flagRank(system: Dataset["system"]): (code: string) => number {
  const bands = system.classSizeBands.map((b) => b.id).reverse();
  const order = ["shortfall", ...bands, "low-headroom", "surplus-risk"];
  return (code) => (order.includes(code) ? order.indexOf(code) : order.length);
}

function flagTable(c: Ctx, rows: readonly Assessment[]): ReportBlock[] {
  const { L } = c;
  const groups = new Map<string, { code: string; area: string; stage: string; rows: Assessment[] }>();
  for (const r of rows) {
    for (const f of r.flags) {
      const k = `${f.code}\u0000${r.area}\u0000${r.stage}`;
      const g = groups.get(k) ?? { code: f.code, area: r.area, stage: r.stage, rows: [] };
      g.rows.push(r);
      groups.set(k, g);
    }
  }
  const areaOrder = [...new Set(rows.map((r) => r.area))];
  const stageOrder = c.ds.system.stages.map((s) => s.id);
  const rank = flagRank(c.ds.system);
  const list = [...groups.values()].sort((a, b) => rank(a.code) - rank(b.code) || areaOrder.indexOf(a.area) - areaOrder.indexOf(b.area) || stageOrder.indexOf(a.stage) - stageOrder.indexOf(b.stage));
  const described = list.map((g) => {
    const yrs = g.rows.map((r) => r.year);
    let label: string;
    let worst: string;
    if (g.code === "shortfall") {
      const w = g.rows.reduce((m, r) => (r.surplus < m.surplus ? r : m));
      label = L.flagShortfall;
      worst = fillLabel(L.worstShortfall, { n: formatCount(-w.surplus), year: w.year });
    } else if (g.code === "low-headroom") {
      const w = g.rows.reduce((m, r) => ((r.headroom ?? 1) < (m.headroom ?? 1) ? r : m));
      label = L.flagLowHeadroom;
      worst = fillLabel(L.worstHeadroom, { pct: percent(w.headroom ?? 0), year: w.year });
    } else if (g.code === "surplus-risk") {
      const w = g.rows.reduce((m, r) => (r.surplus > m.surplus ? r : m));
      label = L.flagSurplusRisk;
      worst = fillLabel(L.worstSurplus, { n: formatCount(w.surplus), year: w.year, pct: percent(w.utilisation ?? 0) });
    } else {
      const band = bandsForStage(c.ds.system, g.stage).find((b) => b.id === g.code);
      const w = g.rows.reduce((m, r) => ((r.atOrAbove[g.code] ?? 0) > (m.atOrAbove[g.code] ?? 0) ? r : m));
      label = band ? (c.lang === "zh-CN" ? `${labelText(band.label, c.lang)}（${bandRange(band)}）` : `${labelText(band.label, c.lang)} (${bandRange(band)})`) : g.code;
      worst = fillLabel(L.worstClasses, { n: formatCount(w.atOrAbove[g.code] ?? 0), year: w.year });
    }
    const estimate = g.rows.some((r) => r.basis === "estimate");
    return { g, label, worst, severity: severity(g.code, g.rows), row: [label, c.areaName(g.area), c.stageName(g.stage), yearRanges(yrs), `${worst}${estimate ? L.estimateSuffix : ""}`] };
  });
  if (described.length === 0) return [{ kind: "paragraph", text: L.noFlags }];
  // One line per flag: how many area–stage series, when, and the worst of them.
  const series = new Set(rows.map((r) => `${r.area}\u0000${r.stage}`)).size;
  const overview: string[] = [];
  for (const code of [...new Set(described.map((d) => d.g.code))]) {
    const ds = described.filter((d) => d.g.code === code);
    const w = ds.reduce((m, d) => (d.severity > m.severity ? d : m));
    overview.push(fillLabel(L.overviewLine, { flag: w.label, n: ds.length, of: series, years: yearRanges(ds.flatMap((d) => d.g.rows.map((r) => r.year))), area: c.areaName(w.g.area), stage: c.stageName(w.g.stage), worst: w.worst }));
  }
  return [
    { kind: "list", items: overview },
    { kind: "table", header: [L.flag, L.area, L.stage, L.years, L.worst], rows: described.map((d) => d.row), align: ["left", "left", "left", "left", "left"] },
  ];
}

/** How bad a flag's worst year is, to pick the worst area and stage for the overview. */
function severity(code: string, rows: readonly Assessment[]): number {
  if (code === "shortfall") return Math.max(...rows.map((r) => -r.surplus));
  if (code === "low-headroom") return Math.max(...rows.map((r) => -(r.headroom ?? 0)));
  if (code === "surplus-risk") return Math.max(...rows.map((r) => r.surplus));
  return Math.max(...rows.map((r) => r.atOrAbove[code] ?? 0));
}

function proxyFlagTable(c: Ctx, rows: readonly StageRecord[], base: number): ReportBlock {
  const { L } = c;
  const margin = defaultCapacityRules.headroomMargin.value;
  const floor = defaultCapacityRules.utilisationFloor.value;
  const baseOf = new Map(rows.filter((r) => r.year === base).map((r) => [`${r.area}\u0000${r.stage}`, r.pupils]));
  const growth: string[][] = [];
  const decline: string[][] = [];
  const keys: string[] = [];
  for (const r of rows) {
    const k = `${r.area}\u0000${r.stage}`;
    if (!keys.includes(k)) keys.push(k);
  }
  for (const k of keys) {
    const [area, stage] = k.split("\u0000") as [string, string];
    const b = baseOf.get(k);
    if (b === undefined || b <= 0) continue;
    const fut = rows.filter((r) => r.area === area && r.stage === stage && r.year > base);
    const up = fut.filter((r) => r.pupils > b * (1 + margin));
    const down = fut.filter((r) => r.pupils < b * floor);
    const estimate = fut.some((r) => r.basis === "estimate") ? L.estimateSuffix : "";
    if (up.length) {
      const w = up.reduce((m, r) => (r.pupils > m.pupils ? r : m));
      growth.push([fillLabel(L.flagProxyGrowth, { pct: percent(margin) }), c.areaName(area), c.stageName(stage), yearRanges(up.map((r) => r.year)), `${fillLabel(L.worstGrowth, { n: formatCount(w.pupils - b), base, year: w.year })}${estimate}`]);
    }
    if (down.length) {
      const w = down.reduce((m, r) => (r.pupils < m.pupils ? r : m));
      decline.push([fillLabel(L.flagProxyDecline, { pct: percent(floor) }), c.areaName(area), c.stageName(stage), yearRanges(down.map((r) => r.year)), `${fillLabel(L.worstDecline, { n: formatCount(b - w.pupils), base, year: w.year })}${estimate}`]);
    }
  }
  const body = [...growth, ...decline];
  if (body.length === 0) return { kind: "paragraph", text: L.noFlags };
  return { kind: "table", header: [L.flag, L.area, L.stage, L.years, L.worst], rows: body, align: ["left", "left", "left", "left", "left"] };
}

function areaTable(c: Ctx, rows: readonly StageRecord[], years: readonly number[], assess: readonly Assessment[] | undefined, simRows: Simulation["rows"] | undefined, sim: Simulation | undefined): ReportBlock {
  const { L } = c;
  const base = Math.min(...rows.map((r) => r.year));
  const yearHead = years.map((y) => (y === base ? fillLabel(L.yearActual, { year: y }) : String(y)));
  const first = years[0]!;
  const last = years[years.length - 1]!;
  const stageIds = c.ds.system.stages.map((s) => s.id).filter((s) => rows.some((r) => r.stage === s));
  const get = (stage: string, y: number): StageRecord | undefined => rows.find((r) => r.stage === stage && r.year === y);
  const estimate = rows.some((r) => r.basis === "estimate") || (assess?.some((r) => r.basis === "estimate") ?? false);
  const change = (stage: string): string => {
    const a = get(stage, first)?.pupils;
    const b = get(stage, last)?.pupils;
    return a !== undefined && b !== undefined && a > 0 ? `${b >= a ? "+" : ""}${(((b - a) / a) * 100).toFixed(0)}%` : "";
  };
  const lo = sim?.quantiles[0];
  const hi = sim?.quantiles[sim.quantiles.length - 1];
  const body: string[][] = [];
  for (const s of stageIds) {
    const pupilCells = years.map((y) => {
      const r = get(s, y);
      return r ? formatCount(r.pupils) : "";
    });
    if (!assess?.length && !simRows?.length) {
      body.push([c.stageName(s), ...pupilCells, change(s)]);
      continue;
    }
    body.push([c.stageName(s), L.pupils, ...pupilCells, change(s)]);
    if (simRows?.length && sim && lo !== undefined && hi !== undefined && sim.quantiles.length >= 2) {
      body.push([
        "",
        fillLabel(L.rangeRow, { lo: pctLabel(lo), hi: pctLabel(hi) }),
        ...years.map((y) => {
          const r = simRows.find((q) => q.stage === s && q.year === y);
          const a = r?.pupils[0];
          const b = r?.pupils[r.pupils.length - 1];
          return a !== undefined && b !== undefined ? `${formatCount(a)}–${formatCount(b)}` : "";
        }),
        "",
      ]);
    }
    if (simRows?.some((q) => q.stage === s && q.pShortfall !== undefined)) {
      body.push([
        "",
        L.pShortfall,
        ...years.map((y) => {
          const p = simRows.find((q) => q.stage === s && q.year === y)?.pShortfall;
          return p === undefined ? "" : percent(p);
        }),
        "",
      ]);
    }
    if (assess?.length) {
      const at = (y: number): Assessment | undefined => assess.find((r) => r.stage === s && r.year === y);
      body.push(["", L.places, ...years.map((y) => { const r = at(y); return r ? formatCount(r.places) : ""; }), ""]);
      body.push(["", L.surplus, ...years.map((y) => { const r = at(y); return r ? signed(r.surplus) : ""; }), ""]);
    }
  }
  const caption = `${assess?.length ? L.tablePlaces : L.tablePupils}${estimate ? L.estimateSuffix : ""}`;
  const changeHead = `${L.change} ${first}→${last}`;
  if (!assess?.length && !simRows?.length) {
    return { kind: "table", caption, header: [L.stage, ...yearHead, changeHead], rows: body };
  }
  return { kind: "table", caption, header: [L.stage, L.measure, ...yearHead, changeHead], rows: body, align: ["left", "left"] };
}

function methodBlocks(c: Ctx, fc: Forecast, input: ReportInput): ReportBlock[] {
  const { L } = c;
  const model = fc.model;
  const counts = new Map<string, number>();
  for (const m of model.methods) {
    if (!m) continue;
    const d = fillLabel(L.ratioMethod[m.method], { years: m.years, alpha: m.alpha, phi: m.phi });
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  const methods = counts.size <= 1 ? [...counts.keys()].join("") : [...counts].map(([d, n]) => `${d} (${fillLabel(L.seriesCount, { n })})`).join("; ");
  const bo = model.birthsOptions;
  const items = [
    L.methodCohort,
    fillLabel(L.methodRatios, { methods }),
    fillLabel(L.methodBirths, { method: fillLabel(L.birthsMethod[bo.method], { years: bo.years }) }),
    input.simulation
      ? fillLabel(L.methodSimulation, { draws: input.simulation.draws, seed: input.simulation.seed, quantiles: input.simulation.quantiles.join(", ") })
      : L.methodNoSimulation,
  ];
  // What the bands rest on (the simulation's sources), as the simulation's own coded note.
  if (input.simulation) {
    const text = noteText(simulationSourcesNote(input.simulation), c.lang);
    items.push(c.lang === "zh-CN" ? `${text}。` : `${text.charAt(0).toUpperCase()}${text.slice(1)}.`);
  }
  if (input.assessment?.length) items.push(L.methodCapacity);
  const out: ReportBlock[] = [{ kind: "list", items }];
  const render = (n: Note | string): string => noteText(n, c.lang);
  if (model.notes.length) out.push({ kind: "paragraph", text: `${L.fitNotes}:` }, { kind: "list", items: model.notes.map(render) });
  const simNotes: readonly (Note | string)[] = input.simulation?.notes ?? [];
  if (simNotes.length) out.push({ kind: "paragraph", text: `${L.simulationNotes}:` }, { kind: "list", items: simNotes.map(render) });
  if (input.capacityNotes?.length) out.push({ kind: "paragraph", text: `${L.capacityNotes}:` }, { kind: "list", items: input.capacityNotes.map(render) });

  // Rules with their sources.
  const rules: string[][] = [];
  if (input.assessment?.length) {
    const r = { ...defaultCapacityRules, ...(input.rules ?? {}) };
    // placecast's own defaults have their source in the report's language; a planner's own rule keeps its source as given.
    const d = defaultCapacityRules;
    const hs = r.headroomMargin === d.headroomMargin ? render(note("report.default-headroom-source", { value: d.headroomMargin.value })) : r.headroomMargin.source;
    const us = r.utilisationFloor === d.utilisationFloor ? render(note("report.default-utilisation-source", { value: d.utilisationFloor.value })) : r.utilisationFloor.source;
    rules.push([L.ruleHeadroom, percent(r.headroomMargin.value), hs]);
    rules.push([L.ruleUtilisation, percent(r.utilisationFloor.value), us]);
  }
  for (const s of c.ds.system.stages) rules.push([`${L.ruleStandard}: ${c.stageName(s.id)}`, String(s.standardClassSize.value), s.standardClassSize.source]);
  // One row per band and range: a band above the standard has one range per standard size.
  for (const b of c.ds.system.classSizeBands) {
    const ranges = new Map<string, string[]>();
    for (const s of c.ds.system.stages) {
      const r = bandsForStage(c.ds.system, s.id).find((x) => x.id === b.id);
      if (!r) continue;
      const k = bandRange(r);
      ranges.set(k, [...(ranges.get(k) ?? []), c.stageName(s.id)]);
    }
    const all = ranges.size === 1 && [...ranges.values()][0]!.length === c.ds.system.stages.length;
    for (const [range, stageNames] of ranges) {
      rules.push([all ? labelText(b.label, c.lang) : `${labelText(b.label, c.lang)}: ${stageNames.join(c.lang === "zh-CN" ? "、" : ", ")}`, range, b.source]);
    }
  }
  out.push({ kind: "heading", level: 3, text: L.rulesHeading });
  out.push({ kind: "table", header: [L.rule, L.value, L.source], rows: rules, align: ["left", "right", "left"] });
  return out;
}

function provenanceBlocks(c: Ctx, fc: Forecast, est: readonly boolean[]): ReportBlock[] {
  const { L, ds } = c;
  type Rec = { readonly provenance?: "reported" | "estimate" | undefined; readonly note?: string | undefined; readonly year?: number };
  const tables: [keyof ReportLabels["tables"], readonly Rec[]][] = [
    ["enrolment", ds.enrolment],
    ["births", ds.births],
    ["capacity", ds.capacity ?? []],
    ["plannedPlaces", ds.plannedPlaces ?? []],
    ["housing", ds.housing ?? []],
  ];
  const rows: string[][] = [];
  // Estimate notes grouped by their method code ("E1: …") or, without one, by their text.
  const notes = new Map<string, { first: string; n: number; variants: Set<string> }>();
  for (const [name, recs] of tables) {
    if (recs.length === 0) continue;
    const estN = recs.filter((r) => r.provenance === "estimate").length;
    const ys = recs.map((r) => r.year).filter((y): y is number => typeof y === "number");
    const span = ys.length ? (Math.min(...ys) === Math.max(...ys) ? String(ys[0]) : `${Math.min(...ys)}–${Math.max(...ys)}`) : "";
    rows.push([L.tables[name], formatCount(recs.length), formatCount(recs.length - estN), formatCount(estN), span]);
    for (const r of recs) {
      if (r.provenance !== "estimate") continue;
      const text = r.note?.trim() || renderNote(note("report.estimate-without-note", { table: L.tables[name] }), c.lang);
      const code = /^([A-Za-z]+\d+[a-z]?):\s/.exec(text)?.[1] ?? text;
      const key = `${L.tables[name]}\u0000${code}`;
      const g = notes.get(key) ?? { first: `${L.tables[name]}: ${text}`, n: 0, variants: new Set<string>() };
      g.n += 1;
      g.variants.add(text);
      notes.set(key, g);
    }
  }
  const out: ReportBlock[] = [
    { kind: "paragraph", text: L.provenanceIntro },
    { kind: "table", header: [L.table, L.records, L.reported, L.estimate, L.years], rows },
  ];
  if (notes.size) {
    out.push({ kind: "paragraph", text: `${L.estimateMethods}:` });
    const MAX = 30;
    const items = [...notes.values()].map((g) => `${g.first} (${g.variants.size > 1 ? fillLabel(L.recordsVariants, { n: g.n, k: g.variants.size }) : fillLabel(L.recordsUsing, { n: g.n })})`);
    out.push({ kind: "list", items: items.length > MAX ? [...items.slice(0, MAX), fillLabel(L.moreNotes, { n: items.length - MAX })] : items });
    const areas = fc.areas.filter((_, i) => est[i]).map(c.areaName);
    if (areas.length) out.push({ kind: "paragraph", text: `${L.estimatedAreas}: ${areas.join(c.lang === "zh-CN" ? "、" : ", ")}.` });
  } else {
    out.push({ kind: "paragraph", text: L.noEstimates });
  }
  return out;
}
