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
