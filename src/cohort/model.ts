import { areaMask } from "./areaMask.js";
import type { Dataset } from "../data/dataset.js";
import { birthTable, enrolmentCube, type BirthTable, type EnrolmentCube } from "../data/cube.js";
import { DatasetError, issue, show, type DataIssue } from "../data/issues.js";
import { indexSystem } from "../domain/systemIndex.js";
import { note, type Note, type NoteValue } from "../domain/notes.js";
import { projectBirths, resolveBirthsOptions, type BirthsOptions, type ResolvedBirthsOptions } from "./births.js";
import { fitRatio, ratioAt as ratioAtFit, resolveRatioOptions, type RatioFit, type RatioOptions, type ResolvedRatioOptions } from "./methods.js";
import { checkModelOptions, OptionsError } from "./options.js";
import { Fill, projectArea } from "./project.js";

const F_NONE: number = Fill.none;
const F_BIRTHS: number = Fill.births;

/** Ratio options for progression within and between stages, and for entry. */
export interface RatioChoice {
  /** Progression ratios (grade g+1 next year / grade g this year), including stage transitions. */
  readonly progression?: RatioOptions;
  /** Entry ratios (first grade / births `entryAge` years earlier) and levels. */
  readonly entry?: RatioOptions;
}

/**
 * Options of `fitModel`. More specific choices win: area + stage, then area, then stage, then
 * the top level, then the defaults (`resolveRatioOptions`: simple exponential smoothing, α = 0.5).
 */
export interface ModelOptions extends RatioChoice {
  /** Per stage id. */
  readonly stages?: Readonly<Record<string, RatioChoice>>;
  /** Per area id, optionally per stage inside it. */
  readonly areas?: Readonly<Record<string, RatioChoice & { readonly stages?: Readonly<Record<string, RatioChoice>> }>>;
  /** Births beyond the last known year. @defaultValue `{ method: "last" }` */
  readonly births?: BirthsOptions;
  /** Future births supplied by the user (area, year, births); used for the years they cover. */
  readonly birthsScenario?: readonly { readonly area: string; readonly year: number; readonly births: number }[];
}

/**
 * A coded note on how a grade of an area was fitted when its own history did not suffice (codes
 * `fit.…`, rendered by `renderNote`): `fit.empty-grade-below`, `fit.pooled-ratio`,
 * `fit.assumed-ratio-one`, `fit.assumed-last-level`, `fit.base-imputed`. `area` and `grade` are
 * also in `params`.
 *
 * @example
 * ```ts
 * renderNote(model.notes[0]!, "zh-CN")
 * ```
 */
export interface FitNote extends Note {
  readonly area: string;
  readonly grade: string;
}

function fitNote(code: string, area: string, grade: string, params: Readonly<Record<string, NoteValue>> = {}): FitNote {
  return Object.freeze({ ...note(code, { area, grade, ...params }), area, grade });
}

/**
 * A fitted cohort model: the history as a cube, how each grade of each area is filled, the
 * historical ratios and their fits, and the births that drive entry.
 */
export interface CohortModel {
  readonly dataset: Dataset;
  readonly options: ModelOptions;
  readonly cube: EnrolmentCube;
  readonly baseYear: number;
  /** `fill[a * G + g]`: see `Fill`. */
  readonly fill: Uint8Array;
  /** Base-year pupils `base[a * G + g]`: the figures given, or imputed where missing (see `notes`). */
  readonly base: Float64Array;
  /** `ratioHistory[(a * G + g) * Y + y]`: ratio (or level) observed in history year y; NaN where none. */
  readonly ratioHistory: Float64Array;
  /** `fits[a * G + g]`; undefined for grades not taught. */
  readonly fits: readonly (RatioFit | undefined)[];
  /** Resolved options used for each `a * G + g`. */
  readonly methods: readonly (ResolvedRatioOptions | undefined)[];
  readonly births: BirthTable;
  /** Per cube area: index (in `births.areas`) of the area whose births drive entry, −1 for none. */
  readonly birthSource: Int32Array;
  readonly birthsOptions: ResolvedBirthsOptions;
  /** Ratios that fell back to pooled values, grades filled as a level because the grade below was empty, and other fitting notes. */
  readonly notes: readonly FitNote[];
}

