/**
 * The kernel of `simulate`: projects a block of draws of one area at once, with the arithmetic of
 * the deterministic kernel (`projectArea`) per draw and in the same order, so that with every
 * source off each draw equals the forecast to the last bit.
 *
 * Speed work kept here, each for the national simulation's target (2,844 areas, 1,000 draws to
 * +15 in under 5 s on one thread):
 * - draws run in blocks of `LANES` with every per-draw buffer value-major (x[i B + l]), so each
 *   step is one loop over the draws of the block instead of one call per draw;
 * - ratio errors are read from a table of exp(λ e_i + ν e_j) per grade (no exp per draw and
 *   year), and a random walk's factor is carried per grade and draw from year to year;
 * - two progression grades of one stage that share their error positions run in one loop;
 * - any other grade with a pair table runs in one pass (factor, walk, births and stage sum
 *   together; about 4% of the national run's CPU time).
 */
import { Fill } from "../../cohort/project.js";

/** Draws simulated together in one block (value-major buffers of G × LANES values per year). */
export const LANES = 128;

/**
 * The buffers and inputs of one area's block kernel (`projectBlock`): per-draw values are stored
 * value-major, x[i * B + l] for draw d0 + l of the block.
 */
export interface BlockKernel {
  readonly G: number;
  readonly H: number;
  readonly D: number;
  readonly B: number;
  readonly fill: Uint8Array;
  /** Base-year pupils per grade. */
  readonly base: Float64Array;
  /** The deterministic ratios and drivers, [g * H + h − 1]. */
  readonly ratio: Float64Array;
  readonly driver: Float64Array;
  /** Years past the last known births of each entry cell (0: known). */
  readonly kOf: Int32Array;
  readonly expPair: readonly Float64Array[];
  /** exp(λ e_i) of a grade whose error list is too long for a pair table (else undefined). */
  readonly expOne: readonly (Float64Array | undefined)[];
  /** exp(ν e_i) of the same grades (the fresh part; the same array when ν = λ). */
  readonly expOneFresh: readonly (Float64Array | undefined)[];
  /** exp(ρ e_i) of a grade whose errors have a random-walk part (else undefined). */
  readonly walk: readonly (Float64Array | undefined)[];
  /** w_h of each year and draw, [(h − 1) B + l] (`BlockDraws.UW`; empty without a walk). */
  readonly UW: Float64Array;
  /** ⌊w_h m⌋ per distinct m, year and draw, [(q H + h − 1) B + l] (empty without a walk). */
  readonly wIx: Int32Array;
  /** The walk's factor so far, exp(ρ e[w₁]) ⋯ exp(ρ e[w_h]), per grade and draw, [g B + l]. */
  readonly cw: Float64Array;
  /** Scratch: exp(λ e_i) · exp(ν e_j) per draw, and the positions 0 … B − 1 to read it with. */
  readonly mul: Float64Array;
  /** Scratch: one grade's error factor per draw with its walk. */
  readonly fac: Float64Array;
  readonly identity: Int32Array;
  /** Distinct error counts m > 0, and each grade's index among them (−1: no errors). */
  readonly ms: Int32Array;
  readonly mSlot: Int32Array;
  readonly errIx: Int32Array;
  /** Scratch: ⌊u_P m⌋ m of each draw of the block. */
  readonly rowP: Int32Array;
  readonly uP: Float64Array;
  readonly U: Float64Array;
  readonly growth: Float64Array;
  readonly stageOf: Int32Array;
  readonly firstOf: Uint8Array;
  /** Stage sums, cell-major: tot[(si * H + h − 1) * D + d]. */
  readonly tot: Float64Array;
  prev: Float64Array;
  cur: Float64Array;
  /** Scratch: the births (or 1s) of one grade and year per draw. */
  readonly src: Float64Array;
  /** A table holding 1 and zero positions, for grades without errors. */
  readonly ones: Float64Array;
  /** B ones (a constant driver times 1). */
  readonly onesB: Float64Array;
  readonly zeroIx: Int32Array;
  /** 1 where the grade above is a progression grade (the grade's pupils are read the next year). */
  readonly needCur: Uint8Array;
}

/**
 * Projects draws d0 … d0 + n − 1 of one area (`projectArea`'s arithmetic per draw, in the same
 * order) and adds each grade to its stage's sum in `tot` (as `stageSums`, grade by grade).
 * Ratio errors: per distinct error count m, errIx[(q H + h − 1) B + l] = ⌊u_P m⌋ m + ⌊u_h m⌋,
 * the entry of exp(λ e[u_P] + ν e[u_h]) in expPair[g]; a grade with a random walk is also
 * multiplied by its walk so far (cw, one more step exp(ρ e[⌊w_h m⌋]) each year); births past the
 * known years × growth[k B + l].
 */
