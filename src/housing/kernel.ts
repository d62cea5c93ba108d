/**
 * Adds the housing pupils arriving in each grade and year to `out`. Works on typed arrays; trusts
 * its input; never rounds.
 *
 * Formula: out[g][t] += Σₖ dwellings[t − k] × gradeYield[g] × weights[k], for k = 0 … min(K − 1, t),
 * where `dwellings[t]` are the dwellings first occupied in year t of the year axis. So the
 * arrivals of one year's dwellings over all years add up to dwellings × Σ_g gradeYield[g] when
 * the weights sum to 1 and the axis is long enough (the phasing identity).
 *
 * @param G - number of grades
 * @param T - number of years on the axis
 * @param dwellings - dwellings first occupied per year, length T
 * @param gradeYield - lifetime pupils per dwelling per grade, length G (`gradeYields`)
 * @param weights - phasing weights by years since first occupied (normalised)
 * @param out - arrivals, G × T, `out[g * T + t]`; added to, not overwritten
 * @example
 * ```ts
 * const out = new Float64Array(2 * 3);
 * addArrivals(2, 3, new Float64Array([100, 0, 0]), new Float64Array([0.1, 0.2]), new Float64Array([0.5, 0.5]), out);
 * // out = [5, 5, 0, 10, 10, 0]: grade 0 gets 100 × 0.1 × 0.5 in years 0 and 1
 * ```
 */
export function addArrivals(
  G: number,
  T: number,
  dwellings: Float64Array,
  gradeYield: Float64Array,
  weights: Float64Array,
  out: Float64Array,
): Float64Array {
  const K = weights.length;
  for (let t = 0; t < T; t++) {
    const d = dwellings[t]!;
    if (d === 0) continue;
    for (let k = 0; k < K && t + k < T; k++) {
      const dw = d * weights[k]!;
      if (dw === 0) continue;
      for (let g = 0; g < G; g++) out[g * T + t + k] = out[g * T + t + k]! + dw * gradeYield[g]!;
    }
  }
  return out;
}

/**
 * The housing ageing kernel: housing pupils progress through the grades like a cohort. Works on
 * typed arrays; trusts its input; never rounds.
 *
 * Formula, for each grade g and year t:
 * - not taught (`taught[g] = 0`): out[g][t] = 0 (arrivals in a grade the area does not teach go
 *   to schools elsewhere and are not counted);
 * - taught: out[g][t] = arrivals[g][t] + step[g][t] × out[g − 1][t − 1], the second term only when
 *   g > 0, t > 0 and grade g − 1 is taught.
 * Pupils of the last grade leave. With `step` all 1 this is plain ageing: a child who arrives
 * in K1 at age 3 is in P1 three years later.
 *
 * @param G - number of grades
 * @param T - number of years
 * @param arrivals - G × T, `arrivals[g * T + t]`
 * @param taught - length G, 1 when the area teaches the grade
 * @param step - G × T progression factor into grade g in year t, or `undefined` for plain ageing (1)
 * @param out - G × T output, overwritten
 * @example
 * ```ts
 * const out = new Float64Array(2 * 2);
 * ageHousing(2, 2, new Float64Array([10, 0, 5, 5]), new Uint8Array([1, 1]), undefined, out);
 * // out = [10, 0, 5, 15]: grade 1, year 1 = 5 arrivals + 10 aged in from grade 0
 * ```
 */
export function ageHousing(
  G: number,
  T: number,
  arrivals: Float64Array,
  taught: Uint8Array,
  step: Float64Array | undefined,
  out: Float64Array,
): Float64Array {
  for (let g = 0; g < G; g++) {
    const on = taught[g] === 1;
    const from = g > 0 && taught[g - 1] === 1;
    for (let t = 0; t < T; t++) {
      if (!on) {
        out[g * T + t] = 0;
        continue;
      }
      let v = arrivals[g * T + t]!;
      if (from && t > 0) v += (step ? step[g * T + t]! : 1) * out[(g - 1) * T + t - 1]!;
      out[g * T + t] = v;
    }
  }
  return out;
}
