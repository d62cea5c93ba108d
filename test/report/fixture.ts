import { chinaSchoolSystem, indexSystem, parseDataset, type Dataset, type DatasetInput } from "../../src/index.js";

/**
 * A small fixed dataset for the report tests: a city ("city", 市) with two counties ("north",
 * "south"), enrolment 2016–2020 built from simple formulas (north grows, south shrinks), births
 * 2000–2020, places in 2020 per stage and one planned primary school in north in 2023. North's
 * enrolment and the planned school are marked as estimates so that every estimate label shows.
 * Every figure is an integer chosen by hand; nothing is random.
 */
export function reportFixtureInput(): DatasetInput {
  const ix = indexSystem(chinaSchoolSystem);
  const enrolment: object[] = [];
  const births: object[] = [];
  for (const [a, area] of ["north", "south"].entries()) {
    for (let year = 2016; year <= 2020; year++) {
      ix.grades.forEach((g, i) => {
        const base = a === 0 ? 1200 + 10 * i + 30 * (year - 2016) : 900 - 5 * i - 40 * (year - 2016);
        enrolment.push({ area, year, grade: g.id, pupils: base, ...(a === 0 ? { provenance: "estimate", note: "E9: test estimate of north" } : {}) });
      });
    }
    for (let year = 2000; year <= 2020; year++) births.push({ area, year, births: a === 0 ? 1300 + 25 * (year - 2000) : 1000 - 30 * (year - 2000) });
  }
  const capacity = [
    { area: "north", stage: "preschool", year: 2020, places: 3900, classes: 130 },
    { area: "north", stage: "primary", year: 2020, places: 8100, classes: 180 },
    { area: "north", stage: "junior", year: 2020, places: 3900, classes: 78 },
    { area: "north", stage: "senior", year: 2020, places: 3500, classes: 62 },
    { area: "south", stage: "preschool", year: 2020, places: 2700, classes: 90 },
    { area: "south", stage: "primary", year: 2020, places: 5400, classes: 120 },
    { area: "south", stage: "junior", year: 2020, places: 3000, classes: 60 },
    { area: "south", stage: "senior", year: 2020, places: 2500, classes: 50 },
  ];
  const plannedPlaces = [{ area: "north", stage: "primary", year: 2023, places: 1350, project: "north-primary-1", provenance: "estimate", note: "P9: test school" }];
  return {
    areas: [
      { id: "city", name: { zh: "示例市", en: "Example City" } },
      { id: "north", name: { zh: "北区", en: "North District" }, parent: "city" },
      { id: "south", name: { zh: "南县", en: "South County" }, parent: "city" },
    ],
    enrolment,
    births,
    capacity,
    plannedPlaces,
  };
}

export function reportFixture(): Dataset {
  return parseDataset(reportFixtureInput(), chinaSchoolSystem);
}
