import type { SchoolSystem } from "../domain/schoolSystem.js";
import { indexSystem } from "../domain/systemIndex.js";
import { rng } from "../uncertainty/prng.js";
import type { Simulation } from "../uncertainty/simulate/options.js";
import { MIN_ERRORS, schoolErrorTable, sortedQuantile, type SchoolErrorTable } from "./intervals.js";
import type { SchoolForecast } from "./model.js";

/** Simulated paths of school totals: `totals[(d * S + s) * H + h − 1]` for draw d, school s, year base + h. */
export interface SchoolPaths {
  readonly schools: readonly string[];
  readonly years: readonly number[];
  readonly draws: number;
  readonly seed: number;
  readonly totals: Float64Array;
  /**
   * Reconciled paths only (`SchoolSimulateOptions.area`): the stage ids of the school system that
   * the schools teach in the forecast years (system order) and each school's pupils per stage, `byStage[((d * S + s) * stages.length + st) * H + h − 1]`;
   * `totals` is their sum over stages. The schools of an area sum, per draw, stage and year, to
   * the area's simulated path times the schools' coverage of the area (1 when the schools hold
   * all the area's pupils).
   */
  readonly stages?: readonly string[];
  readonly byStage?: Float64Array;
}

/** Options of `simulateSchools`. */
export interface SchoolSimulateOptions {
  /** Number of paths. @defaultValue 1000, or the area simulation's draws when `area` is given */
  readonly draws?: number;
  /** Seed of the school-level noise (`rng(seed, "schools")`). */
  readonly seed: number;
  /**
   * The simulated area paths to reconcile to: `simulate(model, { …, paths: true })` of the area
   * model the school forecast was made inside (same base year, to at least the forecast's last
   * year), and the school system (grades to stages). Without it, school totals are drawn on their
   * own from the interval errors (no area path).
   */
  readonly area?: { readonly simulation: Simulation; readonly system: SchoolSystem };
}

/**
 * Simulates paths of every school's total.
 *
 * **Reconciled to the area's paths** (`options.area`, the recommended use): for school s, stage
 * st of its area a, year base + h and draw d,
 * X[d,s,st,h] = F[s,st,h] · e^{ε[d,s,h]} · (Σ_s′ F[s′,st,h] · P[d,a,st,h] / F_a[st,h]) / Σ_s′ F[s′,st,h] · e^{ε[d,s′,h]},
 * F the school forecast (summed over the stage's grades), P the area's simulated path, F_a the
 * area's deterministic forecast (`SimulationRow.forecast`), the sums over the schools of area a.
 * So in every draw, stage and year the area's schools sum to c · P with c = Σ F / F_a their
 * coverage of the area (1 when they hold all its pupils): a group of schools and its area share
 * one world per draw. ε is the school-level share noise: the u-quantile of the log errors of
 * school totals from rolling origins in the history **given the area's actual pupils**
 * (`schoolErrorTable(…, "actual")`, with the fitted κ), by horizon and size class, one uniform u per school and draw
 * (seeded: `rng(seed, "schools")`); the area's own error comes from its paths, not twice.
 *
 * **On their own** (no `area`): school totals from the rolling-origin errors behind the
 * intervals (`SchoolForecast.errors`), which include an area error:
 * draw d of school s takes one uniform u (seeded: `rng(seed, "schools")`, schools in order within
 * each draw) and, for every horizon h, the u-quantile of the log errors of its horizon and size
 * class (`schoolIntervalBounds`' pooling rule: the class with ≥ `MIN_ERRORS` errors, else the
 * horizon's pooled errors, else the last horizon h′ with them scaled by √(h / h′)): total =
 * F[s,h] · e^{q(u)}. One u per school and draw keeps a path coherent (a school that runs high
 * stays high); schools are drawn independently, so the spread of a group's sum is a lower bound
 * when schools' errors move together. A group's interval is a quantile of its per-path sums
 * (`groupInterval`).
 *
 * @param sf - a school forecast (made with intervals, `level` not null, when drawn on its own)
 * @param options - draws, seed and the area paths to reconcile to
 * @throws RangeError when `sf` has no error table (on its own), draws is not a positive integer or
 *   differs from the area simulation's, or the area simulation has no kept paths, another base
 *   year, too few years, or no path of a stage the schools of an area teach
 * @example
 * ```ts
 * const model = fitModel(ds);
 * const sf = forecastSchools(ds, forecast(model, { to: 2025 }));
 * const simulation = simulate(model, { draws: 1000, seed: 7, to: 2025, paths: true });
 * const paths = simulateSchools(sf, { seed: 1, area: { simulation, system: ds.system } });
 * ```
 */
