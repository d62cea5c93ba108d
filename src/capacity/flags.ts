/** Bits of the place flags (and of `AssessmentCube.flags`); class-size bands take `bandBit(i)`. */
export const AssessBit = {
  shortfall: 1,
  lowHeadroom: 2,
  surplusRisk: 4,
} as const;

/**
 * The flag bit of the i-th class-size band of a school system.
 *
 * @example
 * ```ts
 * bandBit(0) // 8
 * ```
 */
export function bandBit(i: number): number {
  return 8 << i;
}

/**
 * The place flags of n pupils in P places, as bits: the one rule behind both `assessCapacity`
 * (rows with reasons) and `assessForecast` (typed cubes).
 * - `shortfall` when n > P;
 * - otherwise `lowHeadroom` when P > 0 and (P − n) / P < margin;
 * - `surplusRisk` when P > 0 and n / P < floor.
 *
 * @example
 * ```ts
 * placeFlagBits(110, 100, 0.05, 0.8) // 1 (shortfall)
 * placeFlagBits(70, 100, 0.05, 0.8)  // 4 (surplus risk)
 * ```
 */
export function placeFlagBits(pupils: number, places: number, margin: number, floor: number): number {
  let f = 0;
  const surplus = places - pupils;
  if (surplus < 0) f |= AssessBit.shortfall;
  else if (places > 0 && surplus / places < margin) f |= AssessBit.lowHeadroom;
  if (places > 0 && pupils / places < floor) f |= AssessBit.surplusRisk;
  return f;
}
