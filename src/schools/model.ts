import type { Forecast } from "../cohort/model.js";
import type { Dataset } from "../data/dataset.js";
import { schoolGradesIn } from "../data/schools.js";
import { note, type Note } from "../domain/notes.js";
import { indexSystem } from "../domain/systemIndex.js";
import { schoolErrorTable, schoolIntervalBounds, SCHOOL_SIZE_BREAKS, type SchoolErrorTable } from "./intervals.js";
import {
  fitSchoolPanel,
  projectSchoolPanel,
  resolveSchoolOptions,
  type ResolvedSchoolModelOptions,
  type SchoolFit,
  type SchoolModelOptions,
  type SchoolPanel,
} from "./kernel.js";

/**
 * Builds the dense school panel of a dataset: school history (ds.firstYear…ds.baseYear), the
 * grades each school teaches in every year to `to` (`schoolGradesIn`), its area's pupils (the
 * area's enrolment records in the history, the area forecast `fc` beyond), and the feeder map
 * (`ds.feeders`, share 1 where not given).
 *
 * @param ds - a dataset with `schools` and `schoolEnrolment`
 * @param fc - a forecast of the schools' areas from the same base year
 * @throws RangeError when the dataset has no schools, `fc` starts from another base year, or a
 *   school's area is not in `fc`
 * @example
 * ```ts
 * const panel = schoolPanel(ds, forecast(fitModel(ds), { to: 2025 }));
 * ```
 */
export function schoolPanel(ds: Dataset, fc: Forecast): SchoolPanel {
  const schools = ds.schools ?? [];
  if (schools.length === 0) throw new RangeError("schoolPanel: the dataset has no schools; give schools and schoolEnrolment");
  if (fc.baseYear !== ds.baseYear) throw new RangeError(`schoolPanel: the area forecast starts from ${fc.baseYear}, the dataset's base year is ${ds.baseYear}`);
  const gradeIds = indexSystem(ds.system).gradeIds;
  const G = gradeIds.length;
  const areas: string[] = [];
  const areaIndex = new Map<string, number>();
  const areaOf = new Int32Array(schools.length);
  schools.forEach((s, i) => {
    let a = areaIndex.get(s.area);
    if (a === undefined) {
      a = areas.length;
      areas.push(s.area);
      areaIndex.set(s.area, a);
    }
    areaOf[i] = a;
  });
  const missing = areas.filter((a) => !fc.areas.includes(a));
  if (missing.length) throw new RangeError(`schoolPanel: the area forecast has no ${missing.join(", ")}; forecast the areas the schools stand in`);
  const S = schools.length;
  const A = areas.length;
  const first = ds.firstYear;
  const base = ds.baseYear;
  const Y = base - first + 1;
  const H = fc.to - base;
  const T = Y + H;
  const W = H + 1;
  const pupils = new Float64Array(S * G * Y).fill(NaN);
  const schoolIndex = new Map(schools.map((s, i) => [s.id, i]));
  const gIndex = new Map(gradeIds.map((g, i) => [g, i]));
  for (const r of ds.schoolEnrolment ?? []) {
    const s = schoolIndex.get(r.school);
    const g = gIndex.get(r.grade);
    if (s === undefined || g === undefined || r.year < first || r.year > base || r.pupils === null) continue;
    pupils[(s * G + g) * Y + r.year - first] = r.pupils;
  }
  const offered = new Uint8Array(S * G * T);
  schools.forEach((s, i) => {
    for (let t = 0; t < T; t++) for (const g of schoolGradesIn(s, first + t, gradeIds)) offered[(i * G + gIndex.get(g)!) * T + t] = 1;
  });
  const areaPupils = new Float64Array(A * G * T).fill(NaN);
  for (const r of ds.enrolment) {
    const a = areaIndex.get(r.area);
    const g = gIndex.get(r.grade);
    if (a === undefined || g === undefined || r.year < first || r.year > base || r.pupils === null) continue;
    areaPupils[(a * G + g) * T + r.year - first] = r.pupils;
  }
  const FG = fc.grades.length;
  areas.forEach((id, a) => {
    const fa = fc.areas.indexOf(id);
    for (let fg = 0; fg < FG; fg++) {
      const g = gIndex.get(fc.grades[fg]!);
      if (g === undefined) continue;
      for (let h = 1; h <= H; h++) areaPupils[(a * G + g) * T + Y - 1 + h] = fc.pupils[(fa * FG + fg) * W + h]!;
    }
  });
  const feeders = (ds.feeders ?? []).flatMap((f) => {
    const to = schoolIndex.get(f.school);
    const from = schoolIndex.get(f.from);
    return to === undefined || from === undefined ? [] : [{ to, from, share: f.share ?? 1 }];
  });
  return { schools: schools.map((s) => s.id), areas, areaOf, grades: gradeIds, firstYear: first, baseYear: base, to: fc.to, pupils, offered, areaPupils, ...(feeders.length ? { feeders } : {}) };
}

