/**
 * A places path held against simulated demand: per year, the share of draws short, the expected
 * pupils short and the expected empty places.
 */

/** One year of a places path against the draws. */
export interface YearRisk {
  readonly year: number;
  readonly places: number;
  /** Share of draws with more pupils than places. */
  readonly pShortfall: number;
  /** Mean over the draws of max(0, pupils − places). */
  readonly expectedShortfall: number;
  /** Mean over the draws of max(0, places − pupils). */
  readonly expectedEmpty: number;
}

/**
 * Each year's P(shortfall), expected shortfall and expected empty places of a places path against
 * draw-major demand paths (`pupils[d · Y + y]`, as `SimulatedCellPaths.pupils`).
 *
 * @param pupils - demand, draws × years, draw-major
 * @param years - the years (Y of them)
 * @param places - places per year (Y values)
 * @throws RangeError when the lengths disagree
 * @example
 * ```ts
 * evaluatePlaces(Float64Array.of(90, 110), [2025], [100])[0]!.pShortfall // 0.5
 * ```
 */
export function evaluatePlaces(pupils: ArrayLike<number>, years: readonly number[], places: ArrayLike<number>): YearRisk[] {
  const Y = years.length;
  if (places.length !== Y) throw new RangeError(`evaluatePlaces: ${places.length} places for ${Y} years`);
  if (Y === 0) return [];
  if (pupils.length % Y !== 0) throw new RangeError(`evaluatePlaces: ${pupils.length} pupil values are not draws × ${Y} years`);
  const D = pupils.length / Y;
  const out: YearRisk[] = [];
  for (let y = 0; y < Y; y++) {
    const c = places[y]!;
    let short = 0;
    let sumShort = 0;
    let sumEmpty = 0;
    for (let d = 0; d < D; d++) {
      const p = pupils[d * Y + y]!;
      if (p > c) {
        short++;
        sumShort += p - c;
      } else sumEmpty += c - p;
    }
    out.push({ year: years[y]!, places: c, pShortfall: D ? short / D : 0, expectedShortfall: D ? sumShort / D : 0, expectedEmpty: D ? sumEmpty / D : 0 });
  }
  return out;
}
