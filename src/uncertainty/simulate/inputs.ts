/**
 * The random inputs of `simulate`: the resampled ratio errors of each grade, the spread of
 * births, and per block of draws the uniforms, births paths and project delays each draw reads
 * from its own stream.
 */
import { oneStepErrors } from "../../cohort/methods.js";
import type { CohortModel } from "../../cohort/model.js";
import { expInPlace, log } from "../libm.js";
import { fnv1aDigits, type Xoshiro128 } from "../xoshiro.js";
import { estimateWeights, meanSquareScaled, ONE_STEP_WEIGHTS, type ErrorWeights } from "./errorModel.js";
import type { RatioErrorModel, Slip } from "./options.js";

/** Fewest one-step errors of its own a grade needs under `ratioErrors: "one-step"`; with fewer, errors pooled over areas are used. */
export const MIN_OWN_ERRORS = 3;

/**
 * Fewest one-step errors of its own a grade needs under `ratioErrors: "walk"` (the default); with
 * fewer, errors pooled over areas are used. Chosen by measurement (docs/accuracy.md, first round,
 * errors then scaled by √(n / (n − 1))): with 3 or 4 errors of its own, a grade's resampled
 * spread was too narrow for the 80% intervals to hold 75% of the actuals one year ahead on US
 * states. Measured again under `meanSquareScaled`: from 3 or 4, the Connecticut 95% interval
 * one year ahead holds 87.7% or 89.2% (docs/accuracy.md, second round).
 */
export const MIN_OWN_ERRORS_WALK = 5;

/** Longest error list kept as a table of exp(e_i + e_j) (64² values); longer lists use exp(e_i) · exp(e_j). */
export const MAX_PAIR_TABLE = 64;

/**
 * Centred one-step-ahead log errors of grade g of area a, in history-year order: for each history
 * year y with a ratio r_y and at least `minPrior` earlier ratios, e_y = ln(r_y / r̂_y) with r̂_y the
 * grade's method fitted to the earlier ratios, one year ahead; minus their mean when `centre`.
 */
