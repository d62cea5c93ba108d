import type { DatasetInput } from "../../src/index.js";

const GRADES = ["P1", "P2", "P3", "P4", "P5", "P6"] as const;
const YEARS = [2016, 2017, 2018, 2019, 2020] as const;

/**
 * A small made-up dataset with schools (no source: invented for the tests of the school sheets
 * and the command line). One county `county` with one 学区 `xq`, three primary schools in the
 * 学区: a town-centre school that grows and is short of places, a village school that empties,
 * and a school that changed its span (P1-P4 to 2017, P1-P6 from 2018).
 *
 * Figures: the town school has 200 + 10·(year − 2016) pupils per grade, the village school
 * 60 − 5·(year − 2016), the third 80; the 学区's enrolment is their sum (every school listed).
 */
export function schoolsInput(): DatasetInput {
  const town = (y: number): number => 200 + 10 * (y - 2016);
  const village = (y: number): number => 60 - 5 * (y - 2016);
  const third = (y: number, g: string): number => (y < 2018 && (g === "P5" || g === "P6") ? 0 : 80);
  return {
    areas: [
      { id: "county", name: { zh: "示例县", en: "Example County" } },
      { id: "xq", name: { zh: "城关学区", en: "Chengguan district" }, parent: "county", grades: [...GRADES] },
    ],
    enrolment: YEARS.flatMap((year) => GRADES.map((grade) => ({ area: "xq", year, grade, pupils: town(year) + village(year) + third(year, grade) }))),
    schools: [
      { id: "town-1", name: { zh: "城关第一小学", en: "Chengguan No. 1 Primary" }, area: "xq", grades: [{ first: "P1", last: "P6" }], sector: "public", urbanRural: "urban" },
      { id: "village-1", name: { zh: "山村小学", en: "Shancun Primary" }, area: "xq", grades: [{ first: "P1", last: "P6" }], urbanRural: "rural", opens: 1990 },
      { id: "span-1", name: { zh: "新区小学", en: "Xinqu Primary" }, area: "xq", grades: [{ first: "P1", last: "P4", to: 2017 }, { first: "P1", last: "P6", from: 2018 }], urbanRural: "town" },
    ],
    schoolEnrolment: YEARS.flatMap((year) =>
      GRADES.flatMap((grade) => [
        { school: "town-1", year, grade, pupils: town(year), ...(year === 2020 ? { classes: 4 } : {}) },
        { school: "village-1", year, grade, pupils: village(year) },
        ...(year < 2018 && (grade === "P5" || grade === "P6") ? [] : [{ school: "span-1", year, grade, pupils: 80 }]),
      ]),
    ),
    schoolPlaces: [
      { school: "town-1", year: 2010, places: 1200, classes: 24 },
      { school: "village-1", year: 2010, places: 600 },
      { school: "span-1", year: 2015, places: 540 },
    ],
  };
}