/**
 * The dataset restricted to the schools whose area `fc` forecasts (an area of `fc.areas` whose
 * pupils are all NaN was left out by `forecast(model, { areas })`), and a note
 * `schools.area-not-forecast` per area left out. Areas missing from `fc.areas` altogether stay in
 * (`schoolPanel` refuses them).
 */
function withForecastAreas(ds: Dataset, fc: Forecast): { kept: Dataset; skipped: Note[] } {
  const schools = ds.schools ?? [];
  const W = fc.years.length;
  const FG = fc.grades.length;
  const notForecast = new Set<string>();
  for (const area of new Set(schools.map((s) => s.area))) {
    const a = fc.areas.indexOf(area);
    if (a < 0) continue;
    let any = false;
    for (let i = a * FG * W; i < (a + 1) * FG * W && !any; i++) if (fc.pupils[i] === fc.pupils[i]) any = true;
    if (!any) notForecast.add(area);
  }
  if (notForecast.size === 0) return { kept: ds, skipped: [] };
  const left = schools.filter((s) => notForecast.has(s.area));
  if (left.length === schools.length) {
    throw new RangeError(`forecastSchools: the area forecast leaves out the areas of every school (${[...notForecast].join(", ")}); forecast those areas (forecast(model, { areas }))`);
  }
  const skipped = [...notForecast].map((area) => note("schools.area-not-forecast", { area, schools: left.filter((s) => s.area === area).map((s) => s.id) }));
  const out = new Set(left.map((s) => s.id));
  const kept: Dataset = {
    ...ds,
    schools: schools.filter((s) => !out.has(s.id)),
    schoolEnrolment: (ds.schoolEnrolment ?? []).filter((r) => !out.has(r.school)),
    schoolPlaces: (ds.schoolPlaces ?? []).filter((r) => !out.has(r.school)),
    plannedPlaces: (ds.plannedPlaces ?? []).filter((r) => r.school === undefined || !out.has(r.school)),
    feeders: (ds.feeders ?? []).filter((f) => !out.has(f.school) && !out.has(f.from)),
  };
  return { kept, skipped };
}

/** Options of `forecastSchools`: the model's options and the intervals. */
export interface SchoolForecastOptions extends SchoolModelOptions {
  /**
   * Coverage of the per-school intervals (`schoolIntervalBounds` from rolling origins in the
   * history); `null` for none (faster).
   * @defaultValue 0.8
   */
  readonly level?: number | null;
}

/** A school-level forecast: pupils per school, grade and year, reconciled to the area forecast. */
export interface SchoolForecast {
  readonly panel: SchoolPanel;
  readonly fit: SchoolFit;
  readonly options: ResolvedSchoolModelOptions;
  /** base..to; index 0 is the base year (actual). */
  readonly years: readonly number[];
  /** `pupils[(s * G + g) * W + h]`, reconciled; 0 where the school does not teach g. */
  readonly pupils: Float64Array;
  /** Before reconciliation. */
  readonly raw: Float64Array;
  /** `lower[s * W + h]`, `upper[s * W + h]`: the interval of school s's total; NaN when none. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly level: number | null;
  /** The rolling-origin errors behind the intervals (for `simulateSchools`); undefined without a level. */
  readonly errors?: SchoolErrorTable;
  /** Coded notes (`schools.…`): new-school shares, unallocated pupils, the shrinkage used, school records outside the areas' history years (not used), feeder links not used (intake `"share"`, or a receiving school with fewer than 2 intake years). */
  readonly notes: readonly Note[];
}

