import fc from "fast-check";
import { chinaSchoolSystem, indexSystem, type DatasetInput, type SchoolSystem } from "../../src/index.js";

/** A random but valid tidy dataset: 1–3 areas, 2–6 years of enrolment, births for every entry year needed. */
export function datasetInputArb(system: SchoolSystem = chinaSchoolSystem, opts: { maxPupils?: number } = {}): fc.Arbitrary<DatasetInput> {
  const ix = indexSystem(system);
  const G = ix.gradeIds.length;
  const maxAge = Math.max(...ix.grades.map((g) => g.age));
  return fc
    .record({ A: fc.integer({ min: 1, max: 3 }), Y: fc.integer({ min: 2, max: 6 }), first: fc.integer({ min: 1990, max: 2030 }) })
    .chain(({ A, Y, first }) =>
      fc.record({
        pupils: fc.array(fc.integer({ min: 0, max: opts.maxPupils ?? 3000 }), { minLength: A * G * Y, maxLength: A * G * Y }),
        births: fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: A * (Y + maxAge), maxLength: A * (Y + maxAge) }),
      }).map(({ pupils, births }): DatasetInput => {
        const areas = Array.from({ length: A }, (_, a) => ({ id: `area${a}` }));
        const enrolment = [];
        for (let a = 0; a < A; a++)
          for (let y = 0; y < Y; y++)
            for (let g = 0; g < G; g++) enrolment.push({ area: `area${a}`, year: first + y, grade: ix.gradeIds[g]!, pupils: pupils[(a * Y + y) * G + g]! });
        const br = [];
        const B = Y + maxAge;
        for (let a = 0; a < A; a++) for (let k = 0; k < B; k++) br.push({ area: `area${a}`, year: first + Y - 1 - B + 1 + k - 0, births: births[a * B + k]! });
        return { areas, enrolment, births: br };
      }),
    );
}
