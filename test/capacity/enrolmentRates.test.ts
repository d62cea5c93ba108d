import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { grossEnrolmentRates, retentionRates } from "../../src/capacity/enrolmentRates.js";
import { chinaSchoolSystem, type PopulationRecord, type PupilRecord, type StageRecord } from "../helpers/internal.js";
import { deepFreeze, expectClose } from "../helpers/expect.js";

const st = (area: string, year: number, stage: string, pupils: number, kind: "actual" | "forecast" = "actual"): StageRecord => ({ area, year, stage, pupils, kind, basis: "reported" });

describe("grossEnrolmentRates", () => {
  // Hand-made: ages 3, 4, 5 in 2020 are 100, 110, 120 persons; preschool pupils 363 → 363 / 330 = 1.1
  const pop: PopulationRecord[] = deepFreeze([
    { area: "a", year: 2020, age: 3, persons: 100 },
    { area: "a", year: 2020, age: 4, persons: 110 },
    { area: "a", year: 2020, age: 5, persons: 120, provenance: "estimate" },
    { area: "a", year: 2020, age: 2, persons: 90 },
    { area: "a", year: 2020, age: 1, persons: 80 },
  ]);

  it("divides pupils by the persons of the stage's ages", () => {
    const [r] = grossEnrolmentRates(deepFreeze([st("a", 2020, "preschool", 363)]), pop, chinaSchoolSystem, { groups: [["preschool"]] });
    expect(r).toMatchObject({ ages: [3, 4, 5], pupils: 363, persons: 330, kind: "actual", population: "given", basis: "estimate" });
    expectClose(r!.rate!, 1.1);
  });

  it("forecasts the rate with the cohort aged forward (2022: ages 3–5 were 1–3 in 2020)", () => {
    const [r] = grossEnrolmentRates([st("a", 2022, "preschool", 270, "forecast")], pop, chinaSchoolSystem, { groups: [["preschool"]] });
    // age 3 in 2022 ← age 1 in 2020 (80); age 4 ← age 2 (90); age 5 ← age 3 (100)
    expect(r).toMatchObject({ persons: 270, rate: 1, kind: "forecast", population: "aged-forward" });
    expect(grossEnrolmentRates([st("a", 2022, "preschool", 270, "forecast")], pop, chinaSchoolSystem, { groups: [["preschool"]], ageForward: false })).toEqual([]);
  });

  it("leaves out area-years without every age, and refuses unknown stages", () => {
    expect(grossEnrolmentRates([st("a", 2020, "primary", 500)], pop, chinaSchoolSystem, { groups: [["primary"]] })).toEqual([]);
    expect(() => grossEnrolmentRates([], pop, chinaSchoolSystem, { groups: [["college"]] })).toThrow(/college/);
  });

  it("property: scaling pupils scales the rate; the rate is pupils over persons", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10000 }), { minLength: 3, maxLength: 3 }), fc.double({ min: 0, max: 1e5, noNaN: true }), fc.double({ min: 0.5, max: 4, noNaN: true }), (ps, n, k) => {
        const p = ps.map((persons, i) => ({ area: "a", year: 2020, age: 15 + i, persons }));
        const [r] = grossEnrolmentRates([st("a", 2020, "senior", n)], p, chinaSchoolSystem, { groups: [["senior"]] });
        const [s] = grossEnrolmentRates([st("a", 2020, "senior", n * k)], p, chinaSchoolSystem, { groups: [["senior"]] });
        expectClose(r!.rate!, n / (ps[0]! + ps[1]! + ps[2]!));
        expectClose(s!.rate!, r!.rate! * k, { rel: 1e-12, abs: 1e-12 });
      }),
    );
  });
});

describe("retentionRates", () => {
  const g = (grade: string, year: number, pupils: number, kind: "actual" | "forecast" = "actual"): PupilRecord => ({ area: "a", year, grade, stage: grade.startsWith("P") ? "primary" : "junior", pupils, kind, basis: "reported" });

  it("J3 in t over P1 in t − 8", () => {
    const rows = retentionRates(deepFreeze([g("P1", 2012, 1000), g("P1", 2013, 900), g("J3", 2020, 970), g("J3", 2021, 891, "forecast"), g("J3", 2019, 5)]), chinaSchoolSystem, "P1", "J3");
    expect(rows.map((r) => [r.year, r.entryYear, r.rate, r.kind])).toEqual([
      [2020, 2012, 0.97, "actual"],
      [2021, 2013, 0.99, "forecast"],
    ]);
  });

  it("refuses unknown grades and reversed grades", () => {
    expect(() => retentionRates([], chinaSchoolSystem, "P1", "Y13")).toThrow(/Y13/);
    expect(() => retentionRates([], chinaSchoolSystem, "J3", "P1")).toThrow(/before/);
  });
});
