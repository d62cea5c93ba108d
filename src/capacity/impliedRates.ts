import type { StageRecord } from "../cohort/records.js";
import type { BirthRecord } from "../data/records/births.js";
import type { PopulationRecord } from "../data/records/population.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import { indexSystem } from "../domain/systemIndex.js";

/** A count of pupils a plan sets for some stages in a year (在园幼儿 11万 in 2025). */
export interface PupilTarget {
  readonly id: string;
  readonly stages: readonly string[];
  readonly year: number;
  readonly pupils: number;
  /** The plan's own figure for an earlier year (10.7万 in 2020); the observed ratio is taken there. */
  readonly baseline?: { readonly year: number; readonly pupils: number };
}

/** Options of `impliedRates`. */
export interface ImpliedRateOptions {
  /** The area the targets are for (its births or population are used). */
  readonly area: string;
  readonly births: readonly BirthRecord[];
  /** Persons by single year of age; used instead of births when they cover the ages in both years. */
  readonly population?: readonly PopulationRecord[];
  /**
   * `"births"`: pupils per birth of the cohorts of the stages' ages; `"population"`: pupils per
   * person of those ages (null figures when the population does not cover them); `"auto"`:
   * population when it covers both years, births otherwise.
   * @defaultValue "auto"
   */
  readonly denominator?: "auto" | "births" | "population";
  /** Pupils of the area per stage and year: the baseline when a target has none, and the forecast of the target year. */
  readonly pupils?: readonly StageRecord[];
  /** The baseline year for targets without a baseline. @defaultValue the earliest year of `pupils` */
  readonly baseYear?: number;
}

/** Persons behind a ratio: the births of the cohorts (or the persons of the ages) in one school year. */
export interface Denominator {
  readonly year: number;
  /** Σ births of the cohorts born `year − age` for the stages' ages, or Σ persons of those ages; null when some are missing. */
  readonly persons: number | null;
  /** Birth years (or ages, with population) missing from the records. */
  readonly missing: readonly number[];
  /** Birth years whose births record is an estimate (or `estimate` population records' ages). */
  readonly estimated: readonly number[];
}

/** What one pupil target implies: the ratio it needs against the ratio observed, and the migration that closes the gap. */
export interface ImpliedRate {
  readonly id: string;
  readonly area: string;
  readonly stages: readonly string[];
  /** Single years of age of the stages (entry age of each grade), lowest to highest. */
  readonly ages: readonly number[];
  readonly denominator: "births" | "population";
  readonly target: { readonly year: number; readonly pupils: number; readonly of: Denominator; readonly ratio: number | null };
  readonly observed: { readonly year: number; readonly pupils: number; readonly source: "plan" | "pupils"; readonly of: Denominator; readonly ratio: number | null } | null;
  /** The area's own pupils in the target year (forecast), and the ratio they give; null without `pupils` for that year. */
  readonly forecast: { readonly pupils: number; readonly ratio: number | null } | null;
  /** observed ratio × persons of the target year: the pupils the target year gets at the observed ratio. */
  readonly atObservedRatio: number | null;
  /** target pupils − atObservedRatio: the extra persons of those ages the target needs (net in-migration when positive). */
  readonly gap: number | null;
  /** gap / (target year − observed year): that extra spread evenly over the years in between. */
  readonly gapPerYear: number | null;
  /** `estimate` when any births or population figure used is an estimate. */
  readonly basis: "reported" | "estimate";
}

/**
 * The pupils-per-birth (or per person of the age) each pupil target needs, against the ratio
 * observed in its baseline year, and the net migration the difference implies.
 *
 * Method, for a target of T pupils in stages S in school year Y with baseline P₀ in year Y₀
 * (the plan's own baseline figure, or the area's pupils in `baseYear`):
 * - A = the ages of the grades of S (China: preschool 3–5, primary + junior 6–14, senior 15–17);
 *   a pupil of age a in school year t was born in calendar year t − a (the seed's assumption A9);
 * - D(t) = Σ_{a∈A} births(t − a), or Σ_{a∈A} persons of age a in year t with population records;
 * - required ratio r* = T / D(Y); observed ratio r₀ = P₀ / D(Y₀);
 * - atObservedRatio = r₀ · D(Y); gap = T − r₀ · D(Y); gapPerYear = gap / (Y − Y₀).
 * With births as D, r₀ folds together participation, mortality and the migration already seen
 * (and, where births are registered births, the registration basis); the gap is what the target
 * needs beyond all of these: net in-migration of children of those ages, or a rise in
 * participation. Nothing is rounded.
 *
 * @param targets - pupil targets (e.g. the plan's 2025 indicators)
 * @param system - the school system that gives the stages' ages
 * @throws RangeError when a target names a stage the system does not have
 * @example
 * ```ts
 * const births = [2015, 2016, 2017, 2020, 2021, 2022].map((year, i) => ({ area: "c", year, births: [35472, 37321, 35080, 22500, 19300, 17590][i]! }));
 * const [r] = impliedRates([{ id: "pre", stages: ["preschool"], year: 2025, pupils: 110000, baseline: { year: 2020, pupils: 107000 } }], chinaSchoolSystem, { area: "c", births });
 * r.target.ratio // 1.852 (110,000 / 59,390 births of 2020–22)
 * ```
 */
