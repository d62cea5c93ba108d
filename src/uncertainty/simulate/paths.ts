/**
 * Simulated paths kept per cell (`simulate(model, { …, paths: true })`), for whatever needs the
 * joint draws rather than their summaries: sums over any set of cells, decision models that
 * weigh a shortfall in one year against empty places in another.
 *
 * Layout: draw-major, `pupils[d * years.length + y]` is draw `d`'s pupils in `years[y]`.
 * The same draw index is the same simulated world in every cell (births, ratios, slippage), so
 * adding two cells' arrays element by element gives the paths of their sum.
 */
export interface SimulatedCellPaths {
  /** Area id (a forecast area, or a containing area simulated as the sum of its parts). */
  readonly area: string;
  /** Stage id of the school system, or `"all"` for all grades of the area. */
  readonly stage: string;
  /** The simulated years, base year + 1 … `to`. */
  readonly years: readonly number[];
  /** Pupils per draw and year, draw-major (`draws × years.length`). */
  readonly pupils: Float64Array;
  /** Places per draw and year, draw-major; 0 where the cell has no places (no supply records; the row has no `places`). */
  readonly places: Float64Array;
}

/** All kept paths of one simulation. */
export interface SimulatedPaths {
  readonly draws: number;
  readonly cells: readonly SimulatedCellPaths[];
}
