/**
 * The school-level forecast kernel: dense typed arrays in, dense typed arrays out. The façade
 * (`forecastSchools`) builds a `SchoolPanel` from a Dataset and an area forecast; benchmarks and
 * backtests build panels directly. Kernels trust their input.
 */

import { feederIntake, fitFeeders, type FeederFit, type FeederLink } from "./feeders.js";

/**
 * School history, the grades each school teaches in every year, and the area totals the schools
 * reconcile to (history and forecast).
 *
 * Layout: S schools, G grades (system order), Y history years `firstYear..baseYear`, H forecast
 * years `baseYear+1..to`, T = Y + H. `areaOf[s]` is the index of school s's area in `areas`.
 */
export interface SchoolPanel {
  readonly schools: readonly string[];
  readonly areas: readonly string[];
  readonly areaOf: Int32Array;
  readonly grades: readonly string[];
  readonly firstYear: number;
  readonly baseYear: number;
  readonly to: number;
  /** `pupils[(s * G + g) * Y + y]`: history; NaN where missing or not taught. */
  readonly pupils: Float64Array;
  /** `offered[(s * G + g) * T + t]`: 1 where school s teaches grade g in year firstYear + t. */
  readonly offered: Uint8Array;
  /** `areaPupils[(a * G + g) * T + t]`: the area's pupils (history, then its forecast); NaN where unknown. */
  readonly areaPupils: Float64Array;
  /** A feeder map (school indices): whose leavers go on to whose entry grade (`SchoolModelOptions.intake`). */
  readonly feeders?: readonly FeederLink[];
}

/** Options of the school-level model; every field has a documented default. */
export interface SchoolModelOptions {
  /**
   * Shrinkage constant κ of within-school progression ratios toward the area's pooled ratio:
   * r = (n · r_school + κ · r_area) / (n + κ), n the pupils behind the school's ratio, so the
   * school's own ratio has weight n / (n + κ). `"estimate"` chooses κ from `SHRINKAGE_GRID` by
   * one-year-ahead rolling origins inside the history (`chooseShrinkage`).
   * @defaultValue "estimate"
   */
  readonly shrinkage?: number | "estimate";
  /** History years (transitions) behind each ratio. @defaultValue 3 */
  readonly ratioYears?: number;
  /** Years averaged for the level of an intake share. @defaultValue 3 */
  readonly shareYears?: number;
  /** Years behind the trend of an intake share (a least-squares slope; none with fewer than 3). @defaultValue 5 */
  readonly trendYears?: number;
  /** Damping φ of the share trend: the share h years ahead is level + slope · (φ + φ² + … + φ^h). 0 turns trends off. @defaultValue 0.5 */
  readonly damping?: number;
  /** Reconcile schools to their area's forecast each year. @defaultValue true */
  readonly reconcile?: boolean;
  /**
   * Weight w of the cohort forecast in each school's total against **share persistence** (the
   * school's share of its area's pupils in the base year held, times the area's forecast):
   * total = w · cohort + (1 − w) · share persistence, for schools teaching the same grades as in
   * the base year (others keep the cohort forecast). 1 turns the combination off. The equal
   * weight follows the finding that simple averages of forecasts are hard to beat (Clemen 1989,
   * "Combining forecasts: a review", Int. J. Forecasting 5(4)); the Atlanta backtest in
   * docs/schools.md measures it. A list gives w per horizon (h = 1, 2, …; the last holds beyond);
   * `"estimate"` chooses w per horizon from `BLEND_GRID` by rolling origins inside the history
   * (`chooseBlend`).
   * @defaultValue 0.5
   */
  readonly blend?: number | readonly number[] | "estimate";
  /**
   * Intake into a grade a school starts above the system's first (a middle school's grade 6):
   * `"share"`, its share of the area's pupils in that grade (as every intake); `"map"`, from the
   * last grade of the schools that feed it by the panel's feeder map the year before
   * (`fitFeeders`), the share rule for schools the map does not name; `"feeder"`, the same with
   * weights learned from the data for schools the map does not name; the share rule where
   * neither applies. The Atlanta backtest in docs/schools.md measures them.
   * @defaultValue "map" (the same as "share" without a feeder map)
   */
  readonly intake?: "share" | "map" | "feeder";
  /** History years of intake behind feeder weights. @defaultValue 6 */
  readonly feederYears?: number;
  /** Ridge penalty λ of learned feeder weights toward a common rate (`fitFeeders`); Infinity for the common rate alone. @defaultValue 1 */
  readonly feederPenalty?: number;
}

