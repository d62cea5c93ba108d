import type { HousingRecord } from "../data/records/housing.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import { sourced, type Sourced } from "../domain/sourced.js";
import type { CohortModel } from "../cohort/model.js";
import { Fill } from "../cohort/project.js";
import { indexSystem } from "../domain/systemIndex.js";
import { addArrivals } from "./kernel.js";
import { gradeYields, type YieldTable } from "./yield.js";

/**
 * The decision rule of `housingEvidence`. The history shows the housing pupils (`seen`) when the
 * estimated share β̂ of the yield table's pupils seen in the ratios is at least `share` and above
 * 0 by more than `z` standard errors; it shows they did not come (`not-seen`) when β̂ is below
 * `share` and below 1 by more than `z` standard errors; otherwise it cannot tell (`undecided`).
 */
export interface EvidenceRule {
  /** Least share β̂ (of the pupils the yield table predicts) that counts as seen. */
  readonly share: Sourced<number>;
  /** Standard errors by which β̂ must exceed 0. */
  readonly z: Sourced<number>;
}

/**
 * The default rule: β̂ ≥ 0.5 and β̂ − 1.96 · se > 0.
 *
 * - 0.5 is the midpoint between the two hypotheses the test tells apart, "none of the predicted
 *   pupils arrived" (β = 0) and "the yield table's pupils arrived" (β = 1): β̂ is classed with the
 *   nearer one. A decision rule, not a measured figure.
 * - 1.96 is the two-sided 95% point of the normal distribution (a one-sided test at 2.5%): an
 *   estimate that cannot be told from 0 is not taken as seen, however large, so noise in a short
 *   history does not start a subtraction; one that cannot be told from 1 is not taken as not seen.
 *
 * @example
 * ```ts
 * forecastWithHousing(model, { to: 2030, remedy: "evidence", evidence: { ...defaultEvidenceRule, share: sourced(0.7, "local study") } })
 * ```
 */
export const defaultEvidenceRule: EvidenceRule = Object.freeze({
  share: sourced(0.5, "decision rule: midpoint between the hypotheses β = 0 (no predicted housing pupil in the history) and β = 1 (all of them)"),
  z: sourced(1.96, "two-sided 95% point of the standard normal distribution (one-sided test at 2.5%)"),
});

/** What the history of an area says about the pupils of its past completions. */
export type EvidenceFinding = "seen" | "not-seen" | "undecided" | "not-identified";

/** The test of one area (see `housingEvidence`). */
export interface HousingEvidence {
  readonly area: string;
  /**
   * `seen`: the ratios rose with the predicted housing arrivals (β̂ passes the rule);
   * `not-seen`: they did not (β̂ is clearly below 1 and below the rule's share); `undecided`: β̂
   * is too uncertain for either; `not-identified`: the history has nothing to test (no past
   * completion whose pupils fall in the history, arrivals that move only with the grade means and
   * the trend, or too few ratios).
   */
  readonly finding: EvidenceFinding;
  /** β̂: estimated share of the yield table's predicted arrivals seen in the ratios; NaN when not identified. */
  readonly share: number;
  /** Standard error of β̂ (OLS); NaN when not identified. */
  readonly standardError: number;
  /** Historical ratios used. */
  readonly observations: number;
}

/**
 * Tests, per area, whether the enrolment history shows the pupils of the area's past completions
 * (housing records first occupied by the base year), against the area's own ratios and trend.
 *
 * For every grade g filled by progression or from births and every history year t with a ratio
 * r[g][t] = P[g][t] / d[g][t] (d: the grade below a year earlier, or the births), the predicted
 * new housing arrivals (`addArrivals` of the past completions with the yield table and phasing,
 * all dwelling types) give x[g][t] = arrivals[g][t] / d[g][t]: how much the ratio would rise if
 * those pupils came. The regression, by ordinary least squares,
 *
 *   r[g][t] = c_g + δ · t + β · x[g][t] + e,
 *
 * with one level c_g per grade and one trend δ per area, estimates β, the share of the predicted
 * pupils that the history shows. The finding is `not-identified` when x has no variation left
 * after the grade levels and the trend or no degree of freedom remains; otherwise `seen`,
 * `not-seen` or `undecided` by `rule` (see `EvidenceRule`, `defaultEvidenceRule`). Levels (grades with no ratio)
 * take no part.
 *
 * @param model - the fitted model whose dataset holds the housing records
 * @param records - the housing records (all; only those first occupied by the base year are used)
 * @param yields - a checked yield table (`defineYieldTable`)
 * @param rule - the decision rule @defaultValue `defaultEvidenceRule`
 * @returns one entry per area of the model's cube, in cube order
 * @throws never on a fitted model and checked yields
 * @example
 * ```ts
 * const model = fitModel(yangjiangDataset());
 * housingEvidence(model, model.dataset.housing ?? [], defineYieldTable(chinaDefaultYieldTable, chinaSchoolSystem))
 *   .map((e) => `${e.area} ${e.finding}`)
 * ```
 */