function choose(o: ModelOptions, area: string, stage: string, kind: "progression" | "entry"): RatioOptions | undefined {
  const own = (rec: Readonly<Record<string, unknown>> | undefined, key: string): unknown =>
    rec && Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
  const ao = own(o.areas, area) as (RatioChoice & { stages?: Readonly<Record<string, RatioChoice>> }) | undefined;
  const aso = own(ao?.stages, stage) as RatioChoice | undefined;
  const so = own(o.stages, stage) as RatioChoice | undefined;
  return aso?.[kind] ?? ao?.[kind] ?? so?.[kind] ?? o[kind];
}

/**
 * Fits a cohort-progression model to a validated dataset.
 *
 * For each area and taught grade g, the history gives one ratio per year t:
 * - progression: r_t = P[g][t] / P[g−1][t−1] (also across stages: P6 → J1, J3 → S1);
 * - entry from births (a stage's first grade when the stage enters from births, or the first
 *   grade an area teaches): r_t = P[g][t] / B[t − age(g)], with B the area's own births or, when
 *   it has none, those of its nearest ancestor that has them (so r is a share of the wider area's
 *   births);
 * - level (no births up the chain for the birth years of the history): r_t = P[g][t];
 *   an entry grade with no usable ratio in any area carries its last known count.
 * A grade whose previous grade has no pupils (0 or missing) in every history year is a level too,
 * r_t = P[g][t] fitted with the entry options, not progression: its ratio series would be empty
 * and any ratio × 0 pupils below forecasts 0 (a district recorded as teaching a grade before it
 * opened it, the grade above then zeroing the whole stage). Recorded in `notes`.
 * Pairs with a missing figure or a zero denominator are skipped. The series is fitted by the
 * chosen method (`RatioMethod`). An area with no usable ratio for a grade takes the pooled ratio
 * of all areas (Σ numerators / Σ denominators over the window), recorded in `notes`.
 *
 * A missing base-year figure is imputed (see `CohortModel.base`) and noted in `notes`.
 *
 * @throws OptionsError (a RangeError) listing every invalid option with its path
 *   (`checkModelOptions`): values out of range, unknown stages, areas or fields
 * @example
 * ```ts
 * const model = fitModel(parseDataset(input, chinaSchoolSystem), { progression: { method: "median", years: 5 } });
 * ```
 */
export function fitModel(dataset: Dataset, options: ModelOptions = {}): CohortModel {
  const optionIssues = checkModelOptions(options, dataset);
  if (optionIssues.length) throw new OptionsError(optionIssues);
  const ix = indexSystem(dataset.system);
  const cube = enrolmentCube(dataset);
  const births = birthTable(dataset);
  const birthsOptions = resolveBirthsOptions(options.births);
  const A = cube.areas.length;
  const G = ix.grades.length;
  const Y = cube.years.length;
  const baseYear = dataset.baseYear;

  const parentOf = new Map(dataset.areas.map((a) => [a.id, a.parent]));
  const bIndex = new Map(births.areas.map((id, i) => [id, i]));
  const hasBirths = (bi: number): boolean => {
    for (let y = 0; y < births.years; y++) if (Number.isFinite(births.data[bi * births.years + y]!)) return true;
    return false;
  };
  const birthSource = new Int32Array(A).fill(-1);
  cube.areas.forEach((id, a) => {
    let cur: string | undefined = id;
    while (cur !== undefined) {
      const bi = bIndex.get(cur);
      if (bi !== undefined && hasBirths(bi)) {
        birthSource[a] = bi;
        break;
      }
      cur = parentOf.get(cur);
    }
  });

  const fill = new Uint8Array(A * G);
  const notes: FitNote[] = [];
  for (let a = 0; a < A; a++) areaFill(ix, cube, births, birthSource[a]!, a, fill, notes);

  // Historical ratios: r = P[g][t] / d(a, g, t), d the denominator of the grade's fill.
  const ages = ix.grades.map((g) => g.age);
  const denominator = (a: number, g: number, y: number): number => ratioDenominator(cube, fill, births, birthSource[a]!, ages, a, g, y);
  const ratioHistory = new Float64Array(A * G * Y).fill(NaN);
  // One call per area: the loops are compiled once as a function (kept across calls), not
  // on-stack inside a function that runs once per fit.
  for (let a = 0; a < A; a++) areaRatioHistory(cube, fill, births, birthSource[a]!, ages, a, ratioHistory);

  // Fits.
  const fits: (RatioFit | undefined)[] = new Array(A * G).fill(undefined);
  const methods: (ResolvedRatioOptions | undefined)[] = new Array(A * G).fill(undefined);
  const resolved = new Map<RatioOptions | undefined, ResolvedRatioOptions>();
  const series: number[] = [];
  const ctx: FitContext = { ix, options, cube, fill, ratioHistory, denominator, resolved, series, fits, methods, notes };
  for (let a = 0; a < A; a++) fitArea(ctx, a);
  const base = imputeBase(cube, fill, fits, births, birthSource, ix.grades.map((g) => g.age), notes);
  return { dataset, options, cube, baseYear, fill, base, ratioHistory, fits, methods, births, birthSource, birthsOptions, notes };
}