/** Options with defaults filled in. */
export interface ResolvedSchoolModelOptions {
  readonly shrinkage: number | "estimate";
  readonly ratioYears: number;
  readonly shareYears: number;
  readonly trendYears: number;
  readonly damping: number;
  readonly reconcile: boolean;
  readonly blend: number | readonly number[] | "estimate";
  readonly intake: "share" | "map" | "feeder";
  readonly feederYears: number;
  readonly feederPenalty: number;
}

/**
 * Fills in the defaults of `SchoolModelOptions` and checks ranges.
 *
 * @throws RangeError when a value is out of range (years < 1, damping outside [0, 1], shrinkage < 0)
 * @example
 * ```ts
 * resolveSchoolOptions({}).ratioYears // 3
 * ```
 */
export function resolveSchoolOptions(o: SchoolModelOptions = {}): ResolvedSchoolModelOptions {
  const r = {
    shrinkage: o.shrinkage ?? "estimate",
    ratioYears: o.ratioYears ?? 3,
    shareYears: o.shareYears ?? 3,
    trendYears: o.trendYears ?? 5,
    damping: o.damping ?? 0.5,
    reconcile: o.reconcile ?? true,
    blend: o.blend ?? 0.5,
    intake: o.intake ?? "map",
    feederYears: o.feederYears ?? 6,
    feederPenalty: o.feederPenalty ?? 1,
  } as const;
  const bad: string[] = [];
  if (r.intake !== "share" && r.intake !== "map" && r.intake !== "feeder") bad.push(`intake must be "share", "map" or "feeder", got ${String(r.intake)}`);
  if (!(r.feederPenalty >= 0)) bad.push(`feederPenalty must be ≥ 0 (Infinity allowed), got ${r.feederPenalty}`);
  for (const k of ["ratioYears", "shareYears", "trendYears", "feederYears"] as const) if (!Number.isInteger(r[k]) || r[k] < 1) bad.push(`${k} must be an integer ≥ 1, got ${r[k]}`);
  if (r.blend !== "estimate" && !(typeof r.blend === "number" ? [r.blend] : r.blend).every((w) => w >= 0 && w <= 1)) bad.push(`blend must be "estimate" or weights in [0, 1], got ${String(r.blend)}`);
  if (Array.isArray(r.blend) && r.blend.length === 0) bad.push("blend must not be an empty list");
  if (!(r.damping >= 0 && r.damping <= 1)) bad.push(`damping must be in [0, 1], got ${r.damping}`);
  if (r.shrinkage !== "estimate" && !(Number.isFinite(r.shrinkage) && r.shrinkage >= 0)) bad.push(`shrinkage must be "estimate" or a finite number ≥ 0, got ${String(r.shrinkage)}`);
  if (bad.length) throw new RangeError(`school model options: ${bad.join("; ")}`);
  return r;
}

/** The fitted parameters of a panel. */
export interface SchoolFit {
  /** κ used (estimated or given). */
  readonly shrinkage: number;
  /** `ratio[s * G + g]`: the pooled progression ratio into grade g (g ≥ 1); NaN where the school has no grade below. */
  readonly ratio: Float64Array;
  /** `weight[s * G + g]`: the school's own weight n / (n + κ) in `ratio` (0 where it has no history). */
  readonly weight: Float64Array;
  /** `shareLevel[s * G + g]`: the school's share of its area's pupils in grade g (mean of the last `shareYears`); NaN where it has none. */
  readonly shareLevel: Float64Array;
  /** `shareTrend[s * G + g]`: the share's yearly slope (0 without a trend). */
  readonly shareTrend: Float64Array;
  /** Combination weights chosen per horizon (`blend: "estimate"`, `chooseBlend`; index h − 1, the last holds beyond); absent otherwise. */
  readonly blend?: readonly number[];
  /** Feeder weights (`intake: "map"` or `"feeder"`); absent otherwise. */
  readonly feeders?: FeederFit;
}

