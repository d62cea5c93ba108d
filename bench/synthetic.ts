/**
 * A seeded generator of synthetic national data for benchmarks: `areas` county-level units of the
 * China system, `years` years of enrolment history by grade, births for every year the history
 * and a 15-year forecast need. Every run with the same seed sees the same data.
 *
 * The figures are synthetic (not estimates of any real place): births per area are drawn around a
 * size drawn per area, with a common downward drift; grade counts follow births with progression
 * ratios drawn near 1 (near 0.6 at J3 → S1).
 */
import { chinaSchoolSystem, indexSystem, type DatasetInput } from "../src/index.js";

/** mulberry32: a small, fast 32-bit PRNG (Tommy Ettinger, public domain); returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  readonly areas: number;
  readonly years?: number;
  readonly baseYear?: number;
  readonly seed?: number;
}

/** Synthetic tidy records (areas, enrolment, births) for the China system. */
export function syntheticNational(o: SyntheticOptions): DatasetInput {
  const rnd = mulberry32(o.seed ?? 2844);
  const ix = indexSystem(chinaSchoolSystem);
  const Y = o.years ?? 10;
  const base = o.baseYear ?? 2020;
  const first = base - Y + 1;
  const maxAge = Math.max(...ix.grades.map((g) => g.age));
  const birthsFrom = first - maxAge;
  const areas = [];
  const enrolment = [];
  const births = [];
  for (let a = 0; a < o.areas; a++) {
    const id = `c${String(a).padStart(5, "0")}`;
    areas.push({ id, name: { en: `County ${a}` } });
    const size = 500 + rnd() * 15000;
    const b = new Map<number, number>();
    for (let y = birthsFrom; y <= base; y++) {
      const v = Math.round(size * (1 - 0.02 * (y - birthsFrom)) * (0.9 + 0.2 * rnd()));
      b.set(y, Math.max(0, v));
      births.push({ area: id, year: y, births: Math.max(0, v) });
    }
    const ratios = ix.grades.map((g) => (g.id === "S1" ? 0.55 + 0.1 * rnd() : g.indexInStage === 0 ? 0.85 + 0.1 * rnd() : 0.97 + 0.05 * rnd()));
    for (let y = first; y <= base; y++) {
      for (const g of ix.grades) {
        const cohort = b.get(y - g.age) ?? size;
        const r = ix.grades.slice(g.stage.entry === "births" ? g.index - g.indexInStage : 0, g.index + 1).reduce((p, q) => p * ratios[q.index]!, 1);
        enrolment.push({ area: id, year: y, grade: g.id, pupils: Math.round(cohort * r * (0.97 + 0.06 * rnd())) });
      }
    }
  }
  return { areas, enrolment, births };
}