/**
 * How each grade of area a is filled (`fitModel`): progression from the grade below when the
 * area teaches it and it had pupils in some history year; entry from births when the stage
 * enters from births and the births cover the history; otherwise an entry level.
 */
function areaFill(ix: ReturnType<typeof indexSystem>, cube: EnrolmentCube, births: BirthTable, bi: number, a: number, fill: Uint8Array, notes: FitNote[]): void {
  const G = ix.grades.length;
  const Y = cube.years.length;
  for (let g = 0; g < G; g++) {
    if (!cube.offered[a * G + g]) continue;
    const info = ix.grades[g]!;
    const stageEntry = info.indexInStage === 0 && info.stage.entry === "births";
    const prevTaught = g > 0 && cube.offered[a * G + g - 1] === 1;
    if (!stageEntry && prevTaught && emptyInHistory(cube, a * G + g - 1)) {
      // ratio × 0 pupils below would forecast 0 whatever the ratio: an entry level of its own.
      fill[a * G + g] = Fill.level;
      notes.push(fitNote("fit.empty-grade-below", cube.areas[a]!, info.id, { below: cube.grades[g - 1]!, from: cube.years[0]!, to: cube.years[Y - 1]! }));
    } else if (!stageEntry && prevTaught) fill[a * G + g] = Fill.progression;
    else if (birthsCoverHistory(births, bi, cube.years, info.age)) fill[a * G + g] = Fill.births;
    else {
      fill[a * G + g] = Fill.level;
      // An entry grade without births is held at a level fitted to its own counts: say so.
      if (stageEntry) notes.push(fitNote("fit.entry-without-births", cube.areas[a]!, info.id, { reason: bi < 0 ? "no-births" : "births-do-not-cover", from: cube.years[0]! - info.age, to: cube.years[Y - 1]! - info.age }));
    }
  }
}

interface FitContext {
  readonly ix: ReturnType<typeof indexSystem>;
  readonly options: ModelOptions;
  readonly cube: EnrolmentCube;
  readonly fill: Uint8Array;
  readonly ratioHistory: Float64Array;
  readonly denominator: (a: number, g: number, y: number) => number;
  readonly resolved: Map<RatioOptions | undefined, ResolvedRatioOptions>;
  readonly series: number[];
  readonly fits: (RatioFit | undefined)[];
  readonly methods: (ResolvedRatioOptions | undefined)[];
  readonly notes: FitNote[];
}

/**
 * Fits the ratio method of every grade of area a (`fitModel`): the grade's own ratios, else the
 * ratio pooled over areas, else (entry with no ratio anywhere) its last known count as a level.
 */
