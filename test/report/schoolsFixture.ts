import { chinaSchoolSystem, parseDataset, type Dataset, type DatasetInput } from "../../src/index.js";
import { reportFixtureInput } from "./fixture.js";

const PRIMARY = ["P1", "P2", "P3", "P4", "P5", "P6"];

/**
 * The schools of the fixture, with their share of North District's primary pupils in 2016 and the
 * change of that share per year (the town schools gain what the village school loses), their
 * reported classes per grade (班数) and their places. Every figure is chosen by hand so that each
 * kind of school shows: `town` and `centre` fill too few classes (about 63 and 88 pupils per class in 2020:
 * 大班额 56–65 and 超大班额 66+) and are short of places; `village` is under-used; `middle` and
 * `east` are within their places; the district as a whole has more places than pupils.
 */
export const FIXTURE_SCHOOLS = [
  { id: "town", zh: "城区小学", en: "Town Primary", share: 0.13, trend: 0.004, classes: 3, places: 500, urbanRural: "urban" },
  { id: "centre", zh: "中心小学", en: "Centre Primary", share: 0.12, trend: 0.004, classes: 2, places: 700, urbanRural: "urban" },
  { id: "middle", zh: "镇一小", en: "Middle Primary", share: 0.37, trend: 0, classes: undefined, places: 3600, urbanRural: "town" },
  { id: "east", zh: "镇二小", en: "East Primary", share: 0.3, trend: 0, classes: undefined, places: 2700, urbanRural: "town" },
  { id: "village", zh: "村小", en: "Village Primary", share: 0.08, trend: -0.008, classes: undefined, places: 1200, urbanRural: "rural" },
] as const;

/**
 * The report fixture (test/report/fixture.ts) with five primary schools in North District,
 * 2016–2020 (`FIXTURE_SCHOOLS`). A school's pupils in a grade and year are the district's times
 * its share that year (share + trend × (year − 2016)), by largest remainder, so that the schools
 * sum to the district in every grade and year. The village school's places are marked as an
 * estimate so that the estimate labels show.
 */
export function schoolReportFixtureInput(): DatasetInput {
  const base = reportFixtureInput();
  const schoolEnrolment: object[] = [];
  for (const r of base.enrolment as { area: string; year: number; grade: string; pupils: number }[]) {
    if (r.area !== "north" || !PRIMARY.includes(r.grade)) continue;
    const exact = FIXTURE_SCHOOLS.map((s) => r.pupils * (s.share + s.trend * (r.year - 2016)));
    const floor = exact.map(Math.floor);
    let rest = r.pupils - floor.reduce((a, b) => a + b, 0);
    for (const i of exact.map((e, i) => [e - floor[i]!, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i)) if (rest-- > 0) floor[i]!++;
    FIXTURE_SCHOOLS.forEach((s, i) => schoolEnrolment.push({ school: s.id, year: r.year, grade: r.grade, pupils: floor[i]!, ...(s.classes !== undefined ? { classes: s.classes } : {}) }));
  }
  return {
    ...base,
    schools: FIXTURE_SCHOOLS.map((s) => ({ id: s.id, name: { zh: s.zh, en: s.en }, area: "north", grades: [{ first: "P1", last: "P6" }], urbanRural: s.urbanRural })),
    schoolEnrolment,
    schoolPlaces: FIXTURE_SCHOOLS.map((s) => ({ school: s.id, year: 2016, places: s.places, ...(s.id === "village" ? { provenance: "estimate", note: "S9: test estimate of the village school's places" } : {}) })),
  };
}

export function schoolReportFixture(): Dataset {
  return parseDataset(schoolReportFixtureInput(), chinaSchoolSystem);
}
