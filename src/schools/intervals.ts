import { cutPanel, fitSchoolPanel, projectSchoolPanel, type ResolvedSchoolModelOptions, type SchoolPanel } from "./kernel.js";
import { plainProject } from "./plain.js";

/**
 * Errors of school totals from rolling origins inside the history, by horizon and size class:
 * `logErrors[h − 1][c]` lists ln(actual / forecast) of school totals h years ahead for schools of
 * size class c at the origin.
 */
export interface SchoolErrorTable {
  /** Upper bounds of the size classes (pupils at the origin), ascending; the last class is open. */
  readonly sizeBreaks: readonly number[];
  readonly logErrors: readonly (readonly (readonly number[])[])[];
}

/** Size-class breaks (school totals at the origin) of the error table, in pupils. @see schoolErrorTable */
export const SCHOOL_SIZE_BREAKS: readonly number[] = Object.freeze([300, 600]);

/**
 * Rolling-origin errors of the school model inside a panel's history.
 *
 * For every origin o with at least 2 history years before it (o = firstYear + 2 … baseYear − 1)
 * and horizon h ≤ min(maxHorizon, baseYear − o): the panel is cut at o; its area targets beyond o
 * are the **plain projection of the area's own history** (`plainProject` on the area totals,
 * mean of 3 ratios, entry at the mean of 3 counts), so the errors carry an area forecast error
 * as a forecast from real data does; the school model is fitted and projected with `options`;
 * for each school teaching at o and at o + h with a known, positive actual total and a positive
 * forecast, ln(actual / forecast) joins the list of its horizon and size class (total at o
 * against `SCHOOL_SIZE_BREAKS`: < 300, 300–599, ≥ 600 pupils).
 *
 * With `areaTargets: "actual"` the area targets beyond o are the area's **actual** pupils: the
 * errors are then those of how pupils divide between schools given the area, the school-level
 * noise that `simulateSchools` puts on top of simulated area paths (whose own spread carries the
 * area's error).
 *
 * @param panel - the panel (only its history is used)
 * @param options - the model options of the forecast the intervals will surround
 * @param maxHorizon - the largest horizon kept
 * @param areaTargets - `"plain"` (default: the plain projection of the area) or `"actual"`
 * @example
 * ```ts
 * const table = schoolErrorTable(panel, resolveSchoolOptions(), 5);
 * const shares = schoolErrorTable(panel, resolveSchoolOptions(), 5, "actual");
 * ```
 */
export function schoolErrorTable(panel: SchoolPanel, options: ResolvedSchoolModelOptions, maxHorizon: number, areaTargets: "plain" | "actual" = "plain"): SchoolErrorTable {
  const S = panel.schools.length;
  const G = panel.grades.length;
  const A = panel.areas.length;
  const Y = panel.baseYear - panel.firstYear + 1;
  const T = Y + (panel.to - panel.baseYear);
  const C = SCHOOL_SIZE_BREAKS.length + 1;
  const logErrors: number[][][] = Array.from({ length: maxHorizon }, () => Array.from({ length: C }, () => [] as number[]));
  for (let o = 2; o < Y - 1; o++) {
    const H = Math.min(maxHorizon, Y - 1 - o);
    const Yo = o + 1;
    const To = Yo + H;
    const sub = cutPanel(panel, Yo, H);
    // Area targets beyond o: the plain projection of the area totals (or the actual totals, kept by cutPanel).
    if (areaTargets === "plain") {
      const aHist = new Float64Array(A * G * Yo);
      const aOff = new Uint8Array(A * G * To);
      for (let k = 0; k < A * G; k++) {
        let any = false;
        for (let y = 0; y < Yo; y++) {
          const v = panel.areaPupils[k * T + y]!;
          aHist[k * Yo + y] = v;
          if (v === v) any = true;
        }
        if (any) for (let t = 0; t < To; t++) aOff[k * To + t] = 1;
      }
      const aProj = plainProject(aHist, aOff, A, G, Yo, H, 3);
      const areaPupils = sub.areaPupils as Float64Array;
      for (let k = 0; k < A * G; k++) for (let h = 1; h <= H; h++) areaPupils[k * To + Yo - 1 + h] = aProj[k * (H + 1) + h]!;
    }
    const proj = projectSchoolPanel(sub, fitSchoolPanel(sub, options), options);
    for (let s = 0; s < S; s++) {
      const base = totalAt(panel.pupils, panel.offered, s, G, Y, T, o);
      if (!(base > 0)) continue;
      let c = 0;
      while (c < SCHOOL_SIZE_BREAKS.length && base >= SCHOOL_SIZE_BREAKS[c]!) c++;
      for (let h = 1; h <= H; h++) {
        const actual = totalAt(panel.pupils, panel.offered, s, G, Y, T, o + h);
        if (!(actual > 0)) continue;
        let f = 0;
        for (let g = 0; g < G; g++) f += proj.pupils[(s * G + g) * (H + 1) + h]!;
        if (f > 0) logErrors[h - 1]![c]!.push(Math.log(actual / f));
      }
    }
  }
  return { sizeBreaks: SCHOOL_SIZE_BREAKS, logErrors };
}

