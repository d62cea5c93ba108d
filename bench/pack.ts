/**
 * Simulation rows packed into typed arrays for the trip from a worker thread to the main thread
 * (structured cloning 10^5 row objects costs more than the rows' arithmetic), and unpacked into
 * rows equal to `simulate`'s.
 */
import type { Simulation, SimulationRow } from "../src/index.js";

export interface PackedSimulation {
  readonly meta: Omit<Simulation, "rows">;
  readonly areas: readonly string[];
  readonly stages: readonly string[];
  /** Band ids of `pBands`, in the order rows give them. */
  readonly bands: readonly string[];
  readonly n: number;
  /** Per row: area index, stage index, year, flags (1 places, 2 pBands). */
  readonly ints: Int32Array;
  /** Per row: forecast, mean, quantiles of pupils, places, quantiles of surplus, pShortfall, pBands per band (NaN: absent). */
  readonly nums: Float64Array;
}

export function packSimulation(sim: Simulation): PackedSimulation {
  const { rows, ...meta } = sim;
  const Q = sim.quantiles.length;
  const bands: string[] = [];
  for (const r of rows) if (r.pBands) for (const b of Object.keys(r.pBands)) if (!bands.includes(b)) bands.push(b);
  const width = 4 + 2 * Q + bands.length;
  const areas: string[] = [];
  const aIndex = new Map<string, number>();
  const stages: string[] = [];
  const sIndex = new Map<string, number>();
  const ints = new Int32Array(rows.length * 4);
  const nums = new Float64Array(rows.length * width);
  rows.forEach((r, i) => {
    let a = aIndex.get(r.area);
    if (a === undefined) aIndex.set(r.area, (a = areas.push(r.area) - 1));
    let s = sIndex.get(r.stage);
    if (s === undefined) sIndex.set(r.stage, (s = stages.push(r.stage) - 1));
    ints[i * 4] = a;
    ints[i * 4 + 1] = s;
    ints[i * 4 + 2] = r.year;
    ints[i * 4 + 3] = (r.places !== undefined ? 1 : 0) | (r.pBands !== undefined ? 2 : 0);
    const o = i * width;
    nums[o] = r.forecast;
    nums[o + 1] = r.mean;
    for (let q = 0; q < Q; q++) nums[o + 2 + q] = r.pupils[q]!;
    nums[o + 2 + Q] = r.places ?? NaN;
    for (let q = 0; q < Q; q++) nums[o + 3 + Q + q] = r.surplus?.[q] ?? NaN;
    nums[o + 3 + 2 * Q] = r.pShortfall ?? NaN;
    bands.forEach((b, j) => (nums[o + 4 + 2 * Q + j] = r.pBands?.[b] ?? NaN));
  });
  return { meta, areas, stages, bands, n: rows.length, ints, nums };
}

/** Rows in the shape and key order `simulate` gives them. */
export function unpackRows(p: PackedSimulation): SimulationRow[] {
  const Q = p.meta.quantiles.length;
  const width = 4 + 2 * Q + p.bands.length;
  const rows: SimulationRow[] = new Array<SimulationRow>(p.n);
  for (let i = 0; i < p.n; i++) {
    const o = i * width;
    const flags = p.ints[i * 4 + 3]!;
    const pupils = new Array<number>(Q);
    for (let q = 0; q < Q; q++) pupils[q] = p.nums[o + 2 + q]!;
    const area = p.areas[p.ints[i * 4]!]!;
    const stage = p.stages[p.ints[i * 4 + 1]!]!;
    const year = p.ints[i * 4 + 2]!;
    const forecast = p.nums[o]!;
    const mean = p.nums[o + 1]!;
    // Object literals of the three shapes (no spreads): the same keys in the same order as simulate's rows.
    if (flags & 1) {
      const surplus = new Array<number>(Q);
      for (let q = 0; q < Q; q++) surplus[q] = p.nums[o + 3 + Q + q]!;
      const places = p.nums[o + 2 + Q]!;
      const pShortfall = p.nums[o + 3 + 2 * Q]!;
      if (flags & 2) {
        const pBands: Record<string, number> = {};
        p.bands.forEach((b, j) => {
          const v = p.nums[o + 4 + 2 * Q + j]!;
          if (v === v) pBands[b] = v;
        });
        rows[i] = { area, stage, year, forecast, mean, pupils, places, surplus, pShortfall, pBands };
      } else rows[i] = { area, stage, year, forecast, mean, pupils, places, surplus, pShortfall };
    } else rows[i] = { area, stage, year, forecast, mean, pupils };
  }
  return rows;
}
