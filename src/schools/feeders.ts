/**
 * Feeder intake: a school's entry grade forecast from the last grade of the schools that feed it
 * (as English local authorities project Year 7 intake from Year 6 in the feeder primaries), with
 * the transfer weights from a given feeder map or learned from the data.
 */
import type { SchoolPanel } from "./kernel.js";

/** One link of a feeder map, by school index in the panel: pupils leaving `from` (its last grade) go on to `to`'s entry grade, `share` of them (1 when unknown). */
export interface FeederLink {
  readonly to: number;
  readonly from: number;
  readonly share: number;
}

/**
 * Fitted transfer weights, in compressed rows: for (school r, grade g) at i = r · G + g, the
 * senders are `from[start[i] … start[i + 1] − 1]` with weights `weight[…]`; intake into g in year
 * t = Σ weight · (the sender's pupils in g − 1 in t − 1, where it teaches g − 1 in t − 1 and not g
 * in t). Rows with no sender use the share rule.
 */
export interface FeederFit {
  readonly start: Int32Array;
  readonly from: Int32Array;
  readonly weight: Float64Array;
  /** `mapped[i]`: 1 where the row came from a feeder map, 0 where learned. */
  readonly mapped: Uint8Array;
}

/** Fewest leavers, as a share of the area's pupils in the grade below, behind a learned feeder row. */
export const MIN_LEAVER_SHARE = 0.5;

/**
 * Fits feeder weights for every (school, grade g ≥ 1) where the school takes an intake into g
 * (teaches g in year y and did not teach g − 1 in y − 1) in at least 2 of the last `years`
 * history years with every sender's count known.
 *
 * Senders of school r into g: its linked schools (`panel.feeders`, with their shares w) when the
 * map names r; otherwise every other school of r's area that leaves after g − 1 (teaches g − 1
 * in y − 1 and not g in y) in some year of the window or of the forecast. With x[e,y] the
 * sender's (weighted) count of g − 1 in y − 1 and I[y] the intake:
 * - the common rate m = Σ_y I[y] / Σ_y Σ_e x[e,y] (the intake as a share of the senders' last
 *   grade, the rate an English authority applies to its feeder primaries' Year 6);
 * - mapped rows: weight[e] = m · w[e];
 * - learned rows: weight[e] = m + δ[e], δ the ridge regression of the residuals I − m · Σ x on
 *   the senders' counts toward 0, penalty λ · Σ_e D[e] · δ[e]², D[e] = Σ_y x[e,y]² (so λ is
 *   free of scale): δ = D⁻¹ Xᵀ (X D⁻¹ Xᵀ + λ I)⁻¹ r, solved in its n × n dual (n the years);
 *   λ = ∞ gives δ = 0 (intake a steady share of the area's leavers). A learned row needs the
 *   leavers to be at least `MIN_LEAVER_SHARE` of the area's pupils in g − 1 over its years: a
 *   school entered from the middle of other schools' spans (a charter starting at grade 5 where
 *   most schools run K-5) keeps the share rule.
 *
 * @param panel - the school panel (with `feeders` for mapped rows)
 * @param years - history years of intake used
 * @param penalty - λ ≥ 0 (Infinity: no school-specific weights)
 * @param learn - learn weights for schools the map does not name (false: mapped rows only)
 * @example
 * ```ts
 * const ff = fitFeeders(panel, 6, 1);
 * ```
 */