export function housingEvidence(model: CohortModel, records: readonly HousingRecord[], yields: YieldTable, rule: EvidenceRule = defaultEvidenceRule): HousingEvidence[] {
  const { cube, fill, ratioHistory, births, birthSource } = model;
  const system: SchoolSystem = model.dataset.system;
  const A = cube.areas.length;
  const G = cube.grades.length;
  const Y = cube.years.length;
  const base = model.baseYear;
  const aIndex = new Map(cube.areas.map((id, i) => [id, i]));
  let y0 = cube.years[0]!;
  for (const r of records) if (r.year <= base && aIndex.has(r.area)) y0 = Math.min(y0, r.year);
  const T = base - y0 + 1;
  const weights = Float64Array.from(yields.phasing.weights);
  const byArea = new Map<number, Map<string | undefined, Float64Array>>();
  for (const r of records) {
    const a = aIndex.get(r.area);
    if (a === undefined || r.year > base || r.dwellings <= 0) continue;
    let types = byArea.get(a);
    if (!types) byArea.set(a, (types = new Map()));
    let dw = types.get(r.dwellingType);
    if (!dw) types.set(r.dwellingType, (dw = new Float64Array(T)));
    dw[r.year - y0] = dw[r.year - y0]! + r.dwellings;
  }
  const ages = indexSystem(system).grades.map((g) => g.age);
  const arrivals = new Float64Array(G * T);
  return cube.areas.map((area, a) => {
    arrivals.fill(0);
    const types = byArea.get(a);
    if (types) for (const [type, dw] of types) addArrivals(G, T, dw, gradeYields(yields, system, type), weights, arrivals);
    const obs: { g: number; t: number; r: number; x: number }[] = [];
    const bi = birthSource[a]!;
    for (let g = 0; g < G; g++) {
      const f = fill[a * G + g];
      if (f !== Fill.progression && f !== Fill.births) continue;
      for (let y = 0; y < Y; y++) {
        const r = ratioHistory[(a * G + g) * Y + y]!;
        if (!Number.isFinite(r)) continue;
        let d: number;
        if (f === Fill.progression) d = cube.data[(a * G + g - 1) * Y + y - 1]!;
        else {
          const by = cube.years[y]! - ages[g]! - births.firstYear;
          d = bi >= 0 && by >= 0 && by < births.years ? births.data[bi * births.years + by]! : NaN;
        }
        if (!(d > 0)) continue;
        const year = cube.years[y]!;
        obs.push({ g, t: year - base, r, x: arrivals[g * T + year - y0]! / d });
      }
    }
    return { area, ...regress(obs, rule) };
  });
}

/** OLS of r on grade levels, a common trend and x (Frisch–Waugh: within-grade deviations). */
function regress(obs: readonly { g: number; t: number; r: number; x: number }[], rule: EvidenceRule): Omit<HousingEvidence, "area"> {
  const n = obs.length;
  const none = { finding: "not-identified" as const, share: NaN, standardError: NaN, observations: n };
  const groups = new Map<number, { n: number; t: number; r: number; x: number }>();
  for (const o of obs) {
    let s = groups.get(o.g);
    if (!s) groups.set(o.g, (s = { n: 0, t: 0, r: 0, x: 0 }));
    s.n++;
    s.t += o.t;
    s.r += o.r;
    s.x += o.x;
  }
  let stt = 0;
  let stx = 0;
  let sxx = 0;
  let str = 0;
  let sxr = 0;
  let srr = 0;
  let sxAll = 0;
  for (const o of obs) {
    const s = groups.get(o.g)!;
    const t = o.t - s.t / s.n;
    const x = o.x - s.x / s.n;
    const r = o.r - s.r / s.n;
    stt += t * t;
    stx += t * x;
    sxx += x * x;
    str += t * r;
    sxr += x * r;
    srr += r * r;
    sxAll += o.x * o.x;
  }
  const trend = stt > 0;
  const sxxRes = trend ? sxx - (stx * stx) / stt : sxx;
  const df = n - groups.size - (trend ? 1 : 0) - 1;
  // x left with no variation (relative to its size, up to rounding) cannot be told from the levels and trend.
  if (!(sxAll > 0) || !(sxxRes > 1e-9 * sxAll) || df < 1) return none;
  const sxrRes = trend ? sxr - (stx * str) / stt : sxr;
  const beta = sxrRes / sxxRes;
  const delta = trend ? (str - beta * stx) / stt : 0;
  const ssr = Math.max(0, srr - delta * str - beta * sxr);
  const se = Math.sqrt(ssr / df / sxxRes);
  const seen = beta >= rule.share.value && beta - rule.z.value * se > 0;
  const notSeen = beta < rule.share.value && beta + rule.z.value * se < 1;
  return { finding: seen ? "seen" : notSeen ? "not-seen" : "undecided", share: beta, standardError: se, observations: n };
}