/**
 * Forecasts every school of a dataset inside its area's forecast.
 *
 * Fits the panel (`fitSchoolPanel`: pooled progression ratios, intake shares with damped
 * trends), projects it year by year reconciling each area's schools to the area (`projectSchoolPanel`),
 * and gives each school's total an interval from rolling-origin errors in the history
 * (`schoolErrorTable`, `schoolIntervalBounds`): [F · e^{q_lo}, F · e^{q_hi}].
 *
 * The schools of an area that `fc` leaves out (`forecast(model, { areas })`: the area's pupils are
 * NaN in every grade and year) are not forecast: they are left out of the result, with the note
 * `schools.area-not-forecast` per such area, never NaN pupils.
 *
 * @param ds - a dataset with schools and school enrolment
 * @param fc - the forecast of the schools' areas (`forecast(fitModel(ds), { to })`)
 * @param options - model options (`SchoolModelOptions`) and the interval level
 * @throws RangeError as `schoolPanel` and `resolveSchoolOptions`, for a level outside (0, 1), or
 *   when `fc` leaves out the areas of every school
 * @example
 * ```ts
 * const sf = forecastSchools(ds, forecast(fitModel(ds), { to: 2025 }));
 * schoolTotalRecords(sf, ds).filter((r) => r.year === 2025);
 * ```
 */
export function forecastSchools(ds: Dataset, fc: Forecast, options: SchoolForecastOptions = {}): SchoolForecast {
  const opts = resolveSchoolOptions(options);
  const level = options.level === undefined ? 0.8 : options.level;
  if (level !== null && !(level > 0 && level < 1)) throw new RangeError(`forecastSchools: level must be in (0, 1) or null, got ${level}`);
  const { kept, skipped } = withForecastAreas(ds, fc);
  const panel = schoolPanel(kept, fc);
  const fit = fitSchoolPanel(panel, opts);
  const proj = projectSchoolPanel(panel, fit, opts);
  const S = panel.schools.length;
  const G = panel.grades.length;
  const H = panel.to - panel.baseYear;
  const W = H + 1;
  const lower = new Float64Array(S * W).fill(NaN);
  const upper = new Float64Array(S * W).fill(NaN);
  const notes: Note[] = [note("schools.shrinkage", { kappa: fit.shrinkage, estimated: opts.shrinkage === "estimate" }), ...skipped];
  const outside = (ds.schoolEnrolment ?? []).filter((r) => r.year < ds.firstYear || r.year > ds.baseYear).length;
  if (outside > 0) notes.push(note("schools.outside-history", { records: outside, first: ds.firstYear, base: ds.baseYear }));
  let errors: SchoolErrorTable | undefined;
  if (level !== null && H > 0) {
    errors = schoolErrorTable(panel, opts, H);
    const bounds = schoolIntervalBounds(errors, H, level);
    for (let s = 0; s < S; s++) {
      let base = 0;
      for (let g = 0; g < G; g++) base += proj.pupils[(s * G + g) * W] || 0;
      let c = 0;
      while (c < SCHOOL_SIZE_BREAKS.length && base >= SCHOOL_SIZE_BREAKS[c]!) c++;
      for (let h = 1; h <= H; h++) {
        let f = 0;
        for (let g = 0; g < G; g++) f += proj.pupils[(s * G + g) * W + h]!;
        lower[s * W + h] = f * Math.exp(bounds.lo[h - 1]![c]!);
        upper[s * W + h] = f * Math.exp(bounds.hi[h - 1]![c]!);
      }
    }
  }
  if (panel.feeders?.length) {
    if (opts.intake === "share") notes.push(note("schools.feeders-not-used", { links: panel.feeders.length }));
    else {
      const receiving = [...new Set(panel.feeders.map((l) => l.to))];
      for (const r of receiving) {
        let used = false;
        for (let g = 0; g < G; g++) if (fit.feeders?.mapped[r * G + g]) used = true;
        if (!used) notes.push(note("schools.feeder-no-intake", { school: panel.schools[r]!, years: opts.feederYears }));
      }
    }
  }
  for (let s = 0; s < S; s++) {
    for (let g = 0; g < G; g++) if (proj.newShare[s * G + g]) notes.push(note("schools.new-school-share", { school: panel.schools[s]!, grade: panel.grades[g]! }));
  }
  const A = panel.areas.length;
  for (let a = 0; a < A; a++) {
    for (let g = 0; g < G; g++) {
      for (let h = 1; h <= H; h++) {
        const u = proj.unallocated[(a * G + g) * W + h]!;
        if (u > 0) notes.push(note("schools.unallocated", { area: panel.areas[a]!, grade: panel.grades[g]!, year: panel.baseYear + h, pupils: u }));
      }
    }
  }
  const years: number[] = [];
  for (let y = panel.baseYear; y <= panel.to; y++) years.push(y);
  return { panel, fit, options: opts, years, pupils: proj.pupils, raw: proj.raw, lower, upper, level, ...(errors ? { errors } : {}), notes };
}