/** Kernel output: reconciled and raw forecasts, W = H + 1 columns per (school, grade); column 0 is the base year. */
export interface SchoolProjection {
  /** `pupils[(s * G + g) * W + h]`, reconciled (when `reconcile`); 0 where not taught. */
  readonly pupils: Float64Array;
  /** The same before reconciliation in each year (given the previous year's reconciled pupils). */
  readonly raw: Float64Array;
  /** `unallocated[(a * G + g) * W + h]`: area pupils that no school of the area teaches (target with no school). */
  readonly unallocated: Float64Array;
  /** `newSchool[s * G + g]`: 1 where an intake share came from the new-school rule (no history of its own). */
  readonly newShare: Uint8Array;
}

/**
 * Fits a school panel: progression ratios pooled toward the area (partial pooling by size) and
 * intake shares with damped trends.
 *
 * Formulas, for school s, grade g ≥ 1, over the last `ratioYears` history transitions y−1 → y
 * where the school teaches g−1 and g and both counts are known:
 * - own ratio r_s = Σ P[s,g,y] / Σ P[s,g−1,y−1], n_s = Σ P[s,g−1,y−1];
 * - area ratio r_a = the same sums over every school of the area (over all areas when the area has none; 1 when none has any);
 * - pooled r = (n_s · r_s + κ · r_a) / (n_s + κ).
 * κ (`"estimate"`): `chooseShrinkage`.
 * Intake shares: s_y = P[s,g,y] / A[a,g,y]; level = mean of the last `shareYears`; slope =
 * least-squares slope of the last `trendYears` (0 with fewer than 3 points).
 *
 * @param panel - the school panel
 * @param options - model options (`resolveSchoolOptions`)
 * @example
 * ```ts
 * const fit = fitSchoolPanel(panel, resolveSchoolOptions({ shrinkage: 200 }));
 * ```
 */