export function fitFeeders(panel: SchoolPanel, years: number, penalty: number, learn = true): FeederFit {
  const S = panel.schools.length;
  const G = panel.grades.length;
  const Y = panel.baseYear - panel.firstYear + 1;
  const T = Y + (panel.to - panel.baseYear);
  const { pupils, offered, areaOf } = panel;
  const y0 = Math.max(1, Y - years);
  const mapOf = new Map<number, FeederLink[]>();
  for (const l of panel.feeders ?? []) {
    const list = mapOf.get(l.to);
    if (list) list.push(l);
    else mapOf.set(l.to, [l]);
  }
  const byArea = new Map<number, number[]>();
  for (let s = 0; s < S; s++) {
    const list = byArea.get(areaOf[s]!);
    if (list) list.push(s);
    else byArea.set(areaOf[s]!, [s]);
  }
  // e leaves after g − 1 into year t (1 ≤ t < T).
  const leaves = (e: number, g: number, t: number): boolean => offered[(e * G + g - 1) * T + t - 1] === 1 && offered[(e * G + g) * T + t] !== 1;
  const start = new Int32Array(S * G + 1);
  const from: number[] = [];
  const weight: number[] = [];
  const mapped = new Uint8Array(S * G);
  const obsY: number[] = [];
  for (let r = 0; r < S; r++) {
    for (let g = 0; g < G; g++) {
      const i = r * G + g;
      start[i] = from.length;
      if (g === 0) continue;
      // Intake years of r into g with a known count.
      obsY.length = 0;
      for (let y = y0; y < Y; y++) {
        if (offered[i * T + y] !== 1 || offered[(i - 1) * T + y - 1] === 1) continue;
        const p = pupils[i * Y + y]!;
        if (p === p) obsY.push(y);
      }
      if (obsY.length < 2) continue;
      const links = mapOf.get(r);
      if (!links && !learn) continue;
      let senders: number[];
      let w: number[];
      if (links) {
        senders = links.map((l) => l.from);
        w = links.map((l) => l.share);
      } else {
        senders = [];
        for (const e of byArea.get(areaOf[r]!)!) {
          if (e === r) continue;
          for (let t = y0; t < T; t++) {
            if (leaves(e, g, t)) {
              senders.push(e);
              break;
            }
          }
        }
        w = senders.map(() => 1);
      }
      if (senders.length === 0) continue;
      // x[k * n + j]: sender k's weighted count for observation j; drop years with a missing count.
      const rows: number[] = [];
      const xs: number[] = [];
      for (const y of obsY) {
        let ok = true;
        const col: number[] = [];
        for (let k = 0; k < senders.length; k++) {
          const e = senders[k]!;
          if (!leaves(e, g, y)) {
            col.push(0);
            continue;
          }
          const q = pupils[(e * G + g - 1) * Y + y - 1]!;
          if (!(q === q)) {
            ok = false;
            break;
          }
          col.push(q * w[k]!);
        }
        if (!ok) continue;
        rows.push(y);
        xs.push(...col);
      }
      const n = rows.length;
      const E = senders.length;
      if (n < 2) continue;
      // xs is observation-major: xs[j * E + k].
      let sumI = 0;
      let sumX = 0;
      const I = new Float64Array(n);
      const X = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        I[j] = pupils[i * Y + rows[j]!]!;
        let v = 0;
        for (let k = 0; k < E; k++) v += xs[j * E + k]!;
        X[j] = v;
        sumI += I[j]!;
        sumX += v;
      }
      if (!(sumX > 0)) continue;
      if (!links) {
        // Learned rows only where the leavers are most of the area's pupils in g − 1 (a school entered
        // from every school's grade, such as a charter taking grade 5 from K-5 schools, keeps the share rule).
        let area = 0;
        for (const y of rows) area += panel.areaPupils[(areaOf[r]! * G + g - 1) * T + y - 1]!;
        if (!(sumX >= MIN_LEAVER_SHARE * area)) continue;
      }
      const m = sumI / sumX;
      const delta = new Float64Array(E);
      if (!links && Number.isFinite(penalty)) {
        const D = new Float64Array(E);
        for (let k = 0; k < E; k++) for (let j = 0; j < n; j++) D[k]! += xs[j * E + k]! ** 2;
        const K = new Float64Array(n * n);
        for (let a = 0; a < n; a++)
          for (let b = 0; b < n; b++) {
            let v = 0;
            for (let k = 0; k < E; k++) if (D[k]! > 0) v += (xs[a * E + k]! * xs[b * E + k]!) / D[k]!;
            K[a * n + b] = v + (a === b ? penalty : 0);
          }
        const res = new Float64Array(n);
        for (let j = 0; j < n; j++) res[j] = I[j]! - m * X[j]!;
        const alpha = solve(K, res, n);
        if (alpha) for (let k = 0; k < E; k++) if (D[k]! > 0) for (let j = 0; j < n; j++) delta[k]! += (xs[j * E + k]! * alpha[j]!) / D[k]!;
      }
      for (let k = 0; k < E; k++) {
        from.push(senders[k]!);
        weight.push(links ? m * w[k]! : m + delta[k]!);
      }
      mapped[i] = links ? 1 : 0;
    }
  }
  start[S * G] = from.length;
  return { start, from: Int32Array.from(from), weight: Float64Array.from(weight), mapped };
}

/** Solves K α = b (n × n, row-major) by Gaussian elimination with partial pivoting; undefined when singular. */
function solve(K: Float64Array, b: Float64Array, n: number): Float64Array | undefined {
  const M = K.slice();
  const x = b.slice();
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r * n + c]!) > Math.abs(M[p * n + c]!)) p = r;
    if (!(Math.abs(M[p * n + c]!) > 1e-12)) return undefined;
    if (p !== c) {
      for (let k = 0; k < n; k++) [M[c * n + k], M[p * n + k]] = [M[p * n + k]!, M[c * n + k]!];
      [x[c], x[p]] = [x[p]!, x[c]!];
    }
    for (let r = c + 1; r < n; r++) {
      const f = M[r * n + c]! / M[c * n + c]!;
      if (f === 0) continue;
      for (let k = c; k < n; k++) M[r * n + k]! -= f * M[c * n + k]!;
      x[r]! -= f * x[c]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let v = x[r]!;
    for (let k = r + 1; k < n; k++) v -= M[r * n + k]! * x[k]!;
    x[r] = v / M[r * n + r]!;
  }
  return x;
}

/**
 * The feeder intake of row i = r · G + g in year index t (1 ≤ t), given every school's pupils of
 * the year before: Σ weight · prev(e, g − 1) over senders e leaving after g − 1 into t; NaN
 * when the row has no senders.
 *
 * @param prev - `prev(e, g)`: school e's pupils in grade g in year t − 1
 */
export function feederIntake(ff: FeederFit, panel: SchoolPanel, i: number, t: number, prev: (e: number, g: number) => number): number {
  const a = ff.start[i]!;
  const b = ff.start[i + 1]!;
  if (a === b) return NaN;
  const G = panel.grades.length;
  const T = panel.to - panel.firstYear + 1;
  const g = i % G;
  let v = 0;
  for (let k = a; k < b; k++) {
    const e = ff.from[k]!;
    if (panel.offered[(e * G + g - 1) * T + t - 1] !== 1 || panel.offered[(e * G + g) * T + t] === 1) continue;
    const q = prev(e, g - 1);
    if (q === q) v += ff.weight[k]! * q;
  }
  return Math.max(0, v);
}
