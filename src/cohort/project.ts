/** How a grade of an area is filled. */
export const Fill = {
  /** The area does not teach the grade. */
  none: 0,
  /** ratio × the previous grade a year earlier (cohort progression). */
  progression: 1,
  /** ratio × births `age` years earlier (entry from births; the ratio is a share when the births are a parent area's). */
  births: 2,
  /** a level: the fitted count itself (no births known for the area or its parents, or the grade below has no pupils in any history year). */
  level: 3,
} as const;
/** One of the `Fill` codes. */
export type Fill = (typeof Fill)[keyof typeof Fill];

/**
 * The cohort projection kernel for one area. Works in place on typed arrays; trusts its input.
 *
 * For h = 1..H and each grade g:
 * - progression: out[g][h] = ratio[g][h−1] · out[g−1][h−1]
 * - births:      out[g][h] = ratio[g][h−1] · driver[g][h−1]
 * - level:       out[g][h] = ratio[g][h−1]
 * - none:        out[g][h] = 0
 * and out[g][0] = base[g]. Nothing is rounded.
 *
 * @param G - number of grades
 * @param H - horizon in years
 * @param base - base-year pupils, length G (read from `baseOffset`)
 * @param fill - how each grade is filled, length G (read from `fillOffset`)
 * @param ratio - ratios, G × H, `ratio[g * H + h − 1]`
 * @param driver - births drivers, G × H, same layout (read only for `births` grades)
 * @param out - output, G × (H + 1), `out[g * (H + 1) + h]`
 * @example
 * ```ts
 * const out = new Float64Array(2 * 2);
 * projectArea(2, 1, new Float64Array([100, 90]), 0, new Uint8Array([2, 1]), 0,
 *   new Float64Array([0.5, 0.9]), new Float64Array([220, 0]), out);
 * // out = [100, 110, 90, 90]: entry 0.5 × 220 = 110, progression 0.9 × 100 = 90
 * ```
 */
export function projectArea(
  G: number,
  H: number,
  base: Float64Array,
  baseOffset: number,
  fill: Uint8Array,
  fillOffset: number,
  ratio: Float64Array,
  driver: Float64Array,
  out: Float64Array,
): Float64Array {
  const W = H + 1;
  for (let g = 0; g < G; g++) out[g * W] = base[baseOffset + g]!;
  for (let h = 1; h <= H; h++) {
    for (let g = 0; g < G; g++) {
      const r = ratio[g * H + h - 1]!;
      const f = fill[fillOffset + g];
      let v = 0;
      if (f === Fill.progression) v = r * out[(g - 1) * W + h - 1]!;
      else if (f === Fill.births) v = r * driver[g * H + h - 1]!;
      else if (f === Fill.level) v = r;
      out[g * W + h] = v;
    }
  }
  return out;
}
