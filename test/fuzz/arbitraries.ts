import fc from "fast-check";
import { chinaSchoolSystem, usK12SchoolSystem, type DatasetInput, type SchoolSystem } from "../../src/index.js";
import { indexSystem } from "../../src/domain/systemIndex.js";

/**
 * Arbitrary valid datasets for the fuzz suite (issue 20): China and US K-12 systems; leaf areas
 * under an optional containing area; full or partial grade spans; zeros, missing figures (null)
 * and counts up to 10⁷; with or without births (own, or the parent's only); one to five years of
 * history; optional capacity (of leaves and of the parent), planned places and closures, and
 * housing. Sizes are small so that a run of the whole pipeline takes milliseconds.
 */
export interface FuzzCase {
  readonly system: SchoolSystem;
  readonly input: DatasetInput;
}

const SYSTEMS = [chinaSchoolSystem, usK12SchoolSystem] as const;

/** A pupil count: mostly moderate, sometimes 0, sometimes huge (10⁷), rarely missing. */
const count = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 800 }) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000_000, max: 10_000_000 }) },
);
const countOrMissing = fc.oneof({ weight: 12, arbitrary: count }, { weight: 1, arbitrary: fc.constant(null) });

function caseFor(system: SchoolSystem): fc.Arbitrary<FuzzCase> {
  const ix = indexSystem(system);
  const G = ix.gradeIds.length;
  const span = fc.oneof(
    { weight: 2, arbitrary: fc.constant<[number, number]>([0, G - 1]) },
    { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 0, max: G - 1 }), fc.integer({ min: 0, max: G - 1 })).map(([a, b]): [number, number] => [Math.min(a, b), Math.max(a, b)]) },
  );
  return fc
    .record({
      leaves: fc.integer({ min: 1, max: 3 }),
      parent: fc.boolean(),
      firstYear: fc.integer({ min: 2008, max: 2016 }),
      years: fc.integer({ min: 1, max: 5 }),
      spans: fc.array(span, { minLength: 3, maxLength: 3 }),
      births: fc.constantFrom("none", "own", "parent"),
      capacity: fc.boolean(),
      parentCapacity: fc.boolean(),
      planned: fc.boolean(),
      housing: fc.boolean(),
    })
    .chain((p) => {
      const leaves = Array.from({ length: p.leaves }, (_, i) => `area${i}`);
      const yearList = Array.from({ length: p.years }, (_, i) => p.firstYear + i);
      const base = p.firstYear + p.years - 1;
      const gradesOf = (i: number): string[] => ix.gradeIds.slice(p.spans[i]![0], p.spans[i]![1] + 1);
      const records = leaves.flatMap((area, i) => yearList.flatMap((year) => gradesOf(i).map((grade) => ({ area, year, grade }))));
      const birthAreas = p.births === "own" ? leaves : p.births === "parent" && p.parent ? ["city"] : [];
      const birthYears = Array.from({ length: p.years + 19 }, (_, i) => p.firstYear - 19 + i);
      const stagesOf = (i: number): string[] => [...new Set(gradesOf(i).map((g) => ix.gradeById.get(g)!.stage.id))];
      return fc.record({
        pupils: fc.array(countOrMissing, { minLength: records.length, maxLength: records.length }),
        births: fc.array(count, { minLength: birthAreas.length * birthYears.length, maxLength: birthAreas.length * birthYears.length }),
        places: fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 12, maxLength: 12 }),
        classes: fc.array(fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }), { minLength: 12, maxLength: 12 }),
        changes: fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: -5000, max: 5000 })), { maxLength: 3 }),
        dwellings: fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: -3, max: 6 }), fc.integer({ min: 0, max: 5000 })), { maxLength: 3 }),
      }).map((v): FuzzCase => {
        const areas = [
          ...(p.parent ? [{ id: "city", name: { en: "City" } }] : []),
          ...leaves.map((id, i) => ({ id, grades: gradesOf(i), ...(p.parent ? { parent: "city" } : {}) })),
        ];
        const capacity = p.capacity
          ? leaves.flatMap((area, i) => stagesOf(i).map((stage, k) => ({ area, stage, year: base, places: v.places[(i * 4 + k) % 12]!, ...(v.classes[(i * 4 + k) % 12] !== undefined ? { classes: v.classes[(i * 4 + k) % 12]! } : {}) })))
          : [];
        if (p.capacity && p.parent && p.parentCapacity) capacity.push({ area: "city", stage: stagesOf(0)[0]!, year: base, places: v.places[11]! });
        const planned = p.capacity && p.planned
          ? v.changes.filter(([a]) => a < leaves.length).map(([a, dy, places], j) => ({ area: leaves[a]!, stage: stagesOf(a)[0]!, year: base + dy, places, ...(places <= 0 ? { kind: "closure" as const } : { kind: "new-school" as const }), project: `p${j}` }))
          : [];
        const housing = p.housing ? v.dwellings.filter(([a]) => a < leaves.length).map(([a, dy, dwellings], j) => ({ area: leaves[a]!, year: base + dy, dwellings, development: `d${j}` })) : [];
        const input: DatasetInput = {
          areas,
          enrolment: records.map((r, k) => ({ ...r, pupils: v.pupils[k]! })),
          ...(birthAreas.length ? { births: birthAreas.flatMap((area, i) => birthYears.map((year, y) => ({ area, year, births: v.births[i * birthYears.length + y]! }))) } : {}),
          ...(capacity.length ? { capacity } : {}),
          ...(planned.length ? { plannedPlaces: planned } : {}),
          ...(housing.length ? { housing } : {}),
        };
        return { system, input };
      });
    });
}

/** A valid dataset of either system. */
export const validCase: fc.Arbitrary<FuzzCase> = fc.constantFrom(...SYSTEMS).chain(caseFor);

/** Freezes a value and everything in it (inputs handed to the pipeline must not be changed). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
