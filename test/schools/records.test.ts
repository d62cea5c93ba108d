import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, safeParseDataset, schoolGradesIn, type DataIssue } from "../helpers/internal.js";

// A small county with two 学区 and three schools; enrolment for 2019–2020.
function input(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const grades = ["P1", "P2", "P3", "P4", "P5", "P6"];
  const enrolment = ["xq1", "xq2"].flatMap((area) => [2019, 2020].flatMap((year) => grades.map((grade) => ({ area, year, grade, pupils: 100 }))));
  return {
    areas: [{ id: "county" }, { id: "xq1", parent: "county", grades }, { id: "xq2", parent: "county", grades }],
    enrolment,
    schools: [
      { id: "s1", area: "xq1", grades: [{ first: "P1", last: "P6" }], sector: "public", urbanRural: "urban" },
      { id: "s2", area: "xq1", grades: [{ list: ["P1", "P2", "P3"], to: 2019 }, { first: "P1", last: "P6", from: 2020 }] },
      { id: "s3", area: "xq2", grades: [{ first: "P1", last: "P6" }], opens: 2019, closes: 2022 },
    ],
    schoolEnrolment: [
      { school: "s1", year: 2020, grade: "P1", pupils: 50, classes: 1 },
      { school: "s2", year: 2019, grade: "P3", pupils: 40 },
    ],
    schoolPlaces: [{ school: "s1", year: 2020, places: 300, classes: 6 }],
    ...extra,
  };
}

function issues(extra: Record<string, unknown>): readonly DataIssue[] {
  const r = safeParseDataset(input(extra), chinaSchoolSystem);
  expect(r.success).toBe(false);
  return r.success ? [] : r.issues;
}

describe("school records", () => {
  it("a valid county with schools parses and keeps every record", () => {
    const r = safeParseDataset(input(), chinaSchoolSystem);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.schools).toHaveLength(3);
    expect(r.data.schoolEnrolment).toHaveLength(2);
    expect(r.data.schoolPlaces).toHaveLength(1);
  });

  it("grades by year follow spans, opening and closing", () => {
    const ids = ["P1", "P2", "P3", "P4", "P5", "P6"];
    const s2 = { id: "s2", area: "xq1", grades: [{ list: ["P1", "P2", "P3"], to: 2019 }, { first: "P1", last: "P6", from: 2020 }] };
    expect(schoolGradesIn(s2, 2019, ids)).toEqual(["P1", "P2", "P3"]);
    expect(schoolGradesIn(s2, 2020, ids)).toEqual(ids);
    const s3 = { id: "s3", area: "xq2", grades: [{ first: "P1", last: "P6" }], opens: 2019, closes: 2022 };
    expect(schoolGradesIn(s3, 2018, ids)).toEqual([]);
    expect(schoolGradesIn(s3, 2021, ids)).toEqual(ids);
    expect(schoolGradesIn(s3, 2022, ids)).toEqual([]);
  });

  it("refuses bad schools with located issues", () => {
    const is = issues({
      schools: [
        { id: "s1", area: "nowhere", grades: [{ first: "P1", last: "P6" }] },
        { id: "s2", area: "xq1", grades: [{ first: "P1", list: ["P2"] }] },
        { id: "s3", area: "xq1", grades: [{ first: "P6", last: "P1" }], opens: 2020, closes: 2019 },
        { id: "s3", area: "xq1", grades: [{ first: "P1", last: "Q9" }] },
        { id: "s4", area: "xq1", grades: [] },
      ],
      schoolEnrolment: [],
      schoolPlaces: [],
    });
    const text = is.map((i) => `${i.code} ${i.path.join(".")}: ${i.message}`).join("\n");
    expect(text).toContain("unknown_area schools.0.area: schools[0] (id s1, area nowhere): area \"nowhere\" is not in areas");
    expect(text).toContain("invalid_value schools.1.grades.0: schools[1] (id s2, area xq1): grades[0] must give either first and last, or list");
    expect(text).toContain("inconsistent schools.2.closes");
    expect(text).toContain("inconsistent schools.2.grades.0.last");
    expect(text).toContain("duplicate schools.3.id");
    expect(text).toContain("schools.4.grades");
  });

  it("refuses school enrolment outside a school's grades or years, unknown schools and duplicates", () => {
    const is = issues({
      schoolEnrolment: [
        { school: "s2", year: 2019, grade: "P5", pupils: 10 },
        { school: "s3", year: 2022, grade: "P1", pupils: 10 },
        { school: "nope", year: 2020, grade: "P1", pupils: 10 },
        { school: "s1", year: 2020, grade: "P1", pupils: 10 },
        { school: "s1", year: 2020, grade: "P1", pupils: 11 },
        { school: "s1", year: 2020, grade: "P2", pupils: 10, classes: 0 },
        { school: "s1", year: 2020, grade: "P3", pupils: -1 },
      ],
    });
    const codes = is.map((i) => `${i.code} ${i.path.join(".")}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "grade_not_offered schoolEnrolment.0.grade",
        "grade_not_offered schoolEnrolment.1.grade",
        "unknown_reference schoolEnrolment.2.school",
        "duplicate schoolEnrolment.4",
        "inconsistent schoolEnrolment.5.classes",
        "invalid_value schoolEnrolment.6.pupils",
      ]),
    );
    expect(is.find((i) => i.path.join(".") === "schoolEnrolment.0.grade")!.message).toBe(
      "schoolEnrolment[0] (school s2, grade P5, year 2019): school s2 does not teach P5 in 2019 (by its grades, opens and closes); correct the school's grade spans or drop the record",
    );
  });

  it("planned places may name a school of the same area, and nothing else", () => {
    const is = issues({
      plannedPlaces: [
        { area: "xq1", stage: "primary", year: 2022, places: 900, school: "s1", kind: "extension" },
        { area: "xq1", stage: "primary", year: 2022, places: 900, school: "s3" },
        { area: "xq1", stage: "primary", year: 2022, places: 900, school: "zz" },
      ],
    });
    expect(is.map((i) => `${i.code} ${i.path.join(".")}`)).toEqual(["inconsistent plannedPlaces.1.school", "unknown_reference plannedPlaces.2.school"]);
  });
});
