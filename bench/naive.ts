/**
 * A naive reference for the benchmark: the same forecast as `fitModel` + `forecast` with the
 * benchmark's model options (`MODEL_OPTIONS`: ratios by simple exponential smoothing, or
 * `MEAN_OPTIONS`: mean of the last `years` ratios; entry from the area's own births, births after
 * the last known year held at the last value), written record by
 * record with string-keyed maps, the way a spreadsheet-minded script would. Used to measure the
 * typed-array kernels' speed-up, and checked against them (test/bench.test.ts and every bench run).
 *
 * It assumes what the synthetic data gives: every area teaches every grade, no missing figures,
 * own births for every area.
 */
import { chinaSchoolSystem, indexSystem } from "../src/index.js";

interface Rec {
  area: string;
  year: number;
  grade: string;
  pupils: number | null;
}

/** How the naive reference fits a ratio series: as `RatioOptions` `mean` (last `years`) or `ses` (`alpha`). */
export type NaiveMethod = { readonly method: "mean"; readonly years: number } | { readonly method: "ses"; readonly alpha: number };

export function naiveForecast(enrolment: readonly Rec[], births: readonly { area: string; year: number; births: number }[], to: number, fit: NaiveMethod): Map<string, number> {
  const ix = indexSystem(chinaSchoolSystem);
  const p = new Map<string, number>();
  let base = -Infinity;
  let first = Infinity;
  for (const r of enrolment) {
    if (r.pupils !== null) p.set(`${r.area}|${r.grade}|${r.year}`, r.pupils);
    base = Math.max(base, r.year);
    first = Math.min(first, r.year);
  }
  const b = new Map<string, number>();
  const lastBirth = new Map<string, { year: number; births: number }>();
  for (const r of births) {
    b.set(`${r.area}|${r.year}`, r.births);
    const l = lastBirth.get(r.area);
    if (!l || r.year > l.year) lastBirth.set(r.area, { year: r.year, births: r.births });
  }
  const areas = [...new Set(enrolment.map((r) => r.area))];
  const out = new Map<string, number>();
  for (const area of areas) {
    const ratio = new Map<string, number>();
    for (const g of ix.grades) {
      const rs: number[] = [];
      for (let y = fit.method === "mean" ? base - fit.years + 1 : first; y <= base; y++) {
        const num = p.get(`${area}|${g.id}|${y}`);
        const den = g.stage.entry === "births" && g.indexInStage === 0 ? b.get(`${area}|${y - g.age}`) : g.index > 0 ? p.get(`${area}|${ix.grades[g.index - 1]!.id}|${y - 1}`) : undefined;
        if (num !== undefined && den !== undefined && den > 0) rs.push(num / den);
      }
      if (fit.method === "mean") ratio.set(g.id, rs.reduce((s, v) => s + v, 0) / rs.length);
      else {
        let level = rs[0]!;
        for (let i = 1; i < rs.length; i++) level = fit.alpha * rs[i]! + (1 - fit.alpha) * level;
        ratio.set(g.id, level);
      }
    }
    for (let y = base + 1; y <= to; y++) {
      for (const g of ix.grades) {
        let v: number;
        if (g.stage.entry === "births" && g.indexInStage === 0) {
          const by = y - g.age;
          const births = b.get(`${area}|${by}`) ?? lastBirth.get(area)!.births;
          v = ratio.get(g.id)! * births;
        } else {
          const prev = out.get(`${area}|${ix.grades[g.index - 1]!.id}|${y - 1}`) ?? p.get(`${area}|${ix.grades[g.index - 1]!.id}|${y - 1}`)!;
          v = ratio.get(g.id)! * prev;
        }
        out.set(`${area}|${g.id}|${y}`, v);
      }
    }
  }
  return out;
}

/** The largest relative difference between the naive values and a typed forecast's, over every naive value. */
export function naiveDifference(naive: ReadonlyMap<string, number>, fc: { areas: readonly string[]; grades: readonly string[]; baseYear: number; to: number; pupils: Float64Array }, sample = 1): { compared: number; maxRel: number } {
  const G = fc.grades.length;
  const W = fc.to - fc.baseYear + 1;
  const aIndex = new Map(fc.areas.map((id, i) => [id, i]));
  const gIndex = new Map(fc.grades.map((id, i) => [id, i]));
  let compared = 0;
  let maxRel = 0;
  let i = 0;
  for (const [key, v] of naive) {
    if (i++ % sample !== 0) continue;
    const [area, grade, year] = key.split("|") as [string, string, string];
    const t = fc.pupils[(aIndex.get(area)! * G + gIndex.get(grade)!) * W + (Number(year) - fc.baseYear)]!;
    const rel = Math.abs(t - v) / Math.max(1, Math.abs(v));
    if (!(rel <= maxRel)) maxRel = Number.isNaN(rel) ? Infinity : Math.max(maxRel, rel);
    compared++;
  }
  return { compared, maxRel };
}