export function fitSchoolPanel(panel: SchoolPanel, options: ResolvedSchoolModelOptions): SchoolFit {
  const S = panel.schools.length;
  const G = panel.grades.length;
  const A = panel.areas.length;
  const Y = panel.baseYear - panel.firstYear + 1;
  const T = Y + (panel.to - panel.baseYear);
  const { pupils, offered, areaOf, areaPupils } = panel;
  const ky = Math.min(options.ratioYears, Y - 1);
  const y0 = Y - ky;
  // Own sums per (s, g) and pooled sums per (a, g) and per g.
  const num = new Float64Array(S * G);
  const den = new Float64Array(S * G);
  const cnt = new Uint16Array(S * G);
  const aNum = new Float64Array(A * G);
  const aDen = new Float64Array(A * G);
  const gNum = new Float64Array(G);
  const gDen = new Float64Array(G);
  for (let s = 0; s < S; s++) {
    const a = areaOf[s]!;
    for (let g = 1; g < G; g++) {
      const base = (s * G + g) * Y;
      const below = (s * G + g - 1) * Y;
      for (let y = Math.max(1, y0); y < Y; y++) {
        if (!offered[(s * G + g) * T + y] || !offered[(s * G + g - 1) * T + y - 1]) continue;
        const p = pupils[base + y]!;
        const q = pupils[below + y - 1]!;
        if (!(p === p) || !(q > 0)) continue;
        num[s * G + g]! += p;
        den[s * G + g]! += q;
        cnt[s * G + g]!++;
        aNum[a * G + g]! += p;
        aDen[a * G + g]! += q;
        gNum[g]! += p;
        gDen[g]! += q;
      }
    }
  }
  const prior = (s: number, g: number): number => {
    const a = areaOf[s]!;
    if (aDen[a * G + g]! > 0) return aNum[a * G + g]! / aDen[a * G + g]!;
    if (gDen[g]! > 0) return gNum[g]! / gDen[g]!;
    return 1;
  };
  let kappa = typeof options.shrinkage === "number" ? options.shrinkage : chooseShrinkage(panel, options);
  if (!(kappa >= 0)) kappa = 0;
  const ratio = new Float64Array(S * G).fill(NaN);
  const weight = new Float64Array(S * G);
  const shareLevel = new Float64Array(S * G).fill(NaN);
  const shareTrend = new Float64Array(S * G);
  const ks = Math.min(options.shareYears, Y);
  const kt = Math.min(options.trendYears, Y);
  const xs = new Float64Array(Y);
  const vs = new Float64Array(Y);
  for (let s = 0; s < S; s++) {
    const a = areaOf[s]!;
    for (let g = 0; g < G; g++) {
      const i = s * G + g;
      if (g > 0) {
        const n = den[i]!;
        const r0 = prior(s, g);
        const w = n > 0 ? n / (n + kappa) : 0;
        ratio[i] = n > 0 ? w * (num[i]! / n) + (1 - w) * r0 : r0;
        weight[i] = w;
      }
      // Shares over the history years the school teaches g with a known count and a positive area total.
      let m = 0;
      for (let y = Y - 1; y >= 0 && m < kt; y--) {
        if (!offered[i * T + y]) continue;
        const p = pupils[i * Y + y]!;
        const at = areaPupils[(a * G + g) * T + y]!;
        if (!(p === p) || !(at > 0)) continue;
        xs[m] = y;
        vs[m] = p / at;
        m++;
      }
      if (m === 0) continue;
      let lv = 0;
      const ml = Math.min(m, ks);
      for (let j = 0; j < ml; j++) lv += vs[j]!;
      shareLevel[i] = lv / ml;
      if (m >= 3) {
        let mx = 0;
        let mv = 0;
        for (let j = 0; j < m; j++) {
          mx += xs[j]!;
          mv += vs[j]!;
        }
        mx /= m;
        mv /= m;
        let sxy = 0;
        let sxx = 0;
        for (let j = 0; j < m; j++) {
          sxy += (xs[j]! - mx) * (vs[j]! - mv);
          sxx += (xs[j]! - mx) ** 2;
        }
        shareTrend[i] = sxx > 0 ? sxy / sxx : 0;
      }
    }
  }
  let fit: SchoolFit = { shrinkage: kappa, ratio, weight, shareLevel, shareTrend };
  if (options.blend === "estimate") fit = { ...fit, blend: chooseBlend(panel, { ...options, shrinkage: kappa }) };
  return options.intake === "share" ? fit : { ...fit, feeders: fitFeeders(panel, options.feederYears, options.feederPenalty, options.intake === "feeder") };
}

/** The values of κ `chooseShrinkage` tries, in pupils (0: own ratios only; 1e6: the area's ratio). */
export const SHRINKAGE_GRID: readonly number[] = Object.freeze([0, 30, 100, 300, 1000, 3000, 10000, 1e6]);

/**
 * Chooses the shrinkage κ by cross-validation inside the history: for every origin o with at
 * least 2 years before it and a year after it, the panel is cut at o, the area's actual pupils of
 * o + 1 are the target, and the model (with `options`, κ from `SHRINKAGE_GRID`) forecasts o + 1;
 * the κ with the smallest mean absolute percentage error of school totals (schools teaching the
 * same grades at o and o + 1, actual total ≥ 20) wins; the smallest κ on ties; 1000 when the
 * history is too short to score any. Choosing κ by out-of-sample error is the empirical-Bayes
 * choice of the prior's strength made by prediction rather than by moments (Efron & Morris 1975
 * estimate it by moments; with pupils moving between schools the within-school variance is not
 * binomial, and the moments gave κ ≈ 1 on the Atlanta data, i.e. no pooling).
 *
 * @example
 * ```ts
 * const kappa = chooseShrinkage(panel, resolveSchoolOptions());
 * ```
 */
