import { eliminateFrom, stageStandard } from "../capacity/rules.js";
import { indexSystem } from "../domain/systemIndex.js";
import { oneStepErrors } from "../cohort/methods.js";
import { areaIndex, areaMask } from "../cohort/areaMask.js";
import { forecast, type CohortModel, type Forecast } from "../cohort/model.js";
import { Fill, projectArea } from "../cohort/project.js";
import { fnv1a } from "./prng.js";
import { expInPlace, log } from "./libm.js";
import { fnv1aDigits, Xoshiro128 } from "./xoshiro.js";
import { allFinite, fromRanks, quantileRanks, quantilesOf, RankSelector } from "./select.js";

/** Sources of uncertainty, each on (`true`) unless switched off. */
export interface SimulationSources {
  /**
   * Progression and entry ratios (and entry levels) resampled from their history by whole years.
   * The error of history year y is the one-step-ahead error of the grade's own ratio method,
   * e_y = ln(r_y / r̂_y), r̂_y fitted to the ratios before y; errors are centred on their mean so
   * that the central forecast stays the deterministic one. A grade with fewer than 3 such errors
   * of its own uses the errors of the same grade pooled over all areas (centred on their mean).
   * For each area and draw, one uniform u_P is drawn for the whole path and one u_h per year
   * ahead; every grade g takes the errors of rank ⌊u · n_g⌋ of its list (the same history year
   * when the lists cover the same years, so grades move together as they did in that year):
   * simulated ratio r̂(h) · exp(e[u_P] + e[u_h]), a persistent error (the ratio itself is
   * uncertain) plus a fresh one each year; for a list of more than 64 errors (pooled over areas)
   * exp(e[u_P]) · exp(e[u_h]), the same within rounding, so that no n² table is built. Measured
   * on rolling-origin backtests (README, "Accuracy"), the 80% intervals of this model held 79%
   * (US states) and 83% (Connecticut districts) of the actuals over horizons 1–5.
   * @defaultValue true
   */
  readonly ratios?: boolean;
  /**
   * Births beyond the known years (projected by the model's births method) multiplied by
   * exp(σ Sₖ), Sₖ = z₁ + … + zₖ a Gaussian random walk over the k years past the last known
   * year, so the log error has sd σ√k. σ is the standard deviation of the year-on-year log
   * changes ln(bₜ / bₜ₋₁) of the births area's known series. One path per births area and draw,
   * shared by every area whose entry uses that area's births. Known and scenario births are
   * not perturbed.
   * @defaultValue true
   */
  readonly births?: boolean;
  /** Housing pupils (`SimulateOptions.housing`) arriving late by whole projects (`SlipOptions`). @defaultValue true */
  readonly housing?: boolean;
  /** Planned places (`SimulateOptions.planned`) opening late by whole projects (`SlipOptions`). @defaultValue true */
  readonly places?: boolean;
}

/**
 * Delay of a project: with probability p it slips a year, then again with probability p, … up
 * to `maxYears` (a geometric delay, capped). The default p is an assumption, not a measured
 * rate: set it from local delivery records.
 */
export interface SlipOptions {
  /** Probability of each further year of delay, in [0, 1]. @defaultValue 0.25 */
  readonly probability?: number;
  /** Longest delay in years. @defaultValue 3 */
  readonly maxYears?: number;
}

/** Places of one stage of an area from a year on (existing capacity; shape of `CapacityRecord`). */
export interface PlacesInput {
  readonly area: string;
  readonly stage: string;
  readonly year: number;
  readonly places: number;
  /** Classes (teaching groups); places ÷ the stage's standard class size, rounded down, when absent. */
  readonly classes?: number;
}

/** A planned change of places from `year` on (shape of `PlannedPlacesRecord`); negative for closures. */
export interface PlannedInput {
  readonly area: string;
  readonly stage: string;
  readonly year: number;
  readonly places: number;
  readonly classes?: number;
  /** Rows of one project slip together; each row is its own project when absent. */
  readonly project?: string;
}

/** Extra pupils from new housing in one stage of an area in one year. */
export interface HousingPupilsInput {
  readonly area: string;
  readonly stage: string;
  readonly year: number;
  readonly pupils: number;
  /** Rows of one development slip together; each row is its own project when absent. */
  readonly project?: string;
}

/** Options of `simulate`. */
export interface SimulateOptions {
  /** Number of simulated paths, an integer ≥ 1. */
  readonly draws: number;
  /** Seed of the generator (`rng`); the same seed gives the same numbers, on any engine and machine. */
  readonly seed: number;
  /** Last school year simulated (inclusive), ≥ the model's base year. */
  readonly to: number;
  readonly sources?: SimulationSources;
  /** Probabilities of the reported quantiles, each in [0, 1]. @defaultValue [0.1, 0.5, 0.9] */
  readonly quantiles?: readonly number[];
  /**
   * Existing places. For a year t the records of the latest year ≤ t are summed (over sectors);
   * with none, the stage has no places schedule and no surplus is reported.
   */
  readonly places?: readonly PlacesInput[];
  /** Planned changes of places, cumulative from their year on; openings (places > 0) may slip. */
  readonly planned?: readonly PlannedInput[];
  /** Housing pupils added to the cohort forecast; they may slip. */
  readonly housing?: readonly HousingPupilsInput[];
  /** Delay of housing projects. */
  readonly housingSlip?: SlipOptions;
  /** Delay of planned openings. */
  readonly placesSlip?: SlipOptions;
  /** Class-size band whose minimum counts as a large class (China: `"large"`, 56+). @defaultValue the system's `eliminateBand` (none for England and the US) */
  readonly classBand?: string;
  /**
   * Simulate only these areas (ids of the model's cube), e.g. one share of the areas per worker
   * thread. Each area's rows are the same as in a run over all areas (its random streams are
   * keyed by its id), so the rows of disjoint subsets, concatenated in area order, equal the full
   * run's rows. An id that is not an area of the model is a RangeError. The place, planned and
   * housing rows of other areas are skipped (their stages are still checked), so one county of a
   * national model can be simulated on its own at little cost beyond its own draws.
   * @defaultValue every area
   */
  readonly areas?: readonly string[];
}

/** Simulated pupils (and places) of one stage of an area in one forecast year. */
export interface SimulationRow {
  readonly area: string;
  readonly stage: string;
  readonly year: number;
  /** The deterministic forecast (every source off), housing pupils on schedule included. */
  readonly forecast: number;
  /** Mean over draws. */
  readonly mean: number;
  /** Quantiles of pupils, in the order of `Simulation.quantiles`. */
  readonly pupils: readonly number[];
  /** Places on schedule (no delay), when places are given. */
  readonly places?: number;
  /** Quantiles of surplus = places − pupils (negative: shortfall). */
  readonly surplus?: readonly number[];
  /** Share of draws with pupils > places. */
  readonly pShortfall?: number;
  /**
   * Share of draws with classes at or above the band's minimum under an even spread:
   * ⌈n / c⌉ ≥ min, n the pupils rounded to whole pupils and c the classes (n > 0 with no class counts).
   */
  readonly pLargeClasses?: number;
}