export function projectBlock(kn: BlockKernel, d0: number, n: number): void {
  const { G, H, D, B, fill, ratio, driver, kOf, expPair, ms, mSlot, errIx, uP, U, growth, stageOf, firstOf, tot, base } = kn;
  const { rowP, walk, UW, wIx, cw } = kn;
  const anyWalk = UW.length > 0;
  for (let q = 0; q < ms.length; q++) {
    const m = ms[q]!;
    for (let l = 0; l < n; l++) rowP[l] = Math.floor(uP[l]! * m) * m;
    for (let h = 0; h < H; h++) {
      const o = (q * H + h) * B;
      const uo = h * B;
      for (let l = 0; l < n; l++) errIx[o + l] = rowP[l]! + Math.floor(U[uo + l]! * m);
      if (anyWalk) for (let l = 0; l < n; l++) wIx[o + l] = Math.floor(UW[uo + l]! * m);
    }
  }
  if (anyWalk) for (let g = 0; g < G; g++) if (walk[g]) cw.fill(1, g * B, g * B + n);
  let prev = kn.prev;
  let cur = kn.cur;
  const { src, ones, zeroIx, needCur } = kn;
  for (let g = 0; g < G; g++) prev.fill(base[g]!, g * B, g * B + n);
  for (let h = 1; h <= H; h++) {
    for (let g = 0; g < G; g++) {
      const f = fill[g];
      const o = g * B;
      const r0 = ratio[g * H + h - 1]!;
      const q = mSlot[g]!;
      const io = (q * H + h - 1) * B;
      const si = stageOf[g]!;
      const to = (si * H + h - 1) * D + d0;
      if (f === Fill.progression && q >= 0 && si >= 0 && firstOf[g] === 0) {
        const g2 = g + 1;
        const w0 = walk[g];
        const w1 = walk[g2];
        if (g2 < G && fill[g2] === Fill.progression && mSlot[g2] === q && stageOf[g2] === si && firstOf[g2] === 0 && needCur[g] === 1 && w0 && w1) {
          // The same with a random walk: each grade's walk takes one more step (shared positions).
          const t = expPair[g]!;
          const r1 = ratio[g2 * H + h - 1]!;
          const t1 = expPair[g2]!;
          const o1 = g2 * B;
          const pg = (g - 1) * B;
          for (let l = 0; l < n; l++) {
            const e = errIx[io + l]!;
            const wi = wIx[io + l]!;
            const c0 = cw[o + l]! * w0[wi]!;
            const c1 = cw[o1 + l]! * w1[wi]!;
            cw[o + l] = c0;
            cw[o1 + l] = c1;
            const v = r0 * (t[e]! * c0) * prev[pg + l]!;
            const w = r1 * (t1[e]! * c1) * prev[o + l]!;
            cur[o + l] = v;
            cur[o1 + l] = w;
            tot[to + l] = tot[to + l]! + v + w;
          }
          g = g2;
          continue;
        }
        if (g2 < G && fill[g2] === Fill.progression && mSlot[g2] === q && stageOf[g2] === si && firstOf[g2] === 0 && needCur[g] === 1 && !w0 && !w1) {
          // Two perturbed progression grades of one stage in one loop: they share the error
          // positions, and (tot + v) + w adds them in grade order, as one at a time would.
          const t = expPair[g]!;
          const r1 = ratio[g2 * H + h - 1]!;
          const t1 = expPair[g2]!;
          const o1 = g2 * B;
          const pg = (g - 1) * B;
          for (let l = 0; l < n; l++) {
            const e = errIx[io + l]!;
            const v = r0 * t[e]! * prev[pg + l]!;
            const w = r1 * t1[e]! * prev[o + l]!;
            cur[o + l] = v;
            cur[o1 + l] = w;
            tot[to + l] = tot[to + l]! + v + w;
          }
          g = g2;
          continue;
        }
      }
      if (f === Fill.none) {
        cur.fill(0, o, o + n);
        continue;
      }
      const wt = walk[g];
      if (q >= 0 && si >= 0 && !kn.expOne[g]) {
        // One grade with a pair table, in one pass: v = r0 · (t[e] · c) · x (with its walk c) or
        // r0 · t[e] · x, x = xm · xs[xo + l]: the grade below (xm = 1), the births times their
        // growth, or a constant times 1. Multiplying by 1 is exact, so these are the products of
        // the general path below, which writes the factor and the births to scratch first (two
        // more passes over the draws). Measured in turns on 1,000 synthetic areas with 1,000
        // draws, second run of a process, load average 16–19 on 2 cores: 6.26–6.33 s of CPU
        // before, 6.05 s after (about 4%).
        const t = expPair[g]!;
        let xs = kn.onesB;
        let xo = 0;
        let xm = 1;
        if (f === Fill.progression) {
          xs = prev;
          xo = (g - 1) * B;
        } else if (f === Fill.births) {
          xm = driver[g * H + h - 1]!;
          const k = kOf[g * H + h - 1]!;
          if (k > 0) {
            xs = growth;
            xo = k * B;
          }
        }
        if (wt) {
          if (firstOf[g] === 1) {
            for (let l = 0; l < n; l++) {
              const c = cw[o + l]! * wt[wIx[io + l]!]!;
              cw[o + l] = c;
              const v = r0 * (t[errIx[io + l]!]! * c) * (xm * xs[xo + l]!);
              cur[o + l] = v;
              tot[to + l] = 0 + v;
            }
          } else {
            for (let l = 0; l < n; l++) {
              const c = cw[o + l]! * wt[wIx[io + l]!]!;
              cw[o + l] = c;
              const v = r0 * (t[errIx[io + l]!]! * c) * (xm * xs[xo + l]!);
              cur[o + l] = v;
              tot[to + l] = tot[to + l]! + v;
            }
          }
        } else if (firstOf[g] === 1) {
          for (let l = 0; l < n; l++) {
            const v = r0 * t[errIx[io + l]!]! * (xm * xs[xo + l]!);
            cur[o + l] = v;
            tot[to + l] = 0 + v;
          }
        } else {
          for (let l = 0; l < n; l++) {
            const v = r0 * t[errIx[io + l]!]! * (xm * xs[xo + l]!);
            cur[o + l] = v;
            tot[to + l] = tot[to + l]! + v;
          }
        }
        continue;
      }
      // One grade: v = ratio · exp(e_P + e_h) · x, x the grade below a year earlier
      // (progression), the births (entry; × growth past the known years), or 1 (level); the same
      // products in the same order as projectArea's (a factor of exactly 1 where a grade has no
      // errors changes nothing).
      let t = q >= 0 ? expPair[g]! : ones;
      let ix = q >= 0 ? errIx : zeroIx;
      let iox = q >= 0 ? io : 0;
      const e1 = kn.expOne[g];
      if (e1) {
        // A long error list: exp(e[⌊u_P m⌋]) · exp(e[⌊u_h m⌋]) per draw, read back in order.
        const m = e1.length;
        const { mul } = kn;
        const e1f = kn.expOneFresh[g]!;
        for (let l = 0; l < n; l++) mul[l] = e1[Math.floor(uP[l]! * m)]! * e1f[Math.floor(U[(h - 1) * B + l]! * m)]!;
        t = mul;
        ix = kn.identity;
        iox = 0;
      }
      if (wt) {
        // The walk's next step, then the grade's factor per draw with it.
        const { fac } = kn;
        const m = wt.length;
        const uo = (h - 1) * B;
        for (let l = 0; l < n; l++) {
          const c = cw[o + l]! * wt[q >= 0 && !e1 ? wIx[io + l]! : Math.floor(UW[uo + l]! * m)]!;
          cw[o + l] = c;
          fac[l] = t[ix[iox + l]!]! * c;
        }
        t = fac;
        ix = kn.identity;
        iox = 0;
      }
      let x: Float64Array;
      let xo = 0;
      if (f === Fill.progression) {
        x = prev;
        xo = (g - 1) * B;
      } else if (f === Fill.births) {
        const drv = driver[g * H + h - 1]!;
        const k = kOf[g * H + h - 1]!;
        x = src;
        if (k > 0) for (let l = 0; l < n; l++) src[l] = drv * growth[k * B + l]!;
        else src.fill(drv, 0, n);
      } else {
        x = src;
        src.fill(1, 0, n);
      }
      const keep = needCur[g] === 1;
      if (si < 0) {
        for (let l = 0; l < n; l++) cur[o + l] = r0 * t[ix[iox + l]!]! * x[xo + l]!;
      } else if (firstOf[g] === 1) {
        for (let l = 0; l < n; l++) {
          const v = r0 * t[ix[iox + l]!]! * x[xo + l]!;
          if (keep) cur[o + l] = v;
          tot[to + l] = 0 + v;
        }
      } else {
        for (let l = 0; l < n; l++) {
          const v = r0 * t[ix[iox + l]!]! * x[xo + l]!;
          if (keep) cur[o + l] = v;
          tot[to + l] = tot[to + l]! + v;
        }
      }
    }
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  kn.prev = prev;
  kn.cur = cur;
}

/**
 * Adds one housing project to the stage sums of draws d0 … d0 + n − 1: cell k of draw l gets
 * contrib[δ SH + k], δ = slip[sl + l] its delay, for every cell k the project reaches (`at`:
 * scratch for δ SH per draw).
 */
export function addProject(tot: Float64Array, D: number, d0: number, n: number, contrib: Float64Array, SH: number, cells: Int32Array, slip: Int32Array, sl: number, at: Int32Array): void {
  for (let l = 0; l < n; l++) at[l] = slip[sl + l]! * SH;
  for (let c = 0; c < cells.length; c++) {
    const k = cells[c]!;
    const o = k * D + d0;
    for (let l = 0; l < n; l++) tot[o + l] = tot[o + l]! + contrib[at[l]! + k]!;
  }
}

/** Stage sums of one projected path: target[si * H + h − 1] = Σ over the stage's grades of out[g * W + h], h = 1..H. */
export function stageSums(out: Float64Array, W: number, H: number, stageGrades: readonly Int32Array[], target: Float64Array): void {
  for (let si = 0; si < stageGrades.length; si++) {
    const gs = stageGrades[si]!;
    for (let h = 1; h <= H; h++) {
      let s = 0;
      for (let j = 0; j < gs.length; j++) s += out[gs[j]! * W + h]!;
      target[si * H + h - 1] = s;
    }
  }
}