export function chooseShrinkage(panel: SchoolPanel, options: ResolvedSchoolModelOptions): number {
  const S = panel.schools.length;
  const G = panel.grades.length;
  const Y = panel.baseYear - panel.firstYear + 1;
  const T = Y + (panel.to - panel.baseYear);
  let best = 1000;
  let bestErr = Infinity;
  for (const kappa of SHRINKAGE_GRID) {
    let err = 0;
    let n = 0;
    const o2 = { ...options, shrinkage: kappa };
    for (let o = 2; o < Y - 1; o++) {
      const sub = cutPanel(panel, o + 1, 1);
      const proj = projectSchoolPanel(sub, fitSchoolPanel(sub, o2), o2);
      for (let s = 0; s < S; s++) {
        let actual = 0;
        let f = 0;
        let same = true;
        let any = false;
        for (let g = 0; g < G; g++) {
          const i = s * G + g;
          const b = panel.offered[i * T + o]!;
          const x = panel.offered[i * T + o + 1]!;
          if (b !== x) same = false;
          if (!x) continue;
          any = true;
          actual += panel.pupils[i * Y + o + 1]!;
          f += proj.pupils[i * 2 + 1]!;
        }
        if (!same || !any || !(actual >= 20)) continue;
        err += Math.abs(f - actual) / actual;
        n++;
      }
    }
    if (n > 0 && err / n < bestErr) {
      bestErr = err / n;
      best = kappa;
    }
  }
  return best;
}

/**
 * Projects a fitted panel year by year and reconciles each area's schools to its forecast.
 *
 * For year t = base + h and school s teaching grade g in t:
 * - **progression** (s taught g − 1 in t − 1): P[s,g,t] = P[s,g−1,t−1] · r[s,g];
 * - **intake** (g is the school's first grade in t, or it did not teach g − 1 in t − 1, or that
 *   count is missing): P[s,g,t] = max(0, level + slope · (φ + … + φ^h)) · A[a,g,t];
 *   a school with no share of its own (a new school or grade) takes the **new-school rule**: the
 *   share of an average school of its area in that grade, 1 / (schools of the area teaching g in t);
 * - **reconciliation**: the schools of area a teaching g in t are scaled by one factor so they sum
 *   to the target c[a,g] · A[a,g,t], where c[a,g] = Σ_s P[s,g,base] / A[a,g,base] is the share of
 *   the area's pupils its listed schools hold in the base year (1 when unknown); when the raw sum
 *   is 0 the target is spread evenly over those schools; area pupils no school teaches are
 *   `unallocated`;
 * - **combination** (`blend` w < 1): each school's total is then w · cohort + (1 − w) · share
 *   persistence (its base-year share of the area's pupils times the area's total), its grades
 *   scaled alike, for schools teaching the same grades as in the base year; each (area, grade) is
 *   rescaled to its target again. The cohort path (not the combination) carries to the next year.
 * A school that does not teach g in t has 0 pupils (a closed school has 0 from its closing year).
 * Scaling every count and area total by c > 0 scales the output by c (scale equivariance, given
 * κ estimated or scaled with the data).
 *
 * @example
 * ```ts
 * const out = projectSchoolPanel(panel, fitSchoolPanel(panel, resolveSchoolOptions()), resolveSchoolOptions());
 * ```
 */
