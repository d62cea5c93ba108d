import { quantilesOf, RankSelector } from "./select.js";

/**
 * The p-quantile of sorted values by linear interpolation between order statistics (Hyndman &
 * Fan 1996, definition 7; R's default `quantile(type = 7)`): with h = (n − 1) p,
 * Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), 0-based. Equal values give that value exactly.
 *
 * @param sorted - values in ascending order, at least one
 * @param p - probability in [0, 1]
 * @throws RangeError when `sorted` is empty or p is outside [0, 1]
 * @example
 * ```ts
 * quantileSorted([1, 2, 3, 4], 0.5) // 2.5
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("quantileSorted: no values");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  if (lo + 1 >= n) return a;
  const b = sorted[lo + 1]!;
  return a === b ? a : a + (h - lo) * (b - a);
}

/**
 * Quantiles of unsorted values, each as `quantileSorted` of the sorted values gives it (R's type
 * 7), found without sorting: by bucketing and selection in linear time when every value is
 * finite, by a sort otherwise (−0 and +0 compare equal: either may stand at a rank where the sort
 * puts −0; NaN sorts after every number, as `Float64Array.prototype.sort` puts it). The input is
 * not changed.
 *
 * @param values - at least one value
 * @param ps - probabilities, each in [0, 1]
 * @throws RangeError when `values` is empty or a p is outside [0, 1]
 * @example
 * ```ts
 * quantiles([10, 4, 1, 3, 2], [0.5, 0.75, 1]) // [3, 4, 10]
 * ```
 */
export function quantiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  if (values.length === 0) throw new RangeError("quantiles: no values");
  for (const p of ps) if (!(p >= 0 && p <= 1)) throw new RangeError(`quantiles: p must be in [0, 1], got ${p}`);
  const v = Float64Array.from(values);
  return quantilesOf(v, ps, new RankSelector(v.length));
}
