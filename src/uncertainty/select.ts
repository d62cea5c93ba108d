/**
 * Exact order statistics and quantiles in linear time (internal: `quantiles` in quantile.ts and
 * `simulate` use them; not re-exported from the package).
 */
/**
 * Order statistics of finite values at a few ranks by bucketing, then selection inside the
 * buckets that hold those ranks. One pass finds min m and max M; a second puts each value x in
 * bucket ⌊(x − m) · (K − 1) / (M − m)⌋ of K and counts them. That map is non-decreasing in x
 * (each floating-point step is), so every value of a lower bucket is ≤ every value of a higher
 * one, and the counts' running sum says which bucket holds rank j and at which rank inside it.
 * A third pass gathers those buckets' values; `select` finds each rank among them. Exact (the
 * value a full sort would put at rank j), in linear time, with no swaps over the whole array.
 */
export class RankSelector {
  private readonly K: number;
  private readonly counts: Int32Array;
  private readonly bucket: Uint16Array;
  private readonly slotOf: Int32Array;
  private buf: Float64Array;
  private rb = new Int32Array(0);
  private below = new Int32Array(0);
  private slotStart = new Int32Array(0);
  private fillTo = new Int32Array(0);
  constructor(capacity: number) {
    this.K = Math.max(16, Math.min(1024, Math.ceil(capacity / 2)));
    this.counts = new Int32Array(this.K);
    this.bucket = new Uint16Array(capacity);
    this.slotOf = new Int32Array(this.K).fill(-1);
    this.buf = new Float64Array(0);
  }
  /**
   * out[i] = the value of rank ranks[i] of v (ranks ascending, distinct, in [0, v.length)); v is
   * not changed. `sumMinMax`, when the caller has it, is [sum, smallest, largest] of v (as the
   * simulation's `sumMinMax` writes it); the smallest and largest are then not searched for.
   * (Passed as an array, not as two numbers: a number argument or a `min ?? v[0]` would be a heap
   * number per call.)
   */
  select(v: Float64Array, ranks: readonly number[], out: Float64Array, sumMinMax?: Float64Array): void {
    const n = v.length;
    let lo = v[0]!;
    let hi = v[0]!;
    if (sumMinMax) {
      lo = sumMinMax[1]!;
      hi = sumMinMax[2]!;
    } else {
      for (let i = 1; i < n; i++) {
        const x = v[i]!;
        if (x < lo) lo = x;
        else if (x > hi) hi = x;
      }
    }
    if (hi === lo) {
      // All values equal: every rank holds that value.
      for (let i = 0; i < ranks.length; i++) out[i] = lo;
      return;
    }
    const scale = (this.K - 1) / (hi - lo);
    if (!(hi > lo) || !Number.isFinite(hi - lo) || !(scale > 0 && Number.isFinite(scale)) || n > this.bucket.length) {
      // A range too wide or too narrow to scale: select over a copy.
      const c = Float64Array.from(v);
      let left = 0;
      ranks.forEach((k, i) => {
        select(c, k, left, n - 1);
        out[i] = c[k]!;
        left = k + 1;
      });
      return;
    }
    const { counts, bucket, slotOf } = this;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const b = Math.floor((v[i]! - lo) * scale);
      bucket[i] = b;
      counts[b] = counts[b]! + 1;
    }
    // The bucket of each rank and the count below it; one gather slot per distinct bucket.
    if (this.rb.length < ranks.length) {
      this.rb = new Int32Array(ranks.length);
      this.below = new Int32Array(ranks.length);
      this.slotStart = new Int32Array(ranks.length);
      this.fillTo = new Int32Array(ranks.length);
    }
    const { rb, below, slotStart, fillTo } = this;
    let cum = 0;
    let r = 0;
    let used = 0;
    let slots = 0;
    for (let b = 0; b < this.K && r < ranks.length; b++) {
      const c = counts[b]!;
      while (r < ranks.length && ranks[r]! < cum + c) {
        if (slotOf[b]! < 0) {
          slotOf[b] = slots;
          slotStart[slots] = used;
          fillTo[slots] = used;
          slots++;
          used += c;
        }
        rb[r] = b;
        below[r] = cum;
        r++;
      }
      cum += c;
    }
    if (this.buf.length < used) this.buf = new Float64Array(Math.max(used, 2 * this.buf.length));
    const buf = this.buf;
    for (let i = 0; i < n; i++) {
      const s = slotOf[bucket[i]!]!;
      if (s >= 0) buf[fillTo[s]!++] = v[i]!;
    }
    for (let i = 0; i < ranks.length; i++) {
      const s = slotOf[rb[i]!]!;
      const start = slotStart[s]!;
      const k = start + ranks[i]! - below[i]!;
      select(buf, k, start, start + counts[rb[i]!]! - 1);
      out[i] = buf[k]!;
    }
    for (let i = 0; i < ranks.length; i++) slotOf[rb[i]!] = -1;
  }
}