export function projectSchoolPanel(panel: SchoolPanel, fit: SchoolFit, options: ResolvedSchoolModelOptions): SchoolProjection {
  const S = panel.schools.length;
  const G = panel.grades.length;
  const A = panel.areas.length;
  const Y = panel.baseYear - panel.firstYear + 1;
  const H = panel.to - panel.baseYear;
  const T = Y + H;
  const W = H + 1;
  const { pupils: hist, offered, areaOf, areaPupils } = panel;
  const out = new Float64Array(S * G * W);
  const raw = new Float64Array(S * G * W);
  const unallocated = new Float64Array(A * G * W);
  const newShare = new Uint8Array(S * G);
  // Coverage per (a, g) at the base year.
  const cover = new Float64Array(A * G).fill(1);
  {
    const sum = new Float64Array(A * G);
    const ok = new Uint8Array(A * G).fill(1);
    for (let s = 0; s < S; s++) {
      const a = areaOf[s]!;
      for (let g = 0; g < G; g++) {
        if (!offered[(s * G + g) * T + Y - 1]) continue;
        const v = hist[(s * G + g) * Y + Y - 1]!;
        if (v === v) sum[a * G + g]! += v;
        else ok[a * G + g] = 0;
      }
    }
    for (let k = 0; k < A * G; k++) {
      const at = areaPupils[k * T + Y - 1]!;
      if (ok[k] && at > 0 && sum[k]! > 0) cover[k] = sum[k]! / at;
    }
  }
  for (let s = 0; s < S; s++) {
    for (let g = 0; g < G; g++) {
      const v = hist[(s * G + g) * Y + Y - 1]!;
      const val = offered[(s * G + g) * T + Y - 1] ? v : 0;
      out[(s * G + g) * W] = val;
      raw[(s * G + g) * W] = val;
    }
  }
  const nOffer = new Float64Array(A * G);
  const rawSum = new Float64Array(A * G);
  const damp = options.damping;
  for (let h = 1; h <= H; h++) {
    const t = Y - 1 + h;
    let dsum = 0;
    for (let i = 1, p = damp; i <= h; i++, p *= damp) dsum += p;
    nOffer.fill(0);
    for (let s = 0; s < S; s++) {
      const a = areaOf[s]!;
      for (let g = 0; g < G; g++) if (offered[(s * G + g) * T + t]) nOffer[a * G + g]!++;
    }
    rawSum.fill(0);
    for (let s = 0; s < S; s++) {
      const a = areaOf[s]!;
      for (let g = 0; g < G; g++) {
        const i = s * G + g;
        if (!offered[i * T + t]) continue;
        let v: number;
        const below = g > 0 && offered[(i - 1) * T + t - 1] ? out[(i - 1) * W + h - 1]! : NaN;
        const fed = below === below || !fit.feeders ? NaN : feederIntake(fit.feeders, panel, i, t, (e, ge) => out[(e * G + ge) * W + h - 1]!);
        if (below === below) {
          v = below * fit.ratio[i]!;
        } else if (fed === fed) {
          v = fed;
        } else {
          const target = areaPupils[(a * G + g) * T + t]!;
          let share = fit.shareLevel[i]!;
          if (share === share) share = Math.max(0, share + fit.shareTrend[i]! * dsum);
          else {
            share = 1 / nOffer[a * G + g]!;
            newShare[i] = 1;
          }
          v = target > 0 ? share * target * cover[a * G + g]! : 0;
        }
        raw[i * W + h] = v;
        out[i * W + h] = v;
        rawSum[a * G + g]! += v;
      }
    }
    if (!options.reconcile) continue;
    for (let k = 0; k < A * G; k++) {
      const target = areaPupils[k * T + t]! * cover[k]!;
      if (!(target >= 0)) continue;
      if (nOffer[k] === 0) {
        unallocated[k * W + h] = target;
      }
    }
    for (let s = 0; s < S; s++) {
      const a = areaOf[s]!;
      for (let g = 0; g < G; g++) {
        const i = s * G + g;
        if (!offered[i * T + t]) continue;
        const k = a * G + g;
        const target = areaPupils[k * T + t]! * cover[k]!;
        if (!(target >= 0)) continue;
        const r = rawSum[k]!;
        out[i * W + h] = r > 0 ? (out[i * W + h]! * target) / r : target / nOffer[k]!;
      }
    }
  }
  const ws = blendWeights(options.blend, fit.blend, H);
  if (!options.reconcile || H === 0 || ws.every((w) => w >= 1)) return { pupils: out, raw, unallocated, newShare };
  return { pupils: blendShares(panel, out, cover, ws), raw, unallocated, newShare };
}