/** What `simulate` returns. */
export interface Simulation {
  readonly draws: number;
  readonly seed: number;
  readonly to: number;
  readonly quantiles: readonly number[];
  readonly sources: Required<SimulationSources>;
  /** One row per area × taught stage × forecast year (base + 1 … to). */
  readonly rows: readonly SimulationRow[];
  /** Assumptions applied: default slip probabilities used. */
  readonly notes: readonly string[];
}

const DEFAULT_SLIP = { probability: 0.25, maxYears: 3 } as const;

function resolveSlip(s: SlipOptions | undefined, what: string): { probability: number; maxYears: number } {
  const r = { probability: s?.probability ?? DEFAULT_SLIP.probability, maxYears: s?.maxYears ?? DEFAULT_SLIP.maxYears };
  if (!(r.probability >= 0 && r.probability <= 1)) throw new RangeError(`${what}.probability must be in [0, 1], got ${r.probability}`);
  if (!Number.isInteger(r.maxYears) || r.maxYears < 0) throw new RangeError(`${what}.maxYears must be an integer ≥ 0, got ${r.maxYears}`);
  return r;
}

function slipYears(r: Xoshiro128, s: { probability: number; maxYears: number }): number {
  let k = 0;
  while (k < s.maxYears && r.below(s.probability)) k++;
  return k;
}

/**
 * Seeded Monte Carlo simulation of a fitted cohort model: `draws` paths of pupils per area,
 * grade and year, with each source of uncertainty (`SimulationSources`) switchable; summarised
 * per area × stage × year as quantiles of pupils and of surplus, the probability of a shortfall
 * and of large classes.
 *
 * Every path does the arithmetic of `forecast`'s kernel (`projectArea`: ratio × the grade below
 * a year earlier, × births, or a level), in the same order, on perturbed ratios and births, so
 * with every source off each draw, and hence every quantile, equals the deterministic forecast.
 * The draws of an area run in blocks of 128 (one loop over the draws per kernel step); a draw's
 * numbers do not depend on the block it falls in. Quantiles are exact (R's type 7, as
 * `quantiles`). Areas are simulated one at a time (memory grows with draws × stages × years of
 * one area, not with the number of areas), and each area's and births area's random stream is
 * keyed by its id and the draw (`rng(seed, key)`), so an area's result does not depend on the
 * others. The same seed gives the same numbers on every engine and machine: the generator uses
 * 32-bit integer operations only, and exp and log (resampled errors, births paths, the
 * ziggurat's tables) are computed in JavaScript arithmetic by fdlibm's algorithms rather than by
 * `Math.exp` and `Math.log`, whose last bit may differ between engines. In worker threads, post
 * results by copy rather than by transferring buffers: a detached `ArrayBuffer` makes V8 check
 * every later typed-array access in that thread (the benchmark measured the next simulations
 * about 20% slower).
 *
 * Sources: Efron & Tibshirani (1993), *An Introduction to the Bootstrap*, ch. 8 (resampling
 * whole time points); births error as a random walk on the log scale (Lee & Tuljapurkar 1994),
 * its normal steps by the ziggurat method (Marsaglia & Tsang 2000; Doornik 2005).
 *
 * @throws RangeError on draws not an integer ≥ 1, a `to` before the base year, quantiles outside
 *   [0, 1], slip options out of range, or places/housing rows naming an unknown stage
 * @example
 * ```ts
 * const sim = simulate(fitModel(ds), { draws: 1000, seed: 7, to: 2025, places: capacity });
 * sim.rows.find((r) => r.area === "jiangcheng" && r.stage === "primary" && r.year === 2025)?.pShortfall
 * ```
 */