export function ratioErrors(model: CohortModel, a: number, g: number, centre: boolean): Float64Array {
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

/** t[i n + j] = exp(λ e_i + ν e_j) for every pair of the n errors (λ = ν = 1: exp(e_i + e_j)). */
export function pairTable(e: Float64Array, level = 1, fresh = 1): Float64Array {
  const n = e.length;
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[i * n + j] = level * e[i]! + fresh * e[j]!;
  expInPlace(t, 0, t.length);
  return t;
}

/** exp(w e_i) of each value (w = 1: exp(e_i)). */
export function expAll(e: Float64Array, w = 1): Float64Array {
  const x = Float64Array.from(e, (v) => w * v);
  expInPlace(x, 0, x.length);
  return x;
}

function sampleSd(x: readonly number[]): number {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let s = 0;
  for (const v of x) s += (v - m) * (v - m);
  return Math.sqrt(s / (x.length - 1));
}

/**
 * What every area of one run shares and computes at most once: errors pooled over areas (per
 * grade and fill), the births spread σ of each births area, exp of the long error lists.
 */
export class SharedErrors {
  private readonly pooled = new Map<number, Float64Array>();
  private readonly sigmas = new Map<number, number>();
  private readonly exps = new Map<Float64Array, Map<number, Float64Array>>();
  private readonly pooledLists = new Set<Float64Array>();
  private fillWeights: ErrorWeights[] | undefined;
  constructor(
    private readonly model: CohortModel,
    private readonly errorModel: RatioErrorModel = "walk",
  ) {}

  /** The error weights of grades of fill f: estimated once per run (`estimateWeights`) for "walk", `ONE_STEP_WEIGHTS` for "one-step". */
  weightsOf(f: number): ErrorWeights {
    if (this.errorModel === "one-step") return ONE_STEP_WEIGHTS;
    this.fillWeights ??= estimateWeights(this.model);
    return this.fillWeights[f] ?? ONE_STEP_WEIGHTS;
  }

  /**
   * The errors of grade g of area a: its own when it has `MIN_OWN_ERRORS` ("one-step": centred) or
   * `MIN_OWN_ERRORS_WALK` ("walk": `meanSquareScaled`), else those pooled over the areas with the same fill.
   */
  errorsOf(a: number, g: number): Float64Array {
    if (this.errorModel === "one-step") {
      const own = ratioErrors(this.model, a, g, true);
      return own.length >= MIN_OWN_ERRORS ? own : this.pooledErrors(g, this.model.fill[a * this.model.cube.grades.length + g]!);
    }
    const own = ratioErrors(this.model, a, g, false);
    return own.length >= MIN_OWN_ERRORS_WALK ? meanSquareScaled(own) : this.pooledErrors(g, this.model.fill[a * this.model.cube.grades.length + g]!);
  }

  private pooledErrors(g: number, f: number): Float64Array {
    const key = g * 8 + f;
    let p = this.pooled.get(key);
    if (!p) {
      const { model } = this;
      const G = model.cube.grades.length;
      const all: number[] = [];
      for (let b = 0; b < model.cube.areas.length; b++) if (model.fill[b * G + g] === f) all.push(...ratioErrors(model, b, g, false));
      p = this.errorModel === "walk" ? meanSquareScaled(all) : centred(all);
      this.pooled.set(key, p);
      this.pooledLists.add(p);
    }
    return p;
  }

  /** σ of births area bi: the sd of the year-on-year log changes of its known births (0 with fewer than 2). */
  birthSigma(bi: number): number {
    let sigma = this.sigmas.get(bi);
    if (sigma === undefined) {
      const b = this.model.births;
      const ch: number[] = [];
      for (let y = 1; y < b.years; y++) {
        const p = b.data[bi * b.years + y - 1]!;
        const c = b.data[bi * b.years + y]!;
        if (p > 0 && c > 0) ch.push(log(c / p));
      }
      sigma = ch.length >= 2 ? sampleSd(ch) : 0;
      this.sigmas.set(bi, sigma);
    }
    return sigma;
  }

  /** The last year with known births of births area bi (−∞ for none). */
  lastKnownBirthYear(bi: number): number {
    const b = this.model.births;
    for (let y = b.years - 1; y >= 0; y--) if (Number.isFinite(b.data[bi * b.years + y]!)) return b.firstYear + y;
    return -Infinity;
  }

  /**
   * exp(w e_i) of an error list: of a pooled list (shared by the areas) computed once per list
   * and weight; of an area's own list computed each time (a cache entry per area and grade, in a
   * WeakMap, would never be read again and only add to the garbage collector's work).
   */
  expOf(e: Float64Array, w = 1): Float64Array {
    if (!this.pooledLists.has(e)) return expAll(e, w);
    let m = this.exps.get(e);
    if (!m) this.exps.set(e, (m = new Map()));
    let x = m.get(w);
    if (!x) m.set(w, (x = expAll(e, w)));
    return x;
  }
}

/** The random inputs of one area's blocks of draws (`drawBlock`). */
export interface BlockDraws {
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
  /** u_P of each draw of the block. */
  readonly uP: Float64Array;
  /** u_h of each year and draw, [(h − 1) B + l]. */
  readonly U: Float64Array;
  /** w_h (the random walk's step) of each year and draw, [(h − 1) B + l]; drawn only when `walk`. */
  readonly UW: Float64Array;
  /** Whether any grade's ratio errors have a random-walk part (`ErrorWeights.walk` > 0). */
  readonly walk: boolean;
  /** exp(σ Sₖ) of each year past the known births and draw, [k B + l]. */
  readonly growth: Float64Array;
  /** Scratch for one draw's births normals z[1 … kMax]. */
  readonly z: Float64Array;
  /** Delay in years of each housing project and draw, [j B + l]. */
  readonly slipH: Int32Array;
  /** Delay in years of each planned project and draw, [j B + l]. */
  readonly slipP: Int32Array;
  readonly hCount: number;
  readonly pCount: number;
  readonly ratios: boolean;
  readonly housing: boolean;
  readonly places: boolean;
  readonly housingSlip: Slip;
  readonly placesSlip: Slip;
}

/** A geometric delay, capped: one more year with probability p, up to `maxYears`. */
export function slipYears(r: Xoshiro128, s: Slip): number {
  let k = 0;
  while (k < s.maxYears && r.below(s.probability)) k++;
  return k;
}

/**
 * Random numbers of draws d0 … d0 + n − 1, each from its own stream (`rng(seed, "area␀<id>␀<d>")`)
 * in this order: u_P and one uniform per year for the ratio errors (when ratios are a source),
 * then, when the errors have a random-walk part, one uniform per year for its steps, then one delay per housing project and per planned project; births from the births area's
 * stream: growth[k B + l] = exp(σ (z₁ + … + z_k)).
 */
export function drawBlock(r: BlockDraws, d0: number, n: number): void {
  const { H, B, uP, U, growth, slipH, slipP, kMax, sigma, z } = r;
  for (let l = 0; l < n; l++) {
    const g = r.gen.reseed(r.seed32 ^ fnv1aDigits(r.areaKey, d0 + l));
    if (r.ratios) {
      g.fillUniform(uP, l, 1, 1);
      g.fillUniform(U, l, B, H);
      if (r.walk) g.fillUniform(r.UW, l, B, H);
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