function fitArea(ctx: FitContext, a: number): void {
  const { ix, options, cube, fill, ratioHistory, denominator, resolved, series, fits, methods, notes } = ctx;
  const G = cube.grades.length;
  const Y = cube.years.length;
  for (let g = 0; g < G; g++) {
    const f = fill[a * G + g];
    if (f === Fill.none) continue;
    const info = ix.grades[g]!;
    const chosen = choose(options, cube.areas[a]!, info.stage.id, f === Fill.progression ? "progression" : "entry");
    let o = resolved.get(chosen);
    if (!o) resolved.set(chosen, (o = resolveRatioOptions(chosen)));
    methods[a * G + g] = o;
    series.length = 0;
    for (let y = 0; y < Y; y++) {
      const r = ratioHistory[(a * G + g) * Y + y]!;
      if (Number.isFinite(r)) series.push(r);
    }
    let fit = fitRatio(series, o);
    if (!fit) {
      fit = pooledFit(cube, fill, ratioHistory, denominator, g, f!, o.years);
      notes.push(
        fit.kind === "constant" && fit.n > 0
          ? fitNote("fit.pooled-ratio", cube.areas[a]!, info.id, { value: fit.value })
          : fitNote(f === Fill.progression ? "fit.assumed-ratio-one" : "fit.assumed-last-level", cube.areas[a]!, info.id),
      );
      if (fit.kind === "constant" && fit.n === 0 && f !== Fill.progression) {
        // No entry ratio anywhere: carry the grade's last known count as a level.
        let last = 0;
        for (let y = Y - 1; y >= 0; y--) {
          const v = cube.data[(a * G + g) * Y + y]!;
          if (Number.isFinite(v)) {
            last = v;
            break;
          }
        }
        fill[a * G + g] = Fill.level;
        fit = { kind: "constant", value: last, n: 0 };
      }
    }
    fits[a * G + g] = fit;
  }
}

/**
 * The denominator of grade g's ratio in history year y (index into the cube's years), by the
 * grade's fill: progression → the grade below a year earlier; births → the births `age` years
 * earlier (births source bi); level → 1; none → NaN.
 */
function ratioDenominator(cube: EnrolmentCube, fill: Uint8Array, births: BirthTable, bi: number, ages: readonly number[], a: number, g: number, y: number): number {
  const G = cube.grades.length;
  const Y = cube.years.length;
  const f = fill[a * G + g];
  if (f === Fill.progression) return y > 0 ? cube.data[(a * G + g - 1) * Y + y - 1]! : NaN;
  if (f === Fill.births) return birthsAt(births, bi, cube.years[y]! - ages[g]!);
  return f === Fill.level ? 1 : NaN;
}

/** Historical ratios of area a: r = P[g][t] / d(a, g, t) (`ratioDenominator`) into out. */
function areaRatioHistory(cube: EnrolmentCube, fill: Uint8Array, births: BirthTable, bi: number, ages: readonly number[], a: number, out: Float64Array): void {
  const G = cube.grades.length;
  const Y = cube.years.length;
  for (let g = 0; g < G; g++) {
    if (fill[a * G + g] === Fill.none) continue;
    for (let y = 0; y < Y; y++) {
      const k = (a * G + g) * Y + y;
      const p = cube.data[k]!;
      if (!Number.isFinite(p)) continue;
      const d = ratioDenominator(cube, fill, births, bi, ages, a, g, y);
      if (Number.isFinite(d) && d > 0) out[k] = p / d;
    }
  }
}

/**
 * Base-year pupils per area × grade. A taught grade whose base-year figure is missing (`null`,
 * e.g. a suppressed small count) is imputed, and the imputation is recorded in `notes`:
 * progression → fitted ratio × the grade below in the year before; entry from births → fitted
 * ratio × births; level → the fitted level; when those inputs are missing too, the grade's last
 * known figure, else 0.
 */
function imputeBase(
  cube: EnrolmentCube,
  fill: Uint8Array,
  fits: readonly (RatioFit | undefined)[],
  births: BirthTable,
  birthSource: Int32Array,
  ages: readonly number[],
  notes: FitNote[],
): Float64Array {
  const A = cube.areas.length;
  const G = cube.grades.length;
  const Y = cube.years.length;
  const base = new Float64Array(A * G);
  // One call per area (compiled once as a function, not on-stack in a function run once per fit).
  for (let a = 0; a < A; a++) imputeArea(cube, fill, fits, births, birthSource[a]!, ages, notes, a, base);
  return base;
}