export function impliedRates(targets: readonly PupilTarget[], system: SchoolSystem, options: ImpliedRateOptions): ImpliedRate[] {
  const ix = indexSystem(system);
  const births = new Map<number, BirthRecord>();
  for (const b of options.births) if (b.area === options.area) births.set(b.year, b);
  const pop = new Map<string, PopulationRecord>();
  for (const p of options.population ?? []) if (p.area === options.area) pop.set(`${p.year}:${p.age}`, p);
  const pupils = (options.pupils ?? []).filter((r) => r.area === options.area);
  const baseYear = options.baseYear ?? (pupils.length ? pupils.reduce((m, r) => Math.min(m, r.year), Infinity) : undefined);
  const mode = options.denominator ?? "auto";

  const fromBirths = (year: number, ages: readonly number[]): Denominator => {
    let sum = 0;
    const missing: number[] = [];
    const estimated: number[] = [];
    for (const a of ages) {
      const b = births.get(year - a);
      if (!b) missing.push(year - a);
      else {
        sum += b.births;
        if (b.provenance === "estimate") estimated.push(year - a);
      }
    }
    return { year, persons: missing.length ? null : sum, missing: missing.sort((p, q) => p - q), estimated: estimated.sort((p, q) => p - q) };
  };
  const fromPopulation = (year: number, ages: readonly number[]): Denominator => {
    let sum = 0;
    const missing: number[] = [];
    const estimated: number[] = [];
    for (const a of ages) {
      const p = pop.get(`${year}:${a}`);
      if (!p) missing.push(a);
      else {
        sum += p.persons;
        if (p.provenance === "estimate") estimated.push(a);
      }
    }
    return { year, persons: missing.length ? null : sum, missing, estimated };
  };
  const stagePupils = (stages: readonly string[], year: number): number | null => {
    const rs = pupils.filter((r) => r.year === year && stages.includes(r.stage));
    const found = new Set(rs.map((r) => r.stage));
    return stages.every((s) => found.has(s)) ? rs.reduce((s, r) => s + r.pupils, 0) : null;
  };
  const ratio = (n: number, d: number | null): number | null => (d === null || d === 0 ? null : n / d);

  return targets.map((t) => {
    const ages: number[] = [];
    for (const s of t.stages) {
      const gs = ix.gradesOfStage.get(s);
      if (!gs) throw new RangeError(`impliedRates: target ${t.id}: stage ${JSON.stringify(s)} is not a stage of the ${system.id} system (${ix.stageIds.join(", ")})`);
      for (const g of gs) ages.push(ix.grades[g]!.age);
    }
    ages.sort((p, q) => p - q);
    const baseP = t.baseline ?? (baseYear !== undefined ? (() => {
      const n = stagePupils(t.stages, baseYear);
      return n === null ? undefined : { year: baseYear, pupils: n };
    })() : undefined);
    const popCovers = (y: number): boolean => fromPopulation(y, ages).persons !== null;
    const usePop = mode === "population" || (mode === "auto" && popCovers(t.year) && (baseP === undefined || popCovers(baseP.year)));
    const den = usePop ? fromPopulation : fromBirths;
    const dT = den(t.year, ages);
    const dB = baseP ? den(baseP.year, ages) : null;
    const rT = ratio(t.pupils, dT.persons);
    const r0 = baseP && dB ? ratio(baseP.pupils, dB.persons) : null;
    const at = r0 !== null && dT.persons !== null ? r0 * dT.persons : null;
    const gap = at === null ? null : t.pupils - at;
    const span = baseP ? t.year - baseP.year : 0;
    const f = stagePupils(t.stages, t.year);
    const estimated = dT.estimated.length > 0 || (dB?.estimated.length ?? 0) > 0;
    return {
      id: t.id,
      area: options.area,
      stages: t.stages,
      ages,
      denominator: usePop ? "population" : "births",
      target: { year: t.year, pupils: t.pupils, of: dT, ratio: rT },
      observed: baseP && dB ? { year: baseP.year, pupils: baseP.pupils, source: t.baseline ? "plan" : "pupils", of: dB, ratio: r0 } : null,
      forecast: f === null ? null : { pupils: f, ratio: ratio(f, dT.persons) },
      atObservedRatio: at,
      gap,
      gapPerYear: gap === null || span <= 0 ? null : gap / span,
      basis: estimated ? "estimate" : "reported",
    };
  });
}
