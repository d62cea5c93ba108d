import type { Dataset } from "../data/dataset.js";
import type { EnrolmentRecord } from "../data/records/enrolment.js";
import type { HousingRecord } from "../data/records/housing.js";
import { indexSystem } from "../domain/systemIndex.js";
import { ratioAt } from "../cohort/methods.js";
import { fitModel, forecast, type CohortModel, type Forecast } from "../cohort/model.js";
import { Fill } from "../cohort/project.js";
import { addArrivals, ageHousing } from "./kernel.js";
import { defineYieldTable, gradeYields, type YieldTable } from "./yield.js";
import { DatasetError, issue } from "../data/issues.js";
import { note, type Note } from "../domain/notes.js";
import { defaultEvidenceRule, housingEvidence, type EvidenceRule, type HousingEvidence } from "./evidence.js";

/**
 * How housing pupils are kept from being counted twice. Ratios fitted on history already contain
 * the in-migration that past building produced, so adding every new dwelling's pupils on top
 * would count the usual rate of building twice.
 *
 * - `"above-trend"`: count only completions above the historical rate. For each area,
 *   the average dwellings completed per year over the fitting window (the last `trendYears`
 *   school years up to the base year) is the rate the ratios already carry; a future year's
 *   completions count only by how much they exceed it: counted = max(0, D − avg), shared among
 *   that year's records in proportion to their dwellings. Completions up to the base year count
 *   for nothing (the trend carries them).
 * - `"subtract"`: take the housing pupils of every completion (past and future) off the history
 *   before fitting the ratios: the model is refitted on enrolment − housing pupils (clamped at 0)
 *   with the model's own options; the baseline then projects the population without the new
 *   housing, and the housing component adds all of it back, past completions' pupils included.
 *   It subtracts whether or not the history holds those pupils: on a history built without a
 *   housing effect (the Yangjiang seed) it makes declining ratios the data do not show (阳江高新区
 *   P2 0.923 instead of 0.999). On Connecticut (bench/housing-ct.ts) it had the lowest MAPE
 *   (2.54% three years ahead for the quarter of districts with the most permits), but it gained
 *   as much in districts with few permits (3.80% → 3.57%): its gain comes from lowering every
 *   district's ratios in years of falling enrolment, not from the housing.
 * - `"future"`: count every completion after the base year in full, with no deduction. Use it
 *   only where the history had no building to speak of; elsewhere it double counts.
 * - `"evidence"`: per area, let the history decide (`housingEvidence`): where the ratios rose
 *   with the predicted arrivals of the past completions (finding `seen`), `"subtract"`;
 *   elsewhere the history is fitted as it is, with `"above-trend"` for the future (which is
 *   `"future"` when the fitting window holds no completion): where the history shows that
 *   building at its past rate brought no pupils beyond the cohorts (`not-seen`), or cannot tell
 *   (`undecided`, `not-identified`), only building above that rate is added. Unlike `"subtract"`
 *   it cannot make a trend the data do not show: a history with no housing effect keeps its own
 *   ratios. The
 *   default, chosen by measurement among the remedies that keep such a history's ratios: on
 *   Connecticut town districts joined to their housing permits (bench/housing-ct.ts, 6 origins
 *   2009–2014, 0.4 pupils per dwelling) the MAPE of district totals 1, 2, 3 years ahead for the
 *   quarter of districts with the most permits was 0.97, 1.78, 2.66% with `evidence`, 0.98, 1.82,
 *   2.72% with `above-trend`, 0.99, 1.91, 2.89% with `future` and 0.97, 1.80, 2.69% with no
 *   housing component (`subtract`: 0.97, 1.77, 2.54%; see above). docs/housing-remedy.md.
 */
export type DoubleCountRemedy = "above-trend" | "subtract" | "future" | "evidence";

/**
 * How housing pupils move up a grade each year.
 * - `"ageing"`: plain ageing, every housing pupil moves up one grade a year until the
 *   last grade the area teaches (`ageHousing` with step 1).
 * - `"ratios"` (default): each step into a grade the cohort model fills by progression is multiplied by the
 *   model's fitted progression ratio for that area and grade (`ratioAt(fit, h)`, h ≥ 1; history
 *   years use h = 1); steps into grades filled from births keep 1. This applies the drop-out at
 *   stage transitions (J3 → S1), but ratios above 1 also carry the trend's in-migration.
 */
export type HousingProgression = "ageing" | "ratios";