/** The combination weight of each horizon 1…H (index h − 1) from the option (a number, a list whose last holds beyond, or the estimate in the fit; 0.5 when none was estimated). */
function blendWeights(blend: ResolvedSchoolModelOptions["blend"], fitted: readonly number[] | undefined, H: number): number[] {
  const list = blend === "estimate" ? (fitted && fitted.length ? fitted : [0.5]) : typeof blend === "number" ? [blend] : blend;
  return Array.from({ length: H }, (_, h) => list[Math.min(h, list.length - 1)]!);
}

/** The weights `chooseBlend` tries. */
export const BLEND_GRID: readonly number[] = Object.freeze([0, 0.25, 0.5, 0.75, 1]);

/**
 * Chooses the combination weight w of each horizon by rolling origins inside the history: for
 * every origin o with at least 2 years before it, the panel is cut at o with the area's actual
 * pupils as targets, fitted once (κ of `options`, a number), and projected with each w of
 * `BLEND_GRID`; for each horizon h the w with the smallest mean absolute percentage error of
 * school totals (schools teaching the same grades at o and o + h, actual total ≥ 20) wins, the
 * larger w on ties. Horizons the history cannot score take the last scored one's; none scored
 * gives [0.5].
 *
 * @example
 * ```ts
 * const ws = chooseBlend(panel, resolveSchoolOptions({ shrinkage: 1000 })); // e.g. [0.5, 0.25, 0.25]
 * ```
 */
export function chooseBlend(panel: SchoolPanel, options: ResolvedSchoolModelOptions): number[] {
  const S = panel.schools.length;
  const G = panel.grades.length;
  const Y = panel.baseYear - panel.firstYear + 1;
  const T = Y + (panel.to - panel.baseYear);
  const K = BLEND_GRID.length;
  const err: number[][] = [];
  const cnt: number[] = [];
  for (let o = 2; o < Y - 1; o++) {
    const H = Y - 1 - o;
    const sub = cutPanel(panel, o + 1, H);
    const base = { ...options, blend: 1 };
    const fit = fitSchoolPanel(sub, base);
    for (let j = 0; j < K; j++) {
      const proj = projectSchoolPanel(sub, fit, { ...options, blend: BLEND_GRID[j]! });
      for (let h = 1; h <= H; h++) {
        for (let s = 0; s < S; s++) {
          let actual = 0;
          let f = 0;
          let same = true;
          let any = false;
          for (let g = 0; g < G; g++) {
            const i = s * G + g;
            const b = panel.offered[i * T + o]!;
            const x = panel.offered[i * T + o + h]!;
            if (b !== x) same = false;
            if (!x) continue;
            any = true;
            actual += panel.pupils[i * Y + o + h]!;
            f += proj.pupils[i * (H + 1) + h]!;
          }
          if (!same || !any || !(actual >= 20)) continue;
          (err[h - 1] ??= new Array<number>(K).fill(0))[j]! += Math.abs(f - actual) / actual;
          if (j === 0) cnt[h - 1] = (cnt[h - 1] ?? 0) + 1;
        }
      }
    }
  }
  const out: number[] = [];
  for (let h = 0; h < err.length; h++) {
    if (!cnt[h]) break;
    let best = 0;
    for (let j = 1; j < K; j++) if (err[h]![j]! <= err[h]![best]!) best = j;
    out.push(BLEND_GRID[best]!);
  }
  return out.length ? out : [0.5];
}

/**
 * The combination step of `projectSchoolPanel`: each school's total becomes
 * w · C + (1 − w) · (P_base / A_base) · A_t (C its cohort total, P_base its base-year total, A the
 * area's total over grades), its grades scaled alike, for schools teaching the same grades in t as
 * in the base year with a known base total; then each (area, grade) is scaled once more to its
 * target c · A[a,g,t] so that schools still sum to the area in every grade.
 */
