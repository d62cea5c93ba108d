/**
 * A seeded generator of synthetic national data for benchmarks: `areas` county-level units of the
 * China system, `years` years of enrolment history by grade, births for every year the history
 * needs, a housing pipeline (completions in the history years and a planned pipeline after the
 * base year) and capacity (existing places per stage in the base year, and planned places).
 * Every run with the same seed sees the same data.
 *
 * The figures are synthetic (not estimates of any real place): births per area are drawn around a
 * size drawn per area, with a common downward drift; grade counts follow births with progression
 * ratios drawn near 1 (near 0.6 at J3 → S1); dwellings completed per year scale with the area's
 * size, with some future years well above the historical rate; places are the base-year pupils of
 * the stage times a factor drawn in [0.85, 1.25], split into public and inclusive-private places
 * for preschool. Records follow the formats of `src/data/records/` (housing, capacity).
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
  /** Years of enrolment history. @defaultValue 10 */
  readonly years?: number;
  /** Last history year. @defaultValue 2020 */
  readonly baseYear?: number;
  /** @defaultValue 2844 */
  readonly seed?: number;
  /** Add housing records (history and pipeline). @defaultValue true */
  readonly housing?: boolean;
  /** Add capacity and planned-places records. @defaultValue true */
  readonly capacity?: boolean;
  /** Years of housing pipeline after the base year. @defaultValue 10 */
  readonly pipelineYears?: number;
}

const STANDARD: Readonly<Record<string, number>> = { preschool: 30, primary: 45, junior: 50, senior: 50 };

/** Synthetic tidy records (areas, enrolment, births, housing, capacity, planned places) for the China system. */
export function syntheticNational(o: SyntheticOptions): DatasetInput {
  const rnd = mulberry32(o.seed ?? 2844);
  const ix = indexSystem(chinaSchoolSystem);
  const Y = o.years ?? 10;
  const base = o.baseYear ?? 2020;
  const first = base - Y + 1;
  const maxAge = Math.max(...ix.grades.map((g) => g.age));
  const birthsFrom = first - maxAge;
  const withHousing = o.housing ?? true;
  const withCapacity = o.capacity ?? true;
  const pipeline = o.pipelineYears ?? 10;
  const areas = [];
  const enrolment = [];
  const births = [];
  const housing = [];
  const capacity = [];
  const plannedPlaces = [];
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
    const stageBase = new Map<string, number>();
    for (let y = first; y <= base; y++) {
      for (const g of ix.grades) {
        const cohort = b.get(y - g.age) ?? size;
        const r = ix.grades.slice(g.stage.entry === "births" ? g.index - g.indexInStage : 0, g.index + 1).reduce((p, q) => p * ratios[q.index]!, 1);
        const pupils = Math.round(cohort * r * (0.97 + 0.06 * rnd()));
        enrolment.push({ area: id, year: y, grade: g.id, pupils });
        if (y === base) stageBase.set(g.stage.id, (stageBase.get(g.stage.id) ?? 0) + pupils);
      }
    }
    if (withHousing) {
      // Completions per year ~ 1 dwelling per 4 births; history, then a pipeline with some
      // developments well above the historical rate.
      const rate = size / 4;
      for (let y = first; y <= base; y++) {
        housing.push({ area: id, year: y, dwellings: Math.round(rate * (0.7 + 0.6 * rnd())), dwellingType: "commercial" });
      }
      for (let y = base + 1; y <= base + pipeline; y++) {
        const big = rnd() < 0.3;
        const rec = { area: id, dwellings: Math.round(rate * (big ? 1.5 + rnd() : 0.5 + 0.5 * rnd())), dwellingType: rnd() < 0.2 ? "resettlement" : "commercial", development: `${id}-d${y}` };
        // One completion in four is given as a date (mapped to the first school year occupied).
        if (rnd() < 0.25) housing.push({ ...rec, completionDate: `${y}-${rnd() < 0.5 ? "06-30" : "10-01"}` });
        else housing.push({ ...rec, year: y });
      }
    }
    if (withCapacity) {
      for (const s of chinaSchoolSystem.stages) {
        const pupils = stageBase.get(s.id) ?? 0;
        const places = Math.round(pupils * (0.85 + 0.4 * rnd()));
        const std = STANDARD[s.id]!;
        if (s.id === "preschool") {
          const pub = Math.round(places * 0.6);
          capacity.push({ area: id, stage: s.id, year: base, places: pub, sector: "public" });
          capacity.push({ area: id, stage: s.id, year: base, places: places - pub, sector: "inclusive-private" });
        } else {
          // Classes given for about half of the records; derived from places otherwise.
          const classes = rnd() < 0.5 ? Math.max(1, Math.round(places / (std * (0.95 + 0.3 * rnd())))) : undefined;
          capacity.push({ area: id, stage: s.id, year: base, places, ...(classes !== undefined ? { classes } : {}) });
        }
      }
      const n = Math.floor(rnd() * 3);
      for (let k = 0; k < n; k++) {
        const s = chinaSchoolSystem.stages[1 + Math.floor(rnd() * 3)]!;
        const std = STANDARD[s.id]!;
        plannedPlaces.push({ area: id, stage: s.id, year: base + 1 + Math.floor(rnd() * 5), places: std * (12 + Math.floor(rnd() * 36)), project: `${id}-p${k}`, kind: "new-school" });
      }
    }
  }
  return {
    areas,
    enrolment,
    births,
    ...(withHousing ? { housing } : {}),
    ...(withCapacity ? { capacity, plannedPlaces } : {}),
  };
}