/** Options of `forecastWithHousing`. */
export interface HousingOptions {
  /** Last school year to forecast (inclusive), as in `forecast`. */
  readonly to: number;
  /**
   * Yield table (checked with `defineYieldTable`).
   * @defaultValue the system's `defaultYields` (China: `chinaDefaultYieldTable`); required for
   *   systems without one (England, US)
   */
  readonly yields?: YieldTable;
  /** @defaultValue `"evidence"` (see `DoubleCountRemedy` for the measurement behind it) */
  readonly remedy?: DoubleCountRemedy;
  /**
   * Years of the fitting window for `"above-trend"`.
   * @defaultValue the model's widest ratio window (its `years`, or the whole history for `ses`),
   *   at most the history's length
   */
  readonly trendYears?: number;
  /**
   * @defaultValue `"ratios"`: stage transitions are not certain (in China about half of J3 goes on
   * to general senior school), so plain ageing would carry every housing pupil into senior school.
   */
  readonly progression?: HousingProgression;
  /** The decision rule of `"evidence"`. @defaultValue `defaultEvidenceRule` */
  readonly evidence?: EvidenceRule;
}

/** Housing pupils of one development (or of an area's rows without a development id). */
export interface DevelopmentPupils {
  readonly area: string;
  /** The development id; `null` for the area's rows that name no development. */
  readonly development: string | null;
  readonly name?: string;
  /** Dwellings given, all years. */
  readonly dwellings: number;
  /** Dwellings whose pupils are counted after the remedy. */
  readonly counted: number;
  /** `pupils[g * W + h]`, W = years from base to `to`; not rounded. */
  readonly pupils: Float64Array;
}

/** What the remedy made of one housing record. */
export interface CountedHousing {
  /** Index of the record in `dataset.housing`. */
  readonly index: number;
  readonly area: string;
  readonly year: number;
  readonly dwellings: number;
  /** Dwellings counted (not rounded). */
  readonly counted: number;
  /**
   * Why the record counts in full, in part, or not at all, as a coded note: `housing.counted.…`
   * (`area-not-forecast`, `after-horizon`, `subtract`, `by-base-year`, `future`, `above-trend`).
   */
  readonly reason: Note;
}

/** The historical completion rate of an area under `"above-trend"`. */
export interface TrendRate {
  readonly area: string;
  readonly from: number;
  readonly to: number;
  /** Average dwellings completed per school year from `from` to `to`. */
  readonly averageDwellings: number;
}

/**
 * A forecast with its components kept apart: baseline (cohort) pupils, housing pupils, and their
 * sum, all indexed `[(a * G + g) * W + h]` with h = 0 the base year.
 */
export interface HousingForecast {
  /** The cohort forecast (for `"subtract"`, of the model refitted on history without housing pupils). */
  readonly baseline: Forecast;
  readonly baseYear: number;
  readonly to: number;
  readonly years: readonly number[];
  readonly areas: readonly string[];
  readonly grades: readonly string[];
  /** Housing pupils; 0 in grades an area does not teach. */
  readonly housing: Float64Array;
  /** baseline.pupils + housing. */
  readonly total: Float64Array;
  readonly developments: readonly DevelopmentPupils[];
  readonly counted: readonly CountedHousing[];
  /** Per area, the historical rate deducted (`"above-trend"` only). */
  readonly trend: readonly TrendRate[];
  readonly yields: YieldTable;
  readonly remedy: DoubleCountRemedy;
  /** Per area (cube order), the remedy applied: `remedy` itself, or under `"evidence"` the one its finding chose. */
  readonly areaRemedies: readonly Exclude<DoubleCountRemedy, "evidence">[];
  /** Per area, the test of `"evidence"` (`housingEvidence`); empty under the other remedies. */
  readonly evidence: readonly HousingEvidence[];
  readonly progression: HousingProgression;
  /**
   * Coded notes (rendered by `renderNote`): `housing.no-past-completions` (an area with future
   * dwellings and none in the fitting window, `"above-trend"`), `housing.unknown-dwelling-types`,
   * `housing.grades-not-taught` (pupils that would arrive in grades the area does not teach),
   * `housing.subtract-clamped` (history cells where housing pupils exceeded the enrolment).
   */
  readonly notes: readonly Note[];
}