function blendShares(panel: SchoolPanel, cohort: Float64Array, cover: Float64Array, ws: readonly number[]): Float64Array {
  const S = panel.schools.length;
  const G = panel.grades.length;
  const A = panel.areas.length;
  const Y = panel.baseYear - panel.firstYear + 1;
  const H = panel.to - panel.baseYear;
  const T = Y + H;
  const W = H + 1;
  const { offered, areaOf, areaPupils } = panel;
  const out = cohort.slice();
  const areaTot = new Float64Array(A * W);
  for (let a = 0; a < A; a++) {
    for (let h = 0; h <= H; h++) {
      let sum = 0;
      for (let g = 0; g < G; g++) {
        const v = areaPupils[(a * G + g) * T + Y - 1 + h]!;
        if (v === v) sum += v;
      }
      areaTot[a * W + h] = sum;
    }
  }
  const sum = new Float64Array(A * G);
  for (let h = 1; h <= H; h++) {
    const t = Y - 1 + h;
    const w = ws[h - 1]!;
    if (w >= 1) continue;
    for (let s = 0; s < S; s++) {
      const a = areaOf[s]!;
      const a0 = areaTot[a * W]!;
      if (!(a0 > 0)) continue;
      let same = true;
      let base = 0;
      let c = 0;
      for (let g = 0; g < G; g++) {
        const i = s * G + g;
        if (offered[i * T + Y - 1] !== offered[i * T + t]) same = false;
        base += cohort[i * W]!;
        c += cohort[i * W + h]!;
      }
      if (!same || !(base > 0) || !(c > 0)) continue;
      const f = (w * c + ((1 - w) * base * areaTot[a * W + h]!) / a0) / c;
      for (let g = 0; g < G; g++) out[(s * G + g) * W + h]! *= f;
    }
    sum.fill(0);
    for (let s = 0; s < S; s++) for (let g = 0; g < G; g++) if (offered[(s * G + g) * T + t]) sum[areaOf[s]! * G + g]! += out[(s * G + g) * W + h]!;
    for (let s = 0; s < S; s++) {
      const a = areaOf[s]!;
      for (let g = 0; g < G; g++) {
        const k = a * G + g;
        const target = areaPupils[k * T + t]! * cover[k]!;
        if (!offered[(s * G + g) * T + t] || !(target >= 0) || !(sum[k]! > 0)) continue;
        out[(s * G + g) * W + h] = (out[(s * G + g) * W + h]! * target) / sum[k]!;
      }
    }
  }
  return out;
}

/**
 * A panel cut at history index Yo − 1 (its base year) with H forecast years; the area targets of
 * the forecast years are copied from the panel where it has them (history years) and NaN beyond.
 */
export function cutPanel(panel: SchoolPanel, Yo: number, H: number): SchoolPanel {
  const S = panel.schools.length;
  const G = panel.grades.length;
  const A = panel.areas.length;
  const Y = panel.baseYear - panel.firstYear + 1;
  const T = Y + (panel.to - panel.baseYear);
  const To = Yo + H;
  const pupils = new Float64Array(S * G * Yo);
  const offered = new Uint8Array(S * G * To);
  for (let k = 0; k < S * G; k++) {
    pupils.set(panel.pupils.subarray(k * Y, k * Y + Yo), k * Yo);
    offered.set(panel.offered.subarray(k * T, k * T + To), k * To);
  }
  const areaPupils = new Float64Array(A * G * To).fill(NaN);
  for (let k = 0; k < A * G; k++) areaPupils.set(panel.areaPupils.subarray(k * T, k * T + Math.min(To, T)), k * To);
  return { ...panel, baseYear: panel.firstYear + Yo - 1, to: panel.firstYear + Yo - 1 + H, pupils, offered, areaPupils };
}

/**
 * Whether school s teaches any grade at year index t of the panel (0 = its first history year):
 * false before it opens, from its closing year, and in years no grade span covers.
 *
 * @example
 * ```ts
 * teachesIn(panel, 0, panel.baseYear - panel.firstYear) // the first school teaches in the base year
 * ```
 */
export function teachesIn(panel: Pick<SchoolPanel, "grades" | "offered" | "firstYear" | "to">, s: number, t: number): boolean {
  const G = panel.grades.length;
  const T = panel.to - panel.firstYear + 1;
  for (let g = 0; g < G; g++) if (panel.offered[(s * G + g) * T + t]) return true;
  return false;
}
