/**
 * Summaries of `simulate`'s draws, cell by cell (one stage of one area in one year): the mean and
 * quantiles of pupils, and against the places of each draw the quantiles of surplus, the share of
 * shortfalls and, per class-size band, the share of draws with a class of the band's minimum or
 * more (`reachesBand`, the one class-organisation rule).
 */
import { bandThreshold, reachesBand } from "../../capacity/classes.js";
import { allFinite, fromRanks, quantileRanks, quantilesOf, RankSelector } from "../select.js";
import type { SimulationRow } from "./options.js";

/** Scratch and ranks shared by the cells of one run (every value read is written first). */
export class CellSummariser {
  readonly selector: RankSelector;
  private readonly sur: Float64Array;
  private readonly rankValues: Float64Array;
  private readonly mm = new Float64Array(3);
  /** The ranks each quantile reads, without and with the mirrored ranks for the surplus. */
  private readonly plainRanks: readonly number[];
  private readonly mirrorRanks: readonly number[];
  /** [shortfalls, 1 when the places are the same finite value in every draw, then one count per band]. */
  private counts = new Int32Array(2);

  constructor(
    private readonly D: number,
    private readonly qs: readonly number[],
    selector: RankSelector,
  ) {
    this.selector = selector;
    this.sur = new Float64Array(D);
    this.rankValues = new Float64Array(4 * qs.length);
    this.plainRanks = quantileRanks(D, qs, false);
    this.mirrorRanks = quantileRanks(D, qs, true);
  }

  /** A row of pupils only (no places known). */
  pupilsRow(area: string, stage: string, year: number, forecast: number, col: Float64Array): SimulationRow {
    const { D, qs, selector, mm } = this;
    sumMinMax(col, mm);
    const finite = Number.isFinite(mm[0]!) || allFinite(col);
    if (finite) selector.select(col, this.plainRanks, this.rankValues, mm);
    return { area, stage, year, forecast, mean: mm[0]! / D, pupils: finite ? fromRanks(D, qs, this.plainRanks, this.rankValues, NaN) : quantilesOf(col, qs, selector) };
  }

  /**
   * A row with places: the draws `col` against places `p` and classes `c` in every draw, or, when
   * `plc` is given, against plc[at + d] and cls[at + d] per draw. `bands` are the stage's band ids
   * and `mins` their minimums.
   */
  placesRow(
    area: string,
    stage: string,
    year: number,
    forecast: number,
    col: Float64Array,
    places: number,
    p: number,
    c: number,
    varying: { plc: Float64Array; cls: Float64Array; at: number } | undefined,
    bands: readonly string[],
    mins: Float64Array,
  ): SimulationRow {
    const { D, qs, selector, mm } = this;
    if (this.counts.length !== 2 + bands.length) this.counts = new Int32Array(2 + bands.length);
    const counts = this.counts;
    sumMinMax(col, mm);
    const sum = mm[0]!;
    const finite = Number.isFinite(sum) || allFinite(col);
    if (varying) cellCounts(col, varying.plc, varying.cls, varying.at, mins, counts, mm[1]!, mm[2]!, finite);
    else countsAt(col, p, c, mins, counts, mm[1]!, mm[2]!, finite);
    // With the same places P in every draw, the j-th smallest surplus is P − the (D − 1 − j)-th
    // smallest pupils (x ↦ P − x is non-increasing in floating point too): the pupils' order
    // statistics at the mirrored ranks give it without another selection.
    const mirror = finite && counts[1] === 1;
    const ranks = mirror ? this.mirrorRanks : this.plainRanks;
    const surplus = mirror ? undefined : quantilesOf(varying ? surplusOf(col, varying.plc, varying.at, this.sur) : surplusAt(col, p, this.sur), qs, selector);
    if (finite) selector.select(col, ranks, this.rankValues, mm);
    const pupils = finite ? fromRanks(D, qs, ranks, this.rankValues, NaN) : quantilesOf(col, qs, selector);
    const surplusQ = surplus ?? fromRanks(D, qs, ranks, this.rankValues, varying ? varying.plc[varying.at]! : p);
    if (bands.length === 0) return { area, stage, year, forecast, mean: sum / D, pupils, places, surplus: surplusQ, pShortfall: counts[0]! / D };
    const pBands: Record<string, number> = {};
    for (let b = 0; b < bands.length; b++) pBands[bands[b]!] = counts[2 + b]! / D;
    // One literal per shape (no spread): one object per row.
    return { area, stage, year, forecast, mean: sum / D, pupils, places, surplus: surplusQ, pShortfall: counts[0]! / D, pBands };
  }
}