/**
 * Forecasts pupils with the new-housing component kept apart from the cohort baseline.
 *
 * For each area and development: counted dwellings per year (after the remedy, see
 * `DoubleCountRemedy`) × lifetime pupils per dwelling per grade (`gradeYields`: the stage's yield
 * for the dwelling type, spread over its grades) × the phasing weight of the years since first
 * occupied gives the arrivals (`addArrivals`); the arrivals then move up the grades
 * (`ageHousing`, plain ageing by default). Housing per area = Σ over its developments;
 * total = baseline + housing.
 *
 * @param model - a fitted cohort model whose dataset holds the `housing` records
 * @param options - horizon, yields, remedy, progression
 * @returns the components; the model and its dataset are not changed
 * @throws RangeError when `to` is before the base year or `trendYears` is not a positive integer
 * @throws DatasetError when no yield table is given and the system has no `defaultYields`
 *   (issue at path `["yields"]` naming what to give), or when the yield table is invalid (or, for `"subtract"`, when the refit fails)
 * @example
 * ```ts
 * const model = fitModel(parseDataset(input, chinaSchoolSystem));
 * const hf = forecastWithHousing(model, { to: 2030 });
 * componentStageTotals(hf).filter((r) => r.area === "jiangcheng" && r.stage === "primary")
 * ```
 */