export function simulate(model: CohortModel, options: SimulateOptions): Simulation {
  const { draws: D, seed, to } = options;
  if (!Number.isInteger(D) || D < 1) throw new RangeError(`simulate: draws must be an integer ≥ 1, got ${D}`);
  if (!Number.isFinite(seed)) throw new RangeError(`simulate: seed must be a finite number, got ${seed}`);
  const qs = [...(options.quantiles ?? [0.1, 0.5, 0.9])];
  for (const p of qs) if (!(p >= 0 && p <= 1)) throw new RangeError(`simulate: quantiles must be in [0, 1], got ${p}`);
  const src: Required<SimulationSources> = {
    ratios: options.sources?.ratios ?? true,
    births: options.sources?.births ?? true,
    housing: options.sources?.housing ?? true,
    places: options.sources?.places ?? true,
  };
  const housingSlip = resolveSlip(options.housingSlip, "housingSlip");
  const placesSlip = resolveSlip(options.placesSlip, "placesSlip");
  const include = areaMask(model.cube.areas, options.areas, "simulate");
  const fc = forecast(model, options.areas ? { to, areas: options.areas } : { to });
  const system = model.dataset.system;
  const ix = indexSystem(system);
  const { cube, fill } = model;
  const A = cube.areas.length;
  const G = cube.grades.length;
  const Y = cube.years.length;
  const H = to - model.baseYear;
  const W = H + 1;
  const notes: string[] = [];
  if (options.housing?.length && options.housingSlip === undefined && src.housing) notes.push(`housing projects slip a year with probability ${DEFAULT_SLIP.probability} (up to ${DEFAULT_SLIP.maxYears} years): an assumed default`);
  if (options.planned?.some((p) => p.places > 0) && options.placesSlip === undefined && src.places) notes.push(`planned openings slip a year with probability ${DEFAULT_SLIP.probability} (up to ${DEFAULT_SLIP.maxYears} years): an assumed default`);
  // Rows grouped by area; with `areas`, only the rows of the areas simulated are kept. Every row's
  // stage and area are checked. One pass per list, without copying it: a national call has about
  // 190,000 rows, and a planning tool may simulate one county of it at a time.
  const index = areaIndex(model.cube.areas);
  const byArea = <T extends { readonly area: string; readonly stage: string; readonly year: number }>(rows: readonly T[] | undefined, what: string): Map<string, T[]> => {
    const m = new Map<string, T[]>();
    if (!rows) return m;
    // Rows come in runs of one area and few stages: the last answers are kept.
    let okStage: string | undefined;
    let lastArea: string | undefined;
    let list: T[] | undefined;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (r.stage !== okStage) {
        if (!ix.stageById.has(r.stage)) throw new RangeError(`simulate: ${what}[${i}]: stage ${JSON.stringify(r.stage)} (area ${r.area}, year ${r.year}) is not a stage of the ${system.id} system`);
        okStage = r.stage;
      }
      if (r.area !== lastArea) {
        const a = index.get(r.area);
        if (a === undefined) throw new RangeError(`simulate: ${what}[${i}]: area ${JSON.stringify(r.area)} (stage ${r.stage}, year ${r.year}) is not an area of the model`);
        lastArea = r.area;
        if (include && !include[a]) list = undefined;
        else if (!(list = m.get(r.area))) m.set(r.area, (list = []));
      }
      list?.push(r);
    }
    return m;
  };
  const placesBy = byArea(options.places, "places");
  const plannedBy = byArea(options.planned, "planned");
  const housingBy = byArea(options.housing, "housing");

  // σ per births area: the sd of the year-on-year log changes of its known births.
  const sigmaCache = new Map<number, number>();
  const births = model.births;
  const birthSigma = (bi: number): number => {
    let sigma = sigmaCache.get(bi);
    if (sigma === undefined) {
      const ch: number[] = [];
      for (let y = 1; y < births.years; y++) {
        const p = births.data[bi * births.years + y - 1]!;
        const c = births.data[bi * births.years + y]!;
        if (p > 0 && c > 0) ch.push(log(c / p));
      }
      sigma = ch.length >= 2 ? sampleSd(ch) : 0;
      sigmaCache.set(bi, sigma);
    }
    return sigma;
  };
  const lastKnownBirthYear = (bi: number): number => {
    for (let y = births.years - 1; y >= 0; y--) if (Number.isFinite(births.data[bi * births.years + y]!)) return births.firstYear + y;
    return -Infinity;
  };

  // Errors pooled over areas, per grade and fill, for areas with too short a history of their own.
  const pooledCache = new Map<number, Float64Array>();
  const pooledErrors = (g: number, f: number): Float64Array => {
    const key = g * 8 + f;
    let p = pooledCache.get(key);
    if (!p) {
      const all: number[] = [];
      for (let b = 0; b < A; b++) if (fill[b * G + g] === f) all.push(...ratioErrors(model, b, g, false));
      p = centred(all);
      pooledCache.set(key, p);
    }
    return p;
  };

  const rows: SimulationRow[] = [];
  const seed32 = Math.trunc(seed) >>> 0;
  const gen = GEN;
  const selector = selectorFor(D);
  const pool = new BufferPool();
  const sur = new Float64Array(D);
  const rankValues = new Float64Array(4 * qs.length);
  /** Shortfalls, large classes, and 1 when the places are the same finite value in every draw (`cellCounts`). */
  const counts = new Int32Array(3);
  const mm = new Float64Array(3);
  // The ranks each quantile reads, without and with the mirrored ranks for the surplus.
  const plainRanks = quantileRanks(D, qs, false);
  const mirrorRanks = quantileRanks(D, qs, true);
  const genB = GEN_B;
  const outA = new Float64Array(G * W);
  const baseVals = new Float64Array(G);
  const fillA = new Uint8Array(G);
  // exp(e_i) of the long (pooled) error lists, computed once per list, not once per area.
  const expCache = new WeakMap<Float64Array, Float64Array>();
  const expOf = (e: Float64Array): Float64Array => {
    let x = expCache.get(e);
    if (!x) expCache.set(e, (x = expAll(e)));
    return x;
  };
  const ctx: AreaContext = { expOf, options, src, D, qs, H, W, G, model, fc, ix, system, fill, cube, placesBy, plannedBy, housingBy, birthSigma, pooledErrors, rows, seed32, gen, genB, selector, pool, sur, rankValues, counts, mm, plainRanks, mirrorRanks, outA, baseVals, fillA, include, housingSlip, placesSlip, births, lastKnownBirthYear };
  for (let a = 0; a < A; a++) simulateArea(ctx, a);
  return { draws: D, seed, to, quantiles: qs, sources: src, rows, notes };
}

/**
 * Generators and the rank selector, made once and reused by every call (each draw reseeds the
 * generators before reading them, and the selector keeps no result between calls; `simulate`
 * runs to its end without calling out, so two calls never share them at once).
 *
 * Why: V8's optimised code for the kernels checks these objects' hidden classes, and a hidden
 * class is dropped at a full garbage collection once no object has it. Made per call, they died
 * between calls, and every later call ran the kernels unoptimised until V8 had compiled them
 * again: on a background thread, which has no core of its own when worker threads take both.
 * Measured on the national simulation (1,000 draws, full GC before each run, 3 runs each, taken
 * in turns): on 2 workers, each worker's half took 2.49–2.68 s (median 2.59) with the objects
 * made per call and 2.43–2.59 s (median 2.50) with these; on one thread, 4.43–4.62 s and
 * 4.32–4.41 s.
 */
const GEN = new Xoshiro128(0);
const GEN_B = new Xoshiro128(0);
let sharedSelector: RankSelector | undefined;
let sharedCapacity = 0;
/** The shared rank selector, made again when the number of draws changes. */
function selectorFor(D: number): RankSelector {
  if (!sharedSelector || sharedCapacity !== D) {
    sharedSelector = new RankSelector(D);
    sharedCapacity = D;
  }
  return sharedSelector;
}

/** Typed arrays reused from area to area, grown when a larger one is asked for; `get` returns a view of the asked length. */
class BufferPool {
  private readonly buffers = new Map<string, Float64Array>();
  get(name: string, length: number): Float64Array {
    let b = this.buffers.get(name);
    if (!b || b.length < length) this.buffers.set(name, (b = new Float64Array(length)));
    return b.subarray(0, length);
  }
}

/** out = [sum in index order, smallest, largest] of v (non-empty). */
function sumMinMax(v: Float64Array, out: Float64Array): void {
  let s = 0;
  let lo = v[0]!;
  let hi = v[0]!;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    s += x;
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
  }
  out[0] = s;
  out[1] = lo;
  out[2] = hi;
}

/** The random inputs of one area's blocks of draws (`drawBlock`). */
interface BlockDraws {
  readonly gen: Xoshiro128;
  readonly genB: Xoshiro128;
  readonly seed32: number;
  /** FNV-1a of "area␀<id>␀" and "births␀<births area>␀": a draw's stream key adds its number. */
  readonly areaKey: number;
  readonly birthKey: number;
  readonly H: number;
  readonly B: number;
  readonly kMax: number;
  readonly sigma: number;
  readonly uP: Float64Array;
  readonly U: Float64Array;
  readonly growth: Float64Array;
  /** Scratch for one draw's births normals z[1 … kMax]. */
  readonly z: Float64Array;
  readonly slipH: Int32Array;
  readonly slipP: Int32Array;
  readonly hCount: number;
  readonly pCount: number;
  readonly ratios: boolean;
  readonly housing: boolean;
  readonly places: boolean;
  readonly housingSlip: { probability: number; maxYears: number };
  readonly placesSlip: { probability: number; maxYears: number };
}

/**
 * Random numbers of draws d0 … d0 + n − 1, each from its own stream (`rng(seed, "area␀<id>␀<d>")`)
 * in this order: u_P and one uniform per year for the ratio errors (when ratios are a source),
 * then one delay per housing project and per planned project; births from the births area's
 * stream: growth[k B + l] = exp(σ (z₁ + … + z_k)).
 */