/** `imputeBase` for area a, into base. */
function imputeArea(
  cube: EnrolmentCube,
  fill: Uint8Array,
  fits: readonly (RatioFit | undefined)[],
  births: BirthTable,
  bi: number,
  ages: readonly number[],
  notes: FitNote[],
  a: number,
  base: Float64Array,
): void {
  const G = cube.grades.length;
  const Y = cube.years.length;
  for (let g = 0; g < G; g++) {
    const f = fill[a * G + g];
    if (f === Fill.none) continue;
    const v = cube.data[(a * G + g) * Y + Y - 1]!;
    if (Number.isFinite(v)) {
      base[a * G + g] = v;
      continue;
    }
    const fit = fits[a * G + g];
    const r = fit ? ratioAtFit(fit, 0) : NaN;
    let imputed = NaN;
    let how: Record<string, NoteValue> = {};
    if (f === Fill.progression && Y > 1) {
      imputed = r * cube.data[(a * G + g - 1) * Y + Y - 2]!;
      how = { method: "progression", ratio: r, from: cube.grades[g - 1]!, fromYear: cube.years[Y - 2]! };
    } else if (f === Fill.births) {
      imputed = r * birthsAt(births, bi, cube.years[Y - 1]! - ages[g]!);
      how = { method: "births", ratio: r, birthYear: cube.years[Y - 1]! - ages[g]! };
    } else if (f === Fill.level) {
      imputed = r;
      how = { method: "level" };
    }
    if (!Number.isFinite(imputed)) {
      imputed = 0;
      how = { method: "zero" };
      for (let y = Y - 2; y >= 0; y--) {
        const w = cube.data[(a * G + g) * Y + y]!;
        if (Number.isFinite(w)) {
          imputed = w;
          how = { method: "last-known", fromYear: cube.years[y]! };
          break;
        }
      }
    }
    base[a * G + g] = imputed;
    notes.push(fitNote("fit.base-imputed", cube.areas[a]!, cube.grades[g]!, { year: cube.years[Y - 1]!, value: imputed, ...how }));
  }
}

/**
 * Whether cell `ag` (= a · G + g) of the cube has no pupils in any history year: every figure is 0
 * or missing, i.e. Σₜ P[g][t] over the finite figures is 0 (e.g. a grade a district is recorded
 * as teaching before it opened it).
 */
function emptyInHistory(cube: EnrolmentCube, ag: number): boolean {
  const Y = cube.years.length;
  for (let y = 0; y < Y; y++) {
    const v = cube.data[ag * Y + y]!;
    if (Number.isFinite(v) && v !== 0) return false;
  }
  return true;
}

/** Whether the births source has a figure for the birth year of at least one history year. */
function birthsCoverHistory(b: BirthTable, bi: number, years: readonly number[], age: number): boolean {
  if (bi < 0) return false;
  return years.some((y) => Number.isFinite(birthsAt(b, bi, y - age)));
}

function birthsAt(b: BirthTable, bi: number, year: number): number {
  if (bi < 0) return NaN;
  const y = year - b.firstYear;
  if (y < 0 || y >= b.years) return NaN;
  return b.data[bi * b.years + y]!;
}

function pooledFit(
  cube: EnrolmentCube,
  fill: Uint8Array,
  ratioHistory: Float64Array,
  denominator: (a: number, g: number, y: number) => number,
  g: number,
  f: number,
  years: number,
): RatioFit {
  const G = cube.grades.length;
  const Y = cube.years.length;
  let sn = 0;
  let sd = 0;
  let n = 0;
  for (let a = 0; a < cube.areas.length; a++) {
    if (fill[a * G + g] !== f) continue;
    for (let y = Math.max(0, Y - years); y < Y; y++) {
      const k = (a * G + g) * Y + y;
      if (Number.isFinite(ratioHistory[k]!)) {
        sn += cube.data[k]!;
        sd += denominator(a, g, y);
        n++;
      }
    }
  }
  return sd > 0 ? { kind: "constant", value: sn / sd, n } : { kind: "constant", value: 1, n: 0 };
}

/** Options of `forecast`. */
export interface ForecastOptions {
  /** Last school year to forecast (inclusive); must not be before the base year. */
  readonly to: number;
  /**
   * Forecast only these areas (ids of the model's cube), e.g. one county of a national model:
   * their values are those of a forecast of every area; the other areas' pupils, ratios and
   * drivers are NaN, and `stageTotals` and `pupilRecords` give no rows for them.
   * @defaultValue every area
   */
  readonly areas?: readonly string[];
}

/**
 * A cohort forecast: pupils per area × grade × year from the base year to `to`, with the ratio
 * and driver behind every forecast value.
 */