export function forecastWithHousing(model: CohortModel, options: HousingOptions): HousingForecast {
  const { to } = options;
  const base = model.baseYear;
  if (!Number.isInteger(to) || to < base) throw new RangeError(`forecastWithHousing: to must be an integer school year ≥ the base year ${base}, got ${to}`);
  const ds = model.dataset;
  const system = ds.system;
  const given = options.yields ?? system.defaultYields;
  if (given === undefined) {
    throw new DatasetError([
      issue(
        "missing_record",
        ["yields"],
        `housing: the ${system.id} system has no default pupil yield table, so the ${ds.housing?.length ?? 0} housing record(s) cannot be turned into pupils; give a yield table (pupils per dwelling by stage ${indexSystem(system).stageIds.join(", ")}, with a phasing curve and sources): the yields option of forecastWithHousing (see defineYieldTable), or --yields <file.json|file.csv> on the command line`,
      ),
    ]);
  }
  const yields = defineYieldTable(given, system);
  const remedy = options.remedy ?? "evidence";
  const progression = options.progression ?? "ratios";
  if (!["above-trend", "subtract", "future", "evidence"].includes(remedy)) throw new RangeError(`forecastWithHousing: unknown remedy ${JSON.stringify(remedy)}; use evidence, above-trend, subtract or future`);
  if (!["ageing", "ratios"].includes(progression)) throw new RangeError(`forecastWithHousing: unknown progression ${JSON.stringify(progression)}; use ageing or ratios`);
  const ix = indexSystem(system);
  const { cube } = model;
  const A = cube.areas.length;
  const G = ix.grades.length;
  const Y = cube.years.length;
  const W = to - base + 1;
  const records: readonly HousingRecord[] = ds.housing ?? [];
  const aIndex = new Map(cube.areas.map((id, i) => [id, i]));
  const notes: Note[] = [];
  // The system's default yields stand in when none are given: an assumption the outputs must state.
  if (options.yields === undefined && records.length > 0) {
    notes.push(note("housing.default-yields", { table: yields.id, areas: [...new Set(records.map((r) => r.area))].sort() }));
  }
  const evidence = remedy === "evidence" ? housingEvidence(model, records, yields, options.evidence ?? defaultEvidenceRule) : [];
  const areaRemedies: Exclude<DoubleCountRemedy, "evidence">[] =
    remedy === "evidence" ? evidence.map((e) => (e.finding === "seen" ? "subtract" : "above-trend")) : cube.areas.map(() => remedy);
  const anySubtract = areaRemedies.includes("subtract");

  // 1. Counted dwellings per record.
  const trendYears = options.trendYears ?? fittingWindow(model);
  if (!Number.isInteger(trendYears) || trendYears < 1) throw new RangeError(`forecastWithHousing: trendYears must be an integer ≥ 1, got ${trendYears}`);
  const wFrom = base - trendYears + 1;
  const trend: TrendRate[] = [];
  const avg = new Float64Array(A);
  const yearTotal = new Map<string, number>();
  if (areaRemedies.includes("above-trend")) {
    const sums = new Float64Array(A);
    const future = new Set<number>();
    for (const r of records) {
      const a = aIndex.get(r.area);
      if (a === undefined) continue;
      if (r.year >= wFrom && r.year <= base) sums[a] = sums[a]! + r.dwellings;
      if (r.year > base) {
        const key = `${a}\u0000${r.year}`;
        yearTotal.set(key, (yearTotal.get(key) ?? 0) + r.dwellings);
        if (r.year <= to && r.dwellings > 0) future.add(a);
      }
    }
    cube.areas.forEach((area, a) => {
      if (areaRemedies[a] !== "above-trend") return;
      avg[a] = sums[a]! / trendYears;
      trend.push({ area, from: wFrom, to: base, averageDwellings: avg[a]! });
      if (future.has(a) && sums[a] === 0) {
        notes.push(note("housing.no-past-completions", { area, from: wFrom, to: base }));
      }
    });
  }
  const counted: CountedHousing[] = records.map((r, index) => {
    const a = aIndex.get(r.area);
    const row = (c: number, code: string, params: Readonly<Record<string, number | string>> = {}): CountedHousing => ({
      index,
      area: r.area,
      year: r.year,
      dwellings: r.dwellings,
      counted: c,
      reason: note(`housing.counted.${code}`, { area: r.area, year: r.year, ...params }),
    });
    if (a === undefined) return row(0, "area-not-forecast");
    if (r.year > to) return row(0, "after-horizon", { to });
    const ar = areaRemedies[a]!;
    if (ar === "subtract") return row(r.dwellings, "subtract");
    if (r.year <= base) return row(0, "by-base-year", { base });
    if (ar === "future") return row(r.dwellings, "future");
    const total = yearTotal.get(`${a}\u0000${r.year}`)!;
    const excess = Math.max(0, total - avg[a]!);
    const share = total > 0 ? (r.dwellings * excess) / total : 0;
    return row(share, "above-trend", { total, average: avg[a]!, from: wFrom, to: base, excess });
  });

  // 2. Housing pupils per development on a year axis y0..to.
  let y0 = base;
  if (anySubtract) {
    y0 = ds.firstYear;
    for (const c of counted) if (c.counted > 0) y0 = Math.min(y0, c.year);
  }
  const T = to - y0 + 1;
  const weights = Float64Array.from(yields.phasing.weights);
  const groups = new Map<string, { a: number; development: string | null; name?: string; recs: number[] }>();
  counted.forEach((c, i) => {
    const a = aIndex.get(c.area);
    if (a === undefined) return;
    const r = records[i]!;
    const dev = r.development ?? null;
    const key = `${a}\u0000${dev ?? ""}\u0000${dev === null ? "0" : "1"}`;
    let grp = groups.get(key);
    if (!grp) groups.set(key, (grp = { a, development: dev, recs: [] }));
    if (grp.name === undefined && r.developmentName !== undefined) grp.name = r.developmentName;
    grp.recs.push(i);
  });
  const yieldCache = new Map<string, Float64Array>();
  const yieldOf = (type: string | undefined): Float64Array => {
    const key = type ?? "\u0000";
    let v = yieldCache.get(key);
    if (!v) yieldCache.set(key, (v = gradeYields(yields, system, type)));
    return v;
  };
  const unknownTypes = new Set<string>();
  const housing = new Float64Array(A * G * W);
  const historyHousing = anySubtract ? new Float64Array(A * G * Y) : undefined;
  const droppedByArea = new Float64Array(A);
  const developments: DevelopmentPupils[] = [];
  const arrivals = new Float64Array(G * T);
  const aged = new Float64Array(G * T);
  const dw = new Float64Array(T);
  const taught = new Uint8Array(G);
  const stepCache = new Map<number, Float64Array | undefined>();
  for (const grp of groups.values()) {
    const { a } = grp;
    for (let g = 0; g < G; g++) taught[g] = cube.offered[a * G + g]!;
    arrivals.fill(0);
    const byType = new Map<string | undefined, number[]>();
    let given = 0;
    let cnt = 0;
    for (const i of grp.recs) {
      const r = records[i]!;
      given += r.dwellings;
      cnt += counted[i]!.counted;
      if (r.dwellingType !== undefined && yields.byType && !Object.prototype.hasOwnProperty.call(yields.byType, r.dwellingType)) unknownTypes.add(r.dwellingType);
      const list = byType.get(r.dwellingType) ?? [];
      list.push(i);
      byType.set(r.dwellingType, list);
    }
    for (const [type, list] of byType) {
      dw.fill(0);
      for (const i of list) {
        const c = counted[i]!;
        if (c.counted > 0) dw[c.year - y0] = dw[c.year - y0]! + c.counted;
      }
      addArrivals(G, T, dw, yieldOf(type), weights, arrivals);
    }
    for (let g = 0; g < G; g++) {
      if (taught[g]) continue;
      for (let t = Math.max(0, base - y0); t < T; t++) droppedByArea[a] = droppedByArea[a]! + arrivals[g * T + t]!;
    }
    let step = stepCache.get(a);
    if (progression === "ratios" && !stepCache.has(a)) stepCache.set(a, (step = ratioSteps(model, a, y0, T)));
    ageHousing(G, T, arrivals, taught, step, aged);
    const pupils = new Float64Array(G * W);
    for (let g = 0; g < G; g++) {
      for (let h = 0; h < W; h++) {
        const v = aged[g * T + (base - y0) + h]!;
        pupils[g * W + h] = v;
        housing[(a * G + g) * W + h] = housing[(a * G + g) * W + h]! + v;
      }
      if (historyHousing) {
        for (let y = 0; y < Y; y++) {
          const t = cube.years[y]! - y0;
          if (t >= 0) historyHousing[(a * G + g) * Y + y] = historyHousing[(a * G + g) * Y + y]! + aged[g * T + t]!;
        }
      }
    }
    developments.push({ area: cube.areas[a]!, development: grp.development, ...(grp.name !== undefined ? { name: grp.name } : {}), dwellings: given, counted: cnt, pupils });
  }
  if (unknownTypes.size) notes.push(note("housing.unknown-dwelling-types", { types: [...unknownTypes], table: yields.id }));
  droppedByArea.forEach((v, a) => {
    if (v > 0) notes.push(note("housing.grades-not-taught", { area: cube.areas[a]!, pupils: v, from: base }));
  });

  // 3. Baseline.
  let baseline: Forecast;
  if (historyHousing) {
    const { dataset, clamped } = subtractHousing(ds, cube.areas, ix.gradeIds, cube.years, historyHousing);
    if (clamped.length) {
      const first = clamped.slice(0, 3);
      notes.push(
        note("housing.subtract-clamped", {
          cells: clamped.length,
          areas: first.map((c) => c.area),
          grades: first.map((c) => c.grade),
          years: first.map((c) => c.year),
          pupils: first.map((c) => c.pupils),
          housing: first.map((c) => c.housing),
        }),
      );
    }
    baseline = forecast(fitModel(dataset, model.options), { to });
  } else {
    baseline = forecast(model, { to });
  }
  const total = new Float64Array(A * G * W);
  for (let k = 0; k < total.length; k++) total[k] = baseline.pupils[k]! + housing[k]!;
  const years: number[] = [];
  for (let y = base; y <= to; y++) years.push(y);
  return {
    baseline,
    baseYear: base,
    to,
    years,
    areas: cube.areas,
    grades: cube.grades,
    housing,
    total,
    developments,
    counted,
    trend,
    yields,
    remedy,
    areaRemedies,
    evidence,
    progression,
    notes,
  };
}

