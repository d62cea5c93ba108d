import { chinaSchoolSystem, indexSystem, type DatasetInput, type SchoolSystem } from "../../src/index.js";
import { systemExampleInput } from "../../src/seeds/examples.js";

/**
 * A small dataset of a system: the shipped example data (`systemExampleInput` of
 * `placecast/examples-data`: a city over two districts, north short and over the bands, south in
 * surplus; every figure invented).
 */
export function systemInput(system: SchoolSystem): DatasetInput {
  return systemExampleInput(system);
}

/** Yield tables for the systems without a default: invented for this test (not planning figures). */
export const testYields: Readonly<Record<string, unknown>> = {
  "us-k12": { id: "test-us", source: "invented for the end-to-end test", perDwelling: { elementary: 0.3, middle: 0.12, high: 0.15 }, phasing: { weights: [0.5, 0.3, 0.2], source: "invented for the end-to-end test" } },
  england: { id: "test-england", source: "invented for the end-to-end test", perDwelling: { primary: 0.25, secondary: 0.18, "sixth-form": 0.04 }, phasing: { weights: [0.5, 0.3, 0.2], source: "invented for the end-to-end test" } },
};


/**
 * A dataset of the China system built to set off the fitting and housing notes: in area b, P2
 * has no pupils in any year (so P3 is forecast as a level), J2 has no figure before 2020 (so J3
 * has no ratio of its own: pooled over areas), S3's 2020 figure is missing (imputed); housing rows with
 * a dwelling type the yield table lacks, a completion before the base year and one after the
 * horizon. Invented figures.
 */
export function notesInput(): DatasetInput {
  const ix = indexSystem(chinaSchoolSystem);
  const enrolment = [];
  for (const area of ["a", "b"]) {
    for (let y = 2015; y <= 2020; y++) {
      for (const g of ix.gradeIds) {
        let pupils: number | null = 500 + (area === "a" ? 10 : -10) * (y - 2015);
        if (area === "b" && g === "P2") pupils = 0;
        if (area === "b" && g === "J2" && y < 2020) pupils = null;
        if (area === "b" && g === "S3" && y === 2020) pupils = null;
        enrolment.push({ area, year: y, grade: g, pupils });
      }
    }
  }
  const births = ["a", "b"].flatMap((area) => Array.from({ length: 26 }, (_, i) => ({ area, year: 1995 + i, births: 520 })));
  const housing = [
    { area: "b", year: 2019, dwellings: 100 },
    { area: "b", year: 2023, dwellings: 300, dwellingType: "villa" },
    { area: "b", year: 2040, dwellings: 50 },
  ];
  return { areas: [{ id: "a" }, { id: "b" }], enrolment, births, housing };
}