/** School s's total in history year index y: NaN when a taught grade is missing, 0 when none is taught. */
export function totalAt(pupils: Float64Array, offered: Uint8Array, s: number, G: number, Y: number, T: number, y: number): number {
  let sum = 0;
  for (let g = 0; g < G; g++) {
    if (!offered[(s * G + g) * T + y]) continue;
    sum += pupils[(s * G + g) * Y + y]!;
  }
  return sum;
}


/**
 * The quantile q of sorted values (linear interpolation between order statistics, type 7 of
 * Hyndman & Fan 1996, as R's default).
 *
 * @example
 * ```ts
 * sortedQuantile([1, 2, 3, 4], 0.5) // 2.5
 * ```
 */
export function sortedQuantile(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const x = (n - 1) * q;
  const i = Math.floor(x);
  const f = x - i;
  return i + 1 < n ? sorted[i]! * (1 - f) + sorted[i + 1]! * f : sorted[n - 1]!;
}

/** Lower and upper log-error quantiles per horizon (index h − 1) and size class. */
export interface IntervalBounds {
  readonly lo: readonly (readonly number[])[];
  readonly hi: readonly (readonly number[])[];
}

/** Fewest errors behind a quantile of one (horizon, size class) before classes are pooled. */
export const MIN_ERRORS = 15;

/**
 * Log-error quantiles for an interval of coverage `level` per horizon 1…H and size class.
 *
 * Rule: the quantiles (1 − level)/2 and (1 + level)/2 of the horizon's errors in the size class
 * when it has at least `MIN_ERRORS`, else of the horizon's errors over all classes; a horizon with
 * fewer than `MIN_ERRORS` in all takes the largest horizon h′ < h that has them, its quantiles
 * scaled by √(h / h′) (errors of a random walk grow with √h); with none at all, the bounds are 0
 * (a point interval, and `schoolIntervalBounds` cannot widen it).
 *
 * @example
 * ```ts
 * const b = schoolIntervalBounds(schoolErrorTable(panel, resolveSchoolOptions(), 5), 5, 0.8);
 * ```
 */
export function schoolIntervalBounds(table: SchoolErrorTable, H: number, level: number): IntervalBounds {
  const C = table.sizeBreaks.length + 1;
  const qa = (1 - level) / 2;
  const qb = (1 + level) / 2;
  const lo: number[][] = [];
  const hi: number[][] = [];
  let lastOk = -1;
  for (let h = 1; h <= H; h++) {
    const rows = h <= table.logErrors.length ? table.logErrors[h - 1]! : [];
    const all = rows.flat().sort((p, q) => p - q);
    const l: number[] = [];
    const u: number[] = [];
    if (all.length >= MIN_ERRORS) {
      lastOk = h;
      for (let c = 0; c < C; c++) {
        const own = rows[c] && rows[c]!.length >= MIN_ERRORS ? [...rows[c]!].sort((p, q) => p - q) : all;
        l.push(sortedQuantile(own, qa));
        u.push(sortedQuantile(own, qb));
      }
    } else if (lastOk > 0) {
      const f = Math.sqrt(h / lastOk);
      for (let c = 0; c < C; c++) {
        l.push(lo[lastOk - 1]![c]! * f);
        u.push(hi[lastOk - 1]![c]! * f);
      }
    } else {
      for (let c = 0; c < C; c++) {
        l.push(0);
        u.push(0);
      }
    }
    lo.push(l);
    hi.push(u);
  }
  return { lo, hi };
}
