import type { DatasetInput } from "../../src/index.js";

/**
 * A small hand-made dataset touching every record type and every column kind: nested names,
 * a grade span, a missing figure (null), a note with a comma, a quote and Chinese text,
 * capacity by sector, planned places, and housing by year and by completion date.
 */
export const smallInput: DatasetInput = {
  areas: [
    { id: "city", name: { zh: "示例市", en: "Example City" }, note: "contains county" },
    { id: "county", name: { zh: "示例县", en: "Example County" }, parent: "city", grades: ["P1", "P2", "P3", "P4", "P5", "P6"] },
  ],
  enrolment: [2019, 2020].flatMap((year) =>
    ["P1", "P2", "P3", "P4", "P5", "P6"].map((grade, g) => ({
      area: "county",
      year,
      grade,
      pupils: year === 2019 && grade === "P4" ? null : 1000 + 10 * g + (year - 2019) * 5,
      ...(grade === "P1" ? { provenance: "estimate" as const, note: 'scaled, "rounded"; 估算' } : {}),
    })),
  ),
  births: [2012, 2013, 2014].map((year, i) => ({ area: "city", year, births: 5000 - 100 * i })),
  capacity: [
    { area: "county", stage: "primary", year: 2020, places: 4500, classes: 100, sector: "public" },
    { area: "county", stage: "primary", year: 2020, places: 900, sector: "inclusive-private", provenance: "estimate" },
  ],
  plannedPlaces: [{ area: "county", stage: "primary", year: 2023, places: 1350, project: "New school, east", kind: "new-school", source: "plan §3.2" }],
  housing: [
    { area: "county", year: 2022, dwellings: 400, dwellingType: "commercial", development: "d1", developmentName: "东城花园" },
    { area: "county", completionDate: "2023-10-01", dwellings: 250, development: "d2" },
  ],
};