/** The widest ratio window of a fitted model (whole history for `ses`), within the history. */
function fittingWindow(model: CohortModel): number {
  const Y = model.cube.years.length;
  let n = 0;
  for (const m of model.methods) if (m) n = Math.max(n, m.method === "ses" ? Y : m.years);
  return Math.max(1, Math.min(Y, n || 3));
}

/** Progression factors per grade and year for `"ratios"` (1 where the grade is not filled by progression). */
function ratioSteps(model: CohortModel, a: number, y0: number, T: number): Float64Array {
  const G = model.cube.grades.length;
  const step = new Float64Array(G * T).fill(1);
  for (let g = 0; g < G; g++) {
    const fit = model.fits[a * G + g];
    if (model.fill[a * G + g] !== Fill.progression || !fit) continue;
    for (let t = 0; t < T; t++) step[g * T + t] = ratioAt(fit, Math.max(1, y0 + t - model.baseYear));
  }
  return step;
}

/** A copy of the dataset with housing pupils taken off the enrolment history (clamped at 0). */
function subtractHousing(
  ds: Dataset,
  areas: readonly string[],
  grades: readonly string[],
  years: readonly number[],
  hist: Float64Array,
): { dataset: Dataset; clamped: { area: string; grade: string; year: number; pupils: number; housing: number }[] } {
  const aIndex = new Map(areas.map((id, i) => [id, i]));
  const gIndex = new Map(grades.map((id, i) => [id, i]));
  const G = grades.length;
  const Y = years.length;
  const y0 = years[0]!;
  const clamped: { area: string; grade: string; year: number; pupils: number; housing: number }[] = [];
  const enrolment: EnrolmentRecord[] = ds.enrolment.map((r) => {
    const a = aIndex.get(r.area);
    const g = gIndex.get(r.grade);
    if (r.pupils === null || a === undefined || g === undefined) return r;
    const h = hist[(a * G + g) * Y + (r.year - y0)]!;
    if (h === 0) return r;
    const v = r.pupils - h;
    if (v < 0) clamped.push({ area: r.area, grade: r.grade, year: r.year, pupils: r.pupils, housing: h });
    return { ...r, pupils: Math.max(0, v) };
  });
  return { dataset: { ...ds, enrolment }, clamped };
}

