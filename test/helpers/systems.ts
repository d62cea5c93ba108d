import { chinaSchoolSystem, indexSystem, type DatasetInput, type SchoolSystem } from "../../src/index.js";

/**
 * A small dataset of a system: a city over two districts, enrolment 2015–2020 (north growing 3%
 * a year, south shrinking 2%), births from 20 years before, places in 2020 (north at 95% of its
 * pupils, in classes 30% above the standard size, so it is short and over the bands; south at
 * 130% in classes of the standard), one planned school in 2023 and dwellings completed 2016–2025.
 * All figures are invented for this test.
 */
export function systemInput(system: SchoolSystem): DatasetInput {
  const ix = indexSystem(system);
  const areas = [{ id: "city" }, { id: "north", parent: "city" }, { id: "south", parent: "city" }];
  const growth = { north: 1.03, south: 0.98 } as const;
  const size = (area: "north" | "south", year: number): number => (area === "north" ? 900 : 700) * growth[area] ** (year - 2015);
  const enrolment = [];
  const births = [];
  const capacity = [];
  for (const area of ["north", "south"] as const) {
    for (let y = 2015; y <= 2020; y++) for (const g of ix.gradeIds) enrolment.push({ area, year: y, grade: g, pupils: Math.round(size(area, y)) });
    for (let y = 1995; y <= 2020; y++) births.push({ area, year: y, births: Math.round(size(area, y) * 1.05) });
    for (const st of system.stages) {
      const pupils = st.grades.length * Math.round(size(area, 2020));
      const standard = st.standardClassSize.value;
      const places = Math.round(pupils * (area === "north" ? 0.95 : 1.3));
      const classes = Math.max(1, Math.round(area === "north" ? pupils / (standard * 1.3) : places / standard));
      capacity.push({ area, stage: st.id, year: 2020, places, classes });
    }
  }
  const first = system.stages[0]!;
  const plannedPlaces = [{ area: "north", stage: first.id, year: 2023, places: 20 * first.standardClassSize.value, project: "north new school" }];
  const housing = [];
  for (let y = 2016; y <= 2025; y++) housing.push({ area: "north", year: y, dwellings: 400 + 20 * (y - 2016), development: `n${y}` });
  return { areas, enrolment, births, capacity, plannedPlaces, housing };
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