/** out = [sum in index order, smallest, largest] of v (non-empty). */
function sumMinMax(v: Float64Array, out: Float64Array): void {
  let s = 0;
  let lo = v[0]!;
  let hi = v[0]!;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    s += x;
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
  }
  out[0] = s;
  out[1] = lo;
  out[2] = hi;
}

/**
 * Over the draws of one cell (pupils col[d], places plc[at + d], classes cls[at + d]): out[0] the
 * count of shortfalls (pupils > places), out[1] 1 when the places are the same finite value in
 * every draw, else 0, and out[2 + b] the draws with a class of band b's minimum or more.
 * Places and classes are usually the same in every draw (they vary only while a planned opening
 * may slip), and the counts then compare each draw with one threshold (`countsAt`).
 */
function cellCounts(col: Float64Array, plc: Float64Array, cls: Float64Array, at: number, mins: Float64Array, out: Int32Array, lo: number, hi: number, finite: boolean): void {
  const D = col.length;
  const p0 = plc[at]!;
  const c0 = cls[at]!;
  let sameP = true;
  let sameC = true;
  for (let d = 1; d < D; d++) {
    if (plc[at + d] !== p0) sameP = false;
    if (cls[at + d] !== c0) sameC = false;
  }
  if (sameP && sameC) return countsAt(col, p0, c0, mins, out, lo, hi, finite);
  // Counted as Number(comparison), which compiles without a branch: draws near the threshold
  // would make a branch mispredict about half the time.
  let short = 0;
  for (let d = 0; d < D; d++) short += Number(col[d]! > plc[at + d]!);
  out[0] = short;
  out[1] = sameP && Number.isFinite(p0) ? 1 : 0;
  for (let b = 0; b < mins.length; b++) {
    const min = mins[b]!;
    let n = 0;
    if (bandThreshold(min, 1) === undefined) {
      for (let d = 0; d < D; d++) n += Number(reachesBand(col[d]!, cls[at + d]!, min));
    } else {
      // bandThreshold inlined: (min − 1) c + ½ for whole classes c in range.
      for (let d = 0; d < D; d++) {
        const c = cls[at + d]!;
        n += c > 0 && c < 2 ** 31 && Number.isInteger(c) ? Number(col[d]! >= (min - 1) * c + 0.5) : Number(reachesBand(col[d]!, c, min));
      }
    }
    out[2 + b] = n;
  }
}

/**
 * `cellCounts` with the same places p and classes c in every draw. With every draw finite and
 * `lo`/`hi` the smallest and largest, a threshold above `hi` counts no draw and one at or below
 * `lo` (for ≥; below for >) counts every draw, with no pass over the draws: most cells are far
 * from their band thresholds. Otherwise one pass per threshold, each a compare
 * (`bandThreshold`, or `reachesBand` where classes or the minimum are not whole).
 */
function countsAt(col: Float64Array, p: number, c: number, mins: Float64Array, out: Int32Array, lo: number, hi: number, finite: boolean): void {
  const D = col.length;
  out[1] = Number.isFinite(p) ? 1 : 0;
  if (finite && hi <= p) out[0] = 0;
  else if (finite && lo > p) out[0] = D;
  else {
    let short = 0;
    for (let d = 0; d < D; d++) short += Number(col[d]! > p);
    out[0] = short;
  }
  for (let b = 0; b < mins.length; b++) {
    const min = mins[b]!;
    const t = bandThreshold(min, c);
    let n = 0;
    if (t === undefined) for (let d = 0; d < D; d++) n += Number(reachesBand(col[d]!, c, min));
    else if (finite && hi < t) n = 0;
    else if (finite && lo >= t) n = D;
    else for (let d = 0; d < D; d++) n += Number(col[d]! >= t);
    out[2 + b] = n;
  }
}

/** Surplus of each draw of a cell with the same places p in every draw: sur[d] = p − col[d]. */
function surplusAt(col: Float64Array, p: number, sur: Float64Array): Float64Array {
  for (let d = 0; d < col.length; d++) sur[d] = p - col[d]!;
  return sur;
}

/** Surplus of each draw of a cell: sur[d] = plc[at + d] − col[d]. */
function surplusOf(col: Float64Array, plc: Float64Array, at: number, sur: Float64Array): Float64Array {
  for (let d = 0; d < col.length; d++) sur[d] = plc[at + d]! - col[d]!;
  return sur;
}