function drawBlock(r: BlockDraws, d0: number, n: number): void {
  const { H, B, uP, U, growth, slipH, slipP, kMax, sigma, z } = r;
  for (let l = 0; l < n; l++) {
    const g = r.gen.reseed(r.seed32 ^ fnv1aDigits(r.areaKey, d0 + l));
    if (r.ratios) {
      g.fillUniform(uP, l, 1, 1);
      g.fillUniform(U, l, B, H);
    }
    for (let i = 0; i < r.hCount; i++) slipH[i * B + l] = r.housing ? slipYears(g, r.housingSlip) : 0;
    for (let i = 0; i < r.pCount; i++) slipP[i * B + l] = r.places ? slipYears(g, r.placesSlip) : 0;
    if (kMax > 0) {
      r.genB.reseed(r.seed32 ^ fnv1aDigits(r.birthKey, d0 + l)).fillNormal(z, 1, 1, kMax);
      let walk = 0;
      for (let k = 1; k <= kMax; k++) {
        walk += sigma * z[k]!;
        growth[k * B + l] = walk;
      }
    }
  }
  // growth = exp(walk), over the block at once (see expInPlace).
  if (kMax > 0) expInPlace(growth, B, (kMax + 1) * B);
}

/**
 * Adds one housing project to the stage sums of draws d0 … d0 + n − 1: cell k of draw l gets
 * contrib[δ SH + k], δ = slip[sl + l] its delay, for every cell k the project reaches (`at`:
 * scratch for δ SH per draw).
 */
function addProject(tot: Float64Array, D: number, d0: number, n: number, contrib: Float64Array, SH: number, cells: Int32Array, slip: Int32Array, sl: number, at: Int32Array): void {
  for (let l = 0; l < n; l++) at[l] = slip[sl + l]! * SH;
  for (let c = 0; c < cells.length; c++) {
    const k = cells[c]!;
    const o = k * D + d0;
    for (let l = 0; l < n; l++) tot[o + l] = tot[o + l]! + contrib[at[l]! + k]!;
  }
}

/**
 * Adds `value` from year h = h0 + delay on (delay slip[sl + l] of draw l, or 0 when `slips` is
 * false) to target[(row + y − 1) D + d0 + l], for the stored years y ≥ max(1, h, from).
 */
function addOnward(target: Float64Array, D: number, d0: number, n: number, value: number, row: number, h0: number, from: number, H: number, slip: Int32Array, sl: number, slips: boolean): void {
  for (let l = 0; l < n; l++) {
    const h = h0 + (slips ? slip[sl + l]! : 0);
    for (let y = Math.max(1, h, from); y <= H; y++) {
      const k = (row + y - 1) * D + d0 + l;
      target[k] = target[k]! + value;
    }
  }
}

/**
 * The buffers and inputs of one area's block kernel (`projectBlock`): per-draw values are stored
 * value-major, x[i * B + l] for draw d0 + l of the block.
 */
interface BlockKernel {
  readonly G: number;
  readonly H: number;
  readonly D: number;
  readonly B: number;
  readonly fill: Uint8Array;
  /** Base-year pupils per grade. */
  readonly base: Float64Array;
  /** The deterministic ratios and drivers, [g * H + h − 1]. */
  readonly ratio: Float64Array;
  readonly driver: Float64Array;
  /** Years past the last known births of each entry cell (0: known). */
  readonly kOf: Int32Array;
  readonly expPair: readonly Float64Array[];
  /** exp(e_i) of a grade whose error list is too long for a pair table (else undefined). */
  readonly expOne: readonly (Float64Array | undefined)[];
  /** Scratch: exp(e_i) · exp(e_j) per draw, and the positions 0 … B − 1 to read it with. */
  readonly mul: Float64Array;
  readonly identity: Int32Array;
  /** Distinct error counts m > 0, and each grade's index among them (−1: no errors). */
  readonly ms: Int32Array;
  readonly mSlot: Int32Array;
  readonly errIx: Int32Array;
  /** Scratch: ⌊u_P m⌋ m of each draw of the block. */
  readonly rowP: Int32Array;
  readonly uP: Float64Array;
  readonly U: Float64Array;
  readonly growth: Float64Array;
  readonly stageOf: Int32Array;
  readonly firstOf: Uint8Array;
  /** Stage sums, cell-major: tot[(si * H + h − 1) * D + d]. */
  readonly tot: Float64Array;
  prev: Float64Array;
  cur: Float64Array;
  /** Scratch: the births (or 1s) of one grade and year per draw. */
  readonly src: Float64Array;
  /** A table holding 1 and zero positions, for grades without errors. */
  readonly ones: Float64Array;
  readonly zeroIx: Int32Array;
  /** 1 where the grade above is a progression grade (the grade's pupils are read the next year). */
  readonly needCur: Uint8Array;
}

/**
 * Projects draws d0 … d0 + n − 1 of one area (`projectArea`'s arithmetic per draw, in the same
 * order) and adds each grade to its stage's sum in `tot` (as `stageSums`, grade by grade).
 * Ratio errors: per distinct error count m, errIx[(q H + h − 1) B + l] = ⌊u_P m⌋ m + ⌊u_h m⌋,
 * the entry of exp(e[u_P] + e[u_h]) in expPair[g]; births past the known years × growth[k B + l].
 */