/** One school's total in one year of a school forecast. */
export interface SchoolTotalRecord {
  readonly school: string;
  readonly area: string;
  readonly year: number;
  /** Reconciled pupils (the base year: actual; NaN when a taught grade's figure is missing). */
  readonly pupils: number;
  /** Before reconciliation. */
  readonly raw: number;
  /** pupils − raw: what reconciliation to the area added (negative: took away). */
  readonly adjustment: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

/**
 * A school forecast as one row per school and year (totals over grades), with the reconciliation
 * adjustment and the interval.
 *
 * @example
 * ```ts
 * const rows = schoolTotalRecords(forecastSchools(ds, fc));
 * ```
 */
export function schoolTotalRecords(sf: SchoolForecast): SchoolTotalRecord[] {
  const { panel } = sf;
  const G = panel.grades.length;
  const W = sf.years.length;
  const out: SchoolTotalRecord[] = [];
  panel.schools.forEach((id, s) => {
    for (let h = 0; h < W; h++) {
      let p = 0;
      let r = 0;
      for (let g = 0; g < G; g++) {
        p += sf.pupils[(s * G + g) * W + h]!;
        r += sf.raw[(s * G + g) * W + h]!;
      }
      const lo = sf.lower[s * W + h]!;
      const hi = sf.upper[s * W + h]!;
      out.push({ school: id, area: panel.areas[panel.areaOf[s]!]!, year: sf.years[h]!, pupils: p, raw: r, adjustment: p - r, lower: lo === lo ? lo : null, upper: hi === hi ? hi : null });
    }
  });
  return out;
}

/** One school, grade and year of a school forecast. */
export interface SchoolPupilRecord {
  readonly school: string;
  readonly area: string;
  readonly grade: string;
  readonly year: number;
  readonly pupils: number;
  readonly raw: number;
}

/**
 * A school forecast as one row per school, taught grade and year.
 *
 * @example
 * ```ts
 * const rows = schoolPupilRecords(forecastSchools(ds, fc));
 * ```
 */
export function schoolPupilRecords(sf: SchoolForecast): SchoolPupilRecord[] {
  const { panel } = sf;
  const G = panel.grades.length;
  const W = sf.years.length;
  const Y = panel.baseYear - panel.firstYear + 1;
  const T = Y + W - 1;
  const out: SchoolPupilRecord[] = [];
  panel.schools.forEach((id, s) => {
    for (let g = 0; g < G; g++) {
      for (let h = 0; h < W; h++) {
        if (!panel.offered[(s * G + g) * T + Y - 1 + h]) continue;
        out.push({ school: id, area: panel.areas[panel.areaOf[s]!]!, grade: panel.grades[g]!, year: sf.years[h]!, pupils: sf.pupils[(s * G + g) * W + h]!, raw: sf.raw[(s * G + g) * W + h]! });
      }
    }
  });
  return out;
}
