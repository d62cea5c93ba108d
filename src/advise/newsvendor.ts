/**
 * The closed forms of one cell with no coupling between years: the risk quantile (the fewest
 * places with P(shortfall) ≤ risk over the draws) and the newsvendor optimum (the places that
 * minimise expected shortfall and empty places plus a cost per place).
 */

/**
 * The fewest places C such that at most ⌊risk · n⌋ of the n draws exceed C (scenario counting:
 * P(shortfall) ≤ risk over the draws): the (n − ⌊risk · n⌋)-th smallest demand; 0 with no draws.
 *
 * @param demands - demand per draw (pupils)
 * @param risk - the largest share of draws allowed a shortfall, in [0, 1]
 * @throws RangeError when risk is outside [0, 1] or a demand is not finite
 * @example
 * ```ts
 * riskQuantile([80, 90, 100, 110, 120], 0.2) // 110: one draw of five (20 %) may be short
 * ```
 */
export function riskQuantile(demands: ArrayLike<number>, risk: number): number {
  if (!(risk >= 0 && risk <= 1)) throw new RangeError(`riskQuantile: risk must be in [0, 1], got ${risk}`);
  const s = sortedDemands(demands);
  const n = s.length;
  if (n === 0) return 0;
  const m = allowedShort(n, risk);
  return m >= n ? 0 : Math.max(0, s[n - 1 - m]!);
}

/** ⌊risk · n⌋, with a tolerance for risk · n landing a rounding error below an integer. */
export function allowedShort(n: number, risk: number): number {
  return Math.floor(risk * n + 1e-9);
}

/** A sorted copy of the demands. @throws RangeError on a non-finite demand */
export function sortedDemands(demands: ArrayLike<number>): Float64Array {
  const s = Float64Array.from(demands);
  for (let i = 0; i < s.length; i++) if (!Number.isFinite(s[i]!)) throw new RangeError(`demand of draw ${i} is ${s[i]}, not a finite number`);
  return s.sort();
}

/** Costs of the one-cell newsvendor: per pupil-year short, per empty place-year, per place provided. */
export interface NewsvendorCosts {
  readonly shortfall: number;
  readonly empty: number;
  /** @defaultValue 0 */
  readonly perPlace?: number;
}

/**
 * The places C ≥ 0 minimising perPlace · C + E[shortfall · (D − C)⁺ + empty · (C − D)⁺] over the
 * draws, at least the risk quantile: the newsvendor solution (Arrow, Harris & Marschak 1951;
 * any operations-research text), the smallest demand D₍k₎ with k / n ≥ the critical ratio
 * (shortfall − perPlace) / (shortfall + empty), 0 when that ratio is ≤ 0; then
 * max(that, `riskQuantile(demands, risk)`).
 *
 * @example
 * ```ts
 * // ratio (3 − 0) / (3 + 1) = 0.75: the 4th of 5 sorted draws (4/5 ≥ 0.75)
 * newsvendorPlaces([80, 90, 100, 110, 120], { shortfall: 3, empty: 1 }) // 110
 * ```
 */
export function newsvendorPlaces(demands: ArrayLike<number>, costs: NewsvendorCosts, risk = 1): number {
  const s = sortedDemands(demands);
  const n = s.length;
  const q = riskQuantile(s, risk);
  if (n === 0) return q;
  const ratio = (costs.shortfall - (costs.perPlace ?? 0)) / (costs.shortfall + costs.empty);
  let c = 0;
  if (ratio > 0) {
    const k = Math.min(n, Math.max(1, Math.ceil(ratio * n - 1e-9)));
    c = Math.max(0, s[k - 1]!);
  }
  return Math.max(c, q);
}