function projectBlock(kn: BlockKernel, d0: number, n: number): void {
  const { G, H, D, B, fill, ratio, driver, kOf, expPair, ms, mSlot, errIx, uP, U, growth, stageOf, firstOf, tot, base } = kn;
  const rowP = kn.rowP;
  for (let q = 0; q < ms.length; q++) {
    const m = ms[q]!;
    for (let l = 0; l < n; l++) rowP[l] = Math.floor(uP[l]! * m) * m;
    for (let h = 0; h < H; h++) {
      const o = (q * H + h) * B;
      const uo = h * B;
      for (let l = 0; l < n; l++) errIx[o + l] = rowP[l]! + Math.floor(U[uo + l]! * m);
    }
  }
  let prev = kn.prev;
  let cur = kn.cur;
  const { src, ones, zeroIx, needCur } = kn;
  for (let g = 0; g < G; g++) prev.fill(base[g]!, g * B, g * B + n);
  for (let h = 1; h <= H; h++) {
    for (let g = 0; g < G; g++) {
      const f = fill[g];
      const o = g * B;
      const r0 = ratio[g * H + h - 1]!;
      const q = mSlot[g]!;
      const io = (q * H + h - 1) * B;
      const si = stageOf[g]!;
      const to = (si * H + h - 1) * D + d0;
      if (f === Fill.progression && q >= 0 && si >= 0 && firstOf[g] === 0) {
        const g2 = g + 1;
        if (g2 < G && fill[g2] === Fill.progression && mSlot[g2] === q && stageOf[g2] === si && firstOf[g2] === 0 && needCur[g] === 1) {
          // Two perturbed progression grades of one stage in one loop: they share the error
          // positions, and (tot + v) + w adds them in grade order, as one at a time would.
          const t = expPair[g]!;
          const r1 = ratio[g2 * H + h - 1]!;
          const t1 = expPair[g2]!;
          const o1 = g2 * B;
          const pg = (g - 1) * B;
          for (let l = 0; l < n; l++) {
            const e = errIx[io + l]!;
            const v = r0 * t[e]! * prev[pg + l]!;
            const w = r1 * t1[e]! * prev[o + l]!;
            cur[o + l] = v;
            cur[o1 + l] = w;
            tot[to + l] = tot[to + l]! + v + w;
          }
          g = g2;
          continue;
        }
      }
      if (f === Fill.none) {
        cur.fill(0, o, o + n);
        continue;
      }
      // One grade: v = ratio · exp(e_P + e_h) · x, x the grade below a year earlier
      // (progression), the births (entry; × growth past the known years), or 1 (level); the same
      // products in the same order as projectArea's (a factor of exactly 1 where a grade has no
      // errors changes nothing).
      let t = q >= 0 ? expPair[g]! : ones;
      let ix = q >= 0 ? errIx : zeroIx;
      let iox = q >= 0 ? io : 0;
      const e1 = kn.expOne[g];
      if (e1) {
        // A long error list: exp(e[⌊u_P m⌋]) · exp(e[⌊u_h m⌋]) per draw, read back in order.
        const m = e1.length;
        const { mul } = kn;
        for (let l = 0; l < n; l++) mul[l] = e1[Math.floor(uP[l]! * m)]! * e1[Math.floor(U[(h - 1) * B + l]! * m)]!;
        t = mul;
        ix = kn.identity;
        iox = 0;
      }
      let x: Float64Array;
      let xo = 0;
      if (f === Fill.progression) {
        x = prev;
        xo = (g - 1) * B;
      } else if (f === Fill.births) {
        const drv = driver[g * H + h - 1]!;
        const k = kOf[g * H + h - 1]!;
        x = src;
        if (k > 0) for (let l = 0; l < n; l++) src[l] = drv * growth[k * B + l]!;
        else src.fill(drv, 0, n);
      } else {
        x = src;
        src.fill(1, 0, n);
      }
      const keep = needCur[g] === 1;
      if (si < 0) {
        for (let l = 0; l < n; l++) cur[o + l] = r0 * t[ix[iox + l]!]! * x[xo + l]!;
      } else if (firstOf[g] === 1) {
        for (let l = 0; l < n; l++) {
          const v = r0 * t[ix[iox + l]!]! * x[xo + l]!;
          if (keep) cur[o + l] = v;
          tot[to + l] = 0 + v;
        }
      } else {
        for (let l = 0; l < n; l++) {
          const v = r0 * t[ix[iox + l]!]! * x[xo + l]!;
          if (keep) cur[o + l] = v;
          tot[to + l] = tot[to + l]! + v;
        }
      }
    }
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  kn.prev = prev;
  kn.cur = cur;
}

/**
 * Over the draws of one cell (pupils col[d], places plc[at + d], classes cls[at + d]): out[0] the
 * count of shortfalls (pupils > places), out[1] of large classes (⌈n / c⌉ ≥ band under an even
 * spread, n the pupils rounded to whole pupils), out[2] 1 when the places are the same finite
 * value in every draw, else 0.
 * Places and classes are usually the same in every draw (they vary only while a planned opening
 * may slip), and the counts then compare each draw with one threshold.
 */
function cellCounts(col: Float64Array, plc: Float64Array, cls: Float64Array, at: number, band: number | undefined, wholeBand: boolean, out: Int32Array): void {
  const D = col.length;
  const p0 = plc[at]!;
  const c0 = cls[at]!;
  let sameP = true;
  let sameC = true;
  for (let d = 1; d < D; d++) {
    if (plc[at + d] !== p0) sameP = false;
    if (cls[at + d] !== c0) sameC = false;
  }
  if (sameP && sameC) return countsAt(col, p0, c0, band, wholeBand, out);
  // Counted as Number(comparison), which compiles without a branch: draws near the threshold
  // would make a branch mispredict about half the time.
  let short = 0;
  for (let d = 0; d < D; d++) short += Number(col[d]! > plc[at + d]!);
  let large = 0;
  if (band !== undefined) {
    for (let d = 0; d < D; d++) {
      const n = col[d]!;
      const c = cls[at + d]!;
      if (wholeBand && c > 0 && c < 2 ** 31 && Number.isInteger(c)) large += Number(n >= (band - 1) * c + 0.5);
      else {
        const whole = Math.round(n);
        if (c > 0 ? Math.ceil(whole / c) >= band : whole > 0) large++;
      }
    }
  }
  out[0] = short;
  out[1] = large;
  out[2] = sameP && Number.isFinite(p0) ? 1 : 0;
}

/** `cellCounts` with the same places p and classes c in every draw. */
function countsAt(col: Float64Array, p: number, c: number, band: number | undefined, wholeBand: boolean, out: Int32Array): void {
  const D = col.length;
  let short = 0;
  let large = 0;
  if (band === undefined) {
    for (let d = 0; d < D; d++) short += Number(col[d]! > p);
  } else {
    // For whole c > 0 and a whole band, ⌈round(n) / c⌉ ≥ band ⟺ round(n) > (band − 1) c
    // ⟺ n ≥ (band − 1) c + ½ (Math.round takes halves up): no division per draw.
    if (wholeBand && c > 0 && c < 2 ** 31 && Number.isInteger(c)) {
      const t = (band - 1) * c + 0.5;
      for (let d = 0; d < D; d++) {
        const n = col[d]!;
        short += Number(n > p);
        large += Number(n >= t);
      }
    } else {
      for (let d = 0; d < D; d++) short += Number(col[d]! > p);
      for (let d = 0; d < D; d++) {
        const whole = Math.round(col[d]!);
        if (c > 0 ? Math.ceil(whole / c) >= band : whole > 0) large++;
      }
    }
  }
  out[0] = short;
  out[1] = large;
  out[2] = Number.isFinite(p) ? 1 : 0;
}

/** Surplus of each draw of a cell with the same places p in every draw: sur[d] = p − col[d]. */
function surplusAt(col: Float64Array, p: number, sur: Float64Array): Float64Array {
  for (let d = 0; d < col.length; d++) sur[d] = p - col[d]!;
  return sur;
}

/** Surplus of each draw of a cell: sur[d] = plc[at + d] − col[d]. */
function surplusOf(col: Float64Array, plc: Float64Array, at: number, sur: Float64Array): Float64Array {
  for (let d = 0; d < col.length; d++) sur[d] = plc[at + d]! - col[d]!;
  return sur;
}

/** What `simulateArea` shares with `simulate`: the options, the forecast, and buffers reused from area to area. */
interface AreaContext {
  readonly options: SimulateOptions;
  readonly src: Required<SimulationSources>;
  readonly D: number;
  readonly qs: readonly number[];
  readonly H: number;
  readonly W: number;
  readonly G: number;
  readonly model: CohortModel;
  readonly fc: Forecast;
  readonly ix: ReturnType<typeof indexSystem>;
  readonly system: CohortModel["dataset"]["system"];
  readonly fill: Uint8Array;
  readonly cube: CohortModel["cube"];
  readonly placesBy: ReadonlyMap<string, readonly PlacesInput[]>;
  readonly plannedBy: ReadonlyMap<string, readonly PlannedInput[]>;
  readonly housingBy: ReadonlyMap<string, readonly HousingPupilsInput[]>;
  readonly birthSigma: (bi: number) => number;
  readonly pooledErrors: (g: number, f: number) => Float64Array;
  readonly rows: SimulationRow[];
  readonly seed32: number;
  readonly gen: Xoshiro128;
  readonly genB: Xoshiro128;
  readonly selector: RankSelector;
  readonly pool: BufferPool;
  readonly sur: Float64Array;
  readonly rankValues: Float64Array;
  readonly counts: Int32Array;
  readonly mm: Float64Array;
  readonly plainRanks: readonly number[];
  readonly mirrorRanks: readonly number[];
  readonly outA: Float64Array;
  readonly baseVals: Float64Array;
  readonly fillA: Uint8Array;
  readonly include: Uint8Array | undefined;
  readonly housingSlip: { probability: number; maxYears: number };
  readonly placesSlip: { probability: number; maxYears: number };
  readonly births: CohortModel["births"];
  readonly lastKnownBirthYear: (bi: number) => number;
  readonly expOf: (e: Float64Array) => Float64Array;
}

/**
 * One area of `simulate`: its draws in blocks, then one row per taught stage and forecast year.
 * A function of its own, called once per area, so the JIT compiles it once and keeps the code.
 */
function simulateArea(ctx: AreaContext, a: number): void {
  const { expOf, options, src, D, qs, H, W, G, model, fc, ix, system, fill, cube, placesBy, plannedBy, housingBy, birthSigma, pooledErrors, rows, seed32, gen, genB, selector, pool, sur, rankValues, counts, mm, plainRanks, mirrorRanks, outA, baseVals, fillA, include, housingSlip, placesSlip, births, lastKnownBirthYear } = ctx;
  const area = cube.areas[a]!;
  if (include && !include[a]) return;
  const stages = ix.system.stages
    .map((s) => ({ id: s.id, gs: (ix.gradesOfStage.get(s.id) ?? []).filter((g) => fill[a * G + g] !== Fill.none) }))
    .filter((s) => s.gs.length > 0);
  if (stages.length === 0 || H === 0) return;
  const S = stages.length;
  for (let g = 0; g < G; g++) {
    fillA[g] = fill[a * G + g]!;
    baseVals[g] = fc.pupils[(a * G + g) * W]!;
  }
  // Ratio errors of each grade, in history-year order.
  const errs: Float64Array[] = [];
  for (let g = 0; g < G; g++) {
    if (!src.ratios || fill[a * G + g] === Fill.none) {
      errs.push(new Float64Array(0));
      continue;
    }
    const own = ratioErrors(model, a, g, true);
    errs.push(own.length >= MIN_OWN_ERRORS ? own : pooledErrors(g, fill[a * G + g]!));
  }
  // exp(e_i + e_j) for every pair of a grade's errors, computed once per area, not per draw
  // and year (the same value: the same sum goes into exp). A longer list (errors pooled over
  // areas: thousands in a national run) would need n² values; it keeps exp(e_i) instead and a
  // draw takes exp(e_i) · exp(e_j).
  const expPair: Float64Array[] = errs.map((e) => (e.length > MAX_PAIR_TABLE ? new Float64Array(0) : pairTable(e)));
  // Births: projected drivers and the years past the last known value.
  const bi = model.birthSource[a]!;
  const kOf = new Int32Array(G * H);
  let kMax = 0;
  if (src.births && bi >= 0) {
    const last = lastKnownBirthYear(bi);
    for (let g = 0; g < G; g++) {
      if (fill[a * G + g] !== Fill.births) continue;
      for (let h = 1; h <= H; h++) {
        if (fc.driverProjected[(a * G + g) * H + h - 1] !== 1) continue;
        const k = model.baseYear + h - ix.grades[g]!.age - last;
        if (k > 0) {
          kOf[g * H + h - 1] = k;
          kMax = Math.max(kMax, k);
        }
      }
    }
  }
  // Housing and places of this area.
  const sIndex = new Map(stages.map((s, i) => [s.id, i]));
  const housing = (housingBy.get(area) ?? []).filter((r) => sIndex.has(r.stage));
  const planned = (plannedBy.get(area) ?? []).filter((r) => sIndex.has(r.stage));
  const hasPlaces = stages.map((s) => (placesBy.get(area) ?? []).some((r) => r.stage === s.id) || planned.some((r) => r.stage === s.id));
  const anyPlaces = hasPlaces.some(Boolean);
  const basePlaces = new Float64Array(S * H);
  const baseClasses = new Float64Array(S * H);
  stages.forEach((s, si) => {
    const recs = (placesBy.get(area) ?? []).filter((r) => r.stage === s.id);
    const std = stageStandard(system, s.id).value;
    for (let h = 1; h <= H; h++) {
      const t = model.baseYear + h;
      let latest = -Infinity;
      for (const r of recs) if (r.year <= t && r.year > latest) latest = r.year;
      let p = 0;
      let c = 0;
      for (const r of recs) {
        if (r.year !== latest) continue;
        p += r.places;
        c += r.classes ?? Math.floor(r.places / std);
      }
      basePlaces[si * H + h - 1] = p;
      baseClasses[si * H + h - 1] = c;
    }
  });
  const projectKeys = (rs: readonly { project?: string }[]): string[] => rs.map((r, i) => (r.project !== undefined ? `p\u0000${r.project}` : `r\u0000${i}`));
  const housingKeys = projectKeys(housing);
  const plannedKeys = projectKeys(planned);
  // Per area, once: the stage row of each housing and planned record, the planned classes, and
  // buffers reused by every draw.
  const housingStage = housing.map((hr) => sIndex.get(hr.stage)!);
  const plannedStage = planned.map((pr) => sIndex.get(pr.stage)!);
  const plannedClasses = planned.map((pr) => pr.classes ?? Math.trunc(pr.places / stageStandard(system, pr.stage).value));
  const stageGrades = stages.map((st) => Int32Array.from(st.gs));
  const hKeys = keyIndex(housingKeys);
  const pKeys = keyIndex(plannedKeys);
  const errN = Int32Array.from(errs, (e) => e.length);
  const ratioBase = fc.ratios.subarray(a * G * H, (a + 1) * G * H);
  const driverBase = fc.drivers.subarray(a * G * H, (a + 1) * G * H);
  const SH = S * H;

  // The deterministic path (every source off, nothing slips): the forecast's own kernel.
  const det = new Float64Array(SH);
  const detPlaces = new Float64Array(SH);
  projectArea(G, H, baseVals, 0, fillA, 0, ratioBase, driverBase, outA);
  stageSums(outA, W, H, stageGrades, det);
  // Housing pupils by project: contrib[j][δ SH + k], project j's pupils in cell k when it is δ
  // years late (its rows in order), and the cells any delay reaches. Every path adds whole
  // projects in project order, the deterministic one with δ = 0.
  const maxSlipH = src.housing ? housingSlip.maxYears : 0;
  const contrib = Array.from({ length: hKeys.count }, () => new Float64Array((maxSlipH + 1) * SH));
  const reached = Array.from({ length: hKeys.count }, () => new Set<number>());
  for (let i = 0; i < housing.length; i++) {
    const j = hKeys.index[i]!;
    for (let delay = 0; delay <= maxSlipH; delay++) {
      const h = housing[i]!.year + delay - model.baseYear;
      if (h < 1 || h > H) continue;
      const k = housingStage[i]! * H + h - 1;
      contrib[j]![delay * SH + k] = contrib[j]![delay * SH + k]! + housing[i]!.pupils;
      reached[j]!.add(k);
    }
  }
  const reachedCells = reached.map((r) => Int32Array.from([...r].sort((x, y) => x - y)));
  for (let j = 0; j < hKeys.count; j++) for (const k of reachedCells[j]!) det[k] = det[k]! + contrib[j]![k]!;
  // Places: a cell varies by draw only from the first year an opening that may slip reaches in
  // its stage (varyFrom[si], H + 1 for none); before it every draw has the scheduled places.
  const varyFrom = new Int32Array(S).fill(H + 1);
  const detClasses = new Float64Array(SH);
  if (anyPlaces) {
    detPlaces.set(basePlaces);
    detClasses.set(baseClasses);
    for (let i = 0; i < planned.length; i++) {
      const si = plannedStage[i]!;
      const h0 = Math.max(1, planned[i]!.year - model.baseYear);
      if (src.places && planned[i]!.places > 0 && placesSlip.maxYears > 0) varyFrom[si] = Math.min(varyFrom[si]!, h0);
      for (let h = h0; h <= H; h++) {
        detPlaces[si * H + h - 1] = detPlaces[si * H + h - 1]! + planned[i]!.places;
        detClasses[si * H + h - 1] = detClasses[si * H + h - 1]! + plannedClasses[i]!;
      }
    }
  }

  // The draws, a block of up to LANES at a time: every per-draw array is laid out value-major
  // (x[i * B + l] for draw d0 + l), so each step of the kernel is one loop over the draws of the
  // block. Each draw's arithmetic is the scalar kernel's (`projectArea`, `stageSums`), in the
  // same order, so a draw's numbers do not depend on the block it falls in. Results are stored
  // cell-major (tot[k * D + d], k = stage × year), so each cell's draws are contiguous.
  // Buffers shared by the areas, one after another (every value read is written first).
  const tot = pool.get("tot", SH * D);
  const plc = anyPlaces ? pool.get("plc", SH * D) : undefined;
  const cls = anyPlaces ? pool.get("cls", SH * D) : undefined;
  // Stream keys "area␀<id>␀<draw>" and "births␀<id>␀<draw>" (`rng(seed, key)`), hashed once per area.
  // As signed 32-bit integers (the same bits; `fnv1aDigits` only uses them in bit operations): an
  // unsigned value ≥ 2³¹ would be a heap number at every call that passes it.
  const areaKey = fnv1a(`area\u0000${area}\u0000`) | 0;
  const birthKey = bi >= 0 ? fnv1a(`births\u0000${births.areas[bi]}\u0000`) | 0 : 0;
  const sigma = kMax > 0 ? birthSigma(bi) : 0;
  const B = Math.min(D, LANES);
  const uP = new Float64Array(B);
  const U = new Float64Array(H * B);
  const growth = new Float64Array((kMax + 1) * B);
  const slipH = new Int32Array(hKeys.count * B);
  const slipP = new Int32Array(pKeys.count * B);
  // Grades with the same number of errors m share their resampled positions: per distinct m,
  // errIx[(h − 1) * B + l] = ⌊u_P m⌋ m + ⌊u_h m⌋, the entry of exp(e[u_P] + e[u_h]) in expPair[g].
  const ms = [...new Set(errN)].filter((m) => m > 0 && m <= MAX_PAIR_TABLE);
  const mSlot = Int32Array.from(errN, (m) => ms.indexOf(m));
  const errIx = new Int32Array(Math.max(1, ms.length) * H * B);
  // A grade's stage row (−1 for none) and whether it is the first of its stage's grades: stage
  // sums are added up as the grades are projected, in the stage's grade order, as stageSums does.
  const stageOf = new Int32Array(G).fill(-1);
  const firstOf = new Uint8Array(G);
  stageGrades.forEach((gs, si) => gs.forEach((g, j) => {
    stageOf[g] = si;
    firstOf[g] = j === 0 ? 1 : 0;
  }));
  const slipAt = new Int32Array(B);
  const draws: BlockDraws = {
    gen, genB, seed32, areaKey, birthKey, H, B, kMax, sigma, uP, U, growth, z: new Float64Array(kMax + 1), slipH, slipP,
    hCount: hKeys.count, pCount: pKeys.count, ratios: src.ratios, housing: src.housing, places: src.places, housingSlip, placesSlip,
  };
  const kernel: BlockKernel = {
    G, H, D, B, fill: fillA, base: baseVals, ratio: ratioBase, driver: driverBase, kOf, expPair,
    expOne: errs.map((e) => (e.length > MAX_PAIR_TABLE ? expOf(e) : undefined)), mul: new Float64Array(B),
    identity: Int32Array.from({ length: B }, (_, l) => l),
    ms: Int32Array.from(ms), mSlot, errIx, rowP: new Int32Array(B), uP, U, growth, stageOf, firstOf, tot,
    prev: new Float64Array(G * B), cur: new Float64Array(G * B),
    src: new Float64Array(B), ones: Float64Array.of(1), zeroIx: new Int32Array(B),
    needCur: Uint8Array.from({ length: G }, (_, g) => (g + 1 < G && fillA[g + 1] === Fill.progression ? 1 : 0)),
  };
  for (let d0 = 0; d0 < D; d0 += B) {
    const n = Math.min(B, D - d0);
    // Random numbers of each draw (`drawBlock`: the ratio errors' uniforms, then project delays;
    // births on their own stream), then the projection.
    drawBlock(draws, d0, n);
    projectBlock(kernel, d0, n);
    // Housing pupils in their (delayed) years, then places.
    for (let j = 0; j < hKeys.count; j++) addProject(tot, D, d0, n, contrib[j]!, SH, reachedCells[j]!, slipH, j * B, slipAt);
    if (plc && cls) {
      // Only the cells that vary by draw are stored per draw (from varyFrom[si] on).
      for (let si = 0; si < S; si++) {
        for (let h = varyFrom[si]!; h <= H; h++) {
          const k = si * H + h - 1;
          plc.fill(basePlaces[k]!, k * D + d0, k * D + d0 + n);
          cls.fill(baseClasses[k]!, k * D + d0, k * D + d0 + n);
        }
      }
      for (let i = 0; i < planned.length; i++) {
        const pr = planned[i]!;
        const si = plannedStage[i]!;
        const sl = pKeys.index[i]! * B;
        const slips = pr.places > 0;
        const h0 = pr.year - model.baseYear;
        const from = varyFrom[si]!;
        addOnward(plc, D, d0, n, pr.places, si * H, h0, from, H, slipP, sl, slips);
        addOnward(cls, D, d0, n, plannedClasses[i]!, si * H, h0, from, H, slipP, sl, slips);
      }
    }
  }

  stages.forEach((st, si) => {
    const band = eliminateFrom(system, st.id, options.classBand);
    const wholeBand = band !== undefined && Number.isInteger(band) && band >= 1 && band < 2 ** 20;
    for (let h = 1; h <= H; h++) {
      const k = si * H + h - 1;
      // This cell's draws (in draw order: `cellCounts` pairs them with places).
      const col = tot.subarray(k * D, (k + 1) * D);
      sumMinMax(col, mm);
      const sum = mm[0]!;
      const finite = Number.isFinite(sum) || allFinite(col);
      let row: SimulationRow;
      if (plc && cls && hasPlaces[si]) {
        const varies = h >= varyFrom[si]!;
        if (varies) cellCounts(col, plc, cls, k * D, band, wholeBand, counts);
        else countsAt(col, detPlaces[k]!, detClasses[k]!, band, wholeBand, counts);
        // With the same places P in every draw, the j-th smallest surplus is P − the (D − 1 − j)-th
        // smallest pupils (x ↦ P − x is non-increasing in floating point too): the pupils'
        // order statistics at the mirrored ranks give it without another selection.
        const mirror = finite && counts[2] === 1;
        const ranks = mirror ? mirrorRanks : plainRanks;
        const surplus = mirror ? undefined : quantilesOf(varies ? surplusOf(col, plc, k * D, sur) : surplusAt(col, detPlaces[k]!, sur), qs, selector);
        if (finite) selector.select(col, ranks, rankValues, mm);
        const pupils = finite ? fromRanks(D, qs, ranks, rankValues, NaN) : quantilesOf(col, qs, selector);
        const year = model.baseYear + h;
        const surplusQ = surplus ?? fromRanks(D, qs, ranks, rankValues, varies ? plc[k * D]! : detPlaces[k]!);
        // Two literals (no spread): one object per row.
        row =
          band !== undefined
            ? { area, stage: st.id, year, forecast: det[k]!, mean: sum / D, pupils, places: detPlaces[k]!, surplus: surplusQ, pShortfall: counts[0]! / D, pLargeClasses: counts[1]! / D }
            : { area, stage: st.id, year, forecast: det[k]!, mean: sum / D, pupils, places: detPlaces[k]!, surplus: surplusQ, pShortfall: counts[0]! / D };
      } else {
        if (finite) selector.select(col, plainRanks, rankValues, mm);
        row = {
          area,
          stage: st.id,
          year: model.baseYear + h,
          forecast: det[k]!,
          mean: sum / D,
          pupils: finite ? fromRanks(D, qs, plainRanks, rankValues, NaN) : quantilesOf(col, qs, selector),
        };
      }
      rows.push(row);
    }
  });
}

/** t[i n + j] = exp(e_i + e_j) for every pair of the n errors. */
function pairTable(e: Float64Array): Float64Array {
  const n = e.length;
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[i * n + j] = e[i]! + e[j]!;
  expInPlace(t, 0, t.length);
  return t;
}

/** exp of each value. */
function expAll(e: Float64Array): Float64Array {
  const x = Float64Array.from(e);
  expInPlace(x, 0, x.length);
  return x;
}

/** For each key, the index of its first appearance among the distinct keys (project ids → slots). */
function keyIndex(keys: readonly string[]): { index: Int32Array; count: number } {
  const seen = new Map<string, number>();
  const index = new Int32Array(keys.length);
  keys.forEach((k, i) => {
    let j = seen.get(k);
    if (j === undefined) seen.set(k, (j = seen.size));
    index[i] = j;
  });
  return { index, count: seen.size };
}

/** Stage sums of one projected path: target[si * H + h − 1] = Σ over the stage's grades of out[g * W + h], h = 1..H. */
function stageSums(out: Float64Array, W: number, H: number, stageGrades: readonly Int32Array[], target: Float64Array): void {
  for (let si = 0; si < stageGrades.length; si++) {
    const gs = stageGrades[si]!;
    for (let h = 1; h <= H; h++) {
      let s = 0;
      for (let j = 0; j < gs.length; j++) s += out[gs[j]! * W + h]!;
      target[si * H + h - 1] = s;
    }
  }
}

/** Draws simulated together in one block (value-major buffers of G × LANES values per year). */
const LANES = 128;



function sampleSd(x: readonly number[]): number {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let s = 0;
  for (const v of x) s += (v - m) * (v - m);
  return Math.sqrt(s / (x.length - 1));
}

/**
 * Centred one-step-ahead log errors of grade g of area a, in history-year order: for each history
 * year y with a ratio r_y and at least `minPrior` earlier ratios, e_y = ln(r_y / r̂_y) with r̂_y the
 * grade's method fitted to the earlier ratios, one year ahead; minus their mean.
 */
function ratioErrors(model: CohortModel, a: number, g: number, centre: boolean): Float64Array {
  const o = model.methods[a * model.cube.grades.length + g];
  if (!o) return new Float64Array(0);
  const G = model.cube.grades.length;
  const Y = model.cube.years.length;
  const series: number[] = [];
  for (let y = 0; y < Y; y++) {
    const r = model.ratioHistory[(a * G + g) * Y + y]!;
    if (Number.isFinite(r)) series.push(r);
  }
  const e = oneStepErrors(series, o, log);
  return centre ? centred(e) : Float64Array.from(e);
}

function centred(e: readonly number[]): Float64Array {
  if (e.length === 0) return new Float64Array(0);
  let m = 0;
  for (const v of e) m += v;
  m /= e.length;
  return Float64Array.from(e, (v) => v - m);
}

/** Longest error list kept as a table of exp(e_i + e_j) (64² values); longer lists use exp(e_i) · exp(e_j). */
const MAX_PAIR_TABLE = 64;

/** Fewest one-step errors of its own a grade needs; with fewer, errors pooled over areas are used. */
const MIN_OWN_ERRORS = 3;