/**
 * Reorders v[left..right] so that v[k] is the value a sort would put there, smaller or equal
 * values before it and greater or equal after it: Floyd & Rivest's selection (1975, "Algorithm
 * 489: SELECT", CACM 18(3)), which narrows to a sampled range around k first. Finite values only;
 * every value outside [left, right] must already be ≤ (before) or ≥ (after) the values inside.
 */
function select(v: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      select(v, k, Math.max(left, Math.floor(k - (m * s) / n + sd)), Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)));
    }
    const t = v[k]!;
    let i = left;
    let j = right;
    swap(v, left, k);
    if (v[right]! > t) swap(v, left, right);
    while (i < j) {
      swap(v, i, j);
      i++;
      j--;
      while (v[i]! < t) i++;
      while (v[j]! > t) j--;
    }
    if (v[left] === t) swap(v, left, j);
    else {
      j++;
      swap(v, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(v: Float64Array, i: number, j: number): void {
  const t = v[i]!;
  v[i] = v[j]!;
  v[j] = t;
}

/** Quantiles of the values (reordered in place): by selection when all are finite, else by a sort. */
export function quantilesOf(v: Float64Array, qs: readonly number[], selector: RankSelector): number[] {
  if (!allFinite(v)) {
    v.sort();
    return qs.map((p) => interpolate(v.length, p, (j) => v[j]!));
  }
  const ranks = quantileRanks(v.length, qs, false);
  const values = new Float64Array(ranks.length);
  selector.select(v, ranks, values);
  return fromRanks(v.length, qs, ranks, values, NaN);
}

/**
 * Quantiles by `interpolate` from order statistics found at `ranks` (values[i] at ranks[i]); with
 * a finite `mirrorOf` P, the quantiles of P − x instead: its j-th smallest is P − the (n − 1 − j)-th
 * smallest x (the ranks must then include n − 1 − j for each j read, as `quantileRanks(…, true)`).
 */
export function fromRanks(n: number, qs: readonly number[], ranks: readonly number[], values: Float64Array, mirrorOf: number): number[] {
  // Sized up front: `push` onto [] would reserve room for 16 values per array (one per row of a
  // national simulation: about 35 MB more than the values need).
  const out = new Array<number>(qs.length);
  const at = (j: number): number => (Number.isNaN(mirrorOf) ? values[ranks.indexOf(j)]! : mirrorOf - values[ranks.indexOf(n - 1 - j)]!);
  for (let i = 0; i < qs.length; i++) out[i] = interpolate(n, qs[i]!, at);
  return out;
}

/** The ranks `interpolate` reads for each p (⌊(n − 1) p⌋ and the next), with n − 1 − j for each when `mirror`; ascending, distinct. */
export function quantileRanks(n: number, qs: readonly number[], mirror: boolean): number[] {
  const r = new Set<number>();
  for (const p of qs) {
    const lo = Math.floor((n - 1) * p);
    for (const j of lo + 1 < n ? [lo, lo + 1] : [lo]) {
      r.add(j);
      if (mirror) r.add(n - 1 - j);
    }
  }
  return [...r].sort((x, y) => x - y);
}

/**
 * `quantileSorted`'s formula on order statistics given by `at(j)` (the j-th smallest of n
 * values): h = (n − 1) p, Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
 */
export function interpolate(n: number, p: number, at: (j: number) => number): number {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = at(lo);
  if (lo + 1 >= n) return a;
  const b = at(lo + 1);
  return a === b ? a : a + (h - lo) * (b - a);
}
export function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) return false;
  return true;
}