export function simulateSchools(sf: SchoolForecast, options: SchoolSimulateOptions): SchoolPaths {
  if (options.area) return reconciledPaths(sf, options, options.area);
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

function reconciledPaths(sf: SchoolForecast, options: SchoolSimulateOptions, area: NonNullable<SchoolSimulateOptions["area"]>): SchoolPaths {
  const sim = area.simulation;
  const kept = sim.paths;
  if (!kept) throw new RangeError("simulateSchools: the area simulation kept no paths; run simulate(model, { …, paths: true })");
  const draws = options.draws ?? kept.draws;
  if (draws !== kept.draws) throw new RangeError(`simulateSchools: draws ${draws} differ from the area simulation's ${kept.draws}; leave draws out to take the simulation's`);
  const { panel } = sf;
  const S = panel.schools.length;
  const G = panel.grades.length;
  const A = panel.areas.length;
  const W = sf.years.length;
  const H = W - 1;
  const D = draws;
  const ix = indexSystem(area.system);
  // The stages of the panel's grades that some school teaches in a forecast year, in system order.
  const Y = panel.baseYear - panel.firstYear + 1;
  const T = Y + H;
  const sysStage = panel.grades.map((id) => {
    const gi = ix.gradeById.get(id);
    if (!gi) throw new RangeError(`simulateSchools: grade ${id} of the school forecast is not a grade of the school system`);
    return gi.stageIndex;
  });
  const taught = new Uint8Array(ix.stageIds.length);
  for (let s = 0; s < S; s++) for (let g = 0; g < G; g++) for (let t = Y; t < T; t++) if (panel.offered[(s * G + g) * T + t]) taught[sysStage[g]!] = 1;
  const stages = ix.stageIds.filter((_, i) => taught[i]);
  const NS = stages.length;
  const stageOf = sysStage.map((i) => stages.indexOf(ix.stageIds[i]!));
  // School forecasts per stage: F[(s * NS + st) * H + h − 1]; the area's sum per stage: FA.
  const F = new Float64Array(S * NS * H);
  for (let s = 0; s < S; s++) for (let g = 0; g < G; g++) if (stageOf[g]! >= 0) for (let h = 1; h <= H; h++) F[(s * NS + stageOf[g]!) * H + h - 1]! += sf.pupils[(s * G + g) * W + h] || 0;
  const FA = new Float64Array(A * NS * H);
  for (let s = 0; s < S; s++) for (let k = 0; k < NS * H; k++) FA[panel.areaOf[s]! * NS * H + k]! += F[s * NS * H + k]!;
  // Area path ratios P[d] / F_a per (area, stage, draw, year).
  const ratio = new Float64Array(A * NS * D * H).fill(1);
  const forecastOf = new Map<string, number>();
  for (const r of sim.rows) forecastOf.set(`${r.area}\u0000${r.stage}\u0000${r.year}`, r.forecast);
  const cells = new Map(kept.cells.map((c) => [`${c.area}\u0000${c.stage}`, c]));
  for (let a = 0; a < A; a++) {
    for (let st = 0; st < NS; st++) {
      let need = false;
      for (let h = 1; h <= H; h++) if (FA[(a * NS + st) * H + h - 1]! > 0) need = true;
      if (!need) continue;
      const cell = cells.get(`${panel.areas[a]}\u0000${stages[st]}`);
      if (!cell) throw new RangeError(`simulateSchools: area ${panel.areas[a]}, stage ${stages[st]}: the area simulation has no path, but its schools have pupils; simulate the schools' areas`);
      const Hc = cell.years.length;
      if (cell.years[0] !== sf.years[1]) throw new RangeError(`simulateSchools: area ${panel.areas[a]}, stage ${stages[st]}: the area simulation starts in ${cell.years[0]}, the school forecast in ${sf.years[1]}; simulate the model of the same base year`);
      for (let h = 1; h <= H; h++) {
        const year = sf.years[h]!;
        const y = cell.years.indexOf(year);
        if (y < 0) throw new RangeError(`simulateSchools: area ${panel.areas[a]}, stage ${stages[st]}: the area simulation has no year ${year}; simulate to ${sf.years[H]} from the same base year`);
        const f = forecastOf.get(`${panel.areas[a]}\u0000${stages[st]}\u0000${year}`) ?? NaN;
        const base = ((a * NS + st) * D) * H + h - 1;
        if (!(f > 0)) continue;
        for (let d = 0; d < D; d++) ratio[base + d * H] = cell.pupils[d * Hc + y]! / f;
      }
    }
  }
  // School-level noise: share errors given the area, one uniform per school and draw.
  // κ as fitted (not chosen again at every origin: the choice is the costly part, and it moves the errors little).
  const table = schoolErrorTable(panel, { ...sf.options, shrinkage: sf.fit.shrinkage }, H, "actual");
  const C = table.sizeBreaks.length + 1;
  const pick = errorSources(table, H, C);
  const cls = new Uint8Array(S);
  for (let s = 0; s < S; s++) {
    let base = 0;
    for (let g = 0; g < G; g++) base += sf.pupils[(s * G + g) * W] || 0;
    let c = 0;
    while (c < table.sizeBreaks.length && base >= table.sizeBreaks[c]!) c++;
    cls[s] = c;
  }
  const r = rng(options.seed, "schools");
  const noise = new Float64Array(D * S * H);
  for (let d = 0; d < D; d++) {
    for (let s = 0; s < S; s++) {
      const u = r.next();
      for (let h = 1; h <= H; h++) {
        const src = pick[(h - 1) * C + cls[s]!]!;
        noise[(d * S + s) * H + h - 1] = src.sorted.length ? sortedQuantile(src.sorted, u) * src.scale : 0;
      }
    }
  }
  const byStage = reconcileSchoolDraws(F, panel.areaOf, A, NS, H, D, ratio, noise);
  const totals = new Float64Array(D * S * H);
  for (let d = 0; d < D; d++) for (let s = 0; s < S; s++) for (let st = 0; st < NS; st++) for (let h = 0; h < H; h++) totals[(d * S + s) * H + h]! += byStage[((d * S + s) * NS + st) * H + h]!;
  return { schools: panel.schools, years: sf.years.slice(1), draws: D, seed: options.seed, totals, stages, byStage };
}

/**
 * The kernel of reconciled school paths: school forecasts with multiplicative noise, scaled in
 * every draw so that the schools of each area and stage sum to their forecast times the area's
 * path ratio:
 * X[d,s,st,h] = F[s,st,h] · e^{ε[d,s,h]} · R[a,st,d,h] · Σ_s′ F[s′,st,h] / Σ_s′ F[s′,st,h] · e^{ε[d,s′,h]},
 * sums over the schools s′ of a = areaOf[s]. So Σ_s X[d,s,st,h] = R[a,st,d,h] · Σ_s F[s,st,h]
 * exactly (up to rounding), X ≥ 0 when F ≥ 0 and R ≥ 0, and X = F · R without noise.
 *
 * @param F - `F[(s * NS + st) * H + h]`, the school forecast per stage, h = 0 … H − 1 (years base + 1 …)
 * @param areaOf - area index of each school
 * @param A - areas
 * @param NS - stages
 * @param H - forecast years
 * @param D - draws
 * @param ratio - `ratio[((a * NS + st) * D + d) * H + h]`: the area's simulated path over its deterministic forecast
 * @param noise - `noise[(d * S + s) * H + h]`: the log noise ε
 * @returns `X[((d * S + s) * NS + st) * H + h]`
 * @example
 * ```ts
 * // One area, one stage, two schools of 60 and 40, one draw 50% above the forecast, no noise:
 * Array.from(reconcileSchoolDraws(new Float64Array([60, 40]), new Int32Array([0, 0]), 1, 1, 1, 1, new Float64Array([1.5]), new Float64Array(2))) // [90, 60]
 * ```
 */
export function reconcileSchoolDraws(F: Float64Array, areaOf: Int32Array, A: number, NS: number, H: number, D: number, ratio: Float64Array, noise: Float64Array): Float64Array {
  const S = areaOf.length;
  const out = new Float64Array(D * S * NS * H);
  const sumF = new Float64Array(A * NS * H);
  for (let s = 0; s < S; s++) for (let k = 0; k < NS * H; k++) sumF[areaOf[s]! * NS * H + k]! += F[s * NS * H + k]!;
  const den = new Float64Array(A * NS * H);
  for (let d = 0; d < D; d++) {
    den.fill(0);
    for (let s = 0; s < S; s++) {
      const a = areaOf[s]!;
      for (let h = 0; h < H; h++) {
        const e = Math.exp(noise[(d * S + s) * H + h]!);
        for (let st = 0; st < NS; st++) {
          const v = F[(s * NS + st) * H + h]! * e;
          out[((d * S + s) * NS + st) * H + h] = v;
          den[(a * NS + st) * H + h]! += v;
        }
      }
    }
    // One factor per (area, stage, year) in this draw: path ratio × Σ F / Σ F · e^ε.
    for (let a = 0; a < A; a++) {
      for (let st = 0; st < NS; st++) {
        for (let h = 0; h < H; h++) {
          const k = (a * NS + st) * H + h;
          const q = den[k]!;
          den[k] = q > 0 ? (ratio[((a * NS + st) * D + d) * H + h]! * sumF[k]!) / q : 0;
        }
      }
    }
    const L = NS * H;
    for (let s = 0; s < S; s++) {
      const o = (d * S + s) * L;
      const f = areaOf[s]! * L;
      for (let k = 0; k < L; k++) out[o + k]! *= den[f + k]!;
    }
  }
  return out;
}