export interface Forecast {
  readonly model: CohortModel;
  readonly baseYear: number;
  readonly to: number;
  /** base..to; index 0 is the base year (actual). */
  readonly years: readonly number[];
  readonly areas: readonly string[];
  readonly grades: readonly string[];
  /** `pupils[(a * G + g) * (H + 1) + h]`, h = 0 is the base year. */
  readonly pupils: Float64Array;
  /** `ratios[(a * G + g) * H + h − 1]`: the ratio (or level) used for year base + h. */
  readonly ratios: Float64Array;
  /** `drivers[(a * G + g) * H + h − 1]`: births used for entry grades; NaN elsewhere. */
  readonly drivers: Float64Array;
  /** `driverProjected[(a * G + g) * H + h − 1]`: 1 when those births are projected, not known. */
  readonly driverProjected: Uint8Array;
}

/**
 * Forecasts pupils from a fitted model to school year `to`.
 *
 * Runs `projectArea` per area with ratio(h) = `ratioAt(fit, h)` and, for entry grades, births of
 * year (base + h − age): the known figure, else the user's scenario, else `projectBirths`.
 * Forecasting to an earlier `to` gives exactly the first years of a later one (horizon consistency).
 *
 * @throws RangeError when `to` is before the base year or not an integer
 * @throws DatasetError when a births scenario row is invalid
 * @example
 * ```ts
 * const fc = forecast(fitModel(ds), { to: 2035 });
 * fc.years.at(-1) // 2035
 * ```
 */
export function forecast(model: CohortModel, options: ForecastOptions): Forecast {
  const { to } = options;
  const base = model.baseYear;
  if (!Number.isInteger(to) || to < base) throw new RangeError(`forecast: to must be an integer school year ≥ the base year ${base}, got ${to}`);
  const include = areaMask(model.cube.areas, options.areas, "forecast");
  const ix = indexSystem(model.dataset.system);
  const { cube, fill, fits, births, birthSource } = model;
  const A = cube.areas.length;
  const G = cube.grades.length;
  const Y = cube.years.length;
  const H = to - base;
  const W = H + 1;
  const scenario = scenarioTable(model);
  const knownCache = new Map<number, { first: number; values: number[] }>();
  const known = (bi: number): { first: number; values: number[] } => {
    let k = knownCache.get(bi);
    if (!k) {
      const values: number[] = [];
      let first = NaN;
      for (let y = 0; y < births.years; y++) {
        const v = births.data[bi * births.years + y]!;
        if (Number.isFinite(v)) {
          if (values.length === 0) first = births.firstYear + y;
          values.push(v);
        }
      }
      k = { first, values };
      knownCache.set(bi, k);
    }
    return k;
  };

  const pupils = new Float64Array(A * G * W);
  const ratios = new Float64Array(A * G * H).fill(NaN);
  const drivers = new Float64Array(A * G * H).fill(NaN);
  const driverProjected = new Uint8Array(A * G * H);
  const baseVals = new Float64Array(G);
  const ratioA = new Float64Array(G * H);
  const driverA = new Float64Array(G * H);
  const outA = new Float64Array(G * W);
  const fillA = new Uint8Array(G);
  // Births per source area for birth years base + 1 − maxAge … to − minAge, with their status
  // (0 known, 1 projected, 2 scenario), computed once per source.
  const ages = ix.grades.map((g) => g.age);
  const minAge = Math.min(...ages);
  const firstBirthYear = base + 1 - Math.max(...ages);
  const nBirthYears = Math.max(0, to - minAge - firstBirthYear + 1);
  const birthCache = new Map<number, { value: Float64Array; status: Uint8Array }>();
  const birthsOf = (bi: number): { value: Float64Array; status: Uint8Array } => {
    let c = birthCache.get(bi);
    if (c) return c;
    const kb = known(bi);
    const value = new Float64Array(nBirthYears);
    const status = new Uint8Array(nBirthYears);
    for (let j = 0; j < nBirthYears; j++) {
      const year = firstBirthYear + j;
      const i = year - kb.first;
      if (i >= 0 && i < kb.values.length) value[j] = kb.values[i]!;
      else {
        const sc = scenario.size ? scenario.get(`${births.areas[bi]}\u0000${year}`) : undefined;
        value[j] = sc ?? (i < 0 ? kb.values[0]! : projectBirths(kb.values, i - kb.values.length + 1, model.birthsOptions));
        status[j] = sc === undefined ? 1 : 2;
      }
    }
    birthCache.set(bi, (c = { value, status }));
    return c;
  };
  const out: ForecastArrays = { pupils, ratios, drivers, driverProjected };
  const scratch: AreaScratch = { baseVals, ratioA, driverA, outA, fillA };
  for (let a = 0; a < A; a++) {
    if (include && !include[a]) {
      pupils.fill(NaN, a * G * W, (a + 1) * G * W);
      continue;
    }
    let hasBirths = false;
    for (let g = 0; g < G; g++) if (fill[a * G + g] === F_BIRTHS) hasBirths = true;
    // One call per area (compiled once as a function, not on-stack in a function run once per forecast).
    forecastArea(model, a, H, ages, firstBirthYear, hasBirths ? birthsOf(birthSource[a]!) : undefined, scratch, out);
  }
  const years: number[] = [];
  for (let y = base; y <= to; y++) years.push(y);
  return { model, baseYear: base, to, years, areas: cube.areas, grades: cube.grades, pupils, ratios, drivers, driverProjected };
}

