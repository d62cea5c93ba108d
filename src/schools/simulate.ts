import { rng } from "../uncertainty/prng.js";
import { MIN_ERRORS, sortedQuantile, type SchoolErrorTable } from "./intervals.js";
import type { SchoolForecast } from "./model.js";

/** Simulated paths of school totals: `totals[(d * S + s) * H + h − 1]` for draw d, school s, year base + h. */
export interface SchoolPaths {
  readonly schools: readonly string[];
  readonly years: readonly number[];
  readonly draws: number;
  readonly seed: number;
  readonly totals: Float64Array;
}

/**
 * Simulates paths of every school's total from its forecast and the rolling-origin errors behind
 * its intervals (`SchoolForecast.errors`).
 *
 * Draw d of school s takes one uniform u (seeded: `rng(seed, "schools")`, schools in order within
 * each draw) and, for every horizon h, the u-quantile of the log errors of its horizon and size
 * class (`schoolIntervalBounds`' pooling rule: the class with ≥ `MIN_ERRORS` errors, else the
 * horizon's pooled errors, else the last horizon h′ with them scaled by √(h / h′)): total =
 * F[s,h] · e^{q(u)}. One u per school and draw keeps a path coherent (a school that runs high
 * stays high); schools are drawn independently, so the spread of a group's sum is a lower bound
 * when schools' errors move together. A group's interval is a quantile of its per-path sums
 * (`groupInterval`).
 *
 * @param sf - a school forecast made with intervals (`level` not null)
 * @param options - draws (default 1,000) and seed
 * @throws RangeError when `sf` has no error table, or draws is not a positive integer
 * @example
 * ```ts
 * const paths = simulateSchools(forecastSchools(ds, fc), { draws: 1000, seed: 1 });
 * ```
 */
export function simulateSchools(sf: SchoolForecast, options: { readonly draws?: number; readonly seed: number }): SchoolPaths {
  const table = sf.errors;
  if (!table) throw new RangeError("simulateSchools: the forecast has no error table; make it with a level (forecastSchools(…, { level: 0.8 }))");
  const draws = options.draws ?? 1000;
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError(`simulateSchools: draws must be a positive integer, got ${draws}`);
  const { panel } = sf;
  const S = panel.schools.length;
  const G = panel.grades.length;
  const W = sf.years.length;
  const H = W - 1;
  const C = table.sizeBreaks.length + 1;
  const pick = errorSources(table, H, C);
  const fcTot = new Float64Array(S * W);
  const cls = new Uint8Array(S);
  for (let s = 0; s < S; s++) {
    for (let h = 0; h < W; h++) {
      let f = 0;
      for (let g = 0; g < G; g++) f += sf.pupils[(s * G + g) * W + h] || 0;
      fcTot[s * W + h] = f;
    }
    let c = 0;
    while (c < table.sizeBreaks.length && fcTot[s * W]! >= table.sizeBreaks[c]!) c++;
    cls[s] = c;
  }
  const r = rng(options.seed, "schools");
  const totals = new Float64Array(draws * S * H);
  for (let d = 0; d < draws; d++) {
    for (let s = 0; s < S; s++) {
      const u = r.next();
      for (let h = 1; h <= H; h++) {
        const src = pick[(h - 1) * C + cls[s]!]!;
        const e = src.sorted.length ? sortedQuantile(src.sorted, u) * src.scale : 0;
        totals[(d * S + s) * H + h - 1] = fcTot[s * W + h]! * Math.exp(e);
      }
    }
  }
  return { schools: panel.schools, years: sf.years.slice(1), draws, seed: options.seed, totals };
}

function errorSources(table: SchoolErrorTable, H: number, C: number): { sorted: number[]; scale: number }[] {
  const out: { sorted: number[]; scale: number }[] = [];
  let last = -1;
  for (let h = 1; h <= H; h++) {
    const rows = h <= table.logErrors.length ? table.logErrors[h - 1]! : [];
    const all = rows.flat().sort((p, q) => p - q);
    if (all.length >= MIN_ERRORS) last = h;
    for (let c = 0; c < C; c++) {
      if (all.length >= MIN_ERRORS) {
        const own = rows[c] && rows[c]!.length >= MIN_ERRORS ? [...rows[c]!].sort((p, q) => p - q) : all;
        out.push({ sorted: own, scale: 1 });
      } else if (last > 0) out.push({ sorted: out[(last - 1) * C + c]!.sorted, scale: Math.sqrt(h / last) });
      else out.push({ sorted: [], scale: 1 });
    }
  }
  return out;
}

/**
 * The interval of a group of schools' total: quantiles (1 − level)/2 and (1 + level)/2 of the
 * per-path sums, per year.
 *
 * @example
 * ```ts
 * const g = groupInterval(paths, ["s1", "s2"], 0.8); // [{ year, lower, upper }, …]
 * ```
 */
export function groupInterval(paths: SchoolPaths, schools: readonly string[], level: number): { year: number; lower: number; upper: number }[] {
  const S = paths.schools.length;
  const H = paths.years.length;
  const idx = schools.map((id) => {
    const i = paths.schools.indexOf(id);
    if (i < 0) throw new RangeError(`groupInterval: ${id} is not a school of the paths`);
    return i;
  });
  return paths.years.map((year, h) => {
    const sums: number[] = [];
    for (let d = 0; d < paths.draws; d++) {
      let v = 0;
      for (const s of idx) v += paths.totals[(d * S + s) * H + h]!;
      sums.push(v);
    }
    sums.sort((p, q) => p - q);
    return { year, lower: sortedQuantile(sums, (1 - level) / 2), upper: sortedQuantile(sums, (1 + level) / 2) };
  });
}