interface ForecastArrays {
  readonly pupils: Float64Array;
  readonly ratios: Float64Array;
  readonly drivers: Float64Array;
  readonly driverProjected: Uint8Array;
}

interface AreaScratch {
  readonly baseVals: Float64Array;
  readonly ratioA: Float64Array;
  readonly driverA: Float64Array;
  readonly outA: Float64Array;
  readonly fillA: Uint8Array;
}

/**
 * `forecast` for area a: ratio(h) = `ratioAt(fit, h)` and, for entry grades, births of
 * base + h − age (`bc`, the births of the area's births source from `firstBirthYear` on, with
 * their status), projected by `projectArea` into out.pupils.
 */
function forecastArea(model: CohortModel, a: number, H: number, ages: readonly number[], firstBirthYear: number, bc: { value: Float64Array; status: Uint8Array } | undefined, s: AreaScratch, out: ForecastArrays): void {
  const { fill, fits, cube } = model;
  const G = cube.grades.length;
  const W = H + 1;
  const base = model.baseYear;
  const { baseVals, ratioA, driverA, outA, fillA } = s;
  const { ratios, drivers, driverProjected } = out;
  for (let g = 0; g < G; g++) {
    const f = fill[a * G + g]!;
    fillA[g] = f;
    baseVals[g] = model.base[a * G + g]!;
    const fit = fits[a * G + g];
    const births = f === F_BIRTHS ? bc : undefined;
    const age = ages[g]!;
    for (let h = 1; h <= H; h++) {
      const r = fit ? ratioAtFit(fit, h) : 0;
      const k = (a * G + g) * H + h - 1;
      ratioA[g * H + h - 1] = r;
      let d = NaN;
      if (births) {
        const j = base + h - age - firstBirthYear;
        d = births.value[j]!;
        driverProjected[k] = births.status[j]!;
        drivers[k] = d;
      }
      driverA[g * H + h - 1] = d;
      if (f !== F_NONE) ratios[k] = r;
    }
  }
  projectArea(G, H, baseVals, 0, fillA, 0, ratioA, driverA, outA);
  out.pupils.set(outA, a * G * W);
}

function scenarioTable(model: CohortModel): Map<string, number> {
  const m = new Map<string, number>();
  if (!model.options.birthsScenario?.length) return m;
  const issues: DataIssue[] = [];
  const areas = new Set(model.births.areas);
  model.options.birthsScenario.forEach((r, i) => {
    const where = `birthsScenario[${i}] (area ${r.area}, year ${r.year})`;
    if (!areas.has(r.area)) issues.push(issue("unknown_area", ["birthsScenario", i, "area"], `${where}: area ${show(r.area)} is not in the dataset`));
    else if (!Number.isInteger(r.year)) issues.push(issue("invalid_value", ["birthsScenario", i, "year"], `${where}: year must be an integer, got ${r.year}`));
    else if (!(Number.isFinite(r.births) && r.births >= 0)) issues.push(issue("invalid_value", ["birthsScenario", i, "births"], `${where}: births must be a finite non-negative number, got ${r.births}`));
    else m.set(`${r.area}\u0000${r.year}`, r.births);
  });
  if (issues.length) throw new DatasetError(issues);
  return m;
}
